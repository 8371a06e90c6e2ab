// Postman collections (v2.0 and v2.1, bare or wrapped in {"collection": …}) and environment files.
// Shapes and pitfalls: ../shared/reference/formats-and-conventions.md §1.1-1.2.
#include <regex>

#include "core/formats/import_util.h"
#include "core/formats/importer.h"

namespace sonde {

namespace {

using nlohmann::json;

struct PostmanContext {
    Imported& out;
    void warn(const std::string& where, std::string message) { out.warnings.push_back({where, std::move(message)}); }
};

std::string describe(const json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_object() && j.contains("content")) return jsonText(j["content"]);
    return {};
}

std::string place(const std::string& path, const std::string& name) { return path.empty() ? name : path + "/" + name; }

// Auth parameters: an array of {key, value} in v2.1, an object map in v2.0.
std::string authParam(const json& params, const std::string& key) {
    if (params.is_array()) {
        for (const auto& p : params)
            if (p.is_object() && p.value("key", "") == key) return jsonText(p.value("value", json()));
    } else if (params.is_object() && params.contains(key)) {
        return jsonText(params[key]);
    }
    return {};
}

// Returns nullopt when `auth` is absent/null (inherit from the parent).
std::optional<Auth> convertAuth(const json& auth, PostmanContext& ctx, const std::string& where) {
    if (!auth.is_object()) return std::nullopt;
    const std::string type = auth.value("type", "");
    const json params = auth.contains(type) ? auth[type] : json();
    Auth a;
    if (type == "noauth" || type.empty()) {
        a.kind = AuthKind::None;
    } else if (type == "basic" || type == "digest" || type == "ntlm") {
        a.kind = type == "basic" ? AuthKind::Basic : type == "digest" ? AuthKind::Digest : AuthKind::Ntlm;
        a.username = authParam(params, "username");
        a.password = authParam(params, "password");
    } else if (type == "bearer") {
        a.kind = AuthKind::Bearer;
        a.token = authParam(params, "token");
    } else if (type == "apikey") {
        a.kind = AuthKind::ApiKey;
        a.keyName = authParam(params, "key");
        a.keyValue = authParam(params, "value");
        a.keyInQuery = authParam(params, "in") == "query";
    } else if (type == "awsv4") {
        a.kind = AuthKind::AwsSigV4;
        a.accessKey = authParam(params, "accessKey");
        a.secretKey = authParam(params, "secretKey");
        a.sessionToken = authParam(params, "sessionToken");
        a.region = authParam(params, "region");
        a.service = authParam(params, "service");
    } else {
        ctx.warn(where, "auth type '" + type + "' is not supported by Sonde; imported without auth");
        a.kind = AuthKind::None;
    }
    return a;
}

// `statusChecks`: how many status checks of the test script became assertions.
void noteScripts(const json& node, PostmanContext& ctx, const std::string& where, std::size_t statusChecks = 0) {
    if (!node.contains("event") || !node["event"].is_array()) return;
    for (const auto& e : node["event"]) {
        if (!e.is_object() || e.value("disabled", false)) continue;
        const json& exec = e.contains("script") && e["script"].is_object() ? e["script"].value("exec", json()) : json();
        std::string code = exec.is_array() ? std::string() : jsonText(exec);
        if (exec.is_array())
            for (const auto& line : exec) code += jsonText(line) + "\n";
        if (trim(code).empty()) continue;
        const bool test = e.value("listen", "") == "test";
        std::string message = std::string(test ? "test" : "pre-request") +
                              " script not imported (Sonde uses declarative assertions and captures)";
        if (test && statusChecks > 0)
            message += "; its " + std::to_string(statusChecks) + " status check" + (statusChecks > 1 ? "s" : "") +
                       " became assertions";
        ctx.warn(where, std::move(message));
    }
}

// `pm.response.to.have.status(200)` and `pm.expect(pm.response.code).to.eql(200)` become assertions.
void statusAssertionsFromTests(const json& node, RequestSpec& r) {
    if (!node.contains("event") || !node["event"].is_array()) return;
    static const std::regex status(R"(pm\.response\.to\.have\.status\(\s*(\d{3})\s*\)|pm\.expect\(\s*pm\.response\.code\s*\)\.to\.(?:eql|equal|be\.equal)\(\s*(\d{3})\s*\))");
    for (const auto& e : node["event"]) {
        if (!e.is_object() || e.value("listen", "") != "test" || e.value("disabled", false)) continue;
        const json exec = e.contains("script") && e["script"].is_object() ? e["script"].value("exec", json()) : json();
        std::string code = exec.is_array() ? std::string() : jsonText(exec);
        if (exec.is_array())
            for (const auto& line : exec) code += jsonText(line) + "\n";
        for (auto it = std::sregex_iterator(code.begin(), code.end(), status); it != std::sregex_iterator(); ++it) {
            Assertion a;
            a.source = CheckSource::Status;
            a.op = CheckOp::Equals;
            a.value = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
            if (std::find(r.assertions.begin(), r.assertions.end(), a) == r.assertions.end()) r.assertions.push_back(a);
        }
    }
}

std::vector<Variable> convertVariables(const json& vars) {
    std::vector<Variable> out;
    if (!vars.is_array()) return out;
    for (const auto& v : vars) {
        if (!v.is_object()) continue;
        std::string key = v.contains("key") && !v["key"].is_null() ? jsonText(v["key"]) : jsonText(v.value("id", json()));
        if (key.empty()) continue;  // entries with a null key exist in the wild
        Variable var;
        var.name = key;
        var.value = jsonText(v.value("value", json()));
        var.enabled = !(v.contains("disabled") && v["disabled"].is_boolean() && v["disabled"].get<bool>()) &&
                      !(v.contains("enabled") && v["enabled"].is_boolean() && !v["enabled"].get<bool>());
        var.secret = v.value("type", "") == "secret";
        out.push_back(std::move(var));
    }
    return out;
}

// The URL without its query (which goes to params when the object lists it).
void convertUrl(const json& url, RequestSpec& r, PostmanContext& ctx, const std::string& where) {
    if (url.is_string()) {
        r.url = url.get<std::string>();
        return;
    }
    if (!url.is_object()) return;
    std::string raw = url.value("raw", "");
    if (raw.empty()) {  // rebuild it from its parts
        const json host = url.value("host", json());
        const json path = url.value("path", json());
        std::string h;
        if (host.is_array()) {
            for (std::size_t i = 0; i < host.size(); ++i) h += (i ? "." : "") + jsonText(host[i]);
        } else {
            h = jsonText(host);
        }
        raw = (url.contains("protocol") ? jsonText(url["protocol"]) + "://" : "") + h;
        if (url.contains("port")) raw += ":" + jsonText(url["port"]);
        if (path.is_array()) {
            for (const auto& seg : path) raw += "/" + (seg.is_object() ? jsonText(seg.value("value", json())) : jsonText(seg));
        } else if (path.is_string()) {
            raw += (path.get<std::string>().rfind('/', 0) == 0 ? "" : "/") + path.get<std::string>();
        }
    }
    const auto hash = raw.find('#');
    if (hash != std::string::npos) raw.resize(hash);
    if (url.contains("query") && url["query"].is_array()) {
        const auto q = raw.find('?');
        if (q != std::string::npos) raw.resize(q);
        for (const auto& p : url["query"]) {
            if (!p.is_object() || p.value("key", json()).is_null()) continue;
            r.params.emplace_back(jsonText(p.value("key", json())), jsonText(p.value("value", json())),
                                  !p.value("disabled", false), describe(p.value("description", json())));
        }
    }
    // Path variables (":id" segments) take the value the collection gives them.
    if (url.contains("variable") && url["variable"].is_array()) {
        for (const auto& v : url["variable"]) {
            if (!v.is_object()) continue;
            const std::string key = jsonText(v.value("key", json()));
            const std::string value = jsonText(v.value("value", json()));
            if (key.empty()) continue;
            const std::regex seg("/:" + std::regex_replace(key, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") + "(?=/|$)");
            raw = std::regex_replace(raw, seg, "/" + (value.empty() ? "{{" + key + "}}" : value));
            if (value.empty()) ctx.warn(where, "path variable :" + key + " has no value; it became {{" + key + "}}");
        }
    }
    r.url = raw;
}

void convertHeaders(const json& header, RequestSpec& r) {
    auto addLine = [&](const std::string& line) {
        const auto colon = line.find(':');
        if (colon != std::string::npos && !trim(line.substr(0, colon)).empty())
            r.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    };
    if (header.is_string()) {
        for (const auto& line : split(header.get<std::string>(), '\n')) addLine(line);
        return;
    }
    if (!header.is_array()) return;
    for (const auto& h : header) {
        if (h.is_string()) addLine(h.get<std::string>());
        else if (h.is_object() && !h.value("key", json()).is_null())
            r.headers.emplace_back(jsonText(h.value("key", json())), jsonText(h.value("value", json())),
                                   !h.value("disabled", false), describe(h.value("description", json())));
    }
}

void convertBody(const json& body, RequestSpec& r, PostmanContext& ctx, const std::string& where) {
    if (!body.is_object() || body.value("disabled", false)) return;
    const std::string mode = body.value("mode", "");
    Body& b = r.body;
    if (mode == "raw") {
        b.text = jsonText(body.value("raw", json()));
        std::string lang;
        if (body.contains("options") && body["options"].is_object() && body["options"].contains("raw"))
            lang = body["options"]["raw"].value("language", "");
        b.kind = lang == "json" ? BodyKind::Json : lang == "xml" ? BodyKind::Xml : BodyKind::Text;
        if (lang == "html") b.contentType = "text/html";
        if (lang == "javascript") b.contentType = "application/javascript";
        if (b.text.empty()) b.kind = BodyKind::None;
    } else if (mode == "urlencoded") {
        b.kind = BodyKind::FormUrlEncoded;
        for (const auto& f : body.value("urlencoded", json::array()))
            if (f.is_object())
                b.form.emplace_back(jsonText(f.value("key", json())), jsonText(f.value("value", json())),
                                    !f.value("disabled", false), describe(f.value("description", json())));
    } else if (mode == "formdata") {
        b.kind = BodyKind::Multipart;
        for (const auto& f : body.value("formdata", json::array())) {
            if (!f.is_object()) continue;
            MultipartPart p;
            p.name = jsonText(f.value("key", json()));
            p.enabled = !f.value("disabled", false);
            p.contentType = jsonText(f.value("contentType", json()));
            if (f.value("type", "text") == "file") {
                p.isFile = true;
                const json src = f.value("src", json());
                if (src.is_array()) {
                    if (src.size() > 1) ctx.warn(where, "form field '" + p.name + "' lists " + std::to_string(src.size()) + " files; only the first was kept");
                    p.value = src.empty() ? "" : jsonText(src[0]);
                } else {
                    p.value = jsonText(src);
                }
                if (p.value.empty()) ctx.warn(where, "form field '" + p.name + "' has no file chosen");
            } else {
                p.value = jsonText(f.value("value", json()));
            }
            b.parts.push_back(std::move(p));
        }
    } else if (mode == "file") {
        b.kind = BodyKind::BinaryFile;
        const json file = body.value("file", json());
        b.text = file.is_object() ? jsonText(file.value("src", json())) : "";
        if (b.text.empty() && file.is_object() && file.contains("content")) {
            b.kind = BodyKind::Text;
            b.text = jsonText(file["content"]);
        }
    } else if (mode == "graphql") {
        const json g = body.value("graphql", json());
        b.kind = BodyKind::GraphQL;
        b.text = g.is_object() ? jsonText(g.value("query", json())) : "";
        b.graphqlVariables = g.is_object() ? jsonText(g.value("variables", json())) : "";
    } else if (!mode.empty()) {
        ctx.warn(where, "body mode '" + mode + "' is not supported; imported without a body");
    }
}

void applyProfile(const json& node, RequestSpec& r) {
    const json p = node.value("protocolProfileBehavior", json());
    if (!p.is_object()) return;
    if (p.contains("followRedirects") && p["followRedirects"].is_boolean()) r.options.followRedirects = p["followRedirects"].get<bool>();
    if (p.contains("strictSSL") && p["strictSSL"].is_boolean()) r.options.verifyTls = p["strictSSL"].get<bool>();
    if (p.contains("maxRedirects")) {  // "not guaranteed to be a number"
        try {
            r.options.maxRedirects = std::stoi(jsonText(p["maxRedirects"]));
        } catch (...) {
        }
    }
}

RequestSpec convertRequest(const json& item, const std::optional<Auth>& inherited, PostmanContext& ctx,
                           const std::string& path) {
    RequestSpec r;
    r.name = jsonText(item.value("name", json()));
    const std::string where = place(path, r.name);
    const json req = item.value("request", json());
    r.auth = inherited.value_or(Auth{});
    if (req.is_string()) {
        r.url = req.get<std::string>();
    } else if (req.is_object()) {
        r.method = req.value("method", "GET");
        r.description = describe(req.value("description", json()));
        convertUrl(req.value("url", json()), r, ctx, where);
        convertHeaders(req.value("header", json()), r);
        convertBody(req.value("body", json()), r, ctx, where);
        if (auto own = convertAuth(req.value("auth", json()), ctx, where)) r.auth = *own;
    }
    if (r.description.empty()) r.description = describe(item.value("description", json()));
    applyProfile(item, r);
    statusAssertionsFromTests(item, r);
    noteScripts(item, ctx, where, r.assertions.size());
    if (item.contains("variable") && item["variable"].is_array() && !item["variable"].empty())
        ctx.warn(where, "request-level variables are not supported; they were left out");
    if (r.name.empty()) r.name = r.method + " " + r.url;
    return r;
}

void convertItems(const json& items, Folder& folder, const std::optional<Auth>& inherited, PostmanContext& ctx,
                  const std::string& path, int depth) {
    if (!items.is_array()) return;
    if (depth > 64) {
        ctx.warn(path, "folders nested deeper than 64 levels were left out");
        return;
    }
    for (const auto& item : items) {
        if (!item.is_object()) continue;
        if (item.contains("item")) {
            Folder sub;
            sub.name = jsonText(item.value("name", json()));
            sub.description = describe(item.value("description", json()));
            const std::string where = place(path, sub.name);
            auto own = convertAuth(item.value("auth", json()), ctx, where);
            noteScripts(item, ctx, where);
            if (item.contains("variable") && item["variable"].is_array() && !item["variable"].empty())
                ctx.warn(where, "folder variables are not supported; they were left out");
            convertItems(item["item"], sub, own ? own : inherited, ctx, where, depth + 1);
            folder.folders.push_back(std::move(sub));
        } else {
            folder.requests.push_back(convertRequest(item, inherited, ctx, path));
        }
    }
}

}  // namespace

Result<Imported> importPostmanCollection(std::string_view text, const std::string& name) {
    auto parsed = parseJsonText(text, name);
    if (!parsed) return parsed.error();
    return guardShapes(name, [&] { return postmanCollectionFromJson(std::move(*parsed), name); });
}

Result<Imported> postmanCollectionFromJson(nlohmann::json root, const std::string& name) {
    if (root.is_object() && root.contains("collection") && root["collection"].is_object()) root = root["collection"];
    if (!root.is_object() || !root.contains("info") || !root.contains("item"))
        return makeError("This is not a Postman collection (it needs 'info' and 'item')", name,
                         "Export the collection from Postman as Collection v2.1", "parse");
    const json& info = root["info"];
    const std::string schema = info.is_object() ? info.value("schema", "") : "";
    if (schema.find("/collection/v1") != std::string::npos)
        return makeError("Postman Collection v1 is not supported", name, "Export it again from Postman as Collection v2.1",
                         "parse");
    Imported out;
    out.format = ImportFormat::PostmanCollection;
    out.hasCollection = true;
    PostmanContext ctx{out};
    out.collection.name = info.is_object() ? jsonText(info.value("name", json())) : "";
    if (out.collection.name.empty()) out.collection.name = name;
    out.collection.description = info.is_object() ? describe(info.value("description", json())) : "";
    out.collection.variables = convertVariables(root.value("variable", json()));
    noteScripts(root, ctx, out.collection.name);
    const auto auth = convertAuth(root.value("auth", json()), ctx, out.collection.name);
    convertItems(root["item"], out.collection.root, auth, ctx, "", 0);
    return out;
}

Result<Imported> importPostmanEnvironment(std::string_view text, const std::string& name) {
    auto parsed = parseJsonText(text, name);
    if (!parsed) return parsed.error();
    return guardShapes(name, [&] { return postmanEnvironmentFromJson(*parsed, name); });
}

Result<Imported> postmanEnvironmentFromJson(const nlohmann::json& root, const std::string& name) {
    if (!root.is_object() || !root.contains("values") || !root["values"].is_array())
        return makeError("This is not a Postman environment (it needs 'values')", name,
                         "Export the environment from Postman", "parse");
    Imported out;
    out.format = ImportFormat::PostmanEnvironment;
    Environment env;
    env.name = jsonText(root.value("name", json()));
    if (env.name.empty()) env.name = name;
    env.variables = convertVariables(root["values"]);
    out.environments.push_back(std::move(env));
    return out;
}

}  // namespace sonde
