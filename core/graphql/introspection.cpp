// Introspection query text and introspection JSON -> Schema.
#include "core/graphql/introspection.h"

#include "core/graphql/json_reader.h"

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
using detail::JsonTree;
using Node = std::uint32_t;
constexpr Node npos = JsonTree::npos;

struct Reader {
    const JsonTree& j;
    std::string err;

    std::string str(Node o, std::string_view key) const { return j.string(j.get(o, key)); }
    bool flag(Node o, std::string_view key) const { return j.boolean(j.get(o, key)); }

    bool typeRef(Node n, TypeRef& out, int depth = 0) {
        if (!j.isObject(n) || depth > 32) {
            err = "a type reference is not an object";
            return false;
        }
        std::string kind = str(n, "kind");
        if (kind == "NON_NULL" || kind == "LIST") {
            TypeRef inner;
            Node of = j.get(n, "ofType");
            if (of == npos || !typeRef(of, inner, depth + 1)) {
                if (err.empty() || of == npos) err = "a " + kind + " type reference has no ofType";
                return false;
            }
            out = kind == "LIST" ? TypeRef::listOf(std::move(inner)) : TypeRef::nonNull(std::move(inner));
            return true;
        }
        out = TypeRef::named(str(n, "name"));
        if (out.name.empty()) {
            err = "a type reference has no name";
            return false;
        }
        return true;
    }

    bool inputValues(Node list, std::vector<InputValueDef>& out) {
        for (Node a = j.first(list); a != npos; a = j.next(a)) {
            InputValueDef v;
            v.name = str(a, "name");
            v.description = str(a, "description");
            if (!typeRef(j.get(a, "type"), v.type)) {
                err += " (input value \"" + v.name + "\")";
                return false;
            }
            Node d = j.get(a, "defaultValue");
            if (j.kind(d) == JsonTree::Kind::String) {
                v.hasDefault = true;
                v.defaultValue = j.string(d);
            }
            v.deprecated = flag(a, "isDeprecated");
            v.deprecationReason = str(a, "deprecationReason");
            out.push_back(std::move(v));
        }
        return true;
    }
};

bool isBuiltInName(const std::string& n) {
    return n.rfind("__", 0) == 0 || n == "String" || n == "Int" || n == "Float" || n == "Boolean" || n == "ID";
}
}  // namespace

Result<Schema> schemaFromIntrospection(std::string_view text) {
    auto fail = [](std::string title, std::string where = {}) {
        return Error{std::move(title), "Check that the endpoint is a GraphQL server and allows introspection, or load an SDL file instead.",
                     std::move(where), "introspection"};
    };
    JsonTree j;
    std::string parseError;
    if (!j.parse(text, parseError)) return fail("The introspection result is not valid JSON: " + parseError);
    Reader rd{j, {}};
    Node root = j.root();
    Node s = root;
    if (j.isObject(j.get(s, "data"))) s = j.get(s, "data");
    if (j.get(s, "__schema") != npos) s = j.get(s, "__schema");
    if (!j.isObject(s) || j.get(s, "types") == npos) {
        std::string msg = "The introspection result holds no __schema";
        Node errors = j.get(root, "errors");
        if (j.isArray(errors) && j.first(errors) != npos) {
            std::string m = rd.str(j.first(errors), "message");
            msg += ": " + (m.empty() ? std::string("(no message)") : m);
        }
        return fail(msg, "/data/__schema");
    }
    Schema schema;
    schema.description = rd.str(s, "description");
    schema.queryType = rd.str(j.get(s, "queryType"), "name");
    schema.mutationType = rd.str(j.get(s, "mutationType"), "name");
    schema.subscriptionType = rd.str(j.get(s, "subscriptionType"), "name");

    std::size_t i = 0;
    for (Node tj = j.first(j.get(s, "types")); tj != npos; tj = j.next(tj), ++i) {
        TypeDef t;
        t.name = rd.str(tj, "name");
        std::string kind = rd.str(tj, "kind");
        if (kind == "SCALAR") t.kind = TypeKind::Scalar;
        else if (kind == "OBJECT") t.kind = TypeKind::Object;
        else if (kind == "INTERFACE") t.kind = TypeKind::Interface;
        else if (kind == "UNION") t.kind = TypeKind::Union;
        else if (kind == "ENUM") t.kind = TypeKind::Enum;
        else if (kind == "INPUT_OBJECT") t.kind = TypeKind::InputObject;
        else return fail("Unknown type kind \"" + kind + "\"", "/__schema/types/" + std::to_string(i));
        if (isBuiltInName(t.name)) continue;  // ours are complete
        t.description = rd.str(tj, "description");
        t.specifiedByUrl = rd.str(tj, "specifiedByURL");
        for (Node fj = j.first(j.get(tj, "fields")); fj != npos; fj = j.next(fj)) {
            FieldDef f;
            f.name = rd.str(fj, "name");
            f.description = rd.str(fj, "description");
            if (!rd.typeRef(j.get(fj, "type"), f.type) || !rd.inputValues(j.get(fj, "args"), f.arguments))
                return fail("Bad field \"" + t.name + "." + f.name + "\": " + rd.err, "/__schema/types/" + std::to_string(i));
            f.deprecated = rd.flag(fj, "isDeprecated");
            f.deprecationReason = rd.str(fj, "deprecationReason");
            t.fields.push_back(std::move(f));
        }
        if (!rd.inputValues(j.get(tj, "inputFields"), t.inputFields))
            return fail("Bad input field in \"" + t.name + "\": " + rd.err, "/__schema/types/" + std::to_string(i));
        for (Node ij = j.first(j.get(tj, "interfaces")); ij != npos; ij = j.next(ij)) t.interfaces.push_back(rd.str(ij, "name"));
        if (t.kind == TypeKind::Union)
            for (Node pj = j.first(j.get(tj, "possibleTypes")); pj != npos; pj = j.next(pj))
                t.possibleTypes.push_back(rd.str(pj, "name"));
        for (Node ej = j.first(j.get(tj, "enumValues")); ej != npos; ej = j.next(ej))
            t.enumValues.push_back(EnumValueDef{rd.str(ej, "name"), rd.str(ej, "description"), rd.flag(ej, "isDeprecated"),
                                                rd.str(ej, "deprecationReason")});
        schema.addType(std::move(t));
    }
    for (Node dj = j.first(j.get(s, "directives")); dj != npos; dj = j.next(dj)) {
        DirectiveDef d;
        d.name = rd.str(dj, "name");
        d.description = rd.str(dj, "description");
        d.repeatable = rd.flag(dj, "isRepeatable");
        for (Node l = j.first(j.get(dj, "locations")); l != npos; l = j.next(l))
            if (j.kind(l) == JsonTree::Kind::String) d.locations.push_back(j.string(l));
        if (!rd.inputValues(j.get(dj, "args"), d.arguments)) return fail("Bad directive @" + d.name + ": " + rd.err);
        const DirectiveDef* existing = schema.directive(d.name);
        if (existing && existing->builtIn) continue;
        schema.addDirective(std::move(d));
    }
    return schema;
}

}  // namespace sonde::graphql
