// SDL document -> Schema, with definition problems reported as Diagnostics.
#include "core/graphql/schema_builder.h"

#include <set>
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

InputValueDef inputValue(const InputValueDefinition& d) {
    InputValueDef v;
    v.name = d.name;
    v.description = d.description;
    v.type = d.type;
    if (d.defaultValue) {
        v.hasDefault = true;
        v.defaultValue = printValue(*d.defaultValue);
    }
    applyDeprecation(d.directives, v.deprecated, v.deprecationReason);
    return v;
}

std::vector<InputValueDef> inputValues(const std::vector<InputValueDefinition>& defs, const std::string& owner,
                                       std::vector<Diagnostic>* errors, const char* what) {
    std::vector<InputValueDef> out;
    std::set<std::string> seen;
    for (const auto& d : defs) {
        if (!seen.insert(d.name).second) {
            if (errors)
                errors->push_back(diag(std::string(what) + " \"" + owner + "." + d.name + "\" can only be defined once.",
                                       d.location, what[0] == 'A' ? "UniqueArgumentDefinitionNames"
                                                                  : "UniqueFieldDefinitionNames"));
            continue;
        }
        out.push_back(inputValue(d));
    }
    return out;
}

void mergeFields(TypeDef& t, const TypeSystemDefinition& def, std::vector<Diagnostic>* errors) {
    for (const auto& f : def.fields) {
        if (t.field(f.name)) {
            if (errors)
                errors->push_back(diag("Field \"" + t.name + "." + f.name + "\" can only be defined once.", f.location,
                                       "UniqueFieldDefinitionNames"));
            continue;
        }
        FieldDef fd;
        fd.name = f.name;
        fd.description = f.description;
        fd.type = f.type;
        fd.arguments = inputValues(f.arguments, t.name + "." + f.name, errors, "Argument");
        applyDeprecation(f.directives, fd.deprecated, fd.deprecationReason);
        t.fields.push_back(std::move(fd));
    }
    for (const auto& i : def.interfaces) t.interfaces.push_back(i.name);
    for (const auto& m : def.members) t.possibleTypes.push_back(m.name);
    for (const auto& e : def.enumValues) {
        if (t.enumValue(e.name)) {
            if (errors)
                errors->push_back(diag("Enum value \"" + t.name + "." + e.name + "\" can only be defined once.",
                                       e.location, "UniqueEnumValueNames"));
            continue;
        }
        EnumValueDef ev{e.name, e.description, false, {}};
        applyDeprecation(e.directives, ev.deprecated, ev.deprecationReason);
        t.enumValues.push_back(std::move(ev));
    }
    for (const auto& f : def.inputFields) {
        if (t.inputField(f.name)) {
            if (errors)
                errors->push_back(diag("Field \"" + t.name + "." + f.name + "\" can only be defined once.", f.location,
                                       "UniqueFieldDefinitionNames"));
            continue;
        }
        t.inputFields.push_back(inputValue(f));
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

TypeDef typeFromDefinition(const TypeSystemDefinition& def, std::vector<Diagnostic>* errors) {
    TypeDef t;
    t.kind = kindOf(def.kind);
    t.name = def.name;
    t.description = def.description;
    mergeFields(t, def, errors);
    return t;
}

DirectiveDef directiveFromDefinition(const TypeSystemDefinition& def) {
    DirectiveDef d;
    d.name = def.name;
    d.description = def.description;
    d.arguments = inputValues(def.inputFields, "@" + def.name, nullptr, "Argument");
    d.repeatable = def.repeatable;
    for (const auto& l : def.directiveLocations) d.locations.push_back(l.name);
    return d;
}

SchemaBuild buildSchema(const Document& doc) {
    SchemaBuild out;
    Schema schema;
    std::unordered_set<std::string> userTypes;
    const TypeSystemDefinition* schemaDef = nullptr;

    for (const auto& def : doc.typeSystem) {
        if (def.extension) continue;
        if (def.kind == TK::Schema) {
            schemaDef = &def;
            schema.description = def.description;
            continue;
        }
        if (def.kind == TK::Directive) {
            schema.addDirective(directiveFromDefinition(def));
            continue;
        }
        if (!userTypes.insert(def.name).second) {
            out.errors.push_back(diag("There can be only one type named \"" + def.name + "\".", def.location,
                                      "UniqueTypeNames"));
            continue;
        }
        schema.addType(typeFromDefinition(def, &out.errors));
    }
    for (const auto& def : doc.typeSystem) {
        if (!def.extension) continue;
        if (def.kind == TK::Schema) {
            if (!schemaDef) schemaDef = &def;
            continue;
        }
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
        mergeFields(*t, def, &out.errors);
    }
    // Root operation types: from `schema { ... }` (and `extend schema`), else the conventional names.
    if (schemaDef) {
        schema.queryType.clear();
        for (const auto& def : doc.typeSystem)
            if (def.kind == TK::Schema)
                for (const auto& o : def.operationTypes) {
                    if (o.operation == "query") schema.queryType = o.type.name;
                    else if (o.operation == "mutation") schema.mutationType = o.type.name;
                    else schema.subscriptionType = o.type.name;
                    if (!schema.type(o.type.name))
                        out.errors.push_back(
                            diag("Unknown type \"" + o.type.name + "\".", o.type.location, "KnownTypeNames"));
                }
    } else {
        if (!schema.type("Query")) schema.queryType.clear();
        if (schema.type("Mutation")) schema.mutationType = "Mutation";
        if (schema.type("Subscription")) schema.subscriptionType = "Subscription";
    }
    // Every referenced type must exist.
    auto check = [&](const TypeRef& t) {
        const TypeRef* named = &t;
        while (named->kind != TypeRef::Kind::Named) named = &named->inner();
        if (!schema.type(named->name))
            out.errors.push_back(diag("Unknown type \"" + named->name + "\".", named->location, "KnownTypeNames"));
    };
    auto checkNamed = [&](const NamedRef& r) {
        if (!schema.type(r.name))
            out.errors.push_back(diag("Unknown type \"" + r.name + "\".", r.location, "KnownTypeNames"));
    };
    for (const auto& def : doc.typeSystem) {
        for (const auto& f : def.fields) {
            check(f.type);
            for (const auto& a : f.arguments) check(a.type);
        }
        for (const auto& f : def.inputFields) check(f.type);
        for (const auto& i : def.interfaces) checkNamed(i);
        for (const auto& m : def.members) checkNamed(m);
    }
    out.schema = std::move(schema);
    return out;
}

SchemaBuild buildSchemaFromSdl(std::string_view sdl) {
    ParseResult parsed = parse(sdl, ParseMode::TypeSystem);
    if (!parsed.ok()) {
        SchemaBuild out;
        out.errors.push_back(*parsed.error);
        return out;
    }
    return buildSchema(parsed.document);
}

}  // namespace sonde::graphql
