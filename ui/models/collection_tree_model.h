#pragma once
// CollectionTreeModel: collections, folders and requests as a tree of items (method badges through
// MethodRole), editable names and internal drag and drop. It converts both ways: collections -> items,
// and items -> collections (after a rename, a move or a delete in the tree).
#include <QStandardItemModel>

#include "core/model/collection.h"

namespace sonde::ui {

class CollectionTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Kind { CollectionItem = 1, FolderItem, RequestItem };
    enum Role { KindRole = Qt::UserRole + 1, IdRole, DataRole /* JSON of the request or folder description */ };

    explicit CollectionTreeModel(QObject* parent = nullptr);

    void setCollections(const std::vector<Collection>& collections);
    // Rebuilds the collection at a top-level row; `base` supplies what the tree does not show.
    Collection collectionAt(int row, const Collection& base) const;
    static QStandardItem* makeRequestItem(const RequestSpec& r);
    static QStandardItem* makeFolderItem(const Folder& f);
    QModelIndex findById(const std::string& id) const;

    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;

private:
    Folder folderFrom(const QStandardItem* item) const;
};

}  // namespace sonde::ui
