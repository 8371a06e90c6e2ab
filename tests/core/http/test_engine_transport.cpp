// The engine's transport: errors, overrides, TLS, concurrency and cancellation, worker threads, keep-alive,
// proxies, Unix sockets, client certificates, HTTP/2 multiplexing.
// Tests core/http/engine.* against the real loopback TestServer (tests/fixtures/http-server).
#include <atomic>
#include <functional>
#include <thread>

#include "engine_test_fixture.h"

using namespace sonde;
using namespace sonde::test;
using nlohmann::json;

class TestEngineTransport : public QObject, EngineTestFixture {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }

    void transportErrors_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("code");
        QTest::newRow("refused") << "http://127.0.0.1:1/" << "refused";
        QTest::newRow("dns") << "http://no-such-host.invalid/" << "dns";
        QTest::newRow("bad url") << "http://[::1/" << "url";
        QTest::newRow("empty url") << "" << "url";
    }
    void transportErrors() {
        QFETCH(QString, url);
        QFETCH(QString, code);
        RequestSpec r;
        r.url = url.toStdString();
        auto res = engine_.send(r);
        QVERIFY(!res.ok());
        QCOMPARE(QString::fromStdString(res.error().code), code);
        QVERIFY(!res.error().fix.empty());
    }

    void connectToAndResolveOverrides() {
        RequestSpec r;
        r.url = "http://api.example.test/echo";
        r.options.connectTo = {"api.example.test:80:127.0.0.1:" + std::to_string(server_.port())};
        json j = bodyJson(mustSend(r));
        QCOMPARE(echoedHeader(j, "Host"), std::string("api.example.test"));
        RequestSpec s;
        s.url = "http://resolved.example.test:" + std::to_string(server_.port()) + "/echo";
        s.options.resolve = {"resolved.example.test:" + std::to_string(server_.port()) + ":127.0.0.1"};
        QCOMPARE(mustSend(s).response.status, 200);
    }

    void https() {
        RequestSpec r;
        r.url = server_.httpsUrl("/echo");
        auto refused = engine_.send(r);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, std::string("tls"));
        QVERIFY2(refused.error().title.find("self") != std::string::npos, refused.error().title.c_str());

        r.options.caFile = cert_;
        Exchange e = mustSend(r);
        QCOMPARE(e.response.status, 200);
        QVERIFY(e.response.tls.has_value());
        QVERIFY(e.response.tls->version.rfind("TLSv1.", 0) == 0);
        QVERIFY(!e.response.tls->cipher.empty());
        QVERIFY(e.response.timings.tls > 0);
        QVERIFY(!e.response.tls->chain.empty());
        const CertInfo& c = e.response.tls->chain[0];
        QVERIFY2(c.subject.find("CN") != std::string::npos && c.subject.find("localhost") != std::string::npos,
                 c.subject.c_str());
        QVERIFY(c.notAfterEpoch > c.notBeforeEpoch && c.notBeforeEpoch > 0);
        QVERIFY(std::find(c.subjectAltNames.begin(), c.subjectAltNames.end(), "DNS:localhost") !=
                c.subjectAltNames.end());

        RequestSpec insecure;
        insecure.url = server_.httpsUrl("/echo");
        insecure.options.verifyTls = false;
        QCOMPARE(mustSend(insecure).response.status, 200);
    }

    void concurrencyAndCancellation_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("one worker") << 1;
        QTest::newRow("two workers") << 2;
        QTest::newRow("three workers") << 3;
    }
    void concurrencyAndCancellation() {
        QFETCH(int, threads);
        Engine engine({.maxConcurrency = 16, .threads = threads});
        constexpr int N = 200;
        std::vector<std::future<ExchangeResult>> futures;
        std::vector<ExchangeId> ids(N);
        std::vector<std::promise<ExchangeResult>> promises(N);
        for (int i = 0; i < N; ++i) {
            futures.push_back(promises[i].get_future());
            RequestSpec r = get("/echo");
            r.params = {{"i", std::to_string(i)}, {"delay_ms", "50"}};
            ids[i] = engine.submit(r, [&promises, i](ExchangeId, ExchangeResult res) { promises[i].set_value(std::move(res)); });
        }
        for (int i = 1; i < N; i += 2) QVERIFY(engine.cancel(ids[i]));
        for (int i = 0; i < N; ++i) {
            ExchangeResult res = futures[i].get();
            if (i % 2) {
                QVERIFY2(!res.ok() && res.error().code == "cancelled", std::to_string(i).c_str());
            } else {
                QVERIFY2(res.ok(), res.ok() ? "" : res.error().message().c_str());
                QCOMPARE(bodyJson(*res)["query"]["i"].get<std::string>(), std::to_string(i));
            }
        }
        QCOMPARE(engine.inFlight(), size_t(0));
        QVERIFY(!engine.cancel(ids[0]));  // finished: nothing to cancel
    }

    void destructionCancelsInFlight_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("one worker") << 1;
        QTest::newRow("two workers") << 2;
    }
    void destructionCancelsInFlight() {
        QFETCH(int, threads);
        std::atomic<int> cancelled{0};
        {
            Engine engine({.threads = threads});
            for (int i = 0; i < 4; ++i) {
                RequestSpec r;
                r.url = server_.rawUrl("/never");
                engine.submit(r, [&](ExchangeId, ExchangeResult res) { cancelled += !res.ok() && res.error().code == "cancelled"; });
            }
        }
        QCOMPARE(cancelled.load(), 4);
    }

    // EngineOptions::threads: outside submits spread over the workers, a submit from a callback stays on
    // that callback's worker (and its connection), and every worker uses the session's one cookie jar.
    void workerThreads() {
        Engine engine({.threads = 2});
        // Each call: the thread its callback ran on, and the reply's body.
        auto sendVia = [&](RequestSpec r) {
            std::promise<std::pair<std::thread::id, std::string>> p;
            auto f = p.get_future();
            engine.submit(std::move(r), [&p](ExchangeId, ExchangeResult res) {
                p.set_value({res.ok() ? std::this_thread::get_id() : std::thread::id(),
                             res.ok() ? res->response.body : res.error().message()});
            });
            return f.get();
        };
        const auto first = sendVia(get("/cookies/set?flavour=oat"));
        const auto second = sendVia(get("/cookies"));
        QVERIFY(first.first != std::thread::id() && second.first != std::thread::id());
        QVERIFY(first.first != second.first);
        QVERIFY(first.first != std::this_thread::get_id());
        // The cookie set through the first worker is sent by the second.
        QCOMPARE(json::parse(second.second, nullptr, false)["cookie"].get<std::string>(), std::string("flavour=oat"));
        QCOMPARE(int(engine.cookies().size()), 1);

        // A chain of submits made from callbacks: every link on the first link's worker, one connection.
        constexpr int kLinks = 6;
        std::vector<std::thread::id> threads;
        std::vector<int> newConnections;
        std::promise<void> done;
        std::function<void(ExchangeId, ExchangeResult)> link = [&](ExchangeId, ExchangeResult res) {
            threads.push_back(std::this_thread::get_id());
            newConnections.push_back(res.ok() ? res->response.newConnections : -1);
            if (static_cast<int>(threads.size()) < kLinks) engine.submit(get("/echo"), link);
            else done.set_value();
        };
        engine.submit(get("/echo"), link);
        done.get_future().wait();
        QCOMPARE(int(threads.size()), kLinks);
        int reused = 0;
        for (int i = 1; i < kLinks; ++i) {
            QVERIFY(threads[i] == threads[0]);
            reused += newConnections[i] == 0;
        }
        // The fixture (cpp-httplib) closes a connection after 5 requests: at most one reconnect here.
        QVERIFY2(reused >= kLinks - 2, std::to_string(reused).c_str());
        QCOMPARE(engine.inFlight(), size_t(0));
    }

    void keepAliveReusesTheConnection() {
        Engine session;
        Exchange a = *session.send(get("/echo"));
        Exchange b = *session.send(get("/echo"));
        QCOMPARE(a.response.newConnections, 1);
        QCOMPARE(b.response.newConnections, 0);
    }

    void proxy() {
        RequestSpec r;
        r.url = "http://upstream.example.test/raw-echo?via=proxy";
        r.options.proxy = server_.rawUrl("");
        Exchange e = mustSend(r);
        QCOMPARE(e.response.status, 200);
        // A forward proxy receives the absolute URI in the request line.
        QVERIFY2(e.response.body.rfind("GET http://upstream.example.test/raw-echo?via=proxy HTTP/1.1\r\n", 0) == 0,
                 e.response.body.c_str());
    }

    void unixSocket() {
        RequestSpec r;
        r.url = "http://localhost/raw-echo";
        r.options.unixSocket = unixSocket_;
        Exchange e = mustSend(r);
        QCOMPARE(e.response.status, 200);
        QVERIFY(e.response.body.rfind("GET /raw-echo HTTP/1.1\r\n", 0) == 0);
    }

    void clientCertificate() {
        QString clientKey = dir_.filePath("client-key.pem"), clientCert = dir_.filePath("client.pem");
        QCOMPARE(QProcess::execute("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", clientKey,
                                               "-out", clientCert, "-days", "2", "-subj", "/CN=sonde-client"}),
                 0);
        int port = server_.startMutualTls(cert_, key_, clientCert.toStdString());
        QVERIFY(port > 0);
        RequestSpec r;
        r.url = "https://localhost:" + std::to_string(port) + "/echo";
        r.options.caFile = cert_;
        auto without = engine_.send(r);
        QVERIFY(!without.ok());  // the server demands a client certificate
        r.options.clientCert = clientCert.toStdString();
        r.options.clientKey = clientKey.toStdString();
        QCOMPARE(mustSend(r).response.status, 200);
    }

    void http2MultiplexingWithNghttpd() {
        // nghttpd (Debian's nghttp2-server) is a real HTTP/2 server: ALPN h2 over TLS.
        QTemporaryDir docs;
        QFile f(docs.filePath("hello.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello over h2\n");
        f.close();
        int port = freePort();
        QProcess nghttpd;
        nghttpd.start("nghttpd", {"-d", docs.path(), "--address=127.0.0.1", QString::number(port),
                                  QString::fromStdString(key_), QString::fromStdString(cert_)});
        QVERIFY2(nghttpd.waitForStarted(5000), "nghttpd is missing: install Debian's nghttp2-server (scripts/setup-deps.sh)");
        Engine session;
        RequestSpec r;
        r.url = "https://localhost:" + std::to_string(port) + "/hello.txt";
        r.options.caFile = cert_;
        ExchangeResult first = makeError("not sent");
        for (int attempt = 0; attempt < 50; ++attempt) {  // until nghttpd listens
            first = session.send(r);
            if (first.ok()) break;
            QThread::msleep(50);
        }
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().message().c_str());
        QCOMPARE(first->response.httpVersion, std::string("HTTP/2"));
        QCOMPARE(first->response.tls->alpn, std::string("h2"));
        QCOMPARE(first->response.body, std::string("hello over h2\n"));
        std::vector<std::future<ExchangeResult>> many;
        for (int i = 0; i < 10; ++i) many.push_back(session.submit(r));
        int newConnections = 0;
        for (auto& m : many) {
            ExchangeResult res = m.get();
            QVERIFY(res.ok());
            newConnections += res->response.newConnections;
        }
        QCOMPARE(newConnections, 0);  // all ten multiplexed on the first connection
        nghttpd.kill();
        nghttpd.waitForFinished();
    }


    void cleanupTestCase() { server_.stop(); }
};

QTEST_GUILESS_MAIN(TestEngineTransport)
#include "test_engine_transport.moc"
