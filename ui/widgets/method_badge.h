#pragma once
// Method badges: one colour per HTTP method (GET green, POST amber, ...), a delegate that paints the
// method before an item's name in trees/lists, and helpers for combos and tab icons.
#include <QColor>
#include <QIcon>
#include <QStyledItemDelegate>

class QComboBox;

namespace sonde::ui {

constexpr int MethodRole = Qt::UserRole + 40;  // item data: the method text ("GET"); empty = no badge

QColor methodColor(const QString& method, bool dark = false);
QString methodAbbreviation(const QString& method);  // "DELETE" -> "DEL", "OPTIONS" -> "OPT"
void applyMethodColor(QComboBox* combo, const QString& method);
QIcon methodIcon(const QString& method);  // a small coloured badge, for tab icons

class MethodBadgeDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace sonde::ui
