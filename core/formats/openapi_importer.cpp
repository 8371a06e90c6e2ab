// OpenAPI 3.x and Swagger 2.0 (JSON or YAML) -> a collection: a folder per first tag, a request per
// operation, {{baseUrl}} from the first server, path parameters as {{variables}}, example bodies built
// from the schema (local $refs followed with a visited set and a depth cap), auth from the security
// requirements, and a status assertion on the documented 2xx codes.
// Shapes and pitfalls: ../shared/reference/formats-and-conventions.md §1.5.
#include <map>
#include <set>

#include "core/formats/import_util.h"
#include "core/formats/importer.h"

namespace sonde {

namespace {

// ordered_json: paths, properties and form fields keep the document's order.
using json = nlohmann::ordered_json;

const char* const kMethods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

struct OpenApiContext {
    const json& root;
    Imported& out;
    bool swagger2 = false;
    std::set<std::string> externalRefsReported;

    void warn(const std::string& where, std::string message) { out.warnings.push_back({where, std::move(message)}); }

    // Follows a local "$ref" (JSON pointer into the document); external refs stay unresolved.
    const json& deref(const json& node, const std::string& where, int hops = 0) {
        if (!node.is_object() || !node.contains("$ref") || !node["$ref"].is_string() || hops > 32) return node;
        const std::string ref = node["$ref"].get<std::string>();
        if (ref.rfind("#/", 0) != 0) {
            if (externalRefsReported.insert(ref).second)
                warn(where, "external $ref '" + ref + "' is not followed (only references inside the file are)");
            return node;
        }
        try {
            const json& target = root.at(json::json_pointer(ref.substr(1)));
            return deref(target, where, hops + 1);
        } catch (const std::exception&) {
            warn(where, "$ref '" + ref + "' points to nothing in the file");
            return node;
        }
    }
};

// An example value for a schema: example, default, enum[0], then built from its type.
json exampleFor(OpenApiContext& ctx, const json& schemaIn, const std::string& where, std::set<std::string>& visiting,
                int depth) {
    if (!schemaIn.is_object()) return nullptr;
    std::string ref;
    if (schemaIn.contains("$ref") && schemaIn["$ref"].is_string()) {
        ref = schemaIn["$ref"].get<std::string>();
        if (visiting.count(ref) || depth > 8) return nullptr;  // a cycle, or deep enough
        visiting.insert(ref);
    }
    const json& s = ctx.deref(schemaIn, where);
    json result = nullptr;
    if (s.contains("example")) {
        result = s["example"];
    } else if (s.contains("examples") && s["examples"].is_array() && !s["examples"].empty()) {
        result = s["examples"][0];  // 3.1: JSON Schema examples
    } else if (s.contains("default")) {
        result = s["default"];
    } else if (s.contains("enum") && s["enum"].is_array() && !s["enum"].empty()) {
        result = s["enum"][0];
    } else if (s.contains("allOf") && s["allOf"].is_array()) {
        result = json::object();
        for (const auto& part : s["allOf"]) {
            json v = exampleFor(ctx, part, where, visiting, depth + 1);
            if (v.is_object()) result.update(v);
        }
    } else if ((s.contains("oneOf") && s["oneOf"].is_array() && !s["oneOf"].empty()) ||
               (s.contains("anyOf") && s["anyOf"].is_array() && !s["anyOf"].empty())) {
        result = exampleFor(ctx, s.contains("oneOf") ? s["oneOf"][0] : s["anyOf"][0], where, visiting, depth + 1);
    } else {
        std::string type;
        if (s.contains("type") && s["type"].is_string()) type = s["type"].get<std::string>();
        if (s.contains("type") && s["type"].is_array())  // 3.1: ["string", "null"]
            for (const auto& t : s["type"])
                if (t.is_string() && t != "null") type = t.get<std::string>();
        if (type.empty() && s.contains("properties")) type = "object";
        if (type == "object") {
            result = json::object();
            if (s.contains("properties") && s["properties"].is_object())
                for (const auto& [name, prop] : s["properties"].items())
                    result[name] = exampleFor(ctx, prop, where, visiting, depth + 1);
        } else if (type == "array") {
            json item = exampleFor(ctx, s.value("items", json::object()), where, visiting, depth + 1);
            result = item.is_null() ? json::array() : json::array({item});
        } else if (type == "integer" || type == "number") {
            result = 0;
        } else if (type == "boolean") {
            result = false;
        } else if (type == "string") {
            const std::string format = s.value("format", "");
            result = format == "date-time" ? "2026-01-01T00:00:00Z"
                     : format == "date"    ? "2026-01-01"
                     : format == "uuid"    ? "00000000-0000-4000-8000-000000000000"
                     : format == "email"   ? "user@example.com"
                                           : "string";
        }
    }
    if (!ref.empty()) visiting.erase(ref);
    return result;
}

json exampleFor(OpenApiContext& ctx, const json& schema, const std::string& where) {
    std::set<std::string> visiting;
    return exampleFor(ctx, schema, where, visiting, 0);
}

// A parameter's example as text.
std::string parameterValue(OpenApiContext& ctx, const json& p, const std::string& where) {
    if (p.contains("example")) return jsonText(p["example"]);
    if (p.contains("examples") && p["examples"].is_object() && !p["examples"].empty()) {
        const json& first = ctx.deref(p["examples"].begin().value(), where);
        if (first.is_object() && first.contains("value")) return jsonText(first["value"]);
    }
    const json schema = p.contains("schema") ? p["schema"] : p;  // 2.0 puts type/default on the parameter
    const json v = exampleFor(ctx, schema, where);
    if (v.is_null() || v.is_object() || v.is_array()) return v.is_array() && !v.empty() ? jsonText(v[0]) : "";
    if (v == "string") return "";  // a made-up string is worse than an empty value to fill in
    return jsonText(v);
}

std::string baseUrlOf(OpenApiContext& ctx) {
    const json& r = ctx.root;
    if (ctx.swagger2) {
        std::string scheme = "https";
        if (r.contains("schemes") && r["schemes"].is_array() && !r["schemes"].empty()) scheme = jsonText(r["schemes"][0]);
        const std::string host = r.value("host", "");
        if (host.empty()) return {};
        return scheme + "://" + host + r.value("basePath", "");
    }
    if (!r.contains("servers") || !r["servers"].is_array() || r["servers"].empty()) return {};
    const json& server = r["servers"][0];
    std::string url = server.value("url", "");
    if (server.contains("variables") && server["variables"].is_object())
        for (const auto& [name, v] : server["variables"].items()) {
            const std::string key = "{" + name + "}";
            const std::string value = v.is_object() ? jsonText(v.value("default", json())) : "";
            for (auto pos = url.find(key); pos != std::string::npos; pos = url.find(key, pos + value.size()))
                url.replace(pos, key.size(), value);
        }
    if (!url.empty() && url.back() == '/') url.pop_back();
    if (url.rfind('/', 0) == 0) ctx.warn("servers", "the server URL '" + url + "' is relative; set baseUrl to the API's origin");
    return url;
}

// The auth of an operation from its security requirements (the first alternative Sonde can express).
Auth authFor(OpenApiContext& ctx, const json& requirements, const std::string& where, std::vector<Variable>& vars) {
    Auth a;
    if (!requirements.is_array() || requirements.empty()) return a;
    const json& schemes = ctx.swagger2 ? ctx.root.value("securityDefinitions", json::object())
                                       : (ctx.root.contains("components") ? ctx.root["components"].value("securitySchemes", json::object())
                                                                          : json::object());
    auto addVar = [&](const std::string& name, bool secret) {
        for (const auto& v : vars)
            if (v.name == name) return;
        vars.push_back(Variable{name, "", true, secret});
    };
    for (const auto& alternative : requirements) {
        if (!alternative.is_object()) continue;
        if (alternative.empty()) return a;  // {} = no auth is an option
        for (const auto& [name, scopes] : alternative.items()) {
            (void)scopes;
            if (!schemes.contains(name)) continue;
            const json& s = ctx.deref(schemes[name], where);
            const std::string type = s.value("type", "");
            const std::string scheme = lower(s.value("scheme", ""));
            if ((type == "http" && scheme == "basic") || type == "basic") {
                a.kind = AuthKind::Basic, a.username = "{{username}}", a.password = "{{password}}";
                addVar("username", false), addVar("password", true);
            } else if (type == "http" && scheme == "bearer") {
                a.kind = AuthKind::Bearer, a.token = "{{token}}";
                addVar("token", true);
            } else if (type == "http" && scheme == "digest") {
                a.kind = AuthKind::Digest, a.username = "{{username}}", a.password = "{{password}}";
                addVar("username", false), addVar("password", true);
            } else if (type == "apiKey" && s.value("in", "") != "cookie") {
                a.kind = AuthKind::ApiKey, a.keyName = s.value("name", "X-API-Key"), a.keyValue = "{{apiKey}}";
                a.keyInQuery = s.value("in", "") == "query";
                addVar("apiKey", true);
            } else if (type == "oauth2" || type == "openIdConnect") {
                a.kind = AuthKind::Bearer, a.token = "{{token}}";
                addVar("token", true);
                ctx.warn(where, "security scheme '" + name + "' (" + type +
                                    ") became a bearer token {{token}}: Sonde does not run OAuth flows");
            } else {
                continue;
            }
            return a;
        }
    }
    ctx.warn(where, "none of its security schemes can be expressed by Sonde; imported without auth");
    return a;
}

void bodyFromContent(OpenApiContext& ctx, const json& content, RequestSpec& r, const std::string& where) {
    if (!content.is_object() || content.empty()) return;
    // Prefer JSON, then forms, then whatever comes first.
    std::string chosen;
    for (const char* pref : {"application/json", "application/x-www-form-urlencoded", "multipart/form-data"})
        if (content.contains(pref)) {
            chosen = pref;
            break;
        }
    if (chosen.empty())
        for (const auto& [type, media] : content.items()) {
            (void)media;
            if (lower(type).find("json") != std::string::npos) chosen = type;
        }
    if (chosen.empty()) chosen = content.begin().key();
    const json& media = ctx.deref(content[chosen], where);
    json example = nullptr;
    if (media.contains("example")) {
        example = media["example"];
    } else if (media.contains("examples") && media["examples"].is_object() && !media["examples"].empty()) {
        const json& first = ctx.deref(media["examples"].begin().value(), where);
        if (first.is_object()) example = first.value("value", json());
    } else if (media.contains("schema")) {
        example = exampleFor(ctx, media["schema"], where);
    }
    const std::string type = lower(chosen);
    if (type == "application/x-www-form-urlencoded" || type == "multipart/form-data") {
        const json& schema = media.contains("schema") ? ctx.deref(media["schema"], where) : json::object();
        const json props = schema.is_object() ? schema.value("properties", json::object()) : json::object();
        r.body.kind = type[0] == 'm' ? BodyKind::Multipart : BodyKind::FormUrlEncoded;
        for (const auto& [name, prop] : props.items()) {
            const json& p = ctx.deref(prop, where);
            const bool file = p.is_object() && (p.value("format", "") == "binary" || p.value("format", "") == "base64");
            const std::string value = example.is_object() && example.contains(name) ? jsonText(example[name]) : "";
            if (r.body.kind == BodyKind::Multipart) r.body.parts.emplace_back(name, file ? "" : value, file);
            else r.body.form.emplace_back(name, value);
        }
        return;
    }
    if (type.find("json") != std::string::npos) {
        r.body.kind = BodyKind::Json;
        r.body.text = example.is_null() ? "{}" : example.dump(2);
        if (type != "application/json") r.body.contentType = chosen;
    } else if (type.find("xml") != std::string::npos) {
        r.body.kind = BodyKind::Xml;
        r.body.text = example.is_string() ? example.get<std::string>() : "";
    } else {
        r.body.kind = BodyKind::Text;
        r.body.text = example.is_string() ? example.get<std::string>() : "";
        r.body.contentType = chosen;
    }
}

RequestSpec convertOperation(OpenApiContext& ctx, const std::string& path, const std::string& method, const json& pathItem,
                             const json& op, std::vector<Variable>& vars) {
    RequestSpec r;
    r.method = method;
    for (auto& c : r.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    r.name = jsonText(op.value("summary", json()));
    if (r.name.empty()) r.name = jsonText(op.value("operationId", json()));
    if (r.name.empty()) r.name = r.method + " " + path;
    const std::string where = r.method + " " + path;
    r.description = jsonText(op.value("description", json()));
    if (op.value("deprecated", false)) r.description = "Deprecated. " + r.description;
    // Path-item parameters, overridden by the operation's (same name and in).
    std::map<std::pair<std::string, std::string>, json> params;
    std::vector<std::pair<std::string, std::string>> order;
    for (const json* list : {&pathItem, &op}) {
        if (!list->contains("parameters") || !(*list)["parameters"].is_array()) continue;
        for (const auto& raw : (*list)["parameters"]) {
            const json& p = ctx.deref(raw, where);
            if (!p.is_object()) continue;
            auto key = std::make_pair(p.value("name", ""), p.value("in", ""));
            if (!params.count(key)) order.push_back(key);
            params[key] = p;
        }
    }
    std::string url = path;
    std::vector<std::string> cookies;
    std::vector<KeyValue> formData;
    bool formHasFile = false;
    for (const auto& key : order) {
        const json& p = params[key];
        const auto& [name, in] = key;
        const bool required = p.value("required", false);
        const std::string value = parameterValue(ctx, p, where);
        if (in == "path") {
            const std::string token = "{" + name + "}";
            const std::string replacement = "{{" + name + "}}";
            for (auto pos = url.find(token); pos != std::string::npos; pos = url.find(token, pos + replacement.size()))
                url.replace(pos, token.size(), replacement);
            bool known = false;
            for (const auto& v : vars) known = known || v.name == name;
            if (!known) vars.push_back(Variable{name, value, true, false});
        } else if (in == "query") {
            r.params.emplace_back(name, value, required, jsonText(p.value("description", json())));
        } else if (in == "header") {
            if (iequals(name, "Accept") || iequals(name, "Content-Type") || iequals(name, "Authorization")) continue;
            r.headers.emplace_back(name, value, required, jsonText(p.value("description", json())));
        } else if (in == "cookie") {
            cookies.push_back(name + "=" + value);
        } else if (in == "body") {  // Swagger 2.0
            r.body.kind = BodyKind::Json;
            const json example = exampleFor(ctx, p.value("schema", json::object()), where);
            r.body.text = example.is_null() ? "{}" : example.dump(2);
        } else if (in == "formData") {  // Swagger 2.0
            formHasFile = formHasFile || p.value("type", "") == "file";
            formData.emplace_back(name, p.value("type", "") == "file" ? "" : value, required);
        }
    }
    if (!cookies.empty()) {
        std::string c;
        for (const auto& kv : cookies) c += (c.empty() ? "" : "; ") + kv;
        r.headers.emplace_back("Cookie", c);
    }
    if (!formData.empty()) {
        if (formHasFile) {
            r.body.kind = BodyKind::Multipart;
            for (const auto& f : formData) r.body.parts.emplace_back(f.key, f.value, f.value.empty(), "", "", f.enabled);
        } else {
            r.body.kind = BodyKind::FormUrlEncoded;
            r.body.form = formData;
        }
    }
    if (op.contains("requestBody")) bodyFromContent(ctx, ctx.deref(op["requestBody"], where).value("content", json()), r, where);
    r.url = "{{baseUrl}}" + url;
    // The security of the operation, else of the document.
    r.auth = authFor(ctx, op.contains("security") ? op["security"] : ctx.root.value("security", json()), where, vars);
    // The documented success codes become the status assertion.
    std::vector<std::string> ok;
    if (op.contains("responses") && op["responses"].is_object())
        for (const auto& [code, resp] : op["responses"].items()) {
            (void)resp;
            if (code.size() == 3 && code[0] == '2' && std::isdigit(static_cast<unsigned char>(code[1]))) ok.push_back(code);
        }
    if (!ok.empty()) {
        Assertion a;
        a.source = CheckSource::Status;
        a.op = ok.size() == 1 ? CheckOp::Equals : CheckOp::OneOf;
        for (std::size_t i = 0; i < ok.size(); ++i) a.value += (i ? "," : "") + ok[i];
        r.assertions.push_back(a);
    }
    if (op.contains("tags") && op["tags"].is_array())
        for (const auto& t : op["tags"])
            if (t.is_string()) r.tags.push_back(t.get<std::string>());
    return r;
}

}  // namespace

Result<Imported> openApiFromJson(const nlohmann::ordered_json& root, const std::string& name) {
    if (!root.is_object() || (!root.contains("openapi") && !root.contains("swagger")))
        return makeError("This is not an OpenAPI document (it needs 'openapi' or 'swagger')", name, "", "parse");
    Imported out;
    out.format = ImportFormat::OpenApi;
    out.hasCollection = true;
    OpenApiContext ctx{root, out, false, {}};
    const std::string version = jsonText(root.contains("openapi") ? root["openapi"] : root["swagger"]);
    ctx.swagger2 = root.contains("swagger");
    if (ctx.swagger2 ? version.rfind("2", 0) != 0 : version.rfind("3", 0) != 0)
        return makeError("OpenAPI version '" + version + "' is not supported (2.0 and 3.x are)", name, "", "parse");
    const json info = root.value("info", json::object());
    out.collection.name = jsonText(info.value("title", json()));
    if (out.collection.name.empty()) out.collection.name = name;
    out.collection.description = jsonText(info.value("description", json()));
    std::vector<Variable> vars;
    vars.push_back(Variable{"baseUrl", baseUrlOf(ctx), true, false});
    std::map<std::string, std::size_t> folderOf;  // tag -> index in root.folders
    // Folders in the order of the document's tag list, then of first use.
    if (root.contains("tags") && root["tags"].is_array())
        for (const auto& t : root["tags"])
            if (t.is_object() && t.contains("name") && !folderOf.count(jsonText(t["name"]))) {
                Folder f;
                f.name = jsonText(t["name"]);
                f.description = jsonText(t.value("description", json()));
                folderOf[f.name] = out.collection.root.folders.size();
                out.collection.root.folders.push_back(std::move(f));
            }
    const json paths = root.value("paths", json::object());
    for (const auto& [path, itemRef] : paths.items()) {
        const json& item = ctx.deref(itemRef, path);
        if (!item.is_object()) continue;
        for (const char* m : kMethods) {
            if (!item.contains(m) || !item[m].is_object()) continue;
            RequestSpec r = convertOperation(ctx, path, m, item, item[m], vars);
            const std::string tag = r.tags.empty() ? "" : r.tags.front();
            if (tag.empty()) {
                out.collection.root.requests.push_back(std::move(r));
                continue;
            }
            if (!folderOf.count(tag)) {
                Folder f;
                f.name = tag;
                folderOf[tag] = out.collection.root.folders.size();
                out.collection.root.folders.push_back(std::move(f));
            }
            out.collection.root.folders[folderOf[tag]].requests.push_back(std::move(r));
        }
    }
    std::erase_if(out.collection.root.folders, [](const Folder& f) { return f.requests.empty(); });
    out.collection.variables = std::move(vars);
    if (out.collection.variables.front().value.empty())
        ctx.warn("servers", "the document names no server; set the baseUrl variable");
    return out;
}

Result<Imported> importOpenApi(std::string_view text, const std::string& name) {
    auto parsed = parseJsonOrYaml(text, name);
    if (!parsed) return parsed.error();
    return guardShapes(name, [&] { return openApiFromJson(*parsed, name); });
}

}  // namespace sonde
