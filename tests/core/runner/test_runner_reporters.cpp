// Reporters fed a hand-made run: JUnit counts and structure (QXmlStreamReader), JSON has every
// exchange, HTML is self-contained and escaped, console shows expected vs actual.
#include <QtTest>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/runner/console_reporter.h"
#include "core/runner/html_reporter.h"
#include "core/runner/json_reporter.h"
#include "core/runner/junit_reporter.h"

using namespace sonde;

namespace {

RequestResult makeRequest(int iteration, int index, std::string folder, std::string name, int status,
                          std::vector<AssertionOutcome> assertions) {
    RequestResult r;
    r.iteration = iteration;
    r.index = index;
    r.folder = std::move(folder);
    r.name = std::move(name);
    r.method = "GET";
    r.url = "http://127.0.0.1:1/x?q=<&>";
    r.durationMs = 12.5;
    Exchange ex;
    ex.request.method = "GET";
    ex.request.url = r.url;
    ex.response.status = status;
    ex.response.body = "{\"ok\":true}";
    ex.response.timings.total = 12.5;
    r.exchange = ex;
    r.responseStatus = status;
    r.assertions = std::move(assertions);
    r.status = r.failedAssertions() ? RequestStatus::Failed : RequestStatus::Passed;
    return r;
}

AssertionOutcome outcome(bool passed, std::string expected, std::string actual) {
    AssertionOutcome a;
    a.description = "status equals " + expected;
    a.passed = passed;
    a.expected = std::move(expected);
    a.actual = std::move(actual);
    return a;
}

// Two iterations over three requests in two folders: one failed assertion (two failures in it),
// one transport error.
RunResult sampleRun() {
    RunResult run;
    run.collectionName = "Demo <API>";
    run.environmentName = "local";
    run.startedAt = "2026-11-24T10:00:00.000Z";
    for (int i = 0; i < 2; ++i) {
        IterationResult it;
        it.iteration = i;
        it.requests.push_back(makeRequest(i, 0, "", "Health", 200, {outcome(true, "200", "200")}));
        it.requests.push_back(makeRequest(i, 1, "Users", "List users", i == 1 ? 500 : 200,
                                          {outcome(i == 0, "200", i == 1 ? "500" : "200"),
                                           outcome(i == 0, "\"ada\"", i == 1 ? "\"]]>\x01\"" : "\"ada\"")}));
        RequestResult err;
        err.iteration = i;
        err.index = 2;
        err.folder = "Users";
        err.name = "Refused";
        err.method = "GET";
        err.url = "http://127.0.0.1:9/";
        err.status = i == 0 ? RequestStatus::Error : RequestStatus::Passed;
        if (i == 0) err.error = makeError("Connection refused", "http://127.0.0.1:9/", "", "refused");
        else err.exchange = Exchange{};
        it.requests.push_back(err);
        run.iterations.push_back(it);
    }
    run.stats.iterations = 2;
    run.stats.requests = 6;
    run.stats.requestsFailed = 2;
    run.stats.transportErrors = 1;
    run.stats.assertions = 6;
    run.stats.assertionsFailed = 2;
    run.stats.totalMs = 80;
    return run;
}

std::string slurp(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void feed(RunObserver& o, const RunResult& run) {
    RunPlan plan;
    plan.collectionName = run.collectionName;
    plan.iterations = 2;
    plan.requests = {{"", "Health", ""}, {"Users", "List users", ""}, {"Users", "Refused", ""}};
    o.runStarted(plan);
    for (const auto& it : run.iterations) {
        for (const auto& r : it.requests) o.requestDone(r);
        o.iterationDone(it);
    }
    o.runDone(run);
}

}  // namespace

class TestRunnerReporters : public QObject {
    Q_OBJECT
private slots:
    void junitCounts();
    void jsonHasEveryExchange();
    void htmlSelfContained();
    void consoleShowsExpectedActual_data();
    void consoleShowsExpectedActual();
    void unwritablePathIsAnError();
};

void TestRunnerReporters::junitCounts() {
    QTemporaryDir dir;
    const QString path = dir.filePath("junit.xml");
    JunitReporter rep(path.toStdString(), "ci-host");
    feed(rep, sampleRun());
    QVERIFY(!rep.error());

    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QMap<QString, int> suiteTests, suiteFailures, suiteErrors;
    QString currentSuite;
    int testcases = 0, failures = 0, errors = 0;
    QSet<QString> caseKeys;
    QString rootTests;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto a = xml.attributes();
        if (xml.name() == u"testsuites") rootTests = a.value("tests").toString();
        if (xml.name() == u"testsuite") {
            currentSuite = a.value("name").toString();
            suiteTests[currentSuite] = a.value("tests").toInt();
            suiteFailures[currentSuite] = a.value("failures").toInt();
            suiteErrors[currentSuite] = a.value("errors").toInt();
            QCOMPARE(a.value("hostname").toString(), QString("ci-host"));
            QCOMPARE(a.value("timestamp").toString(), QString("2026-11-24T10:00:00"));
        }
        if (xml.name() == u"testcase") {
            ++testcases;
            QVERIFY(!a.value("classname").isEmpty());
            QVERIFY(QRegularExpression(R"(^\d+\.\d{3}$)").match(a.value("time").toString()).hasMatch());  // seconds
            caseKeys.insert(a.value("classname").toString() + "|" + a.value("name").toString());
        }
        if (xml.name() == u"failure") {
            ++failures;
            QCOMPARE(a.value("type").toString(), QString("AssertionFailure"));
            QVERIFY(a.value("message").toString().contains("expected"));
        }
        if (xml.name() == u"error") ++errors;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(rootTests, QString("6"));
    QCOMPARE(testcases, 6);
    QCOMPARE(caseKeys.size(), 6);  // unique classname+name (GitLab drops duplicates)
    QCOMPARE(failures, 2);        // one <failure> per failed assertion
    QCOMPARE(errors, 1);
    QCOMPARE(suiteTests.size(), 2);  // a suite per folder
    QCOMPARE(suiteTests["Demo <API>"], 2);
    QCOMPARE(suiteTests["Demo <API>/Users"], 4);
    QCOMPARE(suiteFailures["Demo <API>/Users"], 1);
    QCOMPARE(suiteErrors["Demo <API>/Users"], 1);
    QVERIFY(caseKeys.contains("Demo <API>.Users|List users [iteration 2]"));
}

void TestRunnerReporters::jsonHasEveryExchange() {
    QTemporaryDir dir;
    const QString path = dir.filePath("report.json");
    JsonReporter rep(path.toStdString());
    feed(rep, sampleRun());
    QVERIFY(!rep.error());
    auto j = nlohmann::json::parse(slurp(path));
    QCOMPARE(j["format"].get<std::string>(), std::string("sonde-report"));
    QCOMPARE(j["executions"].size(), std::size_t(6));
    QCOMPARE(j["executions"][1]["response"]["status"].get<int>(), 200);
    QCOMPARE(j["executions"][1]["assertions"].size(), std::size_t(2));
    QVERIFY(j["executions"][2].contains("error"));
    QCOMPARE(j["executions"][4]["iteration"].get<int>(), 2);
    QCOMPARE(j["run"]["stats"]["requests"]["total"].get<int>(), 6);
    QCOMPARE(j["run"]["stats"]["assertions"]["failed"].get<int>(), 2);
    QCOMPARE(j["run"]["failures"].size(), std::size_t(3));  // 2 assertions + 1 transport error
}

void TestRunnerReporters::htmlSelfContained() {
    const std::string html = HtmlReporter::render(sampleRun());
    const QString h = QString::fromStdString(html);
    QVERIFY(!h.contains(QRegularExpression(R"(\b(src|href)\s*=)", QRegularExpression::CaseInsensitiveOption)));
    QVERIFY(!h.contains("<script"));
    QVERIFY(!h.contains("<API>"));  // escaped
    QVERIFY(h.contains("Demo &lt;API&gt;"));
    // Failures come before the table of all requests.
    QVERIFY(h.indexOf("Failures") < h.indexOf("Requests and timings"));
    QVERIFY(h.contains("expected: 200"));
    QVERIFY(h.contains("actual:   500"));
}

void TestRunnerReporters::consoleShowsExpectedActual_data() {
    QTest::addColumn<bool>("tty");
    QTest::newRow("plain") << false;
    QTest::newRow("tty") << true;
}

void TestRunnerReporters::consoleShowsExpectedActual() {
    QFETCH(bool, tty);
    std::ostringstream out;
    ConsoleReporter rep(out, ConsoleOptions{tty, false, false});
    feed(rep, sampleRun());
    const QString text = QString::fromStdString(out.str());
    QVERIFY(text.contains("expected: 200"));
    QVERIFY(text.contains("actual:   500"));
    QVERIFY(text.contains("Connection refused"));
    QVERIFY(text.contains("FAILED"));
    QCOMPARE(text.contains("PASS  Health"), !tty);  // plain lines only without a terminal
    QCOMPARE(text.contains("6/6 requests"), tty);    // the progress bar only on a terminal
}

void TestRunnerReporters::unwritablePathIsAnError() {
    JunitReporter junit("/nonexistent-dir/junit.xml");
    JsonReporter json("/nonexistent-dir/r.json");
    HtmlReporter html("/nonexistent-dir/r.html");
    feed(junit, sampleRun());
    feed(json, sampleRun());
    feed(html, sampleRun());
    QVERIFY(junit.error());
    QVERIFY(json.error());
    QVERIFY(html.error());
    QCOMPARE(QString::fromStdString(junit.error()->where), QString("/nonexistent-dir/junit.xml"));
}

QTEST_APPLESS_MAIN(TestRunnerReporters)
#include "test_runner_reporters.moc"
