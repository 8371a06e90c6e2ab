// Importers of other tools' files: OpenAPI 3.x / Swagger 2.0, Insomnia v4/v5, Bruno directories and
// .http files (JetBrains, VS Code). The imported requests are sent for real in tests/app/test_cli_import.cpp.
#include <QtTest>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/formats/importer.h"
#include "import_test_support.h"

using namespace sonde;
using namespace sonde::testing;

class TestFormatsImportTools : public QObject {
    Q_OBJECT
private slots:
    void openApi31Yaml() {
        auto im = importPath(fixture("shop.openapi.yaml"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        QCOMPARE(int(im->format), int(ImportFormat::OpenApi));
        const Collection& c = im->collection;
        QCOMPARE(c.name, std::string("Shop"));
        // baseUrl from the first server, its {region} variable filled with the default, no trailing slash.
        QCOMPARE(c.variables.at(0).name, std::string("baseUrl"));
        QCOMPARE(c.variables.at(0).value, std::string("https://eu.shop.example.test/v2"));
        auto var = [&](const std::string& n) -> const Variable* {
            for (const auto& v : c.variables)
                if (v.name == n) return &v;
            return nullptr;
        };
        QVERIFY(var("orderId"));
        QCOMPARE(var("orderId")->value, std::string("00000000-0000-4000-8000-000000000000"));
        QVERIFY(var("token") && var("token")->secret);

        const RequestSpec* get = findRequest(c.root, "orders", "getOrder");
        QVERIFY(get);
        QCOMPARE(get->method, std::string("GET"));
        QCOMPARE(get->url, std::string("{{baseUrl}}/orders/{{orderId}}"));
        QCOMPARE(get->params.size(), std::size_t(2));
        QVERIFY(!get->params[0].enabled);  // optional: off until the user turns it on
        QVERIFY(get->params[1].enabled);   // required
        QCOMPARE(get->params[1].value, std::string("1"));
        QCOMPARE(get->headers.size(), std::size_t(2));  // X-Tenant and the cookie; Accept is ignored (spec)
        QCOMPARE(get->headers[0].value, std::string("acme"));
        QCOMPARE(get->headers[1].key, std::string("Cookie"));
        QCOMPARE(get->headers[1].value, std::string("session=s1"));
        QCOMPARE(int(get->auth.kind), int(AuthKind::Bearer));  // the document's security
        QCOMPARE(get->auth.token, std::string("{{token}}"));
        QCOMPARE(get->assertions.size(), std::size_t(1));
        QCOMPARE(int(get->assertions[0].op), int(CheckOp::OneOf));
        QCOMPARE(get->assertions[0].value, std::string("200,203"));

        const RequestSpec* del = findRequest(c.root, "orders", "DELETE /orders/{orderId}");
        QVERIFY(del);
        QCOMPARE(int(del->auth.kind), int(AuthKind::None));  // security: [] turns it off
        QVERIFY(QString::fromStdString(del->description).startsWith("Deprecated."));

        // Cyclic schemas ($ref to itself through arrays) end; the body is JSON built from the schema.
        const RequestSpec* order = findRequest(c.root, "orders", "Place order");
        QVERIFY(order);
        QCOMPARE(int(order->body.kind), int(BodyKind::Json));
        auto body = nlohmann::json::parse(order->body.text);
        QCOMPARE(body["items"][0]["sku"].get<std::string>(), std::string("SKU-1"));
        QVERIFY(body["items"][0]["order"].is_null());  // the cycle is cut
        QCOMPARE(body["placed"].get<std::string>(), std::string("2026-01-01T00:00:00Z"));
        QVERIFY(body["id"].is_string());  // 3.1 type: [string, "null"]
        QCOMPARE(int(order->auth.kind), int(AuthKind::Bearer));
        QVERIFY2(hasWarning(*im, "POST /orders", "OAuth"), qPrintable(warningsText(im->warnings)));

        // Requests in the document's order, not sorted.
        QCOMPARE(c.root.requests.at(0).name, std::string("POST /upload"));
        QCOMPARE(c.root.requests.at(2).name, std::string("GET /external"));
        const RequestSpec* upload = findRequest(c.root, "", "POST /upload");
        QVERIFY(upload);
        QCOMPARE(int(upload->body.kind), int(BodyKind::Multipart));
        QVERIFY(!upload->body.parts[0].isFile);
        QCOMPARE(upload->body.parts[0].value, std::string("cat"));
        QVERIFY(upload->body.parts[1].isFile);
        QCOMPARE(int(upload->auth.kind), int(AuthKind::ApiKey));
        QVERIFY(upload->auth.keyInQuery);
        QCOMPARE(upload->auth.keyName, std::string("key"));

        const RequestSpec* login = findRequest(c.root, "", "POST /login");
        QCOMPARE(int(login->body.kind), int(BodyKind::FormUrlEncoded));
        QCOMPARE(login->body.form.at(0).value, std::string("ada"));
        QCOMPARE(int(login->auth.kind), int(AuthKind::Basic));

        QVERIFY(hasWarning(*im, "GET /external", "external $ref 'common.yaml#/components/parameters/Limit'"));
    }

    void swagger2() {
        auto im = importPath(fixture("pets.swagger.json"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        const Collection& c = im->collection;
        QCOMPARE(c.variables.at(0).value, std::string("http://pets.example.test/api"));
        const RequestSpec* pets = findRequest(c.root, "", "POST /pets");
        QVERIFY(pets);
        QCOMPARE(int(pets->body.kind), int(BodyKind::Json));
        QCOMPARE(nlohmann::json::parse(pets->body.text)["name"].get<std::string>(), std::string("Rex"));
        QCOMPARE(int(pets->auth.kind), int(AuthKind::ApiKey));
        QCOMPARE(pets->auth.keyName, std::string("X-Key"));
        const RequestSpec* photo = findRequest(c.root, "", "POST /pets/{petId}/photo");
        QVERIFY(photo);
        QCOMPARE(photo->url, std::string("{{baseUrl}}/pets/{{petId}}/photo"));
        QCOMPARE(int(photo->body.kind), int(BodyKind::Multipart));
        QCOMPARE(photo->body.parts.size(), std::size_t(2));
        QVERIFY(photo->body.parts[1].isFile);
        const auto petId = std::find_if(c.variables.begin(), c.variables.end(), [](const Variable& v) { return v.name == "petId"; });
        QVERIFY(petId != c.variables.end());
        QCOMPARE(petId->value, std::string("7"));
    }

    void openApiYamlErrorNamesLine() {
        auto im = importPath(fixture("broken.openapi.yaml"));
        QVERIFY(!im.ok());
        QVERIFY2(QString::fromStdString(im.error().where).startsWith(QString::fromStdString(fixture("broken.openapi.yaml")) + ":"),
                 im.error().where.c_str());
        QVERIFY(QString::fromStdString(im.error().title).contains("YAML"));
    }

    void bundledDemoApiSpec() {
        auto im = importPath(SONDE_SOURCE_DIR "/resources/demo-api.openapi.yaml");
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        QCOMPARE(im->requestCount(), 7);
        QCOMPARE(im->collection.variables.at(0).value, std::string("http://127.0.0.1:8088"));
        QCOMPARE(im->collection.root.folders.size(), std::size_t(2));  // users, misc (tag order)
        QCOMPARE(im->collection.root.folders[0].name, std::string("users"));
    }

    void httpFile() {
        auto im = importPath(fixture("http/api.http"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        QCOMPARE(int(im->format), int(ImportFormat::HttpFile));
        const Collection& c = im->collection;
        QCOMPARE(c.name, std::string("api"));
        QCOMPARE(c.variables.size(), std::size_t(2));  // @host, @contentType
        QCOMPARE(c.variables[0].value, std::string("http://127.0.0.1:8088"));
        const auto& r = c.root.requests;
        QCOMPARE(r.size(), std::size_t(7));
        QCOMPARE(r[0].name, std::string("Health"));
        QCOMPARE(r[0].url, std::string("{{host}}/health"));
        QCOMPARE(r[1].name, std::string("login"));  // "# @name" when ### has no name
        QCOMPARE(int(r[1].body.kind), int(BodyKind::Text));  // Content-Type is a {{variable}} here
        QVERIFY(QString::fromStdString(r[1].body.text).startsWith("{\n  \"username\""));
        QVERIFY(QString::fromStdString(r[1].body.text).endsWith("}"));  // trailing blank lines trimmed
        // VS Code chaining became a capture on "login" and a variable here.
        QCOMPARE(r[1].captures.size(), std::size_t(1));
        QCOMPARE(r[1].captures[0].variable, std::string("login_token"));
        QCOMPARE(r[1].captures[0].selector, std::string("$.token"));
        QCOMPARE(r[2].headers[0].value, std::string("Bearer {{login_token}}"));
        QCOMPARE(r[2].headers[1].value, std::string("{{$uuid}}"));  // {{$guid}} mapped
        QCOMPARE(r[3].url, std::string("{{host}}/api/users?limit=10&sort=name"));
        QVERIFY(!r[3].options.followRedirects);
        QCOMPARE(r[3].headers.size(), std::size_t(1));
        QCOMPARE(int(r[4].body.kind), int(BodyKind::BinaryFile));
        QCOMPARE(r[4].body.text, fixture("http/body.json"));  // relative to the .http file
        // JetBrains handler: global.set became a capture, the status check an assertion.
        QCOMPARE(r[5].captures.size(), std::size_t(1));
        QCOMPARE(r[5].captures[0].variable, std::string("token"));
        QCOMPARE(r[5].captures[0].selector, std::string("$.token"));
        QCOMPARE(r[5].assertions.size(), std::size_t(1));
        QCOMPARE(r[5].assertions[0].value, std::string("200"));
        QCOMPARE(int(r[5].body.kind), int(BodyKind::Json));
        QCOMPARE(r[5].body.text, std::string("{\"username\": \"demo\", \"password\": \"{{password}}\"}"));
        QCOMPARE(int(r[6].body.kind), int(BodyKind::GraphQL));
        QCOMPARE(r[6].method, std::string("POST"));
        QCOMPARE(r[6].body.text, std::string("query Hello($n: Int) { hello(n: $n) }"));
        QCOMPARE(r[6].body.graphqlVariables, std::string("{\"n\": 1}"));
        // http-client.env.json + the private file (secret values).
        QCOMPARE(c.environments.size(), std::size_t(2));
        QCOMPARE(c.environments[0].name, std::string("dev"));
        const auto& pw = c.environments[0].variables[1];
        QCOMPARE(pw.name, std::string("password"));
        QCOMPARE(pw.value, std::string("sonde-demo"));
        QVERIFY(pw.secret);
        QVERIFY(!c.environments[0].variables[0].secret);
    }

    void insomniaV4() {
        auto im = importPath(fixture("demo.insomnia.json"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        QCOMPARE(int(im->format), int(ImportFormat::Insomnia));
        const Collection& c = im->collection;
        QCOMPARE(c.name, std::string("Demo (Insomnia)"));
        // The base environment's nested data -> collection variables with dotted names.
        QCOMPARE(c.variables.size(), std::size_t(2));
        QCOMPARE(c.variables[1].name, std::string("user.name"));
        QCOMPARE(c.environments.size(), std::size_t(1));
        QCOMPARE(c.environments[0].name, std::string("dev"));
        QVERIFY(c.environments[0].variables[0].secret);  // a private environment
        // Folders first (metaSortKey), requests sorted by metaSortKey.
        QCOMPARE(c.root.folders.size(), std::size_t(1));
        QCOMPARE(c.root.requests.size(), std::size_t(2));
        QCOMPARE(c.root.requests[0].name, std::string("GraphQL"));
        const RequestSpec* login = findRequest(c.root, "Auth", "Login");
        QVERIFY(login);
        QCOMPARE(login->url, std::string("{{base_url}}/api/login"));
        QCOMPARE(login->body.text, std::string("{\"username\": \"{{user.name}}\", \"password\": \"{{password}}\"}"));
        // The response tag became a capture on Login and a variable in Me's bearer token.
        QCOMPARE(login->captures.size(), std::size_t(1));
        QCOMPARE(login->captures[0].selector, std::string("$.token"));
        const RequestSpec* me = findRequest(c.root, "Auth", "Me");
        QCOMPARE(int(me->auth.kind), int(AuthKind::Bearer));
        QCOMPARE(me->auth.token, "{{" + login->captures[0].variable + "}}");
        QCOMPARE(me->headers[0].value, std::string("{{$uuid}}"));
        QVERIFY(!me->headers[1].enabled);
        QVERIFY(hasWarning(*im, "Auth/Me", "scripts are not imported"));
        const RequestSpec* echo = findRequest(c.root, "", "Echo form");
        QCOMPARE(int(echo->body.kind), int(BodyKind::FormUrlEncoded));
        QVERIFY(!echo->body.form[1].enabled);
        QVERIFY(!echo->params[1].enabled);
        QVERIFY(!echo->options.followRedirects);
        QVERIFY(hasWarning(*im, "Echo form", "auth type 'oauth2'"));
        const RequestSpec* gql = findRequest(c.root, "", "GraphQL");
        QCOMPARE(int(gql->body.kind), int(BodyKind::GraphQL));
        QCOMPARE(gql->body.text, std::string("{ hello }"));
        QVERIFY2(hasWarning(*im, "", "websocket_request 'Live feed' is not supported"), qPrintable(warningsText(im->warnings)));
    }

    void insomniaV5() {
        auto im = importPath(fixture("demo.insomnia.yaml"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        const Collection& c = im->collection;
        QCOMPARE(c.name, std::string("Demo v5"));
        QCOMPARE(c.variables.at(0).value, std::string("http://127.0.0.1:8088"));
        QCOMPARE(c.environments.at(0).name, std::string("prod"));
        QCOMPARE(c.environments[0].variables.size(), std::size_t(2));
        const RequestSpec* one = findRequest(c.root, "Users", "Get user");
        QVERIFY(one);
        QCOMPARE(int(one->auth.kind), int(AuthKind::Basic));
        QCOMPARE(one->auth.username, std::string("{{user}}"));
        QVERIFY(!one->options.followRedirects);
        const RequestSpec* list = findRequest(c.root, "Users", "List users");
        QCOMPARE(list->params.at(0).value, std::string("5"));
        const RequestSpec* health = findRequest(c.root, "", "Health");
        QCOMPARE(health->headers.at(0).value, std::string("{{$timestamp}}"));
        QVERIFY(hasWarning(*im, "Health", "which is in seconds"));
    }

    void brunoDirectory() {
        auto im = importPath(fixture("bruno"));
        QVERIFY2(im.ok(), im.ok() ? "" : im.error().message().c_str());
        QCOMPARE(int(im->format), int(ImportFormat::Bruno));
        const Collection& c = im->collection;
        QCOMPARE(c.name, std::string("Demo (Bruno)"));
        QCOMPARE(c.variables.at(0).name, std::string("apiVersion"));
        // Requests ordered by meta.seq; the users folder from folder.bru.
        QCOMPARE(c.root.requests.size(), std::size_t(2));
        QCOMPARE(c.root.requests[0].name, std::string("Health"));
        QCOMPARE(c.root.requests[0].tags, std::vector<std::string>{"smoke"});
        QCOMPARE(c.root.requests[0].url, std::string("{{baseUrl}}/health"));  // params:query holds the query
        QCOMPARE(c.root.requests[0].params.size(), std::size_t(2));
        QVERIFY(!c.root.requests[0].params[1].enabled);
        const RequestSpec& login = c.root.requests[1];
        QCOMPARE(int(login.body.kind), int(BodyKind::Json));
        QVERIFY(QString::fromStdString(login.body.text).startsWith("{\n  \"username\": \"demo\""));
        QCOMPARE(int(login.auth.kind), int(AuthKind::None));
        QCOMPARE(login.captures.size(), std::size_t(1));
        QCOMPARE(login.captures[0].variable, std::string("token"));
        QCOMPARE(login.captures[0].selector, std::string("$.token"));
        QCOMPARE(login.assertions.size(), std::size_t(3));
        QCOMPARE(login.assertions[1].selector, std::string("$.tokenType"));
        QCOMPARE(login.assertions[1].value, std::string("\"Bearer\""));  // a bare word compared as a string
        QVERIFY(!login.assertions[2].enabled);
        QVERIFY(hasWarning(*im, fixture("bruno/login.bru"), "script:post-response not imported"));

        QCOMPARE(c.root.folders.size(), std::size_t(1));
        const Folder& users = c.root.folders[0];
        QCOMPARE(users.name, std::string("Users"));
        QCOMPARE(users.requests.size(), std::size_t(3));
        const RequestSpec& me = users.requests[0];
        QCOMPARE(int(me.auth.kind), int(AuthKind::Bearer));  // inherit: the collection's bearer
        QCOMPARE(me.auth.token, std::string("{{token}}"));
        QCOMPARE(me.headers.size(), std::size_t(3));
        QCOMPARE(me.headers[1].key, std::string("X-Quoted"));
        QVERIFY(!me.headers[2].enabled);
        QCOMPARE(int(me.assertions[2].source), int(CheckSource::Header));
        QCOMPARE(me.assertions[2].selector, std::string("content-type"));
        const RequestSpec& user = users.requests[1];
        QCOMPARE(user.url, std::string("{{baseUrl}}/api/users/1"));
        QCOMPARE(int(user.assertions[0].op), int(CheckOp::OneOf));
        QCOMPARE(user.assertions[0].value, std::string("200, 304"));
        const RequestSpec& form = users.requests[2];
        QCOMPARE(int(form.auth.kind), int(AuthKind::ApiKey));
        QCOMPARE(form.auth.keyValue, std::string("{{$env.API_KEY}}"));
        QCOMPARE(int(form.body.kind), int(BodyKind::FormUrlEncoded));
        QCOMPARE(form.body.form[0].value, std::string("1 2"));
        QVERIFY(!form.body.form[1].enabled);
        QCOMPARE(form.description, std::string("Sends a form."));
        // environments/local.bru: vars and vars:secret (empty, secret).
        QCOMPARE(c.environments.size(), std::size_t(1));
        QCOMPARE(c.environments[0].variables.size(), std::size_t(2));
        QVERIFY(c.environments[0].variables[1].secret);
    }

    void brunoFilesCutShortNeverCrash() {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QString::fromStdString(fixture("bruno/bruno.json")), dir.filePath("bruno.json")));
        std::ifstream in(fixture("bruno/users/me.bru"), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        int failed = 0;
        for (std::size_t cut = 0; cut <= text.size(); cut += 3) {
            QFile f(dir.filePath("me.bru"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text.data(), static_cast<qint64>(cut));
            f.close();
            auto im = importPath(dir.path().toStdString());
            if (!im.ok()) {
                ++failed;
                QVERIFY2(QString::fromStdString(im.error().where).contains("me.bru"), im.error().where.c_str());
            }
        }
        QVERIFY(failed > 0);
    }

    void brunoErrorsNameTheFileAndLine() {
        QTemporaryDir dir;
        QFile manifest(dir.filePath("bruno.json"));
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write("{\"name\": \"x\"}");
        manifest.close();
        QFile bad(dir.filePath("bad.bru"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("meta {\n  name: x\n\nget {\n  url: http://x.test/\n}\n");
        bad.close();
        auto im = importPath(dir.path().toStdString());
        QVERIFY(!im.ok());
        QVERIFY2(QString::fromStdString(im.error().where).endsWith("bad.bru:4"), im.error().where.c_str());
    }

    void httpFileErrors() {
        auto im = importHttpFile("###\nGET http://x.test/\n\n###\nthis is not a request\n", "bad");
        QVERIFY(!im.ok());
        QCOMPARE(im.error().where, std::string("bad:5"));
        im = importHttpFile("### only a comment\n# nothing\n", "empty");
        QVERIFY(!im.ok());
        QVERIFY(QString::fromStdString(im.error().title).contains("no request"));
        im = importHttpFile("GET http://x.test/{{$randomInt 1 5}}\n", "dyn");
        QVERIFY(im.ok());
        QCOMPARE(im->collection.root.requests[0].url, std::string("http://x.test/{{$randomInt}}"));
        QVERIFY(hasWarning(*im, "dyn", "became {{$randomInt}}"));
    }
};

QTEST_APPLESS_MAIN(TestFormatsImportTools)
#include "test_formats_import_tools.moc"
