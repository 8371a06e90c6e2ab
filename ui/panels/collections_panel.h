#pragma once
// CollectionsPanel: the sidebar tree of collections, folders and requests (method badges), with a
// filter box, context menu (new request/folder, rename, duplicate, delete), drag and drop to reorder
// and move, and undo (Ctrl+Z) for deletes and moves. Changes go to the Workspace.
#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;
class QUndoStack;

namespace sonde::ui {

class CollectionTreeModel;
class Workspace;

class CollectionsPanel : public QWidget {
    Q_OBJECT
public:
    CollectionsPanel(Workspace* workspace, QWidget* parent = nullptr);

    QTreeView* tree() const { return tree_; }
    QLineEdit* filterEdit() const { return filter_; }
    CollectionTreeModel* model() const { return model_; }
    QUndoStack* undoStack() const { return undo_; }
    // Selects (and reveals) the item with that id; false when it is not in the tree.
    bool select(const std::string& id);
    void deleteSelected();
    void duplicateSelected();
    void newFolder();

signals:
    void requestActivated(const std::string& collectionId, const std::string& requestId);
    void newRequestRequested(const std::string& collectionId);

private:
    void reload();
    // The tree changed (rename, move, delete): writes every changed collection back, one undo step.
    void syncFromTree(const QString& label = {});
    void showMenu(const QPoint& pos);
    std::string collectionIdOf(const QModelIndex& sourceIndex) const;

    Workspace* workspace_;
    CollectionTreeModel* model_;
    QSortFilterProxyModel* proxy_;
    QTreeView* tree_;
    QLineEdit* filter_;
    QUndoStack* undo_;
    bool syncing_ = false;
    bool syncQueued_ = false;
};

}  // namespace sonde::ui
