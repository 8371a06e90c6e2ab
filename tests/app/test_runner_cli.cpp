// sonde-cli run end to end: the built executable against a real sonde-demo-api started on a free port.
// Exit codes 0/1/2/3 (and 130 on SIGINT, with the reports still written), the sample collection,
// reporters, folders, tags, data files, and a run recorded in the store.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include "core/formats/text_tree_importer.h"
#include "core/store/collection_repository.h"
#include "core/store/run_repository.h"
#include "demo_api_process.h"

namespace {

const QString kSample = QStringLiteral(SONDE_SOURCE_DIR "/resources/sample");

struct Run {
    int exitCode = -1;
    QString out, err;
};

void writeFile(const QString& path, const QString& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
}

QString readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

}  // namespace

class TestRunnerCli : public QObject {
    Q_OBJECT
    DemoApiProcess api_;
    QTemporaryDir tmp_;

    QString base() const { return QString::fromStdString(api_.baseUrl()); }

    Run run(QStringList args) {
        QProcess p;
        p.setProgram(QStringLiteral(SONDE_CLI));
        p.setArguments(args);
        p.setWorkingDirectory(tmp_.path());
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("NO_COLOR", "1");
        env.insert("SONDE_DB", tmp_.filePath("default.db"));  // never the user's store
        p.setProcessEnvironment(env);
        p.start();
        Run r;
        if (!p.waitForStarted() || !p.waitForFinished(60000)) return r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    // A single request file (the text format) in the temporary folder.
    QString requestFile(const QString& name, const QString& url, const QString& expectedStatus) {
        const QString path = tmp_.filePath(name + ".yaml");
        writeFile(path, QString("name: %1\nmethod: GET\nurl: \"%2\"\nassertions:\n  - source: status\n    op: equals\n"
                                "    value: \"%3\"\n")
                            .arg(name, url, expectedStatus));
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(api_.start()); }
    void exitCodes_data();
    void exitCodes();
    void sampleWithReports();
    void foldersAndTags_data();
    void foldersAndTags();
    void dataFileIterations();
    void sigintWritesReports();
    void storedCollectionIsRecorded();
};

void TestRunnerCli::exitCodes_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QString>("expected");  // text in stdout or stderr
    const QString baseVar = "baseUrl=" + base();
    QTest::newRow("sample passes") << QStringList{"run", kSample, "--var", baseVar} << 0 << "PASSED";
    QTest::newRow("failed assertion") << QStringList{"run", requestFile("wrong", base() + "/health", "201")} << 1
                                      << "expected: 201";
    QTest::newRow("refused is transport") << QStringList{"run", kSample, "--var", "baseUrl=http://127.0.0.1:1"} << 3
                                          << "FAILED";
    QTest::newRow("no source") << QStringList{"run"} << 2 << "No collection given";
    QTest::newRow("unknown option") << QStringList{"run", kSample, "--nope"} << 2 << "Unknown option --nope";
    QTest::newRow("bad iterations") << QStringList{"run", kSample, "-n", "zero"} << 2 << "--iterations";
    QTest::newRow("unknown folder") << QStringList{"run", kSample, "--folder", "Nope"} << 2 << "No folder named 'Nope'";
    QTest::newRow("unknown environment") << QStringList{"run", kSample, "-e", "prod"} << 2 << "use one of: local";
    QTest::newRow("missing collection") << QStringList{"run", tmp_.filePath("nothing-here")} << 2 << "nothing-here";
    QTest::newRow("bad reporter") << QStringList{"run", kSample, "--reporter", "xml=a.xml"} << 2 << "Unknown reporter";
    QTest::newRow("unwritable report") << QStringList{"run", kSample, "--var", baseVar, "--reporter-junit",
                                                      "/nonexistent/j.xml"}
                                       << 2 << "/nonexistent/j.xml";
}

void TestRunnerCli::exitCodes() {
    QFETCH(QStringList, args);
    QFETCH(int, exit);
    QFETCH(QString, expected);
    const Run r = run(args);
    QVERIFY2(r.exitCode == exit, qPrintable(QString("exit %1, expected %2\n%3\n%4").arg(r.exitCode).arg(exit).arg(r.out, r.err)));
    QVERIFY2(r.out.contains(expected) || r.err.contains(expected), qPrintable(r.out + r.err));
}

void TestRunnerCli::sampleWithReports() {
    const QString junit = tmp_.filePath("junit.xml"), json = tmp_.filePath("r.json"), html = tmp_.filePath("r.html");
    const Run r = run({"run", kSample, "-e", "local", "--var", "baseUrl=" + base(), "--reporter", "junit=" + junit,
                       "--reporter", "json=" + json, "--report-junit", tmp_.filePath("alias.xml"), "-r",
                       "html=" + html, "-n", "2", "--parallel", "2"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QFile f(junit);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int cases = 0, failures = 0;
    QStringList suites;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == u"testsuite") suites << xml.attributes().value("name").toString();
        if (xml.name() == u"testcase") {
            ++cases;
            QVERIFY(xml.attributes().value("file").toString().endsWith(".yaml"));  // points into the repository
        }
        if (xml.name() == u"failure") ++failures;
    }
    QVERIFY(!xml.hasError());
    QCOMPARE(cases, 36);  // 18 requests x 2 iterations
    QCOMPARE(failures, 0);
    QCOMPARE(suites, (QStringList{"Sonde demo API", "Sonde demo API/Users", "Sonde demo API/Auth",
                                  "Sonde demo API/Errors and timing"}));
    QVERIFY(QFile::exists(tmp_.filePath("alias.xml")));
    const QString report = readFile(json);
    QCOMPARE(report.count("\"response\":"), 36);
    QVERIFY(!report.contains("sonde-demo\""));  // the token is secret: captured values are masked
    QVERIFY(report.contains("Bearer ••••"));
    const QString page = readFile(html);
    QVERIFY(page.startsWith("<!DOCTYPE html>"));
    QVERIFY(!page.contains(QRegularExpression(R"(\b(src|href)\s*=)")));
}

void TestRunnerCli::foldersAndTags_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("requests");  // the summary's requests line
    QTest::newRow("folder Auth") << QStringList{"--folder", "Auth"} << "requests            7";
    QTest::newRow("tags smoke") << QStringList{"--tags", "smoke"} << "requests            4";
    QTest::newRow("exclude slow") << QStringList{"--exclude-tags", "slow"} << "requests           17";
}

void TestRunnerCli::foldersAndTags() {
    QFETCH(QStringList, extra);
    QFETCH(QString, requests);
    const Run r = run(QStringList{"run", kSample, "--var", "baseUrl=" + base()} + extra);
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(requests), qPrintable(r.out));
}

void TestRunnerCli::dataFileIterations() {
    const QString csv = tmp_.filePath("ids.csv");
    writeFile(csv, "id,status\n1,200\n2,200\n999,404\n");
    const QString req = tmp_.filePath("user.yaml");
    writeFile(req, "name: User by id\nmethod: GET\nurl: \"{{baseUrl}}/api/users/{{id}}\"\nassertions:\n"
                   "  - source: status\n    op: equals\n    value: \"{{status}}\"\n");
    const Run r = run({"run", req, "--var", "baseUrl=" + base(), "-d", csv});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains("iterations          3"));
    QVERIFY(r.out.contains("/api/users/999"));
    writeFile(csv, "id,status\n1,200\n2\n");
    const Run bad = run({"run", req, "--var", "baseUrl=" + base(), "-d", csv});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("ids.csv:3"), qPrintable(bad.err));
}

void TestRunnerCli::sigintWritesReports() {
    const QString junit = tmp_.filePath("interrupted.xml");
    QProcess p;
    p.setProgram(QStringLiteral(SONDE_CLI));
    p.setArguments({"run", requestFile("slow", base() + "/api/slow?ms=20000", "200"), "--reporter", "junit=" + junit});
    p.start();
    QVERIFY(p.waitForStarted());
    QTest::qWait(700);  // the request is in flight
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const QString xml = readFile(junit);
    QVERIFY2(xml.contains("<skipped message=\"cancelled\"/>"), qPrintable(xml));
    QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains("CANCELLED"));
}

void TestRunnerCli::storedCollectionIsRecorded() {
    const QString dbPath = tmp_.filePath("store.db");
    {
        auto imported = sonde::TextTreeImporter::importDirectory(kSample.toStdString());
        QVERIFY(imported.ok());
        auto db = sonde::Database::open(dbPath.toStdString());
        QVERIFY(db.ok());
        sonde::CollectionRepository repo(*db);
        QVERIFY(repo.save(imported->collection).ok());
    }
    const Run r = run({"run", "Sonde demo API", "--db", dbPath, "-e", "local", "--var", "baseUrl=" + base(),
                       "--folder", "Users"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    auto db = sonde::Database::open(dbPath.toStdString());
    QVERIFY(db.ok());
    sonde::RunRepository runs(*db);
    auto list = runs.list(10, true);
    QVERIFY(list.ok());
    QCOMPARE(list->size(), std::size_t(1));
    QCOMPARE(list->at(0).passed, 7);
    QCOMPARE(list->at(0).failed, 0);
    QVERIFY(list->at(0).reportJson.find("sonde-report") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestRunnerCli)
#include "test_runner_cli.moc"
