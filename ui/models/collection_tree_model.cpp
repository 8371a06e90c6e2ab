#include "ui/models/collection_tree_model.h"

#include <QIcon>
#include <QStyle>

#include "core/model/json.h"
#include "ui/widgets/method_badge.h"

namespace sonde::ui {

CollectionTreeModel::CollectionTreeModel(QObject* parent) : QStandardItemModel(parent) {}

QStandardItem* CollectionTreeModel::makeRequestItem(const RequestSpec& r) {
    auto* item = new QStandardItem(QString::fromStdString(r.name.empty() ? r.url : r.name));
    item->setData(RequestItem, KindRole);
    item->setData(QString::fromStdString(r.id), IdRole);
    item->setData(QString::fromStdString(r.method), MethodRole);
    item->setData(QByteArray::fromStdString(nlohmann::json(r).dump()), DataRole);
    item->setToolTip(QStringLiteral("%1 %2").arg(QString::fromStdString(r.method), QString::fromStdString(r.url)));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsDragEnabled);
    return item;
}

QStandardItem* CollectionTreeModel::makeFolderItem(const Folder& f) {
    auto* item = new QStandardItem(QIcon::fromTheme(QStringLiteral("folder")), QString::fromStdString(f.name));
    item->setData(FolderItem, KindRole);
    item->setData(QString::fromStdString(f.id), IdRole);
    item->setData(QString::fromStdString(f.description), DataRole);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsDragEnabled |
                   Qt::ItemIsDropEnabled);
    for (const auto& sub : f.folders) item->appendRow(makeFolderItem(sub));
    for (const auto& r : f.requests) item->appendRow(makeRequestItem(r));
    return item;
}

void CollectionTreeModel::setCollections(const std::vector<Collection>& collections) {
    clear();
    setHorizontalHeaderLabels({tr("Collections")});
    for (const auto& c : collections) {
        auto* item = makeFolderItem(c.root);
        item->setText(QString::fromStdString(c.name));
        item->setData(CollectionItem, KindRole);
        item->setData(QString::fromStdString(c.id), IdRole);
        item->setData(QString::fromStdString(c.description), DataRole);
        item->setIcon(QIcon::fromTheme(QStringLiteral("folder-documents")));
        item->setFlags(item->flags() & ~Qt::ItemIsDragEnabled);
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
        appendRow(item);
    }
}

Folder CollectionTreeModel::folderFrom(const QStandardItem* item) const {
    Folder f;
    f.id = item->data(IdRole).toString().toStdString();
    f.name = item->text().toStdString();
    f.description = item->data(DataRole).toString().toStdString();
    for (int i = 0; i < item->rowCount(); ++i) {
        const QStandardItem* child = item->child(i);
        if (child->data(KindRole).toInt() == RequestItem) {
            RequestSpec r;
            const auto j = nlohmann::json::parse(child->data(DataRole).toByteArray().toStdString(), nullptr, false);
            if (!j.is_discarded()) r = j.get<RequestSpec>();
            r.name = child->text().toStdString();
            f.requests.push_back(std::move(r));
        } else {
            f.folders.push_back(folderFrom(child));
        }
    }
    return f;
}

Collection CollectionTreeModel::collectionAt(int row, const Collection& base) const {
    Collection c = base;
    const QStandardItem* top = item(row);
    if (!top) return c;
    c.id = top->data(IdRole).toString().toStdString();
    c.name = top->text().toStdString();
    const Folder root = folderFrom(top);
    c.root.folders = root.folders;
    c.root.requests = root.requests;
    return c;
}

QModelIndex CollectionTreeModel::findById(const std::string& id) const {
    const auto hits = match(index(0, 0), IdRole, QString::fromStdString(id), 1, Qt::MatchExactly | Qt::MatchRecursive);
    return hits.isEmpty() ? QModelIndex() : hits.first();
}

bool CollectionTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                          const QModelIndex& parent) const {
    if (!parent.isValid()) return false;  // nothing lives outside a collection
    if (parent.data(KindRole).toInt() == RequestItem) return false;
    return QStandardItemModel::canDropMimeData(data, action, row, column, parent);
}

}  // namespace sonde::ui
