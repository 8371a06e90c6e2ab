// sonde: the GUI workbench. sonde [--db PATH] [--settings FILE] [--send-first | --send NAME]
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTimer>

#include "first_run.h"
#include "ui/main_window.h"
#include "ui/panels/request_tab.h"
#include "ui/panels/request_tabs.h"
#include "core/store/database.h"
#include "ui/store_backend.h"
#include "ui/workspace.h"

using namespace sonde;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sonde"));
    QApplication::setOrganizationName(QStringLiteral("sonde"));
    QApplication::setApplicationDisplayName(QStringLiteral("Sonde"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    // Fusion follows the system palette (light or dark) the same way on every desktop.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/sonde/sonde.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.sonde.Sonde"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sonde: a native workbench for testing APIs."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("The workspace database (default: the user data directory)."),
                                QStringLiteral("path"));
    QCommandLineOption settingsOption(QStringLiteral("settings"), QStringLiteral("An INI file for window settings (default: the user's)."),
                                      QStringLiteral("file"));
    QCommandLineOption sendFirst(QStringLiteral("send-first"),
                                 QStringLiteral("Open and send the first request of the first collection (also SONDE_AUTOSEND=1)."));
    QCommandLineOption sendNamed(QStringLiteral("send"), QStringLiteral("Open and send the request with this name."),
                                 QStringLiteral("name"));
    parser.addOptions({dbOption, settingsOption, sendFirst, sendNamed});
    parser.process(app);

    const QString db = parser.isSet(dbOption) ? parser.value(dbOption) : QString::fromStdString(defaultDatabasePath());
    QDir().mkpath(QFileInfo(db).absolutePath());
    auto settings = parser.isSet(settingsOption) ? std::make_unique<QSettings>(parser.value(settingsOption), QSettings::IniFormat)
                                                 : std::make_unique<QSettings>();

    std::unique_ptr<ui::WorkspaceBackend> backend;
    QString storeProblem;
    if (auto store = ui::StoreBackend::open(db.toStdString())) {
        backend = std::move(store.value());
    } else {
        // Keep working (in memory) and say why nothing will be saved.
        storeProblem = QObject::tr("Could not open %1: %2. Changes will not be saved.")
                           .arg(db, QString::fromStdString(store.error().message()));
        backend = std::make_unique<ui::MemoryBackend>();
    }
    ui::Workspace workspace(std::move(backend));
    const QString firstRun = app::importSampleIfEmpty(workspace);
    ui::MainWindow window(&workspace, settings.get(), db + QStringLiteral(".drafts"));
    window.show();
    if (!storeProblem.isEmpty()) window.statusBar()->showMessage(storeProblem);
    else if (!firstRun.isEmpty()) window.statusBar()->showMessage(firstRun, 15000);

    if (parser.isSet(sendFirst) || parser.isSet(sendNamed) || qEnvironmentVariable("SONDE_AUTOSEND") == QLatin1String("1")) {
        const std::string wanted = parser.value(sendNamed).toStdString();
        QTimer::singleShot(300, &window, [&window, &workspace, wanted] {
            for (const auto& c : workspace.collections()) {
                std::string id;
                forEachRequest(c.root, [&](const RequestSpec& r, const std::string&) {
                    if (id.empty() && (wanted.empty() || r.name == wanted)) id = r.id;
                });
                if (id.empty()) continue;
                if (auto* tab = window.tabs()->openRequest(c.id, id)) tab->send();
                return;
            }
        });
    }
    return app.exec();
}
