// Tests core/graphql introspection: the standard query sent with the Engine to the real graphql-js
// fixture server, its JSON turned into the schema model; disabled introspection; malformed results.
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/graphql/client.h"
#include "core/graphql/introspection.h"
#include "core/graphql/parser.h"
#include "core/graphql/schema_builder.h"
#include "core/http/engine.h"
#include "graphql_fixture.h"

using namespace sonde;
using namespace sonde::graphql;

namespace {
std::vector<std::string> blocks(const std::string& sdl) {
    std::vector<std::string> out;
    std::size_t b = 0;
    while (b < sdl.size()) {
        std::size_t e = sdl.find("\n\n", b);
        if (e == std::string::npos) e = sdl.size();
        out.push_back(sdl.substr(b, e - b));
        b = e + 2;
    }
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

class TestGraphqlIntrospection : public QObject {
    Q_OBJECT
    test::GraphqlFixture server_, closed_;
    Engine engine_;

    RequestSpec endpoint(const test::GraphqlFixture& f) {
        RequestSpec r;
        r.url = f.url();
        r.options.timeoutMs = 15000;
        return r;
    }

private slots:
    void initTestCase() {
        QString err = server_.start(true);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = closed_.start(false);
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void queryTextIsValidGraphql() {
        ParseResult r = parse(kIntrospectionQuery, ParseMode::Executable);
        QVERIFY(r.ok());
        QCOMPARE(r.document.operations[0].name, std::string(kIntrospectionOperationName));
        QCOMPARE(int(r.document.fragments.size()), 3);
    }

    void fromServer() {
        auto schema = introspect(engine_, endpoint(server_));
        QVERIFY2(schema.ok(), schema.ok() ? "" : schema.error().message().c_str());
        const Schema& s = *schema;
        QCOMPARE(s.queryType, std::string("Query"));
        QCOMPARE(s.mutationType, std::string("Mutation"));
        QVERIFY(s.subscriptionType.empty());
        const TypeDef* user = s.type("User");
        QVERIFY(user);
        QCOMPARE(int(user->kind), int(TypeKind::Object));
        QCOMPARE(user->interfaces, std::vector<std::string>{"Node"});
        QCOMPARE(user->field("friends")->type.toString(), std::string("[User!]!"));
        QCOMPARE(user->field("friends")->arguments[0].defaultValue, std::string("10"));
        QCOMPARE(user->field("friends")->description, std::string("Friends, at most `first` of them."));
        QVERIFY(user->field("legacyName")->deprecated);
        QCOMPARE(user->field("legacyName")->deprecationReason, std::string("Use `name`."));
        QCOMPARE(int(s.type("Node")->kind), int(TypeKind::Interface));
        auto nodes = s.possibleTypes("Node");
        std::sort(nodes.begin(), nodes.end());
        QCOMPARE(nodes, (std::vector<std::string>{"Post", "User"}));
        QCOMPARE(s.type("SearchResult")->possibleTypes, (std::vector<std::string>{"User", "Post"}));
        const TypeDef* role = s.type("Role");
        QCOMPARE(int(role->kind), int(TypeKind::Enum));
        QVERIFY(role->enumValue("GUEST")->deprecated);
        QCOMPARE(role->enumValue("GUEST")->deprecationReason, std::string("Guests are viewers now."));
        const TypeDef* input = s.type("CreateUserInput");
        QCOMPARE(int(input->kind), int(TypeKind::InputObject));
        QCOMPARE(input->inputField("role")->defaultValue, std::string("VIEWER"));
        QCOMPARE(input->inputField("name")->type.toString(), std::string("String!"));
        QCOMPARE(s.type("Query")->field("hello")->arguments[0].defaultValue, std::string("\"world\""));
        QCOMPARE(int(s.type("DateTime")->kind), int(TypeKind::Scalar));
        QVERIFY(s.directive("include"));
        QVERIFY(s.directive("deprecated")->builtIn);
        QVERIFY(!s.description.empty());

        // The model matches the one built from the fixture's own SDL (printed, blocks in any order).
        std::ifstream in(SONDE_TEST_FIXTURES_DIR "/graphql-server/schema.graphql");
        std::stringstream ss;
        ss << in.rdbuf();
        auto fromSdl = buildSchemaFromSdl(ss.str());
        QVERIFY(fromSdl.ok());
        auto a = blocks(printSchema(s));
        auto b = blocks(printSchema(*fromSdl.schema));
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) QCOMPARE(QString::fromStdString(a[i]), QString::fromStdString(b[i]));
    }

    void fetchForCache() {
        // The raw introspection JSON (what a cache keeps) gives the same schema when loaded later.
        auto body = fetchIntrospection(engine_, endpoint(server_));
        QVERIFY2(body.ok(), body.ok() ? "" : body.error().message().c_str());
        QVERIFY(body->find("\"__schema\"") != std::string::npos);
        auto schema = schemaFromIntrospection(*body);
        QVERIFY(schema.ok());
        QVERIFY(schema->type("SearchResult"));
        auto refused = fetchIntrospection(engine_, endpoint(closed_));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, std::string("introspection-disabled"));
    }

    void disabledIntrospection() {
        auto schema = introspect(engine_, endpoint(closed_));
        QVERIFY(!schema.ok());
        QCOMPARE(schema.error().code, std::string("introspection-disabled"));
        QVERIFY2(QString::fromStdString(schema.error().title).contains("introspection has been disabled"),
                 schema.error().title.c_str());
        QVERIFY(QString::fromStdString(schema.error().fix).contains("SDL"));
    }

    void notAGraphqlEndpoint() {
        RequestSpec r = endpoint(server_);
        r.url = "http://127.0.0.1:" + std::to_string(server_.port()) + "/nothing-here";
        auto schema = introspect(engine_, r);
        QVERIFY(!schema.ok());
        QCOMPARE(schema.error().code, std::string("introspection"));
        QVERIFY(QString::fromStdString(schema.error().title).contains("404"));
    }

    void refusedConnection() {
        RequestSpec r = endpoint(server_);
        r.url = "http://127.0.0.1:1/graphql";
        auto schema = introspect(engine_, r);
        QVERIFY(!schema.ok());
        QVERIFY(!schema.error().code.empty());
        QVERIFY(schema.error().code != "introspection");
    }

    void jsonShapes_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("part");
        const QString s = "{\"queryType\":{\"name\":\"Q\"},\"types\":[{\"kind\":\"OBJECT\",\"name\":\"Q\",\"fields\":[{\"name\":\"a\",\"args\":[],\"type\":{\"kind\":\"NON_NULL\",\"ofType\":{\"kind\":\"LIST\",\"ofType\":{\"kind\":\"SCALAR\",\"name\":\"Int\"}}}}]}],\"directives\":[]}";
        QTest::newRow("full response") << "{\"data\":{\"__schema\":" + s + "}}" << true << "";
        QTest::newRow("data object") << "{\"__schema\":" + s + "}" << true << "";
        QTest::newRow("bare __schema") << s << true << "";
        QTest::newRow("not json") << "<html>" << false << "not valid JSON";
        QTest::newRow("errors only") << "{\"errors\":[{\"message\":\"introspection is off\"}]}" << false << "introspection is off";
        QTest::newRow("bad kind") << "{\"types\":[{\"kind\":\"WEIRD\",\"name\":\"X\"}]}" << false << "Unknown type kind";
        QTest::newRow("list without ofType") << "{\"types\":[{\"kind\":\"OBJECT\",\"name\":\"Q\",\"fields\":[{\"name\":\"a\",\"type\":{\"kind\":\"LIST\"}}]}]}" << false << "Bad field \"Q.a\"";
    }
    void jsonShapes() {
        QFETCH(QString, json);
        QFETCH(bool, ok);
        QFETCH(QString, part);
        auto r = schemaFromIntrospection(json.toStdString());
        QCOMPARE(r.ok(), ok);
        if (ok) {
            QCOMPARE(r->queryType, std::string("Q"));
            QCOMPARE(r->type("Q")->field("a")->type.toString(), std::string("[Int]!"));
        } else {
            QVERIFY2(QString::fromStdString(r.error().title).contains(part), r.error().title.c_str());
            QCOMPARE(r.error().code, std::string("introspection"));
        }
    }

    void escapesDecoded() {
        // Strings are decoded: quotes, backslashes, newlines, \u escapes and surrogate pairs.
        const std::string js =
            "{\"types\":[{\"kind\":\"ENUM\",\"name\":\"E\",\"description\":\"a \\\"q\\\" \\\\ b\\nc \\u00e9 \\ud83d\\ude00\","
            "\"enumValues\":[{\"name\":\"X\",\"isDeprecated\":true,\"deprecationReason\":null}]}],"
            "\"queryType\":{\"name\":\"E\"},\"mutationType\":null}";
        auto r = schemaFromIntrospection(js);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().title.c_str());
        QCOMPARE(r->type("E")->description, std::string("a \"q\" \\ b\nc \xc3\xa9 \xf0\x9f\x98\x80"));
        QVERIFY(r->type("E")->enumValue("X")->deprecated);
        QVERIFY(r->mutationType.empty());
        auto bad = schemaFromIntrospection("{\"types\": [1, }");
        QVERIFY(!bad.ok());
        QVERIFY(QString::fromStdString(bad.error().title).contains("at byte 14"));
    }

    void cleanupTestCase() {
        server_.stop();
        closed_.stop();
    }
};

QTEST_GUILESS_MAIN(TestGraphqlIntrospection)
#include "test_graphql_introspection.moc"
