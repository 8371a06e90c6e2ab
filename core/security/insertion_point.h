#pragma once
// Insertion points: the places of a request where a probe puts its payload. Derived from a
// RequestSpec; `inject` returns a copy of the request with one point's value replaced.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/model/percent_encoding.h"
#include "core/model/request.h"
#include "core/model/response.h"

namespace sonde {

enum class InsertionKind { Query, Path, Form, Json, Header, Cookie, GraphQLVariable };
const char* toString(InsertionKind k);

struct InsertionPoint {
    InsertionKind kind = InsertionKind::Query;
    std::string name;      // parameter/header/cookie name, JSON pointer for Json/GraphQLVariable
    int index = -1;        // position (query pair, path segment, form field)
    std::string original;  // the value as the user wrote it (decoded)
    bool numeric = false;  // the original looks like a number
    std::string label() const;  // "query:id", "path:2", "json:/user/name", ...
};

struct InsertionOptions {
    std::vector<std::string> headers;  // extra header names to treat as insertion points
    bool cookies = true;
};

std::vector<InsertionPoint> insertionPoints(const RequestSpec& request, const InsertionOptions& options = {});

// A copy of `request` with the point's value replaced by `value` (text). For JSON leaves the value
// becomes a JSON string. Query parameters are moved into the URL, percent-encoded.
RequestSpec inject(const RequestSpec& request, const InsertionPoint& point, const std::string& value);
// JSON leaves only: replaces the leaf with an arbitrary JSON value (operator injection).
RequestSpec injectJson(const RequestSpec& request, const InsertionPoint& point, const nlohmann::json& value);

// URL helpers.
struct UrlParts {
    std::string scheme, host, port, path, query, fragment;  // port may be empty
    std::string origin() const;  // scheme://host[:port]
};
UrlParts parseUrl(const std::string& url);
// The path with id-like segments (numbers, UUIDs, long hex) replaced by {id}, without the query.
std::string pathTemplateOf(const std::string& url);
bool isLoopbackHost(const std::string& host);

}  // namespace sonde
