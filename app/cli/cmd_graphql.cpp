// sonde-cli graphql: send a GraphQL operation, print a schema as SDL, or validate a document.
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli_options.h"
#include "commands.h"
#include "core/graphql/client.h"
#include "core/graphql/introspection.h"
#include "core/graphql/schema_builder.h"
#include "core/graphql/validator.h"
#include "core/http/engine.h"
#include "core/store/graphql_schema_repository.h"
#include "output.h"
#include "request_args.h"
#include "store_access.h"

namespace sonde::cli {

namespace {

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("Cannot read the file", path, "Check the path", "file");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int fail(const Error& e) {
    printError(e);
    return exitCodeFor(e);
}

Result<graphql::Schema> schemaFromSdl(const std::string& text, const std::string& where, bool warn) {
    auto built = graphql::buildSchemaFromSdl(text);
    if (!built.schema) {
        const auto& d = built.errors.front();
        return makeError("The schema does not parse: " + d.message,
                         where + ":" + std::to_string(d.line) + ":" + std::to_string(d.column), "", "parse");
    }
    if (warn)  // definition problems: reported, the schema is still usable
        for (const auto& d : built.errors)
            std::cerr << where << ":" << d.line << ":" << d.column << ": warning: " << d.message << " [" << d.rule << "]\n";
    return std::move(*built.schema);
}

std::string utcTime(std::int64_t ms) {
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

// The schema of an endpoint: the one cached in the store for its URL unless --refresh or --no-cache;
// otherwise introspected, and the introspection JSON is cached for the next time. A store that cannot
// be opened or written only costs the cache (a warning), never the command.
Result<graphql::Schema> schemaForEndpoint(const ParsedArgs& a, const std::string& url) {
    auto endpoint = requestFromArgs(a, url);
    if (!endpoint) return endpoint.error();
    const std::string key = graphql::schemaCacheKey(*endpoint);  // the URL, and whose credentials
    std::optional<Database> db;
    if (!a.has("--no-cache")) {
        auto opened = openStore(a, false);
        if (opened) db.emplace(std::move(opened.value()));
        else std::cerr << "sonde-cli: warning: no schema cache: " << opened.error().message() << "\n";
    }
    if (db && !a.has("--refresh")) {
        GraphqlSchemaRepository repo(*db);
        auto cached = repo.get(key);
        if (cached && cached->has_value()) {
            const CachedGraphqlSchema& c = **cached;
            auto schema = c.format == CachedGraphqlSchema::Format::Sdl ? schemaFromSdl(c.body, endpoint->url, false)
                                                                       : graphql::schemaFromIntrospection(c.body);
            if (schema) {
                std::cerr << "sonde-cli: the cached schema of " << key << " (" << toString(c.format)
                          << ", fetched " << utcTime(c.fetchedAt) << "); --refresh fetches it again\n";
                return schema;
            }
            std::cerr << "sonde-cli: warning: the cached schema is unreadable (" << schema.error().title
                      << "); fetching it again\n";
        } else if (!cached) {
            std::cerr << "sonde-cli: warning: cannot read the schema cache: " << cached.error().message() << "\n";
        }
    }
    Engine engine;
    auto json = graphql::fetchIntrospection(engine, *endpoint);
    if (!json) return json.error();
    auto schema = graphql::schemaFromIntrospection(*json);
    if (!schema) return schema.error();
    if (db) {
        GraphqlSchemaRepository repo(*db);
        if (auto st = repo.put({key, CachedGraphqlSchema::Format::Introspection, *json, 0, 0}); !st)
            std::cerr << "sonde-cli: warning: the schema was not cached: " << st.error().message() << "\n";
        else
            std::cerr << "sonde-cli: introspected " << key << " (cached in " << db->path() << ")\n";
    }
    return schema;
}

// A schema from an SDL file (a path that exists) or from an endpoint URL (cache or introspection).
Result<graphql::Schema> loadSchema(const ParsedArgs& a, const std::string& source) {
    if (source.rfind("http://", 0) != 0 && source.rfind("https://", 0) != 0) {
        auto text = readFile(source);
        if (!text) return text.error();
        return schemaFromSdl(*text, source, true);
    }
    return schemaForEndpoint(a, source);
}

int runSchema(const ParsedArgs& a) {
    if (a.positional().size() != 2) return fail(makeError("Give the endpoint URL or SDL file", "command line", "sonde-cli graphql schema URL", "usage"));
    auto schema = loadSchema(a, a.positional()[1]);
    if (!schema) return fail(schema.error());
    std::cout << graphql::printSchema(*schema);
    return ExitOk;
}

int runValidate(const ParsedArgs& a) {
    if (!a.has("--schema") || a.positional().size() != 2)
        return fail(makeError("Give --schema URL|FILE and one query file", "command line",
                              "sonde-cli graphql validate --schema schema.graphql query.graphql", "usage"));
    const std::string file = a.positional()[1];
    auto text = readFile(file);
    if (!text) return fail(text.error());
    auto schema = loadSchema(a, a.get("--schema"));
    if (!schema) return fail(schema.error());
    auto diags = graphql::validate(*schema, *text);
    for (const auto& d : diags)
        std::cout << file << ":" << d.line << ":" << d.column << ": error: " << d.message << " [" << d.rule << "]\n";
    if (diags.empty()) std::cout << file << ": valid\n";
    return diags.empty() ? ExitOk : ExitFailed;
}

int runOperation(const ParsedArgs& a) {
    if (a.positional().size() != 1)
        return fail(makeError(a.positional().empty() ? "No URL given" : "More than one URL given", "command line",
                              "sonde-cli graphql URL --query '{ hello }'", "usage"));
    graphql::GraphQLRequest gq;
    if (a.has("--query") == a.has("--query-file"))
        return fail(makeError("Give exactly one of --query and --query-file", "command line", "", "usage"));
    if (a.has("--query")) {
        gq.query = a.get("--query");
    } else {
        auto text = readFile(a.get("--query-file"));
        if (!text) return fail(text.error());
        gq.query = *text;
    }
    gq.variables = a.get("--variables");
    gq.operationName = a.get("--operation");
    gq.useGet = a.has("--get");
    auto endpoint = requestFromArgs(a, a.positional()[0]);
    if (!endpoint) return fail(endpoint.error());
    auto http = graphql::toHttpRequest(*endpoint, gq);
    if (!http) return fail(http.error());
    Engine engine;
    auto res = engine.send(*http);
    if (!res) return fail(res.error());
    const Response& r = res->response;
    std::string body = bodyOf(r);
    auto split = graphql::splitResponse(body);
    if (!split) {
        std::cerr << "sonde-cli: HTTP " << r.status << " " << r.reason << "\n" << body << "\n";
        return fail(makeError("The response is not a GraphQL response: " + split.error().title, http->url, "", "parse"));
    }
    std::string pretty;
    std::cout << (prettyJson(body, useColor(), pretty) ? pretty : body) << "\n";
    for (const auto& e : split->errors) {
        std::cerr << "graphql error: " << e.message;
        if (!e.pathString().empty()) std::cerr << " (path " << e.pathString() << ")";
        for (const auto& l : e.locations) std::cerr << " (line " << l.line << ", column " << l.column << ")";
        std::cerr << "\n";
    }
    return split->hasErrors() ? ExitFailed : ExitOk;
}

int runGraphql(const ParsedArgs& a) {
    const auto& p = a.positional();
    if (!p.empty() && p[0] == "schema") return runSchema(a);
    if (!p.empty() && p[0] == "validate") return runValidate(a);
    return runOperation(a);
}

}  // namespace

const CommandDef& graphqlCommand() {
    static const CommandDef def = [] {
        CommandDef d;
        d.name = "graphql";
        d.synopsis = "[options] URL --query Q|--query-file F | schema URL|FILE | validate --schema URL|FILE FILE";
        d.summary = "Send a GraphQL operation, print a schema as SDL, or validate a document against a schema.";
        d.options = {
            {"", "--query", "QUERY", "The GraphQL document to send"},
            {"", "--query-file", "FILE", "Read the document from FILE"},
            {"", "--variables", "JSON", "Variables as a JSON object"},
            {"", "--operation", "NAME", "Operation to run when the document has several"},
            {"", "--get", "", "Send as GET with query parameters instead of POST JSON"},
            {"", "--schema", "URL|FILE", "validate: the schema, by introspecting URL or from an SDL file"},
            {"", "--refresh", "", "schema, validate: introspect URL again even when its schema is cached"},
            {"", "--no-cache", "", "schema, validate: neither read nor write the store's schema cache"},
            dbOptionDef(),
        };
        for (auto& o : requestOptionDefs()) d.options.push_back(o);
        d.details =
            "Forms:\n"
            "  sonde-cli graphql URL --query '{ hello }' [--variables '{\"id\":1}'] [--operation NAME]\n"
            "      prints the response; exit 1 when it has errors (each printed with its path and location)\n"
            "  sonde-cli graphql schema URL|FILE\n"
            "      prints the introspected (or parsed) schema as SDL\n"
            "  sonde-cli graphql validate --schema URL|FILE query.graphql\n"
            "      prints each validation error as FILE:LINE:COLUMN; exit 1 when there is any\n"
            "A schema introspected from a URL is cached in the store (the one the GUI uses, or --db) under\n"
            "that URL, and under a fingerprint of the credentials sent (--bearer, --user, credential headers)\n"
            "when there are any; later `schema` and `validate` runs with the same URL and credentials use the\n"
            "cached one (saying so on stderr) until --refresh fetches it again. The GUI's \"Refresh schema\"\n"
            "updates the same cache.\n"
            "The request options (headers, auth, TLS, timeouts) are those of sonde-cli send.";
        d.run = &runGraphql;
        return d;
    }();
    return def;
}

}  // namespace sonde::cli
