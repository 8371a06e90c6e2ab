// sonde-cli collection import / env import of Postman, HAR and curl files into a real store, then the
// imported requests sent by `sonde-cli run` to the real demo API: what was imported is what is sent.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "demo_api_process.h"

class TestCliImport : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    DemoApiProcess api_;
    struct Run {
        int exit;
        QString out, err;
    };
    QString db() const { return tmp_.filePath("store.db"); }
    QString base() const { return QString::fromStdString(api_.baseUrl()); }
    Run cli(QStringList args) const {
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("NO_COLOR", "1");
        env.insert("SONDE_DB", db());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SONDE_CLI), args);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000)) return {-1, {}, "timeout"};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QString write(const QString& name, const QByteArray& text) const {
        QFile f(tmp_.filePath(name));
        if (!f.open(QIODevice::WriteOnly)) return {};
        f.write(text);
        return f.fileName();
    }
    // The exchanges of a json report, by request name.
    static QMap<QString, QJsonObject> exchanges(const QString& reportPath) {
        QFile f(reportPath);
        QMap<QString, QJsonObject> out;
        if (!f.open(QIODevice::ReadOnly)) return out;
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        for (const auto& e : root["executions"].toArray()) out[e.toObject()["name"].toString()] = e.toObject();
        return out;
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        QVERIFY(api_.start());
    }

    void postmanCollectionRunsAgainstTheDemoApi() {
        Run r = cli({"collection", "import", QStringLiteral(SONDE_SOURCE_DIR "/tests/app/import/demo.postman_collection.json")});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Imported 'Demo (from Postman)' (4 requests, Postman collection)"));
        QVERIFY2(r.err.contains("warning: Login: test script not imported"), qPrintable(r.err));
        const QString report = tmp_.filePath("postman.json");
        r = cli({"run", "Demo (from Postman)", "--var", "baseUrl=" + base(), "--reporter", "json=" + report});
        QVERIFY2(r.exit == 0, qPrintable(r.out + r.err));
        const auto ex = exchanges(report);
        QVERIFY2(ex.contains("Echo JSON"), qPrintable(QStringList(ex.keys()).join(",")));
        // The echo route answers with what it received: the imported header, query and JSON body.
        auto echoed = [&](const QString& name) {
            return QJsonDocument::fromJson(ex[name]["response"].toObject()["body"].toString().toUtf8()).object();
        };
        const QJsonObject json = echoed("Echo JSON");
        QCOMPARE(json["headers"].toObject()["X-From"].toString(), QString("postman"));
        QCOMPARE(json["params"].toObject()["lang"].toString(), QString("en"));
        QCOMPARE(json["body"].toString(), QString("{\"hello\": \"sonde\"}"));
        QCOMPARE(json["method"].toString(), QString("POST"));
        const QJsonObject form = echoed("Echo form");
        QCOMPARE(form["method"].toString(), QString("PUT"));
        QVERIFY2(form["body"].toString() == "a=1+2" || form["body"].toString() == "a=1%202", qPrintable(form["body"].toString()));
        // Two status checks of the test scripts became assertions and passed.
        for (const char* name : {"Health", "Echo JSON"}) {
            const QJsonArray as = ex[name]["assertions"].toArray();
            QCOMPARE(as.size(), 1);
            QVERIFY(as[0].toObject()["passed"].toBool());
        }
    }

    void runsAPostmanFileDirectly() {
        // As newman does: run the exported file, with a Postman environment file.
        const QString env = write("local.postman_environment.json",
                                  ("{\"name\": \"Local\", \"_postman_variable_scope\": \"environment\", \"values\": "
                                   "[{\"key\": \"baseUrl\", \"value\": \"" + base() + "\", \"enabled\": true}]}").toUtf8());
        Run r = cli({"run", QStringLiteral(SONDE_SOURCE_DIR "/tests/app/import/demo.postman_collection.json"), "-e", env});
        QVERIFY2(r.exit == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("(environment Local): 4 requests"), qPrintable(r.out));
        QVERIFY(r.err.contains("warning: Login: test script not imported"));
        r = cli({"run", QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/broken.json")});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains("broken.json"), qPrintable(r.err));
    }

    void bundledOpenApiSpecRunsAgainstTheDemoApi() {
        // resources/demo-api.openapi.yaml: every documented success status holds against the real server.
        const QString report = tmp_.filePath("openapi.json");
        Run r = cli({"run", QStringLiteral(SONDE_SOURCE_DIR "/resources/demo-api.openapi.yaml"), "--var", "baseUrl=" + base(),
                     "--reporter", "json=" + report});
        QVERIFY2(r.exit == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains("7 requests"));
        const auto ex = exchanges(report);
        QCOMPARE(ex.size(), 7);
        const QJsonObject created = QJsonDocument::fromJson(ex["Create user"]["response"].toObject()["body"].toString().toUtf8()).object();
        QCOMPARE(created["name"].toString(), QString("Grace Hopper"));  // the body built from the schema's examples
        const QJsonObject echoed = QJsonDocument::fromJson(ex["Echo"]["response"].toObject()["body"].toString().toUtf8()).object();
        QCOMPARE(echoed["headers"].toObject()["X-Trace"].toString(), QString("abc"));  // a required header parameter
        r = cli({"collection", "import", QStringLiteral(SONDE_SOURCE_DIR "/resources/demo-api.openapi.yaml")});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("(7 requests, OpenAPI document)"));
    }

    void httpFileChainsLikeVsCode() {
        // The .http fixture logs in, and its {{login.response.body.$.token}} reference became a capture:
        // /api/me only answers 200 with that token. The password comes from http-client.private.env.json.
        const QString report = tmp_.filePath("http.json");
        Run r = cli({"run", QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/http/api.http"), "-e", "dev", "--var",
                     "host=" + base(), "--reporter", "json=" + report});
        QVERIFY2(r.exit == 0, qPrintable(r.out + r.err));
        const auto ex = exchanges(report);
        QCOMPARE(ex["Who am I"]["response"].toObject()["status"].toInt(), 200);
        QCOMPARE(ex["login"]["response"].toObject()["status"].toInt(), 200);
        const QJsonObject echoed =
            QJsonDocument::fromJson(ex["Upload a file"]["response"].toObject()["body"].toString().toUtf8()).object();
        QVERIFY2(echoed["body"].toString().contains("\"from\": \"file\""), qPrintable(echoed["body"].toString()));
        QVERIFY(r.err.contains("response handler script not imported"));
    }

    void insomniaExportChains() {
        // The Insomnia v4 fixture: {% response 'body', 'req_login', … %} became a capture, so Me gets 200.
        const QString report = tmp_.filePath("insomnia.json");
        Run r = cli({"run", QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/demo.insomnia.json"), "-e", "dev",
                     "--var", "base_url=" + base(), "--folder", "Auth", "--reporter", "json=" + report});
        QVERIFY2(r.exit == 0, qPrintable(r.out + r.err));
        const auto ex = exchanges(report);
        QCOMPARE(ex["Login"]["response"].toObject()["status"].toInt(), 200);
        QCOMPARE(ex["Me"]["response"].toObject()["status"].toInt(), 200);
        r = cli({"collection", "import", QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/demo.insomnia.yaml")});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Imported 'Demo v5' (3 requests, Insomnia export)"));
    }

    void brunoCollectionRunsAgainstTheDemoApi() {
        // The Bruno fixture: login captures the token (vars:post-response), the Users folder inherits the
        // collection's bearer auth, and its assert blocks hold against the real server. Echo form reads
        // {{process.env.API_KEY}}, now {{$env.API_KEY}}.
        qputenv("API_KEY", "k-123");
        const QString report = tmp_.filePath("bruno.json");
        Run r = cli({"run", QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/bruno"), "-e", "local", "--var",
                     "baseUrl=" + base(), "--var", "password=sonde-demo", "--reporter", "json=" + report});
        QVERIFY2(r.exit == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("Who am I"), qPrintable(r.out));
        const auto ex = exchanges(report);
        QCOMPARE(ex["Who am I"]["response"].toObject()["status"].toInt(), 200);
        QCOMPARE(ex["Who am I"]["assertions"].toArray().size(), 3);
        const QJsonObject echoed =
            QJsonDocument::fromJson(ex["Echo form"]["response"].toObject()["body"].toString().toUtf8()).object();
        // The server received the key (echoed back), and the report masks it: {{$env.…}} values are secrets.
        QCOMPARE(echoed["headers"].toObject()["X-Key"].toString(), QString::fromUtf8("\u2022\u2022\u2022\u2022"));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("k-123"));
        r = cli({"collection", "import", QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/bruno")});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Imported 'Demo (Bruno)' (5 requests, Bruno collection)"));
    }

    void importedStatusChecksFail() {
        const QString coll = QStringLiteral(SONDE_SOURCE_DIR "/tests/app/import/failing.postman_collection.json");
        Run r = cli({"collection", "import", coll});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        r = cli({"run", "Failing", "--var", "baseUrl=" + base()});
        QCOMPARE(r.exit, 1);  // the /api/error route answers 500
        QVERIFY2(r.out.contains("500"), qPrintable(r.out));
    }

    void curlCommandFile() {
        const QString file = write("call.sh", ("curl -X POST '" + base() + "/api/echo' \\\n  -H 'Content-Type: application/json' \\\n"
                                                "  --data-raw '{\"from\":\"curl\"}'\n").toUtf8());
        Run r = cli({"collection", "import", file, "--name", "From curl"});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("(1 requests, curl command)"));
        const QString report = tmp_.filePath("curl.json");
        r = cli({"run", "From curl", "--reporter", "json=" + report});
        QVERIFY2(r.exit == 0, qPrintable(r.out + r.err));
        const auto ex = exchanges(report);
        QCOMPARE(ex.size(), 1);
        // The echo route answers with the body it received.
        const QJsonObject response = ex.first()["response"].toObject();
        QCOMPARE(response["status"].toInt(), 200);
        const QJsonObject echoed = QJsonDocument::fromJson(response["body"].toString().toUtf8()).object();
        QCOMPARE(echoed["body"].toString(), QString("{\"from\":\"curl\"}"));
        QCOMPARE(echoed["headers"].toObject()["Content-Type"].toString(), QString("application/json"));
    }

    void harFile() {
        const QString har = write("session.har", ("{\"log\": {\"version\": \"1.2\", \"entries\": ["
                                                   "{\"request\": {\"method\": \"GET\", \"url\": \"" + base() + "/health\", \"headers\": "
                                                   "[{\"name\": \":authority\", \"value\": \"x\"}]}},"
                                                   "{\"request\": {\"method\": \"POST\", \"url\": \"" + base() + "/api/echo\", "
                                                   "\"headers\": [], \"postData\": {\"mimeType\": \"application/json\", "
                                                   "\"text\": \"{\\\"from\\\": \\\"har\\\"}\"}}}]}}").toUtf8());
        Run r = cli({"collection", "import", har});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Imported 'session' (2 requests, HAR)"));
        r = cli({"run", "session"});
        QVERIFY2(r.exit == 0, qPrintable(r.out + r.err));
    }

    void environmentImportNeverReplaces() {
        const QString env = QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/staging.postman_environment.json");
        Run r = cli({"env", "import", env});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Imported environment 'Staging' (3 variables)"));
        r = cli({"env", "import", env});
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains("exists already"));
        r = cli({"env", "import", env, "--name", "Staging 2"});
        QCOMPARE(r.exit, 0);
        r = cli({"env", "show", "Staging"});
        QVERIFY(r.out.contains("https://staging.example.test"));
        QVERIFY(!r.out.contains("abc123"));  // the secret stays masked
    }

    void badFilesNameThePlace_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("malformed") << QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/broken.json")
                                   << "broken.json:4:18";
        QTest::newRow("missing") << "/nonexistent/x.json" << "does not exist";
        QTest::newRow("environment as collection")
            << QStringLiteral(SONDE_SOURCE_DIR "/tests/core/formats/import/staging.postman_environment.json")
            << "sonde-cli env import";
    }
    void badFilesNameThePlace() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        const QString before = cli({"collection", "list"}).out;
        Run r = cli({"collection", "import", file});
        QVERIFY(r.exit != 0);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(cli({"collection", "list"}).out, before);  // nothing half-imported
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "test_cli_import.moc"
