#include "ui/widgets/method_badge.h"

#include <QApplication>
#include <QComboBox>
#include <QPainter>
#include <QPixmap>

namespace sonde::ui {

namespace {
bool darkPalette() { return QApplication::palette().color(QPalette::Base).lightness() < 128; }
constexpr int kBadgeWidth = 38;
}  // namespace

QColor methodColor(const QString& m, bool dark) {
    QColor c;
    if (m == QLatin1String("GET")) c = QColor(0x2e, 0x7d, 0x32);
    else if (m == QLatin1String("POST")) c = QColor(0xc7, 0x7c, 0x02);
    else if (m == QLatin1String("PUT")) c = QColor(0x15, 0x65, 0xc0);
    else if (m == QLatin1String("PATCH")) c = QColor(0x6a, 0x1b, 0x9a);
    else if (m == QLatin1String("DELETE")) c = QColor(0xc6, 0x28, 0x28);
    else if (m == QLatin1String("HEAD") || m == QLatin1String("OPTIONS")) c = QColor(0x00, 0x83, 0x8f);
    else c = QColor(0x61, 0x61, 0x61);
    return dark ? c.lighter(160) : c;
}

QString methodAbbreviation(const QString& m) {
    if (m == QLatin1String("DELETE")) return QStringLiteral("DEL");
    if (m == QLatin1String("OPTIONS")) return QStringLiteral("OPT");
    if (m == QLatin1String("PATCH")) return QStringLiteral("PAT");
    return m.left(4);
}

void applyMethodColor(QComboBox* combo, const QString& method) {
    QPalette p = combo->palette();
    p.setColor(QPalette::Text, methodColor(method.toUpper(), darkPalette()));
    p.setColor(QPalette::ButtonText, methodColor(method.toUpper(), darkPalette()));
    combo->setPalette(p);
    QFont f = combo->font();
    f.setBold(true);
    combo->setFont(f);
}

QIcon methodIcon(const QString& method) {
    const qreal dpr = qApp ? qApp->devicePixelRatio() : 1.0;
    QPixmap pm(QSize(34, 16) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    QFont f = QApplication::font();
    f.setPixelSize(9);
    f.setBold(true);
    p.setFont(f);
    p.setPen(methodColor(method, darkPalette()));
    p.drawText(QRect(0, 0, 34, 16), Qt::AlignCenter, methodAbbreviation(method));
    return QIcon(pm);
}

void MethodBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const QString method = index.data(MethodRole).toString();
    if (method.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QRect full = opt.rect;
    // Let the style paint selection/background and the text shifted right of the badge.
    opt.rect.setLeft(opt.rect.left() + kBadgeWidth);
    QStyleOptionViewItem bg = option;
    initStyleOption(&bg, index);
    bg.text.clear();
    bg.icon = QIcon();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &bg, painter, bg.widget);
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    painter->save();
    QFont f = opt.font;
    f.setBold(true);
    f.setPointSizeF(qMax(6.0, f.pointSizeF() * 0.78));
    painter->setFont(f);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : methodColor(method, darkPalette()));
    painter->drawText(QRect(full.left() + 2, full.top(), kBadgeWidth - 4, full.height()), Qt::AlignVCenter | Qt::AlignRight,
                      methodAbbreviation(method));
    painter->restore();
}

QSize MethodBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    if (!index.data(MethodRole).toString().isEmpty()) s.rwidth() += kBadgeWidth;
    return s;
}

}  // namespace sonde::ui
