// sonde-cli scan against tests/fixtures/vuln-api: exit codes, reports on disk, baselines, collections.
#include <QtTest>

#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <nlohmann/json.hpp>

#include "tests/core/security/vuln_api_process.h"

class TestCliScan : public QObject {
    Q_OBJECT

    VulnApiProcess api_;
    QTemporaryDir dir_;

    struct Out {
        int code = -1;
        QString out, err;
    };
    Out cli(const QStringList& args) {
        QProcess p;
        p.setWorkingDirectory(dir_.path());
        p.start(QStringLiteral(SONDE_CLI), QStringList{"scan", "--time-delay", "0.3"} + args);
        if (!p.waitForFinished(60000)) p.kill();
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QString url(const char* path) { return QString::fromStdString(api_.base()) + path; }
    QString file(const char* name) { return dir_.filePath(name); }
    static nlohmann::json readJson(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) return {};
        return nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY2(api_.start(), "sonde-vuln-api did not start");
    }

    void exitCodes_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("vulnerable fails") << QStringList{"--checks", "sqli-error", url("/vuln/sqli?id=1")} << 1;
        QTest::newRow("hardened passes") << QStringList{"--checks", "sqli,xss", url("/safe/sqli?id=1")} << 0;
        QTest::newRow("below the threshold") << QStringList{"--checks", "passive", "--fail-on", "high", url("/vuln/headers")} << 0;
        QTest::newRow("low threshold") << QStringList{"--checks", "passive", "--fail-on", "low", url("/vuln/headers")} << 1;
        QTest::newRow("confidence filter") << QStringList{"--checks", "sqli-error", "--min-confidence", "certain", url("/vuln/sqli?id=1")} << 0;
        QTest::newRow("unknown check") << QStringList{"--checks", "nope", url("/vuln/sqli?id=1")} << 2;
        QTest::newRow("bad fail-on") << QStringList{"--fail-on", "severe", url("/vuln/sqli?id=1")} << 2;
        QTest::newRow("no url") << QStringList{"--checks", "sqli"} << 2;
        QTest::newRow("refused") << QStringList{"http://127.0.0.1:1/x?id=1"} << 3;
        QTest::newRow("TRACE echoed") << QStringList{"--checks", "methods-trace", "--fail-on", "low", url("/vuln/trace")} << 1;
        QTest::newRow("TRACE refused") << QStringList{"--checks", "methods-trace", "--fail-on", "low", url("/safe/trace")} << 0;
        QTest::newRow("list") << QStringList{"--list-checks"} << 0;
    }
    void exitCodes() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        const Out o = cli(args);
        QVERIFY2(o.code == code, qPrintable(QString("exit %1\n%2\n%3").arg(o.code).arg(o.out, o.err)));
        if (args.contains("--list-checks")) {
            QVERIFY(o.out.contains("sqli-error"));
            QVERIFY(o.out.contains("rate-limit-absent"));
        }
    }

    void reportsAndBaseline() {
        const QStringList scan = {"--checks", "sqli-error,xss-reflected", "--bearer", "tok-very-secret-1",
                                  "--report", "sarif=" + file("a.sarif"), "json=" + file("a.json"),
                                  "junit=" + file("a.xml"), "html=" + file("a.html")};
        Out o = cli(scan + QStringList{"--write-baseline", file("baseline.json"), url("/vuln/sqli?id=1")});
        QCOMPARE(o.code, 1);
        const auto sarif = readJson(file("a.sarif"));
        QCOMPARE(QString::fromStdString(sarif["version"].get<std::string>()), QString("2.1.0"));
        QCOMPARE(sarif["runs"][0]["results"].size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(sarif["runs"][0]["results"][0]["ruleId"].get<std::string>()), QString("sqli-error"));
        QVERIFY(sarif["runs"][0]["tool"]["driver"]["rules"].size() >= 2);
        QCOMPARE(readJson(file("a.json"))["findings"].size(), std::size_t(1));
        QFile junit(file("a.xml"));
        QVERIFY(junit.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&junit);
        int failures = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("failure")) ++failures;
        QVERIFY(!xml.hasError());
        QCOMPARE(failures, 1);
        for (const char* f : {"a.sarif", "a.json", "a.xml", "a.html"}) {
            QFile r(file(f));
            QVERIFY(r.open(QIODevice::ReadOnly));
            QVERIFY2(!r.readAll().contains("tok-very-secret-1"), f);
        }
        // With the baseline, the same finding is accepted: exit 0, reported as suppressed.
        o = cli(scan + QStringList{"--baseline", file("baseline.json"), url("/vuln/sqli?id=1")});
        QVERIFY2(o.code == 0, qPrintable(o.out + o.err));
        QVERIFY(o.out.contains("1 suppressed by the baseline"));
        QCOMPARE(readJson(file("a.sarif"))["runs"][0]["results"].size(), std::size_t(0));
        // A new finding on another route still fails.
        o = cli(scan + QStringList{"--baseline", file("baseline.json"), url("/vuln/xss?q=a")});
        QCOMPARE(o.code, 1);
    }

    void interruptKeepsReports() {
        // SIGTERM (as Ctrl+C) during a slow time-based probe: exit 130, reports still written, cancelled.
        QDir(dir_.path()).mkpath("slow");
        auto write = [&](const char* name, const QString& text) {
            QFile f(file(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.toUtf8());
        };
        write("slow/collection.yaml", QString("format: sonde-collection/1\nname: slow\nvariables:\n  - name: baseUrl\n"
                                              "    value: %1\norder:\n  - a.yaml\n  - b.yaml\n")
                                          .arg(QString::fromStdString(api_.base())));
        write("slow/a.yaml", "name: headers\nmethod: GET\nurl: \"{{baseUrl}}/vuln/headers\"\n");
        write("slow/b.yaml", "name: blind\nmethod: GET\nurl: \"{{baseUrl}}/vuln/cmd-blind?host=x\"\n");
        QProcess p;
        p.setWorkingDirectory(dir_.path());
        p.start(QStringLiteral(SONDE_CLI), {"scan", "--collection", "slow", "--checks", "passive,cmdi-time", "--time-delay",
                                            "8", "--report", "json=" + file("int.json")});
        QVERIFY(p.waitForStarted(5000));
        QVERIFY(!p.waitForFinished(1500));  // still probing (an 8 s sleep is in flight)
        p.terminate();
        QVERIFY2(p.waitForFinished(10000), "the scan must stop promptly");
        QCOMPARE(p.exitCode(), 130);
        const auto j = readJson(file("int.json"));
        QVERIFY(j.is_object());
        QCOMPARE(j["summary"]["cancelled"].get<bool>(), true);
        QVERIFY(j["findings"].size() >= 1);  // the passive findings confirmed before the stop
    }

    void collectionDirectoryLocations() {
        QDir d(dir_.path());
        QVERIFY(d.mkpath("api"));
        QFile c(file("api/collection.yaml"));
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(QString("format: sonde-collection/1\nname: shop\nvariables:\n  - name: baseUrl\n    value: %1\n"
                        "order:\n  - items.yaml\n  - safe.yaml\n")
                    .arg(QString::fromStdString(api_.base()))
                    .toUtf8());
        c.close();
        QFile r1(file("api/items.yaml"));
        QVERIFY(r1.open(QIODevice::WriteOnly));
        r1.write("name: Item by id\n# the vulnerable one\nmethod: GET\nurl: \"{{baseUrl}}/vuln/sqli?id=1\"\n");
        r1.close();
        QFile r2(file("api/safe.yaml"));
        QVERIFY(r2.open(QIODevice::WriteOnly));
        r2.write("name: Safe item\nmethod: GET\nurl: \"{{baseUrl}}/safe/sqli?id=1\"\n");
        r2.close();
        const Out o = cli({"--collection", "api", "--checks", "sqli-error", "--report", "sarif=c.sarif"});
        QVERIFY2(o.code == 1, qPrintable(o.out + o.err));
        const auto sarif = readJson(file("c.sarif"));
        const auto& results = sarif["runs"][0]["results"];
        QCOMPARE(results.size(), std::size_t(1));
        const auto& loc = results[0]["locations"][0]["physicalLocation"];
        QCOMPARE(QString::fromStdString(loc["artifactLocation"]["uri"].get<std::string>()), QString("api/items.yaml"));
        QCOMPARE(loc["region"]["startLine"].get<int>(), 3);
    }

    // The TLS 1.0/1.1 probe from the command line: a second fixture with its TLS listeners.
    void tlsOldProtocol_data() {
        QTest::addColumn<bool>("legacy");
        QTest::addColumn<int>("code");
        QTest::newRow("accepts TLS 1.0") << true << 1;
        QTest::newRow("TLS 1.2+ only") << false << 0;
    }
    void tlsOldProtocol() {
        QFETCH(bool, legacy);
        QFETCH(int, code);
        if (!QFile::exists(file("leaf.pem"))) {
            auto openssl = [](const QStringList& args) { return QProcess::execute("openssl", args); };
            QCOMPARE(openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", file("ca.key"), "-out",
                              file("ca.pem"), "-days", "400", "-subj", "/CN=Sonde Test CA"}),
                     0);
            QCOMPARE(openssl({"req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", file("leaf.key"), "-out",
                              file("leaf.csr"), "-subj", "/CN=127.0.0.1"}),
                     0);
            QFile ext(file("san.ext"));
            QVERIFY(ext.open(QIODevice::WriteOnly));
            ext.write("subjectAltName=IP:127.0.0.1\n");
            ext.close();
            QCOMPARE(openssl({"x509", "-req", "-in", file("leaf.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
                              "-CAcreateserial", "-out", file("leaf.pem"), "-days", "400", "-extfile", file("san.ext")}),
                     0);
        }
        VulnApiProcess tls;
        QVERIFY(tls.start({"--tls", file("leaf.pem"), file("leaf.key")}));
        const QString target = QString("https://127.0.0.1:%1/vuln/cleartext").arg(legacy ? tls.legacyTlsPort() : tls.modernTlsPort());
        const Out o = cli({"--checks", "tls-certificate", "--cacert", file("ca.pem"), "--report", "json=" + file("tls.json"), target});
        QVERIFY2(o.code == code, qPrintable(QString("exit %1\n%2\n%3").arg(o.code).arg(o.out, o.err)));
        const auto j = readJson(file("tls.json"));
        QCOMPARE(j["findings"].size(), std::size_t(legacy ? 1 : 0));
        if (legacy) QCOMPARE(QString::fromStdString(j["findings"][0]["parameter"].get<std::string>()), QString("tls:old-protocol"));
    }
};

QTEST_GUILESS_MAIN(TestCliScan)
#include "test_cli_scan.moc"
