#include "run_source.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/formats/importer.h"
#include "core/formats/text_tree_importer.h"
#include "core/model/json.h"
#include "core/store/collection_repository.h"
#include "core/store/environment_repository.h"

namespace sonde::cli {

namespace {

namespace fs = std::filesystem;

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("Cannot read the file", path, "check the path and its permissions", "input");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// An environment file: the text format's YAML, or Sonde's JSON ({"name", "variables": [...]}).
Result<Environment> environmentFromFile(const std::string& path) {
    auto text = readFile(path);
    if (!text) return text.error();
    const auto first = text->find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (*text)[first] == '{') {
        if (sniffFormat(*text) == ImportFormat::PostmanEnvironment) {
            auto imported = importPostmanEnvironment(*text, path);
            if (!imported) return imported.error();
            return std::move(imported->environments.at(0));
        }
        try {
            return nlohmann::json::parse(*text).get<Environment>();
        } catch (const std::exception& e) {
            return makeError("The environment file is not a valid Sonde environment", path, e.what(), "input");
        }
    }
    auto env = TextTreeImporter::parseEnvironment(*text, path);
    if (!env) return env.error();
    if (env->name.empty()) env->name = fs::path(path).stem().string();
    return env;
}

std::string names(const std::vector<Environment>& envs) {
    std::string n;
    for (const auto& e : envs) n += (n.empty() ? "" : ", ") + e.name;
    return n.empty() ? "(none)" : n;
}

}  // namespace

Result<RunSource> loadRunSource(const std::string& source, const std::string& dbPath, const std::string& env) {
    RunSource out;
    std::error_code ec;
    if (fs::is_directory(source, ec) && isBrunoCollection(source)) {
        auto imported = importPath(source);
        if (!imported) return imported.error();
        out.collection = std::move(imported->collection);
        for (const auto& w : imported->warnings) {
            out.warnings.push_back(w.text());
            std::cerr << "warning: " << w.text() << "\n";
        }
    } else if (fs::is_directory(source, ec)) {
        if (!TextTreeImporter::isTextTree(source))
            return makeError("The directory holds no collection.yaml", source,
                             "give a collection directory in Sonde's text format (docs/collection-format.md)", "input");
        auto imported = TextTreeImporter::importDirectory(source);
        if (!imported) return imported.error();
        out.collection = std::move(imported->collection);
        out.sources = std::move(imported->sources);
    } else if (fs::is_regular_file(source, ec)) {
        auto text = readFile(source);
        if (!text) return text.error();
        const ImportFormat f = sniffFormat(*text);
        if (f != ImportFormat::Unknown && f != ImportFormat::TextTree && f != ImportFormat::PostmanEnvironment) {
            auto imported = importPath(source);
            if (!imported) return imported.error();
            out.collection = std::move(imported->collection);
            for (const auto& w : imported->warnings) {
                out.warnings.push_back(w.text());
                std::cerr << "warning: " << w.text() << "\n";  // before the run's own output
            }
        } else {
            auto request = TextTreeImporter::parseRequest(*text, source);
            if (!request) return request.error();
            out.collection.name = request->name.empty() ? fs::path(source).stem().string() : request->name;
            out.sources.push_back(RequestSource{request->id, request->name, "", source, 1});
            out.collection.root.requests.push_back(std::move(*request));
        }
    } else {
        // A collection name in the store. Opened read-write: the run is recorded there.
        const std::string path = dbPath.empty() ? defaultDatabasePath() : dbPath;
        if (!fs::exists(path, ec))
            return makeError("No collection directory, request file or stored collection named '" + source + "'",
                             source, "give a path, or import the collection first (the store " + path + " does not exist)",
                             "input");
        DatabaseOptions o;
        o.create = false;
        auto db = Database::open(path, o);
        if (!db) return db.error();
        out.store = std::make_unique<Database>(std::move(*db));
        CollectionRepository repo(*out.store);
        auto loaded = repo.load(source);
        if (!loaded) {
            Error e = loaded.error();
            e.code = "input";
            return e;
        }
        out.collection = std::move(*loaded);
    }

    const auto& envs = out.collection.environments;
    if (env.empty()) {
        if (envs.size() == 1) out.environment = envs.front();  // the collection's only environment
        return out;
    }
    if (fs::is_regular_file(env, ec)) {
        auto e = environmentFromFile(env);
        if (!e) return e.error();
        out.environment = std::move(*e);
        return out;
    }
    for (const auto& e : envs)
        if (e.name == env || e.id == env) {
            out.environment = e;
            return out;
        }
    if (out.store) {
        EnvironmentRepository repo(*out.store);
        if (auto e = repo.find(env, out.collection.id)) {
            out.environment = std::move(*e);
            return out;
        }
        if (auto e = repo.find(env)) {
            out.environment = std::move(*e);
            return out;
        }
    }
    return makeError("No environment named '" + env + "'", out.collection.name,
                     "use one of: " + names(envs) + "; or give an environment file", "input");
}

}  // namespace sonde::cli
