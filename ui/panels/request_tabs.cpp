#include "ui/panels/request_tabs.h"

#include <QMessageBox>
#include <QTabBar>

#include "ui/draft_store.h"
#include "ui/panels/request_panel.h"
#include "ui/panels/request_tab.h"
#include "ui/widgets/method_badge.h"
#include "ui/workspace.h"

namespace sonde::ui {

RequestTabs::RequestTabs(Workspace* workspace, SendWorker* worker, DraftStore* drafts, QWidget* parent)
    : QTabWidget(parent), workspace_(workspace), worker_(worker), drafts_(drafts) {
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    setUsesScrollButtons(true);
    tabBar()->setExpanding(false);
    ask_ = [this](RequestTab* tab) {
        const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                                  tr("Save the changes to “%1” before closing?").arg(tab->title()),
                                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        return answer == QMessageBox::Save ? CloseChoice::Save : answer == QMessageBox::Discard ? CloseChoice::Discard
                                                                                                 : CloseChoice::Cancel;
    };
    connect(this, &QTabWidget::tabCloseRequested, this, &RequestTabs::closeTab);
    connect(this, &QTabWidget::currentChanged, this, [this] { emit currentRequestChanged(current()); });
}

RequestTab* RequestTabs::current() const { return qobject_cast<RequestTab*>(currentWidget()); }
RequestTab* RequestTabs::tabAt(int index) const { return qobject_cast<RequestTab*>(widget(index)); }

RequestTab* RequestTabs::addRequestTab() {
    auto* tab = new RequestTab(workspace_, worker_, this);
    tab->setOrientation(beside_ ? Qt::Horizontal : Qt::Vertical);
    connect(tab, &RequestTab::titleChanged, this, [this, tab] { updateTitle(tab); });
    connect(tab, &RequestTab::edited, this, [this, tab] {
        if (drafts_ && tab->isDirty()) drafts_->schedule({tab->key(), tab->collectionId(), tab->request()});
    });
    connect(tab, &RequestTab::dirtyChanged, this, [this, tab](bool dirty) {
        if (!dirty && drafts_) drafts_->remove(tab->key());
    });
    const int index = addTab(tab, QString());
    updateTitle(tab);
    setCurrentIndex(index);
    return tab;
}

RequestTab* RequestTabs::newTab() {
    RequestTab* tab = addRequestTab();
    RequestSpec r;
    tab->load({}, r);
    tab->requestPanel()->setFocus();
    return tab;
}

RequestTab* RequestTabs::openRequest(const std::string& collectionId, const std::string& requestId) {
    for (int i = 0; i < count(); ++i)
        if (tabAt(i)->requestId() == requestId) {
            setCurrentIndex(i);
            return tabAt(i);
        }
    std::string cid = collectionId;
    const RequestSpec* r = workspace_->findRequest(requestId, &cid);
    if (!r) return nullptr;
    RequestTab* tab = addRequestTab();
    tab->load(cid, *r);
    emit currentRequestChanged(tab);  // now that it knows its request
    return tab;
}

RequestTab* RequestTabs::openHistory(const HistoryEntry& entry) {
    RequestTab* tab = addRequestTab();
    RequestSpec r = entry.request;
    r.id.clear();  // a restored request is a new, unsaved one
    tab->load(entry.collectionId, r, true);
    tab->showHistory(entry);
    return tab;
}

RequestTab* RequestTabs::openDraft(const std::string& key, const std::string& collectionId, const RequestSpec& request) {
    RequestTab* tab = addRequestTab();
    tab->setKey(key);
    tab->load(collectionId, request, true);
    return tab;
}

bool RequestTabs::closeTab(int index) {
    RequestTab* tab = tabAt(index);
    if (!tab) return false;
    if (tab->isDirty()) {
        switch (ask_(tab)) {
        case CloseChoice::Cancel: return false;
        case CloseChoice::Save: tab->save(); break;
        case CloseChoice::Discard: break;
        }
    }
    tab->cancel();
    if (drafts_) drafts_->remove(tab->key());
    removeTab(index);
    tab->deleteLater();
    return true;
}

void RequestTabs::setResponseBeside(bool beside) {
    beside_ = beside;
    for (int i = 0; i < count(); ++i) tabAt(i)->setOrientation(beside ? Qt::Horizontal : Qt::Vertical);
}

void RequestTabs::updateTitle(RequestTab* tab) {
    const int i = indexOf(tab);
    if (i < 0) return;
    setTabText(i, tab->title());
    setTabIcon(i, methodIcon(QString::fromStdString(tab->request().method)));
    setTabToolTip(i, QString::fromStdString(tab->request().url) + (tab->isDirty() ? tr("\n(unsaved)") : QString()));
}

}  // namespace sonde::ui
