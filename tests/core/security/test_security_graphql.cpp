// GraphQL checks against tests/fixtures/vuln-api/graphql (graphql-js): each check finds /vuln/graphql,
// and the whole catalogue finds nothing on the hardened /safe/graphql.
#include <QtTest>

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include "core/http/engine.h"
#include "core/security/scanner.h"

using namespace sonde;

class TestSecurityGraphql : public QObject {
    Q_OBJECT

    QProcess node_;
    std::string base_;
    std::unique_ptr<Engine> engine_;

    ScanTarget target(const char* path) {
        ScanTarget t;
        t.request.method = "POST";
        t.request.url = base_ + path;
        t.request.body.kind = BodyKind::GraphQL;
        t.request.body.text = "query Items { items { name price } }";
        return t;
    }
    static QString describe(const std::vector<Finding>& fs) {
        QStringList l;
        for (const auto& f : fs) l << QString::fromStdString(f.checkId + " " + f.url + ": " + f.detail);
        return l.join('\n');
    }

private slots:
    void initTestCase() {
        const QString nodeBin = QStandardPaths::findExecutable("node");
        const QString graphqlJs = QStringLiteral(SONDE_SOURCE_DIR "/tests/fixtures/graphql-server/node_modules/graphql/index.mjs");
        if (nodeBin.isEmpty() || !QFileInfo::exists(graphqlJs))
            QSKIP("node or graphql-js (npm ci in tests/fixtures/graphql-server) is missing");
        node_.start(nodeBin, {QStringLiteral(SONDE_SOURCE_DIR "/tests/fixtures/vuln-api/graphql/server.mjs"), "0"});
        QVERIFY(node_.waitForStarted(5000));
        while (node_.waitForReadyRead(10000) || node_.canReadLine()) {
            const QByteArray line = node_.readLine().trimmed();
            if (line.startsWith("LISTENING ")) {
                base_ = "http://127.0.0.1:" + line.mid(10).toStdString();
                break;
            }
        }
        QVERIFY2(!base_.empty(), node_.readAllStandardError().constData());
        EngineOptions eo;
        eo.cookies = false;
        engine_ = std::make_unique<Engine>(eo);
    }
    void cleanupTestCase() {
        if (node_.state() != QProcess::NotRunning) {
            node_.closeWriteChannel();  // the server stops when stdin closes
            if (!node_.waitForFinished(3000)) node_.kill();
        }
    }

    void findsVulnerableEndpoint_data() {
        QTest::addColumn<QString>("check");
        for (const char* c : {"graphql-introspection", "graphql-field-suggestions", "graphql-batching", "graphql-alias-overloading",
                              "graphql-depth", "graphql-get-queries", "graphql-debug-extensions"})
            QTest::newRow(c) << c;
    }
    void findsVulnerableEndpoint() {
        QFETCH(QString, check);
        ScanOptions o;
        o.checks = {check.toStdString()};
        Scanner scanner(*engine_, o);
        const ScanResult r = scanner.run({target("/vuln/graphql")});
        QCOMPARE(r.findings.size(), std::size_t(1));
        const Finding& f = r.findings[0];
        QCOMPARE(QString::fromStdString(f.checkId), check);
        QCOMPARE(f.evidence.size(), std::size_t(2));
        for (const auto& e : f.evidence) QCOMPARE(e.response.status, 200);
    }

    void hardenedFindsNothing() {
        ScanOptions o;
        o.timeDelaySeconds = 0.3;
        Scanner scanner(*engine_, o);  // the whole default catalogue
        const ScanResult r = scanner.run({target("/safe/graphql")});
        QVERIFY(r.requestsSent > 20);
        QVERIFY2(r.findings.empty(), qPrintable(describe(r.findings)));
    }

    void graphqlBodyIsSentAsJson() {
        // A BodyKind::GraphQL request reaches the server as {"query": ...}: the baseline succeeds.
        ScanOptions o;
        o.checks = {"auth"};  // needs nothing but the baseline; no credentials -> no probes beyond it
        Scanner scanner(*engine_, o);
        RequestSpec r = target("/vuln/graphql").request;
        r.auth.kind = AuthKind::Bearer;
        r.auth.token = "t";
        const ScanResult res = scanner.run({ScanTarget{r, {}, {}, 0}});
        QVERIFY(!res.findings.empty());  // the endpoint ignores auth: auth-missing, with a 200 baseline
        QCOMPARE(res.findings[0].evidence[0].response.status, 200);
        QVERIFY(res.findings[0].evidence[0].request.body.find("\"query\"") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSecurityGraphql)
#include "test_security_graphql.moc"
