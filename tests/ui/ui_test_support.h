#pragma once
// Shared set-up for the GUI tests: a MainWindow over an in-memory workspace with one collection and two
// environments, settings and drafts in a temporary directory.
#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "ui/main_window.h"
#include "ui/workspace.h"

namespace sonde::ui::testing {

struct WindowFixture {
    QTemporaryDir dir;
    std::unique_ptr<QSettings> settings;
    MemoryBackend* backend = nullptr;  // owned by the workspace
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<MainWindow> window;
    std::string collectionId = "col-1";
    std::string devEnv = "env-dev", prodEnv = "env-prod";

    // baseUrl: what {{baseUrl}} resolves to in the "dev" environment.
    explicit WindowFixture(const std::string& baseUrl, std::unique_ptr<MemoryBackend> reuse = nullptr) {
        settings = std::make_unique<QSettings>(dir.filePath("settings.ini"), QSettings::IniFormat);
        auto b = reuse ? std::move(reuse) : std::make_unique<MemoryBackend>();
        if (b->collections.empty()) {
            Collection c;
            c.id = collectionId;
            c.name = "Test collection";
            Environment dev{devEnv, "dev", {{"baseUrl", baseUrl, true, false}, {"token", "s3cret", true, true}}};
            Environment prod{prodEnv, "prod", {{"baseUrl", "https://prod.invalid", true, false}}};
            c.environments = {dev, prod};
            RequestSpec r;
            r.id = "req-1";
            r.name = "Existing request";
            r.url = "{{baseUrl}}/echo";
            c.root.requests.push_back(r);
            b->collections.push_back(c);
        }
        backend = b.get();
        workspace = std::make_unique<Workspace>(std::move(b));
        open();
    }
    void open() {
        window = std::make_unique<MainWindow>(workspace.get(), settings.get(), dir.filePath("drafts"));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->activateWindow();
    }
    void close() {
        window->close();
        window.reset();
    }
};

}  // namespace sonde::ui::testing
