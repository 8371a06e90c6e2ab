// The engine's requests: methods, bodies, status codes, redirects, cookies, auth, decoding, limits.
// Tests core/http/engine.* against the real loopback TestServer (tests/fixtures/http-server).
#include <fstream>

#include "engine_test_fixture.h"

using namespace sonde;
using namespace sonde::test;
using nlohmann::json;

class TestEngine : public QObject, EngineTestFixture {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }

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


    void cleanupTestCase() { server_.stop(); }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
