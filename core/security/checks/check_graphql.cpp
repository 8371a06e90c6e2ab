// GraphQL: introspection, field suggestions, batching, alias overloading, depth, queries over GET,
// debug extensions (CWE-200, 209, 352, 770). Runs on GraphQL targets only: a GraphQL body, a JSON
// body with a "query" string, or a URL path containing "graphql".
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

using nlohmann::json;

bool isGraphqlTarget(const RequestSpec& r) {
    if (r.body.kind == BodyKind::GraphQL) return true;
    if (r.body.kind == BodyKind::Json) {
        auto j = json::parse(r.body.text, nullptr, false);
        if (j.is_object() && j.contains("query") && j["query"].is_string()) return true;
    }
    return lower(parseUrl(r.url).path).find("graphql") != std::string::npos;
}

RequestSpec post(const RequestSpec& endpoint, const json& body) {
    RequestSpec r = endpoint;
    r.method = "POST";
    r.body = Body{};
    r.body.kind = BodyKind::Json;
    r.body.text = body.dump();
    return r;
}
RequestSpec postQuery(const RequestSpec& endpoint, const std::string& query) { return post(endpoint, json{{"query", query}}); }

RequestSpec getQuery(const RequestSpec& endpoint, const std::string& query) {
    RequestSpec r = endpoint;
    r.method = "GET";
    r.body = Body{};
    r.url += (r.url.find('?') == std::string::npos ? "?" : "&") + std::string("query=") + percentEncode(query);
    return r;
}

json parseBody(const Exchange& e) { return json::parse(e.response.body, nullptr, false); }

const json* dataField(const json& doc, const std::string& name) {
    if (!doc.is_object() || !doc.contains("data") || !doc["data"].is_object() || !doc["data"].contains(name)) return nullptr;
    return &doc["data"][name];
}

std::string errorMessages(const json& doc) {
    std::string out;
    if (doc.is_object() && doc.contains("errors") && doc["errors"].is_array())
        for (const auto& e : doc["errors"])
            if (e.is_object() && e.contains("message") && e["message"].is_string()) out += e["message"].get<std::string>() + "\n";
    return out;
}

CheckInfo info(const char* id, const char* title, Severity sev, int cwe, const char* owasp, const char* remediation,
               const char* description) {
    CheckInfo i;
    i.id = id;
    i.family = "graphql";
    i.title = title;
    i.severity = sev;
    i.confidence = Confidence::Certain;
    i.cwe = cwe;
    i.owasp = owasp;
    i.remediation = remediation;
    i.description = description;
    i.tier = Tier::Safe;
    return i;
}

void reportGql(ProbeContext& ctx, const std::string& param, const std::string& payload, const std::string& detail,
               std::vector<Exchange> ev) {
    Finding f = ctx.finding();
    f.parameter = param;
    f.payload = payload;
    f.detail = detail;
    f.evidence = std::move(ev);
    ctx.report(std::move(f));
}

void runIntrospection(ProbeContext& ctx) {
    if (!isGraphqlTarget(ctx.request())) return;
    const std::string q1 = "query sonde_" + ctx.canary() + " { __schema { types { name } } }";
    auto e1 = probe(ctx, postQuery(ctx.request(), q1));
    if (!e1) return;
    const json d1 = parseBody(*e1);
    const json* s = dataField(d1, "__schema");
    if (!s || !s->is_object() || !s->contains("types") || !(*s)["types"].is_array() || (*s)["types"].empty()) return;
    auto e2 = probe(ctx, postQuery(ctx.request(), "{ __type(name: \"__Schema\") { name fields { name } } }"));
    if (!e2) return;
    const json d2 = parseBody(*e2);
    const json* t = dataField(d2, "__type");
    if (!t || !t->is_object() || !t->contains("name")) return;
    reportGql(ctx, "graphql:introspection", q1,
              "Introspection answers: __schema lists " + std::to_string((*s)["types"].size()) +
                  " types and __type resolves; anyone can read the whole schema.",
              {std::move(*e1), std::move(*e2)});
}

void runSuggestions(ProbeContext& ctx) {
    if (!isGraphqlTarget(ctx.request())) return;
    const std::vector<std::string> typos = {"{ __schema { directive } }", "{ __type(name: \"Query\") { nam } }"};
    std::vector<Exchange> ev;
    std::string seen;
    for (const auto& q : typos) {
        auto e = probe(ctx, postQuery(ctx.request(), q));
        if (!e) return;
        const std::string m = errorMessages(parseBody(*e));
        if (m.find("Did you mean") == std::string::npos) return;
        seen = m.substr(0, m.find('\n'));
        ev.push_back(std::move(*e));
    }
    reportGql(ctx, "graphql:errors", typos[0],
              "Validation errors suggest field names (\"" + seen + "\"): the schema leaks even with introspection off.",
              std::move(ev));
}

void runBatching(ProbeContext& ctx) {
    if (!isGraphqlTarget(ctx.request())) return;
    auto batch = [&](int n, const std::string& alias) {
        json arr = json::array();
        for (int i = 0; i < n; ++i) arr.push_back({{"query", "{ " + alias + std::to_string(i) + ": __typename }"}});
        return probe(ctx, post(ctx.request(), arr));
    };
    auto accepted = [](const Exchange& e, int n, const std::string& alias) {
        const json d = parseBody(e);
        if (!d.is_array() || static_cast<int>(d.size()) != n) return false;
        for (int i = 0; i < n; ++i)
            if (!dataField(d[i], alias + std::to_string(i))) return false;
        return true;
    };
    const std::string a1 = ctx.canary(5), a2 = ctx.canary(5);
    auto e1 = batch(10, a1);
    if (!e1 || !accepted(*e1, 10, a1)) return;
    auto e2 = batch(3, a2);
    if (!e2 || !accepted(*e2, 3, a2)) return;
    reportGql(ctx, "graphql:batch", "[10 operations]",
              "A JSON array of 10 operations (then 3) is executed in one request: rate limits per request can be "
              "bypassed (e.g. login brute force).",
              {std::move(*e1), std::move(*e2)});
}

void runAliases(ProbeContext& ctx) {
    if (!isGraphqlTarget(ctx.request())) return;
    auto query = [](int n, const std::string& alias) {
        std::string q = "{";
        for (int i = 0; i < n; ++i) q += " " + alias + std::to_string(i) + ": __typename";
        return q + " }";
    };
    auto accepted = [](const Exchange& e, int n, const std::string& alias) {
        const json d = parseBody(e);
        return dataField(d, alias + "0") && dataField(d, alias + std::to_string(n - 1));
    };
    const std::string a1 = ctx.canary(5), a2 = ctx.canary(5);
    auto e1 = probe(ctx, postQuery(ctx.request(), query(100, a1)));
    if (!e1 || !accepted(*e1, 100, a1)) return;
    auto e2 = probe(ctx, postQuery(ctx.request(), query(101, a2)));
    if (!e2 || !accepted(*e2, 101, a2)) return;
    reportGql(ctx, "graphql:aliases", query(3, a1) + " …",
              "100 and then 101 aliases in one query are executed (GraphQL Armor's default limit is 15).",
              {std::move(*e1), std::move(*e2)});
}

// A field chain Query.f -> T, T.g -> T (no required arguments), from introspection.
std::optional<std::pair<std::string, std::string>> findCycle(const json& schema) {
    auto named = [](const json& t) {
        const json* cur = &t;
        for (int i = 0; i < 4 && cur->is_object(); ++i) {
            if (cur->contains("name") && (*cur)["name"].is_string()) return std::make_pair((*cur)["name"].get<std::string>(), (*cur)["kind"].is_string() ? (*cur)["kind"].get<std::string>() : std::string());
            if (!cur->contains("ofType")) break;
            cur = &(*cur)["ofType"];
        }
        return std::make_pair(std::string(), std::string());
    };
    auto freeArgs = [](const json& f) {
        if (!f.contains("args") || !f["args"].is_array()) return true;
        for (const auto& a : f["args"])
            if (a.contains("type") && a["type"].is_object() && a["type"].value("kind", "") == "NON_NULL") return false;
        return true;
    };
    if (!schema.is_object() || !schema.contains("types")) return std::nullopt;
    const std::string queryType = schema.contains("queryType") && schema["queryType"].is_object() ? schema["queryType"].value("name", "Query") : "Query";
    std::map<std::string, const json*> types;
    for (const auto& t : schema["types"])
        if (t.is_object() && t.contains("name") && t["name"].is_string()) types[t["name"].get<std::string>()] = &t;
    if (!types.count(queryType) || !(*types[queryType]).contains("fields") || !(*types[queryType])["fields"].is_array()) return std::nullopt;
    for (const auto& f : (*types[queryType])["fields"]) {
        if (!freeArgs(f)) continue;
        auto [tname, kind] = named(f["type"]);
        if (kind != "OBJECT" || !types.count(tname) || !(*types[tname]).contains("fields") || !(*types[tname])["fields"].is_array()) continue;
        for (const auto& g : (*types[tname])["fields"]) {
            if (!freeArgs(g)) continue;
            if (named(g["type"]).first == tname) return std::make_pair(f["name"].get<std::string>(), g["name"].get<std::string>());
        }
    }
    return std::nullopt;
}

void runDepth(ProbeContext& ctx) {
    if (!isGraphqlTarget(ctx.request())) return;
    const std::string intro =
        "{ __schema { queryType { name } types { name kind fields { name args { name type { kind } } "
        "type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";
    auto e0 = probe(ctx, postQuery(ctx.request(), intro));
    if (!e0) return;
    const json d0 = parseBody(*e0);
    const json* schema = dataField(d0, "__schema");
    if (!schema) return;  // needs introspection to build a deep query
    auto cycle = findCycle(*schema);
    if (!cycle) return;
    auto query = [&](int depth) {
        std::string q = "{ " + cycle->first;
        for (int i = 1; i < depth; ++i) q += " { " + cycle->second;
        q += " { __typename }";
        for (int i = 0; i < depth; ++i) q += " }";
        return q;
    };
    auto accepted = [&](const Exchange& e) {
        const json d = parseBody(e);
        return dataField(d, cycle->first) && errorMessages(d).empty();
    };
    auto e1 = probe(ctx, postQuery(ctx.request(), query(10)));
    if (!e1 || !accepted(*e1)) return;
    auto e2 = probe(ctx, postQuery(ctx.request(), query(12)));
    if (!e2 || !accepted(*e2)) return;
    reportGql(ctx, "graphql:depth", query(10),
              "Queries nested 10 and 12 levels deep (" + cycle->first + " → " + cycle->second +
                  " …) are executed: no depth limit (GraphQL Armor's default is 6).",
              {std::move(*e1), std::move(*e2)});
}

void runGet(ProbeContext& ctx) {
    if (!isGraphqlTarget(ctx.request())) return;
    const std::string a = ctx.canary(6);
    auto e1 = probe(ctx, getQuery(ctx.request(), "{ __typename }"));
    if (!e1 || !dataField(parseBody(*e1), "__typename")) return;
    auto e2 = probe(ctx, getQuery(ctx.request(), "query sonde { " + a + ": __typename }"));
    if (!e2 || !dataField(parseBody(*e2), a)) return;
    reportGql(ctx, "graphql:get", "GET ?query={ __typename }",
              "Queries are executed over GET: a cross-site link or image can run them with the victim's cookies (CSRF), "
              "and they end up in logs and caches.",
              {std::move(*e1), std::move(*e2)});
}

void runDebug(ProbeContext& ctx) {
    if (!isGraphqlTarget(ctx.request())) return;
    auto debugInfo = [](const json& d) -> std::string {
        if (d.is_object() && d.contains("extensions") && d["extensions"].is_object() && d["extensions"].contains("tracing"))
            return "extensions.tracing";
        if (d.is_object() && d.contains("errors") && d["errors"].is_array())
            for (const auto& e : d["errors"])
                if (e.is_object() && e.contains("extensions") && e["extensions"].is_object())
                    for (const char* k : {"exception", "stacktrace", "stack", "debug", "trace"})
                        if (e["extensions"].contains(k)) return std::string("errors[].extensions.") + k;
        return {};
    };
    const std::string r = ctx.canary();
    auto e1 = probe(ctx, postQuery(ctx.request(), "{ sonde_" + r + " }"));
    if (!e1) return;
    const std::string what = debugInfo(parseBody(*e1));
    if (what.empty()) return;
    auto e2 = probe(ctx, postQuery(ctx.request(), "query { " + ctx.canary() + "("));
    if (!e2 || debugInfo(parseBody(*e2)).empty()) return;
    reportGql(ctx, "graphql:errors", "{ sonde_" + r + " }",
              "Error responses carry debug details (" + what + ") for an unknown field and for a syntax error.",
              {std::move(*e1), std::move(*e2)});
}

const char* kApi4 = "API4:2023 Unrestricted Resource Consumption";

}  // namespace

void addGraphqlChecks(std::vector<std::unique_ptr<Check>>& out) {
    addCheck(out,
             info("graphql-introspection", "GraphQL introspection enabled", Severity::Low, 200, kOwaspApi8,
                  "Disable introspection in production (graphql-js NoSchemaIntrospectionCustomRule, Apollo "
                  "introspection: false) or restrict it to authenticated developers.",
                  "POSTs `{ __schema { types { name } } }`; reported when types come back, confirmed by "
                  "`__type(name: \"__Schema\")` resolving."),
             runIntrospection);
    addCheck(out,
             info("graphql-field-suggestions", "GraphQL field suggestions leak the schema", Severity::Low, 200, kOwaspApi8,
                  "Mask \"Did you mean\" suggestions in validation errors (GraphQL Armor blockFieldSuggestion).",
                  "Sends two misspelled introspection fields (`__schema { directive }`, `__type { nam }`); "
                  "reported when both errors say \"Did you mean\"."),
             runSuggestions);
    addCheck(out,
             info("graphql-batching", "GraphQL array batching accepted", Severity::Medium, 770, kApi4,
                  "Refuse JSON-array batches or cap them (and count each operation against rate limits).",
                  "POSTs a JSON array of 10 `__typename` operations with random aliases, then 3; reported when "
                  "every one is answered."),
             runBatching);
    addCheck(out,
             info("graphql-alias-overloading", "GraphQL alias overloading accepted", Severity::Low, 770, kApi4,
                  "Limit aliases per operation (GraphQL Armor maxAliases, default 15) and query cost.",
                  "One query with 100 random aliases of `__typename`, then 101; reported when the last alias "
                  "is answered both times."),
             runAliases);
    addCheck(out,
             info("graphql-depth", "GraphQL query depth not limited", Severity::Low, 770, kApi4,
                  "Limit query depth (GraphQL Armor maxDepth, default 6) and cost.",
                  "With introspection, finds a self-referencing field chain (Query.f -> T, T.g -> T, no required "
                  "arguments) and sends it nested 10 then 12 levels deep; reported when both execute without "
                  "errors. Without introspection this check cannot build a query and reports nothing."),
             runDepth);
    addCheck(out,
             info("graphql-get-queries", "GraphQL queries accepted over GET", Severity::Medium, 352, kOwaspApi8,
                  "Accept operations only as POST application/json (or require a preflighted content type).",
                  "GET `?query={ __typename }`, then a named query with a random alias; reported when both are "
                  "executed."),
             runGet);
    addCheck(out,
             info("graphql-debug-extensions", "GraphQL debug details in responses", Severity::Low, 209, kOwaspApi8,
                  "Turn debug mode off: no stack traces or tracing in `extensions` (Apollo includeStacktraceInErrorResponses: false).",
                  "Sends an unknown field and a syntax error; reported when both error responses carry "
                  "`extensions.exception`/`stacktrace`/`debug`, or the response carries `extensions.tracing`."),
             runDebug);
}

}  // namespace sonde
