// Insomnia exports: v4 (JSON or YAML, a flat resources[] list with parentId links) and v5 (YAML,
// "type: collection.insomnia.rest/5.x", nested). Nunjucks templates become Sonde's: {{ _.name }} ->
// {{name}}, {% uuid %} -> {{$uuid}}, {% now %} -> {{$isoTimestamp}}/{{$timestamp}}, and the chaining tag
// {% response 'body', 'req_…', 'b64::…' %} -> a capture on that request.
// Shapes and pitfalls: ../shared/reference/formats-and-conventions.md §1.3.
#include <functional>
#include <map>
#include <regex>

#include "core/formats/import_util.h"
#include "core/formats/importer.h"
#include "core/model/base64.h"

namespace sonde {

namespace {

using json = nlohmann::ordered_json;

struct InsomniaContext {
    Imported& out;
    std::map<std::string, RequestSpec*> byId;  // request id -> the imported request (for captures)
    struct Reference {
        std::string requestId, kind, selector;
    };
    std::map<std::string, Reference> references;  // variable name -> what it captures

    void warn(const std::string& where, std::string message) { out.warnings.push_back({where, std::move(message)}); }

    // Nunjucks -> Sonde templates; unknown tags are kept and named in a warning.
    std::string convert(const std::string& text, const std::string& where) {
        static const std::regex var(R"(\{\{\s*_\.([\w.\-\[\]'"]+)\s*\}\})");
        std::string s = std::regex_replace(text, var, "{{$1}}");
        static const std::regex tag(R"(\{%\s*(\w+)\s*([^%]*?)\s*%\})");
        std::string out;
        std::size_t last = 0;
        for (auto it = std::sregex_iterator(s.begin(), s.end(), tag); it != std::sregex_iterator(); ++it) {
            const std::smatch& m = *it;
            out += s.substr(last, m.position() - last);
            last = m.position() + m.length();
            const std::string name = m[1].str(), args = m[2].str();
            if (name == "uuid") {
                out += "{{$uuid}}";
            } else if (name == "now" || name == "timestamp") {
                const bool millis = args.find("millis") != std::string::npos;
                out += args.find("unix") != std::string::npos || millis || name == "timestamp" ? "{{$timestamp}}"
                                                                                                : "{{$isoTimestamp}}";
                if (millis) warn(where, "{% now 'millis' %} became {{$timestamp}}, which is in seconds");
            } else if (name == "response") {
                out += responseReference(args, m.str(), where);
            } else {
                warn(where, "template tag {% " + name + " %} has no Sonde equivalent; kept as text");
                out += m.str();
            }
        }
        return out + s.substr(last);
    }

    // {% response 'body', 'req_id', 'b64::JC50b2tlbg==::46b', 'never', 60 %} -> {{variable}} + a capture.
    std::string responseReference(const std::string& args, const std::string& original, const std::string& where) {
        static const std::regex quoted(R"re('((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")re");
        std::vector<std::string> a;
        for (auto it = std::sregex_iterator(args.begin(), args.end(), quoted); it != std::sregex_iterator(); ++it)
            a.push_back((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
        if (a.size() < 3 || (a[0] != "body" && a[0] != "header")) {
            warn(where, "response tag " + original + " is not supported; kept as text");
            return original;
        }
        std::string selector = a[2];
        if (selector.rfind("b64::", 0) == 0) {
            const auto end = selector.find("::", 5);
            auto decoded = base64Decode(selector.substr(5, end == std::string::npos ? std::string::npos : end - 5));
            selector = decoded ? *decoded : "";
        }
        if (selector.empty() || (a[0] == "body" && selector[0] != '$')) {
            warn(where, "response tag " + original + " uses a non-JSONPath selector; kept as text");
            return original;
        }
        std::string var = "response_";
        for (char c : selector) var += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        while (var.find("__") != std::string::npos) var.replace(var.find("__"), 2, "_");
        if (var.back() == '_') var.pop_back();
        references[var] = Reference{a[1], a[0], selector};
        return "{{" + var + "}}";
    }

    // After every request is read: the captures on the requests the references point to.
    void addCaptures() {
        for (const auto& [var, ref] : references) {
            auto it = byId.find(ref.requestId);
            if (it == byId.end()) {
                warn("", "a response tag points to request " + ref.requestId + ", which is not in the export; {{" + var +
                             "}} stays unset");
                continue;
            }
            Capture c;
            c.variable = var;
            c.source = ref.kind == "body" ? CheckSource::JsonPath : CheckSource::Header;
            c.selector = ref.selector;
            it->second->captures.push_back(c);
        }
    }
};

// Nested environment data flattened to dotted names ({"user": {"name": "x"}} -> user.name).
void flatten(const json& data, const std::string& prefix, std::vector<Variable>& out, InsomniaContext& ctx) {
    if (!data.is_object()) return;
    for (const auto& [k, v] : data.items()) {
        const std::string name = prefix.empty() ? k : prefix + "." + k;
        if (v.is_object()) {
            flatten(v, name, out, ctx);
            continue;
        }
        auto existing = std::find_if(out.begin(), out.end(), [&](const Variable& x) { return x.name == name; });
        const std::string value = ctx.convert(jsonText(v), "environment");
        if (existing != out.end()) existing->value = value;
        else out.push_back(Variable{name, value, true, false});
    }
}

Auth convertAuth(const json& a, InsomniaContext& ctx, const std::string& where) {
    Auth auth;
    if (!a.is_object() || a.value("disabled", false)) return auth;
    const std::string type = a.value("type", "");
    auto text = [&](const char* key) { return ctx.convert(jsonText(a.value(key, json())), where); };
    if (type == "basic" || type == "digest" || type == "ntlm") {
        auth.kind = type == "basic" ? AuthKind::Basic : type == "digest" ? AuthKind::Digest : AuthKind::Ntlm;
        auth.username = text("username");
        auth.password = text("password");
    } else if (type == "bearer") {
        auth.kind = AuthKind::Bearer;
        auth.token = text("token");
        const std::string prefix = text("prefix");
        if (!prefix.empty() && prefix != "Bearer") ctx.warn(where, "bearer prefix '" + prefix + "' became 'Bearer'");
    } else if (type == "apikey") {
        auth.kind = AuthKind::ApiKey;
        auth.keyName = text("key");
        auth.keyValue = text("value");
        auth.keyInQuery = a.value("addTo", "") == "queryParams";
    } else if (type == "iam") {
        auth.kind = AuthKind::AwsSigV4;
        auth.accessKey = text("accessKeyId");
        auth.secretKey = text("secretAccessKey");
        auth.sessionToken = text("sessionToken");
        auth.region = text("region");
        auth.service = text("service");
    } else if (!type.empty() && type != "none") {
        ctx.warn(where, "auth type '" + type + "' is not supported by Sonde; imported without auth");
    }
    return auth;
}

void convertBody(const json& b, RequestSpec& r, InsomniaContext& ctx, const std::string& where) {
    if (!b.is_object() || b.empty()) return;
    const std::string mime = jsonText(b.value("mimeType", json()));
    const std::string type = lower(mime);
    if (type == "application/x-www-form-urlencoded" || type == "multipart/form-data") {
        const bool multipart = type[0] == 'm';
        r.body.kind = multipart ? BodyKind::Multipart : BodyKind::FormUrlEncoded;
        for (const auto& p : b.value("params", json::array())) {
            if (!p.is_object()) continue;
            const std::string name = ctx.convert(jsonText(p.value("name", json())), where);
            const bool on = !p.value("disabled", false);
            if (!multipart) {
                r.body.form.emplace_back(name, ctx.convert(jsonText(p.value("value", json())), where), on);
            } else if (p.value("type", "") == "file") {
                r.body.parts.emplace_back(name, jsonText(p.value("fileName", json())), true, "", "", on);
            } else {
                r.body.parts.emplace_back(name, ctx.convert(jsonText(p.value("value", json())), where), false, "", "", on);
            }
        }
        return;
    }
    if (b.contains("fileName") && !jsonText(b["fileName"]).empty()) {
        r.body.kind = BodyKind::BinaryFile;
        r.body.text = jsonText(b["fileName"]);
        if (!mime.empty()) r.body.contentType = mime;
        return;
    }
    const std::string text = ctx.convert(jsonText(b.value("text", json())), where);
    if (type == "application/graphql") {
        r.body.kind = BodyKind::GraphQL;
        try {
            const auto g = nlohmann::json::parse(text);
            r.body.text = g.value("query", "");
            if (g.contains("variables") && !g["variables"].is_null()) r.body.graphqlVariables = g["variables"].dump(2);
            r.body.graphqlOperation = g.value("operationName", "");
        } catch (const std::exception&) {
            r.body.text = text;
        }
        return;
    }
    if (text.empty()) return;
    r.body.text = text;
    r.body.kind = type.find("json") != std::string::npos  ? BodyKind::Json
                  : type.find("xml") != std::string::npos ? BodyKind::Xml
                                                          : BodyKind::Text;
    if (r.body.kind == BodyKind::Text && !mime.empty()) r.body.contentType = mime;
}

RequestSpec convertRequest(const json& q, InsomniaContext& ctx, const std::string& path) {
    RequestSpec r;
    r.name = jsonText(q.value("name", json()));
    const std::string where = path.empty() ? r.name : path + "/" + r.name;
    r.method = q.value("method", "GET");
    r.description = jsonText(q.value("description", json()));
    r.url = ctx.convert(jsonText(q.value("url", json())), where);
    for (const auto& p : q.value("parameters", json::array()))
        if (p.is_object())
            r.params.emplace_back(ctx.convert(jsonText(p.value("name", json())), where),
                                  ctx.convert(jsonText(p.value("value", json())), where), !p.value("disabled", false));
    for (const auto& p : q.value("pathParameters", json::array()))
        if (p.is_object()) {
            const std::string token = ":" + jsonText(p.value("name", json()));
            const auto pos = r.url.find(token);
            if (pos != std::string::npos) r.url.replace(pos, token.size(), ctx.convert(jsonText(p.value("value", json())), where));
        }
    for (const auto& h : q.value("headers", json::array()))
        if (h.is_object())
            r.headers.emplace_back(ctx.convert(jsonText(h.value("name", json())), where),
                                   ctx.convert(jsonText(h.value("value", json())), where), !h.value("disabled", false));
    convertBody(q.value("body", json()), r, ctx, where);
    r.auth = convertAuth(q.value("authentication", json()), ctx, where);
    // v4: settingFollowRedirects "on"/"off"/"global"; v5: settings.followRedirects.
    const std::string follow = jsonText(q.value("settingFollowRedirects", json()));
    if (follow == "off") r.options.followRedirects = false;
    if (q.contains("settings") && q["settings"].is_object() && q["settings"].contains("followRedirects")) {
        const json& f = q["settings"]["followRedirects"];
        if (f.is_boolean()) r.options.followRedirects = f.get<bool>();
        if (f.is_string() && f == "off") r.options.followRedirects = false;
    }
    for (const char* script : {"preRequestScript", "afterResponseScript", "scripts"}) {
        const json& s = q.value(script, json());
        if ((s.is_string() && !trim(s.get<std::string>()).empty()) || (s.is_object() && !s.empty()))
            ctx.warn(where, "scripts are not imported (Sonde uses declarative assertions and captures)");
    }
    if (r.name.empty()) r.name = r.method + " " + r.url;
    return r;
}

using IdPaths = std::vector<std::pair<std::string, std::vector<std::size_t>>>;  // request id -> indices down the tree

// Once the tree is complete (vectors no longer grow), the requests' addresses for the captures.
void resolveCaptures(Collection& c, const IdPaths& idPaths, InsomniaContext& ctx) {
    for (const auto& [id, p] : idPaths) {
        Folder* f = &c.root;
        for (std::size_t k = 0; k + 1 < p.size(); ++k) f = &f->folders[p[k]];
        ctx.byId[id] = &f->requests[p.back()];
    }
    ctx.addCaptures();
}

// ---- v4: flat resources[] ----

Result<Imported> fromV4(const json& root, const std::string& name) {
    Imported out;
    out.format = ImportFormat::Insomnia;
    out.hasCollection = true;
    InsomniaContext ctx{out, {}, {}};
    const json& resources = root["resources"];
    std::multimap<std::string, const json*> children;  // parentId -> resource
    std::vector<const json*> workspaces;
    for (const auto& res : resources) {
        if (!res.is_object()) continue;
        const std::string type = res.value("_type", "");
        if (type == "workspace") workspaces.push_back(&res);
        children.emplace(jsonText(res.value("parentId", json())), &res);
    }
    auto sorted = [&](const std::string& parent) {
        std::vector<const json*> v;
        auto [b, e] = children.equal_range(parent);
        for (auto it = b; it != e; ++it) v.push_back(it->second);
        std::stable_sort(v.begin(), v.end(), [](const json* x, const json* y) {
            const double a = x->contains("metaSortKey") && (*x)["metaSortKey"].is_number() ? (*x)["metaSortKey"].get<double>() : 0;
            const double c = y->contains("metaSortKey") && (*y)["metaSortKey"].is_number() ? (*y)["metaSortKey"].get<double>() : 0;
            return a < c;
        });
        return v;
    };
    IdPaths idPaths;
    std::vector<std::size_t> at;
    std::function<void(const std::string&, Folder&, const std::string&, int)> walk =
        [&](const std::string& parent, Folder& folder, const std::string& path, int depth) {
            if (depth > 64) return ctx.warn(path, "folders nested deeper than 64 levels were left out");
            for (const json* res : sorted(parent)) {
                const std::string type = res->value("_type", "");
                if (type == "request_group") {
                    Folder f;
                    f.name = jsonText(res->value("name", json()));
                    f.description = jsonText(res->value("description", json()));
                    const std::string where = path.empty() ? f.name : path + "/" + f.name;
                    if (res->contains("environment") && (*res)["environment"].is_object() && !(*res)["environment"].empty())
                        ctx.warn(where, "folder environment variables are not supported; left out");
                    if (res->contains("authentication") && (*res)["authentication"].is_object() &&
                        !(*res)["authentication"].empty())
                        ctx.warn(where, "folder auth is not inherited by Sonde; set it on the requests");
                    at.push_back(folder.folders.size());
                    folder.folders.push_back(std::move(f));
                    walk(jsonText(res->value("_id", json())), folder.folders.back(), where, depth + 1);
                    at.pop_back();
                } else if (type == "request") {
                    folder.requests.push_back(convertRequest(*res, ctx, path));
                    std::vector<std::size_t> p = at;
                    p.push_back(folder.requests.size() - 1);
                    idPaths.emplace_back(jsonText(res->value("_id", json())), std::move(p));
                } else if (type != "environment" && type != "cookie_jar" && type != "api_spec" && type != "workspace") {
                    ctx.warn(path, std::string(type.empty() ? "an item without _type" : type) + " '" +
                                       jsonText(res->value("name", json())) + "' is not supported; left out");
                }
            }
        };
    if (workspaces.empty()) return makeError("The Insomnia export holds no workspace", name, "", "parse");
    if (workspaces.size() > 1) ctx.warn(name, "the export holds " + std::to_string(workspaces.size()) + " workspaces; each became a folder");
    for (const json* w : workspaces) {
        const std::string wid = jsonText(w->value("_id", json()));
        Folder* target = &out.collection.root;
        if (workspaces.size() > 1) {
            at = {out.collection.root.folders.size()};
            out.collection.root.folders.push_back(Folder{});
            target = &out.collection.root.folders.back();
            target->name = jsonText(w->value("name", json()));
        } else {
            out.collection.name = jsonText(w->value("name", json()));
            out.collection.description = jsonText(w->value("description", json()));
        }
        walk(wid, *target, workspaces.size() > 1 ? target->name : "", 0);
        // The base environment (child of the workspace) -> collection variables; its children -> environments.
        for (const json* env : sorted(wid)) {
            if (env->value("_type", "") != "environment") continue;
            flatten(env->value("data", json::object()), "", out.collection.variables, ctx);
            for (const json* sub : sorted(jsonText(env->value("_id", json())))) {
                if (sub->value("_type", "") != "environment") continue;
                Environment e;
                e.name = jsonText(sub->value("name", json()));
                flatten(sub->value("data", json::object()), "", e.variables, ctx);
                if (sub->value("isPrivate", false))
                    for (auto& v : e.variables) v.secret = true;
                out.collection.environments.push_back(std::move(e));
            }
        }
    }
    if (out.collection.name.empty()) out.collection.name = name;
    resolveCaptures(out.collection, idPaths, ctx);
    return out;
}

// ---- v5: nested collection[] ----

void walkV5(const json& items, Folder& folder, InsomniaContext& ctx, const std::string& path, int depth, IdPaths& idPaths,
            std::vector<std::size_t>& at) {
    if (!items.is_array() || depth > 64) return;
    for (const auto& item : items) {
        if (!item.is_object()) continue;
        if (item.contains("children")) {
            Folder f;
            f.name = jsonText(item.value("name", json()));
            f.description = jsonText(item.value("description", json()));
            const std::string where = path.empty() ? f.name : path + "/" + f.name;
            at.push_back(folder.folders.size());
            folder.folders.push_back(std::move(f));
            walkV5(item["children"], folder.folders.back(), ctx, where, depth + 1, idPaths, at);
            at.pop_back();
        } else if (item.contains("url") || item.contains("method")) {
            folder.requests.push_back(convertRequest(item, ctx, path));
            const json meta = item.value("meta", json::object());
            std::vector<std::size_t> p = at;
            p.push_back(folder.requests.size() - 1);
            idPaths.emplace_back(meta.is_object() ? jsonText(meta.value("id", json())) : "", std::move(p));
        } else {
            ctx.warn(path, "item '" + jsonText(item.value("name", json())) + "' is not a request or folder; left out");
        }
    }
}

Result<Imported> fromV5(const json& root, const std::string& name) {
    Imported out;
    out.format = ImportFormat::Insomnia;
    out.hasCollection = true;
    InsomniaContext ctx{out, {}, {}};
    out.collection.name = jsonText(root.value("name", json()));
    if (out.collection.name.empty()) out.collection.name = name;
    IdPaths idPaths;
    std::vector<std::size_t> at;
    walkV5(root.value("collection", json::array()), out.collection.root, ctx, "", 0, idPaths, at);
    const json envs = root.value("environments", json());
    if (envs.is_object()) {
        flatten(envs.value("data", json::object()), "", out.collection.variables, ctx);
        for (const auto& sub : envs.value("subEnvironments", json::array())) {
            if (!sub.is_object()) continue;
            Environment e;
            e.name = jsonText(sub.value("name", json()));
            flatten(sub.value("data", json::object()), "", e.variables, ctx);
            if (sub.value("isPrivate", false))
                for (auto& v : e.variables) v.secret = true;
            out.collection.environments.push_back(std::move(e));
        }
    }
    resolveCaptures(out.collection, idPaths, ctx);
    return out;
}

}  // namespace

Result<Imported> insomniaFromJson(const nlohmann::ordered_json& root, const std::string& name) {
    if (root.is_object() && root.contains("type") && jsonText(root["type"]).rfind("collection.insomnia.rest/5", 0) == 0)
        return fromV5(root, name);
    if (root.is_object() && root.contains("resources") && root["resources"].is_array()) return fromV4(root, name);
    return makeError("This is not an Insomnia export (v4 'resources' or v5 'collection.insomnia.rest/5')", name, "", "parse");
}

Result<Imported> importInsomnia(std::string_view text, const std::string& name) {
    auto parsed = parseJsonOrYaml(text, name);
    if (!parsed) return parsed.error();
    return guardShapes(name, [&] { return insomniaFromJson(*parsed, name); });
}

}  // namespace sonde
