// TLS assessment (expired, expiring, self-signed, host mismatch, old protocol) on certificate data as
// libcurl reports it in Response::tls.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include "core/http/engine.h"
#include "core/security/scanner.h"
#include "core/security/tls_assessment.h"
#include "test_certificates.h"
#include "test_server.h"

using namespace sonde;

Q_DECLARE_METATYPE(std::string)

class TestSecurityTransport : public QObject {
    Q_OBJECT

    static constexpr long long kNow = 1800000000;  // 2027-01-15

private slots:
    void assess_data() {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("san");
        QTest::addColumn<qlonglong>("notAfter");
        QTest::addColumn<int>("chain");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("expected");
        const qlonglong year = kNow + 365LL * 86400;
        QTest::newRow("good") << "TLSv1.3" << "CN=api.example.com" << "CN=R3" << "DNS:api.example.com" << year << 2 << "api.example.com" << "";
        QTest::newRow("wildcard") << "TLSv1.2" << "CN=*.example.com" << "CN=R3" << "DNS:*.example.com" << year << 2 << "api.example.com" << "";
        QTest::newRow("wildcard one label only") << "TLSv1.2" << "CN=x" << "CN=R3" << "DNS:*.example.com" << year << 2 << "a.b.example.com" << "host-mismatch";
        QTest::newRow("expired") << "TLSv1.3" << "CN=api.example.com" << "CN=R3" << "DNS:api.example.com" << kNow - 10 << 2 << "api.example.com" << "expired";
        QTest::newRow("expiring") << "TLSv1.3" << "CN=api.example.com" << "CN=R3" << "DNS:api.example.com" << kNow + 5 * 86400 << 2 << "api.example.com" << "expiring";
        QTest::newRow("self-signed") << "TLSv1.3" << "CN=localhost" << "CN=localhost" << "DNS:localhost" << year << 1 << "localhost" << "self-signed";
        QTest::newRow("mismatch") << "TLSv1.3" << "CN=other.test" << "CN=R3" << "DNS:other.test" << year << 2 << "api.example.com" << "host-mismatch";
        QTest::newRow("ip san") << "TLSv1.3" << "CN=x" << "CN=R3" << "IP Address:127.0.0.1" << year << 2 << "127.0.0.1" << "";
        QTest::newRow("cn fallback") << "TLSv1.3" << "CN=api.example.com" << "CN=R3" << "" << year << 2 << "api.example.com" << "";
        QTest::newRow("tls 1.0") << "TLSv1" << "CN=api.example.com" << "CN=R3" << "DNS:api.example.com" << year << 2 << "api.example.com" << "old-protocol";
    }
    void assess() {
        QFETCH(QString, version);
        QFETCH(QString, subject);
        QFETCH(QString, issuer);
        QFETCH(QString, san);
        QFETCH(qlonglong, notAfter);
        QFETCH(int, chain);
        QFETCH(QString, host);
        QFETCH(QString, expected);
        TlsInfo tls;
        tls.version = version.toStdString();
        CertInfo leaf;
        leaf.subject = subject.toStdString();
        leaf.issuer = issuer.toStdString();
        if (!san.isEmpty()) leaf.subjectAltNames = {san.toStdString()};
        leaf.notAfterEpoch = notAfter;
        leaf.notAfter = "some date";
        tls.chain.push_back(leaf);
        for (int i = 1; i < chain; ++i) tls.chain.push_back(CertInfo{"CN=R3", "CN=Root", "", "", 0, 0, {}});
        QStringList ids;
        for (const auto& p : assessTls(tls, host.toStdString(), kNow)) ids << QString::fromStdString(p.id);
        QCOMPARE(ids.join(','), expected);
    }

    // End to end over real TLS (tests/fixtures/http-server with certificates made by openssl): a
    // self-signed localhost certificate valid 2 days, scanned at 127.0.0.1, versus a leaf signed by a
    // test CA for IP 127.0.0.1, valid 400 days.
    void tlsCertificateCheckEndToEnd() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto path = [&](const char* f) { return dir.filePath(f); };
        QCOMPARE(testing::openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("bad.key"), "-out",
                                   path("bad.pem"), "-days", "2", "-subj", "/CN=localhost", "-addext",
                                   "subjectAltName=DNS:localhost"}),
                 0);
        QVERIFY(testing::makeCaAndLeaf(dir, "good"));
        test::TestServer bad, good;
        QVERIFY(bad.start(path("bad.pem").toStdString(), path("bad.key").toStdString()));
        QVERIFY(good.start(path("good.pem").toStdString(), path("good.key").toStdString()));
        EngineOptions eo;
        eo.cookies = false;
        Engine engine(eo);
        ScanOptions o;
        o.checks = {"tls-certificate"};
        auto scan = [&](int port) {
            ScanTarget t;
            t.request.url = "https://127.0.0.1:" + std::to_string(port) + "/echo";
            Scanner scanner(engine, o);
            QStringList found;
            const ScanResult res = scanner.run({t});
            for (const auto& f : res.findings) {
                found << QString::fromStdString(f.parameter);
                if (f.evidence.size() != 2 || !f.evidence[0].response.tls || f.evidence[0].response.tls->chain.empty())
                    found << "missing-evidence";
            }
            found.sort();
            return found.join(',');
        };
        QCOMPARE(scan(bad.httpsPort()), QString("tls:expiring,tls:host-mismatch,tls:self-signed"));
        QCOMPARE(scan(good.httpsPort()), QString());
    }
};

QTEST_APPLESS_MAIN(TestSecurityTransport)
#include "test_security_transport.moc"
