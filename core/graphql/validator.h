#pragma once
// Validation of an executable document against a Schema (a subset of the spec's section 5 rules).
// Each problem is a Diagnostic with line, column and the graphql-js rule name:
//   ExecutableDefinitions, UniqueOperationNames, LoneAnonymousOperation, KnownOperationTypes,
//   FieldsOnCorrectType, ScalarLeafs, KnownArgumentNames, ProvidedRequiredArguments, ValuesOfCorrectType,
//   KnownTypeNames, VariablesAreInputTypes, UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables,
//   VariablesInAllowedPosition, KnownFragmentNames, UniqueFragmentNames, NoUnusedFragments,
//   FragmentsOnCompositeTypes, PossibleFragmentSpreads, NoFragmentCycles, KnownDirectives,
//   UniqueArgumentNames, UniqueInputFieldNames, UniqueDirectivesPerLocation, and the part of
//   OverlappingFieldsCanBeMerged that compares fields merged on the same type (same response key must
//   mean the same field with the same arguments); selections on different types and nested
//   sub-selections are not compared. Not implemented: SingleFieldSubscriptions.
// Diagnostics come back sorted by position.
#include <string_view>
#include <vector>

#include "core/graphql/ast.h"
#include "core/graphql/schema.h"

namespace sonde::graphql {

std::vector<Diagnostic> validate(const Schema& schema, const Document& document);

// Parses `source` as an executable document and validates it: a syntax error is the one diagnostic.
std::vector<Diagnostic> validate(const Schema& schema, std::string_view source);

}  // namespace sonde::graphql
