#include "ui/graphql/graphql_schema_cache.h"

#include "core/graphql/introspection.h"
#include "core/graphql/schema_builder.h"
#include "core/store/database.h"
#include "core/store/graphql_schema_repository.h"

namespace sonde::ui {

CachedSchemaLoad GraphqlSchemaCache::load(const std::string& endpoint) const {
    CachedSchemaLoad out;
    out.endpoint = endpoint;
    if (path_.empty() || endpoint.empty()) return out;
    auto db = Database::open(path_);
    if (!db) {
        out.problem = db.error().message();
        return out;
    }
    GraphqlSchemaRepository repo(*db);
    auto cached = repo.get(endpoint);
    if (!cached) {
        out.problem = cached.error().message();
        return out;
    }
    if (!cached->has_value()) return out;
    const CachedGraphqlSchema& c = **cached;
    out.fetchedAt = c.fetchedAt;
    out.sdl = c.format == CachedGraphqlSchema::Format::Sdl;
    if (out.sdl) {
        graphql::SchemaBuild build = graphql::buildSchemaFromSdl(c.body);
        if (build.schema) out.schema = std::move(*build.schema);
        else out.problem = "The cached SDL does not parse: " + build.errors.front().message;
    } else {
        auto schema = graphql::schemaFromIntrospection(c.body);
        if (schema) out.schema = std::move(schema.value());
        else out.problem = "The cached introspection is unreadable: " + schema.error().message();
    }
    return out;
}

Status GraphqlSchemaCache::save(const std::string& endpoint, const std::string& text, bool sdl) const {
    if (path_.empty() || endpoint.empty()) return {};
    auto db = Database::open(path_);
    if (!db) return db.error();
    GraphqlSchemaRepository repo(*db);
    return repo.put({endpoint, sdl ? CachedGraphqlSchema::Format::Sdl : CachedGraphqlSchema::Format::Introspection,
                     text, 0, 0});
}

}  // namespace sonde::ui
