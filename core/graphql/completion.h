#pragma once
// Completion at a cursor position in a (possibly unfinished) GraphQL document: fields of the type in
// scope (also inside fragments and inline fragments), arguments inside `(...)`, input object fields
// inside `{...}` values, enum values and true/false for the argument's type, variable names after
// `$`, fragment names after `...`, directives after `@`, type names after `on ` and in variable
// definitions, operation keywords at the top level. Works on the tokens before the cursor, so a
// document that does not parse yet still gets completions.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/graphql/schema.h"

namespace sonde::graphql {

struct CompletionItem {
    enum class Kind { Field, Argument, InputField, EnumValue, Variable, Fragment, Directive, Type, Keyword };
    std::string label;        // the text to insert
    Kind kind = Kind::Field;
    std::string detail;       // a type ("[User!]!"), "on User" for fragments, the kind ("OBJECT") for types
    std::string description;
    bool deprecated = false;
    std::string deprecationReason;
};

const char* toString(CompletionItem::Kind k);  // "field", "argument", ...

struct CompletionResult {
    std::vector<CompletionItem> items;  // filtered by `prefix` (case-insensitive); deprecated ones last
    std::string prefix;                 // the part of the name already typed before the cursor
    std::size_t replaceFrom = 0;        // byte range an accepted item replaces (the whole word at the cursor)
    std::size_t replaceTo = 0;
    std::string scopeType;              // the composite or input type in scope, when there is one
};

// `offset` is a byte offset into `document` (clamped to its size).
CompletionResult complete(const Schema& schema, std::string_view document, std::size_t offset);
// `line` and `column` are 1-based, the column counted in bytes (as in Diagnostic and Location).
CompletionResult complete(const Schema& schema, std::string_view document, int line, int column);
// The byte offset of a 1-based line and column (clamped to the line's end and the document's size).
std::size_t offsetOf(std::string_view document, int line, int column);

}  // namespace sonde::graphql
