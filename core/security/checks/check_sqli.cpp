// SQL injection: error-based, boolean-blind and time-based (CWE-89).
#include <array>

#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

struct DbmsSignatures {
    const char* dbms;
    std::vector<const char*> patterns;  // lower-case substrings of driver/DBMS error messages
};

const std::vector<DbmsSignatures>& signatures() {
    static const std::vector<DbmsSignatures> s = {
        {"SQLite", {"sqlite_error", "sqlite3.operationalerror", "sqliteexception", "unrecognized token:",
                    "sqlite error", "system.data.sqlite", "sqlite3::sqlexception", "sqlite.exception",
                    "incomplete input", "sqlite_"}},
        {"PostgreSQL", {"pg::syntaxerror", "syntax error at or near", "unterminated quoted string at or near",
                        "psqlexception", "pg_query()", "postgresql query failed", "org.postgresql.util",
                        "invalid input syntax for"}},
        {"MySQL/MariaDB", {"you have an error in your sql syntax", "warning: mysql", "mysqlexception",
                           "com.mysql.jdbc", "mysql_fetch", "check the manual that corresponds to your mysql",
                           "check the manual that corresponds to your mariadb", "mysqli_"}},
        {"SQL Server", {"unclosed quotation mark after the character string", "microsoft ole db provider for sql server",
                        "incorrect syntax near", "odbc sql server driver", "sqlserverexception",
                        "system.data.sqlclient"}},
        {"Oracle", {"ora-00933", "ora-01756", "ora-00921", "ora-01740", "quoted string not properly terminated",
                    "oracle.jdbc", "oracleexception"}},
    };
    return s;
}

// The DBMS whose error signature is in `body` but not in `baselineBody` (empty when none).
std::string dbmsError(const std::string& body, const std::string& baselineBody, std::string* matched = nullptr) {
    const std::string b = lower(body), base = lower(baselineBody);
    for (const auto& d : signatures())
        for (const char* p : d.patterns)
            if (b.find(p) != std::string::npos && base.find(p) == std::string::npos) {
                if (matched) *matched = p;
                return d.dbms;
            }
    // SQLite's parser message: near "<token>": syntax error
    auto near = b.find("near \"");
    if (near != std::string::npos && b.find("\": syntax error", near) != std::string::npos &&
        base.find("\": syntax error") == std::string::npos) {
        if (matched) *matched = "near \"…\": syntax error";
        return "SQLite";
    }
    return {};
}

const char* kRemediation =
    "Use parameterised queries (bound parameters / prepared statements) for every value that reaches SQL; "
    "never build SQL by concatenating input. Do not return database error messages to clients.";

CheckInfo errorInfo() {
    CheckInfo i;
    i.id = "sqli-error";
    i.family = "sqli";
    i.title = "SQL injection (error-based)";
    i.severity = Severity::High;
    i.confidence = Confidence::Firm;
    i.cwe = 89;
    i.owasp = kOwaspInjection;
    i.remediation = kRemediation;
    i.description = "Appends SQL meta-characters (' \" ') ` \\) to each insertion point and looks for database "
                    "error signatures (SQLite, PostgreSQL, MySQL/MariaDB, SQL Server, Oracle) that are absent "
                    "from the baseline response. Confirmed when two different breaking payloads produce the "
                    "same DBMS's error.";
    return i;
}

void runError(ProbeContext& ctx) {
    const Exchange* base = ctx.baseline();
    if (!base) return;
    static const std::array<const char*, 5> breakers = {"'", "\"", "')", "`", "\\"};
    for (const auto& point : ctx.insertionPoints()) {
        std::vector<Exchange> hits;
        std::string dbms, used, matched;
        for (const char* b : breakers) {
            if (ctx.stopped()) return;
            auto ex = probe(ctx, inject(ctx.request(), point, point.original + b));
            if (!ex) continue;
            std::string m;
            const std::string d = dbmsError(ex->response.body, base->response.body, &m);
            if (d.empty() || (!dbms.empty() && d != dbms)) continue;
            dbms = d;
            matched = m;
            used += (used.empty() ? "" : " and ") + std::string("`") + b + "`";
            hits.push_back(std::move(*ex));
            if (hits.size() == 2) break;
        }
        if (hits.size() < 2) continue;
        Finding f = ctx.finding();
        f.parameter = point.label();
        f.payload = hits[0].request.url;
        f.payload = point.original + breakers[0];
        f.detail = "Appending " + used + " to " + point.label() + " produced a " + dbms +
                   " error (\"" + matched + "\") that the baseline response does not contain.";
        f.evidence = {*base};
        for (auto& h : hits) f.evidence.push_back(std::move(h));
        ctx.report(std::move(f));
    }
}

CheckInfo booleanInfo() {
    CheckInfo i = errorInfo();
    i.id = "sqli-boolean";
    i.title = "SQL injection (boolean-blind)";
    i.description = "Sends a TRUE/FALSE condition pair (numeric `AND a=a` / `AND a=b`, or string "
                    "`' AND 'x'='x` / `' AND 'x'='y`) with random operands. TRUE must match the baseline "
                    "(similarity >= 0.95) and FALSE must differ (similarity < 0.90), with a stable baseline; "
                    "confirmed by a second, different pair (`AND c>d` / `AND d>c`).";
    return i;
}

struct Pair {
    std::string t, f;
};

void runBoolean(ProbeContext& ctx) {
    const Exchange* base = ctx.baseline();
    const Exchange* base2 = ctx.baseline2();
    if (!base || !base2) return;
    if (responseSimilarity(base->response, base2->response) < 0.98) return;  // unstable page: no verdict
    for (const auto& point : ctx.insertionPoints()) {
        const std::string& o = point.original;
        const int a = ctx.randomInt(10, 99), b = a + ctx.randomInt(1, 50);
        const int c = ctx.randomInt(100, 499), dd = c - ctx.randomInt(1, 90);
        const std::string x = ctx.canary(4), y = ctx.canary(4);
        std::vector<std::array<Pair, 2>> contexts;
        if (point.numeric)
            contexts.push_back({Pair{o + " AND " + std::to_string(a) + "=" + std::to_string(a),
                                     o + " AND " + std::to_string(a) + "=" + std::to_string(b)},
                                Pair{o + " AND " + std::to_string(c) + ">" + std::to_string(dd),
                                     o + " AND " + std::to_string(dd) + ">" + std::to_string(c)}});
        contexts.push_back({Pair{o + "' AND '" + x + "'='" + x, o + "' AND '" + x + "'='" + y},
                            Pair{o + "' AND " + std::to_string(c) + ">" + std::to_string(dd) + " AND '" + y + "'='" + y,
                                 o + "' AND " + std::to_string(dd) + ">" + std::to_string(c) + " AND '" + y + "'='" + y}});
        for (const auto& pairs : contexts) {
            std::vector<Exchange> ev;
            std::string numbers;
            bool ok = true;
            for (const auto& p : pairs) {
                if (ctx.stopped()) return;
                auto t = probe(ctx, inject(ctx.request(), point, p.t));
                auto f = probe(ctx, inject(ctx.request(), point, p.f));
                if (!t || !f) { ok = false; break; }
                const double st = responseSimilarity(t->response, base->response);
                const double sf = responseSimilarity(f->response, base->response);
                if (st < 0.95 || sf >= 0.90 || st - sf < 0.05) { ok = false; break; }
                char buf[96];
                std::snprintf(buf, sizeof buf, "%s[TRUE %.2f, FALSE %.2f]", numbers.empty() ? "" : ", ", st, sf);
                numbers += buf;
                ev.push_back(std::move(*t));
                ev.push_back(std::move(*f));
            }
            if (!ok) continue;
            Finding fnd = ctx.finding();
            fnd.parameter = point.label();
            fnd.payload = pairs[0].t;
            fnd.detail = "TRUE conditions keep the baseline response and FALSE conditions change it, for two "
                         "different condition pairs on " + point.label() + " (similarity to baseline " + numbers + ").";
            fnd.evidence = {*base};
            for (auto& e : ev) fnd.evidence.push_back(std::move(e));
            ctx.report(std::move(fnd));
            break;
        }
    }
}

CheckInfo timeInfo() {
    CheckInfo i = errorInfo();
    i.id = "sqli-time";
    i.title = "SQL injection (time-based)";
    i.description = "Per DBMS, injects a delay (MySQL SLEEP, PostgreSQL PG_SLEEP, SQL Server WAITFOR DELAY, "
                    "Oracle DBMS_PIPE.RECEIVE_MESSAGE; SQLite has no sleep, so a heavy "
                    "LIKE(…, UPPER(HEX(RANDOMBLOB(n)))) expression). Judged against a measured baseline "
                    "(median, MAD, max of several samples); confirmed by a second, doubled delay and a "
                    "zero-delay control.";
    return i;
}

void runTime(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    const double unitS = ctx.options().timeDelaySeconds;
    const long long heavy = ctx.options().sqliteHeavyUnits;
    struct Variant {
        const char* dbms;
        std::function<std::string(const std::string& o, int level)> make;
        bool sleeps;
    };
    auto secs = [unitS](int level) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", unitS * level);
        return std::string(buf);
    };
    auto blob = [heavy](int level) { return std::to_string(level == 0 ? 1 : heavy * level); };
    const std::vector<Variant> variants = {
        {"SQLite", [&](const std::string& o, int l) { return o + " AND 1=LIKE('ABCDEFG',UPPER(HEX(RANDOMBLOB(" + blob(l) + "))))"; }, false},
        {"SQLite", [&](const std::string& o, int l) { return o + "' AND 1=LIKE('ABCDEFG',UPPER(HEX(RANDOMBLOB(" + blob(l) + ")))) AND 'a'='a"; }, false},
        {"MySQL/MariaDB", [&](const std::string& o, int l) { return o + " AND SLEEP(" + secs(l) + ")=0"; }, true},
        {"MySQL/MariaDB", [&](const std::string& o, int l) { return o + "' AND SLEEP(" + secs(l) + ")=0 AND 'a'='a"; }, true},
        {"PostgreSQL", [&](const std::string& o, int l) { return o + " AND 1=(SELECT 1 FROM PG_SLEEP(" + secs(l) + "))"; }, true},
        {"PostgreSQL", [&](const std::string& o, int l) { return o + "' AND 1=(SELECT 1 FROM PG_SLEEP(" + secs(l) + ")) AND 'a'='a"; }, true},
        {"SQL Server", [&](const std::string& o, int l) { return o + "; WAITFOR DELAY '0:0:" + secs(l) + "'--"; }, true},
        {"Oracle", [&](const std::string& o, int l) { return o + " AND 1=DBMS_PIPE.RECEIVE_MESSAGE('a'," + secs(l) + ")"; }, true},
    };
    for (const auto& point : ctx.insertionPoints()) {
        for (const auto& v : variants) {
            if (ctx.stopped()) return;
            auto verdict = judgeTiming(
                ctx, point, [&](int level) { return v.make(point.original, level); },
                [&](int level) { return v.sleeps ? unitS * 1000.0 * level : 0.0; });
            if (!verdict.positive) continue;
            Finding f = ctx.finding();
            f.parameter = point.label();
            f.payload = v.make(point.original, 1);
            f.detail = std::string("A ") + v.dbms + " delay payload on " + point.label() +
                       " slows the response in proportion to the requested delay: " + verdict.describe() + ".";
            f.evidence = verdict.evidence;
            ctx.report(std::move(f));
            break;
        }
    }
}

}  // namespace

void addSqliChecks(std::vector<std::unique_ptr<Check>>& out) {
    addCheck(out, errorInfo(), runError);
    addCheck(out, booleanInfo(), runBoolean);
    addCheck(out, timeInfo(), runTime);
}

}  // namespace sonde
