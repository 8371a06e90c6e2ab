#pragma once
// GraphqlSchemaRepository: GraphQL schemas cached per endpoint (the resolved URL, after variables),
// as the introspection JSON the server answered or as SDL text loaded from a file. The GUI's GraphQL
// editor and `sonde-cli graphql schema|validate` read it first and introspect again only on request.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/database.h"

namespace sonde {

struct CachedGraphqlSchema {
    enum class Format { Introspection, Sdl };
    std::string endpoint;       // the resolved URL, the key
    Format format = Format::Introspection;
    std::string body;           // the introspection JSON or the SDL text (empty in list())
    std::int64_t fetchedAt = 0; // milliseconds since the Unix epoch
    std::int64_t bytes = 0;     // size of body (also filled by list())
};

const char* toString(CachedGraphqlSchema::Format f);  // "introspection", "sdl"

class GraphqlSchemaRepository {
public:
    explicit GraphqlSchemaRepository(Database& db) : db_(db) {}

    // Inserts or replaces the schema of schema.endpoint; fetchedAt 0 means now.
    Status put(const CachedGraphqlSchema& schema);
    // The cached schema of `endpoint`, or nullopt when none is cached.
    Result<std::optional<CachedGraphqlSchema>> get(const std::string& endpoint) const;
    // Removes the schema of `endpoint`; true when there was one.
    Result<bool> remove(const std::string& endpoint);
    // Every cached schema without its body, newest first.
    Result<std::vector<CachedGraphqlSchema>> list() const;

private:
    Database& db_;
};

}  // namespace sonde
