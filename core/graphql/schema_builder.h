#pragma once
// Builds a Schema from SDL. Problems in the definitions (a field or type defined twice, an unknown
// type referenced, an extension of an undefined type) are reported as Diagnostics with line and column
// while the schema is still built (the first definition wins), so a slightly broken real-world schema
// stays usable. Only a syntax error leaves `schema` empty.
#include <optional>
#include <string_view>
#include <vector>

#include "core/graphql/ast.h"
#include "core/graphql/parser.h"
#include "core/graphql/schema.h"

namespace sonde::graphql {

struct SchemaBuild {
    std::optional<Schema> schema;    // absent only when the SDL does not parse
    std::vector<Diagnostic> errors;  // syntax error, or definition problems (rules below)
    bool ok() const { return schema.has_value() && errors.empty(); }
};

// Diagnostic rules: "syntax", "UniqueTypeNames", "UniqueFieldDefinitionNames", "UniqueEnumValueNames",
// "UniqueArgumentDefinitionNames", "KnownTypeNames", "PossibleTypeExtensions".
SchemaBuild buildSchema(const Document& sdl);
SchemaBuild buildSchemaFromSdl(std::string_view sdl);

// One definition turned into the model (no extensions applied); duplicates go to `errors` if given.
TypeDef typeFromDefinition(const TypeSystemDefinition& def, std::vector<Diagnostic>* errors);
DirectiveDef directiveFromDefinition(const TypeSystemDefinition& def);

}  // namespace sonde::graphql
