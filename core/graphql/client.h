#pragma once
// GraphQL over HTTP: building the request (POST application/json {query, variables, operationName}
// by default, GET with query parameters on request), splitting a response into data / errors /
// extensions, and fetching a schema by introspection. Sending goes through sonde::Engine only.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/graphql/schema.h"
#include "core/model/request.h"
#include "core/model/result.h"

namespace sonde {
class Engine;
}

namespace sonde::graphql {

struct GraphQLRequest {
    std::string query;
    std::string variables;      // JSON text of an object; empty = none
    std::string operationName;  // empty = none
    bool useGet = false;        // GET with query parameters instead of POST JSON
};

// The JSON body {"query", "variables"?, "operationName"?}. Error (code "usage") when `variables`
// is not a JSON object.
Result<std::string> requestBody(const GraphQLRequest& request);

// The HTTP request to send for `request` to `endpoint` (its URL, headers, auth and options are kept).
// POST: method POST, Content-Type application/json, body from requestBody(). GET: method GET,
// parameters query/variables/operationName added to endpoint.params, no body. Both send
// `Accept: application/graphql-response+json, application/json` unless the endpoint sets Accept.
Result<RequestSpec> toHttpRequest(const RequestSpec& endpoint, const GraphQLRequest& request);
// The same for a RequestSpec whose body is BodyKind::GraphQL (text = query, graphqlVariables,
// graphqlOperation, graphqlUseGet); any other body kind is returned unchanged.
Result<RequestSpec> toHttpRequest(const RequestSpec& graphqlSpec);

struct ResponseError {
    struct Position {
        int line = 0, column = 0;
    };
    std::string message;
    std::vector<Position> locations;
    nlohmann::json path;        // array of field names and list indices, or null
    nlohmann::json extensions;  // object or null
    std::string pathString() const;  // "items.1.name" ("" without a path)
};

struct GraphQLResponse {
    bool hasData = false;       // "data" present (it may be null)
    nlohmann::json data;
    std::vector<ResponseError> errors;
    nlohmann::json extensions;  // object or null
    bool hasErrors() const { return !errors.empty(); }
};

// Splits a GraphQL response body. Error (code "parse") when the body is not a JSON object or holds
// neither "data" nor "errors".
Result<GraphQLResponse> splitResponse(std::string_view body);

// Sends the standard introspection query to `endpoint` (URL, headers, auth, options) and builds the
// schema. Errors: the transport error as is; code "introspection-disabled" when the server answers
// with errors instead of a schema (fix: load an SDL file); code "introspection" for anything else.
Result<Schema> introspect(Engine& engine, const RequestSpec& endpoint);

// The same request, returning the response body (the introspection JSON) once it is known to hold a
// schema: what a cache stores per endpoint; schemaFromIntrospection() turns it into a Schema later.
Result<std::string> fetchIntrospection(Engine& engine, const RequestSpec& endpoint);

// The key of `endpoint`'s cached schema: its URL, and when it sends credentials (its auth settings, or
// a header isCredentialRequestHeader() names) also " (credentials " + a 12-digit SHA-256 fingerprint
// of them + ")". Servers may show each identity its own schema, so each keeps its own cached one.
std::string schemaCacheKey(const RequestSpec& endpoint);

}  // namespace sonde::graphql
