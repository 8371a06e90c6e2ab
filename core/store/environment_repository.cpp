#include "core/store/environment_repository.h"

#include "core/vars/dynamic_values.h"

namespace sonde {

Result<std::vector<Environment>> EnvironmentRepository::query(const std::string& where, const std::string& arg) {
    auto st = db_.prepare(
        "SELECT e.id, e.uid, e.name, v.name, v.value, v.enabled, v.secret FROM environments e"
        " LEFT JOIN variables v ON v.environment_id = e.id WHERE " + where +
        " ORDER BY e.position, e.id, v.position");
    if (!st) return st.error();
    if (!arg.empty()) st->bind(1, arg);
    std::vector<Environment> out;
    std::int64_t last = -1;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        if (st->int64(0) != last) {
            last = st->int64(0);
            out.push_back(Environment{st->text(1), st->text(2), {}});
        }
        if (!st->isNull(3))
            out.back().variables.push_back(Variable{st->text(3), st->text(4), st->int64(5) != 0, st->int64(6) != 0});
    }
    return out;
}

Result<std::vector<Environment>> EnvironmentRepository::globals() {
    return query("e.collection_id IS NULL AND e.uid <> 'globals'", {});
}

Result<std::vector<Environment>> EnvironmentRepository::forCollection(const std::string& collectionId) {
    return query("e.collection_id = (SELECT id FROM collections WHERE uid = ?1)", collectionId);
}

Result<Environment> EnvironmentRepository::find(const std::string& idOrName, const std::string& collectionId) {
    auto list = collectionId.empty() ? globals() : forCollection(collectionId);
    if (!list) return list.error();
    for (const auto& e : *list)
        if (e.id == idOrName) return e;
    for (const auto& e : *list)
        if (e.name == idOrName) return e;
    std::string names;
    for (const auto& e : *list) names += (names.empty() ? "" : ", ") + e.name;
    return makeError("No environment named \"" + idOrName + "\"" +
                         (collectionId.empty() ? std::string(" among the global environments") : " in the collection"),
                     db_.path(), names.empty() ? "There is none yet" : "Known: " + names, "not-found");
}

Result<Environment> EnvironmentRepository::save(Environment env, const std::string& collectionId, int position) {
    if (env.id.empty()) env.id = newUuid();
    auto s = db_.transaction([&]() -> Status {
        auto up = db_.prepare(
            "INSERT INTO environments(uid, collection_id, name, position) VALUES (?1,"
            " (SELECT id FROM collections WHERE uid = ?2), ?3,"
            " CASE WHEN ?4 >= 0 THEN ?4 ELSE (SELECT COALESCE(MAX(position), -1) + 1 FROM environments) END)"
            " ON CONFLICT(uid) DO UPDATE SET collection_id = (SELECT id FROM collections WHERE uid = ?2), name = ?3,"
            " position = CASE WHEN ?4 >= 0 THEN ?4 ELSE position END");
        if (!up) return up.error();
        up->bind(1, env.id);
        if (collectionId.empty()) up->bindNull(2); else up->bind(2, collectionId);
        up->bind(3, env.name).bind(4, position);
        if (auto r = up->run(); !r) return r;
        if (!collectionId.empty()) {
            auto chk = db_.prepare("SELECT collection_id IS NOT NULL FROM environments WHERE uid = ?");
            if (!chk) return chk.error();
            auto r = chk->bind(1, env.id).step();
            if (!r) return r.error();
            if (!*r || chk->int64(0) == 0)
                return makeError("No collection with id " + collectionId + " for environment " + env.name, db_.path(),
                                 {}, "not-found");
        }
        auto del = db_.prepare("DELETE FROM variables WHERE environment_id = (SELECT id FROM environments WHERE uid = ?)");
        if (!del) return del.error();
        if (auto r = del->bind(1, env.id).run(); !r) return r;
        auto ins = db_.prepare("INSERT INTO variables(environment_id, name, value, enabled, secret, position)"
                               " VALUES ((SELECT id FROM environments WHERE uid = ?), ?, ?, ?, ?, ?)");
        if (!ins) return ins.error();
        for (size_t i = 0; i < env.variables.size(); ++i) {
            const Variable& v = env.variables[i];
            ins->bind(1, env.id).bind(2, v.name).bind(3, v.value).bind(4, v.enabled ? 1 : 0).bind(5, v.secret ? 1 : 0);
            ins->bind(6, static_cast<std::int64_t>(i));
            if (auto r = ins->run(); !r) return r;
        }
        return {};
    });
    if (!s) return s.error();
    return env;
}

Status EnvironmentRepository::remove(const std::string& id) {
    return db_.transaction([&]() -> Status {
        auto st = db_.prepare("DELETE FROM environments WHERE uid = ?");
        if (!st) return st.error();
        return st->bind(1, id).run();
    });
}

Result<std::vector<Variable>> EnvironmentRepository::globalVariables() {
    auto list = query("e.uid = 'globals'", {});
    if (!list) return list.error();
    if (list->empty()) return std::vector<Variable>{};
    return list->front().variables;
}

Status EnvironmentRepository::saveGlobalVariables(const std::vector<Variable>& variables) {
    auto r = save(Environment{kGlobalsId, "Globals", variables}, {}, 0);
    if (!r) return r.error();
    return {};
}

}  // namespace sonde
