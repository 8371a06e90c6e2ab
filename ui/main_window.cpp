#include "ui/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QMessageBox>
#include <QMenuBar>
#include <QLabel>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include "core/vars/variable_resolver.h"
#include "ui/dialogs/quick_open_dialog.h"
#include "ui/graphql/graphql_body_widget.h"
#include "ui/graphql/schema_explorer_panel.h"
#include "ui/panels/body_editor.h"
#include "ui/panels/security_panel.h"
#include "ui/draft_store.h"
#include "ui/import_controller.h"
#include "ui/panels/collections_panel.h"
#include "ui/panels/environment_panel.h"
#include "ui/panels/history_panel.h"
#include "ui/panels/request_panel.h"
#include "ui/panels/request_tab.h"
#include "ui/panels/request_tabs.h"
#include "ui/send_worker.h"
#include "ui/ui_settings.h"
#include "ui/widgets/url_line_edit.h"
#include "ui/workspace.h"

namespace sonde::ui {

MainWindow::MainWindow(Workspace* workspace, QSettings* settings, const QString& draftsDir, QWidget* parent)
    : QMainWindow(parent), workspace_(workspace), settings_(settings) {
    setWindowTitle(QStringLiteral("Sonde"));
    worker_ = new SendWorker(this);
    drafts_ = new DraftStore(draftsDir, this);
    split_ = new QSplitter(Qt::Horizontal, this);
    sidebar_ = new QTabWidget(split_);
    sidebar_->setDocumentMode(true);
    collections_ = new CollectionsPanel(workspace_, sidebar_);
    history_ = new HistoryPanel(workspace_, sidebar_);
    environments_ = new EnvironmentPanel(workspace_, sidebar_);
    sidebar_->addTab(collections_, tr("Collections"));
    sidebar_->addTab(history_, tr("History"));
    sidebar_->addTab(environments_, tr("Environments"));
    tabs_ = new RequestTabs(workspace_, worker_, drafts_, split_);
    split_->addWidget(sidebar_);
    split_->addWidget(tabs_);
    split_->setStretchFactor(1, 1);
    split_->setSizes({300, 1100});
    setCentralWidget(split_);
    quickOpen_ = new QuickOpenDialog(workspace_, this);
    buildFileMenu();
    buildDocks();
    buildToolbar();
    buildShortcuts();
    statusBar()->showMessage(tr("Ready"), 2000);

    connect(collections_, &CollectionsPanel::requestActivated, tabs_, &RequestTabs::openRequest);
    connect(collections_, &CollectionsPanel::newRequestRequested, this, [this](const std::string& cid) {
        RequestTab* tab = tabs_->newTab();
        tab->load(cid, RequestSpec{}, true);
    });
    connect(history_, &HistoryPanel::entryActivated, tabs_, &RequestTabs::openHistory);
    connect(quickOpen_, &QuickOpenDialog::requestChosen, tabs_, &RequestTabs::openRequest);
    connect(tabs_, &RequestTabs::currentRequestChanged, this, [this](RequestTab* tab) {
        if (tab && !tab->requestId().empty()) collections_->select(tab->requestId());
    });
    connect(workspace_, &Workspace::errorOccurred, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    restore();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildFileMenu() {
    importer_ = new ImportController(workspace_, this);
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* import = file->addAction(tr("&Import…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import"), QString(),
            tr("Postman, Insomnia, OpenAPI, HAR, curl, .http (*.json *.yaml *.yml *.har *.sh *.txt *.curl *.http *.rest);;All files (*)"));
        if (!path.isEmpty()) importFile(path);
    });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    import->setToolTip(tr("Import a Postman collection or environment, an Insomnia export, an OpenAPI document, a HAR file or a curl command (Ctrl+O)"));
    file->addAction(tr("Import collection &directory…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a Sonde or Bruno collection directory"));
        if (!dir.isEmpty()) importFile(dir);
    });
    connect(importer_, &ImportController::imported, this, [this](const QString& summary, const QStringList& warnings) {
        statusBar()->showMessage(warnings.isEmpty() ? summary : tr("%1; %2 warnings").arg(summary).arg(warnings.size()), 10000);
        if (warnings.isEmpty()) return;
        // One box listing everything that was not carried over, never one dialog per warning.
        auto* box = new QMessageBox(QMessageBox::Information, tr("Import"), summary, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("importWarnings"));
        box->setInformativeText(tr("%1 things could not be carried over (see details).").arg(warnings.size()));
        box->setDetailedText(warnings.join('\n'));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(importer_, &ImportController::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Import failed: %1").arg(message), 15000);
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Import failed"), message, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("importError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::importFile(const QString& path) {
    statusBar()->showMessage(tr("Importing %1…").arg(path));
    importer_->importFile(path);
}

void MainWindow::buildDocks() {
    schemaExplorer_ = new SchemaExplorerPanel(this);
    auto* schemaDock = new QDockWidget(tr("GraphQL schema"), this);
    schemaDock->setObjectName(QStringLiteral("schemaDock"));
    schemaDock->setWidget(schemaExplorer_);
    addDockWidget(Qt::RightDockWidgetArea, schemaDock);
    schemaDock->hide();
    security_ = new SecurityPanel(this);
    auto* securityDock = new QDockWidget(tr("Security"), this);
    securityDock->setObjectName(QStringLiteral("securityDock"));
    securityDock->setWidget(security_);
    addDockWidget(Qt::BottomDockWidgetArea, securityDock);
    securityDock->hide();
    auto* view = menuBar()->addMenu(tr("&View"));
    view->addAction(schemaDock->toggleViewAction());
    view->addAction(securityDock->toggleViewAction());

    // The schema of the current tab's GraphQL body; "Insert field" goes to its query editor.
    auto graphqlOf = [](RequestTab* tab) { return tab ? tab->requestPanel()->bodyEditor()->graphqlEditor() : nullptr; };
    connect(tabs_, &RequestTabs::currentRequestChanged, this, [this, graphqlOf, schemaDock](RequestTab* tab) {
        disconnect(schemaFeed_);
        GraphqlBodyWidget* g = graphqlOf(tab);
        schemaExplorer_->setSchema(g ? g->schema() : nullptr);
        if (!g) return;
        schemaFeed_ = connect(g, &GraphqlBodyWidget::schemaChanged, schemaExplorer_, [this, schemaDock](SchemaPtr s) {
            schemaExplorer_->setSchema(s);
            schemaDock->show();
        });
    });
    connect(schemaExplorer_, &SchemaExplorerPanel::insertField, this, [this, graphqlOf](const QString& name) {
        if (GraphqlBodyWidget* g = graphqlOf(tabs_->current())) g->queryEditor()->insertField(name);
    });

    // Security: scan targets are the workspace's collections, resolved with the active environment.
    security_->setCollections(workspace_->collections());
    connect(workspace_, &Workspace::collectionsChanged, security_,
            [this] { security_->setCollections(workspace_->collections()); });
    security_->setResolver([this](const RequestSpec& r) {
        std::string collectionId;
        workspace_->findRequest(r.id, &collectionId);
        return VariableResolver(workspace_->scopesFor(collectionId)).resolveRequest(r).value;
    });
}

void MainWindow::buildToolbar() {
    auto* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    bar->setMovable(false);
    bar->addAction(tr("New"), tabs_, &RequestTabs::newTab)->setToolTip(tr("New request tab (Ctrl+T)"));
    bar->addAction(tr("Save"), this, [this] { if (auto* t = tabs_->current()) t->save(); })->setToolTip(tr("Save (Ctrl+S)"));
    auto* beside = bar->addAction(tr("Response beside"));
    beside->setCheckable(true);
    beside->setObjectName(QStringLiteral("responseBeside"));
    beside->setToolTip(tr("Show the response beside the request instead of below"));
    connect(beside, &QAction::toggled, tabs_, &RequestTabs::setResponseBeside);
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    bar->addWidget(new QLabel(tr("Environment "), bar));
    envCombo_ = new QComboBox(bar);
    envCombo_->setMinimumContentsLength(16);
    envCombo_->setToolTip(tr("Active environment: its variables resolve {{names}}"));
    bar->addWidget(envCombo_);
    connect(envCombo_, &QComboBox::currentIndexChanged, this, [this] {
        workspace_->setActiveEnvironment(envCombo_->currentData().toString().toStdString());
    });
    connect(workspace_, &Workspace::environmentsChanged, this, &MainWindow::reloadEnvironments);
    connect(workspace_, &Workspace::activeEnvironmentChanged, envCombo_, [this] {  // set elsewhere (undo)
        const QSignalBlocker block(envCombo_);
        envCombo_->setCurrentIndex(qMax(0, envCombo_->findData(QString::fromStdString(workspace_->activeEnvironmentId()))));
    });
    reloadEnvironments();
}

void MainWindow::reloadEnvironments() {
    const QSignalBlocker block(envCombo_);
    envCombo_->clear();
    envCombo_->addItem(tr("No environment"), QString());
    for (const auto& e : workspace_->environments())
        envCombo_->addItem(QString::fromStdString(e.name), QString::fromStdString(e.id));
    const int i = envCombo_->findData(QString::fromStdString(workspace_->activeEnvironmentId()));
    envCombo_->setCurrentIndex(i < 0 ? 0 : i);
    if (i < 0) workspace_->setActiveEnvironment({});
}

void MainWindow::buildShortcuts() {
    auto bind = [this](const QKeySequence& keys, auto&& fn) {
        auto* s = new QShortcut(keys, this);
        s->setContext(Qt::WindowShortcut);
        connect(s, &QShortcut::activated, this, fn);
    };
    auto send = [this] {
        if (auto* t = tabs_->current()) t->isSending() ? t->cancel() : t->send();
    };
    bind(QKeySequence(Qt::CTRL | Qt::Key_Return), send);
    bind(QKeySequence(Qt::CTRL | Qt::Key_Enter), send);
    bind(QKeySequence::Save, [this] { if (auto* t = tabs_->current()) t->save(); });
    bind(QKeySequence(Qt::CTRL | Qt::Key_T), [this] { tabs_->newTab()->requestPanel()->urlEdit()->setFocus(); });
    bind(QKeySequence(Qt::CTRL | Qt::Key_W), [this] { if (tabs_->count()) tabs_->closeTab(tabs_->currentIndex()); });
    bind(QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        if (!tabs_->current()) tabs_->newTab();
        tabs_->current()->requestPanel()->urlEdit()->setFocus();
        tabs_->current()->requestPanel()->urlEdit()->selectAll();
    });
    bind(QKeySequence(Qt::CTRL | Qt::Key_P), [this] { quickOpen_->popup(); });
}

void MainWindow::restore() {
    const UiSettings s = UiSettings::load(*settings_);
    if (!s.windowGeometry.isEmpty()) restoreGeometry(s.windowGeometry);
    else resize(1280, 820);
    if (!s.windowState.isEmpty()) restoreState(s.windowState);
    if (!s.sidebarSplitter.isEmpty()) split_->restoreState(s.sidebarSplitter);
    findChild<QAction*>(QStringLiteral("responseBeside"))->setChecked(s.responseBeside);
    if (s.hasLastEnvironment) workspace_->setActiveEnvironment(s.lastEnvironment.toStdString());
    reloadEnvironments();
    for (const QString& id : s.openRequests) tabs_->openRequest({}, id.toStdString());
    for (const auto& d : drafts_->load()) tabs_->openDraft(d.key, d.collectionId, d.request);
    if (tabs_->count() == 0) tabs_->newTab();  // never an empty centre
    tabs_->setCurrentIndex(qBound(0, s.currentTab, tabs_->count() - 1));
}

void MainWindow::saveSettings() {
    UiSettings s;
    s.windowGeometry = saveGeometry();
    s.windowState = saveState();
    s.sidebarSplitter = split_->saveState();
    s.responseBeside = tabs_->responseBeside();
    for (int i = 0; i < tabs_->count(); ++i)
        if (!tabs_->tabAt(i)->requestId().empty() && !tabs_->tabAt(i)->isDirty())
            s.openRequests << QString::fromStdString(tabs_->tabAt(i)->requestId());
    s.currentTab = tabs_->currentIndex();
    s.lastEnvironment = QString::fromStdString(workspace_->activeEnvironmentId());
    s.save(*settings_);
    settings_->sync();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // Unsaved tabs are not asked about: their drafts are on disk and come back next time.
    for (int i = 0; i < tabs_->count(); ++i)
        if (tabs_->tabAt(i)->isDirty()) drafts_->schedule({tabs_->tabAt(i)->key(), tabs_->tabAt(i)->collectionId(), tabs_->tabAt(i)->request()});
    drafts_->flush();
    environments_->commit();
    saveSettings();
    event->accept();
}

}  // namespace sonde::ui
