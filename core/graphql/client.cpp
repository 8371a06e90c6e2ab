// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): request building, response
// splitting, introspection fetch.
#include "core/graphql/client.h"

#include "core/graphql/introspection.h"
#include "core/graphql/json_reader.h"
#include "core/http/engine.h"
#include "core/model/digest.h"

namespace sonde::graphql {

using nlohmann::json;

namespace {
bool hasHeader(const RequestSpec& r, const char* name) {
    for (const auto& h : r.headers)
        if (h.enabled && iequals(h.key, name)) return true;
    return false;
}
}  // namespace

Result<std::string> requestBody(const GraphQLRequest& request) {
    json body = json::object();
    body["query"] = request.query;
    auto trimmedEmpty = request.variables.find_first_not_of(" \t\r\n") == std::string::npos;
    if (!trimmedEmpty) {
        json vars = json::parse(request.variables, nullptr, false);
        if (vars.is_discarded() || !(vars.is_object() || vars.is_null()))
            return makeError("The GraphQL variables are not a JSON object", "variables",
                             "Write the variables as a JSON object, e.g. {\"id\": 1}.", "usage");
        if (vars.is_object()) body["variables"] = std::move(vars);
    }
    if (!request.operationName.empty()) body["operationName"] = request.operationName;
    return body.dump();
}

Result<RequestSpec> toHttpRequest(const RequestSpec& endpoint, const GraphQLRequest& request) {
    auto body = requestBody(request);
    if (!body.ok()) return body.error();
    RequestSpec out = endpoint;
    if (!hasHeader(out, "Accept"))
        out.headers.push_back(KeyValue{"Accept", "application/graphql-response+json, application/json", true, {}});
    if (request.useGet) {
        json parsed = json::parse(*body);
        out.method = "GET";
        out.body = Body{};
        out.params.push_back(KeyValue{"query", request.query, true, {}});
        if (parsed.contains("variables")) out.params.push_back(KeyValue{"variables", parsed["variables"].dump(), true, {}});
        if (!request.operationName.empty())
            out.params.push_back(KeyValue{"operationName", request.operationName, true, {}});
        return out;
    }
    out.method = "POST";
    out.body = Body{};
    out.body.kind = BodyKind::Json;
    out.body.text = std::move(*body);
    return out;
}

Result<RequestSpec> toHttpRequest(const RequestSpec& spec) {
    if (spec.body.kind != BodyKind::GraphQL) return spec;
    GraphQLRequest r{spec.body.text, spec.body.graphqlVariables, spec.body.graphqlOperation, spec.body.graphqlUseGet};
    return toHttpRequest(spec, r);
}

std::string ResponseError::pathString() const {
    std::string s;
    if (!path.is_array()) return s;
    for (const auto& p : path) {
        if (!s.empty()) s += '.';
        s += p.is_string() ? p.get<std::string>() : p.dump();
    }
    return s;
}

Result<GraphQLResponse> splitResponse(std::string_view body) {
    json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return makeError("The response is not a GraphQL result (not a JSON object)", "body",
                         "Check the URL points at the GraphQL endpoint.", "parse");
    if (!doc.contains("data") && !doc.contains("errors"))
        return makeError("The response is not a GraphQL result (no \"data\" and no \"errors\")", "body",
                         "Check the URL points at the GraphQL endpoint.", "parse");
    GraphQLResponse r;
    if (doc.contains("data")) {
        r.hasData = true;
        r.data = doc["data"];
    }
    if (doc.contains("extensions")) r.extensions = doc["extensions"];
    if (doc.contains("errors") && doc["errors"].is_array()) {
        for (const auto& e : doc["errors"]) {
            ResponseError err;
            if (e.is_object()) {
                err.message = e.value("message", std::string());
                if (e.contains("locations") && e["locations"].is_array())
                    for (const auto& l : e["locations"])
                        if (l.is_object()) err.locations.push_back({l.value("line", 0), l.value("column", 0)});
                if (e.contains("path")) err.path = e["path"];
                if (e.contains("extensions")) err.extensions = e["extensions"];
            } else if (e.is_string()) {
                err.message = e.get<std::string>();
            }
            r.errors.push_back(std::move(err));
        }
    }
    return r;
}

Result<std::string> fetchIntrospection(Engine& engine, const RequestSpec& endpoint) {
    GraphQLRequest q{kIntrospectionQuery, {}, kIntrospectionOperationName, false};
    auto http = toHttpRequest(endpoint, q);
    if (!http.ok()) return http.error();
    ExchangeResult ex = engine.send(std::move(*http));
    if (!ex.ok()) return ex.error();
    const Response& resp = ex->response;
    // The fast index reader, not splitResponse(): a large schema's JSON would be parsed twice.
    detail::JsonTree j;
    std::string parseError;
    bool isResult = j.parse(resp.body, parseError) && j.isObject(j.root()) &&
                    (j.get(j.root(), "data") != detail::JsonTree::npos || j.get(j.root(), "errors") != detail::JsonTree::npos);
    if (!isResult)
        return makeError("The introspection request got HTTP " + std::to_string(resp.status) +
                             " without a GraphQL result",
                         endpoint.url, "Check the URL points at the GraphQL endpoint.", "introspection");
    if (!j.isObject(j.get(j.get(j.root(), "data"), "__schema"))) {
        std::uint32_t errors = j.get(j.root(), "errors");
        std::string first = j.first(errors) != detail::JsonTree::npos ? j.string(j.get(j.first(errors), "message"))
                                                                      : std::string();
        if (first.empty()) first = "no __schema in the result";
        return makeError("The server refused introspection: " + first, endpoint.url,
                         "Introspection may be disabled on this server; load the schema from an SDL file instead.",
                         "introspection-disabled");
    }
    return std::string(resp.body);
}

Result<Schema> introspect(Engine& engine, const RequestSpec& endpoint) {
    auto body = fetchIntrospection(engine, endpoint);
    if (!body.ok()) return body.error();
    auto schema = schemaFromIntrospection(*body);
    if (!schema.ok()) {
        Error e = schema.error();
        e.where = endpoint.url + " " + e.where;
        return e;
    }
    return schema;
}

std::string schemaCacheKey(const RequestSpec& endpoint) {
    std::string who;
    auto add = [&who](std::string_view part) {
        who += part;
        who += '\n';
    };
    const Auth& a = endpoint.auth;
    if (a.kind != AuthKind::None) {
        add(toString(a.kind));
        for (const std::string* field : {&a.username, &a.password, &a.token, &a.keyName, &a.keyValue, &a.accessKey,
                                         &a.secretKey, &a.sessionToken})
            add(*field);
    }
    for (const auto& h : endpoint.headers)
        if (h.enabled && isCredentialRequestHeader(h.key)) {
            add(h.key);
            add(h.value);
        }
    if (who.empty()) return endpoint.url;
    return endpoint.url + " (credentials " + sha256Hex(who, 12) + ")";
}

}  // namespace sonde::graphql
