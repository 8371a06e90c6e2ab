#pragma once
// StoreBackend: the Workspace persisted in the SQLite store (core/store): collections, global
// environments and the history (redacted, bodies capped by HistoryRepository).
#include <memory>

#include "core/store/database.h"
#include "ui/workspace.h"

namespace sonde::ui {

class StoreBackend : public WorkspaceBackend {
public:
    // Opens (creating and migrating) the database at path.
    static Result<std::unique_ptr<StoreBackend>> open(const std::string& path);

    std::vector<Collection> loadCollections() override;
    std::vector<Environment> loadGlobalEnvironments() override;
    std::vector<HistoryEntry> loadHistory(int limit) override;
    Status saveCollection(const Collection& collection) override;
    Status deleteCollection(const std::string& id) override;
    Status saveGlobalEnvironment(const Environment& environment) override;
    Status deleteGlobalEnvironment(const std::string& id) override;
    Status addHistory(HistoryEntry& entry) override;
    std::string databasePath() const override { return db_.path(); }

private:
    explicit StoreBackend(Database db) : db_(std::move(db)) {}
    Database db_;
};

}  // namespace sonde::ui
