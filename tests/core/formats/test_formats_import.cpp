// Importers: Postman collections (v2.1, v2.0 in an envelope) and environments, HAR, curl command lines,
// and the errors for files Sonde cannot read (every fixture cut short and mangled). OpenAPI, Insomnia,
// Bruno and .http files are in test_formats_import_tools.cpp. The imported requests are sent for real in
// tests/app/test_cli_import.cpp.
#include <QtTest>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/formats/importer.h"
#include "import_test_support.h"

using namespace sonde;
using namespace sonde::testing;

class TestFormatsImport : public QObject {
    Q_OBJECT
private slots:
    void sniffsFormats_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("format");
        QTest::newRow("postman v2.1") << "shop.postman_collection.json" << int(ImportFormat::PostmanCollection);
        QTest::newRow("postman v2.0 envelope") << "legacy.postman_collection.json" << int(ImportFormat::PostmanCollection);
        QTest::newRow("postman env") << "staging.postman_environment.json" << int(ImportFormat::PostmanEnvironment);
        QTest::newRow("har") << "browse.har" << int(ImportFormat::Har);
        QTest::newRow("openapi yaml") << "shop.openapi.yaml" << int(ImportFormat::OpenApi);
        QTest::newRow("swagger json") << "pets.swagger.json" << int(ImportFormat::OpenApi);
        QTest::newRow("http file") << "http/api.http" << int(ImportFormat::HttpFile);
        QTest::newRow("insomnia v4") << "demo.insomnia.json" << int(ImportFormat::Insomnia);
        QTest::newRow("insomnia v5") << "demo.insomnia.yaml" << int(ImportFormat::Insomnia);
        QTest::newRow("broken") << "broken.json" << int(ImportFormat::Unknown);
    }
    void sniffsFormats() {
        QFETCH(QString, file);
        QFETCH(int, format);
        std::ifstream in(fixture(file.toUtf8().constData()));
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(int(sniffFormat(text)), format);
        QCOMPARE(int(sniffFormat("  curl https://x.test")), int(ImportFormat::Curl));
    }

    void postmanCollection() {
        auto im = importPath(fixture("shop.postman_collection.json"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        QCOMPARE(int(im->format), int(ImportFormat::PostmanCollection));
        const Collection& c = im->collection;
        QCOMPARE(c.name, std::string("Shop API"));
        QCOMPARE(c.description, std::string("The shop's public API"));
        QVERIFY(c.id.empty());  // the store gives new ids: importing twice never overwrites
        QCOMPARE(im->requestCount(), 6);
        // Variables: disabled kept as disabled, secret type kept as secret, null keys skipped.
        QCOMPARE(c.variables.size(), std::size_t(3));
        QCOMPARE(c.variables[1].name, std::string("token"));
        QVERIFY(c.variables[1].secret);
        QVERIFY(!c.variables[2].enabled);

        const RequestSpec* get = findRequest(c.root, "Users", "Get user");
        QVERIFY(get);
        QCOMPARE(get->url, std::string("{{baseUrl}}/api/users/42"));  // query to params, :id filled, #fragment gone
        QCOMPARE(get->params.size(), std::size_t(2));
        QCOMPARE(get->params[0].key, std::string("verbose"));
        QVERIFY(!get->params[1].enabled);
        QCOMPARE(get->headers.size(), std::size_t(2));
        QVERIFY(!get->headers[1].enabled);
        QCOMPARE(int(get->auth.kind), int(AuthKind::Basic));  // inherited from the folder
        QCOMPARE(get->auth.username, std::string("ada"));
        QCOMPARE(get->assertions.size(), std::size_t(1));     // pm.response.to.have.status(200)
        QCOMPARE(get->assertions[0].value, std::string("200"));
        QVERIFY(hasWarning(*im, "Users/Get user", "test script not imported"));
        QVERIFY(hasWarning(*im, "Users/Get user", "its 1 status check became assertions"));
        QCOMPARE(im->warnings.size(), std::size_t(4));

        const RequestSpec* create = findRequest(c.root, "Users/Admin", "Create user");
        QVERIFY(create);
        QCOMPARE(int(create->auth.kind), int(AuthKind::None));  // noauth overrides the inherited auth
        QCOMPARE(int(create->body.kind), int(BodyKind::Json));
        QCOMPARE(create->body.text, std::string("{\"name\": \"Ada\"}"));
        QCOMPARE(create->headers.size(), std::size_t(2));        // a CRLF-joined header string
        QCOMPARE(create->headers[1].value, std::string("abc"));

        const RequestSpec* login = findRequest(c.root, "", "Login form");
        QVERIFY(login);
        QCOMPARE(login->url, std::string("http://127.0.0.1:8088/login"));  // rebuilt from its parts
        QCOMPARE(int(login->auth.kind), int(AuthKind::Bearer));           // the collection's auth
        QCOMPARE(login->auth.token, std::string("{{token}}"));
        QCOMPARE(int(login->body.kind), int(BodyKind::FormUrlEncoded));
        QVERIFY(!login->body.form[1].enabled);
        QVERIFY(!login->options.followRedirects);
        QCOMPARE(login->options.maxRedirects, 3);  // a string in the file
        QVERIFY(!login->options.verifyTls);

        const RequestSpec* upload = findRequest(c.root, "", "Upload");
        QVERIFY(upload);
        QCOMPARE(int(upload->body.kind), int(BodyKind::Multipart));
        QVERIFY(upload->body.parts[1].isFile);
        QCOMPARE(upload->body.parts[1].value, std::string("/home/ada/cat.png"));
        QVERIFY(hasWarning(*im, "Upload", "lists 2 files"));

        const RequestSpec* gql = findRequest(c.root, "", "GraphQL hello");
        QVERIFY(gql);
        QCOMPARE(int(gql->body.kind), int(BodyKind::GraphQL));
        QCOMPARE(gql->body.graphqlVariables, std::string("{\"a\": 1}"));
        QCOMPARE(int(gql->auth.kind), int(AuthKind::None));
        QVERIFY2(hasWarning(*im, "GraphQL hello", "auth type 'oauth2' is not supported"), qPrintable(warningsText(im->warnings)));

        const RequestSpec* bare = findRequest(c.root, "", "Bare");
        QVERIFY(bare);
        QCOMPARE(bare->method, std::string("GET"));
        QCOMPARE(bare->url, std::string("http://127.0.0.1:8088/health"));
        QVERIFY(hasWarning(*im, "Shop API", "pre-request script not imported"));
    }

    void postmanV20InEnvelope() {
        auto im = importPath(fixture("legacy.postman_collection.json"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        const RequestSpec* key = findRequest(im->collection.root, "", "Key");
        QVERIFY(key);
        QCOMPARE(int(key->auth.kind), int(AuthKind::ApiKey));  // v2.0: auth parameters as an object map
        QCOMPARE(key->auth.keyName, std::string("X-API-Key"));
        QCOMPARE(key->auth.keyValue, std::string("k1"));
        QCOMPARE(key->headers.at(0).key, std::string("Accept"));  // headers as "K: V" strings
        const RequestSpec* digest = findRequest(im->collection.root, "", "Digest");
        QCOMPARE(int(digest->auth.kind), int(AuthKind::Digest));
        QCOMPARE(digest->auth.password, std::string("p"));
    }

    void postmanEnvironment() {
        auto im = importPath(fixture("staging.postman_environment.json"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        QVERIFY(!im->hasCollection);
        QCOMPARE(im->environments.size(), std::size_t(1));
        const Environment& e = im->environments[0];
        QCOMPARE(e.name, std::string("Staging"));
        QCOMPARE(e.variables.size(), std::size_t(3));
        QVERIFY(e.variables[1].secret);
        QVERIFY(!e.variables[2].enabled);
    }

    void har() {
        auto im = importPath(fixture("browse.har"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        const auto& reqs = im->collection.root.requests;
        QCOMPARE(reqs.size(), std::size_t(4));
        QCOMPARE(im->collection.name, std::string("browse"));
        QCOMPARE(reqs[0].name, std::string("GET /items"));
        QCOMPARE(reqs[0].url, std::string("https://api.example.test/items?q=cat"));
        QCOMPARE(reqs[0].headers.size(), std::size_t(2));  // :authority and Content-Length dropped, Cookie built
        QCOMPARE(reqs[0].headers[1].key, std::string("Cookie"));
        QCOMPARE(reqs[0].headers[1].value, std::string("sid=xyz; theme=dark"));
        QVERIFY(!reqs[0].options.followRedirects);
        QCOMPARE(int(reqs[1].body.kind), int(BodyKind::Json));
        QCOMPARE(reqs[1].headers.size(), std::size_t(2));  // the Cookie header is not doubled by cookies[]
        QCOMPARE(int(reqs[2].body.kind), int(BodyKind::FormUrlEncoded));
        QCOMPARE(reqs[2].body.form[1].value, std::string("p@ss"));
        QCOMPARE(int(reqs[3].body.kind), int(BodyKind::Multipart));
        QVERIFY(reqs[3].headers.empty());  // the recorded boundary is dropped
        QVERIFY(hasWarning(*im, "browse entry 4", "cat.png"));
        QVERIFY(hasWarning(*im, "browse entry 5", "has no request"));
    }

    void curl_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("bodyKind");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("headers");  // "K=V|K=V"
        QTest::newRow("plain") << "curl https://x.test/a" << "GET" << "https://x.test/a" << int(BodyKind::None) << ""
                               << "";
        QTest::newRow("chrome bash") << "curl 'https://x.test/api' \\\n  -H 'accept: application/json' \\\n"
                                        "  -H $'x-note: it\\'s \\u00e9' \\\n  --data-raw '{\"a\":1}' \\\n  --compressed"
                                     << "POST" << "https://x.test/api" << int(BodyKind::Text) << "{\"a\":1}"
                                     << "accept=application/json|x-note=it's \xc3\xa9";
        QTest::newRow("json header") << "curl -X PUT -H \"Content-Type: application/json\" -d '{\"b\": 2}' x.test/p"
                                     << "PUT" << "x.test/p" << int(BodyKind::Json) << "{\"b\": 2}"
                                     << "Content-Type=application/json";
        QTest::newRow("form pairs") << "curl -d a=1 -d 'b=two%20words' http://x.test/f" << "POST" << "http://x.test/f"
                                    << int(BodyKind::FormUrlEncoded) << "a=1|b=two words" << "";
        QTest::newRow("get moves data") << "curl -G -d q=cat --data-urlencode 'tag=a b' http://x.test/s" << "GET"
                                        << "http://x.test/s?q=cat&tag=a%20b" << int(BodyKind::None) << "" << "";
        QTest::newRow("json option") << "curl --json '{\"c\":3}' http://x.test/j" << "POST" << "http://x.test/j"
                                     << int(BodyKind::Json) << "{\"c\":3}" << "Accept=application/json";
        QTest::newRow("combined flags") << "curl -sSL -XPATCH -HX-A:1 -A agent/1 http://x.test/c" << "PATCH"
                                        << "http://x.test/c" << int(BodyKind::None) << ""
                                        << "X-A=1|User-Agent=agent/1";
        QTest::newRow("head") << "curl -I http://x.test/h" << "HEAD" << "http://x.test/h" << int(BodyKind::None) << ""
                              << "";
        QTest::newRow("multipart") << "curl -F title=cat -F 'file=@/tmp/cat.png;type=image/png' http://x.test/u"
                                   << "POST" << "http://x.test/u" << int(BodyKind::Multipart) << "title=cat|file=/tmp/cat.png"
                                   << "";
        QTest::newRow("binary file") << "curl --data-binary @body.bin http://x.test/b" << "POST" << "http://x.test/b"
                                     << int(BodyKind::BinaryFile) << "body.bin" << "";
        QTest::newRow("ignored output options") << "curl -o out.html -w '%{http_code}' --retry 3 http://x.test/o"
                                                << "GET" << "http://x.test/o" << int(BodyKind::None) << "" << "";
        QTest::newRow("empty header and cookie") << "curl -H 'X-Empty;' -b 'a=1; b=2' -- http://x.test/e" << "GET"
                                                 << "http://x.test/e" << int(BodyKind::None) << ""
                                                 << "X-Empty=|Cookie=a=1; b=2";
    }
    void curl() {
        QFETCH(QString, command);
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(int, bodyKind);
        QFETCH(QString, body);
        QFETCH(QString, headers);
        auto c = importCurl(command.toStdString());
        QVERIFY2(c.ok(), c.ok() ? "" : c.error().message().c_str());
        const RequestSpec& r = c->request;
        QCOMPARE(QString::fromStdString(r.method), method);
        QCOMPARE(QString::fromStdString(r.url), url);
        QCOMPARE(int(r.body.kind), bodyKind);
        QString gotBody;
        if (r.body.kind == BodyKind::FormUrlEncoded) {
            QStringList kv;
            for (const auto& f : r.body.form) kv << QString::fromStdString(f.key + "=" + f.value);
            gotBody = kv.join('|');
        } else if (r.body.kind == BodyKind::Multipart) {
            QStringList kv;
            for (const auto& p : r.body.parts) kv << QString::fromStdString(p.name + "=" + p.value);
            gotBody = kv.join('|');
        } else {
            gotBody = QString::fromStdString(r.body.text);
        }
        QCOMPARE(gotBody, body);
        QStringList hs;
        for (const auto& h : r.headers) hs << QString::fromStdString(h.key + "=" + h.value);
        QCOMPARE(hs.join('|'), headers);
    }

    void curlOptions() {
        auto c = importCurl("curl -k -L --max-redirs 4 -m 2.5 --connect-timeout 1 -u ada:pw --digest "
                            "-x http://proxy.test:3128 -U me:pw --http1.1 https://x.test/");
        QVERIFY2(c.ok(), c.ok() ? "" : c.error().message().c_str());
        const auto& o = c->request.options;
        QVERIFY(!o.verifyTls);
        QVERIFY(o.followRedirects);
        QCOMPARE(o.maxRedirects, 4);
        QCOMPARE(o.timeoutMs, 2500L);
        QCOMPARE(o.connectTimeoutMs, 1000L);
        QCOMPARE(o.proxy, std::string("http://me:pw@proxy.test:3128"));
        QCOMPARE(int(o.httpVersion), int(HttpVersion::Http1_1));
        QCOMPARE(int(c->request.auth.kind), int(AuthKind::Digest));
        QCOMPARE(c->request.auth.password, std::string("pw"));
        auto plain = importCurl("curl http://x.test/");
        QVERIFY(!plain->request.options.followRedirects);  // curl follows redirects only with -L
        auto bearer = importCurl("curl --oauth2-bearer tok http://x.test/");
        QCOMPARE(int(bearer->request.auth.kind), int(AuthKind::Bearer));
    }

    void curlErrors_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << "curl --frobnicate 3 http://x.test/" << "Unknown curl option --frobnicate";
        QTest::newRow("unknown short") << "curl -z http://x.test/" << "Unknown curl option -z";
        QTest::newRow("no url") << "curl -H 'a: b'" << "has no URL";
        QTest::newRow("missing value") << "curl http://x.test/ -H" << "-H needs a value";
        QTest::newRow("open quote") << "curl 'http://x.test/" << "not closed";
        QTest::newRow("not curl") << "wget http://x.test/" << "starts with 'curl'";
        QTest::newRow("windows cmd") << "curl ^\"http://x.test/^\" ^\n  -H ^\"a: b^\"" << "Windows cmd";
        QTest::newRow("bad timeout") << "curl -m soon http://x.test/" << "takes seconds";
    }
    void curlErrors() {
        QFETCH(QString, command);
        QFETCH(QString, message);
        auto c = importCurl(command.toStdString());
        QVERIFY(!c.ok());
        QVERIFY2(QString::fromStdString(c.error().title).contains(message), c.error().title.c_str());
    }

    void curlWarnings() {
        auto c = importCurl("curl -b cookies.txt -c jar.txt http://a.test/ http://b.test/");
        QVERIFY(c.ok());
        QCOMPARE(c->request.url, std::string("http://a.test/"));
        QCOMPARE(c->warnings.size(), std::size_t(3));  // cookie file, cookie jar, second URL
    }

    void fileErrors_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("binary") << QByteArray("{\"a\":\0}", 7) << "binary file";
        QTest::newRow("unknown json") << QByteArray("{\"hello\": 1}") << "not a format Sonde imports";
        QTest::newRow("not json") << QByteArray("<xml/>") << "does not recognise";
        QTest::newRow("v1") << QByteArray("{\"info\": {\"name\": \"x\", \"schema\": \"https://schema.getpostman.com/json/collection/v1.0.0/\"}, \"item\": []}")
                            << "v1 is not supported";
        QTest::newRow("har without entries") << QByteArray("{\"log\": {\"entries\": 3}}") << "not a HAR file";
    }
    void fileErrors() {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath("in.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        auto im = importPath(path.toStdString());
        QVERIFY(!im.ok());
        QVERIFY2(QString::fromStdString(im.error().title).contains(message), im.error().title.c_str());
        QCOMPARE(QString::fromStdString(im.error().where), path);  // the error names the file
    }

    void malformedJsonNamesLineAndColumn() {
        auto im = importPath(fixture("broken.json"));
        QVERIFY(!im.ok());
        QCOMPARE(im.error().where, fixture("broken.json") + ":4:18");
        QCOMPARE(im.error().code, std::string("parse"));
    }

    // Every fixture cut short at many places, and with bytes flipped: an error or a result, never a
    // crash or a hang (run under ASan/UBSan in the asan preset).
    void truncatedAndMangledInputsNeverCrash_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : {"shop.postman_collection.json", "legacy.postman_collection.json", "staging.postman_environment.json",
                              "browse.har", "shop.openapi.yaml", "pets.swagger.json", "demo.insomnia.json",
                              "demo.insomnia.yaml", "http/api.http"})
            QTest::newRow(f) << f;
    }
    void truncatedAndMangledInputsNeverCrash() {
        QFETCH(QString, file);
        std::ifstream in(fixture(file.toUtf8().constData()), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        QVERIFY(text.size() > 100);
        int ok = 0, failed = 0;
        for (std::size_t cut = 0; cut < text.size(); cut += 1 + text.size() / 97) {
            auto r = importText(std::string_view(text).substr(0, cut), "cut");
            (r.ok() ? ok : failed)++;
            if (!r.ok()) QVERIFY(!r.error().title.empty());
        }
        for (std::size_t at = 0; at < text.size(); at += 1 + text.size() / 53) {
            for (char c : {'{', '}', '"', '\n', '\0', ':', '['}) {
                std::string mangled = text;
                mangled[at] = c;
                auto r = importText(mangled, "mangled");
                (r.ok() ? ok : failed)++;
            }
        }
        QVERIFY(failed > 0);  // most cuts are malformed...
        QVERIFY(ok + failed > 100);
        auto whole = importText(text, "whole");  // ...and the whole file still imports
        QVERIFY(whole.ok() || file.endsWith(".http"));  // a .http file reads relative paths beside it only via importPath
    }

    void missingFileAndPlainDirectory() {
        auto im = importPath("/nonexistent/sonde/x.json");
        QVERIFY(!im.ok());
        QVERIFY(QString::fromStdString(im.error().title).contains("does not exist"));
        QTemporaryDir dir;
        im = importPath(dir.path().toStdString());
        QVERIFY(!im.ok());
        QVERIFY(QString::fromStdString(im.error().title).contains("collection.yaml"));
    }

    void textTreeDirectory() {
        auto im = importPath(SONDE_SOURCE_DIR "/resources/sample");
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        QCOMPARE(int(im->format), int(ImportFormat::TextTree));
        QVERIFY(im->requestCount() > 10);
    }
};

QTEST_APPLESS_MAIN(TestFormatsImport)
#include "test_formats_import.moc"