#pragma once
// SchemaExplorerPanel: browse a GraphQL schema. The start page lists the types (root types first);
// the filter box searches type names and, from two characters, field names too ("User.email"). Opening
// a type lists its fields (or enum values, input fields, union members) with their types; deprecated
// ones are greyed and marked. The detail pane shows descriptions, arguments and deprecation reasons,
// with type names as links; Back returns to the previous page. "Insert field" emits insertField()
// for the query editor. The list model is lazy (rows are formatted when painted), so GitHub-sized
// schemas (~1,600 types) open without a stall.
#include <QAbstractListModel>
#include <QWidget>

#include <vector>

#include "ui/graphql/graphql_editor.h"

class QLineEdit;
class QListView;
class QPushButton;
class QTextBrowser;
class QTimer;
class QLabel;

namespace sonde::ui {

// One row: a type (member < 0) or a member of `type` (field, enum value, input field, union member).
struct SchemaRow {
    int type = -1;    // index into Schema::types()
    int member = -1;  // index into the type's fields / enumValues / inputFields / possibleTypes
};

class SchemaRowModel : public QAbstractListModel {
    Q_OBJECT
public:
    using QAbstractListModel::QAbstractListModel;
    void reset(SchemaPtr schema, std::vector<SchemaRow> rows, bool qualified);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    const SchemaRow* row(int i) const;

private:
    SchemaPtr schema_;
    std::vector<SchemaRow> rows_;
    bool qualified_ = false;  // show "Type.member" (search results)
};

class SchemaExplorerPanel : public QWidget {
    Q_OBJECT
public:
    explicit SchemaExplorerPanel(QWidget* parent = nullptr);

    void setSchema(SchemaPtr schema);
    SchemaPtr schema() const { return schema_; }

    void showTypeList();
    bool openType(const QString& name);  // pushes the current page on the back stack
    void back();
    void setFilter(const QString& text);  // what typing in the filter box does (applied at once)
    QString currentType() const { return current_; }
    QString detailText() const;

    QListView* list() const { return list_; }
    SchemaRowModel* model() const { return model_; }
    QLineEdit* filterEdit() const { return filter_; }
    QPushButton* backButton() const { return back_; }
    QPushButton* insertButton() const { return insert_; }

signals:
    void insertField(const QString& name);

private:
    void rebuild();
    void showDetail(const SchemaRow* row);
    void activate(const QModelIndex& index);

    SchemaPtr schema_;
    QString current_;              // "" = the type list
    std::vector<QString> history_;
    QLineEdit* filter_;
    QPushButton* back_;
    QPushButton* insert_;
    QLabel* title_;
    QListView* list_;
    SchemaRowModel* model_;
    QTextBrowser* detail_;
    QTimer* filterTimer_;
};

}  // namespace sonde::ui
