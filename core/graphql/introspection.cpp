// Introspection query text and introspection JSON -> Schema.
#include "core/graphql/introspection.h"

#include <nlohmann/json.hpp>

namespace sonde::graphql {

const char* const kIntrospectionQuery = R"(query IntrospectionQuery {
  __schema {
    description
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types {
      ...FullType
    }
    directives {
      name
      description
      isRepeatable
      locations
      args(includeDeprecated: true) {
        ...InputValue
      }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  specifiedByURL
  fields(includeDeprecated: true) {
    name
    description
    args(includeDeprecated: true) {
      ...InputValue
    }
    type {
      ...TypeRef
    }
    isDeprecated
    deprecationReason
  }
  inputFields(includeDeprecated: true) {
    ...InputValue
  }
  interfaces {
    ...TypeRef
  }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes {
    ...TypeRef
  }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
  isDeprecated
  deprecationReason
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
              }
            }
          }
        }
      }
    }
  }
}
)";

namespace {
using nlohmann::json;

struct Bad {
    std::string what;
};

std::string str(const json& o, const char* key) {
    auto it = o.find(key);
    return (it != o.end() && it->is_string()) ? it->get<std::string>() : std::string();
}
bool flag(const json& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_boolean() && it->get<bool>();
}
const json& arr(const json& o, const char* key) {
    static const json empty = json::array();
    auto it = o.find(key);
    return (it != o.end() && it->is_array()) ? *it : empty;
}

bool typeRef(const json& j, TypeRef& out, std::string& err, int depth = 0) {
    if (!j.is_object() || depth > 32) {
        err = "a type reference is not an object";
        return false;
    }
    std::string kind = str(j, "kind");
    if (kind == "NON_NULL" || kind == "LIST") {
        auto it = j.find("ofType");
        TypeRef inner;
        if (it == j.end() || !typeRef(*it, inner, err, depth + 1)) {
            if (err.empty()) err = "a " + kind + " type reference has no ofType";
            return false;
        }
        out = kind == "LIST" ? TypeRef::listOf(std::move(inner)) : TypeRef::nonNull(std::move(inner));
        return true;
    }
    out = TypeRef::named(str(j, "name"));
    if (out.name.empty()) {
        err = "a type reference has no name";
        return false;
    }
    return true;
}

bool inputValues(const json& list, std::vector<InputValueDef>& out, std::string& err) {
    for (const auto& a : list) {
        InputValueDef v;
        v.name = str(a, "name");
        v.description = str(a, "description");
        if (!typeRef(a.value("type", json()), v.type, err)) {
            err += " (input value \"" + v.name + "\")";
            return false;
        }
        if (a.contains("defaultValue") && a["defaultValue"].is_string()) {
            v.hasDefault = true;
            v.defaultValue = a["defaultValue"].get<std::string>();
        }
        v.deprecated = flag(a, "isDeprecated");
        v.deprecationReason = str(a, "deprecationReason");
        out.push_back(std::move(v));
    }
    return true;
}

bool isBuiltInName(const std::string& n) {
    return n.rfind("__", 0) == 0 || n == "String" || n == "Int" || n == "Float" || n == "Boolean" || n == "ID";
}
}  // namespace

Result<Schema> schemaFromIntrospection(std::string_view text) {
    auto fail = [](std::string title, std::string where = {}) {
        return Error{std::move(title), "Check that the endpoint is a GraphQL server and allows introspection, or load an SDL file instead.",
                     std::move(where), "introspection"};
    };
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return fail("The introspection result is not valid JSON");
    const json* s = &doc;
    if (s->is_object() && s->contains("data") && (*s)["data"].is_object()) s = &(*s)["data"];
    if (s->is_object() && s->contains("__schema")) s = &(*s)["__schema"];
    if (!s->is_object() || !s->contains("types")) {
        std::string msg = "The introspection result holds no __schema";
        if (doc.is_object() && doc.contains("errors") && doc["errors"].is_array() && !doc["errors"].empty())
            msg += ": " + doc["errors"][0].value("message", std::string("(no message)"));
        return fail(msg, "/data/__schema");
    }
    const json& sj = *s;
    Schema schema;
    schema.description = str(sj, "description");
    auto rootName = [&](const char* key) {
        auto it = sj.find(key);
        return (it != sj.end() && it->is_object()) ? str(*it, "name") : std::string();
    };
    schema.queryType = rootName("queryType");
    schema.mutationType = rootName("mutationType");
    schema.subscriptionType = rootName("subscriptionType");

    std::string err;
    const json& types = arr(sj, "types");
    for (std::size_t i = 0; i < types.size(); ++i) {
        const json& tj = types[i];
        TypeDef t;
        t.name = str(tj, "name");
        std::string kind = str(tj, "kind");
        if (kind == "SCALAR") t.kind = TypeKind::Scalar;
        else if (kind == "OBJECT") t.kind = TypeKind::Object;
        else if (kind == "INTERFACE") t.kind = TypeKind::Interface;
        else if (kind == "UNION") t.kind = TypeKind::Union;
        else if (kind == "ENUM") t.kind = TypeKind::Enum;
        else if (kind == "INPUT_OBJECT") t.kind = TypeKind::InputObject;
        else return fail("Unknown type kind \"" + kind + "\"", "/__schema/types/" + std::to_string(i));
        if (isBuiltInName(t.name)) continue;  // ours are complete
        t.description = str(tj, "description");
        t.specifiedByUrl = str(tj, "specifiedByURL");
        for (const auto& fj : arr(tj, "fields")) {
            FieldDef f;
            f.name = str(fj, "name");
            f.description = str(fj, "description");
            if (!typeRef(fj.value("type", json()), f.type, err) || !inputValues(arr(fj, "args"), f.arguments, err))
                return fail("Bad field \"" + t.name + "." + f.name + "\": " + err, "/__schema/types/" + std::to_string(i));
            f.deprecated = flag(fj, "isDeprecated");
            f.deprecationReason = str(fj, "deprecationReason");
            t.fields.push_back(std::move(f));
        }
        if (!inputValues(arr(tj, "inputFields"), t.inputFields, err))
            return fail("Bad input field in \"" + t.name + "\": " + err, "/__schema/types/" + std::to_string(i));
        for (const auto& ij : arr(tj, "interfaces")) t.interfaces.push_back(str(ij, "name"));
        for (const auto& pj : arr(tj, "possibleTypes"))
            if (t.kind == TypeKind::Union) t.possibleTypes.push_back(str(pj, "name"));
        for (const auto& ej : arr(tj, "enumValues"))
            t.enumValues.push_back(
                EnumValueDef{str(ej, "name"), str(ej, "description"), flag(ej, "isDeprecated"), str(ej, "deprecationReason")});
        schema.addType(std::move(t));
    }
    for (const auto& dj : arr(sj, "directives")) {
        DirectiveDef d;
        d.name = str(dj, "name");
        d.description = str(dj, "description");
        d.repeatable = flag(dj, "isRepeatable");
        for (const auto& l : arr(dj, "locations"))
            if (l.is_string()) d.locations.push_back(l.get<std::string>());
        if (!inputValues(arr(dj, "args"), d.arguments, err)) return fail("Bad directive @" + d.name + ": " + err);
        const DirectiveDef* existing = schema.directive(d.name);
        if (existing && existing->builtIn) continue;
        schema.addDirective(std::move(d));
    }
    return schema;
}

}  // namespace sonde::graphql
