#include "ui/panels/timing_view.h"

#include <QPainter>

namespace sonde::ui {

TimingView::TimingView(QWidget* parent) : QWidget(parent) { setMinimumHeight(150); }

void TimingView::setTimings(const Timings& timings) {
    t_ = timings;
    has_ = true;
    update();
}

QSize TimingView::sizeHint() const { return {480, 200}; }

void TimingView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (!has_) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Timings appear after a send."));
        return;
    }
    struct Phase { QString name; double ms; QColor color; };
    const Phase phases[] = {
        {tr("Redirects"), t_.redirect, QColor(0x9e, 0x9e, 0x9e)}, {tr("DNS lookup"), t_.dns, QColor(0x00, 0x96, 0x88)},
        {tr("TCP connect"), t_.connect, QColor(0xff, 0x98, 0x00)}, {tr("TLS handshake"), t_.tls, QColor(0x9c, 0x27, 0xb0)},
        {tr("Waiting (first byte)"), t_.firstByte, QColor(0x4c, 0xaf, 0x50)},
        {tr("Download"), t_.download, QColor(0x21, 0x96, 0xf3)}};
    double total = 0;
    for (const auto& ph : phases) total += ph.ms;
    total = std::max({total, t_.total, 0.001});
    const int labelW = fontMetrics().horizontalAdvance(tr("Waiting (first byte)")) + 16;
    const int valueW = fontMetrics().horizontalAdvance(QStringLiteral("00000.00 ms")) + 8;
    const int rowH = fontMetrics().height() + 10;
    const int barX = labelW, barW = std::max(40, width() - labelW - valueW - 8);
    double offset = 0;
    int y = 8;
    for (const auto& ph : phases) {
        if (ph.name == tr("Redirects") && ph.ms <= 0) continue;
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(4, y, labelW - 8, rowH), Qt::AlignVCenter | Qt::AlignLeft, ph.name);
        const int x0 = barX + static_cast<int>(offset / total * barW);
        const int w = std::max(2, static_cast<int>(ph.ms / total * barW));
        p.setPen(Qt::NoPen);
        p.setBrush(ph.color);
        p.drawRoundedRect(QRect(x0, y + 4, w, rowH - 8), 3, 3);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(barX + barW + 4, y, valueW, rowH), Qt::AlignVCenter | Qt::AlignRight,
                   QStringLiteral("%1 ms").arg(ph.ms, 0, 'f', 2));
        offset += ph.ms;
        y += rowH;
    }
    p.drawLine(barX, y + 4, barX + barW, y + 4);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(4, y + 6, labelW - 8, rowH), Qt::AlignVCenter | Qt::AlignLeft, tr("Total"));
    p.drawText(QRect(barX + barW + 4, y + 6, valueW, rowH), Qt::AlignVCenter | Qt::AlignRight,
               QStringLiteral("%1 ms").arg(t_.total, 0, 'f', 2));
}

}  // namespace sonde::ui
