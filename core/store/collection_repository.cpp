#include "core/store/collection_repository.h"

#include <chrono>
#include <algorithm>
#include <functional>
#include <thread>
#include <unordered_map>

#include "core/model/json.h"
#include "core/store/environment_repository.h"
#include "core/store/stored_json.h"
#include "core/vars/dynamic_values.h"

namespace sonde {

namespace {
std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void giveIds(Folder& f, bool isRoot = false) {
    if (f.id.empty() && !isRoot) f.id = newUuid();  // the root is not stored as a folder
    for (auto& r : f.requests)
        if (r.id.empty()) r.id = newUuid();
    for (auto& sub : f.folders) giveIds(sub);
}

void clearIds(Folder& f) {
    f.id.clear();
    for (auto& r : f.requests) r.id.clear();
    for (auto& sub : f.folders) clearIds(sub);
}

// Runs f(0..n-1) over the available cores (contiguous chunks); serially for small n.
template <typename F>
void parallelFor(size_t n, F&& f) {
    size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
    if (n < 2000 || threads < 2) {
        for (size_t i = 0; i < n; ++i) f(i);
        return;
    }
    std::vector<std::thread> pool;
    size_t chunk = (n + threads - 1) / threads;
    for (size_t t = 1; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (size_t i = t * chunk; i < std::min(n, (t + 1) * chunk); ++i) f(i);
        });
    for (size_t i = 0; i < std::min(n, chunk); ++i) f(i);
    for (auto& th : pool) th.join();
}

struct Inserter {
    Database& db;
    std::int64_t collectionRow;
    Statement folderSt, requestSt;

    Status folder(const Folder& f, std::optional<std::int64_t> parent) {
        for (size_t i = 0; i < f.requests.size(); ++i) {
            const RequestSpec& r = f.requests[i];
            requestSt.bind(1, r.id).bind(2, collectionRow);
            if (parent) requestSt.bind(3, *parent); else requestSt.bindNull(3);
            requestSt.bind(4, r.name).bind(5, r.method).bind(6, r.url).bind(7, static_cast<std::int64_t>(i));
            requestSt.bind(8, storedRequestJson(r));
            if (auto s = requestSt.run(); !s) return s;
        }
        for (size_t i = 0; i < f.folders.size(); ++i) {
            const Folder& sub = f.folders[i];
            folderSt.bind(1, sub.id).bind(2, collectionRow);
            if (parent) folderSt.bind(3, *parent); else folderSt.bindNull(3);
            folderSt.bind(4, sub.name).bind(5, sub.description).bind(6, static_cast<std::int64_t>(i));
            if (auto s = folderSt.run(); !s) return s;
            if (auto s = folder(sub, db.lastInsertId()); !s) return s;
        }
        return {};
    }
};
}  // namespace

Collection withNewIds(Collection c) {
    c.id.clear();
    clearIds(c.root);
    for (auto& e : c.environments) e.id.clear();
    return c;
}

Result<std::vector<Workspace>> CollectionRepository::workspaces() {
    auto st = db_.prepare("SELECT id, name FROM workspaces ORDER BY id");
    if (!st) return st.error();
    std::vector<Workspace> out;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        out.push_back(Workspace{st->int64(0), st->text(1)});
    }
    return out;
}

Result<std::int64_t> CollectionRepository::defaultWorkspace() {
    auto st = db_.prepare("SELECT id FROM workspaces ORDER BY id LIMIT 1");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (*r) return st->int64(0);
    return createWorkspace("Default");
}

Result<std::int64_t> CollectionRepository::createWorkspace(const std::string& name) {
    std::int64_t id = 0;
    auto s = db_.transaction([&]() -> Status {
        auto st = db_.prepare("INSERT INTO workspaces(name, created_at) VALUES (?, ?)");
        if (!st) return st.error();
        if (auto r = st->bind(1, name).bind(2, nowMs()).run(); !r) return r;
        id = db_.lastInsertId();
        return {};
    });
    if (!s) return s.error();
    return id;
}

Result<std::vector<CollectionSummary>> CollectionRepository::list(std::optional<std::int64_t> workspaceId) {
    auto st = db_.prepare(
        "SELECT c.uid, c.name, c.description, c.workspace_id, c.updated_at,"
        " (SELECT count(*) FROM folders f WHERE f.collection_id = c.id),"
        " (SELECT count(*) FROM requests r WHERE r.collection_id = c.id)"
        " FROM collections c WHERE (?1 IS NULL OR c.workspace_id = ?1) ORDER BY c.position, c.name, c.id");
    if (!st) return st.error();
    if (workspaceId) st->bind(1, *workspaceId); else st->bindNull(1);
    std::vector<CollectionSummary> out;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        CollectionSummary c;
        c.id = st->text(0);
        c.name = st->text(1);
        c.description = st->text(2);
        c.workspaceId = st->int64(3);
        c.updatedAt = st->int64(4);
        c.folderCount = static_cast<int>(st->int64(5));
        c.requestCount = static_cast<int>(st->int64(6));
        out.push_back(std::move(c));
    }
    return out;
}

Result<std::int64_t> CollectionRepository::rowIdOf(const std::string& collectionId) {
    auto st = db_.prepare("SELECT id FROM collections WHERE uid = ?");
    if (!st) return st.error();
    auto r = st->bind(1, collectionId).step();
    if (!r) return r.error();
    if (!*r) return makeError("No collection with id " + collectionId, db_.path(), "List them with `collection list`",
                              "not-found");
    return st->int64(0);
}

Result<Collection> CollectionRepository::save(Collection c, std::optional<std::int64_t> workspaceId) {
    if (c.id.empty()) c.id = newUuid();
    giveIds(c.root, true);
    c.root.id.clear();
    c.root.name.clear();
    c.root.description.clear();
    auto s = db_.transaction([&]() -> Status {
        std::int64_t ws = 0;
        if (workspaceId) {
            ws = *workspaceId;
        } else {
            // Keep the workspace of the stored version, else the default one.
            auto st = db_.prepare("SELECT workspace_id FROM collections WHERE uid = ?");
            if (!st) return st.error();
            auto r = st->bind(1, c.id).step();
            if (!r) return r.error();
            if (*r) {
                ws = st->int64(0);
            } else {
                auto d = defaultWorkspace();
                if (!d) return d.error();
                ws = *d;
            }
        }
        auto up = db_.prepare(
            "INSERT INTO collections(uid, workspace_id, name, description, variables_json, position, updated_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(position), -1) + 1 FROM collections), ?6)"
            " ON CONFLICT(uid) DO UPDATE SET workspace_id = ?2, name = ?3, description = ?4, variables_json = ?5,"
            " updated_at = ?6");
        if (!up) return up.error();
        up->bind(1, c.id).bind(2, ws).bind(3, c.name).bind(4, c.description);
        up->bind(5, nlohmann::json(c.variables).dump()).bind(6, nowMs());
        if (auto r = up->run(); !r) return r;
        auto row = rowIdOf(c.id);
        if (!row) return row.error();
        // Replace the tree: requests first (they reference folders), then folders.
        for (const char* sql : {"DELETE FROM requests WHERE collection_id = ?", "DELETE FROM folders WHERE collection_id = ?"}) {
            auto del = db_.prepare(sql);
            if (!del) return del.error();
            if (auto r = del->bind(1, *row).run(); !r) return r;
        }
        auto fst = db_.prepare(
            "INSERT INTO folders(uid, collection_id, parent_id, name, description, position) VALUES (?,?,?,?,?,?)");
        if (!fst) return fst.error();
        auto rst = db_.prepare(
            "INSERT INTO requests(uid, collection_id, folder_id, name, method, url, position, spec_json)"
            " VALUES (?,?,?,?,?,?,?,?)");
        if (!rst) return rst.error();
        Inserter ins{db_, *row, std::move(*fst), std::move(*rst)};
        if (auto r = ins.folder(c.root, std::nullopt); !r) return r;
        // The collection's environments: replace them as a set.
        EnvironmentRepository envs(db_);
        auto stored = envs.forCollection(c.id);
        if (!stored) return stored.error();
        for (const auto& old : *stored) {
            bool kept = false;
            for (const auto& e : c.environments) kept = kept || e.id == old.id;
            if (!kept)
                if (auto r = envs.remove(old.id); !r) return r;
        }
        for (size_t i = 0; i < c.environments.size(); ++i) {
            auto e = envs.save(c.environments[i], c.id, static_cast<int>(i));
            if (!e) return e.error();
            c.environments[i] = std::move(*e);
        }
        return {};
    });
    if (!s) return s.error();
    return c;
}

Result<Collection> CollectionRepository::load(const std::string& idOrName) {
    auto st = db_.prepare("SELECT id, uid, name, description, variables_json FROM collections WHERE uid = ?1"
                          " UNION ALL SELECT id, uid, name, description, variables_json FROM collections"
                          " WHERE name = ?1 AND NOT EXISTS (SELECT 1 FROM collections WHERE uid = ?1)");
    if (!st) return st.error();
    st->bind(1, idOrName);
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) {
        std::string names;
        if (auto all = list()) {
            for (const auto& c : *all) names += (names.empty() ? "" : ", ") + c.name;
        }
        return makeError("No collection named or with id \"" + idOrName + "\"", db_.path(),
                         names.empty() ? "The database has no collection yet: import one" : "Known: " + names,
                         "not-found");
    }
    Collection c;
    std::int64_t row = st->int64(0);
    c.id = st->text(1);
    c.name = st->text(2);
    c.description = st->text(3);
    {
        auto vj = nlohmann::json::parse(st->textView(4), nullptr, false);
        if (!vj.is_discarded() && vj.is_array()) c.variables = vj.get<std::vector<Variable>>();
    }
    auto second = st->step();
    if (!second) return second.error();
    if (*second)
        return makeError("More than one collection is named \"" + idOrName + "\"", db_.path(), "Use its id instead",
                         "ambiguous");

    // Folders: nodes indexed by row id, then requests appended to their folder, then the tree is
    // assembled bottom-up (children are moved into parents in position order).
    struct Node {
        Folder folder;
        std::int64_t parent = 0;  // 0: root
        std::vector<size_t> children;
    };
    std::vector<Node> nodes(1);  // nodes[0] is the root
    std::unordered_map<std::int64_t, size_t> index;
    auto fst = db_.prepare("SELECT id, uid, parent_id, name, description FROM folders WHERE collection_id = ?"
                           " ORDER BY parent_id, position");
    if (!fst) return fst.error();
    fst->bind(1, row);
    for (;;) {
        auto fr = fst->step();
        if (!fr) return fr.error();
        if (!*fr) break;
        Node n;
        n.folder.id = fst->text(1);
        n.parent = fst->isNull(2) ? 0 : fst->int64(2);
        n.folder.name = fst->text(3);
        n.folder.description = fst->text(4);
        index[fst->int64(0)] = nodes.size();
        nodes.push_back(std::move(n));
    }
    for (size_t i = 1; i < nodes.size(); ++i) {
        auto p = nodes[i].parent ? index.find(nodes[i].parent) : index.end();
        nodes[p == index.end() ? 0 : p->second].children.push_back(i);
    }
    auto rst = db_.prepare("SELECT folder_id, uid, name, method, url, spec_json, id FROM requests"
                           " WHERE collection_id = ? ORDER BY folder_id, position");
    if (!rst) return rst.error();
    rst->bind(1, row);
    // Read the rows first, then parse the JSON of the requests on all cores (parsing is most of the
    // cost of loading a big collection), then place them in order.
    struct Raw {
        size_t target = 0;
        std::string uid, name, method, url, json;
        std::int64_t row = 0;
    };
    std::vector<Raw> raws;
    for (;;) {
        auto rr = rst->step();
        if (!rr) return rr.error();
        if (!*rr) break;
        Raw raw;
        if (!rst->isNull(0)) {
            auto it = index.find(rst->int64(0));
            if (it != index.end()) raw.target = it->second;
        }
        raw.uid = rst->text(1);
        raw.name = rst->text(2);
        raw.method = rst->text(3);
        raw.url = rst->text(4);
        raw.json = rst->text(5);
        raw.row = rst->int64(6);
        raws.push_back(std::move(raw));
    }
    std::vector<RequestSpec> specs(raws.size());
    std::vector<std::optional<Error>> errors(raws.size());
    parallelFor(raws.size(), [&](size_t i) {
        Raw& raw = raws[i];
        auto spec = requestFromStored(raw.json, std::move(raw.uid), std::move(raw.name), std::move(raw.method),
                                      std::move(raw.url), "requests row " + std::to_string(raw.row));
        if (spec) specs[i] = std::move(*spec);
        else errors[i] = spec.error();
    });
    for (size_t i = 0; i < raws.size(); ++i) {
        if (errors[i]) {
            Error e = *errors[i];
            e.where = db_.path() + ": " + e.where;
            return e;
        }
        nodes[raws[i].target].folder.requests.push_back(std::move(specs[i]));
    }
    std::function<Folder(size_t)> build = [&](size_t i) -> Folder {
        Folder f = std::move(nodes[i].folder);
        f.folders.reserve(nodes[i].children.size());
        for (size_t ch : nodes[i].children) f.folders.push_back(build(ch));
        return f;
    };
    c.root = build(0);
    EnvironmentRepository envs(db_);
    auto e = envs.forCollection(c.id);
    if (!e) return e.error();
    c.environments = std::move(*e);
    return c;
}

Status CollectionRepository::remove(const std::string& id) {
    return db_.transaction([&]() -> Status {
        auto row = rowIdOf(id);
        if (!row) return row.error();
        auto st = db_.prepare("DELETE FROM collections WHERE id = ?");
        if (!st) return st.error();
        return st->bind(1, *row).run();
    });
}

Result<RequestSpec> CollectionRepository::saveRequest(const std::string& collectionId, const std::string& folderId,
                                                      RequestSpec spec) {
    if (spec.id.empty()) spec.id = newUuid();
    auto s = db_.transaction([&]() -> Status {
        auto row = rowIdOf(collectionId);
        if (!row) return row.error();
        auto upd = db_.prepare("UPDATE requests SET name = ?, method = ?, url = ?, spec_json = ?"
                               " WHERE uid = ? AND collection_id = ?");
        if (!upd) return upd.error();
        upd->bind(1, spec.name).bind(2, spec.method).bind(3, spec.url).bind(4, storedRequestJson(spec));
        upd->bind(5, spec.id).bind(6, *row);
        if (auto r = upd->run(); !r) return r;
        if (db_.changes() > 0) return {};
        std::optional<std::int64_t> folderRow;
        if (!folderId.empty()) {
            auto f = db_.prepare("SELECT id FROM folders WHERE uid = ? AND collection_id = ?");
            if (!f) return f.error();
            auto fr = f->bind(1, folderId).bind(2, *row).step();
            if (!fr) return fr.error();
            if (!*fr) return makeError("No folder with id " + folderId + " in collection " + collectionId, db_.path(),
                                       {}, "not-found");
            folderRow = f->int64(0);
        }
        auto ins = db_.prepare(
            "INSERT INTO requests(uid, collection_id, folder_id, name, method, url, position, spec_json)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT COALESCE(MAX(position), -1) + 1 FROM requests"
            "  WHERE collection_id = ?2 AND folder_id IS ?3), ?7)");
        if (!ins) return ins.error();
        ins->bind(1, spec.id).bind(2, *row);
        if (folderRow) ins->bind(3, *folderRow); else ins->bindNull(3);
        ins->bind(4, spec.name).bind(5, spec.method).bind(6, spec.url).bind(7, storedRequestJson(spec));
        return ins->run();
    });
    if (!s) return s.error();
    return spec;
}

Result<RequestSpec> CollectionRepository::loadRequest(const std::string& requestId) {
    auto st = db_.prepare("SELECT uid, name, method, url, spec_json, id FROM requests WHERE uid = ? LIMIT 1");
    if (!st) return st.error();
    auto r = st->bind(1, requestId).step();
    if (!r) return r.error();
    if (!*r) return makeError("No request with id " + requestId, db_.path(), {}, "not-found");
    return requestFromStored(st->textView(4), st->text(0), st->text(1), st->text(2), st->text(3),
                             db_.path() + ": requests row " + std::to_string(st->int64(5)));
}

Status CollectionRepository::removeRequest(const std::string& requestId) {
    return db_.transaction([&]() -> Status {
        auto st = db_.prepare("DELETE FROM requests WHERE uid = ?");
        if (!st) return st.error();
        return st->bind(1, requestId).run();
    });
}

}  // namespace sonde
