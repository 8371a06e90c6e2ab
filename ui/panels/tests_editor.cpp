#include "ui/panels/tests_editor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sonde::ui {

namespace {
constexpr int kSourceCount = static_cast<int>(CheckSource::GraphQLErrors) + 1;
constexpr int kOpCount = static_cast<int>(CheckOp::LengthEq) + 1;

QComboBox* sourceCombo(CheckSource s, QWidget* parent) {
    auto* c = new QComboBox(parent);
    for (int i = 0; i < kSourceCount; ++i) c->addItem(QString::fromUtf8(toString(static_cast<CheckSource>(i))));
    c->setCurrentIndex(static_cast<int>(s));
    return c;
}
QComboBox* opCombo(CheckOp o, QWidget* parent) {
    auto* c = new QComboBox(parent);
    for (int i = 0; i < kOpCount; ++i) c->addItem(QString::fromUtf8(toString(static_cast<CheckOp>(i))));
    c->setCurrentIndex(static_cast<int>(o));
    return c;
}
QTableWidget* makeTable(const QStringList& labels, QWidget* parent) {
    auto* t = new QTableWidget(0, static_cast<int>(labels.size()), parent);
    t->setHorizontalHeaderLabels(labels);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->hide();
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    return t;
}
QString text(const QTableWidget* t, int r, int c) { return t->item(r, c) ? t->item(r, c)->text() : QString(); }
}  // namespace

TestsEditor::TestsEditor(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 4, 0, 0);
    assertions_ = makeTable({tr("Source"), tr("Selector"), tr("Operator"), tr("Expected"), tr("Result")}, this);
    assertions_->setColumnWidth(0, 130);
    assertions_->setColumnWidth(1, 180);
    assertions_->setColumnWidth(2, 110);
    assertions_->setColumnWidth(3, 160);
    captures_ = makeTable({tr("Variable"), tr("Source"), tr("Selector"), tr("Group")}, this);
    captures_->setColumnWidth(0, 150);
    captures_->setColumnWidth(1, 130);
    captures_->setColumnWidth(2, 220);
    auto buttons = [this](QTableWidget* table, std::function<void()> add) {
        auto* row = new QHBoxLayout;
        auto* addB = new QPushButton(tr("Add"), this);
        auto* rmB = new QPushButton(tr("Remove"), this);
        row->addWidget(addB), row->addWidget(rmB), row->addStretch();
        connect(addB, &QPushButton::clicked, this, [this, add] { add(); emit edited(); });
        connect(rmB, &QPushButton::clicked, this, [this, table] {
            if (table->currentRow() >= 0) table->removeRow(table->currentRow()), emit edited();
        });
        return row;
    };
    lay->addWidget(new QLabel(tr("Assertions"), this));
    lay->addWidget(assertions_, 2);
    lay->addLayout(buttons(assertions_, [this] { addAssertion({}); }));
    lay->addWidget(new QLabel(tr("Captures (set a runtime variable from the response)"), this));
    lay->addWidget(captures_, 1);
    lay->addLayout(buttons(captures_, [this] { addCapture({}); }));
    connect(assertions_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* it) {
        if (!loading_ && it->column() != 4) emit edited();
    });
    connect(captures_, &QTableWidget::itemChanged, this, [this] { if (!loading_) emit edited(); });
}

void TestsEditor::addAssertion(const Assertion& a) {
    const bool was = loading_;
    loading_ = true;
    const int r = assertions_->rowCount();
    assertions_->insertRow(r);
    auto* src = sourceCombo(a.source, assertions_);
    auto* op = opCombo(a.op, assertions_);
    assertions_->setCellWidget(r, 0, src);
    assertions_->setCellWidget(r, 2, op);
    auto* en = new QTableWidgetItem;
    en->setFlags(en->flags() | Qt::ItemIsUserCheckable);
    en->setCheckState(a.enabled ? Qt::Checked : Qt::Unchecked);
    assertions_->setItem(r, 0, en);
    assertions_->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(a.selector)));
    assertions_->setItem(r, 3, new QTableWidgetItem(QString::fromStdString(a.value)));
    auto* res = new QTableWidgetItem;
    res->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    assertions_->setItem(r, 4, res);
    connect(src, &QComboBox::currentIndexChanged, this, [this] { if (!loading_) emit edited(); });
    connect(op, &QComboBox::currentIndexChanged, this, [this] { if (!loading_) emit edited(); });
    loading_ = was;
}

void TestsEditor::addCapture(const Capture& c) {
    const bool was = loading_;
    loading_ = true;
    const int r = captures_->rowCount();
    captures_->insertRow(r);
    auto* var = new QTableWidgetItem(QString::fromStdString(c.variable));
    var->setFlags(var->flags() | Qt::ItemIsUserCheckable);
    var->setCheckState(c.enabled ? Qt::Checked : Qt::Unchecked);
    captures_->setItem(r, 0, var);
    auto* src = sourceCombo(c.source, captures_);
    captures_->setCellWidget(r, 1, src);
    captures_->setItem(r, 2, new QTableWidgetItem(QString::fromStdString(c.selector)));
    captures_->setItem(r, 3, new QTableWidgetItem(QString::number(c.group)));
    connect(src, &QComboBox::currentIndexChanged, this, [this] { if (!loading_) emit edited(); });
    loading_ = was;
}

void TestsEditor::setChecks(const std::vector<Assertion>& as, const std::vector<Capture>& cs) {
    loading_ = true;
    assertions_->setRowCount(0);
    captures_->setRowCount(0);
    for (const auto& a : as) addAssertion(a);
    for (const auto& c : cs) addCapture(c);
    loading_ = false;
}

std::vector<Assertion> TestsEditor::assertions() const {
    std::vector<Assertion> out;
    for (int r = 0; r < assertions_->rowCount(); ++r) {
        Assertion a;
        a.enabled = assertions_->item(r, 0)->checkState() == Qt::Checked;
        a.source = static_cast<CheckSource>(qobject_cast<QComboBox*>(assertions_->cellWidget(r, 0))->currentIndex());
        a.op = static_cast<CheckOp>(qobject_cast<QComboBox*>(assertions_->cellWidget(r, 2))->currentIndex());
        a.selector = text(assertions_, r, 1).toStdString();
        a.value = text(assertions_, r, 3).toStdString();
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<Capture> TestsEditor::captures() const {
    std::vector<Capture> out;
    for (int r = 0; r < captures_->rowCount(); ++r) {
        Capture c;
        c.variable = text(captures_, r, 0).toStdString();
        c.enabled = captures_->item(r, 0)->checkState() == Qt::Checked;
        c.source = static_cast<CheckSource>(qobject_cast<QComboBox*>(captures_->cellWidget(r, 1))->currentIndex());
        c.selector = text(captures_, r, 2).toStdString();
        c.group = text(captures_, r, 3).toInt();
        out.push_back(std::move(c));
    }
    return out;
}

void TestsEditor::setOutcomes(const std::vector<AssertionOutcome>& outcomes) {
    loading_ = true;
    size_t next = 0;
    for (int r = 0; r < assertions_->rowCount(); ++r) {
        auto* res = assertions_->item(r, 4);
        const bool enabled = assertions_->item(r, 0)->checkState() == Qt::Checked;
        if (!enabled || next >= outcomes.size()) {
            res->setText(QString()), res->setToolTip(QString());
            continue;
        }
        const auto& o = outcomes[next++];
        res->setText((o.passed ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + o.actual);
        res->setForeground(o.passed ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        res->setToolTip(o.message);
    }
    loading_ = false;
}

}  // namespace sonde::ui
