#pragma once
// MainWindow: builds the panels and connects them; it holds no logic of its own beyond wiring,
// shortcuts and restoring the layout (UiSettings).
#include <QMainWindow>

class QComboBox;
class QSettings;
class QSplitter;
class QTabWidget;

namespace sonde::ui {

class CollectionsPanel;
class DraftStore;
class EnvironmentPanel;
class HistoryPanel;
class ImportController;
class QuickOpenDialog;
class RequestTabs;
class SchemaExplorerPanel;
class SecurityPanel;
class SendWorker;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `settings` and `workspace` must outlive the window; drafts live in draftsDir.
    MainWindow(Workspace* workspace, QSettings* settings, const QString& draftsDir, QWidget* parent = nullptr);
    ~MainWindow() override;

    RequestTabs* tabs() const { return tabs_; }
    CollectionsPanel* collections() const { return collections_; }
    HistoryPanel* history() const { return history_; }
    EnvironmentPanel* environments() const { return environments_; }
    QComboBox* environmentSelector() const { return envCombo_; }
    QuickOpenDialog* quickOpen() const { return quickOpen_; }
    QTabWidget* sidebar() const { return sidebar_; }
    SendWorker* sendWorker() const { return worker_; }
    DraftStore* drafts() const { return drafts_; }
    SecurityPanel* security() const { return security_; }
    SchemaExplorerPanel* schemaExplorer() const { return schemaExplorer_; }
    void saveSettings();
    // File > Import…: a Postman collection/environment, HAR, curl file or collection directory.
    void importFile(const QString& path);
    ImportController* importer() const { return importer_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildToolbar();
    void buildShortcuts();
    void restore();
    void reloadEnvironments();
    void buildDocks();  // GraphQL schema explorer and Security panel

    Workspace* workspace_;
    QSettings* settings_;
    SendWorker* worker_;
    DraftStore* drafts_;
    QSplitter* split_;
    QTabWidget* sidebar_;
    CollectionsPanel* collections_;
    HistoryPanel* history_;
    EnvironmentPanel* environments_;
    RequestTabs* tabs_;
    QComboBox* envCombo_;
    QuickOpenDialog* quickOpen_;
    SecurityPanel* security_ = nullptr;
    SchemaExplorerPanel* schemaExplorer_ = nullptr;
    ImportController* importer_ = nullptr;
    void buildFileMenu();
    QMetaObject::Connection schemaFeed_;  // current tab's GraphQL schema -> explorer
};

}  // namespace sonde::ui
