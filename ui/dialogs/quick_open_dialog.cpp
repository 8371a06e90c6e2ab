#include "ui/dialogs/quick_open_dialog.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include "ui/widgets/method_badge.h"
#include "ui/workspace.h"

namespace sonde::ui {

QuickOpenDialog::QuickOpenDialog(Workspace* workspace, QWidget* parent) : QDialog(parent), workspace_(workspace) {
    setWindowTitle(tr("Open a request"));
    auto* lay = new QVBoxLayout(this);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Request name, folder or URL"));
    list_ = new QListWidget(this);
    list_->setItemDelegate(new MethodBadgeDelegate(list_));
    lay->addWidget(filter_);
    lay->addWidget(list_, 1);
    resize(560, 380);
    filter_->installEventFilter(this);
    connect(filter_, &QLineEdit::textChanged, this, &QuickOpenDialog::applyFilter);
    connect(list_, &QListWidget::itemActivated, this, &QuickOpenDialog::choose);
}

void QuickOpenDialog::popup() {
    list_->clear();
    for (const auto& c : workspace_->collections()) {
        forEachRequest(c.root, [&](const RequestSpec& r, const std::string& path) {
            const QString where = QString::fromStdString(c.name + (path.empty() ? "" : "/" + path));
            auto* item = new QListWidgetItem(QStringLiteral("%1    — %2").arg(QString::fromStdString(r.name), where), list_);
            item->setData(MethodRole, QString::fromStdString(r.method));
            item->setData(Qt::UserRole, QString::fromStdString(c.id));
            item->setData(Qt::UserRole + 1, QString::fromStdString(r.id));
            item->setToolTip(QString::fromStdString(r.url));
        });
    }
    filter_->clear();
    applyFilter({});
    show();
    raise();
    activateWindow();
    filter_->setFocus();
}

void QuickOpenDialog::applyFilter(const QString& text) {
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QListWidgetItem* first = nullptr;
    for (int i = 0; i < list_->count(); ++i) {
        auto* item = list_->item(i);
        const QString hay = item->text() + QLatin1Char(' ') + item->toolTip();
        bool match = true;
        for (const auto& w : words) match = match && hay.contains(w, Qt::CaseInsensitive);
        item->setHidden(!match);
        if (match && !first) first = item;
    }
    list_->setCurrentItem(first);
}

void QuickOpenDialog::choose() {
    auto* item = list_->currentItem();
    if (!item || item->isHidden()) return;
    hide();
    emit requestChosen(item->data(Qt::UserRole).toString().toStdString(), item->data(Qt::UserRole + 1).toString().toStdString());
}

bool QuickOpenDialog::eventFilter(QObject* watched, QEvent* event) {
    if (watched == filter_ && event->type() == QEvent::KeyPress) {
        auto* ke = static_cast<QKeyEvent*>(event);
        if (ke->key() == Qt::Key_Return || ke->key() == Qt::Key_Enter) return choose(), true;
        if (ke->key() == Qt::Key_Down || ke->key() == Qt::Key_Up) {
            int row = list_->currentRow();
            do row += ke->key() == Qt::Key_Down ? 1 : -1;
            while (row >= 0 && row < list_->count() && list_->item(row)->isHidden());
            if (row >= 0 && row < list_->count()) list_->setCurrentRow(row);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

}  // namespace sonde::ui
