// sonde-cli collection | env | history: the workspace kept in the SQLite store.
#include <ctime>
#include <fstream>
#include <iterator>
#include <iomanip>
#include <sstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_options.h"
#include "commands.h"
#include "core/formats/text_tree_exporter.h"
#include "core/formats/importer.h"
#include "core/formats/text_tree_importer.h"
#include "core/model/json.h"
#include "core/store/collection_repository.h"
#include "core/store/environment_repository.h"
#include "core/store/history_repository.h"
#include "output.h"
#include "store_access.h"

namespace sonde::cli {

namespace {

int fail(const Error& e) {
    printError(e);
    return exitCodeFor(e);
}


std::string pad(std::string s, size_t n) {
    if (s.size() < n) s.resize(n, ' ');
    return s;
}

void printTree(const Folder& f, int depth) {
    std::string indent(static_cast<size_t>(depth) * 2, ' ');
    for (const auto& sub : f.folders) {
        std::cout << indent << sub.name << "/\n";
        printTree(sub, depth + 1);
    }
    for (const auto& r : f.requests)
        std::cout << indent << pad(r.method, 7) << " " << pad(r.name, 28) << " " << r.url << "\n";
}

int runCollection(const ParsedArgs& a) {
    const auto& p = a.positional();
    std::string verb = p.empty() ? "list" : p[0];
    auto db = openStore(a, verb == "list" || verb == "show");
    if (!db) return fail(db.error());
    CollectionRepository repo(*db);
    if (verb == "list") {
        auto list = repo.list();
        if (!list) return fail(list.error());
        if (list->empty()) std::cout << "No collections in " << a.get("--db", defaultDatabasePath()) << "\n";
        for (const auto& c : *list)
            std::cout << pad(c.name, 30) << " " << pad(std::to_string(c.requestCount) + " requests", 14)
                      << pad(std::to_string(c.folderCount) + " folders", 12) << " " << c.id << "\n";
        return ExitOk;
    }
    if (verb == "show" || verb == "export") {
        if (p.size() != (verb == "show" ? 2u : 3u))
            return fail(usageError("Wrong arguments for collection " + verb,
                              verb == "show" ? "sonde-cli collection show NAME" : "sonde-cli collection export NAME DIR"));
        auto c = repo.load(p[1]);
        if (!c) return fail(c.error());
        if (verb == "export") {
            auto st = TextTreeExporter::exportTo(*c, p[2]);
            if (!st) return fail(st.error());
            std::cout << "Exported '" << c->name << "' to " << p[2] << "\n";
            return ExitOk;
        }
        std::cout << c->name << (c->description.empty() ? "" : " — " + c->description) << "\n";
        printTree(c->root, 1);
        if (!c->environments.empty()) {
            std::cout << "environments:";
            for (const auto& e : c->environments) std::cout << " " << e.name;
            std::cout << "\n";
        }
        return ExitOk;
    }
    if (verb == "import") {
        if (p.size() != 2)
            return fail(usageError("Give the collection directory or file", "sonde-cli collection import DIR|FILE"));
        auto imported = importPath(p[1]);
        if (!imported) return fail(imported.error());
        for (const auto& w : imported->warnings) std::cerr << "warning: " << w.text() << "\n";
        if (!imported->hasCollection)
            return fail(usageError("'" + p[1] + "' is a " + toString(imported->format) + ", not a collection",
                                   "sonde-cli env import " + p[1]));
        Collection c = std::move(imported->collection);
        if (a.has("--name")) c.name = a.get("--name");
        if (a.has("--copy")) c = withNewIds(std::move(c));
        auto saved = repo.save(std::move(c));
        if (!saved) return fail(saved.error());
        int n = 0;
        forEachRequest(saved->root, [&](const RequestSpec&, const std::string&) { ++n; });
        std::cout << "Imported '" << saved->name << "' (" << n << " requests, " << toString(imported->format) << ") as "
                  << saved->id << "\n";
        return ExitOk;
    }
    return fail(usageError("Unknown collection command '" + verb + "'", "Use list, show, export or import"));
}

void printEnvironment(const Environment& e, bool reveal) {
    std::cout << e.name << "\n";
    for (const auto& v : e.variables)
        std::cout << "  " << (v.enabled ? "" : "# ") << pad(v.name, 24) << " "
                  << (v.secret && !reveal ? std::string("•••• (secret)") : v.value) << "\n";
}

int runEnv(const ParsedArgs& a) {
    const auto& p = a.positional();
    std::string verb = p.empty() ? "list" : p[0];
    auto db = openStore(a, verb != "import");
    if (!db) return fail(db.error());
    EnvironmentRepository envs(*db);
    std::string collectionId;
    if (a.has("--collection")) {
        CollectionRepository repo(*db);
        auto c = repo.load(a.get("--collection"));
        if (!c) return fail(c.error());
        collectionId = c->id;
    }
    if (verb == "list") {
        auto list = collectionId.empty() ? envs.globals() : envs.forCollection(collectionId);
        if (!list) return fail(list.error());
        if (list->empty()) std::cout << "No environments\n";
        for (const auto& e : *list) std::cout << pad(e.name, 30) << " " << e.variables.size() << " variables\n";
        return ExitOk;
    }
    if (verb == "show") {
        if (p.size() != 2) return fail(usageError("Give the environment name", "sonde-cli env show NAME [--collection C]"));
        auto e = envs.find(p[1], collectionId);
        if (!e) return fail(e.error());
        printEnvironment(*e, false);
        return ExitOk;
    }
    if (verb == "import") {
        if (p.size() != 2) return fail(usageError("Give the environment file", "sonde-cli env import FILE [--collection C]"));
        Result<Environment> env = makeError("unset");
        const std::string& file = p[1];
        if (file.size() > 5 && file.compare(file.size() - 5, 5, ".yaml") == 0) {
            std::ifstream in(file, std::ios::binary);
            if (!in) return fail(makeError("The file cannot be opened", file, "Check the path", "file"));
            const std::string text((std::istreambuf_iterator<char>(in)), {});
            env = TextTreeImporter::parseEnvironment(text, file);
        } else {
            auto imported = importPath(file);
            if (!imported) return fail(imported.error());
            for (const auto& w : imported->warnings) std::cerr << "warning: " << w.text() << "\n";
            if (imported->environments.size() != 1)
                return fail(usageError("'" + file + "' is a " + toString(imported->format) + ", not an environment",
                                       "sonde-cli collection import " + file));
            env = std::move(imported->environments[0]);
        }
        if (!env) return fail(env.error());
        env->id.clear();
        if (a.has("--name")) env->name = a.get("--name");
        if (envs.find(env->name, collectionId))  // never replace what the user has
            return fail(usageError("An environment named '" + env->name + "' exists already",
                                   "Give another name with --name"));
        auto saved = envs.save(std::move(*env), collectionId);
        if (!saved) return fail(saved.error());
        std::cout << "Imported environment '" << saved->name << "' (" << saved->variables.size() << " variables)\n";
        return ExitOk;
    }
    return fail(usageError("Unknown env command '" + verb + "'", "Use list, show or import"));
}

std::string isoTime(std::int64_t ms) {
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Status parseStatus(const std::string& s, HistoryFilter& f) {
    try {
        if (s.size() == 3 && s.substr(1) == "xx") {
            f.statusMin = (s[0] - '0') * 100, f.statusMax = f.statusMin + 99;
        } else if (auto dash = s.find('-'); dash != std::string::npos) {
            f.statusMin = std::stoi(s.substr(0, dash)), f.statusMax = std::stoi(s.substr(dash + 1));
        } else {
            f.statusMin = f.statusMax = std::stoi(s);
        }
        return {};
    } catch (const std::exception&) {
        return usageError("--status takes 200, 2xx or 400-499, not '" + s + "'", "");
    }
}

int runHistory(const ParsedArgs& a) {
    const auto& p = a.positional();
    auto db = openStore(a, true);
    if (!db) return fail(db.error());
    HistoryRepository history(*db);
    if (!p.empty() && p[0] == "show") {
        if (p.size() != 2) return fail(usageError("Give the history entry id", "sonde-cli history show ID"));
        std::int64_t id = 0;
        try {
            id = std::stoll(p[1]);
        } catch (const std::exception&) {
            return fail(usageError("History ids are numbers", "See sonde-cli history"));
        }
        auto e = history.get(id);
        if (!e) return fail(e.error());
        std::cout << e->request.method << " " << e->request.url << "\n";
        for (const auto& h : e->request.headers) std::cout << h.name << ": " << h.value << "\n";
        std::cout << "\n";
        if (e->status == 0) {
            std::cout << "error: " << e->error << "\n";
            return ExitOk;
        }
        std::cout << e->status << " " << e->reason << "\n";
        for (const auto& h : e->responseHeaders) std::cout << h.name << ": " << h.value << "\n";
        std::cout << "\n" << e->body << (e->bodyTruncated ? "\n[body truncated]" : "") << "\n";
        return ExitOk;
    }
    if (!p.empty()) return fail(usageError("Unknown history command '" + p[0] + "'", "Use sonde-cli history [filters] or history show ID"));
    HistoryFilter f;
    f.urlContains = a.get("--url");
    f.method = a.get("--method");
    if (a.has("--status"))
        if (auto st = parseStatus(a.get("--status"), f); !st) return fail(st.error());
    try {
        if (a.has("--limit")) f.limit = std::stoul(a.get("--limit"));
        if (a.has("--since-minutes"))
            f.fromMs = (static_cast<std::int64_t>(std::time(nullptr)) - std::stoll(a.get("--since-minutes")) * 60) * 1000;
    } catch (const std::exception&) {
        return fail(usageError("--limit and --since-minutes take numbers", ""));
    }
    auto rows = history.search(f);
    if (!rows) return fail(rows.error());
    if (a.has("--json")) {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& r : *rows)
            j.push_back({{"id", r.id}, {"sentAt", isoTime(r.sentAt)}, {"method", r.method}, {"url", r.url},
                         {"status", r.status}, {"durationMs", r.durationMs}, {"bodyBytes", r.bodyBytes}, {"error", r.error}});
        std::cout << j.dump(2) << "\n";
        return ExitOk;
    }
    for (const auto& r : *rows) {
        std::ostringstream dur;
        dur << std::fixed << std::setprecision(1) << r.durationMs << " ms";
        std::cout << pad(std::to_string(r.id), 7) << isoTime(r.sentAt) << "  " << pad(r.method, 7) << " "
                  << pad(r.status ? std::to_string(r.status) : "ERR", 4) << pad(dur.str(), 11) << r.url
                  << (r.error.empty() ? "" : "  (" + r.error + ")") << "\n";
    }
    if (rows->empty()) std::cout << "No history entries match\n";
    return ExitOk;
}

}  // namespace

const CommandDef& collectionCommand() {
    static const CommandDef def{
        "collection", "list | show NAME | export NAME DIR | import DIR|FILE [--name N] [--copy]",
        "List, show, export (to the git-friendly text tree) or import collections of the store.",
        "A collection is named by its name or id. export writes docs/collection-format.md's directory tree\n"
        "(secrets never written); import reads one back into the store (--copy gives it new ids).\n"
        "import also reads a Postman collection (v2.0/v2.1), an Insomnia export (v4/v5), an OpenAPI 3.x /\n"
        "Swagger 2.0 document, a Bruno collection directory, a HAR file, a .http file or a curl command\n"
        "(the format is recognised from the content; see docs/import.md); what cannot be carried over\n"
        "(scripts, unsupported auth) is listed as warnings on stderr.",
        {dbOptionDef(), {"", "--name", "NAME", "import: store under this name"}, {"", "--copy", "", "import: as a copy with new ids"}},
        &runCollection};
    return def;
}

const CommandDef& envCommand() {
    static const CommandDef def{"env", "list | show NAME | import FILE [--collection C] [--name N]",
                                "List, show or import environments (global, or of a collection); secrets are masked.",
                                "import reads a Postman environment file or a Sonde environment .yaml file; it never\n"
                                "replaces an environment of the same name (give --name).",
                                {dbOptionDef(), {"", "--collection", "NAME", "The collection whose environments to use"},
                                 {"", "--name", "NAME", "import: store under this name"}},
                                &runEnv};
    return def;
}

const CommandDef& historyCommand() {
    static const CommandDef def{
        "history", "[--url S] [--method M] [--status 2xx] [--since-minutes N] [--limit N] | show ID",
        "List recent exchanges from the store (newest first), filtered; show one in full.", "",
        {dbOptionDef(),
         {"", "--url", "TEXT", "Only URLs containing TEXT"},
         {"", "--method", "METHOD", "Only this method"},
         {"", "--status", "CODE|Nxx|LOW-HIGH", "Only these statuses"},
         {"", "--since-minutes", "N", "Only the last N minutes"},
         {"", "--limit", "N", "At most N entries (default 100)"},
         {"", "--json", "", "Print as JSON"}},
        &runHistory};
    return def;
}

}  // namespace sonde::cli
