#pragma once
// CollectionRepository: workspaces of collections; a collection holds nested folders and requests in
// the user's order, its variables and its environments. A request is stored as JSON of its
// RequestSpec (see stored_json.h) with name, method and url in indexed columns. Ids are the model's
// string ids (UUIDs given on first save). Every write is one transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/collection.h"
#include "core/store/database.h"

namespace sonde {

struct Workspace {
    std::int64_t id = 0;
    std::string name;
};

struct CollectionSummary {
    std::string id;
    std::string name;
    std::string description;
    std::int64_t workspaceId = 0;
    int folderCount = 0;
    int requestCount = 0;
    std::int64_t updatedAt = 0;  // Unix ms
};

class CollectionRepository {
public:
    explicit CollectionRepository(Database& db) : db_(db) {}

    Result<std::vector<Workspace>> workspaces();
    Result<std::int64_t> defaultWorkspace();  // the "Default" workspace every database has
    Result<std::int64_t> createWorkspace(const std::string& name);

    // Collections of one workspace (all workspaces when none given), in the user's order.
    Result<std::vector<CollectionSummary>> list(std::optional<std::int64_t> workspaceId = std::nullopt);

    // Saves the whole collection (folders, requests, variables, environments), replacing the stored
    // version with the same id, in one transaction. Gives ids to everything that has none. Returns
    // the collection as stored.
    Result<Collection> save(Collection collection, std::optional<std::int64_t> workspaceId = std::nullopt);
    // The whole tree, by id, or by name when no id matches (an Error lists the known names).
    Result<Collection> load(const std::string& idOrName);
    Status remove(const std::string& id);

    // One request: updates the stored request with spec.id, or appends it to the folder with id
    // folderId ("" = the collection's root). Returns it as stored (with its id).
    Result<RequestSpec> saveRequest(const std::string& collectionId, const std::string& folderId, RequestSpec spec);
    Result<RequestSpec> loadRequest(const std::string& requestId);
    Status removeRequest(const std::string& requestId);

private:
    Result<std::int64_t> rowIdOf(const std::string& collectionId);
    Database& db_;
};

// The same collection with fresh ids everywhere (to store a second copy of an imported collection).
Collection withNewIds(Collection collection);

}  // namespace sonde
