#pragma once
// EnvironmentPanel: the environments (the active one in bold) and their variables. Create, rename (F2, double-click), duplicate
// and delete them from the buttons or the context menu; every change can be undone (Ctrl+Z, the menu,
// or the Undo button of the "deleted" notice). Secret values are masked unless "Show secrets" is on;
// variable edits are saved to the Workspace as you type (debounced).
#include <QWidget>

#include "core/model/collection.h"

class QFrame;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QTableWidget;
class QToolButton;
class QTimer;
class QUndoStack;

namespace sonde::ui {

class Workspace;

class EnvironmentPanel : public QWidget {
    Q_OBJECT
public:
    EnvironmentPanel(Workspace* workspace, QWidget* parent = nullptr);
    QListWidget* list() const { return list_; }
    QTableWidget* table() const { return table_; }
    QToolButton* revealButton() const { return reveal_; }
    QToolButton* newButton() const { return new_; }
    QToolButton* duplicateButton() const { return duplicate_; }
    QToolButton* renameButton() const { return rename_; }
    QToolButton* deleteButton() const { return delete_; }
    QToolButton* undoButton() const { return undoDelete_; }  // on the notice shown after a delete
    QFrame* deletedNotice() const { return notice_; }
    QUndoStack* undoStack() const { return undo_; }
    bool secretsShown() const;
    QString displayedValue(int row) const;  // what the value column shows (masked for secrets)
    const std::string& currentEnvironmentId() const { return current_; }
    void selectEnvironment(const std::string& id);
    void addVariable(const Variable& v);
    void commit();  // writes the table back now (normally debounced)

    // The actions behind the buttons and the menu (each one undoable).
    void renameEnvironment(const std::string& id, const QString& name);
    std::string duplicateEnvironment(const std::string& id);
    void deleteEnvironment(const std::string& id);

private:
    void reload();
    void showEnvironment(const std::string& id);
    void showMenu(const QPoint& pos);
    void updateButtons();
    void markActive();  // the active environment (toolbar selector) in bold
    void onItemRenamed(QListWidgetItem* item);

    Workspace* workspace_;
    QListWidget* list_;
    QTableWidget* table_;
    QToolButton *new_, *duplicate_, *rename_, *delete_, *reveal_, *undoDelete_;
    QFrame* notice_;
    QLabel* noticeText_;
    QTimer* saveTimer_;
    QUndoStack* undo_;
    std::string current_;
    bool loading_ = false;
};

}  // namespace sonde::ui
