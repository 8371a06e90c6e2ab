#include "ui/panels/collections_panel.h"

#include <QAction>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include "ui/models/collection_tree_model.h"
#include "ui/widgets/method_badge.h"
#include "ui/workspace.h"

namespace sonde::ui {

namespace {
// One undo step: the collections before and after a change (they are small values).
class SnapshotCommand : public QUndoCommand {
public:
    SnapshotCommand(Workspace* ws, std::vector<Collection> before, const QString& text)
        : QUndoCommand(text), ws_(ws), before_(std::move(before)), after_(ws->collections()) {}
    void undo() override { apply(before_, after_); }
    void redo() override {
        if (first_) return void(first_ = false);
        apply(after_, before_);
    }

private:
    void apply(const std::vector<Collection>& target, const std::vector<Collection>& current) {
        for (const auto& c : current)
            if (std::none_of(target.begin(), target.end(), [&](const Collection& t) { return t.id == c.id; }))
                ws_->removeCollection(c.id);
        for (const auto& c : target) {
            const Collection* now = ws_->collection(c.id);
            if (!now || !(*now == c)) ws_->replaceCollection(c);
        }
    }
    Workspace* ws_;
    std::vector<Collection> before_, after_;
    bool first_ = true;
};
}  // namespace

CollectionsPanel::CollectionsPanel(Workspace* workspace, QWidget* parent) : QWidget(parent), workspace_(workspace) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter requests"));
    filter_->setClearButtonEnabled(true);
    model_ = new CollectionTreeModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setRecursiveFilteringEnabled(true);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    tree_ = new QTreeView(this);
    tree_->setModel(proxy_);
    tree_->setHeaderHidden(true);
    tree_->setItemDelegate(new MethodBadgeDelegate(tree_));
    tree_->setDragDropMode(QAbstractItemView::InternalMove);
    tree_->setDefaultDropAction(Qt::MoveAction);
    tree_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    tree_->setContextMenuPolicy(Qt::CustomContextMenu);
    lay->addWidget(filter_);
    lay->addWidget(tree_, 1);
    undo_ = new QUndoStack(this);

    auto* undoAction = undo_->createUndoAction(this, tr("Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto* redoAction = undo_->createRedoAction(this, tr("Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    redoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto* deleteAction = new QAction(tr("Delete"), this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &CollectionsPanel::deleteSelected);
    tree_->addActions({undoAction, redoAction, deleteAction});

    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
        proxy_->setFilterFixedString(text);
        if (!text.isEmpty()) tree_->expandAll();
    });
    connect(tree_, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QModelIndex src = proxy_->mapToSource(index);
        if (src.data(CollectionTreeModel::KindRole).toInt() != CollectionTreeModel::RequestItem) return;
        emit requestActivated(collectionIdOf(src), src.data(CollectionTreeModel::IdRole).toString().toStdString());
    });
    connect(tree_, &QTreeView::customContextMenuRequested, this, &CollectionsPanel::showMenu);
    // Renames and drops change the items; write back once the model has settled.
    auto queueSync = [this] {
        if (syncing_ || syncQueued_) return;
        syncQueued_ = true;
        QTimer::singleShot(0, this, [this] { syncQueued_ = false; syncFromTree(); });
    };
    connect(model_, &QStandardItemModel::itemChanged, this, queueSync);
    connect(model_, &QAbstractItemModel::rowsInserted, this, queueSync);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, queueSync);
    connect(workspace_, &Workspace::collectionsChanged, this, [this] { if (!syncing_) reload(); });
    reload();
}

void CollectionsPanel::reload() {
    syncing_ = true;
    // Keep the expanded folders and the selection across the rebuild.
    QStringList expanded;
    std::function<void(const QModelIndex&)> collect = [&](const QModelIndex& parent) {
        for (int r = 0; r < proxy_->rowCount(parent); ++r) {
            const QModelIndex i = proxy_->index(r, 0, parent);
            if (tree_->isExpanded(i)) expanded << i.data(CollectionTreeModel::IdRole).toString(), collect(i);
        }
    };
    collect({});
    const QString selected = tree_->currentIndex().data(CollectionTreeModel::IdRole).toString();
    model_->setCollections(workspace_->collections());
    for (const QString& id : expanded) tree_->expand(proxy_->mapFromSource(model_->findById(id.toStdString())));
    if (expanded.isEmpty())
        for (int r = 0; r < proxy_->rowCount(); ++r) tree_->expand(proxy_->index(r, 0));
    if (!selected.isEmpty()) tree_->setCurrentIndex(proxy_->mapFromSource(model_->findById(selected.toStdString())));
    syncing_ = false;
}

std::string CollectionsPanel::collectionIdOf(const QModelIndex& src) const {
    QModelIndex top = src;
    while (top.parent().isValid()) top = top.parent();
    return top.data(CollectionTreeModel::IdRole).toString().toStdString();
}

void CollectionsPanel::syncFromTree(const QString& label) {
    const auto before = workspace_->collections();
    syncing_ = true;
    bool changed = false;
    for (int row = 0; row < model_->rowCount(); ++row) {
        const std::string id = model_->item(row)->data(CollectionTreeModel::IdRole).toString().toStdString();
        const Collection* base = workspace_->collection(id);
        if (!base) continue;
        Collection now = model_->collectionAt(row, *base);
        if (!(now == *base)) workspace_->replaceCollection(now), changed = true;
    }
    syncing_ = false;
    if (changed) undo_->push(new SnapshotCommand(workspace_, before, label.isEmpty() ? tr("Edit collections") : label));
}

bool CollectionsPanel::select(const std::string& id) {
    const QModelIndex src = model_->findById(id);
    if (!src.isValid()) return false;
    const QModelIndex idx = proxy_->mapFromSource(src);
    tree_->expand(idx.parent());
    tree_->setCurrentIndex(idx);
    tree_->scrollTo(idx);
    return true;
}

void CollectionsPanel::deleteSelected() {
    const QModelIndex src = proxy_->mapToSource(tree_->currentIndex());
    if (!src.isValid()) return;
    const auto before = workspace_->collections();
    const QString name = src.data().toString();
    if (src.data(CollectionTreeModel::KindRole).toInt() == CollectionTreeModel::CollectionItem) {
        syncing_ = true;
        workspace_->removeCollection(collectionIdOf(src));
        syncing_ = false;
        reload();
    } else {
        syncing_ = true;
        model_->removeRow(src.row(), src.parent());
        syncing_ = false;
        syncFromTree(tr("Delete %1").arg(name));
        return;
    }
    undo_->push(new SnapshotCommand(workspace_, before, tr("Delete %1").arg(name)));
}

void CollectionsPanel::duplicateSelected() {
    const QModelIndex src = proxy_->mapToSource(tree_->currentIndex());
    if (!src.isValid() || src.data(CollectionTreeModel::KindRole).toInt() != CollectionTreeModel::RequestItem) return;
    QStandardItem* original = model_->itemFromIndex(src);
    QStandardItem* copy = original->clone();
    copy->setText(tr("%1 (copy)").arg(original->text()));
    copy->setData(QString::fromStdString(Workspace::newId()), CollectionTreeModel::IdRole);
    QStandardItem* parent = original->parent();
    parent->insertRow(src.row() + 1, copy);
}

void CollectionsPanel::newFolder() {
    QModelIndex src = proxy_->mapToSource(tree_->currentIndex());
    while (src.isValid() && src.data(CollectionTreeModel::KindRole).toInt() == CollectionTreeModel::RequestItem) src = src.parent();
    QStandardItem* parent = src.isValid() ? model_->itemFromIndex(src) : model_->item(0);
    if (!parent) return;
    Folder f;
    f.id = Workspace::newId();
    f.name = tr("New folder").toStdString();
    QStandardItem* item = CollectionTreeModel::makeFolderItem(f);
    parent->insertRow(0, item);
    const QModelIndex idx = proxy_->mapFromSource(item->index());
    tree_->expand(idx.parent());
    tree_->setCurrentIndex(idx);
    tree_->edit(idx);
}

void CollectionsPanel::showMenu(const QPoint& pos) {
    const QModelIndex src = proxy_->mapToSource(tree_->indexAt(pos));
    QMenu menu(this);
    const std::string cid = src.isValid() ? collectionIdOf(src) : std::string();
    menu.addAction(tr("New request"), this, [this, cid] { emit newRequestRequested(cid); });
    menu.addAction(tr("New folder"), this, &CollectionsPanel::newFolder);
    if (src.isValid()) {
        menu.addSeparator();
        menu.addAction(tr("Rename"), this, [this] { tree_->edit(tree_->currentIndex()); });
        if (src.data(CollectionTreeModel::KindRole).toInt() == CollectionTreeModel::RequestItem)
            menu.addAction(tr("Duplicate"), this, &CollectionsPanel::duplicateSelected);
        menu.addAction(tr("Delete"), this, &CollectionsPanel::deleteSelected);
    }
    menu.addSeparator();
    menu.addAction(undo_->createUndoAction(&menu, tr("Undo")));
    menu.exec(tree_->viewport()->mapToGlobal(pos));
}

}  // namespace sonde::ui
