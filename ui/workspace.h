#pragma once
// Workspace: the GUI's view of the user's data: collections, environments (the active one), runtime
// variables and the history of sends. Panels read it and ask it to change; it keeps the data as core
// model values and persists through a WorkspaceBackend (the SQLite store, or memory in tests) on a
// writer thread, so neither a big collection's save nor redacting a big response for the history
// holds the UI thread.
#include <QDateTime>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/model/collection.h"
#include "core/model/response.h"
#include "core/vars/variable_scopes.h"
#include "ui/widgets/variable_lookup.h"

namespace sonde::ui {

struct HistoryEntry {
    std::int64_t id = 0;
    QDateTime at;
    std::string collectionId;
    RequestSpec request;                       // as written (with {{variables}})
    std::shared_ptr<const Exchange> exchange;  // null when the send failed
    std::optional<Error> error;
    std::vector<std::string> secrets;  // values to redact before the entry is stored
};

// Where the workspace keeps its data. Every call is a complete, transactional change. The Workspace
// calls the load functions on its own thread at start, then every write on one writer thread, in order.
class WorkspaceBackend {
public:
    virtual ~WorkspaceBackend() = default;
    virtual std::vector<Collection> loadCollections() = 0;
    virtual std::vector<Environment> loadGlobalEnvironments() = 0;
    virtual std::vector<HistoryEntry> loadHistory(int limit) = 0;
    virtual Status saveCollection(const Collection& collection) = 0;
    virtual Status deleteCollection(const std::string& id) = 0;
    virtual Status saveGlobalEnvironment(const Environment& environment) = 0;
    virtual Status deleteGlobalEnvironment(const std::string& id) = 0;
    virtual Status addHistory(HistoryEntry& entry) = 0;  // sets entry.id
    // The SQLite file behind it ("" in memory): other connections (the GraphQL schema cache) open it.
    virtual std::string databasePath() const { return {}; }
};

// Keeps everything in memory (tests, and a store that failed to open).
class MemoryBackend : public WorkspaceBackend {
public:
    std::vector<Collection> loadCollections() override { return collections; }
    std::vector<Environment> loadGlobalEnvironments() override { return environments; }
    std::vector<HistoryEntry> loadHistory(int) override { return history; }
    Status saveCollection(const Collection& c) override;
    Status deleteCollection(const std::string& id) override;
    Status saveGlobalEnvironment(const Environment& e) override;
    Status deleteGlobalEnvironment(const std::string& id) override;
    Status addHistory(HistoryEntry& entry) override;
    std::vector<Collection> collections;
    std::vector<Environment> environments;
    std::vector<HistoryEntry> history;
};

// An environment taken out of the workspace, with where it was (for undo).
struct RemovedEnvironment {
    Environment environment;
    std::string collectionId;  // empty: a global environment
    std::size_t index = 0;     // its position in that list
};

class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(std::unique_ptr<WorkspaceBackend> backend, QObject* parent = nullptr);
    ~Workspace() override;

    const std::vector<Collection>& collections() const { return collections_; }
    const Collection* collection(const std::string& id) const;
    // Environments the selector offers: every collection's plus the global ones.
    std::vector<Environment> environments() const;
    const Environment* environment(const std::string& id) const;
    const std::string& activeEnvironmentId() const { return activeEnv_; }
    void setActiveEnvironment(const std::string& id);
    const std::vector<HistoryEntry>& history() const { return history_; }

    // Finds a request anywhere; fills the id of its collection.
    const RequestSpec* findRequest(const std::string& requestId, std::string* collectionId = nullptr) const;
    // Saves a request: replaces the one with the same id, or appends it to the collection's root
    // (creating a "My requests" collection when there is none). Returns the (possibly new) request id.
    std::string saveRequest(const std::string& collectionId, RequestSpec request);
    void replaceCollection(const Collection& collection);  // after tree edits (rename, move, delete)
    void addCollection(Collection collection);
    void removeCollection(const std::string& id);
    void saveEnvironment(const Environment& environment);  // global or collection environment by id
    // A copy named `name` beside the original (same collection, or global); returns its id ("" if none).
    std::string duplicateEnvironment(const std::string& id, const std::string& name);
    std::optional<RemovedEnvironment> removeEnvironment(const std::string& id);  // deactivates it if active
    void restoreEnvironment(const RemovedEnvironment& removed);                  // undo of removeEnvironment
    void addHistory(HistoryEntry entry);

    // Variables for a request of that collection with the active environment and runtime values.
    VariableScopes scopesFor(const std::string& collectionId) const;
    VariableLookup lookupFor(const std::string& collectionId) const;
    void setRuntimeVariable(const std::string& name, const std::string& value);

    std::string databasePath() const { return backend_->databasePath(); }

    static std::string newId();
    QString lastError() const { return lastError_; }
    // Changes reach the backend on a writer thread, in order (the UI thread only updates the values);
    // flush() waits until every queued change is stored and its error, if any, reported.
    void flush();

signals:
    void collectionsChanged();
    void environmentsChanged();
    void activeEnvironmentChanged();
    void historyAdded(const sonde::ui::HistoryEntry& entry);
    void errorOccurred(const QString& message);

private:
    void check(const Status& s);
    void write(std::function<Status(WorkspaceBackend&)> op);
    void saveCollectionLater(const Collection& collection);

    std::unique_ptr<WorkspaceBackend> backend_;
    std::vector<Collection> collections_;
    std::vector<Environment> globals_;
    std::vector<HistoryEntry> history_;
    std::vector<Variable> runtime_;
    std::string activeEnv_;
    QString lastError_;
    std::int64_t lastHistoryId_ = 0;
    QThreadPool writer_;  // declared last: destroyed (after waiting) before the backend
};

}  // namespace sonde::ui
