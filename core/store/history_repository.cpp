#include "core/store/history_repository.h"

#include <algorithm>
#include <cctype>

#include "core/model/json.h"
#include "core/store/stored_json.h"

namespace sonde {

using nlohmann::json;

namespace {
std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

// WHERE clause and its bound values for a filter (parameters ?1..?6, NULL meaning "no bound").
const char* const kWhere =
    " WHERE (?1 IS NULL OR instr(url, ?1) > 0) AND (?2 IS NULL OR method = ?2)"
    " AND (?3 IS NULL OR status >= ?3) AND (?4 IS NULL OR status <= ?4)"
    " AND (?5 IS NULL OR sent_at >= ?5) AND (?6 IS NULL OR sent_at <= ?6)";

// Masks secrets in every string of a JSON value (a serialized RequestSpec).
void redactStrings(json& j, const Redactor& redactor) {
    if (j.is_string()) j = redactor.redact(j.get_ref<const std::string&>());
    else if (j.is_structured())
        for (auto& item : j) redactStrings(item, redactor);
}
// A credential typed literally is masked; one that refers to a {{variable}} is kept as written.
void maskLiteral(std::string& value) {
    if (!value.empty() && value.find("{{") == std::string::npos) value = std::string(Redactor::kMask);
}

void bindFilter(Statement& st, const HistoryFilter& f) {
    if (f.urlContains.empty()) st.bindNull(1); else st.bind(1, f.urlContains);
    if (f.method.empty()) st.bindNull(2); else st.bind(2, upper(f.method));
    if (f.statusMin < 0) st.bindNull(3); else st.bind(3, f.statusMin);
    if (f.statusMax < 0) st.bindNull(4); else st.bind(4, f.statusMax);
    if (f.fromMs <= 0) st.bindNull(5); else st.bind(5, f.fromMs);
    if (f.toMs <= 0) st.bindNull(6); else st.bind(6, f.toMs);
}
}  // namespace

HistoryEntry HistoryRepository::fromExchange(const Exchange& exchange, const Redactor& redactor,
                                             std::int64_t sentAtMs) {
    Exchange e = exchange;
    redactor.redact(e, true);
    HistoryEntry h;
    h.sentAt = sentAtMs;
    h.request = std::move(e.request);
    h.status = e.response.status;
    h.reason = e.response.reason;
    h.responseHeaders = std::move(e.response.headers);
    h.timings = e.response.timings;
    h.body = std::move(e.response.body);
    h.bodyBytes = e.response.bodyBytes ? e.response.bodyBytes : h.body.size();
    return h;
}

HistoryEntry HistoryRepository::fromError(const SentRequest& request, const Error& error, const Redactor& redactor,
                                          std::int64_t sentAtMs) {
    HistoryEntry h;
    h.sentAt = sentAtMs;
    h.request = request;
    redactor.redact(h.request, true);
    h.error = redactor.redact(error.message());
    return h;
}

RequestSpec HistoryRepository::redactWritten(RequestSpec request, const Redactor& redactor) {
    for (auto& h : request.headers)
        if (Redactor::isCredentialHeader(h.key)) maskLiteral(h.value);
    for (std::string* secret : {&request.auth.password, &request.auth.token, &request.auth.keyValue,
                                &request.auth.secretKey, &request.auth.sessionToken})
        maskLiteral(*secret);
    // A proxy URL may carry user:password before the host.
    if (auto at = request.options.proxy.rfind('@'); at != std::string::npos) {
        const auto scheme = request.options.proxy.find("://");
        const auto start = scheme == std::string::npos ? 0 : scheme + 3;
        std::string userinfo = request.options.proxy.substr(start, at - start);
        maskLiteral(userinfo);
        request.options.proxy.replace(start, at - start, userinfo);
    }
    json j = request;
    redactStrings(j, redactor);
    return j.get<RequestSpec>();
}

Status HistoryRepository::insert(Statement& st, Statement& details, HistoryEntry& e) {
    if (e.bodyBytes < e.body.size()) e.bodyBytes = e.body.size();
    if (e.body.size() > options_.maxBodyBytes) {
        e.body.resize(options_.maxBodyBytes);
        e.bodyTruncated = true;
    }
    st.bind(1, e.sentAt).bind(2, upper(e.request.method)).bind(3, e.request.url).bind(4, e.status);
    st.bind(5, static_cast<std::int64_t>(e.bodyBytes)).bind(6, e.bodyTruncated ? 1 : 0);
    st.bind(7, e.timings.total).bind(8, e.error).bind(9, e.reason).bind(10, e.collectionId).bind(11, e.requestId);
    if (auto r = st.run(); !r) return r;
    std::string requestJson;
    if (e.written) {
        json j = e.request;
        j["written"] = *e.written;
        requestJson = j.dump();
    } else {
        requestJson = sentRequestJson(e.request);
    }
    details.bind(1, db_.lastInsertId()).bind(2, requestJson).bind(3, json(e.responseHeaders).dump());
    details.bind(4, json(e.timings).dump()).bindBlob(5, e.body);
    return details.run();
}

static const char* const kInsert =
    "INSERT INTO history(sent_at, method, url, status, body_bytes, body_truncated, duration_ms, error, reason,"
    " collection_uid, request_uid) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
static const char* const kInsertDetails =
    "INSERT INTO history_details(history_id, request_json, response_headers_json, timings_json, body)"
    " VALUES (?,?,?,?,?)";

Result<std::int64_t> HistoryRepository::add(HistoryEntry entry) {
    std::int64_t id = 0;
    auto s = db_.transaction([&]() -> Status {
        auto st = db_.prepare(kInsert);
        if (!st) return st.error();
        auto details = db_.prepare(kInsertDetails);
        if (!details) return details.error();
        if (auto r = insert(*st, *details, entry); !r) return r;
        id = db_.lastInsertId();
        return applyRetention();
    });
    if (!s) return s.error();
    return id;
}

Status HistoryRepository::addAll(std::vector<HistoryEntry> entries) {
    return db_.transaction([&]() -> Status {
        auto st = db_.prepare(kInsert);
        if (!st) return st.error();
        auto details = db_.prepare(kInsertDetails);
        if (!details) return details.error();
        for (auto& e : entries)
            if (auto r = insert(*st, *details, e); !r) return r;
        return applyRetention();
    });
}

Status HistoryRepository::applyRetention() {
    if (options_.retention == 0) return {};
    return db_.transaction([&]() -> Status {
        // The newest `retention` entries stay; details go explicitly (also without foreign keys).
        for (const char* sql : {"DELETE FROM history_details WHERE history_id <= (SELECT id FROM history ORDER BY id"
                                " DESC LIMIT 1 OFFSET ?)",
                                "DELETE FROM history WHERE id <= (SELECT id FROM history ORDER BY id DESC LIMIT 1"
                                " OFFSET ?)"}) {
            auto st = db_.prepare(sql);
            if (!st) return st.error();
            if (auto r = st->bind(1, static_cast<std::int64_t>(options_.retention)).run(); !r) return r;
        }
        return {};
    });
}

Result<std::vector<HistorySummary>> HistoryRepository::search(const HistoryFilter& f) const {
    // Without a filter, walking the time index backwards gives the newest rows at once. With one, a
    // plain scan of the (small-row) table plus a top-N sort is faster than an index walk that looks
    // up every row: "+sent_at" keeps the planner off the index (https://www.sqlite.org/optoverview.html).
    const bool filtered = !f.urlContains.empty() || !f.method.empty() || f.statusMin >= 0 || f.statusMax >= 0;
    auto st = db_.prepare(std::string("SELECT id, sent_at, method, url, status, duration_ms, body_bytes, error"
                                      " FROM history") + kWhere + (filtered ? " ORDER BY +sent_at DESC, id DESC"
                                      : " ORDER BY sent_at DESC, id DESC") + " LIMIT ?7 OFFSET ?8");
    if (!st) return st.error();
    bindFilter(*st, f);
    st->bind(7, static_cast<std::int64_t>(f.limit)).bind(8, static_cast<std::int64_t>(f.offset));
    std::vector<HistorySummary> out;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        HistorySummary h;
        h.id = st->int64(0);
        h.sentAt = st->int64(1);
        h.method = st->text(2);
        h.url = st->text(3);
        h.status = static_cast<int>(st->int64(4));
        h.durationMs = st->real(5);
        h.bodyBytes = static_cast<std::uint64_t>(st->int64(6));
        h.error = st->text(7);
        out.push_back(std::move(h));
    }
    return out;
}

Result<std::int64_t> HistoryRepository::count(const HistoryFilter& f) const {
    auto st = db_.prepare(std::string("SELECT count(*) FROM history") + kWhere);
    if (!st) return st.error();
    bindFilter(*st, f);
    auto r = st->step();
    if (!r) return r.error();
    return st->int64(0);
}

Result<HistoryEntry> HistoryRepository::get(std::int64_t id) const {
    auto st = db_.prepare(
        "SELECT h.sent_at, h.status, d.request_json, d.response_headers_json, d.timings_json, d.body, h.body_bytes,"
        " h.body_truncated, h.error, h.reason, h.collection_uid, h.request_uid"
        " FROM history h JOIN history_details d ON d.history_id = h.id WHERE h.id = ?");
    if (!st) return st.error();
    auto r = st->bind(1, id).step();
    if (!r) return r.error();
    std::string where = db_.path() + ": history row " + std::to_string(id);
    if (!*r) return makeError("No history entry " + std::to_string(id), where, {}, "not-found");
    HistoryEntry h;
    h.id = id;
    h.sentAt = st->int64(0);
    h.status = static_cast<int>(st->int64(1));
    auto req = sentRequestFromJson(st->textView(2), where);
    if (!req) return req.error();
    h.request = std::move(*req);
    if (st->textView(2).find("\"written\"") != std::string_view::npos) {
        const auto rj = json::parse(st->textView(2), nullptr, false);
        if (rj.is_object() && rj.contains("written")) {
            try {
                h.written = rj.at("written").get<RequestSpec>();
            } catch (const json::exception&) {
                // An unreadable written copy is dropped: the request as sent still restores.
            }
        }
    }
    auto hj = json::parse(st->textView(3), nullptr, false);
    auto tj = json::parse(st->textView(4), nullptr, false);
    if (hj.is_discarded() || tj.is_discarded())
        return makeError("A stored history entry is not valid JSON", where, {}, "corrupt");
    try {
        h.responseHeaders = hj.get<std::vector<Header>>();
        h.timings = tj.get<Timings>();
    } catch (const json::exception& e) {
        return makeError(std::string("A stored history entry has an unexpected shape: ") + e.what(), where, {},
                         "corrupt");
    }
    h.body = st->text(5);
    h.bodyBytes = static_cast<std::uint64_t>(st->int64(6));
    h.bodyTruncated = st->int64(7) != 0;
    h.error = st->text(8);
    h.reason = st->text(9);
    h.collectionId = st->text(10);
    h.requestId = st->text(11);
    return h;
}

Status HistoryRepository::clear() {
    return db_.transaction([&]() -> Status { return db_.exec("DELETE FROM history_details; DELETE FROM history"); });
}

}  // namespace sonde
