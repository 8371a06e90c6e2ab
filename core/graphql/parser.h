#pragma once
// GraphQL parser (October 2021 spec): executable documents (operations incl. the anonymous `{ ... }`
// shorthand, variables with defaults, fragments, inline fragments, directives, every value kind) and
// type system documents (SDL: schema/scalar/type/interface/union/enum/input/directive definitions,
// extensions, descriptions, `implements A & B`). Stops at the first syntax error, which comes back as
// a Diagnostic with line and column; nothing is thrown.
#include <optional>
#include <string_view>

#include "core/graphql/ast.h"

namespace sonde::graphql {

enum class ParseMode {
    Any,         // executable and type system definitions may be mixed
    Executable,  // only operations and fragments (what a client sends)
    TypeSystem,  // only SDL definitions and extensions
};

struct ParseResult {
    Document document;                // complete when ok(); what was read up to the error otherwise
    std::optional<Diagnostic> error;  // rule "syntax", message like `Expected Name, found "}".`
    bool ok() const { return !error.has_value(); }
};

ParseResult parse(std::string_view source, ParseMode mode = ParseMode::Any);

}  // namespace sonde::graphql
