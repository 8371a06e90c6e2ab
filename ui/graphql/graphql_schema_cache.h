#pragma once
// GraphqlSchemaCache: the GraphQL editor's side of the store's schema cache (core/store
// GraphqlSchemaRepository), keyed by graphql::schemaCacheKey (the URL, and whose credentials). Every
// call opens its own SQLite connection to the store file and blocks, so callers run it on a pool thread
// (QtConcurrent), never on the UI thread; the workspace's own connection is not shared across threads.
#include <cstdint>
#include <optional>
#include <string>

#include "core/graphql/schema.h"
#include "core/model/result.h"

namespace sonde::ui {

struct CachedSchemaLoad {
    std::optional<graphql::Schema> schema;  // none: nothing cached for the endpoint (or unreadable)
    std::string endpoint;
    std::int64_t fetchedAt = 0;  // ms since the epoch
    bool sdl = false;            // cached as SDL text rather than introspection JSON
    std::string problem;         // the store or the cached text could not be read
};

class GraphqlSchemaCache {
public:
    explicit GraphqlSchemaCache(std::string databasePath) : path_(std::move(databasePath)) {}
    bool enabled() const { return !path_.empty(); }
    const std::string& path() const { return path_; }

    // The cached schema of `endpoint`, built (from JSON or SDL) here, off the UI thread.
    CachedSchemaLoad load(const std::string& endpoint) const;
    // Stores introspection JSON (sdl = false) or SDL text for `endpoint`, fetched now.
    Status save(const std::string& endpoint, const std::string& text, bool sdl) const;

private:
    std::string path_;
};

}  // namespace sonde::ui
