#include "ui/panels/history_panel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/widgets/method_badge.h"
#include "ui/workspace.h"

namespace sonde::ui {

HistoryPanel::HistoryPanel(Workspace* workspace, QWidget* parent) : QWidget(parent), workspace_(workspace) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter history"));
    filter_->setClearButtonEnabled(true);
    list_ = new QTreeWidget(this);
    list_->setHeaderLabels({tr("Request"), tr("Status"), tr("When")});
    list_->setRootIsDecorated(false);
    list_->setItemDelegateForColumn(0, new MethodBadgeDelegate(list_));
    list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list_->header()->setStretchLastSection(false);
    lay->addWidget(filter_);
    lay->addWidget(list_, 1);
    for (const auto& e : workspace_->history()) prepend(e);
    connect(workspace_, &Workspace::historyAdded, this, &HistoryPanel::prepend);
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int i = 0; i < list_->topLevelItemCount(); ++i) {
            auto* item = list_->topLevelItem(i);
            item->setHidden(!text.isEmpty() && !item->toolTip(0).contains(text, Qt::CaseInsensitive));
        }
    });
    connect(list_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const auto id = item->data(0, Qt::UserRole).toLongLong();
        for (const auto& e : workspace_->history())
            if (e.id == id) return emit entryActivated(e);
    });
}

void HistoryPanel::prepend(const HistoryEntry& e) {
    auto* item = new QTreeWidgetItem;
    const QString url = QString::fromStdString(e.exchange ? e.exchange->request.url : e.request.url);
    item->setText(0, url);
    item->setData(0, MethodRole, QString::fromStdString(e.request.method));
    item->setData(0, Qt::UserRole, static_cast<qlonglong>(e.id));
    item->setToolTip(0, QString::fromStdString(e.request.method) + QLatin1Char(' ') + url);
    item->setText(1, e.exchange ? QString::number(e.exchange->response.status)
                                : QString::fromStdString(e.error ? e.error->code : std::string("error")));
    item->setText(2, e.at.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    item->setToolTip(2, e.at.toLocalTime().toString(Qt::ISODate));
    list_->insertTopLevelItem(0, item);
}

}  // namespace sonde::ui
