// Transport checks against real listeners of tests/fixtures/vuln-api (started with --tls): TLS 1.0/1.1
// accepted (an active handshake offering only old protocols) on a legacy TLS listener versus one limited
// to TLS 1.2+; plain HTTP served versus redirected to HTTPS; the whole catalogue over the hardened
// routes served over HTTPS finds nothing.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <memory>

#include "core/http/engine.h"
#include "core/security/scanner.h"
#include "test_certificates.h"
#include "vuln_api_process.h"

using namespace sonde;

class TestSecurityTransportProbes : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    VulnApiProcess api_;
    std::unique_ptr<Engine> engine_;

    std::string caFile() const { return dir_.filePath("ca.pem").toStdString(); }
    std::string https(int port, const std::string& path) const { return "https://127.0.0.1:" + std::to_string(port) + path; }

    static QString describe(const ScanResult& r) {
        QStringList l;
        for (const auto& f : r.findings) l << QString::fromStdString(f.checkId + " " + f.url + " " + f.parameter + ": " + f.detail);
        for (const auto& w : r.warnings) l << QString::fromStdString("warning: " + w);
        return l.join('\n');
    }

    ScanResult scan(const std::vector<ScanTarget>& targets, const std::vector<std::string>& checks) {
        ScanOptions o;
        o.checks = checks;
        o.timeDelaySeconds = 0.3;
        o.checkTimeoutMs = 30000;
        o.requestTimeoutMs = 10000;
        Scanner scanner(*engine_, o);
        return scanner.run(targets);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        auto path = [&](const char* f) { return dir_.filePath(f); };
        // A test CA and a leaf for IP 127.0.0.1, valid 400 days: no certificate problem to report.
        QVERIFY(testing::makeCaAndLeaf(dir_, "leaf"));
        QVERIFY2(api_.start({"--tls", path("leaf.pem"), path("leaf.key")}), "sonde-vuln-api --tls did not start");
        QVERIFY(api_.legacyTlsPort() > 0 && api_.modernTlsPort() > 0 && api_.redirectPort() > 0);
        EngineOptions eo;
        eo.cookies = false;
        engine_ = std::make_unique<Engine>(eo);
    }

    // An ordinary exchange negotiates the highest version both sides know, so reading the negotiated
    // version never shows that the legacy listener also accepts TLS 1.0: only the active probe does.
    void ordinaryHandshakeNegotiatesTls13() {
        RequestSpec r;
        r.url = https(api_.legacyTlsPort(), "/vuln/cleartext");
        r.options.caFile = caFile();
        auto x = engine_->send(r);
        QVERIFY2(x.ok(), x.ok() ? "" : x.error().title.c_str());
        QVERIFY(x->response.tls);
        QCOMPARE(QString::fromStdString(x->response.tls->version), QString("TLSv1.3"));
        // The same request limited to TLS 1.0-1.1 (what the probe sends) is refused by the modern listener.
        r.options.tlsMinVersion = "1.0";
        r.options.tlsMaxVersion = "1.1";
        r.options.cipherList = "DEFAULT@SECLEVEL=0";
        r.url = https(api_.modernTlsPort(), "/vuln/cleartext");
        QVERIFY(!engine_->send(r).ok());
        r.options.tlsMaxVersion = "1.4";
        auto bad = engine_->send(r);
        QVERIFY(!bad.ok());
        QCOMPARE(QString::fromStdString(bad.error().code), QString("options"));
    }

    void oldProtocol_data() {
        QTest::addColumn<bool>("legacy");
        QTest::addColumn<QString>("expected");
        QTest::newRow("listener accepting TLS 1.0") << true << "tls:old-protocol";
        QTest::newRow("listener limited to TLS 1.2+") << false << "";
    }
    void oldProtocol() {
        QFETCH(bool, legacy);
        QFETCH(QString, expected);
        ScanTarget t;
        t.request.url = https(legacy ? api_.legacyTlsPort() : api_.modernTlsPort(), "/vuln/cleartext");
        t.request.options.caFile = caFile();
        const ScanResult r = scan({t}, {"tls-certificate"});
        QStringList found;
        for (const auto& f : r.findings) found << QString::fromStdString(f.parameter);
        QVERIFY2(found.join(',') == expected, qPrintable(describe(r)));
        if (expected.isEmpty()) return;
        const Finding& f = r.findings.front();
        QCOMPARE(f.evidence.size(), std::size_t(2));
        for (const auto& e : f.evidence) {
            QVERIFY(e.response.tls);
            QCOMPARE(QString::fromStdString(e.response.tls->version), QString("TLSv1.1"));  // the highest offered
            QCOMPARE(e.response.status, 200);
        }
    }

    void cleartext_data() {
        QTest::addColumn<QString>("listener");  // the listener the target URL reaches
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("port80");  // https targets: what answers the http:// twin on port 80
        QTest::addColumn<bool>("finding");
        QTest::newRow("http, content served") << "plain" << "/vuln/cleartext" << "" << true;
        QTest::newRow("http, route redirects to https") << "plain" << "/safe/cleartext" << "" << false;
        QTest::newRow("http, redirector") << "redirect" << "/vuln/cleartext" << "" << false;
        QTest::newRow("https, http twin serves content") << "modern" << "/vuln/cleartext" << "plain" << true;
        QTest::newRow("https, http twin route redirects") << "modern" << "/safe/cleartext" << "plain" << false;
        QTest::newRow("https, http twin redirector") << "modern" << "/vuln/cleartext" << "redirect" << false;
    }
    void cleartext() {
        QFETCH(QString, listener);
        QFETCH(QString, path);
        QFETCH(QString, port80);
        QFETCH(bool, finding);
        auto portOf = [&](const QString& l) {
            return l == "plain" ? api_.port() : l == "redirect" ? api_.redirectPort() : api_.modernTlsPort();
        };
        ScanTarget t;
        if (listener == "modern") {
            t.request.url = https(api_.modernTlsPort(), path.toStdString());
            t.request.options.caFile = caFile();
            // The check asks http://127.0.0.1/... (port 80): connect that to the chosen listener.
            t.request.options.connectTo = {"127.0.0.1:80:127.0.0.1:" + std::to_string(portOf(port80))};
        } else {
            // Loopback hosts are not judged over plain HTTP: a name that resolves to 127.0.0.1.
            const std::string port = std::to_string(portOf(listener));
            t.request.url = "http://api.sonde.test:" + port + path.toStdString();
            t.request.options.resolve = {"api.sonde.test:" + port + ":127.0.0.1"};
        }
        const ScanResult r = scan({t}, {"transport-cleartext"});
        QVERIFY2(r.findings.size() == (finding ? 1u : 0u), qPrintable(describe(r)));
        QVERIFY(r.requestsSent > 0);
        if (!finding) return;
        const Finding& f = r.findings.front();
        QCOMPARE(QString::fromStdString(f.checkId), QString("transport-cleartext"));
        QVERIFY(f.evidence.size() >= 2);
        for (const auto& e : f.evidence) QCOMPARE(e.response.status, 200);
        QVERIFY(f.evidence.back().request.url.rfind("http://", 0) == 0);
    }

    void hsts_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("finding");
        QTest::newRow("no HSTS over https") << "/vuln/headers" << true;
        QTest::newRow("HSTS max-age=31536000") << "/safe/headers" << false;
    }
    void hsts() {
        QFETCH(QString, path);
        QFETCH(bool, finding);
        ScanTarget t;
        t.request.url = https(api_.modernTlsPort(), path.toStdString());
        t.request.options.caFile = caFile();
        const ScanResult r = scan({t}, {"header-hsts"});
        QVERIFY2(r.findings.size() == (finding ? 1u : 0u), qPrintable(describe(r)));
        if (!finding) return;
        QCOMPARE(QString::fromStdString(r.findings[0].parameter), QString("header:Strict-Transport-Security"));
        QVERIFY(r.findings[0].evidence.size() >= 2);
    }

    // Every default check over the hardened routes served by the TLS 1.2+ listener, its port 80 a
    // redirector: nothing to report (no HSTS gap, Secure cookie, no old protocol, no cleartext twin).
    void hardenedOverHttpsFindNothing() {
        std::vector<ScanTarget> targets;
        for (const char* p : {"/safe/headers", "/safe/trace", "/safe/cleartext", "/safe/methods", "/safe/cors",
                              "/safe/redirect?next=/home", "/safe/xss?q=shoes"}) {
            ScanTarget t;
            t.request.url = https(api_.modernTlsPort(), p);
            t.request.options.caFile = caFile();
            t.request.options.connectTo = {"127.0.0.1:80:127.0.0.1:" + std::to_string(api_.redirectPort())};
            targets.push_back(t);
        }
        const ScanResult r = scan(targets, {});
        QVERIFY(!r.cancelled);
        QVERIFY(r.requestsSent > 100);
        QVERIFY2(r.findings.empty(), qPrintable("false positives:\n" + describe(r)));
    }
};

QTEST_GUILESS_MAIN(TestSecurityTransportProbes)
#include "test_security_transport_probes.moc"
