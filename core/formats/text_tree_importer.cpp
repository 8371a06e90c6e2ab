#include "core/formats/text_tree_importer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/formats/text_tree_yaml.h"

namespace sonde {

namespace fs = std::filesystem;

namespace {
using Reader = TextTreeYamlReader;

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw TextTreeParseError{makeError("Cannot read the file", p.string(), "Check it exists and is readable", "io")};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<KeyValue> keyValues(const Reader& r, const YAML::Node& map, const char* key) {
    std::vector<KeyValue> out;
    YAML::Node list = map[key];
    if (!list) return out;
    r.expectList(list, key);
    for (const auto& n : list) {
        r.expectMap(n, key);
        r.allowKeys(n, {"key", "value", "enabled", "description"});
        out.push_back(KeyValue{r.string(n, "key"), r.string(n, "value"), r.boolean(n, "enabled", true),
                               r.string(n, "description")});
    }
    return out;
}

std::vector<std::string> strings(const Reader& r, const YAML::Node& map, const char* key) {
    std::vector<std::string> out;
    YAML::Node list = map[key];
    if (!list) return out;
    r.expectList(list, key);
    for (const auto& n : list) {
        if (!n.IsScalar()) r.fail(n, std::string("Entries of \"") + key + "\" must be text");
        out.push_back(n.Scalar());
    }
    return out;
}

std::vector<Variable> variables(const Reader& r, const YAML::Node& map) {
    std::vector<Variable> out;
    YAML::Node list = map["variables"];
    if (!list) return out;
    r.expectList(list, "variables");
    for (const auto& n : list) {
        r.expectMap(n, "a variable");
        r.allowKeys(n, {"name", "value", "enabled", "secret"});
        Variable v{r.string(n, "name"), r.string(n, "value"), r.boolean(n, "enabled", true), r.boolean(n, "secret", false)};
        if (v.name.empty()) r.fail(n, "A variable needs a name");
        out.push_back(std::move(v));
    }
    return out;
}

template <typename E>
E enumValue(const Reader& r, const YAML::Node& map, const char* key, E def, bool (*parse)(const std::string&, E&),
            const char* known) {
    YAML::Node n = map[key];
    if (!n) return def;
    E out = def;
    if (!n.IsScalar() || !parse(n.Scalar(), out))
        r.fail(n, std::string("Unknown ") + key + " \"" + (n.IsScalar() ? n.Scalar() : "") + "\"",
               std::string("Use one of: ") + known);
    return out;
}

bool httpVersionFromString(const std::string& s, HttpVersion& v) {
    if (s == "default") v = HttpVersion::Default;
    else if (s == "1.1") v = HttpVersion::Http1_1;
    else if (s == "2") v = HttpVersion::Http2;
    else return false;
    return true;
}

const char* const kSources = "status, header, body, jsonpath, duration, size, content-type, cert-expiry-days, "
                             "cert-subject, cert-issuer, regex, graphql-errors";
const char* const kOps = "equals, not-equals, lt, le, gt, ge, contains, not-contains, matches, exists, not-exists, "
                         "one-of, between, type, length";

RequestSpec request(const Reader& r, const YAML::Node& doc) {
    r.expectMap(doc, "A request file");
    r.allowKeys(doc, {"id", "name", "method", "url", "description", "tags", "params", "headers", "auth", "options",
                      "assertions", "captures", "body"});
    RequestSpec s;
    s.id = r.string(doc, "id");
    s.name = r.string(doc, "name");
    s.method = r.string(doc, "method", "GET");
    s.url = r.string(doc, "url");
    s.description = r.string(doc, "description");
    s.tags = strings(r, doc, "tags");
    s.params = keyValues(r, doc, "params");
    s.headers = keyValues(r, doc, "headers");
    if (YAML::Node a = doc["auth"]) {
        r.expectMap(a, "auth");
        r.allowKeys(a, {"kind", "username", "password", "token", "keyName", "keyValue", "keyInQuery", "accessKey",
                        "secretKey", "sessionToken", "region", "service"});
        Auth& x = s.auth;
        x.kind = enumValue(r, a, "kind", AuthKind::None, authKindFromString, "none, basic, bearer, apikey, digest, ntlm, awsv4");
        x.username = r.string(a, "username");
        x.password = r.string(a, "password");
        x.token = r.string(a, "token");
        x.keyName = r.string(a, "keyName");
        x.keyValue = r.string(a, "keyValue");
        x.keyInQuery = r.boolean(a, "keyInQuery", false);
        x.accessKey = r.string(a, "accessKey");
        x.secretKey = r.string(a, "secretKey");
        x.sessionToken = r.string(a, "sessionToken");
        x.region = r.string(a, "region");
        x.service = r.string(a, "service");
    }
    if (YAML::Node o = doc["options"]) {
        r.expectMap(o, "options");
        r.allowKeys(o, {"followRedirects", "maxRedirects", "connectTimeoutMs", "timeoutMs", "verifyTls", "caFile",
                        "clientCert", "clientKey", "proxy", "httpVersion", "acceptEncoding", "maxBodyInMemory",
                        "spillDir", "maxBodyBytes", "resolve", "connectTo", "unixSocket", "tlsMinVersion",
                        "tlsMaxVersion", "cipherList"});
        HttpOptions& x = s.options;
        const HttpOptions d;
        x.followRedirects = r.boolean(o, "followRedirects", d.followRedirects);
        x.maxRedirects = static_cast<int>(r.integer(o, "maxRedirects", d.maxRedirects));
        x.connectTimeoutMs = static_cast<long>(r.integer(o, "connectTimeoutMs", d.connectTimeoutMs));
        x.timeoutMs = static_cast<long>(r.integer(o, "timeoutMs", d.timeoutMs));
        x.verifyTls = r.boolean(o, "verifyTls", d.verifyTls);
        x.caFile = r.string(o, "caFile");
        x.clientCert = r.string(o, "clientCert");
        x.clientKey = r.string(o, "clientKey");
        x.proxy = r.string(o, "proxy");
        x.httpVersion = enumValue(r, o, "httpVersion", d.httpVersion, httpVersionFromString, "default, 1.1, 2");
        x.acceptEncoding = r.boolean(o, "acceptEncoding", d.acceptEncoding);
        x.maxBodyInMemory = static_cast<std::uint64_t>(r.integer(o, "maxBodyInMemory", static_cast<std::int64_t>(d.maxBodyInMemory)));
        x.spillDir = r.string(o, "spillDir");
        x.maxBodyBytes = static_cast<std::uint64_t>(r.integer(o, "maxBodyBytes", static_cast<std::int64_t>(d.maxBodyBytes)));
        x.resolve = strings(r, o, "resolve");
        x.connectTo = strings(r, o, "connectTo");
        x.unixSocket = r.string(o, "unixSocket");
        x.tlsMinVersion = r.string(o, "tlsMinVersion");
        x.tlsMaxVersion = r.string(o, "tlsMaxVersion");
        x.cipherList = r.string(o, "cipherList");
    }
    if (YAML::Node list = doc["assertions"]) {
        r.expectList(list, "assertions");
        for (const auto& n : list) {
            r.expectMap(n, "an assertion");
            r.allowKeys(n, {"source", "selector", "op", "value", "enabled"});
            Assertion a;
            a.source = enumValue(r, n, "source", CheckSource::Status, checkSourceFromString, kSources);
            a.selector = r.string(n, "selector");
            a.op = enumValue(r, n, "op", CheckOp::Equals, checkOpFromString, kOps);
            a.value = r.string(n, "value");
            a.enabled = r.boolean(n, "enabled", true);
            s.assertions.push_back(std::move(a));
        }
    }
    if (YAML::Node list = doc["captures"]) {
        r.expectList(list, "captures");
        for (const auto& n : list) {
            r.expectMap(n, "a capture");
            r.allowKeys(n, {"variable", "source", "selector", "group", "enabled"});
            Capture c;
            c.variable = r.string(n, "variable");
            if (c.variable.empty()) r.fail(n, "A capture needs a variable name");
            c.source = enumValue(r, n, "source", CheckSource::JsonPath, checkSourceFromString, kSources);
            c.selector = r.string(n, "selector");
            c.group = static_cast<int>(r.integer(n, "group", 1));
            c.enabled = r.boolean(n, "enabled", true);
            s.captures.push_back(std::move(c));
        }
    }
    if (YAML::Node b = doc["body"]) {
        r.expectMap(b, "body");
        r.allowKeys(b, {"kind", "contentType", "graphqlOperation", "graphqlUseGet", "form", "parts", "text",
                        "graphqlVariables"});
        Body& x = s.body;
        x.kind = enumValue(r, b, "kind", BodyKind::None, bodyKindFromString,
                           "none, json, xml, text, form, multipart, file, graphql");
        x.contentType = r.string(b, "contentType");
        x.graphqlOperation = r.string(b, "graphqlOperation");
        x.graphqlUseGet = r.boolean(b, "graphqlUseGet", false);
        x.form = keyValues(r, b, "form");
        if (YAML::Node parts = b["parts"]) {
            r.expectList(parts, "parts");
            for (const auto& n : parts) {
                r.expectMap(n, "a multipart part");
                r.allowKeys(n, {"name", "value", "isFile", "fileName", "contentType", "enabled"});
                x.parts.push_back(MultipartPart{r.string(n, "name"), r.string(n, "value"), r.boolean(n, "isFile", false),
                                                r.string(n, "fileName"), r.string(n, "contentType"),
                                                r.boolean(n, "enabled", true)});
            }
        }
        x.text = r.string(b, "text");
        x.graphqlVariables = r.string(b, "graphqlVariables");
    }
    return s;
}

Environment environment(const Reader& r, const YAML::Node& doc) {
    r.expectMap(doc, "An environment file");
    r.allowKeys(doc, {"id", "name", "variables"});
    Environment e{r.string(doc, "id"), r.string(doc, "name"), variables(r, doc)};
    if (e.name.empty()) r.fail(doc, "An environment needs a name");
    return e;
}

struct TreeReader {
    TextTreeImport& out;

    // The entries of a directory in order: those listed first, then the rest sorted by name.
    std::vector<std::string> entries(const Reader& r, const YAML::Node& meta, const fs::path& dir) {
        std::vector<std::string> listed = strings(r, meta, "order");
        std::vector<std::string> onDisk;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            std::string name = e.path().filename().string();
            if (e.is_regular_file() && e.path().extension() == ".yaml" && name != "collection.yaml" && name != "folder.yaml")
                onDisk.push_back(name);
            else if (e.is_directory() && fs::exists(e.path() / "folder.yaml"))
                onDisk.push_back(name + "/");
        }
        std::sort(onDisk.begin(), onDisk.end());
        std::vector<std::string> result;
        YAML::Node orderNode = meta["order"];
        for (size_t i = 0; i < listed.size(); ++i) {
            if (std::find(onDisk.begin(), onDisk.end(), listed[i]) != onDisk.end()) {
                if (std::find(result.begin(), result.end(), listed[i]) == result.end()) result.push_back(listed[i]);
            } else {
                out.warnings.push_back(r.where(orderNode[i].Mark()) + ": \"" + listed[i] +
                                       "\" is listed in order but does not exist; ignored");
            }
        }
        for (const auto& n : onDisk)
            if (std::find(result.begin(), result.end(), n) == result.end()) result.push_back(n);
        return result;
    }

    void folderContents(Folder& f, const Reader& r, const YAML::Node& meta, const fs::path& dir,
                        const std::string& path) {
        for (const auto& entry : entries(r, meta, dir)) {
            if (entry.back() == '/') {
                fs::path sub = dir / entry.substr(0, entry.size() - 1);
                Reader fr((sub / "folder.yaml").string());
                YAML::Node fm = fr.load(readText(sub / "folder.yaml"));
                if (fm.IsNull()) fm = YAML::Node(YAML::NodeType::Map);  // an empty folder.yaml
                fr.expectMap(fm, "folder.yaml");
                fr.allowKeys(fm, {"id", "name", "description", "order"});
                Folder child;
                child.id = fr.string(fm, "id");
                child.name = fr.string(fm, "name", entry.substr(0, entry.size() - 1));
                child.description = fr.string(fm, "description");
                folderContents(child, fr, fm, sub, path.empty() ? child.name : path + "/" + child.name);
                f.folders.push_back(std::move(child));
            } else {
                fs::path file = dir / entry;
                Reader rr(file.string());
                YAML::Node doc = rr.load(readText(file));
                RequestSpec spec = request(rr, doc);
                if (spec.name.empty()) spec.name = file.stem().string();
                int line = rr.lineOf(doc, "method");
                if (!line) line = rr.lineOf(doc, "url");
                if (!line) line = 1;
                out.sources.push_back(RequestSource{spec.id, spec.name, path, file.string(), line});
                f.requests.push_back(std::move(spec));
            }
        }
    }
};

// forEachRequest visits a folder's requests before its sub-folders; the reader visits entries in
// file order. Reorder the sources to match forEachRequest.
void orderSources(TextTreeImport& imp) {
    std::vector<RequestSource> ordered;
    std::vector<bool> used(imp.sources.size(), false);
    forEachRequest(imp.collection.root, [&](const RequestSpec& r, const std::string& path) {
        for (size_t i = 0; i < imp.sources.size(); ++i)
            if (!used[i] && imp.sources[i].folderPath == path && imp.sources[i].name == r.name &&
                imp.sources[i].requestId == r.id) {
                used[i] = true;
                ordered.push_back(imp.sources[i]);
                return;
            }
    });
    imp.sources = std::move(ordered);
}
}  // namespace

const RequestSource* TextTreeImport::sourceOf(const std::string& folderPath, const std::string& requestName) const {
    for (const auto& s : sources)
        if (s.folderPath == folderPath && s.name == requestName) return &s;
    return nullptr;
}

bool TextTreeImporter::isTextTree(const std::string& dir) {
    std::error_code ec;
    return fs::is_regular_file(fs::path(dir) / "collection.yaml", ec);
}

Result<RequestSpec> TextTreeImporter::parseRequest(const std::string& text, const std::string& file) {
    try {
        Reader r(file);
        return request(r, r.load(text));
    } catch (const TextTreeParseError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return makeError("Invalid YAML: " + e.msg, TextTreeYamlReader(file).where(e.mark), {}, "parse");
    }
}

Result<Environment> TextTreeImporter::parseEnvironment(const std::string& text, const std::string& file) {
    try {
        Reader r(file);
        return environment(r, r.load(text));
    } catch (const TextTreeParseError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return makeError("Invalid YAML: " + e.msg, TextTreeYamlReader(file).where(e.mark), {}, "parse");
    }
}

Result<TextTreeImport> TextTreeImporter::importDirectory(const std::string& dirName) {
    fs::path dir(dirName);
    if (dir.filename() == "collection.yaml") dir = dir.parent_path();
    if (!isTextTree(dir.string()))
        return makeError("No collection.yaml in this directory", dir.string(),
                         "Give the directory that `sonde-cli collection export` wrote", "not-found");
    TextTreeImport out;
    std::string current = (dir / "collection.yaml").string();
    try {
        Reader r(current);
        YAML::Node meta = r.load(readText(dir / "collection.yaml"));
        r.expectMap(meta, "collection.yaml");
        r.allowKeys(meta, {"format", "id", "name", "description", "variables", "order", "environments"});
        std::string format = r.string(meta, "format", "sonde-collection/1");
        if (format != "sonde-collection/1")
            r.fail(meta["format"], "Unknown format \"" + format + "\"", "This Sonde reads sonde-collection/1; upgrade Sonde");
        Collection& c = out.collection;
        c.id = r.string(meta, "id");
        c.name = r.string(meta, "name", dir.filename().string());
        c.description = r.string(meta, "description");
        c.variables = variables(r, meta);
        TreeReader tr{out};
        tr.folderContents(c.root, r, meta, dir, {});

        fs::path envDir = dir / "environments";
        std::vector<std::string> envFiles = strings(r, meta, "environments");
        std::vector<std::string> onDisk;
        std::error_code ec;
        if (fs::is_directory(envDir, ec))
            for (const auto& e : fs::directory_iterator(envDir, ec))
                if (e.is_regular_file() && e.path().extension() == ".yaml") onDisk.push_back(e.path().filename().string());
        std::sort(onDisk.begin(), onDisk.end());
        std::vector<std::string> files;
        for (const auto& f : envFiles)
            if (std::find(onDisk.begin(), onDisk.end(), f) != onDisk.end()) files.push_back(f);
            else out.warnings.push_back(current + ": environment file \"" + f + "\" is listed but does not exist");
        for (const auto& f : onDisk)
            if (std::find(files.begin(), files.end(), f) == files.end()) files.push_back(f);
        for (const auto& f : files) {
            Reader er((envDir / f).string());
            c.environments.push_back(environment(er, er.load(readText(envDir / f))));
        }
    } catch (const TextTreeParseError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return makeError("Invalid YAML: " + e.msg, current, {}, "parse");
    }
    orderSources(out);
    return out;
}

}  // namespace sonde
