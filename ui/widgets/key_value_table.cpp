#include "ui/widgets/key_value_table.h"

#include <algorithm>
#include <functional>

#include <QCompleter>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QStyledItemDelegate>

namespace sonde::ui {

namespace {
// Offers completions in the key column's editor.
class KeyDelegate : public QStyledItemDelegate {
public:
    KeyDelegate(const QStringList* keys, QObject* parent) : QStyledItemDelegate(parent), keys_(keys) {}
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QWidget* w = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto* le = qobject_cast<QLineEdit*>(w); le && !keys_->isEmpty()) {
            auto* c = new QCompleter(*keys_, le);
            c->setCaseSensitivity(Qt::CaseInsensitive);
            le->setCompleter(c);
        }
        return w;
    }

private:
    const QStringList* keys_;
};
}  // namespace

KeyValueTable::KeyValueTable(QWidget* parent, bool withDescription)
    : QTableWidget(0, withDescription ? 3 : 2, parent), withDescription_(withDescription) {
    QStringList labels{tr("Key"), tr("Value")};
    if (withDescription) labels << tr("Description");
    setHorizontalHeaderLabels(labels);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    setColumnWidth(0, 200);
    setColumnWidth(1, 260);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::AllEditTriggers);
    setItemDelegateForColumn(0, new KeyDelegate(&keyCompletions_, this));
    connect(this, &QTableWidget::itemChanged, this, &KeyValueTable::onItemChanged);
    ensureTrailingRow();
}

void KeyValueTable::setKeyCompletions(const QStringList& keys) { keyCompletions_ = keys; }

void KeyValueTable::appendRow(const KeyValue& kv) {
    const int r = rowCount();
    insertRow(r);
    auto* key = new QTableWidgetItem(QString::fromStdString(kv.key));
    key->setFlags(key->flags() | Qt::ItemIsUserCheckable);
    key->setCheckState(kv.enabled ? Qt::Checked : Qt::Unchecked);
    setItem(r, 0, key);
    setItem(r, 1, new QTableWidgetItem(QString::fromStdString(kv.value)));
    if (withDescription_) setItem(r, 2, new QTableWidgetItem(QString::fromStdString(kv.description)));
}

void KeyValueTable::ensureTrailingRow() {
    const int last = rowCount() - 1;
    const bool hasEmpty = last >= 0 && item(last, 0) && item(last, 0)->text().isEmpty() &&
                          (!item(last, 1) || item(last, 1)->text().isEmpty());
    if (hasEmpty) return;
    const bool was = updating_;
    updating_ = true;
    appendRow({});
    updating_ = was;
}

void KeyValueTable::setRows(const std::vector<KeyValue>& rows) {
    updating_ = true;
    setRowCount(0);
    for (const auto& kv : rows) appendRow(kv);
    ensureTrailingRow();
    updating_ = false;
}

void KeyValueTable::addRow(const KeyValue& row) {
    updating_ = true;
    // Replace the trailing empty row, then add a new one after it.
    if (rowCount() > 0) removeRow(rowCount() - 1);
    appendRow(row);
    ensureTrailingRow();
    updating_ = false;
    emit edited();
}

std::vector<KeyValue> KeyValueTable::rows() const {
    std::vector<KeyValue> out;
    for (int r = 0; r < rowCount(); ++r) {
        KeyValue kv;
        if (auto* k = item(r, 0)) kv.key = k->text().toStdString(), kv.enabled = k->checkState() == Qt::Checked;
        if (auto* v = item(r, 1)) kv.value = v->text().toStdString();
        if (withDescription_)
            if (auto* d = item(r, 2)) kv.description = d->text().toStdString();
        if (kv.key.empty() && kv.value.empty()) continue;
        out.push_back(std::move(kv));
    }
    return out;
}

void KeyValueTable::onItemChanged(QTableWidgetItem* changed) {
    if (updating_) return;
    updating_ = true;
    if (changed->column() != 0 && !item(changed->row(), 0)) {
        auto* key = new QTableWidgetItem;
        key->setFlags(key->flags() | Qt::ItemIsUserCheckable);
        key->setCheckState(Qt::Checked);
        setItem(changed->row(), 0, key);
    }
    ensureTrailingRow();
    updating_ = false;
    emit edited();
}

void KeyValueTable::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && state() != EditingState) {
        QList<int> rowsToRemove;
        for (const auto& idx : selectionModel()->selectedRows()) rowsToRemove << idx.row();
        std::sort(rowsToRemove.begin(), rowsToRemove.end(), std::greater<>());
        if (!rowsToRemove.isEmpty()) {
            updating_ = true;
            for (int r : rowsToRemove) removeRow(r);
            ensureTrailingRow();
            updating_ = false;
            emit edited();
            return;
        }
    }
    QTableWidget::keyPressEvent(event);
}

QStringList KeyValueTable::commonHeaderNames() {
    return {QStringLiteral("Accept"), QStringLiteral("Accept-Encoding"), QStringLiteral("Accept-Language"),
            QStringLiteral("Authorization"), QStringLiteral("Cache-Control"), QStringLiteral("Connection"),
            QStringLiteral("Content-Length"), QStringLiteral("Content-Type"), QStringLiteral("Cookie"),
            QStringLiteral("Host"), QStringLiteral("If-Match"), QStringLiteral("If-Modified-Since"),
            QStringLiteral("If-None-Match"), QStringLiteral("Origin"), QStringLiteral("Pragma"),
            QStringLiteral("Range"), QStringLiteral("Referer"), QStringLiteral("User-Agent"),
            QStringLiteral("X-Api-Key"), QStringLiteral("X-Correlation-Id"), QStringLiteral("X-Forwarded-For"),
            QStringLiteral("X-Request-Id")};
}

}  // namespace sonde::ui
