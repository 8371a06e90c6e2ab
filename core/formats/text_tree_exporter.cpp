#include "core/formats/text_tree_exporter.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/formats/text_tree_yaml.h"

namespace sonde {

namespace fs = std::filesystem;

namespace {
const char* toString(HttpVersion v) {
    switch (v) {
        case HttpVersion::Http1_1: return "1.1";
        case HttpVersion::Http2: return "2";
        default: return "default";
    }
}

void keyValues(TextTreeYamlWriter& w, const char* key, const std::vector<KeyValue>& list) {
    if (list.empty()) return;
    w.beginList(key);
    for (const auto& kv : list) {
        w.item();
        w.scalar("key", kv.key);
        w.scalar("value", kv.value);
        if (!kv.enabled) w.boolean("enabled", false);
        if (!kv.description.empty()) w.scalar("description", kv.description);
    }
    w.endList();
}

void variables(TextTreeYamlWriter& w, const std::vector<Variable>& vars) {
    if (vars.empty()) return;
    w.beginList("variables");
    for (const auto& v : vars) {
        w.item();
        w.scalar("name", v.name);
        w.scalar("value", v.secret ? std::string() : v.value);  // secret values are never written
        if (!v.enabled) w.boolean("enabled", false);
        if (v.secret) w.boolean("secret", true);
    }
    w.endList();
}

void body(TextTreeYamlWriter& w, const Body& b) {
    if (b == Body{}) return;
    w.beginMap("body");
    w.scalar("kind", toString(b.kind));
    if (!b.contentType.empty()) w.scalar("contentType", b.contentType);
    if (!b.graphqlOperation.empty()) w.scalar("graphqlOperation", b.graphqlOperation);
    if (b.graphqlUseGet) w.boolean("graphqlUseGet", true);
    keyValues(w, "form", b.form);
    if (!b.parts.empty()) {
        w.beginList("parts");
        for (const auto& p : b.parts) {
            w.item();
            w.scalar("name", p.name);
            w.scalar("value", p.value);
            if (p.isFile) w.boolean("isFile", true);
            if (!p.fileName.empty()) w.scalar("fileName", p.fileName);
            if (!p.contentType.empty()) w.scalar("contentType", p.contentType);
            if (!p.enabled) w.boolean("enabled", false);
        }
        w.endList();
    }
    // Long texts last, so the short fields above stay together.
    if (!b.text.empty()) w.scalar("text", b.text);
    if (!b.graphqlVariables.empty()) w.scalar("graphqlVariables", b.graphqlVariables);
    w.endMap();
}

void auth(TextTreeYamlWriter& w, const Auth& a) {
    if (a == Auth{}) return;
    w.beginMap("auth");
    w.scalar("kind", toString(a.kind));
    auto s = [&](const char* k, const std::string& v) {
        if (!v.empty()) w.scalar(k, v);
    };
    s("username", a.username);
    s("password", a.password);
    s("token", a.token);
    s("keyName", a.keyName);
    s("keyValue", a.keyValue);
    if (a.keyInQuery) w.boolean("keyInQuery", true);
    s("accessKey", a.accessKey);
    s("secretKey", a.secretKey);
    s("sessionToken", a.sessionToken);
    s("region", a.region);
    s("service", a.service);
    w.endMap();
}

void options(TextTreeYamlWriter& w, const HttpOptions& o) {
    const HttpOptions d;
    if (o == d) return;
    w.beginMap("options");
    if (o.followRedirects != d.followRedirects) w.boolean("followRedirects", o.followRedirects);
    if (o.maxRedirects != d.maxRedirects) w.integer("maxRedirects", o.maxRedirects);
    if (o.connectTimeoutMs != d.connectTimeoutMs) w.integer("connectTimeoutMs", o.connectTimeoutMs);
    if (o.timeoutMs != d.timeoutMs) w.integer("timeoutMs", o.timeoutMs);
    if (o.verifyTls != d.verifyTls) w.boolean("verifyTls", o.verifyTls);
    if (!o.caFile.empty()) w.scalar("caFile", o.caFile);
    if (!o.clientCert.empty()) w.scalar("clientCert", o.clientCert);
    if (!o.clientKey.empty()) w.scalar("clientKey", o.clientKey);
    if (!o.proxy.empty()) w.scalar("proxy", o.proxy);
    if (o.httpVersion != d.httpVersion) w.scalar("httpVersion", toString(o.httpVersion));
    if (o.acceptEncoding != d.acceptEncoding) w.boolean("acceptEncoding", o.acceptEncoding);
    if (o.maxBodyInMemory != d.maxBodyInMemory) w.integer("maxBodyInMemory", static_cast<std::int64_t>(o.maxBodyInMemory));
    if (!o.spillDir.empty()) w.scalar("spillDir", o.spillDir);
    if (o.maxBodyBytes != d.maxBodyBytes) w.integer("maxBodyBytes", static_cast<std::int64_t>(o.maxBodyBytes));
    auto list = [&](const char* k, const std::vector<std::string>& v) {
        if (v.empty()) return;
        w.beginList(k);
        for (const auto& e : v) w.listScalar(e);
        w.endList();
    };
    list("resolve", o.resolve);
    list("connectTo", o.connectTo);
    if (!o.unixSocket.empty()) w.scalar("unixSocket", o.unixSocket);
    if (!o.tlsMinVersion.empty()) w.scalar("tlsMinVersion", o.tlsMinVersion);
    if (!o.tlsMaxVersion.empty()) w.scalar("tlsMaxVersion", o.tlsMaxVersion);
    if (!o.cipherList.empty()) w.scalar("cipherList", o.cipherList);
    w.endMap();
}

void order(TextTreeYamlWriter& w, const std::vector<std::string>& entries) {
    if (entries.empty()) return;
    w.beginList("order");
    for (const auto& e : entries) w.listScalar(e);
    w.endList();
}

Status writeFile(const fs::path& path, const std::string& text) {
    fs::path tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return makeError("Cannot write the file", tmp.string(), "Check the directory's permissions", "io");
        out << text;
        out.close();
        if (!out) return makeError("Cannot write the file (disk full?)", tmp.string(), {}, "io");
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) return makeError("Cannot write the file (" + ec.message() + ")", path.string(), {}, "io");
    return {};
}

// Unique names within one directory; the format's own names are reserved.
struct Names {
    std::set<std::string> used{"collection", "folder", "environments"};
    std::string take(const std::string& base) {
        std::string n = base;
        for (int i = 2; used.count(n); ++i) n = base + "-" + std::to_string(i);
        used.insert(n);
        return n;
    }
};

// Removes what an older export left in dir: *.yaml files and sub-directories holding folder.yaml
// that the new export did not write. Other files (README, .git) stay.
void removeStale(const fs::path& dir, const std::set<fs::path>& written) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const fs::path& p = e.path();
        if (written.count(p)) continue;
        if (e.is_regular_file() && p.extension() == ".yaml") fs::remove(p, ec);
        else if (e.is_directory() && fs::exists(p / "folder.yaml")) fs::remove_all(p, ec);
    }
}

struct TreeWriter {
    std::vector<std::string> environmentFiles;
    Status folder(const Folder& f, const fs::path& dir, bool isRoot, const Collection& c) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) return makeError("Cannot create the directory (" + ec.message() + ")", dir.string(), {}, "io");
        Names names;
        std::vector<std::string> entries;
        std::set<fs::path> written{dir / (isRoot ? "collection.yaml" : "folder.yaml"), dir / "environments"};
        // The order list names requests first, then folders (how the model keeps them).
        for (const auto& r : f.requests) {
            std::string file = names.take(TextTreeExporter::slug(r.name, "request")) + ".yaml";
            entries.push_back(file);
            written.insert(dir / file);
            if (auto s = writeFile(dir / file, TextTreeExporter::requestYaml(r)); !s) return s;
        }
        for (const auto& sub : f.folders) {
            std::string name = names.take(TextTreeExporter::slug(sub.name, "folder"));
            entries.push_back(name + "/");
            written.insert(dir / name);
            if (auto s = folder(sub, dir / name, false, c); !s) return s;
        }
        std::string meta = isRoot ? TextTreeExporter::collectionYaml(c, entries, environmentFiles) : TextTreeExporter::folderYaml(f, entries);
        if (auto s = writeFile(dir / (isRoot ? "collection.yaml" : "folder.yaml"), meta); !s) return s;
        removeStale(dir, written);
        return {};
    }
};
}  // namespace

std::string TextTreeExporter::slug(const std::string& name, const std::string& fallback) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c) && c < 0x80) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-') out += '-';
        if (out.size() >= 60) break;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? fallback : out;
}

std::string TextTreeExporter::requestYaml(const RequestSpec& r) {
    TextTreeYamlWriter w;
    if (!r.id.empty()) w.scalar("id", r.id);
    w.scalar("name", r.name);
    w.scalar("method", r.method);
    w.scalar("url", r.url);
    if (!r.description.empty()) w.scalar("description", r.description);
    if (!r.tags.empty()) {
        w.beginList("tags");
        for (const auto& t : r.tags) w.listScalar(t);
        w.endList();
    }
    keyValues(w, "params", r.params);
    keyValues(w, "headers", r.headers);
    auth(w, r.auth);
    options(w, r.options);
    if (!r.assertions.empty()) {
        w.beginList("assertions");
        for (const auto& a : r.assertions) {
            w.item();
            w.scalar("source", toString(a.source));
            if (!a.selector.empty()) w.scalar("selector", a.selector);
            w.scalar("op", toString(a.op));
            if (!a.value.empty()) w.scalar("value", a.value);
            if (!a.enabled) w.boolean("enabled", false);
        }
        w.endList();
    }
    if (!r.captures.empty()) {
        w.beginList("captures");
        for (const auto& c : r.captures) {
            w.item();
            w.scalar("variable", c.variable);
            w.scalar("source", toString(c.source));
            if (!c.selector.empty()) w.scalar("selector", c.selector);
            if (c.group != 1) w.integer("group", c.group);
            if (!c.enabled) w.boolean("enabled", false);
        }
        w.endList();
    }
    body(w, r.body);  // last: the longest part of the file
    return w.text();
}

std::string TextTreeExporter::collectionYaml(const Collection& c, const std::vector<std::string>& entries,
                                             const std::vector<std::string>& environmentFiles) {
    TextTreeYamlWriter w;
    w.scalar("format", "sonde-collection/1");
    if (!c.id.empty()) w.scalar("id", c.id);
    w.scalar("name", c.name);
    if (!c.description.empty()) w.scalar("description", c.description);
    variables(w, c.variables);
    order(w, entries);
    if (!environmentFiles.empty()) {
        w.beginList("environments");  // their order; the files are in environments/
        for (const auto& e : environmentFiles) w.listScalar(e);
        w.endList();
    }
    return w.text();
}

std::string TextTreeExporter::folderYaml(const Folder& f, const std::vector<std::string>& entries) {
    TextTreeYamlWriter w;
    if (!f.id.empty()) w.scalar("id", f.id);
    w.scalar("name", f.name);
    if (!f.description.empty()) w.scalar("description", f.description);
    order(w, entries);
    return w.text();
}

std::string TextTreeExporter::environmentYaml(const Environment& e) {
    TextTreeYamlWriter w;
    if (!e.id.empty()) w.scalar("id", e.id);
    w.scalar("name", e.name);
    variables(w, e.variables);
    return w.text();
}

Status TextTreeExporter::exportTo(const Collection& c, const std::string& dirName, const TextTreeExportOptions& opts) {
    fs::path dir(dirName);
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec))
            return makeError("The export target is a file, not a directory", dirName, "Give a directory path", "usage");
        bool empty = fs::directory_iterator(dir, ec) == fs::directory_iterator();
        if (!empty && !fs::exists(dir / "collection.yaml", ec))
            return makeError("The directory is not empty and holds no collection.yaml", dirName,
                             "Export into an empty directory or one that holds an exported collection", "usage");
    }
    TreeWriter tw;
    Names envNames;
    if (opts.environments)
        for (const auto& e : c.environments)
            tw.environmentFiles.push_back(envNames.take(slug(e.name, "environment")) + ".yaml");
    if (auto s = tw.folder(c.root, dir, true, c); !s) return s;
    fs::path envDir = dir / "environments";
    if (tw.environmentFiles.empty()) {
        if (fs::exists(envDir, ec))
            for (const auto& e : fs::directory_iterator(envDir, ec))
                if (e.path().extension() == ".yaml") fs::remove(e.path(), ec);
        return {};
    }
    fs::create_directories(envDir, ec);
    std::set<fs::path> written;
    for (size_t i = 0; i < c.environments.size(); ++i) {
        fs::path file = envDir / tw.environmentFiles[i];
        written.insert(file);
        if (auto s = writeFile(file, environmentYaml(c.environments[i])); !s) return s;
    }
    removeStale(envDir, written);
    return {};
}

}  // namespace sonde
