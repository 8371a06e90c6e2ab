#pragma once
// The GraphQL syntax tree (October 2021 spec): executable definitions (operations, fragments) and type
// system definitions (SDL). Every node carries the Location of its first token (1-based line and
// column, column counted in bytes, plus the byte offset), so errors and editors can point at it.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sonde::graphql {

struct Location {
    int line = 0;         // 1-based; 0 = unknown
    int column = 0;       // 1-based, in bytes
    std::size_t offset = 0;  // byte offset into the source
    bool operator==(const Location&) const = default;
};

// A problem found by the parser, the schema builder or the validator: an error value, never thrown.
struct Diagnostic {
    std::string message;
    int line = 0;
    int column = 0;
    std::string rule;  // a stable kind: "syntax", "FieldsOnCorrectType", "DuplicateField", ...
    bool operator==(const Diagnostic&) const = default;
};

// One value literal. For Object values, `items` are the fields, each with fieldName/fieldLocation set.
struct Value {
    enum class Kind { Variable, Int, Float, String, Boolean, Null, Enum, List, Object };
    Kind kind = Kind::Null;
    std::string text;         // Variable/Enum: the name; Int/Float: the literal; String: decoded; Boolean: "true"/"false"; Null: "null"
    bool block = false;       // String written as a block string
    std::vector<Value> items;  // List elements, or Object fields
    std::string fieldName;     // set on the items of an Object
    Location fieldLocation;
    Location location;
};

// A type reference: Named, [ofType] or ofType!.
struct TypeRef {
    enum class Kind { Named, List, NonNull };
    Kind kind = Kind::Named;
    std::string name;          // Named only
    std::vector<TypeRef> of;   // List/NonNull: exactly one element
    Location location;

    static TypeRef named(std::string n) { TypeRef t; t.name = std::move(n); return t; }
    static TypeRef listOf(TypeRef inner) { TypeRef t; t.kind = Kind::List; t.of.push_back(std::move(inner)); return t; }
    static TypeRef nonNull(TypeRef inner) { TypeRef t; t.kind = Kind::NonNull; t.of.push_back(std::move(inner)); return t; }
    bool isNonNull() const { return kind == Kind::NonNull; }
    const TypeRef& inner() const { return of.front(); }
    const std::string& namedType() const { return kind == Kind::Named ? name : of.front().namedType(); }
    std::string toString() const;  // "[String!]!"
    bool operator==(const TypeRef& o) const { return kind == o.kind && name == o.name && of == o.of; }
};

struct Argument {
    std::string name;
    Location location;
    Value value;
};

struct Directive {
    std::string name;
    Location location;  // of the '@'
    std::vector<Argument> arguments;
};

struct Selection;
struct SelectionSet {
    std::vector<Selection> selections;
    Location location;  // of '{'
    std::size_t endOffset = 0;  // byte offset just past '}'
    bool present = false;
};

struct Selection {
    enum class Kind { Field, FragmentSpread, InlineFragment };
    Kind kind = Kind::Field;
    Location location;
    std::string alias;             // Field
    std::string name;              // Field name or fragment spread name
    Location nameLocation;
    std::vector<Argument> arguments;  // Field
    std::string typeCondition;     // InlineFragment (may be empty)
    Location typeConditionLocation;
    std::vector<Directive> directives;
    SelectionSet selectionSet;     // Field (optional) and InlineFragment
    std::string responseKey() const { return alias.empty() ? name : alias; }
};

struct VariableDefinition {
    std::string name;  // without '$'
    Location location;  // of the '$'
    Location nameLocation;
    TypeRef type;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
};

struct OperationDefinition {
    std::string operation = "query";  // query, mutation, subscription
    std::string name;                 // empty when anonymous
    Location location;
    Location nameLocation;
    bool shorthand = false;           // written as a bare { ... }
    std::vector<VariableDefinition> variables;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
};

struct FragmentDefinition {
    std::string name;
    Location location;
    Location nameLocation;
    std::string typeCondition;
    Location typeConditionLocation;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
};

// ---- Type system (SDL) ----

struct NamedRef {
    std::string name;
    Location location;
};

struct InputValueDefinition {
    std::string description;
    std::string name;
    Location location;
    TypeRef type;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
};

struct FieldDefinition {
    std::string description;
    std::string name;
    Location location;
    std::vector<InputValueDefinition> arguments;
    TypeRef type;
    std::vector<Directive> directives;
};

struct EnumValueDefinition {
    std::string description;
    std::string name;
    Location location;
    std::vector<Directive> directives;
};

struct OperationTypeDefinition {
    std::string operation;  // query, mutation, subscription
    NamedRef type;
};

struct TypeSystemDefinition {
    enum class Kind { Schema, Scalar, Object, Interface, Union, Enum, InputObject, Directive };
    Kind kind = Kind::Object;
    bool extension = false;  // "extend ..."
    std::string description;
    std::string name;        // empty for schema definitions
    Location location;
    std::vector<Directive> directives;
    std::vector<NamedRef> interfaces;              // Object, Interface
    std::vector<FieldDefinition> fields;           // Object, Interface
    std::vector<NamedRef> members;                 // Union
    std::vector<EnumValueDefinition> enumValues;   // Enum
    std::vector<InputValueDefinition> inputFields; // InputObject; Directive arguments
    std::vector<OperationTypeDefinition> operationTypes;  // Schema
    bool repeatable = false;                       // Directive
    std::vector<NamedRef> directiveLocations;      // Directive
};

struct Document {
    std::vector<OperationDefinition> operations;
    std::vector<FragmentDefinition> fragments;
    std::vector<TypeSystemDefinition> typeSystem;

    const FragmentDefinition* fragment(const std::string& name) const;
    const OperationDefinition* operation(const std::string& name) const;  // "" = the only one
};

// Prints a value literal back as GraphQL source (strings escaped, objects as {a: 1}).
std::string printValue(const Value& v);

}  // namespace sonde::graphql
