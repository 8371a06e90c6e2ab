#pragma once
// RequestTab: one open request: its RequestPanel and ResponsePanel in a splitter. It resolves
// variables, sends through the SendWorker, shows the result and records it in the history. It knows
// where the request came from (collection/request ids) and whether it has unsaved edits.
#include <QSplitter>

#include "core/http/engine.h"
#include "ui/send_worker.h"

namespace sonde::ui {

class RequestPanel;
class ResponsePanel;
class Workspace;
struct HistoryEntry;

class RequestTab : public QSplitter {
    Q_OBJECT
public:
    RequestTab(Workspace* workspace, SendWorker* worker, QWidget* parent = nullptr);

    void load(const std::string& collectionId, const RequestSpec& request, bool dirty = false);
    void showHistory(const HistoryEntry& entry);
    RequestSpec request() const;
    const std::string& collectionId() const { return collectionId_; }
    const std::string& requestId() const { return requestId_; }
    const std::string& key() const { return key_; }  // stable for the tab's life (drafts)
    void setKey(const std::string& key) { key_ = key; }
    bool isDirty() const { return dirty_; }
    bool isSending() const { return inFlight_ != 0; }
    QString title() const;

    void send();
    void cancel();
    bool save();  // into its collection (or a default one); clears the dirty mark
    void refreshLookup();

    RequestPanel* requestPanel() const { return request_; }
    ResponsePanel* responsePanel() const { return response_; }

signals:
    void dirtyChanged(bool dirty);
    void edited();  // any edit (drafts are written from this, debounced)
    void titleChanged();
    void exchangeFinished();
    void checksFinished();  // assertion results and captures are applied

private:
    void onFinished(ExchangeId id, const ExchangeResultPtr& result);
    void setDirty(bool dirty);
    void runChecks(std::shared_ptr<const Exchange> exchange);

    Workspace* workspace_;
    SendWorker* worker_;
    RequestPanel* request_;
    ResponsePanel* response_;
    std::string collectionId_, requestId_, key_;
    RequestSpec sentSpec_;
    std::vector<std::string> sentSecrets_;
    ExchangeId inFlight_ = 0;
    bool dirty_ = false;
};

}  // namespace sonde::ui
