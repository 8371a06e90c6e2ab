#pragma once
// The standard introspection query (as graphql-js's getIntrospectionQuery() with descriptions,
// specifiedByURL, directive isRepeatable, schema description and input value deprecation) and the
// conversion of its JSON result into a Schema.
#include <string_view>

#include "core/graphql/schema.h"
#include "core/model/result.h"

namespace sonde::graphql {

extern const char* const kIntrospectionQuery;
inline constexpr const char* kIntrospectionOperationName = "IntrospectionQuery";

// Accepts the whole response `{"data": {"__schema": ...}}`, the `data` object, or `__schema` itself.
// Errors (code "introspection"): not JSON, `errors` without `__schema` (introspection disabled),
// a malformed type reference.
Result<Schema> schemaFromIntrospection(std::string_view json);

}  // namespace sonde::graphql
