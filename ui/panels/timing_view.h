#pragma once
// TimingView: one horizontal bar per phase (DNS, connect, TLS, first byte, download) on a shared time
// axis, like a waterfall, with the duration of each.
#include <QWidget>

#include "core/model/response.h"

namespace sonde::ui {

class TimingView : public QWidget {
    Q_OBJECT
public:
    explicit TimingView(QWidget* parent = nullptr);
    void setTimings(const Timings& timings);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Timings t_;
    bool has_ = false;
};

}  // namespace sonde::ui
