// sonde: the GUI workbench. sonde [--db PATH] [--settings FILE] [--send-first]
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
    parser.addOptions({dbOption, settingsOption, sendFirst});
    parser.process(app);

    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString db = parser.isSet(dbOption) ? parser.value(dbOption) : dataDir + QStringLiteral("/sonde.db");
    QDir().mkpath(QFileInfo(db).absolutePath());
    auto settings = parser.isSet(settingsOption) ? std::make_unique<QSettings>(parser.value(settingsOption), QSettings::IniFormat)
                                                 : std::make_unique<QSettings>();

    ui::Workspace workspace(std::make_unique<ui::MemoryBackend>());
    const QString firstRun = app::importSampleIfEmpty(workspace);
    ui::MainWindow window(&workspace, settings.get(), db + QStringLiteral(".drafts"));
    window.show();
    if (!firstRun.isEmpty()) window.statusBar()->showMessage(firstRun, 15000);

    if (parser.isSet(sendFirst) || qEnvironmentVariable("SONDE_AUTOSEND") == QLatin1String("1")) {
        QTimer::singleShot(300, &window, [&window, &workspace] {
            for (const auto& c : workspace.collections()) {
                if (c.root.requests.empty()) continue;
                if (auto* tab = window.tabs()->openRequest(c.id, c.root.requests.front().id)) tab->send();
                return;
            }
        });
    }
    return app.exec();
}
