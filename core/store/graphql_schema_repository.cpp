#include "core/store/graphql_schema_repository.h"

#include <chrono>

namespace sonde {

namespace {
CachedGraphqlSchema::Format formatFrom(std::string_view s) {
    return s == "sdl" ? CachedGraphqlSchema::Format::Sdl : CachedGraphqlSchema::Format::Introspection;
}
std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

const char* toString(CachedGraphqlSchema::Format f) {
    return f == CachedGraphqlSchema::Format::Sdl ? "sdl" : "introspection";
}

Status GraphqlSchemaRepository::put(const CachedGraphqlSchema& schema) {
    if (schema.endpoint.empty())
        return makeError("A cached GraphQL schema needs an endpoint URL", db_.path(), {}, "usage");
    return db_.transaction([&]() -> Status {
        // One row per endpoint: an upsert (https://www.sqlite.org/lang_upsert.html) replaces it in place.
        auto st = db_.prepare(
            "INSERT INTO graphql_schemas(endpoint, format, body, fetched_at) VALUES (?1, ?2, ?3, ?4)"
            " ON CONFLICT(endpoint) DO UPDATE SET format = ?2, body = ?3, fetched_at = ?4");
        if (!st) return st.error();
        st->bind(1, schema.endpoint).bind(2, toString(schema.format)).bind(3, schema.body);
        st->bind(4, schema.fetchedAt != 0 ? schema.fetchedAt : nowMs());
        return st->run();
    });
}

Result<std::optional<CachedGraphqlSchema>> GraphqlSchemaRepository::get(const std::string& endpoint) const {
    auto st = db_.prepare("SELECT format, body, fetched_at FROM graphql_schemas WHERE endpoint = ?");
    if (!st) return st.error();
    st->bind(1, endpoint);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<CachedGraphqlSchema>{};
    CachedGraphqlSchema out;
    out.endpoint = endpoint;
    out.format = formatFrom(st->textView(0));
    out.body = st->text(1);
    out.fetchedAt = st->int64(2);
    out.bytes = static_cast<std::int64_t>(out.body.size());
    return std::optional<CachedGraphqlSchema>(std::move(out));
}

Result<bool> GraphqlSchemaRepository::remove(const std::string& endpoint) {
    bool removed = false;
    auto s = db_.transaction([&]() -> Status {
        auto st = db_.prepare("DELETE FROM graphql_schemas WHERE endpoint = ?");
        if (!st) return st.error();
        if (auto r = st->bind(1, endpoint).run(); !r) return r;
        removed = db_.changes() > 0;
        return {};
    });
    if (!s) return s.error();
    return removed;
}

Result<std::vector<CachedGraphqlSchema>> GraphqlSchemaRepository::list() const {
    auto st = db_.prepare(
        "SELECT endpoint, format, length(CAST(body AS BLOB)), fetched_at FROM graphql_schemas"
        " ORDER BY fetched_at DESC, endpoint");
    if (!st) return st.error();
    std::vector<CachedGraphqlSchema> out;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        CachedGraphqlSchema c;
        c.endpoint = st->text(0);
        c.format = formatFrom(st->textView(1));
        c.bytes = st->int64(2);
        c.fetchedAt = st->int64(3);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace sonde
