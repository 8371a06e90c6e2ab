#include "ui/panels/environment_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QListWidget>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/workspace.h"

namespace sonde::ui {

namespace {
enum Col { NameCol, ValueCol, SecretCol };

QString maskedValue(const QString& value, const QModelIndex& index, bool reveal) {
    const bool secret = index.sibling(index.row(), SecretCol).data(Qt::CheckStateRole).toInt() == Qt::Checked;
    return secret && !reveal && !value.isEmpty() ? QString(8, QChar(0x2022)) : value;
}

// Paints secret values as dots unless the panel reveals them; the editor still gets the real value.
class MaskDelegate : public QStyledItemDelegate {
public:
    MaskDelegate(const QToolButton* reveal, QObject* parent) : QStyledItemDelegate(parent), reveal_(reveal) {}

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = maskedValue(option->text, index, reveal_->isChecked());
    }

private:
    const QToolButton* reveal_;
};
}  // namespace

EnvironmentPanel::EnvironmentPanel(Workspace* workspace, QWidget* parent) : QWidget(parent), workspace_(workspace) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* add = new QToolButton(this);
    add->setText(tr("New"));
    add->setToolTip(tr("Create a global environment"));
    reveal_ = new QToolButton(this);
    reveal_->setText(tr("Show secrets"));
    reveal_->setCheckable(true);
    bar->addWidget(add);
    bar->addStretch();
    bar->addWidget(reveal_);
    lay->addLayout(bar);
    auto* split = new QSplitter(Qt::Vertical, this);
    list_ = new QListWidget(split);
    table_ = new QTableWidget(0, 3, split);
    table_->setHorizontalHeaderLabels({tr("Variable"), tr("Value"), tr("Secret")});
    table_->horizontalHeader()->setSectionResizeMode(ValueCol, QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setItemDelegateForColumn(ValueCol, new MaskDelegate(reveal_, table_));
    split->setStretchFactor(1, 3);
    lay->addWidget(split, 1);
    saveTimer_ = new QTimer(this);
    saveTimer_->setSingleShot(true);
    saveTimer_->setInterval(400);

    connect(saveTimer_, &QTimer::timeout, this, &EnvironmentPanel::commit);
    connect(reveal_, &QToolButton::toggled, table_->viewport(), qOverload<>(&QWidget::update));
    connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (saveTimer_->isActive()) commit();
        showEnvironment(item ? item->data(Qt::UserRole).toString().toStdString() : std::string());
    });
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (loading_) return;
        if (item->row() == table_->rowCount() - 1 && !item->text().isEmpty()) addVariable({});
        table_->viewport()->update();
        saveTimer_->start();
    });
    connect(add, &QToolButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("New environment"), tr("Name"));
        if (name.isEmpty()) return;
        Environment e;
        e.id = Workspace::newId();
        e.name = name.toStdString();
        workspace_->saveEnvironment(e);
        selectEnvironment(e.id);
    });
    connect(workspace_, &Workspace::environmentsChanged, this, [this] { if (!loading_) reload(); });
    reload();
}

bool EnvironmentPanel::secretsShown() const { return reveal_->isChecked(); }

QString EnvironmentPanel::displayedValue(int row) const {
    const QModelIndex index = table_->model()->index(row, ValueCol);
    return maskedValue(index.data().toString(), index, reveal_->isChecked());
}

void EnvironmentPanel::reload() {
    loading_ = true;
    const std::string keep = current_;
    list_->clear();
    for (const auto& e : workspace_->environments()) {
        auto* item = new QListWidgetItem(QString::fromStdString(e.name), list_);
        item->setData(Qt::UserRole, QString::fromStdString(e.id));
    }
    loading_ = false;
    selectEnvironment(keep.empty() && list_->count() ? list_->item(0)->data(Qt::UserRole).toString().toStdString() : keep);
}

void EnvironmentPanel::selectEnvironment(const std::string& id) {
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->data(Qt::UserRole).toString().toStdString() == id) {
            list_->setCurrentRow(i);
            showEnvironment(id);
            return;
        }
    showEnvironment({});
}

void EnvironmentPanel::addVariable(const Variable& v) {
    const bool was = loading_;
    loading_ = true;
    const int r = table_->rowCount();
    table_->insertRow(r);
    auto* name = new QTableWidgetItem(QString::fromStdString(v.name));
    name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
    name->setCheckState(v.enabled ? Qt::Checked : Qt::Unchecked);
    table_->setItem(r, NameCol, name);
    table_->setItem(r, ValueCol, new QTableWidgetItem(QString::fromStdString(v.value)));
    auto* secret = new QTableWidgetItem;
    secret->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    secret->setCheckState(v.secret ? Qt::Checked : Qt::Unchecked);
    table_->setItem(r, SecretCol, secret);
    loading_ = was;
}

void EnvironmentPanel::showEnvironment(const std::string& id) {
    loading_ = true;
    current_ = id;
    table_->setRowCount(0);
    if (const Environment* e = workspace_->environment(id)) {
        for (const auto& v : e->variables) addVariable(v);
        addVariable({});
    }
    table_->setEnabled(!id.empty());
    loading_ = false;
}

void EnvironmentPanel::commit() {
    saveTimer_->stop();
    const Environment* e = workspace_->environment(current_);
    if (!e) return;
    Environment updated = *e;
    updated.variables.clear();
    for (int r = 0; r < table_->rowCount(); ++r) {
        Variable v;
        v.name = table_->item(r, NameCol)->text().trimmed().toStdString();
        if (v.name.empty()) continue;
        v.enabled = table_->item(r, NameCol)->checkState() == Qt::Checked;
        v.value = table_->item(r, ValueCol) ? table_->item(r, ValueCol)->text().toStdString() : std::string();
        v.secret = table_->item(r, SecretCol)->checkState() == Qt::Checked;
        updated.variables.push_back(std::move(v));
    }
    if (updated == *e) return;
    loading_ = true;
    workspace_->saveEnvironment(updated);
    loading_ = false;
}

}  // namespace sonde::ui
