// Schema model: look-ups, built-in types and directives.
#include "core/graphql/schema.h"

#include "core/graphql/schema_builder.h"

namespace sonde::graphql {

namespace {
// The spec's built-in scalars, introspection types (section 4.5) and specified directives (3.13), plus
// @oneOf, which graphql-js 16.9+ ships as specified.
constexpr const char* kBuiltIns = R"(
"The `String` scalar type represents textual data, represented as UTF-8 character sequences."
scalar String
"The `Int` scalar type represents non-fractional signed whole numeric values between -(2^31) and 2^31 - 1."
scalar Int
"The `Float` scalar type represents signed double-precision fractional values as specified by IEEE 754."
scalar Float
"The `Boolean` scalar type represents `true` or `false`."
scalar Boolean
"The `ID` scalar type represents a unique identifier, serialized as a String."
scalar ID
type __Schema { description: String types: [__Type!]! queryType: __Type! mutationType: __Type
  subscriptionType: __Type directives: [__Directive!]! }
type __Type { kind: __TypeKind! name: String description: String specifiedByURL: String
  fields(includeDeprecated: Boolean = false): [__Field!] interfaces: [__Type!] possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!] ofType: __Type }
type __Field { name: String! description: String args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type! isDeprecated: Boolean! deprecationReason: String }
type __InputValue { name: String! description: String type: __Type! defaultValue: String
  isDeprecated: Boolean! deprecationReason: String }
type __EnumValue { name: String! description: String isDeprecated: Boolean! deprecationReason: String }
type __Directive { name: String! description: String isRepeatable: Boolean!
  locations: [__DirectiveLocation!]! args(includeDeprecated: Boolean = false): [__InputValue!]! }
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD
  INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE
  UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
"Directs the executor to include this field or fragment only when the `if` argument is true."
directive @include("Included when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
"Directs the executor to skip this field or fragment when the `if` argument is true."
directive @skip("Skipped when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
"Marks an element of a GraphQL schema as no longer supported."
directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
"Exposes a URL that specifies the behavior of this scalar."
directive @specifiedBy(url: String!) on SCALAR
"Indicates exactly one field must be supplied and this field must not be `null`."
directive @oneOf on INPUT_OBJECT
)";

template <typename T>
const T* byName(const std::vector<T>& v, const std::string& n) {
    for (const auto& x : v)
        if (x.name == n) return &x;
    return nullptr;
}
}  // namespace

const char* toString(TypeKind k) {
    switch (k) {
        case TypeKind::Scalar: return "SCALAR";
        case TypeKind::Object: return "OBJECT";
        case TypeKind::Interface: return "INTERFACE";
        case TypeKind::Union: return "UNION";
        case TypeKind::Enum: return "ENUM";
        case TypeKind::InputObject: return "INPUT_OBJECT";
    }
    return "SCALAR";
}

const InputValueDef* FieldDef::argument(const std::string& n) const { return byName(arguments, n); }
const InputValueDef* DirectiveDef::argument(const std::string& n) const { return byName(arguments, n); }
const FieldDef* TypeDef::field(const std::string& n) const { return byName(fields, n); }
const InputValueDef* TypeDef::inputField(const std::string& n) const { return byName(inputFields, n); }
const EnumValueDef* TypeDef::enumValue(const std::string& n) const { return byName(enumValues, n); }

Schema::Schema() {
    static const std::pair<std::vector<TypeDef>, std::vector<DirectiveDef>> builtIns = [] {
        auto parsed = parse(kBuiltIns, ParseMode::TypeSystem);
        std::vector<TypeDef> types;
        std::vector<DirectiveDef> dirs;
        for (const auto& def : parsed.document.typeSystem) {
            if (def.kind == TypeSystemDefinition::Kind::Directive) {
                dirs.push_back(directiveFromDefinition(def));
                dirs.back().builtIn = true;
            } else {
                types.push_back(typeFromDefinition(def, nullptr));
                types.back().builtIn = true;
            }
        }
        return std::make_pair(types, dirs);
    }();
    for (const auto& t : builtIns.first) addType(t);
    directives_ = builtIns.second;

    typenameField_.name = "__typename";
    typenameField_.description = "The name of the current Object type at runtime.";
    typenameField_.type = TypeRef::nonNull(TypeRef::named("String"));
    schemaField_.name = "__schema";
    schemaField_.description = "Access the current type schema of this server.";
    schemaField_.type = TypeRef::nonNull(TypeRef::named("__Schema"));
    typeField_.name = "__type";
    typeField_.description = "Request the type information of a single type.";
    typeField_.type = TypeRef::named("__Type");
    InputValueDef nameArg;
    nameArg.name = "name";
    nameArg.type = TypeRef::nonNull(TypeRef::named("String"));
    typeField_.arguments.push_back(nameArg);
}

TypeDef& Schema::addType(TypeDef t) {
    auto it = index_.find(t.name);
    if (it != index_.end()) {
        types_[it->second] = std::move(t);
        return types_[it->second];
    }
    index_.emplace(t.name, types_.size());
    types_.push_back(std::move(t));
    return types_.back();
}

void Schema::addDirective(DirectiveDef d) {
    for (auto& existing : directives_)
        if (existing.name == d.name) {
            existing = std::move(d);
            return;
        }
    directives_.push_back(std::move(d));
}

const TypeDef* Schema::type(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &types_[it->second];
}

TypeDef* Schema::mutableType(const std::string& name) {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &types_[it->second];
}

const DirectiveDef* Schema::directive(const std::string& name) const { return byName(directives_, name); }

const TypeDef* Schema::rootType(const std::string& operation) const {
    const std::string& n = operation == "mutation"       ? mutationType
                           : operation == "subscription" ? subscriptionType
                                                         : queryType;
    return n.empty() ? nullptr : type(n);
}

std::vector<std::string> Schema::possibleTypes(const std::string& typeName) const {
    const TypeDef* t = type(typeName);
    if (!t) return {};
    if (t->kind == TypeKind::Object) return {t->name};
    if (t->kind == TypeKind::Union) return t->possibleTypes;
    std::vector<std::string> out;
    if (t->kind == TypeKind::Interface)
        for (const auto& o : types_)
            if (o.kind == TypeKind::Object)
                for (const auto& i : o.interfaces)
                    if (i == typeName) out.push_back(o.name);
    return out;
}

std::vector<std::string> Schema::implementationsOf(const std::string& iface) const {
    std::vector<std::string> out;
    for (const auto& o : types_)
        for (const auto& i : o.interfaces)
            if (i == iface) out.push_back(o.name);
    return out;
}

const FieldDef* Schema::fieldOn(const std::string& typeName, const std::string& fieldName) const {
    const TypeDef* t = type(typeName);
    if (!t || !t->isComposite()) return nullptr;
    if (fieldName == "__typename") return &typenameField_;
    if (typeName == queryType) {
        if (fieldName == "__schema") return &schemaField_;
        if (fieldName == "__type") return &typeField_;
    }
    return t->field(fieldName);
}

}  // namespace sonde::graphql
