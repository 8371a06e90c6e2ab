#pragma once
// Prints an executable document (operations and fragments) in the canonical pretty form of
// graphql-js `print()` (16.x): two-space indentation, one selection per line, arguments on one line
// unless the line would pass 80 columns, block strings kept as block strings. Comments are not in the
// syntax tree, so they are dropped (as graphql-js does). Definitions keep their source order.
// Type system definitions (SDL) are not printed here; see printSchema() in schema.h.
#include <string>

#include "core/graphql/ast.h"

namespace sonde::graphql {

std::string printDocument(const Document& document);

// One value literal as graphql-js prints it (strings escaped, block strings as """...""").
std::string printValueCanonical(const Value& value);

// The escaped forms graphql-js uses for a string and a block string.
std::string printGraphqlString(const std::string& text);
std::string printBlockString(const std::string& text);

}  // namespace sonde::graphql
