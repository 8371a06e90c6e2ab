// File > Import… in the GUI: a Postman collection and environment, a malformed file, over a real
// SQLite store; the import runs off the UI thread and what it could not carry over is one dialog.
#include <QClipboard>
#include <QComboBox>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>

#include "core/store/collection_repository.h"
#include "core/store/database.h"
#include "ui/import_controller.h"
#include "ui/main_window.h"
#include "ui/panels/body_editor.h"
#include "ui/panels/request_panel.h"
#include "ui/widgets/key_value_table.h"
#include "ui/widgets/url_line_edit.h"
#include "ui/store_backend.h"
#include "ui/workspace.h"

using namespace sonde;
using namespace sonde::ui;

namespace {
QString fixture(const char* name) { return QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/") + name; }
}  // namespace

class TestUiImport : public QObject {
    Q_OBJECT
private slots:
    void pastingCurlIntoTheUrlLineFillsTheRequest() {
        RequestPanel panel;
        RequestSpec start;
        start.name = "Mine";
        start.assertions.push_back(Assertion{});
        panel.setRequest(start);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy edited(&panel, &RequestPanel::edited);
        // As Chrome's "Copy as cURL (bash)" writes it: line continuations and $'…' quoting.
        QGuiApplication::clipboard()->setText(
            "curl 'http://127.0.0.1:9/api/items?q=cat' \\\n  -X PUT \\\n  -H 'accept: application/json' \\\n"
            "  -H $'x-note: it\\'s' \\\n  --data-raw '{\"a\":1}'");
        panel.urlEdit()->setFocus();
        QTest::keySequence(panel.urlEdit(), QKeySequence::Paste);
        QCOMPARE(edited.size(), 1);
        const RequestSpec r = panel.request();
        QCOMPARE(r.method, std::string("PUT"));
        QCOMPARE(r.url, std::string("http://127.0.0.1:9/api/items?q=cat"));
        QCOMPARE(panel.urlEdit()->text(), QString("http://127.0.0.1:9/api/items?q=cat"));
        QCOMPARE(r.headers.size(), std::size_t(2));
        QCOMPARE(r.headers[1].value, std::string("it's"));
        QCOMPARE(r.body.text, std::string("{\"a\":1}"));
        QCOMPARE(r.name, std::string("Mine"));          // the request keeps its name
        QCOMPARE(r.assertions.size(), std::size_t(1));  // and its checks
        QCOMPARE(panel.paramsTable()->rows().at(0).key, std::string("q"));  // params follow the URL

        // A command that cannot be read changes nothing.
        QGuiApplication::clipboard()->setText("curl --frobnicate http://x.test/");
        QTest::keySequence(panel.urlEdit(), QKeySequence::Paste);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(panel.request().method, std::string("PUT"));
        // Ordinary text pastes as text.
        panel.urlEdit()->clear();
        QGuiApplication::clipboard()->setText("http://plain.test/");
        QTest::keySequence(panel.urlEdit(), QKeySequence::Paste);
        QCOMPARE(panel.urlEdit()->text(), QString("http://plain.test/"));
    }

    void importsIntoTheStoreWithoutReplacingAnything() {
        QTemporaryDir dir;
        const std::string db = dir.filePath("sonde.db").toStdString();
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        {
            auto store = StoreBackend::open(db);
            QVERIFY(store);
            sonde::ui::Workspace ws(std::move(store.value()));
            MainWindow w(&ws, &settings, dir.filePath("drafts"));
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            const auto before = ws.collections().size();

            QSignalSpy done(w.importer(), &ImportController::imported);
            w.importFile(fixture("shop.postman_collection.json"));
            QVERIFY(done.wait(10000));
            QCOMPARE(ws.collections().size(), before + 1);
            QCOMPARE(ws.collections().back().name, std::string("Shop API"));
            QVERIFY2(w.statusBar()->currentMessage().contains("Imported 'Shop API' (6 requests, Postman collection); 4 warnings"), qPrintable(w.statusBar()->currentMessage()));
            // One dialog with every warning in its details.
            auto* box = w.findChild<QMessageBox*>(QStringLiteral("importWarnings"));
            QVERIFY(box);
            QVERIFY(box->detailedText().contains("GraphQL hello: auth type 'oauth2' is not supported"));
            box->close();

            // The same file again: a second collection, the first untouched.
            w.importFile(fixture("shop.postman_collection.json"));
            QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 10000);
            QCOMPARE(ws.collections().size(), before + 2);
            QVERIFY(ws.collections()[before].id != ws.collections()[before + 1].id);

            // Environments: a taken name gets a number instead of replacing the first.
            w.importFile(fixture("staging.postman_environment.json"));
            QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 10000);
            w.importFile(fixture("staging.postman_environment.json"));
            QTRY_COMPARE_WITH_TIMEOUT(done.size(), 4, 10000);
            QStringList envNames;
            for (const auto& e : ws.environments()) envNames << QString::fromStdString(e.name);
            QVERIFY2(envNames.contains("Staging") && envNames.contains("Staging 2"), qPrintable(envNames.join(",")));

            // A malformed file: an error naming the line and column, nothing added.
            QSignalSpy failed(w.importer(), &ImportController::failed);
            w.importFile(fixture("broken.json"));
            QVERIFY(failed.wait(10000));
            QVERIFY2(failed.at(0).at(0).toString().contains("broken.json:4:18"), qPrintable(failed.at(0).at(0).toString()));
            QVERIFY(w.findChild<QMessageBox*>(QStringLiteral("importError")));
            QCOMPARE(ws.collections().size(), before + 2);
            w.close();
        }
        // In the SQLite file: both copies, with every request.
        auto database = Database::open(db);
        QVERIFY(database);
        CollectionRepository repo(*database);
        auto list = repo.list();
        QVERIFY(list);
        int shops = 0;
        for (const auto& c : *list)
            if (c.name == "Shop API") {
                ++shops;
                QCOMPARE(c.requestCount, 6);
            }
        QCOMPARE(shops, 2);
    }
};

QTEST_MAIN(TestUiImport)
#include "test_ui_import.moc"
