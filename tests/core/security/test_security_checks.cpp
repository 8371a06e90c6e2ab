// Every check finds its vulnerable route of tests/fixtures/vuln-api (with the exchanges that prove it),
// and the whole catalogue over every hardened twin finds nothing.
#include <QtTest>

#include <map>
#include <memory>
#include <thread>

#include "core/http/engine.h"
#include "core/security/scanner.h"
#include "vuln_api_process.h"

using namespace sonde;

namespace {

// A scan target described in a test row: "METHOD /path?query", body ("json:{...}" or "form:a=b&c=d"),
// credentials ("bearer:<token kind>" or "cookie" for the CSRF session, optionally "+csrf").
struct Row {
    std::string method, path, body, creds;
};

}  // namespace

class TestSecurityChecks : public QObject {
    Q_OBJECT

    VulnApiProcess api_;
    std::unique_ptr<Engine> engine_;

    std::string token(const std::string& kind) {
        RequestSpec r;
        r.url = api_.base() + "/token?kind=" + kind;
        auto x = engine_->send(r);
        return x.ok() ? x->response.body : std::string();
    }

    ScanTarget target(const Row& row) {
        ScanTarget t;
        t.request.method = row.method;
        t.request.url = api_.base() + row.path;
        if (row.body.rfind("json:", 0) == 0) {
            t.request.body.kind = BodyKind::Json;
            t.request.body.text = row.body.substr(5);
        } else if (row.body.rfind("form:", 0) == 0) {
            t.request.body.kind = BodyKind::FormUrlEncoded;
            QString form = QString::fromStdString(row.body.substr(5));
            for (const QString& pair : form.split('&')) {
                const auto kv = pair.split('=');
                t.request.body.form.push_back({kv[0].toStdString(), kv.value(1).toStdString()});
            }
        }
        if (row.creds.rfind("bearer:", 0) == 0) {
            t.request.auth.kind = AuthKind::Bearer;
            t.request.auth.token = token(row.creds.substr(7));
        } else if (row.creds.rfind("cookie", 0) == 0) {
            t.request.headers.push_back({"Cookie", "session=s3ss10n-4f9c2e"});
            if (row.creds.find("+csrf") != std::string::npos) t.request.headers.push_back({"X-CSRF-Token", "csrf-7d1a9b3e"});
        }
        return t;
    }

    static ScanOptions fastOptions() {
        ScanOptions o;
        o.timeDelaySeconds = 0.3;        // sleep 0.3 s / 0.6 s
        o.sqliteHeavyUnits = 20000000;   // RANDOMBLOB(2e7) ~ 0.15 s, twice for the second level
        o.checkTimeoutMs = 30000;
        o.requestTimeoutMs = 10000;
        return o;
    }

    static QString describe(const std::vector<Finding>& fs) {
        QStringList l;
        for (const auto& f : fs)
            l << QString::fromStdString(f.checkId + " " + f.method + " " + f.url + " " + f.parameter + ": " + f.detail);
        return l.join('\n');
    }

private slots:
    void initTestCase() {
        QVERIFY2(api_.start(), "sonde-vuln-api did not start");
        EngineOptions eo;
        eo.cookies = false;  // scanned requests carry their own Cookie headers; no jar between probes
        engine_ = std::make_unique<Engine>(eo);
    }

    void findsVulnerableRoute_data() {
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("creds");
        auto row = [](const char* check, const char* method, const char* path, const char* body = "", const char* creds = "") {
            QTest::newRow((std::string(check) + " " + path).c_str()) << check << method << path << body << creds;
        };
        row("sqli-error", "GET", "/vuln/sqli?id=1");
        row("sqli-boolean", "GET", "/vuln/sqli-blind?id=1");
        row("sqli-boolean", "GET", "/vuln/sqli-search?name=apple");
        row("sqli-time", "GET", "/vuln/sqli-blind?id=2");
        row("nosqli-operator", "POST", "/vuln/nosql/login", R"(json:{"user":"alice","password":"guess"})");
        row("cmdi-output", "GET", "/vuln/cmd?host=example");
        row("cmdi-time", "GET", "/vuln/cmd-blind?host=example");
        row("path-traversal", "GET", "/vuln/file?name=readme.txt");
        row("ssti", "GET", "/vuln/ssti?name=Ann");
        row("xss-reflected", "GET", "/vuln/xss?q=shoes");
        row("crlf-injection", "GET", "/vuln/crlf?lang=en");
        row("open-redirect", "GET", "/vuln/redirect?next=/home");
        row("cors-origin-reflected", "GET", "/vuln/cors");
        row("cors-null-origin", "GET", "/vuln/cors");
        row("cors-preflight-permissive", "GET", "/vuln/cors");
        row("cors-origin-bypass", "GET", "/vuln/cors-prefix");
        row("header-content-type-options", "GET", "/vuln/headers");
        row("header-frame-options", "GET", "/vuln/headers");
        row("header-csp", "GET", "/vuln/headers");
        row("header-referrer-policy", "GET", "/vuln/headers");
        row("cookie-flags", "GET", "/vuln/headers");
        row("version-banner", "GET", "/vuln/headers");
        row("stack-trace", "GET", "/vuln/debug?id=7");
        row("header-cache-auth", "GET", "/vuln/auth/open", "", "bearer:strong");
        row("auth-missing", "GET", "/vuln/auth/open", "", "bearer:strong");
        row("auth-invalid-credentials", "GET", "/vuln/auth/profile", "", "bearer:strong");
        row("jwt-alg-none", "GET", "/vuln/jwt/none", "", "bearer:strong");
        row("jwt-signature-not-verified", "GET", "/vuln/jwt/nosig", "", "bearer:strong");
        row("jwt-weak-secret", "GET", "/vuln/jwt/weak", "", "bearer:weak");
        row("jwt-expired-accepted", "GET", "/vuln/jwt/expired", "", "bearer:expired");
        row("csrf", "POST", "/vuln/csrf/transfer", "form:amount=10&to=bob", "cookie");
        row("rate-limit-absent", "GET", "/vuln/ratelimit");
        row("methods-unsafe-advertised", "GET", "/vuln/methods");
        row("methods-trace", "GET", "/vuln/trace");
    }

    void findsVulnerableRoute() {
        QFETCH(QString, check);
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, body);
        QFETCH(QString, creds);
        ScanOptions o = fastOptions();
        o.checks = {check.toStdString()};
        Scanner scanner(*engine_, o);
        const ScanTarget t = target({method.toStdString(), path.toStdString(), body.toStdString(), creds.toStdString()});
        const ScanResult r = scanner.run({t});
        QVERIFY(!r.cancelled);
        QVERIFY(r.requestsSent > 0);
        const Finding* hit = nullptr;
        for (const auto& f : r.findings)
            if (f.checkId == check.toStdString()) hit = &f;
        QVERIFY2(hit, qPrintable("no finding; got:\n" + describe(r.findings)));
        QCOMPARE(QString::fromStdString(hit->method), method);
        QVERIFY(!hit->parameter.empty());
        QVERIFY(!hit->detail.empty());
        QVERIFY(hit->cwe > 0);
        QVERIFY(!hit->owasp.empty());
        QVERIFY(!hit->remediation.empty());
        QVERIFY2(hit->evidence.size() >= 2, "a finding carries at least two exchanges (probe and confirmation)");
        for (const auto& e : hit->evidence) {
            QVERIFY(e.response.status > 0);
            QVERIFY(e.request.url.find(api_.base()) == 0);
        }
    }

    void hardenedTwinsFindNothing() {
        const std::vector<Row> rows = {
            {"GET", "/safe/sqli?id=1", "", ""},
            {"GET", "/safe/sqli-blind?id=1", "", ""},
            {"GET", "/safe/sqli-search?name=apple", "", ""},
            {"POST", "/safe/nosql/login", R"(json:{"user":"alice","password":"guess"})", ""},
            {"GET", "/safe/cmd?host=example", "", ""},
            {"GET", "/safe/cmd-blind?host=example", "", ""},
            {"GET", "/safe/file?name=readme.txt", "", ""},
            {"GET", "/safe/ssti?name=Ann", "", ""},
            {"GET", "/safe/xss?q=shoes", "", ""},
            {"GET", "/safe/crlf?lang=en", "", ""},
            {"GET", "/safe/redirect?next=/home", "", ""},
            {"GET", "/safe/cors", "", ""},
            {"GET", "/safe/cors-prefix", "", ""},
            {"GET", "/safe/headers", "", ""},
            {"GET", "/safe/debug?id=7", "", ""},
            {"GET", "/safe/methods", "", ""},
            {"GET", "/safe/trace", "", ""},
            {"GET", "/safe/cleartext", "", ""},
            {"GET", "/safe/auth/open", "", "bearer:strong"},
            {"GET", "/safe/auth/profile", "", "bearer:strong"},
            {"GET", "/safe/jwt", "", "bearer:strong"},
            {"POST", "/safe/csrf/transfer", "form:amount=10&to=bob", "cookie+csrf"},
        };
        std::vector<ScanTarget> targets;
        for (const auto& r : rows) targets.push_back(target(r));
        Scanner scanner(*engine_, fastOptions());  // the whole default catalogue
        // Where the time goes (printed, not asserted).
        struct Timer : ScanObserver {
            QElapsedTimer clock;
            std::string current;
            std::map<std::string, qint64> spent;
            void onCheckStarted(const std::string& id, const ScanTarget& t, int, int) override {
                if (!current.empty()) spent[current] += clock.restart();
                else clock.start();
                current = id + " " + t.request.url.substr(t.request.url.find("/safe"));
            }
        } timer;
        const ScanResult r = scanner.run(targets, &timer);
        std::vector<std::pair<qint64, std::string>> slowest;
        for (const auto& [id, ms] : timer.spent) slowest.push_back({ms, id});
        std::sort(slowest.rbegin(), slowest.rend());
        for (std::size_t i = 0; i < slowest.size() && i < 5; ++i)
            qInfo("%s: %lld ms over %zu targets", slowest[i].second.c_str(), slowest[i].first, targets.size());
        qInfo("%d requests", r.requestsSent);
        QVERIFY(!r.cancelled);
        QVERIFY(!r.budgetExhausted);
        QVERIFY(r.requestsSent > 500);
        QVERIFY2(r.findings.empty(), qPrintable("false positives:\n" + describe(r.findings)));

        // The opt-in rate-limit check on its hardened twin.
        ScanOptions o = fastOptions();
        o.checks = {"ratelimit"};
        Scanner limited(*engine_, o);
        const ScanResult r2 = limited.run({target({"GET", "/safe/ratelimit", "", ""})});
        QVERIFY2(r2.findings.empty(), qPrintable(describe(r2.findings)));
    }

    void cancelKeepsPartialFindings() {
        ScanOptions o = fastOptions();
        o.checks = {"passive", "sqli-time"};
        Scanner scanner(*engine_, o);
        const ScanTarget headers = target({"GET", "/vuln/headers", "", ""});
        const ScanTarget slow = target({"GET", "/vuln/sqli-blind?id=1", "", ""});
        struct Canceller : ScanObserver {
            Scanner* s = nullptr;
            void onCheckStarted(const std::string& id, const ScanTarget& t, int, int) override {
                if (id == "sqli-time" && t.request.url.find("sqli-blind") != std::string::npos) s->cancel();
            }
        } obs;
        obs.s = &scanner;
        const ScanResult r = scanner.run({headers, slow}, &obs);
        QVERIFY(r.cancelled);
        QVERIFY2(!r.findings.empty(), "findings confirmed before the cancel are kept");
        for (const auto& f : r.findings) QVERIFY(f.url.find("/vuln/headers") != std::string::npos);
    }

    void readOnlyScopeAndBudget() {
        // PUT without allowUnsafe: no probe goes out (the baseline itself is refused).
        ScanOptions o = fastOptions();
        Scanner s1(*engine_, o);
        ScanTarget put = target({"PUT", "/vuln/sqli?id=1", "", ""});
        const ScanResult r1 = s1.run({put});
        QCOMPARE(r1.requestsSent, 0);
        QVERIFY(r1.findings.empty());
        // A budget stops the scan and says so.
        o.requestBudget = 10;
        Scanner s2(*engine_, o);
        const ScanResult r2 = s2.run({target({"GET", "/vuln/sqli?id=1", "", ""})});
        QVERIFY(r2.budgetExhausted);
        QCOMPARE(r2.requestsSent, 10);
        // Redirects are not followed: the open-redirect probe to a foreign host stays a 302 in evidence.
        ScanOptions o3 = fastOptions();
        o3.checks = {"open-redirect"};
        Scanner s3(*engine_, o3);
        const ScanResult r3 = s3.run({target({"GET", "/vuln/redirect?next=/home", "", ""})});
        QCOMPARE(r3.findings.size(), std::size_t(1));
        for (const auto& e : r3.findings[0].evidence) QCOMPARE(e.response.status, 302);
    }
};

QTEST_GUILESS_MAIN(TestSecurityChecks)
#include "test_security_checks.moc"
