#pragma once
// Schema: the GraphQL type system model used for validation, completion and the schema explorer.
// Built from SDL (schema_builder.h) or from an introspection result (introspection.h); printed back as
// SDL by printSchema(). Built-in scalars, introspection types (__Schema, __Type, ...) and the
// specified directives (@skip, @include, @deprecated, @specifiedBy) are always present.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/graphql/ast.h"

namespace sonde::graphql {

enum class TypeKind { Scalar, Object, Interface, Union, Enum, InputObject };
const char* toString(TypeKind k);  // "SCALAR", "OBJECT", ... (introspection spelling)

// An argument or an input object field.
struct InputValueDef {
    std::string name;
    std::string description;
    TypeRef type;
    std::string defaultValue;  // as GraphQL source text, e.g. "10" or "{a: 1}"; empty = none
    bool hasDefault = false;
    bool deprecated = false;
    std::string deprecationReason;
};

struct FieldDef {
    std::string name;
    std::string description;
    std::vector<InputValueDef> arguments;
    TypeRef type;
    bool deprecated = false;
    std::string deprecationReason;
    const InputValueDef* argument(const std::string& n) const;
};

struct EnumValueDef {
    std::string name;
    std::string description;
    bool deprecated = false;
    std::string deprecationReason;
};

struct TypeDef {
    TypeKind kind = TypeKind::Object;
    std::string name;
    std::string description;
    std::vector<FieldDef> fields;              // Object, Interface
    std::vector<std::string> interfaces;       // Object, Interface
    std::vector<std::string> possibleTypes;    // Union members
    std::vector<EnumValueDef> enumValues;      // Enum
    std::vector<InputValueDef> inputFields;    // InputObject
    std::string specifiedByUrl;                // Scalar
    bool builtIn = false;                      // standard scalars and introspection types

    const FieldDef* field(const std::string& n) const;
    const InputValueDef* inputField(const std::string& n) const;
    const EnumValueDef* enumValue(const std::string& n) const;
    bool isComposite() const { return kind == TypeKind::Object || kind == TypeKind::Interface || kind == TypeKind::Union; }
    bool isAbstract() const { return kind == TypeKind::Interface || kind == TypeKind::Union; }
    bool isLeaf() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
    bool isInput() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum || kind == TypeKind::InputObject; }
};

struct DirectiveDef {
    std::string name;
    std::string description;
    std::vector<InputValueDef> arguments;
    std::vector<std::string> locations;  // "FIELD", "QUERY", "FIELD_DEFINITION", ...
    bool repeatable = false;
    bool builtIn = false;
    const InputValueDef* argument(const std::string& n) const;
};

class Schema {
public:
    Schema();  // holds the built-in scalars, introspection types and specified directives

    std::string queryType = "Query";  // empty when the schema has no such root
    std::string mutationType;
    std::string subscriptionType;
    std::string description;

    // Adds or replaces a type by name; returns the stored one.
    TypeDef& addType(TypeDef t);
    void addDirective(DirectiveDef d);
    const TypeDef* type(const std::string& name) const;
    TypeDef* mutableType(const std::string& name);
    const DirectiveDef* directive(const std::string& name) const;
    const std::vector<TypeDef>& types() const { return types_; }  // in definition order
    const std::vector<DirectiveDef>& directives() const { return directives_; }

    // The root type for "query" / "mutation" / "subscription", or nullptr.
    const TypeDef* rootType(const std::string& operation) const;
    // Object types a composite type can be at run time (itself for objects, implementations, members).
    std::vector<std::string> possibleTypes(const std::string& typeName) const;
    // The field as seen on a composite type, including __typename (and __schema/__type on the query root).
    const FieldDef* fieldOn(const std::string& typeName, const std::string& fieldName) const;
    // Types that declare `implements iface` (objects and interfaces).
    std::vector<std::string> implementationsOf(const std::string& iface) const;

private:
    std::vector<TypeDef> types_;
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<DirectiveDef> directives_;
    FieldDef typenameField_, schemaField_, typeField_;
};

// Prints the schema as SDL: user types and directives (built-ins left out), descriptions as block
// strings, deprecations as @deprecated, a `schema { ... }` block only when the root names are not
// the defaults (or there is a schema description).
std::string printSchema(const Schema& schema);

}  // namespace sonde::graphql
