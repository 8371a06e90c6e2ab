// Bruno collections: a directory with bruno.json, one .bru file per request, folder.bru/collection.bru
// and environments/*.bru. Blocks, assertions (`assert`) and post-response variables (`vars:post-response`)
// become Sonde's assertions and captures; auth "inherit" takes the folder's or the collection's.
// Grammar and pitfalls: ../shared/reference/formats-and-conventions.md §1.4.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "core/formats/import_util.h"
#include "core/formats/importer.h"

namespace sonde {

namespace {

namespace fs = std::filesystem;

struct BruPair {
    std::string key, value;
    bool enabled = true;
    int line = 0;
};

struct BruBlock {
    std::string name;                 // "meta", "get", "headers", "body:json", "auth:bearer", …
    int line = 0;
    std::vector<BruPair> pairs;       // dictionary blocks
    std::string text;                 // text blocks (body, script, tests, docs), two-space indent removed
    std::vector<std::string> list;    // list blocks: vars:secret [ a, b ]
};

bool isTextBlock(const std::string& name) {
    return name.rfind("body:", 0) == 0 ? name != "body:form-urlencoded" && name != "body:multipart-form" && name != "body:file"
                                       : name.rfind("script:", 0) == 0 || name == "tests" || name == "docs";
}

std::string unquote(const std::string& s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < s.size(); ++i) {
            if (s[i] == '\\' && i + 2 < s.size()) ++i;
            out += s[i];
        }
        return out;
    }
    return s;
}

Result<std::vector<BruBlock>> parseBru(const std::string& text, const std::string& file) {
    std::vector<std::string> lines = split(text, '\n');
    for (auto& l : lines)
        if (!l.empty() && l.back() == '\r') l.pop_back();
    std::vector<BruBlock> blocks;
    static const std::regex opener(R"(^([A-Za-z][\w:\-]*)\s*(\{|\[)\s*(.*)$)");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (trim(l).empty()) continue;
        std::smatch m;
        if (!std::regex_match(l, m, opener))
            return makeError("Expected a block (name {), found '" + trim(l) + "'", file + ":" + std::to_string(i + 1),
                             "Check the file is a Bruno .bru file", "parse");
        BruBlock b;
        b.name = m[1].str();
        b.line = static_cast<int>(i + 1);
        if (m[2].str() == "[") {  // a list, on one line or several
            std::string body = m[3].str();
            while (body.find(']') == std::string::npos && i + 1 < lines.size()) body += "," + lines[++i];
            body = body.substr(0, body.find(']'));
            for (const auto& item : split(body, ','))
                if (!trim(item).empty()) b.list.push_back(trim(item));
            blocks.push_back(std::move(b));
            continue;
        }
        const bool text = isTextBlock(b.name);
        std::size_t j = i + 1;
        for (; j < lines.size() && lines[j] != "}"; ++j) {
            const std::string& line = lines[j];
            if (text) {
                b.text += (b.text.empty() && j == i + 1 ? "" : "\n") + (line.rfind("  ", 0) == 0 ? line.substr(2) : line);
                continue;
            }
            std::string t = trim(line);
            if (t.empty()) continue;
            BruPair p;
            p.line = static_cast<int>(j + 1);
            if (t[0] == '~') p.enabled = false, t = trim(std::string_view(t).substr(1));
            // key: value, the key possibly quoted.
            std::size_t colon;
            if (t[0] == '"') {
                auto close = t.find('"', 1);
                while (close != std::string::npos && t[close - 1] == '\\') close = t.find('"', close + 1);
                colon = close == std::string::npos ? std::string::npos : t.find(':', close);
            } else {
                colon = t.find(':');
            }
            if (colon == std::string::npos)
                return makeError("Expected key: value, found '" + t + "'", file + ":" + std::to_string(j + 1), "", "parse");
            p.key = unquote(trim(t.substr(0, colon)));
            p.value = trim(t.substr(colon + 1));
            if (!p.value.empty() && p.value[0] == '[')  // a list value over several lines (meta tags)
                while (p.value.find(']') == std::string::npos && j + 1 < lines.size()) p.value += "," + trim(lines[++j]);
            if (p.value == "'''") {  // a multi-line value
                std::string v;
                for (++j; j < lines.size() && trim(lines[j]) != "'''"; ++j) v += (v.empty() ? "" : "\n") + trim(lines[j]);
                p.value = v;
            }
            b.pairs.push_back(std::move(p));
        }
        if (j >= lines.size())
            return makeError("Block '" + b.name + "' is not closed with '}' at the start of a line",
                             file + ":" + std::to_string(b.line), "", "parse");
        i = j;
        blocks.push_back(std::move(b));
    }
    return blocks;
}

const BruBlock* findBlock(const std::vector<BruBlock>& blocks, const std::string& name) {
    for (const auto& b : blocks)
        if (b.name == name) return &b;
    return nullptr;
}

std::string pairValue(const BruBlock* b, const std::string& key, const std::string& fallback = {}) {
    if (b)
        for (const auto& p : b->pairs)
            if (p.key == key) return p.value;
    return fallback;
}

std::string convertVars(std::string s) {
    static const std::regex env(R"(\{\{\s*process\.env\.([\w.-]+)\s*\}\})");
    return std::regex_replace(s, env, "{{$$env.$1}}");
}

// The auth of a request, folder or collection; nullopt for "inherit" (or no auth block at all).
std::optional<Auth> authOf(const std::vector<BruBlock>& blocks, const std::string& mode, Imported& out,
                           const std::string& where) {
    if (mode.empty() || mode == "inherit") return std::nullopt;
    Auth a;
    const BruBlock* b = findBlock(blocks, "auth:" + mode);
    auto v = [&](const char* k) { return convertVars(pairValue(b, k)); };
    if (mode == "none") return a;
    if (mode == "basic" || mode == "digest" || mode == "ntlm") {
        a.kind = mode == "basic" ? AuthKind::Basic : mode == "digest" ? AuthKind::Digest : AuthKind::Ntlm;
        a.username = v("username");
        a.password = v("password");
    } else if (mode == "bearer") {
        a.kind = AuthKind::Bearer;
        a.token = v("token");
    } else if (mode == "apikey") {
        a.kind = AuthKind::ApiKey;
        a.keyName = v("key");
        a.keyValue = v("value");
        a.keyInQuery = lower(v("placement")) == "queryparams";
    } else if (mode == "awsv4") {
        a.kind = AuthKind::AwsSigV4;
        a.accessKey = v("accessKeyId");
        a.secretKey = v("secretAccessKey");
        a.sessionToken = v("sessionToken");
        a.region = v("region");
        a.service = v("service");
    } else {
        out.warnings.push_back({where, "auth mode '" + mode + "' is not supported by Sonde; imported without auth"});
    }
    return a;
}

// "res.body.user.id" / "res('user.id')" / "res.headers.x" -> (source, selector).
std::optional<std::pair<CheckSource, std::string>> resExpression(const std::string& expr) {
    std::smatch m;
    static const std::regex body(R"(^res\.body((?:\.[A-Za-z_$][\w$]*|\[\d+\])*)$)");
    static const std::regex call(R"(^res\(\s*["']([^"']+)["']\s*\)$)");
    static const std::regex header(R"(^res\.headers\.([\w-]+)$|^res\.headers\[["']([^"']+)["']\]$)");
    if (expr == "res.status") return std::make_pair(CheckSource::Status, std::string());
    if (expr == "res.responseTime") return std::make_pair(CheckSource::Duration, std::string());
    if (std::regex_match(expr, m, body)) return std::make_pair(CheckSource::JsonPath, "$" + m[1].str());
    if (std::regex_match(expr, m, call)) return std::make_pair(CheckSource::JsonPath, "$." + m[1].str());
    if (std::regex_match(expr, m, header)) return std::make_pair(CheckSource::Header, m[1].matched ? m[1].str() : m[2].str());
    return std::nullopt;
}

void convertAsserts(const BruBlock* b, RequestSpec& r, Imported& out, const std::string& where) {
    if (!b) return;
    static const std::map<std::string, CheckOp> ops = {
        {"eq", CheckOp::Equals},    {"neq", CheckOp::NotEquals},     {"gt", CheckOp::Greater},
        {"gte", CheckOp::GreaterEq}, {"lt", CheckOp::Less},          {"lte", CheckOp::LessEq},
        {"contains", CheckOp::Contains}, {"notContains", CheckOp::NotContains}, {"matches", CheckOp::Matches},
        {"isDefined", CheckOp::Exists},  {"isUndefined", CheckOp::NotExists},   {"length", CheckOp::LengthEq},
        {"in", CheckOp::OneOf}};
    for (const auto& p : b->pairs) {
        auto src = resExpression(p.key);
        const auto space = p.value.find(' ');
        const std::string op = p.value.substr(0, space);
        std::string value = space == std::string::npos ? "" : trim(p.value.substr(space + 1));
        auto it = ops.find(op);
        if (!src || it == ops.end()) {
            out.warnings.push_back({where, "assertion '" + p.key + ": " + p.value + "' has no Sonde equivalent; left out"});
            continue;
        }
        Assertion a;
        a.source = src->first;
        a.selector = src->second;
        a.op = it->second;
        a.enabled = p.enabled;
        if (it->second == CheckOp::OneOf && value.size() >= 2 && value.front() == '[') value = value.substr(1, value.size() - 2);
        if (a.source == CheckSource::JsonPath && (a.op == CheckOp::Equals || a.op == CheckOp::NotEquals)) {
            // A JSON literal: numbers, true/false/null and "strings" as they are; a bare word becomes a string.
            if (!nlohmann::json::accept(value)) value = nlohmann::json(value).dump();
        } else if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = unquote(value);
        }
        a.value = convertVars(value);
        r.assertions.push_back(a);
    }
}

Result<RequestSpec> convertRequest(const std::vector<BruBlock>& blocks, const std::optional<Auth>& inherited, Imported& out,
                                   const std::string& where, const std::string& dir, int& seq) {
    RequestSpec r;
    const BruBlock* meta = findBlock(blocks, "meta");
    r.name = pairValue(meta, "name");
    try {
        seq = std::stoi(pairValue(meta, "seq", "0"));
    } catch (...) {
        seq = 0;
    }
    if (std::string tags = pairValue(meta, "tags"); !tags.empty() && tags[0] == '[') {
        tags = tags.substr(1, tags.find(']') == std::string::npos ? std::string::npos : tags.find(']') - 1);
        for (const auto& t : split(tags, ','))
            if (!trim(t).empty()) r.tags.push_back(trim(t));
    }
    const BruBlock* method = nullptr;
    for (const char* m : {"get", "post", "put", "delete", "patch", "options", "head", "connect", "trace", "http"})
        if ((method = findBlock(blocks, m))) break;
    if (!method) return makeError("The request has no method block (get { … }, post { … }, …)", where, "", "parse");
    r.method = method->name == "http" ? pairValue(method, "method", "GET") : method->name;
    for (auto& c : r.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    r.url = convertVars(pairValue(method, "url"));
    if (const BruBlock* q = findBlock(blocks, "params:query"); q) {
        const auto qm = r.url.find('?');
        if (qm != std::string::npos) r.url.resize(qm);  // the block lists the query (disabled ones too)
        for (const auto& p : q->pairs) r.params.emplace_back(p.key, convertVars(p.value), p.enabled);
    }
    if (const BruBlock* path = findBlock(blocks, "params:path"))
        for (const auto& p : path->pairs) {
            const std::string token = ":" + p.key;
            for (auto pos = r.url.find(token); pos != std::string::npos; pos = r.url.find(token, pos + 1)) {
                const auto end = pos + token.size();
                if (end < r.url.size() && (std::isalnum(static_cast<unsigned char>(r.url[end])) || r.url[end] == '_')) continue;
                r.url.replace(pos, token.size(), convertVars(p.value));
            }
        }
    if (const BruBlock* h = findBlock(blocks, "headers"))
        for (const auto& p : h->pairs) r.headers.emplace_back(p.key, convertVars(p.value), p.enabled);
    const std::string bodyMode = pairValue(method, "body", "none");
    const bool graphql = pairValue(meta, "type") == "graphql";
    if (graphql || bodyMode == "graphql") {
        r.body.kind = BodyKind::GraphQL;
        if (const BruBlock* g = findBlock(blocks, "body:graphql")) r.body.text = convertVars(g->text);
        if (const BruBlock* v = findBlock(blocks, "body:graphql:vars")) r.body.graphqlVariables = convertVars(v->text);
    } else if (bodyMode == "json" || bodyMode == "xml" || bodyMode == "text" || bodyMode == "sparql") {
        const BruBlock* b = findBlock(blocks, "body:" + bodyMode);
        r.body.kind = bodyMode == "json" ? BodyKind::Json : bodyMode == "xml" ? BodyKind::Xml : BodyKind::Text;
        if (bodyMode == "sparql") r.body.contentType = "application/sparql-query";
        r.body.text = b ? convertVars(b->text) : "";
    } else if (bodyMode == "formUrlEncoded") {
        r.body.kind = BodyKind::FormUrlEncoded;
        if (const BruBlock* f = findBlock(blocks, "body:form-urlencoded"))
            for (const auto& p : f->pairs) r.body.form.emplace_back(p.key, convertVars(p.value), p.enabled);
    } else if (bodyMode == "multipartForm") {
        r.body.kind = BodyKind::Multipart;
        static const std::regex file(R"(^@file\(([^)]*)\)(?:\s*@contentType\(([^)]*)\))?$)");
        if (const BruBlock* f = findBlock(blocks, "body:multipart-form"))
            for (const auto& p : f->pairs) {
                std::smatch m;
                MultipartPart part(p.key, convertVars(p.value));
                part.enabled = p.enabled;
                if (std::regex_match(p.value, m, file)) {
                    part.isFile = true;
                    part.value = m[1].str();
                    if (fs::path(part.value).is_relative()) part.value = (fs::path(dir) / part.value).lexically_normal().string();
                    part.contentType = m[2].str();
                }
                r.body.parts.push_back(std::move(part));
            }
    } else if (bodyMode == "file") {
        static const std::regex file(R"(@file\(([^)]*)\))");
        std::smatch m;
        const BruBlock* f = findBlock(blocks, "body:file");
        for (const auto& p : f ? f->pairs : std::vector<BruPair>{})
            if (p.enabled && std::regex_search(p.value, m, file)) {
                r.body.kind = BodyKind::BinaryFile;
                r.body.text = fs::path(m[1].str()).is_relative() ? (fs::path(dir) / m[1].str()).lexically_normal().string()
                                                                  : m[1].str();
                break;
            }
    } else if (bodyMode != "none") {
        out.warnings.push_back({where, "body mode '" + bodyMode + "' is not supported; imported without a body"});
    }
    auto own = authOf(blocks, pairValue(method, "auth", "inherit"), out, where);
    r.auth = own ? *own : inherited.value_or(Auth{});
    convertAsserts(findBlock(blocks, "assert"), r, out, where);
    if (const BruBlock* vars = findBlock(blocks, "vars:post-response"))
        for (const auto& p : vars->pairs) {
            auto src = resExpression(p.value);
            if (!src || src->first == CheckSource::Duration) {
                out.warnings.push_back({where, "post-response variable '" + p.key + ": " + p.value + "' has no Sonde equivalent"});
                continue;
            }
            Capture c;
            c.variable = p.key;
            c.source = src->first;
            c.selector = src->second;
            c.enabled = p.enabled;
            r.captures.push_back(c);
        }
    for (const char* s : {"script:pre-request", "script:post-response", "tests"})
        if (const BruBlock* b = findBlock(blocks, s); b && !trim(b->text).empty())
            out.warnings.push_back({where, std::string(s) + " not imported (Sonde has no scripts; assert and vars:post-response were)"});
    if (const BruBlock* vars = findBlock(blocks, "vars:pre-request"); vars && !vars->pairs.empty())
        out.warnings.push_back({where, "vars:pre-request are not supported per request; left out"});
    if (const BruBlock* docs = findBlock(blocks, "docs")) r.description = docs->text;
    if (r.name.empty()) r.name = r.method + " " + r.url;
    return r;
}

Result<std::vector<BruBlock>> readBru(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return makeError("The file cannot be read", p.string(), "Check its permissions", "file");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    return parseBru(text, p.string());
}

Status walk(const fs::path& dir, Folder& folder, const std::optional<Auth>& inherited, Imported& out, const std::string& path,
            int depth) {
    if (depth > 32) return {};
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(dir)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    std::vector<std::pair<int, RequestSpec>> requests;
    std::vector<std::pair<int, Folder>> folders;
    for (const auto& p : entries) {
        const std::string fname = p.filename().string();
        if (fs::is_directory(p)) {
            if (fname == "environments" && depth == 0) continue;
            if (fname.empty() || fname[0] == '.' || fname == "node_modules") continue;
            Folder f;
            f.name = fname;
            int seq = 0;
            std::optional<Auth> auth = inherited;
            if (fs::exists(p / "folder.bru")) {
                auto blocks = readBru(p / "folder.bru");
                if (!blocks) return blocks.error();
                const BruBlock* meta = findBlock(*blocks, "meta");
                f.name = pairValue(meta, "name", fname);
                try {
                    seq = std::stoi(pairValue(meta, "seq", "0"));
                } catch (...) {
                }
                const BruBlock* a = findBlock(*blocks, "auth");
                if (auto own = authOf(*blocks, pairValue(a, "mode"), out, path.empty() ? f.name : path + "/" + f.name)) auth = own;
                if (const BruBlock* d = findBlock(*blocks, "docs")) f.description = d->text;
            }
            if (auto s = walk(p, f, auth, out, path.empty() ? f.name : path + "/" + f.name, depth + 1); !s) return s;
            folders.emplace_back(seq, std::move(f));
        } else if (p.extension() == ".bru" && fname != "folder.bru" && fname != "collection.bru") {
            auto blocks = readBru(p);
            if (!blocks) return blocks.error();
            int seq = 0;
            auto r = convertRequest(*blocks, inherited, out, p.string(), p.parent_path().string(), seq);
            if (!r) return r.error();
            requests.emplace_back(seq, std::move(*r));
        }
    }
    std::stable_sort(requests.begin(), requests.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::stable_sort(folders.begin(), folders.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [s, r] : requests) folder.requests.push_back(std::move(r));
    for (auto& [s, f] : folders) folder.folders.push_back(std::move(f));
    return {};
}

}  // namespace

bool isBrunoCollection(const std::string& dir) {
    std::error_code ec;
    return fs::is_regular_file(fs::path(dir) / "bruno.json", ec);
}

Result<Imported> importBrunoDirectory(const std::string& dir) {
    return guardShapes(dir, [&]() -> Result<Imported> {
        Imported out;
        out.format = ImportFormat::Bruno;
        out.hasCollection = true;
        const fs::path root(dir);
        std::ifstream in(root / "bruno.json", std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        auto manifest = parseJsonText(text, (root / "bruno.json").string());
        if (!manifest) return manifest.error();
        out.collection.name = manifest->is_object() ? jsonText(manifest->value("name", nlohmann::json())) : "";
        if (out.collection.name.empty()) out.collection.name = root.filename().string();
        std::optional<Auth> auth;
        if (fs::exists(root / "collection.bru")) {
            auto blocks = readBru(root / "collection.bru");
            if (!blocks) return blocks.error();
            auth = authOf(*blocks, pairValue(findBlock(*blocks, "auth"), "mode"), out, out.collection.name);
            if (const BruBlock* h = findBlock(*blocks, "headers"); h && !h->pairs.empty())
                out.warnings.push_back({out.collection.name, "collection-level headers are not supported; add them to the requests"});
            if (const BruBlock* v = findBlock(*blocks, "vars:pre-request"))
                for (const auto& p : v->pairs) out.collection.variables.push_back(Variable{p.key, convertVars(p.value), p.enabled, false});
            if (const BruBlock* d = findBlock(*blocks, "docs")) out.collection.description = d->text;
        }
        if (auto s = walk(root, out.collection.root, auth, out, "", 0); !s) return s.error();
        // environments/NAME.bru: vars { … } and vars:secret [ … ] (secret values live outside the file).
        std::error_code ec;
        if (fs::is_directory(root / "environments", ec)) {
            std::vector<fs::path> files;
            for (const auto& e : fs::directory_iterator(root / "environments"))
                if (e.path().extension() == ".bru") files.push_back(e.path());
            std::sort(files.begin(), files.end());
            for (const auto& f : files) {
                auto blocks = readBru(f);
                if (!blocks) return blocks.error();
                Environment env;
                env.name = f.stem().string();
                if (const BruBlock* v = findBlock(*blocks, "vars"))
                    for (const auto& p : v->pairs) env.variables.push_back(Variable{p.key, convertVars(p.value), p.enabled, false});
                if (const BruBlock* s = findBlock(*blocks, "vars:secret"))
                    for (const auto& name : s->list) {
                        const bool on = name.empty() || name[0] != '~';
                        env.variables.push_back(Variable{on ? name : name.substr(1), "", on, true});
                    }
                if (findBlock(*blocks, "vars:secret"))
                    out.warnings.push_back({f.string(), "secret values are kept outside Bruno's files; fill them in"});
                out.collection.environments.push_back(std::move(env));
            }
        }
        return out;
    });
}

}  // namespace sonde
