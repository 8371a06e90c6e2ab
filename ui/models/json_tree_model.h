#pragma once
// JsonTreeModel: a lazy tree over a parsed JSON document. Child rows are created only when a node is
// expanded (canFetchMore/fetchMore, in batches), so expanding a node of a huge document is instant and
// an unexpanded document costs one node. Columns: key, value (a preview for containers), type.
#include <QAbstractItemModel>

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

namespace sonde::ui {

class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    using Json = nlohmann::ordered_json;  // keeps the document's key order
    static constexpr int kBatch = 500;    // children created per fetchMore

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    void setDocument(std::shared_ptr<const Json> document);
    void clear() { setDocument(nullptr); }
    int createdNodes() const { return created_; }  // for tests: proves laziness
    QString pathOf(const QModelIndex& index) const;  // JSONPath-like "$.users[0].name"

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

private:
    struct Node {
        const Json* value = nullptr;
        Node* parent = nullptr;
        int row = 0;
        QString key;  // member name, or "[i]" for array elements
        bool isIndex = false;
        std::vector<std::unique_ptr<Node>> children;
        Json::const_iterator next;  // where fetchMore continues (objects and arrays)
        bool started = false;
    };
    Node* nodeOf(const QModelIndex& index) const;
    static std::size_t childCount(const Node* n);

    std::shared_ptr<const Json> doc_;
    std::unique_ptr<Node> root_;
    int created_ = 0;
};

}  // namespace sonde::ui
