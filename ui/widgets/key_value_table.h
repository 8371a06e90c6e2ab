#pragma once
// KeyValueTable: an editable table of key/value rows, each with an "enabled" check box, used for query
// parameters, headers, form fields and variables. A trailing empty row grows the table as you type;
// Delete removes the selected rows. Optional completion of keys (e.g. common header names).
#include <QTableWidget>

#include <vector>

#include "core/model/request.h"

namespace sonde::ui {

class KeyValueTable : public QTableWidget {
    Q_OBJECT
public:
    explicit KeyValueTable(QWidget* parent = nullptr, bool withDescription = true);

    void setRows(const std::vector<KeyValue>& rows);  // does not emit edited()
    std::vector<KeyValue> rows() const;               // without the trailing empty row
    void setKeyCompletions(const QStringList& keys);
    void addRow(const KeyValue& row);                 // emits edited()
    static QStringList commonHeaderNames();

signals:
    void edited();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void appendRow(const KeyValue& row);
    void ensureTrailingRow();
    void onItemChanged(QTableWidgetItem* item);

    bool updating_ = false;
    bool withDescription_;
    QStringList keyCompletions_;
};

}  // namespace sonde::ui
