#include "core/formats/importer.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/formats/import_util.h"
#include "core/formats/text_tree_importer.h"

namespace sonde {

namespace fs = std::filesystem;

const char* toString(ImportFormat f) {
    switch (f) {
        case ImportFormat::TextTree: return "Sonde text tree";
        case ImportFormat::PostmanCollection: return "Postman collection";
        case ImportFormat::PostmanEnvironment: return "Postman environment";
        case ImportFormat::Har: return "HAR";
        case ImportFormat::Curl: return "curl command";
        case ImportFormat::OpenApi: return "OpenAPI document";
        case ImportFormat::HttpFile: return ".http file";
        case ImportFormat::Insomnia: return "Insomnia export";
        case ImportFormat::Bruno: return "Bruno collection";
        case ImportFormat::Unknown: break;
    }
    return "unknown";
}

int Imported::requestCount() const {
    int n = 0;
    forEachRequest(collection.root, [&](const RequestSpec&, const std::string&) { ++n; });
    return n;
}

ImportFormat formatOfJson(const nlohmann::json& root) {
    if (!root.is_object()) return ImportFormat::Unknown;
    const nlohmann::json* c = &root;
    if (root.contains("collection") && root["collection"].is_object()) c = &root["collection"];
    if (c->contains("info") && c->contains("item")) return ImportFormat::PostmanCollection;
    if (root.contains("_postman_variable_scope") || (root.contains("values") && root["values"].is_array() &&
                                                     root.contains("name")))
        return ImportFormat::PostmanEnvironment;
    if (root.contains("log") && root["log"].is_object() && root["log"].contains("entries")) return ImportFormat::Har;
    if (root.contains("openapi") || root.contains("swagger")) return ImportFormat::OpenApi;
    if (root.contains("__export_format") || root.value("_type", "") == "export" ||
        (root.contains("type") && root["type"].is_string() &&
         root["type"].get<std::string>().rfind("collection.insomnia.rest/5", 0) == 0))
        return ImportFormat::Insomnia;
    return ImportFormat::Unknown;
}

ImportFormat sniffFormat(std::string_view text) {
    const std::string_view t = trimView(text);
    if (t.rfind("curl ", 0) == 0 || t.rfind("curl\t", 0) == 0) return ImportFormat::Curl;
    if (looksLikeOpenApiYaml(t)) return ImportFormat::OpenApi;
    if (looksLikeInsomniaYaml(t)) return ImportFormat::Insomnia;
    if (!t.empty() && t.front() != '{' && looksLikeHttpFile(t)) return ImportFormat::HttpFile;
    if (t.empty() || t.front() != '{') return ImportFormat::Unknown;
    try {
        return formatOfJson(nlohmann::json::parse(t.begin(), t.end()));
    } catch (const nlohmann::json::exception&) {
        return ImportFormat::Unknown;
    }
}

Result<Imported> importText(std::string_view text, const std::string& name) { return importTextAt(text, name, {}); }

namespace {
Result<Imported> dispatch(std::string_view text, const std::string& name, const std::string& path);
}  // namespace

Result<Imported> importTextAt(std::string_view text, const std::string& name, const std::string& path) {
    return guardShapes(name, [&] { return dispatch(text, name, path); });
}

namespace {
Result<Imported> dispatch(std::string_view text, const std::string& name, const std::string& path) {
    const std::string_view t = trimView(text);
    if (t.find('\0') != std::string_view::npos)
        return makeError("This is a binary file, not something Sonde imports", name,
                         "Import a Postman collection or environment, an Insomnia export, an OpenAPI document, a HAR file, a curl command, a .http file or a collection directory",
                         "parse");
    if (t.rfind("curl ", 0) == 0 || t.rfind("curl\t", 0) == 0) {
        auto c = importCurl(t);
        if (!c) {
            Error e = c.error();
            e.where = name;
            return e;
        }
        Imported out;
        out.format = ImportFormat::Curl;
        out.hasCollection = true;
        out.collection.name = name;
        out.collection.root.requests.push_back(std::move(c->request));
        out.warnings = std::move(c->warnings);
        return out;
    }
    if (!t.empty() && t.front() != '{' && looksLikeOpenApiYaml(t)) {
        auto parsed = parseJsonOrYaml(t, name);
        if (!parsed) return parsed.error();
        return openApiFromJson(*parsed, name);
    }
    if (!t.empty() && t.front() != '{' && looksLikeInsomniaYaml(t)) return importInsomnia(t, name);
    if (!t.empty() && t.front() != '{' && looksLikeHttpFile(t)) return importHttpFile(text, name, path);
    if (t.empty() || t.front() != '{')
        return makeError("Sonde does not recognise this file", name,
                         "Import a Postman collection or environment, an Insomnia export, an OpenAPI document, a HAR file, a curl command, a .http file or a collection directory",
                         "format");
    auto parsed = parseJsonText(t, name);
    if (!parsed) return parsed.error();
    switch (formatOfJson(*parsed)) {
        case ImportFormat::PostmanCollection: return postmanCollectionFromJson(std::move(*parsed), name);
        case ImportFormat::PostmanEnvironment: return postmanEnvironmentFromJson(*parsed, name);
        case ImportFormat::Har: return harFromJson(*parsed, name);
        case ImportFormat::Insomnia: return importInsomnia(t, name);  // again as ordered JSON
        case ImportFormat::OpenApi: {
            auto ordered = parseJsonOrYaml(t, name);  // again, keeping the document's order
            if (!ordered) return ordered.error();
            return openApiFromJson(*ordered, name);
        }
        default: break;
    }
    return makeError("This JSON is not a format Sonde imports (Postman collection or environment, Insomnia, OpenAPI, HAR)", name,
                     "Check the file was exported from Postman or saved as HAR", "format");
}

}  // namespace

Result<Imported> importPath(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        if (isBrunoCollection(path)) return importBrunoDirectory(path);
        if (!TextTreeImporter::isTextTree(path))
            return makeError("The directory holds no collection.yaml (Sonde) or bruno.json (Bruno)", path,
                             "Give a collection directory or a file", "format");
        auto tree = TextTreeImporter::importDirectory(path);
        if (!tree) return tree.error();
        Imported out;
        out.format = ImportFormat::TextTree;
        out.hasCollection = true;
        out.collection = std::move(tree->collection);
        for (auto& w : tree->warnings) out.warnings.push_back({"", std::move(w)});
        return out;
    }
    if (!fs::exists(path, ec)) return makeError("The file does not exist", path, "Check the path", "file");
    const auto size = fs::file_size(path, ec);
    if (ec) return makeError("The file cannot be read: " + ec.message(), path, "", "file");
    constexpr std::uintmax_t kMax = 512ull * 1024 * 1024;
    if (size > kMax) return makeError("The file is larger than 512 MB", path, "Split it before importing", "file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("The file cannot be opened", path, "Check its permissions", "file");
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) return makeError("The file could not be read whole", path, "", "file");
    std::string name = fs::path(path).filename().string();
    for (const char* ext : {".postman_collection.json", ".postman_environment.json", ".json", ".har", ".sh", ".txt", ".yaml", ".yml", ".http", ".rest"}) {
        const std::string e(ext);
        if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
            name.resize(name.size() - e.size());
            break;
        }
    }
    auto r = importTextAt(text, name, path);
    if (!r) {
        Error e = r.error();
        // Errors from the text name `name`; point at the file instead.
        if (e.where.rfind(name, 0) == 0) e.where = path + e.where.substr(name.size());
        else if (e.where.empty() || e.where == "curl command") e.where = path;
        return e;
    }
    return r;
}

}  // namespace sonde
