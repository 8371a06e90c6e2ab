#include "core/store/run_repository.h"

namespace sonde {

namespace {
RunRecord fromRow(const Statement& st) {
    RunRecord r;
    r.id = st.int64(0);
    r.collection = st.text(1);
    r.startedAt = st.text(2);
    r.passed = static_cast<int>(st.int64(3));
    r.failed = static_cast<int>(st.int64(4));
    r.durationMs = st.real(5);
    r.reportJson = st.text(6);
    return r;
}
}  // namespace

Result<std::int64_t> RunRepository::save(const RunRecord& run) {
    std::int64_t id = 0;
    auto s = db_.transaction([&]() -> Status {
        auto st = db_.prepare("INSERT INTO runs(collection, started_at, passed, failed, duration_ms, report_json)"
                              " VALUES (?,?,?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, run.collection).bind(2, run.startedAt).bind(3, run.passed).bind(4, run.failed);
        st->bind(5, run.durationMs).bind(6, run.reportJson);
        if (auto r = st->run(); !r) return r;
        id = db_.lastInsertId();
        return {};
    });
    if (!s) return s.error();
    return id;
}

Result<std::vector<RunRecord>> RunRepository::list(std::size_t limit, bool withReports) const {
    auto st = db_.prepare(std::string("SELECT id, collection, started_at, passed, failed, duration_ms, ") +
                          (withReports ? "report_json" : "''") + " FROM runs ORDER BY started_at DESC, id DESC LIMIT ?");
    if (!st) return st.error();
    st->bind(1, static_cast<std::int64_t>(limit));
    std::vector<RunRecord> out;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        out.push_back(fromRow(*st));
    }
    return out;
}

Result<RunRecord> RunRepository::get(std::int64_t id) const {
    auto st = db_.prepare("SELECT id, collection, started_at, passed, failed, duration_ms, report_json FROM runs"
                          " WHERE id = ?");
    if (!st) return st.error();
    auto r = st->bind(1, id).step();
    if (!r) return r.error();
    if (!*r) return makeError("No run " + std::to_string(id), db_.path(), {}, "not-found");
    return fromRow(*st);
}

}  // namespace sonde
