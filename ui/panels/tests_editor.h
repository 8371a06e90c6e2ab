#pragma once
// TestsEditor: the request's Tests tab. Assertions and captures as rows (source, selector, operator,
// expected value); after a send each assertion row shows pass/fail with the actual value.
#include <QWidget>

#include <vector>

#include "core/model/assertion.h"

class QTableWidget;

namespace sonde::ui {

struct AssertionOutcome {
    bool passed = false;
    QString actual;
    QString message;
};

class TestsEditor : public QWidget {
    Q_OBJECT
public:
    explicit TestsEditor(QWidget* parent = nullptr);
    void setChecks(const std::vector<Assertion>& assertions, const std::vector<Capture>& captures);
    std::vector<Assertion> assertions() const;
    std::vector<Capture> captures() const;
    // One outcome per enabled assertion, in order. An empty list clears the results column.
    void setOutcomes(const std::vector<AssertionOutcome>& outcomes);
    void addAssertion(const Assertion& a);
    void addCapture(const Capture& c);
    QTableWidget* assertionTable() const { return assertions_; }

signals:
    void edited();

private:
    QTableWidget* assertions_;
    QTableWidget* captures_;
    bool loading_ = false;
};

}  // namespace sonde::ui
