// Reports: SARIF 2.1.0 essentials (checked structurally: no schema validator offline), JUnit parses,
// JSON/HTML redact secrets, a baseline suppresses exactly the findings it lists, the CI gate.
#include <QtTest>

#include <QXmlStreamReader>

#include <nlohmann/json.hpp>

#include "core/security/report.h"

using namespace sonde;
using nlohmann::json;

namespace {

Exchange makeExchange(const std::string& url, int status) {
    Exchange e;
    e.request.method = "GET";
    e.request.url = url;
    e.request.headers = {{"Authorization", "Bearer tok-SECRET-123"}, {"Cookie", "session=abc123"}, {"X-Key", "hush-hush-value"}};
    e.response.status = status;
    e.response.headers = {{"Set-Cookie", "session=newvalue; HttpOnly"}, {"Content-Type", "text/html"}};
    e.response.body = "<p>echo hush-hush-value</p>";
    return e;
}

Finding finding(const std::string& id, Severity s, Confidence c, const std::string& path, const std::string& param) {
    Finding f;
    f.checkId = id;
    f.family = id.substr(0, id.find('-'));
    f.title = "Title of " + id;
    f.severity = s;
    f.confidence = c;
    f.cwe = 89;
    f.owasp = "Injection";
    f.remediation = "Fix it.";
    f.method = "GET";
    f.url = "http://127.0.0.1:8080" + path + "?id=1";
    f.pathTemplate = path;
    f.parameter = param;
    f.detail = "Because <evidence> & more.";
    f.evidence = {makeExchange(f.url, 200), makeExchange(f.url + "'", 500)};
    return f;
}

ScanReport sample() {
    ScanReport r;
    r.findings = {finding("sqli-error", Severity::High, Confidence::Firm, "/items/{id}", "query:id"),
                  finding("xss-reflected", Severity::Medium, Confidence::Firm, "/search", "query:q"),
                  finding("header-csp", Severity::Low, Confidence::Certain, "/search", "header:Content-Security-Policy")};
    r.findings[2].sourceFile = "api/search.sonde";
    r.findings[2].sourceLine = 12;
    CheckInfo c;
    c.id = "sqli-error";
    c.family = "sqli";
    c.title = "SQL injection (error-based)";
    c.description = "desc";
    c.remediation = "Use bound parameters.";
    c.cwe = 89;
    c.owasp = "Injection";
    c.severity = Severity::High;
    r.checks = {c};
    r.endpoints = {{"GET", "http://127.0.0.1:8080/items/1?id=1", "/items/{id}"}, {"GET", "http://127.0.0.1:8080/search", "/search"}};
    r.requestsSent = 42;
    return r;
}

}  // namespace

class TestSecurityReports : public QObject {
    Q_OBJECT

private slots:
    void sarifEssentials() {
        ReportOptions o;
        o.secrets = {"hush-hush-value"};
        const json doc = json::parse(sarifReport(sample(), o));
        QCOMPARE(QString::fromStdString(doc["version"].get<std::string>()), QString("2.1.0"));
        QVERIFY(doc["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
        QCOMPARE(doc["runs"].size(), std::size_t(1));
        const json& run = doc["runs"][0];
        QCOMPARE(QString::fromStdString(run["tool"]["driver"]["name"].get<std::string>()), QString("Sonde"));
        const json& rules = run["tool"]["driver"]["rules"];
        QVERIFY(rules.is_array());
        QCOMPARE(rules.size(), std::size_t(3));  // the ran check + the two other finding rules
        for (const auto& r : rules) {
            for (const char* k : {"id", "name"}) QVERIFY(!r[k].get<std::string>().empty());
            QVERIFY(!r["shortDescription"]["text"].get<std::string>().empty());
            QVERIFY(!r["fullDescription"]["text"].get<std::string>().empty());
            QVERIFY(!r["help"]["text"].get<std::string>().empty());
            const double score = std::stod(r["properties"]["security-severity"].get<std::string>());
            QVERIFY(score > 0 && score <= 10);
            bool cweTag = false;
            for (const auto& t : r["properties"]["tags"]) cweTag = cweTag || t.get<std::string>().rfind("external/cwe/cwe-", 0) == 0;
            QVERIFY(cweTag);
            const std::string level = r["defaultConfiguration"]["level"];
            QVERIFY(level == "error" || level == "warning" || level == "note");
        }
        const json& results = run["results"];
        QCOMPARE(results.size(), std::size_t(3));
        for (const auto& res : results) {
            QVERIFY(!res["ruleId"].get<std::string>().empty());
            QVERIFY(!res["message"]["text"].get<std::string>().empty());
            QVERIFY(res["level"].is_string());
            QVERIFY(res["ruleIndex"].get<int>() < static_cast<int>(rules.size()));
            QCOMPARE(rules[res["ruleIndex"].get<int>()]["id"], res["ruleId"]);
            QVERIFY(res["locations"].size() >= 1);
            const json& pl = res["locations"][0]["physicalLocation"];
            QVERIFY(!pl["artifactLocation"]["uri"].get<std::string>().empty());
            QVERIFY(pl["region"]["startLine"].get<int>() >= 1);
            QCOMPARE(res["partialFingerprints"]["sondeFinding/v1"].get<std::string>().size(), std::size_t(32));
        }
        // The collection-directory request lands on its file and line; the others on the URL.
        QCOMPARE(QString::fromStdString(results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]), QString("api/search.sonde"));
        QCOMPARE(results[2]["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>(), 12);
        QVERIFY(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().rfind("http://127.0.0.1:8080/items", 0) == 0);
        // Fingerprints are stable across runs and independent of the payload/URL values.
        Finding a = sample().findings[0], b = a;
        b.url = "http://127.0.0.1:8080/items/99?id=7";
        b.payload = "other";
        QCOMPARE(a.fingerprint(), b.fingerprint());
        b.parameter = "query:other";
        QVERIFY(a.fingerprint() != b.fingerprint());
        // Secrets are redacted in the evidence.
        const std::string text = doc.dump();
        for (const char* secret : {"tok-SECRET-123", "abc123", "hush-hush-value", "newvalue"})
            QVERIFY2(text.find(secret) == std::string::npos, secret);
    }

    void junitParses() {
        ScanReport r = sample();
        std::vector<Finding> fresh, suppressed;
        applyBaseline(r.findings, {r.findings[1].fingerprint()}, fresh, suppressed);
        r.findings = fresh;
        r.suppressed = suppressed;
        QXmlStreamReader xml(QString::fromStdString(junitReport(r)));
        int cases = 0, failures = 0, skipped = 0, suites = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement()) continue;
            if (xml.name() == QLatin1String("testsuite")) ++suites;
            if (xml.name() == QLatin1String("testcase")) ++cases;
            if (xml.name() == QLatin1String("failure")) {
                ++failures;
                QVERIFY(!xml.attributes().value("type").isEmpty());
                QVERIFY(xml.attributes().value("message").toString().contains("high") ||
                        xml.attributes().value("message").toString().contains("low"));
            }
            if (xml.name() == QLatin1String("skipped")) ++skipped;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(failures, 2);
        QCOMPARE(skipped, 1);
        QVERIFY(suites >= 2);
        QVERIFY(cases >= 3);
    }

    void baselineSuppressesExactlyListed() {
        const ScanReport r = sample();
        const std::string file = writeBaseline({r.findings[0], r.findings[2]});
        auto fps = parseBaseline(file, "baseline.json");
        QVERIFY(fps.ok());
        QCOMPARE(fps->size(), std::size_t(2));
        std::vector<Finding> fresh, suppressed;
        applyBaseline(r.findings, *fps, fresh, suppressed);
        QCOMPARE(fresh.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(fresh[0].checkId), QString("xss-reflected"));
        QCOMPARE(suppressed.size(), std::size_t(2));
        // A new parameter on the same route is a new finding.
        Finding other = r.findings[0];
        other.parameter = "query:sort";
        fresh.clear();
        suppressed.clear();
        applyBaseline({other}, *fps, fresh, suppressed);
        QCOMPARE(fresh.size(), std::size_t(1));
        // Broken files are errors that name the place.
        auto bad = parseBaseline("{\"findings\": [{}]}", "b.json");
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().where.find("b.json") == 0);
        QVERIFY(!parseBaseline("nope", "b.json").ok());
    }

    void gate_data() {
        QTest::addColumn<QString>("failOn");
        QTest::addColumn<QString>("minConfidence");
        QTest::addColumn<bool>("met");
        QTest::newRow("high firm") << "high" << "firm" << true;
        QTest::newRow("critical") << "critical" << "tentative" << false;
        QTest::newRow("high certain") << "high" << "certain" << false;
        QTest::newRow("low certain") << "low" << "certain" << true;
        QTest::newRow("info tentative") << "info" << "tentative" << true;
    }
    void gate() {
        QFETCH(QString, failOn);
        QFETCH(QString, minConfidence);
        QFETCH(bool, met);
        Severity s;
        Confidence c;
        QVERIFY(severityFromString(failOn.toStdString(), s));
        QVERIFY(confidenceFromString(minConfidence.toStdString(), c));
        QCOMPARE(thresholdMet(sample().findings, s, c), met);
        QVERIFY(!thresholdMet({}, Severity::Info, Confidence::Tentative));
    }

    void jsonHtmlConsoleRedacted() {
        ReportOptions o;
        o.secrets = {"hush-hush-value"};
        const ScanReport r = sample();
        const json j = json::parse(jsonReport(r, o));
        QCOMPARE(j["findings"].size(), std::size_t(3));
        QCOMPARE(j["summary"]["requestsSent"].get<int>(), 42);
        QCOMPARE(j["findings"][0]["evidence"].size(), std::size_t(2));
        const std::string html = htmlReport(r, o);
        QVERIFY(html.rfind("<!DOCTYPE html>", 0) == 0);
        QVERIFY(html.find("<script") == std::string::npos);
        QVERIFY(html.find("Because &lt;evidence&gt; &amp; more.") != std::string::npos);
        QVERIFY(html.find("Bearer [redacted]") != std::string::npos);
        for (const std::string& text : {j.dump(), html})
            for (const char* secret : {"tok-SECRET-123", "abc123", "hush-hush-value", "newvalue"})
                QVERIFY2(text.find(secret) == std::string::npos, secret);
        const std::string console = consoleReport(r);
        QVERIFY(console.find("3 finding(s) (1 high, 1 medium, 1 low)") != std::string::npos);
        QVERIFY(console.find("api/search.sonde:12") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSecurityReports)
#include "test_security_reports.moc"
