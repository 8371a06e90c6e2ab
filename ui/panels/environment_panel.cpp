#include "ui/panels/environment_panel.h"

#include <QAction>
#include <QFont>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <functional>
#include <optional>

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

// One undo step as two functions (environments are small values; each step re-reads what it needs).
class EnvironmentCommand : public QUndoCommand {
public:
    EnvironmentCommand(const QString& text, std::function<void()> redo, std::function<void()> undo)
        : QUndoCommand(text), redo_(std::move(redo)), undo_(std::move(undo)) {}
    void redo() override { redo_(); }
    void undo() override { undo_(); }

private:
    std::function<void()> redo_, undo_;
};

QToolButton* barButton(const QString& text, const QString& tip, QWidget* parent) {
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
}  // namespace

EnvironmentPanel::EnvironmentPanel(Workspace* workspace, QWidget* parent) : QWidget(parent), workspace_(workspace) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->setSpacing(0);
    new_ = barButton(tr("New"), tr("Create a global environment"), this);
    duplicate_ = barButton(tr("Duplicate"), tr("Copy the selected environment with its variables"), this);
    rename_ = barButton(tr("Rename"), tr("Rename the selected environment (F2)"), this);
    delete_ = barButton(tr("Delete"), tr("Delete the selected environment (Del; Ctrl+Z brings it back)"), this);
    reveal_ = barButton(tr("Show secrets"), tr("Show the values of secret variables"), this);
    reveal_->setCheckable(true);
    for (QToolButton* b : {new_, duplicate_, rename_, delete_}) bar->addWidget(b);
    bar->addStretch();
    bar->addWidget(reveal_);
    lay->addLayout(bar);

    notice_ = new QFrame(this);
    notice_->setFrameShape(QFrame::StyledPanel);
    auto* nl = new QHBoxLayout(notice_);
    nl->setContentsMargins(6, 2, 6, 2);
    noticeText_ = new QLabel(notice_);
    undoDelete_ = barButton(tr("Undo"), tr("Bring the environment back (Ctrl+Z)"), notice_);
    nl->addWidget(noticeText_, 1);
    nl->addWidget(undoDelete_);
    notice_->hide();
    lay->addWidget(notice_);

    auto* split = new QSplitter(Qt::Vertical, this);
    list_ = new QListWidget(split);
    list_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    list_->setContextMenuPolicy(Qt::CustomContextMenu);
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

    undo_ = new QUndoStack(this);
    auto* undoAction = undo_->createUndoAction(this, tr("Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto* redoAction = undo_->createRedoAction(this, tr("Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    redoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto* deleteAction = new QAction(tr("Delete"), this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, [this] { deleteEnvironment(current_); });
    list_->addAction(deleteAction);
    addActions({undoAction, redoAction});

    connect(saveTimer_, &QTimer::timeout, this, &EnvironmentPanel::commit);
    connect(reveal_, &QToolButton::toggled, table_->viewport(), qOverload<>(&QWidget::update));
    connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (loading_) return;
        if (saveTimer_->isActive()) commit();
        showEnvironment(item ? item->data(Qt::UserRole).toString().toStdString() : std::string());
    });
    // An inline rename: applied once the view is done with the item (reload() rebuilds the list).
    connect(list_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (loading_) return;
        const QString id = item->data(Qt::UserRole).toString();
        const QString name = item->text();
        QTimer::singleShot(0, this, [this, id, name] { renameEnvironment(id.toStdString(), name); });
    });
    connect(list_, &QListWidget::customContextMenuRequested, this, &EnvironmentPanel::showMenu);
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (loading_) return;
        if (item->row() == table_->rowCount() - 1 && !item->text().isEmpty()) addVariable({});
        table_->viewport()->update();
        saveTimer_->start();
    });
    connect(new_, &QToolButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("New environment"), tr("Name"));
        if (name.trimmed().isEmpty()) return;
        Environment e;
        e.id = Workspace::newId();
        e.name = name.trimmed().toStdString();
        workspace_->saveEnvironment(e);
        selectEnvironment(e.id);
    });
    connect(duplicate_, &QToolButton::clicked, this, [this] { duplicateEnvironment(current_); });
    connect(rename_, &QToolButton::clicked, this, [this] {
        if (QListWidgetItem* item = list_->currentItem()) list_->editItem(item);
    });
    connect(delete_, &QToolButton::clicked, this, [this] { deleteEnvironment(current_); });
    connect(undoDelete_, &QToolButton::clicked, undo_, &QUndoStack::undo);
    connect(undo_, &QUndoStack::indexChanged, notice_, &QWidget::hide);
    connect(workspace_, &Workspace::environmentsChanged, this, [this] { if (!loading_) reload(); });
    connect(workspace_, &Workspace::activeEnvironmentChanged, this, [this] {
        const bool was = loading_;
        loading_ = true;  // a font change is an itemChanged, not a rename
        markActive();
        loading_ = was;
    });
    reload();
}

void EnvironmentPanel::renameEnvironment(const std::string& id, const QString& name) {
    const Environment* e = workspace_->environment(id);
    const std::string newName = name.trimmed().toStdString();
    if (!e || newName.empty() || newName == e->name) return reload();  // puts the old name back
    if (saveTimer_->isActive()) commit();
    const std::string oldName = e->name;
    auto setName = [this, id](const std::string& n) {
        const Environment* now = workspace_->environment(id);
        if (!now) return;
        Environment renamed = *now;
        renamed.name = n;
        workspace_->saveEnvironment(renamed);
        selectEnvironment(id);
    };
    undo_->push(new EnvironmentCommand(tr("Rename %1").arg(QString::fromStdString(oldName)),
                                       [setName, newName] { setName(newName); },
                                       [setName, oldName] { setName(oldName); }));
}

std::string EnvironmentPanel::duplicateEnvironment(const std::string& id) {
    const Environment* e = workspace_->environment(id);
    if (!e) return {};
    if (saveTimer_->isActive()) commit();
    const std::string name = tr("%1 copy").arg(QString::fromStdString(e->name)).toStdString();
    auto copyId = std::make_shared<std::string>();
    auto removed = std::make_shared<std::optional<RemovedEnvironment>>();
    undo_->push(new EnvironmentCommand(
        tr("Duplicate %1").arg(QString::fromStdString(e->name)),
        [this, id, name, copyId, removed] {
            if (*removed) workspace_->restoreEnvironment(**removed);  // redo after an undo: the same copy
            else *copyId = workspace_->duplicateEnvironment(id, name);
            selectEnvironment(*copyId);
        },
        [this, copyId, removed] { *removed = workspace_->removeEnvironment(*copyId); }));
    return *copyId;
}

void EnvironmentPanel::deleteEnvironment(const std::string& id) {
    const Environment* e = workspace_->environment(id);
    if (!e) return;
    saveTimer_->stop();
    commit();
    const QString name = QString::fromStdString(e->name);
    auto removed = std::make_shared<std::optional<RemovedEnvironment>>();
    auto wasActive = std::make_shared<bool>(false);
    undo_->push(new EnvironmentCommand(
        tr("Delete %1").arg(name),
        [this, id, removed, wasActive] {
            *wasActive = workspace_->activeEnvironmentId() == id;
            *removed = workspace_->removeEnvironment(id);
        },
        [this, id, removed, wasActive] {
            if (*removed) workspace_->restoreEnvironment(**removed);
            if (*wasActive) workspace_->setActiveEnvironment(id);  // undo puts it back in use too
            selectEnvironment(id);
        }));
    noticeText_->setText(tr("Deleted the environment \u201c%1\u201d.").arg(name));
    notice_->show();  // after the push: any later undo step hides it
}

void EnvironmentPanel::showMenu(const QPoint& pos) {
    QListWidgetItem* item = list_->itemAt(pos);
    QMenu menu(this);
    if (item) {
        const std::string id = item->data(Qt::UserRole).toString().toStdString();
        menu.addAction(tr("Rename"), this, [this, item] { list_->editItem(item); });
        menu.addAction(tr("Duplicate"), this, [this, id] { duplicateEnvironment(id); });
        menu.addAction(tr("Delete"), this, [this, id] { deleteEnvironment(id); });
        menu.addSeparator();
    }
    menu.addAction(tr("New environment…"), new_, &QToolButton::click);
    menu.addAction(undo_->createUndoAction(&menu, tr("Undo")));
    menu.addAction(undo_->createRedoAction(&menu, tr("Redo")));
    menu.exec(list_->viewport()->mapToGlobal(pos));
}

void EnvironmentPanel::markActive() {
    for (int i = 0; i < list_->count(); ++i) {
        QListWidgetItem* item = list_->item(i);
        QFont f = list_->font();
        f.setBold(item->data(Qt::UserRole).toString().toStdString() == workspace_->activeEnvironmentId());
        item->setFont(f);
    }
}

void EnvironmentPanel::updateButtons() {
    const bool any = workspace_->environment(current_) != nullptr;
    for (QToolButton* b : {duplicate_, rename_, delete_}) b->setEnabled(any);
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
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        QString owner = tr("Global environment");
        for (const auto& c : workspace_->collections())
            for (const auto& ce : c.environments)
                if (ce.id == e.id) owner = tr("Environment of the collection \u201c%1\u201d").arg(QString::fromStdString(c.name));
        item->setToolTip(owner + QLatin1Char('\n') + tr("Double-click or F2 to rename"));
    }
    markActive();
    loading_ = false;
    const bool kept = workspace_->environment(keep) != nullptr;  // a deleted one: select the first
    selectEnvironment(!kept && list_->count() ? list_->item(0)->data(Qt::UserRole).toString().toStdString() : keep);
}

void EnvironmentPanel::selectEnvironment(const std::string& id) {
    if (saveTimer_->isActive()) commit();  // the table still shows the previous environment
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->data(Qt::UserRole).toString().toStdString() == id) {
            loading_ = true;
            list_->setCurrentRow(i);
            loading_ = false;
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
    updateButtons();
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
