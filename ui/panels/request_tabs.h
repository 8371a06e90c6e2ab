#pragma once
// RequestTabs: the centre tabs of open requests. Opens a request once (focuses it when already open),
// marks unsaved tabs, asks before closing one with edits, keeps drafts of dirty tabs in a DraftStore,
// and places responses below or beside the request for every tab.
#include <QTabWidget>

#include <functional>

#include "core/model/request.h"

namespace sonde::ui {

class DraftStore;
class RequestTab;
class SendWorker;
class Workspace;
struct HistoryEntry;

class RequestTabs : public QTabWidget {
    Q_OBJECT
public:
    enum class CloseChoice { Save, Discard, Cancel };

    RequestTabs(Workspace* workspace, SendWorker* worker, DraftStore* drafts, QWidget* parent = nullptr);

    RequestTab* current() const;
    RequestTab* tabAt(int index) const;
    RequestTab* newTab();
    RequestTab* openRequest(const std::string& collectionId, const std::string& requestId);
    RequestTab* openHistory(const HistoryEntry& entry);
    RequestTab* openDraft(const std::string& key, const std::string& collectionId, const RequestSpec& request);
    bool closeTab(int index);  // false when the user cancelled
    void setResponseBeside(bool beside);
    bool responseBeside() const { return beside_; }
    // How to ask about closing a tab with unsaved edits (a dialog by default; tests replace it).
    void setCloseQuestion(std::function<CloseChoice(RequestTab*)> ask) { ask_ = std::move(ask); }

signals:
    void currentRequestChanged(RequestTab* tab);

private:
    RequestTab* addRequestTab();
    void updateTitle(RequestTab* tab);

    Workspace* workspace_;
    SendWorker* worker_;
    DraftStore* drafts_;
    bool beside_ = false;
    std::function<CloseChoice(RequestTab*)> ask_;
};

}  // namespace sonde::ui
