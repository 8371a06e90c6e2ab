// Tests core/graphql client: request bodies, POST/GET requests, response splitting, and end to end:
// queries sent with the Engine to the real graphql-js fixture, the responses split into data/errors.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/graphql/client.h"
#include "core/http/engine.h"
#include "graphql_fixture.h"

using namespace sonde;
using namespace sonde::graphql;
using nlohmann::json;

class TestGraphqlClient : public QObject {
    Q_OBJECT
    test::GraphqlFixture server_;
    Engine engine_;

    static const KeyValue* param(const RequestSpec& r, const std::string& k) {
        for (const auto& p : r.params)
            if (p.key == k) return &p;
        return nullptr;
    }

private slots:
    void initTestCase() {
        QString err = server_.start(true);
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void requestBodies_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("variables");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("expected");  // JSON, or "error"
        QTest::newRow("query only") << "{ a }" << "" << "" << "{\"query\":\"{ a }\"}";
        QTest::newRow("blank variables") << "{ a }" << "  \n" << "" << "{\"query\":\"{ a }\"}";
        QTest::newRow("null variables") << "{ a }" << "null" << "" << "{\"query\":\"{ a }\"}";
        QTest::newRow("all") << "query Q($x: Int) { a(x: $x) }" << "{\"x\": 1}" << "Q"
                             << "{\"query\":\"query Q($x: Int) { a(x: $x) }\",\"variables\":{\"x\":1},\"operationName\":\"Q\"}";
        QTest::newRow("variables not json") << "{ a }" << "{x: 1}" << "" << "error";
        QTest::newRow("variables an array") << "{ a }" << "[1]" << "" << "error";
    }
    void requestBodies() {
        QFETCH(QString, query);
        QFETCH(QString, variables);
        QFETCH(QString, operation);
        QFETCH(QString, expected);
        auto body = requestBody({query.toStdString(), variables.toStdString(), operation.toStdString(), false});
        if (expected == "error") {
            QVERIFY(!body.ok());
            QCOMPARE(body.error().code, std::string("usage"));
            return;
        }
        QVERIFY(body.ok());
        QCOMPARE(json::parse(*body), json::parse(expected.toStdString()));
    }

    void postRequest() {
        RequestSpec endpoint;
        endpoint.url = "http://127.0.0.1:1/graphql";
        endpoint.headers.push_back({"X-Trace", "1", true, {}});
        endpoint.auth.kind = AuthKind::Bearer;
        endpoint.auth.token = "t0k";
        auto r = toHttpRequest(endpoint, {"{ a }", "{\"v\":true}", "", false});
        QVERIFY(r.ok());
        QCOMPARE(r->method, std::string("POST"));
        QCOMPARE(int(r->body.kind), int(BodyKind::Json));
        QCOMPARE(json::parse(r->body.text), json::parse("{\"query\":\"{ a }\",\"variables\":{\"v\":true}}"));
        QCOMPARE(r->headers.size(), std::size_t(2));
        QCOMPARE(r->headers[1].key, std::string("Accept"));
        QCOMPARE(r->auth.token, std::string("t0k"));
        QCOMPARE(r->url, endpoint.url);
    }

    // The schema cache key: the URL alone without credentials; with them, a fingerprint per identity.
    void schemaCacheKeyPerIdentity() {
        RequestSpec plain;
        plain.url = "https://api.example.test/graphql";
        plain.headers.push_back({"X-Request-Id", "42", true, {}});
        QCOMPARE(schemaCacheKey(plain), plain.url);
        RequestSpec ann = plain, bob = plain;
        ann.auth.kind = bob.auth.kind = AuthKind::Bearer;
        ann.auth.token = "token-of-ann";
        bob.auth.token = "token-of-bob";
        const std::string annKey = schemaCacheKey(ann);
        QVERIFY2(annKey.rfind(plain.url + " (credentials ", 0) == 0, annKey.c_str());
        QCOMPARE(annKey.size(), plain.url.size() + std::string(" (credentials ").size() + 12 + 1);
        QVERIFY(annKey.find("token-of-ann") == std::string::npos);  // a fingerprint, not the secret
        QVERIFY(schemaCacheKey(bob) != annKey);
        RequestSpec annAgain = ann;
        annAgain.headers.push_back({"X-Request-Id", "43", true, {}});  // not a credential
        QCOMPARE(schemaCacheKey(annAgain), annKey);
        RequestSpec viaHeader = plain;  // credentials in a header count too; a disabled one does not
        viaHeader.headers.push_back({"authorization", "Bearer token-of-ann", true, {}});
        const std::string headerKey = schemaCacheKey(viaHeader);
        QVERIFY(headerKey != plain.url && headerKey != annKey);
        viaHeader.headers.back().enabled = false;
        QCOMPARE(schemaCacheKey(viaHeader), plain.url);
        RequestSpec apiKey = plain;
        apiKey.headers.push_back({"X-Api-Key", "k1", true, {}});
        QVERIFY(schemaCacheKey(apiKey) != plain.url);
    }

    void getRequestAndGraphqlBody() {
        RequestSpec spec;
        spec.url = "http://127.0.0.1:1/graphql";
        spec.headers.push_back({"accept", "application/json", true, {}});
        spec.body.kind = BodyKind::GraphQL;
        spec.body.text = "query Q { a }";
        spec.body.graphqlVariables = "{\"x\": [1, 2]}";
        spec.body.graphqlOperation = "Q";
        spec.body.graphqlUseGet = true;
        auto r = toHttpRequest(spec);
        QVERIFY(r.ok());
        QCOMPARE(r->method, std::string("GET"));
        QCOMPARE(int(r->body.kind), int(BodyKind::None));
        QCOMPARE(param(*r, "query")->value, std::string("query Q { a }"));
        QCOMPARE(json::parse(param(*r, "variables")->value), json::parse("{\"x\":[1,2]}"));
        QCOMPARE(param(*r, "operationName")->value, std::string("Q"));
        QCOMPARE(r->headers.size(), std::size_t(1));  // the user's Accept is kept, none added
        spec.body.kind = BodyKind::Json;
        auto unchanged = toHttpRequest(spec);
        QVERIFY(unchanged.ok());
        QVERIFY(*unchanged == spec);
    }

    void splitting_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("hasData");
        QTest::addColumn<int>("errors");
        QTest::addColumn<QString>("firstPath");
        QTest::newRow("data only") << "{\"data\":{\"a\":1}}" << true << true << 0 << "";
        QTest::newRow("null data with errors")
            << "{\"data\":null,\"errors\":[{\"message\":\"m\",\"path\":[\"a\",0,\"b\"],\"locations\":[{\"line\":2,\"column\":3}]}]}"
            << true << true << 1 << "a.0.b";
        QTest::newRow("errors only") << "{\"errors\":[{\"message\":\"bad\"},{\"message\":\"worse\"}]}" << true << false << 2 << "";
        QTest::newRow("extensions") << "{\"data\":{},\"extensions\":{\"cost\":3}}" << true << true << 0 << "";
        QTest::newRow("not json") << "<html>" << false << false << 0 << "";
        QTest::newRow("json array") << "[1]" << false << false << 0 << "";
        QTest::newRow("neither data nor errors") << "{\"message\":\"hi\"}" << false << false << 0 << "";
    }
    void splitting() {
        QFETCH(QString, body);
        QFETCH(bool, ok);
        QFETCH(bool, hasData);
        QFETCH(int, errors);
        QFETCH(QString, firstPath);
        auto r = splitResponse(body.toStdString());
        QCOMPARE(r.ok(), ok);
        if (!ok) {
            QCOMPARE(r.error().code, std::string("parse"));
            return;
        }
        QCOMPARE(r->hasData, hasData);
        QCOMPARE(int(r->errors.size()), errors);
        if (errors) QCOMPARE(QString::fromStdString(r->errors[0].pathString()), firstPath);
        if (body.contains("locations")) {
            QCOMPARE(r->errors[0].locations[0].line, 2);
            QCOMPARE(r->errors[0].locations[0].column, 3);
        }
        if (body.contains("cost")) QCOMPARE(r->extensions["cost"].get<int>(), 3);
    }

    void endToEnd_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("variables");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<bool>("useGet");
        QTest::addColumn<QString>("pointer");  // JSON pointer into data
        QTest::addColumn<QString>("value");    // its JSON value
        QTest::addColumn<QString>("errorPath");  // path of the first error ("" = no errors)
        QTest::newRow("post") << "{ hello }" << "" << "" << false << "/hello" << "\"Hello, world!\"" << "";
        QTest::newRow("get") << "{ hello(name: \"GET\") }" << "" << "" << true << "/hello" << "\"Hello, GET!\"" << "";
        QTest::newRow("variables") << "query Q($id: ID!) { user(id: $id) { name friends(first: 1) { name } } }"
                                   << "{\"id\": \"u1\"}" << "" << false << "/user/friends/0/name" << "\"Grace\"" << "";
        QTest::newRow("get with variables") << "query Q($r: Role) { users(role: $r) { name } }" << "{\"r\": \"EDITOR\"}" << ""
                                            << true << "/users/0/name" << "\"Grace\"" << "";
        QTest::newRow("operation name picks") << "query A { hello } query B { hello(name: \"B\") }" << "" << "B" << false
                                              << "/hello" << "\"Hello, B!\"" << "";
        QTest::newRow("union and interface") << "{ search(text: \"graph\") { __typename ... on Post { title author { name } } } }"
                                             << "" << "" << false << "/search/0/author/name" << "\"Ada\"" << "";
        QTest::newRow("input object") << "{ echo(input: {text: \"ab\", times: 2, tags: [\"x\"], nested: {text: \"c\"}}) { text count } }"
                                      << "" << "" << false << "/echo/text" << "\"abab\"" << "";
        QTest::newRow("mutation") << "mutation M($i: CreateUserInput!) { createUser(input: $i) { name role } }"
                                  << "{\"i\": {\"name\": \"Zed\"}}" << "" << false << "/createUser/role" << "\"VIEWER\"" << "";
        QTest::newRow("resolver error with path") << "{ hello failing }" << "" << "" << false << "/failing" << "null" << "failing";
        QTest::newRow("list item error") << "{ items { id name } }" << "" << "" << false << "/items/1" << "null" << "items.1.name";
        QTest::newRow("validation error") << "{ nope }" << "" << "" << false << "" << "" << "";
    }
    void endToEnd() {
        QFETCH(QString, query);
        QFETCH(QString, variables);
        QFETCH(QString, operation);
        QFETCH(bool, useGet);
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, errorPath);
        RequestSpec endpoint;
        endpoint.url = server_.url();
        endpoint.options.timeoutMs = 15000;
        auto http = toHttpRequest(endpoint, {query.toStdString(), variables.toStdString(), operation.toStdString(), useGet});
        QVERIFY(http.ok());
        ExchangeResult ex = engine_.send(*http);
        QVERIFY2(ex.ok(), ex.ok() ? "" : ex.error().message().c_str());
        auto g = splitResponse(ex->response.body);
        QVERIFY2(g.ok(), ex->response.body.c_str());
        if (pointer.isEmpty()) {  // a document the server rejects: errors with locations, no data
            QCOMPARE(ex->response.status, 400);
            QVERIFY(!g->hasData);
            QCOMPARE(int(g->errors.size()), 1);
            QVERIFY(QString::fromStdString(g->errors[0].message).contains("Cannot query field \"nope\""));
            QCOMPARE(g->errors[0].locations[0].line, 1);
            QCOMPARE(g->errors[0].locations[0].column, 3);
            return;
        }
        QCOMPARE(ex->response.status, 200);
        QVERIFY(g->hasData);
        QCOMPARE(g->data.at(json::json_pointer(pointer.toStdString())), json::parse(value.toStdString()));
        if (errorPath.isEmpty()) {
            QVERIFY2(!g->hasErrors(), ex->response.body.c_str());
        } else {
            QVERIFY(g->hasErrors());
            QCOMPARE(QString::fromStdString(g->errors[0].pathString()), errorPath);
            QVERIFY(!g->errors[0].message.empty());
            QVERIFY(!g->errors[0].locations.empty());
        }
        if (errorPath == "failing") QCOMPARE(g->errors[0].extensions["code"].get<std::string>(), std::string("ALWAYS_FAILS"));
    }

    void cleanupTestCase() { server_.stop(); }
};

QTEST_GUILESS_MAIN(TestGraphqlClient)
#include "test_graphql_client.moc"
