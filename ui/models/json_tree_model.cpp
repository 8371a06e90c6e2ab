#include "ui/models/json_tree_model.h"

#include <QBrush>
#include <QColor>

namespace sonde::ui {

JsonTreeModel::JsonTreeModel(QObject* parent) : QAbstractItemModel(parent) {}
JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setDocument(std::shared_ptr<const Json> document) {
    beginResetModel();
    root_.reset();
    doc_ = std::move(document);
    created_ = 0;
    if (doc_) {
        // An invisible root whose single child is the document itself ("$").
        root_ = std::make_unique<Node>();
        auto top = std::make_unique<Node>();
        top->value = doc_.get();
        top->parent = root_.get();
        top->key = QStringLiteral("$");
        root_->children.push_back(std::move(top));
        root_->started = true;
        created_ = 2;
    }
    endResetModel();
}

JsonTreeModel::Node* JsonTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : root_.get();
}

std::size_t JsonTreeModel::childCount(const Node* n) {
    return n->value && n->value->is_structured() ? n->value->size() : 0;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const {
    Node* p = nodeOf(parent);
    if (!p || row < 0 || column < 0 || column >= 3 || row >= static_cast<int>(p->children.size())) return {};
    return createIndex(row, column, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    Node* n = static_cast<Node*>(child.internalPointer());
    Node* p = n->parent;
    if (!p || p == root_.get()) return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0) return 0;
    Node* n = nodeOf(parent);
    return n ? static_cast<int>(n->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex&) const { return 3; }

bool JsonTreeModel::hasChildren(const QModelIndex& parent) const {
    Node* n = nodeOf(parent);
    if (!n) return false;
    if (n == root_.get()) return !n->children.empty();
    return childCount(n) > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex& parent) const {
    Node* n = nodeOf(parent);
    if (!n || n == root_.get()) return false;
    return n->children.size() < childCount(n);
}

void JsonTreeModel::fetchMore(const QModelIndex& parent) {
    Node* n = nodeOf(parent);
    if (!n || n == root_.get()) return;
    const std::size_t total = childCount(n), have = n->children.size();
    if (have >= total) return;
    const std::size_t add = std::min<std::size_t>(kBatch, total - have);
    if (!n->started) n->next = n->value->cbegin(), n->started = true;
    beginInsertRows(parent, static_cast<int>(have), static_cast<int>(have + add - 1));
    const bool array = n->value->is_array();
    for (std::size_t i = 0; i < add; ++i, ++n->next) {
        auto c = std::make_unique<Node>();
        c->value = &*n->next;
        c->parent = n;
        c->row = static_cast<int>(have + i);
        c->isIndex = array;
        c->key = array ? QStringLiteral("[%1]").arg(have + i) : QString::fromStdString(n->next.key());
        n->children.push_back(std::move(c));
    }
    created_ += static_cast<int>(add);
    endInsertRows();
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const Node* n = static_cast<Node*>(index.internalPointer());
    const Json& v = *n->value;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case 0: return n->key;
        case 1:
            if (v.is_object()) return QStringLiteral("{%1}").arg(v.size());
            if (v.is_array()) return QStringLiteral("[%1]").arg(v.size());
            if (v.is_string()) {
                const auto& s = v.get_ref<const std::string&>();
                return QString::fromUtf8(s.data(), static_cast<qsizetype>(std::min<std::size_t>(s.size(), 4096)));
            }
            return QString::fromStdString(v.dump());
        case 2: return QString::fromUtf8(v.type_name());
        }
    }
    if (role == Qt::ForegroundRole && index.column() == 1) {
        if (v.is_string()) return QBrush(QColor(0x2e, 0x7d, 0x32));
        if (v.is_number()) return QBrush(QColor(0x15, 0x65, 0xc0));
        if (v.is_boolean() || v.is_null()) return QBrush(QColor(0xad, 0x14, 0x57));
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case 0: return tr("Key");
    case 1: return tr("Value");
    default: return tr("Type");
    }
}

QString JsonTreeModel::pathOf(const QModelIndex& index) const {
    QStringList parts;
    for (const Node* n = nodeOf(index); n && n != root_.get(); n = n->parent) {
        if (n->parent == root_.get()) parts.prepend(QStringLiteral("$"));
        else if (n->isIndex) parts.prepend(n->key);
        else parts.prepend(QLatin1Char('.') + n->key);
    }
    return parts.join(QString());
}

}  // namespace sonde::ui
