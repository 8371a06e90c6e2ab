// The Runner against a real sonde-demo-api (started on a free port): captures flowing, data-file
// iterations, bail, parallel results in a stable order, tags and folders, transport errors, cancel and
// deadline (reports still written), secrets redacted in every report.
#include <QtTest>

#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/http/engine.h"
#include "core/runner/html_reporter.h"
#include "core/runner/json_reporter.h"
#include "core/runner/junit_reporter.h"
#include "core/runner/runner.h"
#include "demo_api_process.h"

using namespace sonde;

namespace {

Assertion check(CheckSource source, std::string selector, CheckOp op, std::string value) {
    Assertion a;
    a.source = source;
    a.selector = std::move(selector);
    a.op = op;
    a.value = std::move(value);
    return a;
}
Assertion status(int code) { return check(CheckSource::Status, "", CheckOp::Equals, std::to_string(code)); }

RequestSpec request(std::string name, std::string method, std::string url, std::vector<Assertion> asserts = {}) {
    RequestSpec r;
    r.name = std::move(name);
    r.method = std::move(method);
    r.url = std::move(url);
    r.assertions = std::move(asserts);
    return r;
}

RequestSpec login() {
    RequestSpec r = request("Login", "POST", "{{baseUrl}}/api/login", {status(200)});
    r.body.kind = BodyKind::Json;
    r.body.text = R"({"username":"demo","password":"{{password}}"})";
    Capture c;
    c.variable = "token";
    c.source = CheckSource::JsonPath;
    c.selector = "$.token";
    r.captures.push_back(c);
    return r;
}

RequestSpec me() {
    RequestSpec r = request("Me", "GET", "{{baseUrl}}/api/me",
                            {status(200), check(CheckSource::JsonPath, "$.username", CheckOp::Equals, "\"demo\"")});
    r.auth.kind = AuthKind::Bearer;
    r.auth.token = "{{token}}";
    return r;
}

Environment localEnv(const std::string& baseUrl, bool secretPassword = true) {
    Environment e;
    e.name = "local";
    e.variables = {Variable{"baseUrl", baseUrl}, Variable{"password", "sonde-demo", true, secretPassword},
                   Variable{"token", "", true, true}};
    return e;
}

std::string slurp(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Records the order of events.
struct EventLog : RunObserver {
    std::vector<std::string> events;
    void runStarted(const RunPlan& p) override { events.push_back("start " + std::to_string(p.requests.size())); }
    void requestDone(const RequestResult& r) override {
        events.push_back("req " + std::to_string(r.iteration) + "." + std::to_string(r.index));
    }
    void iterationDone(const IterationResult& it) override { events.push_back("iter " + std::to_string(it.iteration)); }
    void runDone(const RunResult&) override { events.push_back("done"); }
};

}  // namespace

class TestRunnerRun : public QObject {
    Q_OBJECT
    DemoApiProcess api_;
    Engine engine_;

    Collection collection(std::vector<RequestSpec> requests, std::vector<Folder> folders = {}) {
        Collection c;
        c.name = "Demo";
        c.root.requests = std::move(requests);
        c.root.folders = std::move(folders);
        return c;
    }
    RunOptions options() {
        RunOptions o;
        o.environment = localEnv(api_.baseUrl());
        return o;
    }

private slots:
    void initTestCase() { QVERIFY(api_.start()); }
    void capturesFlow();
    void delayRunsInOrder();
    void dataIterations_data();
    void dataIterations();
    void bail_data();
    void bail();
    void parallelStableOrder();
    void tagsAndFolders_data();
    void tagsAndFolders();
    void transportErrorIsAResult();
    void unresolvedVariableIsAnError();
    void reportsAndRedaction();
    void cancelWritesReports();
    void deadlineStopsTheRun();
    void demoApiStopsCleanly();
};

void TestRunnerRun::capturesFlow() {
    Runner runner(engine_, collection({login(), me()}), options());
    auto result = runner.run();
    QVERIFY(result.ok());
    QCOMPARE(result->stats.requests, 2);
    const auto& reqs = result->iterations.at(0).requests;
    QVERIFY2(result->passed(), reqs.at(1).assertions.empty() ? "" : reqs.at(1).assertions[0].actual.c_str());
    QCOMPARE(reqs.at(0).captured.size(), std::size_t(1));
    QVERIFY(result->stats.responseMaxMs > 0);
    QVERIFY(result->stats.responseAvgMs > 0 && result->stats.responseAvgMs <= result->stats.responseMaxMs);
    QCOMPARE(QString::fromStdString(reqs.at(0).captured[0].name), QString("token"));
    // Without the capture, /api/me answers 401: the token really flowed.
    Collection noLogin = collection({me()});
    Runner second(engine_, noLogin, options());
    auto r2 = second.run();
    QVERIFY(r2.ok());
    QVERIFY(!r2->passed());
    QCOMPARE(r2->iterations[0].requests[0].exchange->response.status, 401);
}

void TestRunnerRun::delayRunsInOrder() {
    // --delay uses worker threads that sleep between requests (not the chained mode).
    RunOptions o = options();
    o.delayMs = 30;
    o.iterations = 3;
    o.parallel = 2;
    EventLog log;
    Runner runner(engine_, collection({login(), me()}), o);
    runner.addObserver(&log);
    QElapsedTimer t;
    t.start();
    auto result = runner.run();
    QVERIFY(result.ok());
    QVERIFY(result->passed());
    QVERIFY(t.elapsed() >= 30);  // at least one pause happened
    QCOMPARE(log.events, (std::vector<std::string>{"start 2", "req 0.0", "req 0.1", "iter 0", "req 1.0", "req 1.1",
                                                   "iter 1", "req 2.0", "req 2.1", "iter 2", "done"}));
}

void TestRunnerRun::dataIterations_data() {
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("content");
    QTest::newRow("csv") << "users.csv" << "name,email\nAda,ada@x.test\n\"Turing, Alan\",alan@x.test\nGrace,g@x.test\n";
    QTest::newRow("json") << "users.json"
                          << R"([{"name":"Ada","email":"ada@x.test"},{"name":"Turing, Alan","email":"alan@x.test"},
                                 {"name":"Grace","email":"g@x.test"}])";
}

void TestRunnerRun::dataIterations() {
    QFETCH(QString, fileName);
    QFETCH(QString, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    std::ofstream(path.toStdString()) << content.toStdString();
    auto rows = loadDataFile(path.toStdString());
    QVERIFY(rows.ok());
    RequestSpec create = request("Create", "POST", "{{baseUrl}}/api/users",
                                 {status(201), check(CheckSource::JsonPath, "$.name", CheckOp::Equals, "\"{{name}}\"")});
    create.body.kind = BodyKind::Json;
    create.body.text = R"({"name":"{{name}}","email":"{{email}}"})";
    RunOptions o = options();
    o.data = *rows;
    Runner runner(engine_, collection({create}), o);
    auto result = runner.run();
    QVERIFY(result.ok());
    QCOMPARE(result->stats.iterations, 3);
    QVERIFY(result->passed());
    QString name;  // JSON rows come with their keys sorted, CSV rows in column order
    for (const auto& v : result->iterations[1].data)
        if (v.name == "name") name = QString::fromStdString(v.value);
    QCOMPARE(name, QString("Turing, Alan"));
    // The row's value went into the body: the API echoed it and the assertion compared it.
    QCOMPARE(QString::fromStdString(result->iterations[1].requests[0].assertions.at(1).actual), QString("\"Turing, Alan\""));
}

void TestRunnerRun::bail_data() {
    QTest::addColumn<bool>("bail");
    QTest::addColumn<int>("requests");
    QTest::newRow("bail stops") << true << 1;
    QTest::newRow("no bail runs on") << false << 4;
}

void TestRunnerRun::bail() {
    QFETCH(bool, bail);
    QFETCH(int, requests);
    RunOptions o = options();
    o.bail = bail;
    o.iterations = 2;
    Runner runner(engine_, collection({request("Error", "GET", "{{baseUrl}}/api/error", {status(200)}),
                                       request("Health", "GET", "{{baseUrl}}/health", {status(200)})}),
                  o);
    auto result = runner.run();
    QVERIFY(result.ok());
    QCOMPARE(result->stats.requests, requests);
    QCOMPARE(result->end, bail ? RunEnd::Bailed : RunEnd::Completed);
    const auto& a = result->iterations[0].requests[0].assertions.at(0);
    QVERIFY(!a.passed);
    QCOMPARE(QString::fromStdString(a.expected), QString("200"));
    QCOMPARE(QString::fromStdString(a.actual), QString("500"));
}

void TestRunnerRun::parallelStableOrder() {
    // Early iterations are the slowest, so they finish last; events and results still come in order.
    std::vector<DataRow> rows;
    for (int i = 0; i < 12; ++i) rows.push_back({Variable{"ms", std::to_string((12 - i) * 15)}});
    RunOptions o = options();
    o.data = rows;
    o.parallel = 4;
    EventLog log;
    Runner runner(engine_, collection({request("Slow", "GET", "{{baseUrl}}/api/slow?ms={{ms}}", {status(200)}),
                                       request("Health", "GET", "{{baseUrl}}/health", {status(200)})}),
                  o);
    runner.addObserver(&log);
    auto result = runner.run();
    QVERIFY(result.ok());
    QVERIFY(result->passed());
    std::vector<std::string> expected{"start 2"};
    for (int i = 0; i < 12; ++i) {
        expected.push_back("req " + std::to_string(i) + ".0");
        expected.push_back("req " + std::to_string(i) + ".1");
        expected.push_back("iter " + std::to_string(i));
    }
    expected.push_back("done");
    QCOMPARE(log.events, expected);
    for (int i = 0; i < 12; ++i) {
        QCOMPARE(result->iterations[i].iteration, i);
        QVERIFY(result->iterations[i].requests[0].url.find("ms=" + std::to_string((12 - i) * 15)) != std::string::npos);
    }
}

void TestRunnerRun::tagsAndFolders_data() {
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QStringList>("exclude");
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("expected");  // "folder/name" joined with ','; or "error"
    QTest::newRow("all") << QStringList{} << QStringList{} << "" << "Health,Users/List,Users/Admin/Me";
    QTest::newRow("tag smoke") << QStringList{"smoke"} << QStringList{} << "" << "Health,Users/Admin/Me";
    QTest::newRow("exclude slow") << QStringList{} << QStringList{"slow"} << "" << "Health,Users/Admin/Me";
    QTest::newRow("folder by name") << QStringList{} << QStringList{} << "Admin" << "Users/Admin/Me";
    QTest::newRow("folder by path") << QStringList{} << QStringList{} << "Users" << "Users/List,Users/Admin/Me";
    QTest::newRow("unknown folder") << QStringList{} << QStringList{} << "Nope" << "error";
    QTest::newRow("no match") << QStringList{"none"} << QStringList{} << "" << "error";
}

void TestRunnerRun::tagsAndFolders() {
    QFETCH(QStringList, tags);
    QFETCH(QStringList, exclude);
    QFETCH(QString, folder);
    QFETCH(QString, expected);
    RequestSpec health = request("Health", "GET", "{{baseUrl}}/health");
    health.tags = {"smoke"};
    RequestSpec list = request("List", "GET", "{{baseUrl}}/api/users");
    list.tags = {"slow"};
    RequestSpec meReq = request("Me", "GET", "{{baseUrl}}/health");
    meReq.tags = {"smoke", "auth"};
    Folder admin{"", "Admin", "", {}, {meReq}};
    Folder users{"", "Users", "", {admin}, {list}};
    RunOptions o = options();
    for (const auto& t : tags) o.tags.push_back(t.toStdString());
    for (const auto& t : exclude) o.excludeTags.push_back(t.toStdString());
    o.folder = folder.toStdString();
    Runner runner(engine_, collection({health}, {users}), o);
    auto plan = runner.plan();
    if (expected == "error") {
        QVERIFY(!plan.ok());
        QCOMPARE(QString::fromStdString(plan.error().code), QString("input"));
        QVERIFY(!runner.run().ok());
        return;
    }
    QVERIFY(plan.ok());
    QStringList names;
    for (const auto& p : plan->requests)
        names << QString::fromStdString(p.folder.empty() ? p.name : p.folder + "/" + p.name);
    QCOMPARE(names.join(','), expected);
    auto result = runner.run();
    QVERIFY(result.ok());
    QCOMPARE(result->stats.requests, static_cast<int>(names.size()));
}

void TestRunnerRun::transportErrorIsAResult() {
    RunOptions o = options();
    o.timeoutMs = 2000;
    Runner runner(engine_, collection({request("Refused", "GET", "http://127.0.0.1:1/", {status(200)}),
                                       request("Health", "GET", "{{baseUrl}}/health", {status(200)})}),
                  o);
    auto result = runner.run();
    QVERIFY(result.ok());
    const auto& r = result->iterations[0].requests;
    QCOMPARE(r.size(), std::size_t(2));
    QCOMPARE(r[0].status, RequestStatus::Error);
    QVERIFY(r[0].error.has_value());
    QCOMPARE(r[1].status, RequestStatus::Passed);
    QCOMPARE(result->stats.transportErrors, 1);
}

void TestRunnerRun::unresolvedVariableIsAnError() {
    Runner runner(engine_, collection({request("Undefined", "GET", "{{baseUrl}}/api/users/{{missing}}")}), options());
    auto result = runner.run();
    QVERIFY(result.ok());
    const auto& r = result->iterations[0].requests[0];
    QCOMPARE(r.status, RequestStatus::Error);
    QVERIFY(r.error->title.find("missing") != std::string::npos);
}

void TestRunnerRun::reportsAndRedaction() {
    QTemporaryDir dir;
    const QString junit = dir.filePath("junit.xml"), json = dir.filePath("report.json"), html = dir.filePath("r.html");
    JunitReporter junitRep(junit.toStdString());
    JsonReporter jsonRep(json.toStdString());
    HtmlReporter htmlRep(html.toStdString());
    RunOptions o = options();
    o.iterations = 2;
    // A failing assertion whose actual value would show the secret if it were not redacted.
    RequestSpec echo = request("Echo", "POST", "{{baseUrl}}/api/echo",
                               {check(CheckSource::JsonPath, "$.body", CheckOp::Equals, "\"x\"")});
    echo.body.kind = BodyKind::Text;
    echo.body.text = "pw={{password}}";
    Folder users{"", "Users", "", {}, {me()}};
    Runner runner(engine_, collection({login(), echo}, {users}), o);
    runner.addObserver(&junitRep);
    runner.addObserver(&jsonRep);
    runner.addObserver(&htmlRep);
    auto result = runner.run();
    QVERIFY(result.ok());
    QCOMPARE(result->stats.requests, 6);
    QCOMPARE(result->stats.requestsFailed, 2);  // Echo in both iterations
    QVERIFY(!junitRep.error() && !jsonRep.error() && !htmlRep.error());

    for (const QString& f : {junit, json, html}) {
        const std::string text = slurp(f);
        QVERIFY2(!text.empty(), qPrintable(f));
        QVERIFY2(text.find("sonde-demo\"") == std::string::npos && text.find("pw=sonde-demo") == std::string::npos,
                 qPrintable(f + " shows the secret password"));
        for (auto at = text.find("Bearer "); at != std::string::npos; at = text.find("Bearer ", at + 1))
            QVERIFY2(text.compare(at + 7, 3, "\xE2\x80\xA2") == 0,  // the mask, "••••"
                     qPrintable(f + " shows a bearer token: " + QString::fromStdString(text.substr(at, 60))));
    }
    auto j = nlohmann::json::parse(slurp(json));
    QCOMPARE(j["executions"].size(), std::size_t(6));  // every exchange
    for (const auto& e : j["executions"]) {
        QVERIFY(e.contains("response"));
        QVERIFY(e["response"]["timings"].contains("total"));
        if (e["name"] == "Login") {
            const std::string token = e["captures"]["token"].get<std::string>();
            QVERIFY2(token.find("••••") != std::string::npos, token.c_str());
        }
    }
    QFile f(junit);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int cases = 0, failures = 0, suites = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == u"testsuite") ++suites;
        if (xml.name() == u"testcase") ++cases;
        if (xml.name() == u"failure") ++failures;
    }
    QVERIFY(!xml.hasError());
    QCOMPARE(suites, 2);  // root and Users
    QCOMPARE(cases, 6);
    QCOMPARE(failures, 2);
    const QString h = QString::fromStdString(slurp(html));
    QVERIFY(!h.contains(QRegularExpression(R"(\b(src|href)\s*=)")));
}

void TestRunnerRun::cancelWritesReports() {
    QTemporaryDir dir;
    const QString junit = dir.filePath("junit.xml");
    JunitReporter junitRep(junit.toStdString());
    RunOptions o = options();
    o.iterations = 3;
    Runner runner(engine_, collection({request("Health", "GET", "{{baseUrl}}/health", {status(200)}),
                                       request("Slow", "GET", "{{baseUrl}}/api/slow?ms=10000", {status(200)})}),
                  o);
    runner.addObserver(&junitRep);
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        runner.cancel();
    });
    QElapsedTimer t;
    t.start();
    auto result = runner.run();
    canceller.join();
    QVERIFY(result.ok());
    QVERIFY(t.elapsed() < 8000);  // did not wait for the slow route
    QCOMPARE(result->end, RunEnd::Cancelled);
    QCOMPARE(result->stats.iterations, 1);
    QCOMPARE(result->iterations[0].requests.size(), std::size_t(2));
    QCOMPARE(result->iterations[0].requests[1].status, RequestStatus::Cancelled);
    const std::string xml = slurp(junit);
    QVERIFY(xml.find("<skipped message=\"cancelled\"/>") != std::string::npos);
}

void TestRunnerRun::deadlineStopsTheRun() {
    RunOptions o = options();
    o.deadlineMs = 400;
    o.iterations = 5;
    Runner runner(engine_, collection({request("Slow", "GET", "{{baseUrl}}/api/slow?ms=10000", {status(200)})}), o);
    auto result = runner.run();
    QVERIFY(result.ok());
    QCOMPARE(result->end, RunEnd::DeadlineExceeded);
    QCOMPARE(result->stats.requests, 1);
    QVERIFY(!result->passed());
}

void TestRunnerRun::demoApiStopsCleanly() {
    api_.stop();
    QCOMPARE(api_.exitStatus(), QProcess::NormalExit);
    QCOMPARE(api_.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestRunnerRun)
#include "test_runner_run.moc"
