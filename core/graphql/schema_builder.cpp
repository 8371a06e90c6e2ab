// SDL document -> Schema, with definition problems reported as Diagnostics.
#include "core/graphql/schema_builder.h"

#include <set>
#include <string_view>
#include <unordered_set>

namespace sonde::graphql {

namespace {
using TK = TypeSystemDefinition::Kind;

Diagnostic diag(std::string msg, Location at, const char* rule) {
    return Diagnostic{std::move(msg), at.line, at.column, rule};
}

void applyDeprecation(const std::vector<Directive>& dirs, bool& deprecated, std::string& reason) {
    for (const auto& d : dirs) {
        if (d.name != "deprecated") continue;
        deprecated = true;
        reason = "No longer supported";
        for (const auto& a : d.arguments)
            if (a.name == "reason" && a.value.kind == Value::Kind::String) reason = a.value.text;
    }
}

// When `consume` is set the definition's strings and types are moved out (the document is ours).
template <typename T>
T take(T& x, bool consume) {
    return consume ? std::move(x) : x;
}

// Linear look-up: definitions hold few members, and a hash set costs more than it saves here.
template <typename T>
bool hasName(const std::vector<T>& v, const std::string& n) {
    for (const auto& x : v)
        if (x.name == n) return true;
    return false;
}

InputValueDef inputValue(InputValueDefinition& d, bool consume) {
    InputValueDef v;
    v.name = take(d.name, consume);
    v.description = take(d.description, consume);
    v.type = take(d.type, consume);
    if (d.defaultValue) {
        v.hasDefault = true;
        v.defaultValue = printValue(*d.defaultValue);
    }
    applyDeprecation(d.directives, v.deprecated, v.deprecationReason);
    return v;
}

std::vector<InputValueDef> inputValues(std::vector<InputValueDefinition>& defs, const std::string& owner,
                                       const std::string& member, std::vector<Diagnostic>* errors, const char* what,
                                       bool consume) {
    std::vector<InputValueDef> out;
    out.reserve(defs.size());
    for (auto& d : defs) {
        if (hasName(out, d.name)) {
            if (errors)
                errors->push_back(diag(std::string(what) + " \"" + owner + (member.empty() ? "" : "." + member) + "." +
                                           d.name + "\" can only be defined once.",
                                       d.location, what[0] == 'A' ? "UniqueArgumentDefinitionNames"
                                                                  : "UniqueFieldDefinitionNames"));
            continue;
        }
        out.push_back(inputValue(d, consume));
    }
    return out;
}

void mergeFields(TypeDef& t, TypeSystemDefinition& def, std::vector<Diagnostic>* errors, bool consume) {
    t.fields.reserve(t.fields.size() + def.fields.size());
    for (auto& f : def.fields) {
        if (hasName(t.fields, f.name)) {
            if (errors)
                errors->push_back(diag("Field \"" + t.name + "." + f.name + "\" can only be defined once.", f.location,
                                       "UniqueFieldDefinitionNames"));
            continue;
        }
        FieldDef fd;
        fd.arguments = inputValues(f.arguments, t.name, f.name, errors, "Argument", consume);
        fd.name = take(f.name, consume);
        fd.description = take(f.description, consume);
        fd.type = take(f.type, consume);
        applyDeprecation(f.directives, fd.deprecated, fd.deprecationReason);
        t.fields.push_back(std::move(fd));
    }
    for (const auto& i : def.interfaces) t.interfaces.push_back(i.name);
    for (const auto& m : def.members) t.possibleTypes.push_back(m.name);
    t.enumValues.reserve(t.enumValues.size() + def.enumValues.size());
    for (auto& e : def.enumValues) {
        if (hasName(t.enumValues, e.name)) {
            if (errors)
                errors->push_back(diag("Enum value \"" + t.name + "." + e.name + "\" can only be defined once.",
                                       e.location, "UniqueEnumValueNames"));
            continue;
        }
        EnumValueDef ev{take(e.name, consume), take(e.description, consume), false, {}};
        applyDeprecation(e.directives, ev.deprecated, ev.deprecationReason);
        t.enumValues.push_back(std::move(ev));
    }
    t.inputFields.reserve(t.inputFields.size() + def.inputFields.size());
    for (auto& f : def.inputFields) {
        if (hasName(t.inputFields, f.name)) {
            if (errors)
                errors->push_back(diag("Field \"" + t.name + "." + f.name + "\" can only be defined once.", f.location,
                                       "UniqueFieldDefinitionNames"));
            continue;
        }
        t.inputFields.push_back(inputValue(f, consume));
    }
    for (const auto& d : def.directives)
        if (d.name == "specifiedBy")
            for (const auto& a : d.arguments)
                if (a.name == "url") t.specifiedByUrl = a.value.text;
}

TypeKind kindOf(TK k) {
    switch (k) {
        case TK::Scalar: return TypeKind::Scalar;
        case TK::Interface: return TypeKind::Interface;
        case TK::Union: return TypeKind::Union;
        case TK::Enum: return TypeKind::Enum;
        case TK::InputObject: return TypeKind::InputObject;
        default: return TypeKind::Object;
    }
}

const char* kindWord(TK k) {
    switch (k) {
        case TK::Scalar: return "scalar";
        case TK::Interface: return "interface";
        case TK::Union: return "union";
        case TK::Enum: return "enum";
        case TK::InputObject: return "input object";
        default: return "object";
    }
}
}  // namespace

namespace {
TypeDef typeFrom(TypeSystemDefinition& def, std::vector<Diagnostic>* errors, bool consume) {
    TypeDef t;
    t.kind = kindOf(def.kind);
    t.name = def.name;
    t.description = take(def.description, consume);
    mergeFields(t, def, errors, consume);
    return t;
}
}  // namespace

TypeDef typeFromDefinition(const TypeSystemDefinition& def, std::vector<Diagnostic>* errors) {
    TypeSystemDefinition copy = def;
    return typeFrom(copy, errors, true);
}

DirectiveDef directiveFromDefinition(const TypeSystemDefinition& def) {
    DirectiveDef d;
    d.name = def.name;
    d.description = def.description;
    TypeSystemDefinition copy = def;
    d.arguments = inputValues(copy.inputFields, "@" + def.name, {}, nullptr, "Argument", true);
    d.repeatable = def.repeatable;
    for (const auto& l : def.directiveLocations) d.locations.push_back(l.name);
    return d;
}

namespace {
// Every referenced type must exist (checked on the syntax tree, before its parts are moved out).
void checkReferences(const Document& doc, const Schema& builtIns, const std::unordered_set<std::string>& userTypes,
                     std::vector<Diagnostic>& errors) {
    auto known = [&](const std::string& n) { return userTypes.count(n) || builtIns.type(n); };
    auto check = [&](const TypeRef& t) {
        const TypeRef* named = &t;
        while (named->kind != TypeRef::Kind::Named) named = &named->inner();
        if (!known(named->name))
            errors.push_back(diag("Unknown type \"" + named->name + "\".", named->location, "KnownTypeNames"));
    };
    auto checkNamed = [&](const NamedRef& r) {
        if (!known(r.name)) errors.push_back(diag("Unknown type \"" + r.name + "\".", r.location, "KnownTypeNames"));
    };
    for (const auto& def : doc.typeSystem) {
        for (const auto& f : def.fields) {
            check(f.type);
            for (const auto& a : f.arguments) check(a.type);
        }
        for (const auto& f : def.inputFields) check(f.type);
        for (const auto& i : def.interfaces) checkNamed(i);
        for (const auto& m : def.members) checkNamed(m);
        for (const auto& o : def.operationTypes) checkNamed(o.type);
    }
}

SchemaBuild build(Document& doc, bool consume) {
    SchemaBuild out;
    Schema schema;
    std::unordered_set<std::string> userTypes;
    for (const auto& def : doc.typeSystem)
        if (!def.extension && def.kind != TK::Schema && def.kind != TK::Directive) userTypes.insert(def.name);
    checkReferences(doc, schema, userTypes, out.errors);
    userTypes.clear();

    bool hasSchemaDef = false;
    for (auto& def : doc.typeSystem) {
        if (def.kind == TK::Schema) {
            hasSchemaDef = true;
            if (!def.extension) schema.description = def.description;
            continue;
        }
        if (def.extension) continue;
        if (def.kind == TK::Directive) {
            schema.addDirective(directiveFromDefinition(def));
            continue;
        }
        if (!userTypes.insert(def.name).second) {
            out.errors.push_back(diag("There can be only one type named \"" + def.name + "\".", def.location,
                                      "UniqueTypeNames"));
            continue;
        }
        schema.addType(typeFrom(def, &out.errors, consume));
    }
    for (auto& def : doc.typeSystem) {
        if (!def.extension || def.kind == TK::Schema) continue;
        TypeDef* t = schema.mutableType(def.name);
        if (!t || t->builtIn) {
            out.errors.push_back(diag("Cannot extend type \"" + def.name + "\" because it is not defined.",
                                      def.location, "PossibleTypeExtensions"));
            continue;
        }
        if (t->kind != kindOf(def.kind)) {
            out.errors.push_back(diag("Cannot extend non-" + std::string(kindWord(def.kind)) + " type \"" + def.name +
                                          "\".",
                                      def.location, "PossibleTypeExtensions"));
            continue;
        }
        mergeFields(*t, def, &out.errors, consume);
    }
    // Root operation types: from `schema { ... }` (and `extend schema`), else the conventional names.
    if (hasSchemaDef) {
        schema.queryType.clear();
        for (const auto& def : doc.typeSystem)
            if (def.kind == TK::Schema)
                for (const auto& o : def.operationTypes) {
                    if (o.operation == "query") schema.queryType = o.type.name;
                    else if (o.operation == "mutation") schema.mutationType = o.type.name;
                    else schema.subscriptionType = o.type.name;
                }
    } else {
        if (!schema.type("Query")) schema.queryType.clear();
        if (schema.type("Mutation")) schema.mutationType = "Mutation";
        if (schema.type("Subscription")) schema.subscriptionType = "Subscription";
    }
    out.schema = std::move(schema);
    return out;
}

}  // namespace

SchemaBuild buildSchema(const Document& doc) {
    Document copy = doc;
    return build(copy, true);
}

SchemaBuild buildSchemaFromSdl(std::string_view sdl) {
    ParseResult parsed = parse(sdl, ParseMode::TypeSystem);
    if (!parsed.ok()) {
        SchemaBuild out;
        out.errors.push_back(*parsed.error);
        return out;
    }
    return build(parsed.document, true);
}

}  // namespace sonde::graphql
