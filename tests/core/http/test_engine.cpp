// Tests core/http/engine.* against the real loopback TestServer (tests/fixtures/http-server).
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <thread>
#include <nlohmann/json.hpp>

#include "core/http/engine.h"
#include "test_server.h"

using namespace sonde;
using nlohmann::json;

Q_DECLARE_METATYPE(sonde::RequestSpec)

class TestEngine : public QObject {
    Q_OBJECT
    test::TestServer server_;
    QTemporaryDir dir_;
    std::string cert_, key_, unixSocket_;
    static int freePort() {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socklen_t len = sizeof a;
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        ::close(fd);
        return ntohs(a.sin_port);
    }
    Engine engine_;

    RequestSpec get(const std::string& path) {
        RequestSpec r;
        r.url = server_.url(path);
        return r;
    }
    Exchange mustSend(RequestSpec r) {
        auto res = engine_.send(std::move(r));
        if (!res.ok()) qWarning("unexpected error: %s", res.error().message().c_str());
        return res.ok() ? res.value() : Exchange{};
    }
    static json bodyJson(const Exchange& e) { return json::parse(e.response.body, nullptr, false); }
    static std::string echoedHeader(const json& j, const std::string& name) {
        for (const auto& h : j["headers"])
            if (iequals(h[0].get<std::string>(), name)) return h[1];
        return "<missing>";
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        cert_ = dir_.filePath("cert.pem").toStdString();
        key_ = dir_.filePath("key.pem").toStdString();
        // A self-signed certificate made by the test (openssl), valid for localhost.
        int rc = QProcess::execute("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                                               QString::fromStdString(key_), "-out", QString::fromStdString(cert_),
                                               "-days", "2", "-subj", "/CN=localhost", "-addext",
                                               "subjectAltName=DNS:localhost,IP:127.0.0.1"});
        QCOMPARE(rc, 0);
        unixSocket_ = dir_.filePath("raw.sock").toStdString();
        QVERIFY(server_.listenUnix(unixSocket_));
        QVERIFY(server_.start(cert_, key_));
    }

    void methods_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("contentType");
        QTest::newRow("GET") << "GET" << int(BodyKind::None) << "" << "";
        QTest::newRow("POST json") << "POST" << int(BodyKind::Json) << R"({"a":1})" << "application/json";
        QTest::newRow("PUT xml") << "PUT" << int(BodyKind::Xml) << "<a>1</a>" << "application/xml";
        QTest::newRow("PATCH text") << "PATCH" << int(BodyKind::Text) << "hello" << "text/plain";
        QTest::newRow("DELETE") << "DELETE" << int(BodyKind::None) << "" << "";
        QTest::newRow("OPTIONS") << "OPTIONS" << int(BodyKind::None) << "" << "";
    }
    void methods() {
        QFETCH(QString, method);
        QFETCH(int, kind);
        QFETCH(QString, body);
        QFETCH(QString, contentType);
        RequestSpec r = get("/echo/things");
        r.method = method.toStdString();
        r.body.kind = static_cast<BodyKind>(kind);
        r.body.text = body.toStdString();
        r.params = {{"q", "a b&c"}, {"off", "x", false}};
        Exchange e = mustSend(r);
        QCOMPARE(e.response.status, 200);
        json j = bodyJson(e);
        QCOMPARE(QString::fromStdString(j["method"]), method);
        QCOMPARE(j["path"].get<std::string>(), std::string("/echo/things"));
        QCOMPARE(j["query"]["q"].get<std::string>(), std::string("a b&c"));
        QVERIFY(!j["query"].contains("off"));
        QCOMPARE(QString::fromStdString(j["body"]), body);
        if (!contentType.isEmpty())
            QCOMPARE(QString::fromStdString(echoedHeader(j, "Content-Type")), contentType);
        QCOMPARE(e.request.method, method.toStdString());
        QCOMPARE(e.response.reason, std::string("OK"));
        QCOMPARE(e.response.httpVersion, std::string("HTTP/1.1"));
        QVERIFY(e.response.timings.total > 0);
        QCOMPARE(e.response.remoteIp, std::string("127.0.0.1"));
        QCOMPARE(e.response.remotePort, server_.port());
        QVERIFY(e.response.sizes.headersReceived > 0);
        QVERIFY(e.response.sizes.bodyReceived > 0 && e.response.sizes.bodyReceived <= e.response.bodyBytes);
    }

    void customMethodAndDuplicateHeadersOnTheWire() {
        RequestSpec r;
        r.url = server_.rawUrl("/raw-echo");
        r.method = "PURGE";
        r.headers = {{"X-Dup", "one"}, {"X-Dup", "two"}, {"X-Off", "no", false}, {"User-Agent", "mine/1"}};
        Exchange e = mustSend(r);
        QCOMPARE(e.response.status, 200);
        const std::string& head = e.response.body;
        QVERIFY2(head.rfind("PURGE /raw-echo HTTP/1.1\r\n", 0) == 0, head.c_str());
        QVERIFY(head.find("X-Dup: one\r\n") != std::string::npos);
        QVERIFY(head.find("X-Dup: two\r\n") != std::string::npos);
        QVERIFY(head.find("X-Off") == std::string::npos);
        QVERIFY(head.find("User-Agent: mine/1\r\n") != std::string::npos);  // user headers win
        QVERIFY(head.find("Sonde/") == std::string::npos);
        // SentRequest carries the exact headers that went out, in order.
        int dups = 0;
        for (const auto& h : e.request.headers) dups += h.name == "X-Dup";
        QCOMPARE(dups, 2);
    }

    void userContentTypeWins() {
        RequestSpec r = get("/echo");
        r.method = "POST";
        r.body.kind = BodyKind::Json;
        r.body.text = "{}";
        r.headers = {{"Content-Type", "application/vnd.api+json"}};
        json j = bodyJson(mustSend(r));
        QCOMPARE(echoedHeader(j, "Content-Type"), std::string("application/vnd.api+json"));
        QCOMPARE(echoedHeader(j, "Content-Length"), std::string("2"));
    }

    void formAndMultipartAndFileBodies() {
        RequestSpec f = get("/echo");
        f.method = "POST";
        f.body.kind = BodyKind::FormUrlEncoded;
        f.body.form = {{"name", "a b"}, {"x", "1&2"}, {"skip", "y", false}};
        json j = bodyJson(mustSend(f));
        QCOMPARE(j["body"].get<std::string>(), std::string("name=a%20b&x=1%262"));
        QCOMPARE(echoedHeader(j, "Content-Type"), std::string("application/x-www-form-urlencoded"));

        QString path = dir_.filePath("upload.bin");
        {
            std::ofstream out(path.toStdString(), std::ios::binary);
            out << std::string("\x00\x01payload\xff", 10);
        }
        RequestSpec m = get("/echo");
        m.method = "POST";
        m.body.kind = BodyKind::Multipart;
        m.body.parts = {{"field", "value"}, {"doc", path.toStdString(), true, "named.bin", "application/x-test"}};
        j = bodyJson(mustSend(m));
        QCOMPARE(j["files"]["field"]["content"].get<std::string>(), std::string("value"));
        QCOMPARE(j["files"]["doc"]["filename"].get<std::string>(), std::string("named.bin"));
        QCOMPARE(j["files"]["doc"]["size"].get<size_t>(), size_t(10));
        QCOMPARE(j["files"]["doc"]["contentType"].get<std::string>(), std::string("application/x-test"));

        RequestSpec b = get("/echo");
        b.method = "PUT";
        b.body.kind = BodyKind::BinaryFile;
        b.body.text = path.toStdString();
        Exchange e = mustSend(b);
        j = bodyJson(e);
        QCOMPARE(j["method"].get<std::string>(), std::string("PUT"));
        QCOMPARE(echoedHeader(j, "Content-Type"), std::string("application/octet-stream"));
        QCOMPARE(e.response.status, 200);

        b.body.text = dir_.filePath("missing.bin").toStdString();
        auto missing = engine_.send(b);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, std::string("file"));
        QVERIFY(missing.error().where.find("missing.bin") != std::string::npos);
    }

    void statusCodesAreResponses_data() {
        QTest::addColumn<int>("code");
        for (int c : {201, 204, 400, 404, 418, 500, 503}) QTest::newRow(std::to_string(c).c_str()) << c;
    }
    void statusCodesAreResponses() {
        QFETCH(int, code);
        auto r = engine_.send(get("/status/" + std::to_string(code)));
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
        QCOMPARE(r->response.status, code);
    }

    void redirects() {
        Exchange e = mustSend(get("/redirect/3"));
        QCOMPARE(e.response.status, 200);
        QCOMPARE(int(e.response.redirects.size()), 4);
        QCOMPARE(e.response.redirects[0].url, server_.url("/redirect/3"));
        QCOMPARE(e.response.redirects[0].location, std::string("/redirect/2"));
        QCOMPARE(e.response.redirects[3].url, server_.url("/redirect/0"));
        QCOMPARE(e.response.effectiveUrl, server_.url("/echo"));

        RequestSpec noFollow = get("/redirect/3");
        noFollow.options.followRedirects = false;
        Exchange n = mustSend(noFollow);
        QCOMPARE(n.response.status, 302);
        QCOMPARE(*n.response.header("location"), std::string("/redirect/2"));

        auto loop = engine_.send(get("/redirect-loop"));
        QVERIFY(!loop.ok());
        QCOMPARE(loop.error().code, std::string("redirects"));
        QVERIFY(loop.error().where.find("/redirect-loop") != std::string::npos);
    }

    void authorizationDroppedOnRedirectToAnotherHost() {
        RequestSpec r = get("/redirect-to");
        // localhost and 127.0.0.1 are different hosts to libcurl.
        r.params = {{"url", "http://localhost:" + std::to_string(server_.port()) + "/echo"}};
        r.auth.kind = AuthKind::Bearer;
        r.auth.token = "secret-token";
        json j = bodyJson(mustSend(r));
        QCOMPARE(echoedHeader(j, "Authorization"), std::string("<missing>"));
    }

    void cookies() {
        Engine session;
        QVERIFY(session.send(get("/cookies/set?flavour=oat&size=big")).ok());
        auto r = session.send(get("/cookies"));
        QVERIFY(r.ok());
        std::string sent = bodyJson(*r)["cookie"];
        QVERIFY2(sent.find("flavour=oat") != std::string::npos && sent.find("size=big") != std::string::npos,
                 sent.c_str());
        auto jar = session.cookies();
        QCOMPARE(int(jar.size()), 2);
        QCOMPARE(jar[0].domain, std::string("127.0.0.1"));
        session.clearCookies();
        QCOMPARE(int(session.cookies().size()), 0);
        r = session.send(get("/cookies"));
        QCOMPARE(bodyJson(*r)["cookie"].get<std::string>(), std::string(""));
        // Another session (engine) has its own jar.
        QCOMPARE(int(engine_.cookies().size()), 0);
    }

    // Each engine worker resets and reuses the easy handles of finished transfers: nothing of one request
    // (method, headers, body, auth) may reach the next, and the cookie jar must still work.
    void reusedHandlesCarryNothingOver() {
        EngineOptions o;
        o.maxConcurrency = 1;  // one handle, reused for every request below
        Engine session(o);
        RequestSpec put = get("/echo");
        put.method = "PUT";
        put.headers.push_back({"X-One", "1"});
        put.auth.kind = AuthKind::Basic;
        put.auth.username = "ann";
        put.auth.password = "pw";
        put.body.kind = BodyKind::Json;
        put.body.text = "{\"a\":1}";
        auto first = session.send(put);
        QVERIFY(first.ok());
        QCOMPARE(bodyJson(*first)["method"].get<std::string>(), std::string("PUT"));
        QVERIFY(echoedHeader(bodyJson(*first), "Authorization").rfind("Basic ", 0) == 0);
        for (int i = 0; i < 3; ++i) {
            auto next = session.send(get("/echo"));
            QVERIFY(next.ok());
            const json j = bodyJson(*next);
            QCOMPARE(j["method"].get<std::string>(), std::string("GET"));
            QCOMPARE(j["body"].get<std::string>(), std::string(""));
            QCOMPARE(echoedHeader(j, "X-One"), std::string("<missing>"));
            QCOMPARE(echoedHeader(j, "Authorization"), std::string("<missing>"));
            QCOMPARE(echoedHeader(j, "Content-Type"), std::string("<missing>"));
        }
        QVERIFY(session.send(get("/cookies/set?flavour=oat")).ok());
        auto withCookie = session.send(get("/cookies"));
        QVERIFY(withCookie.ok());
        QCOMPARE(bodyJson(*withCookie)["cookie"].get<std::string>(), std::string("flavour=oat"));
    }

    void auth_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("basic ok") << int(AuthKind::Basic) << "pw" << "/basic-auth/ann/pw" << 200;
        QTest::newRow("basic wrong") << int(AuthKind::Basic) << "bad" << "/basic-auth/ann/pw" << 401;
        QTest::newRow("digest ok") << int(AuthKind::Digest) << "pw" << "/digest-auth/ann/pw" << 200;
        QTest::newRow("digest wrong") << int(AuthKind::Digest) << "bad" << "/digest-auth/ann/pw" << 401;
    }
    void auth() {
        QFETCH(int, kind);
        QFETCH(QString, password);
        QFETCH(QString, path);
        QFETCH(int, status);
        RequestSpec r = get(path.toStdString());
        r.auth.kind = static_cast<AuthKind>(kind);
        r.auth.username = "ann";
        r.auth.password = password.toStdString();
        QCOMPARE(mustSend(r).response.status, status);
    }

    void headerAuthKinds() {
        RequestSpec r = get("/echo");
        r.auth.kind = AuthKind::Bearer;
        r.auth.token = "t0k";
        QCOMPARE(echoedHeader(bodyJson(mustSend(r)), "Authorization"), std::string("Bearer t0k"));
        r.auth = {};
        r.auth.kind = AuthKind::ApiKey;
        r.auth.keyName = "X-Api-Key";
        r.auth.keyValue = "k1";
        QCOMPARE(echoedHeader(bodyJson(mustSend(r)), "X-Api-Key"), std::string("k1"));
        r.auth.keyInQuery = true;
        r.auth.keyName = "api_key";
        QCOMPARE(bodyJson(mustSend(r))["query"]["api_key"].get<std::string>(), std::string("k1"));
        r.auth = {};
        r.auth.kind = AuthKind::AwsSigV4;
        r.auth.accessKey = "AKIDEXAMPLE";
        r.auth.secretKey = "secret";
        r.auth.region = "eu-west-1";
        r.auth.service = "execute-api";
        json j = bodyJson(mustSend(r));
        std::string a = echoedHeader(j, "Authorization");
        QVERIFY2(a.rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", 0) == 0, a.c_str());
        QVERIFY(a.find("/eu-west-1/execute-api/aws4_request") != std::string::npos);
        QVERIFY(echoedHeader(j, "X-Amz-Date") != "<missing>");
    }

    void decoding_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("gzip") << "/gzip";
        QTest::newRow("deflate") << "/deflate";
        QTest::newRow("brotli") << "/brotli";
    }
    void decoding() {
        QFETCH(QString, path);
        Exchange e = mustSend(get(path.toStdString()));
        QCOMPARE(e.response.status, 200);
        const std::string unit = "Sonde compressed body: the quick brown fox jumps over the lazy dog. ";
        QCOMPARE(e.response.body.size(), unit.size() * 50);
        QVERIFY(e.response.body.rfind(unit, 0) == 0);
        QVERIFY(e.response.sizes.bodyReceived < e.response.body.size());  // compressed on the wire
    }

    void chunkedAndBinary() {
        Exchange c = mustSend(get("/chunked?n=12"));
        QCOMPARE(c.response.status, 200);
        QCOMPARE(*c.response.header("Transfer-Encoding"), std::string("chunked"));
        QCOMPARE(int(std::count(c.response.body.begin(), c.response.body.end(), '\n')), 12);
        QVERIFY(c.response.body.rfind("chunk 0\nchunk 1\n", 0) == 0);

        Exchange b = mustSend(get("/binary"));
        QCOMPARE(b.response.body.size(), size_t(1024));
        for (size_t i = 0; i < 1024; ++i) QCOMPARE(static_cast<unsigned char>(b.response.body[i]), i % 256);
    }

    void largeBodyInMemoryAndSpilled() {
        Exchange e = mustSend(get("/large?mb=20"));
        QCOMPARE(e.response.bodyBytes, std::uint64_t(20) << 20);
        QCOMPARE(e.response.body.size(), size_t(20) << 20);
        QCOMPARE(e.response.body[123457], char('a' + 123457 % 26));
        QVERIFY(e.response.bodyFile.empty());

        RequestSpec r = get("/large?mb=20");
        r.options.maxBodyInMemory = 1 << 20;
        r.options.spillDir = dir_.path().toStdString();
        Exchange s = mustSend(r);
        QVERIFY(s.response.body.empty());
        QVERIFY(!s.response.bodyFile.empty());
        QCOMPARE(QFileInfo(QString::fromStdString(s.response.bodyFile)).size(), qint64(20) << 20);
        std::ifstream in(s.response.bodyFile, std::ios::binary);
        in.seekg(5 << 20);
        char ch = 0;
        in.get(ch);
        QCOMPARE(ch, char('a' + (5 << 20) % 26));
    }

    void bodyCapAndGzipBomb() {
        RequestSpec r = get("/gzip-bomb?mb=64");
        r.options.maxBodyBytes = 8 << 20;
        auto res = engine_.send(r);
        QVERIFY(!res.ok());
        QCOMPARE(res.error().code, std::string("body-cap"));
        QVERIFY(res.error().title.find("8388608") != std::string::npos);
    }

    void misbehaviour_data() {
        QTest::addColumn<bool>("raw");
        QTest::addColumn<QString>("path");
        QTest::addColumn<long>("timeoutMs");
        QTest::addColumn<QString>("code");
        QTest::newRow("reset mid-body (httplib)") << false << "/reset" << 5000L << "connection";
        QTest::newRow("reset mid-body (RST)") << true << "/reset" << 5000L << "connection";
        QTest::newRow("never answers") << true << "/never" << 600L << "timeout";
        QTest::newRow("slow drip") << true << "/drip" << 700L << "timeout";
        QTest::newRow("invalid chunking") << true << "/bad-chunk" << 5000L << "connection";
        QTest::newRow("huge headers") << true << "/huge-headers" << 5000L << "";
    }
    void misbehaviour() {
        QFETCH(bool, raw);
        QFETCH(QString, path);
        QFETCH(long, timeoutMs);
        QFETCH(QString, code);
        RequestSpec r;
        r.url = raw ? server_.rawUrl(path.toStdString()) : server_.url(path.toStdString());
        r.options.timeoutMs = timeoutMs;
        auto res = engine_.send(r);
        QVERIFY(!res.ok());
        if (!code.isEmpty()) QCOMPARE(QString::fromStdString(res.error().code), code);
        QVERIFY(!res.error().title.empty());
        QCOMPARE(res.error().where, r.url);
    }

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

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
