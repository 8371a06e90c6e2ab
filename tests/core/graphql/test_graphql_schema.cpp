// Tests core/graphql schema model: SDL -> Schema (with definition errors as values), printSchema and
// the SDL round trip.
#include <QtTest>

#include <fstream>
#include <sstream>

#include "core/graphql/schema_builder.h"

using namespace sonde::graphql;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
bool hasDiag(const std::vector<Diagnostic>& ds, const std::string& rule, int line, int column, const std::string& part) {
    for (const auto& d : ds)
        if (d.rule == rule && d.line == line && d.column == column && d.message.find(part) != std::string::npos) return true;
    return false;
}
std::string dump(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) s += d.rule + " " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message + "\n";
    return s;
}
}  // namespace

class TestGraphqlSchema : public QObject {
    Q_OBJECT
private slots:
    void buildsModel() {
        auto b = buildSchemaFromSdl(readFile(SONDE_TEST_FIXTURES_DIR "/graphql-server/schema.graphql"));
        QVERIFY2(b.ok(), dump(b.errors).c_str());
        const Schema& s = *b.schema;
        QCOMPARE(s.queryType, std::string("Query"));
        QCOMPARE(s.mutationType, std::string("Mutation"));
        QVERIFY(s.subscriptionType.empty());
        QVERIFY(!s.description.empty());
        const TypeDef* user = s.type("User");
        QVERIFY(user);
        QCOMPARE(int(user->kind), int(TypeKind::Object));
        QCOMPARE(user->interfaces, std::vector<std::string>{"Node"});
        QCOMPARE(user->field("friends")->arguments[0].defaultValue, std::string("10"));
        QCOMPARE(user->field("friends")->type.toString(), std::string("[User!]!"));
        QVERIFY(user->field("legacyName")->deprecated);
        QCOMPARE(user->field("legacyName")->deprecationReason, std::string("Use `name`."));
        QCOMPARE(user->field("name")->description, std::string("The display name."));
        const TypeDef* role = s.type("Role");
        QCOMPARE(int(role->enumValues.size()), 4);
        QVERIFY(role->enumValue("GUEST")->deprecated);
        QCOMPARE(role->enumValue("ADMIN")->description, std::string("Can do everything."));
        QCOMPARE(s.possibleTypes("Node"), (std::vector<std::string>{"User", "Post"}));
        QCOMPARE(s.possibleTypes("SearchResult"), (std::vector<std::string>{"User", "Post"}));
        QCOMPARE(s.type("CreateUserInput")->inputField("role")->defaultValue, std::string("VIEWER"));
        QCOMPARE(s.type("EchoInput")->inputField("nested")->type.toString(), std::string("EchoInput"));
        QCOMPARE(int(s.type("DateTime")->kind), int(TypeKind::Scalar));
        QVERIFY(s.fieldOn("Query", "__schema"));
        QVERIFY(s.fieldOn("User", "__typename"));
        QVERIFY(!s.fieldOn("User", "__schema"));
        QVERIFY(s.directive("deprecated"));
        QVERIFY(s.type("__Type")->builtIn);
        QVERIFY(s.type("String")->builtIn);
    }

    void definitionErrors_data() {
        QTest::addColumn<QString>("sdl");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("duplicate field") << "type Query {\n  a: Int\n  a: String\n}" << "UniqueFieldDefinitionNames" << 3 << 3
                                         << "Field \"Query.a\" can only be defined once.";
        QTest::newRow("duplicate field via extension") << "type Query { a: Int }\nextend type Query { a: Int }"
                                                       << "UniqueFieldDefinitionNames" << 2 << 21 << "Query.a";
        QTest::newRow("duplicate input field") << "type Query { a: Int }\ninput I { x: Int x: Int }"
                                               << "UniqueFieldDefinitionNames" << 2 << 18 << "I.x";
        QTest::newRow("duplicate argument") << "type Query { a(x: Int, x: Int): Int }" << "UniqueArgumentDefinitionNames"
                                            << 1 << 24 << "Argument \"Query.a.x\"";
        QTest::newRow("duplicate enum value") << "type Query { a: Int }\nenum E { A B A }" << "UniqueEnumValueNames" << 2
                                              << 14 << "E.A";
        QTest::newRow("duplicate type") << "type Query { a: Int }\ntype Query { b: Int }" << "UniqueTypeNames" << 2 << 1
                                        << "only one type named \"Query\"";
        QTest::newRow("unknown field type") << "type Query {\n  a: [Missing!]\n}" << "KnownTypeNames" << 2 << 7
                                            << "Unknown type \"Missing\".";
        QTest::newRow("unknown interface") << "type Query implements Nope { a: Int }" << "KnownTypeNames" << 1 << 23
                                           << "Nope";
        QTest::newRow("unknown union member") << "type Query { a: U }\nunion U = Query | Ghost" << "KnownTypeNames" << 2
                                              << 19 << "Ghost";
        QTest::newRow("extend undefined") << "type Query { a: Int }\nextend type Nope { b: Int }" << "PossibleTypeExtensions"
                                          << 2 << 1 << "Nope";
        QTest::newRow("extend wrong kind") << "type Query { a: Int }\nextend enum Query { X }" << "PossibleTypeExtensions"
                                           << 2 << 1 << "non-enum";
        QTest::newRow("syntax") << "type Query { a Int }" << "syntax" << 1 << 16 << "Expected \":\"";
    }
    void definitionErrors() {
        QFETCH(QString, sdl);
        QFETCH(QString, rule);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        auto b = buildSchemaFromSdl(sdl.toStdString());
        QVERIFY(!b.ok());
        QVERIFY2(hasDiag(b.errors, rule.toStdString(), line, column, message.toStdString()), dump(b.errors).c_str());
        QCOMPARE(b.schema.has_value(), rule != "syntax");
    }

    void duplicateFieldKeepsFirst() {
        auto b = buildSchemaFromSdl("type Query { a: Int a: String b: Boolean }");
        QVERIFY(b.schema);
        const TypeDef* q = b.schema->type("Query");
        QCOMPARE(int(q->fields.size()), 2);
        QCOMPARE(q->field("a")->type.toString(), std::string("Int"));
    }

    void kitchenSinkSchema() {
        auto b = buildSchemaFromSdl(readFile(SONDE_SOURCE_DIR "/tests/core/graphql/corpus/schema-kitchen-sink.graphql"));
        QVERIFY(b.schema);
        const Schema& s = *b.schema;
        QCOMPARE(s.queryType, std::string("QueryType"));
        QCOMPARE(s.mutationType, std::string("MutationType"));
        QCOMPARE(s.subscriptionType, std::string("SubscriptionType"));
        // "seven" is defined in Foo and again in `extend type Foo`: reported, not a crash.
        QVERIFY2(hasDiag(b.errors, "UniqueFieldDefinitionNames", 37, 3, "Foo.seven"), dump(b.errors).c_str());
        QVERIFY(hasDiag(b.errors, "KnownTypeNames", 16, 8, "Unknown type \"Type\"."));
        const TypeDef* foo = s.type("Foo");
        QCOMPARE(foo->interfaces, (std::vector<std::string>{"Bar", "Baz", "Two"}));
        QCOMPARE(foo->field("seven")->arguments[0].type.toString(), std::string("Int"));
        QCOMPARE(foo->field("seven")->arguments[0].defaultValue, std::string("null"));
        QCOMPARE(s.type("Bar")->interfaces, std::vector<std::string>{"Two"});
        QVERIFY(s.type("Bar")->field("two"));
        QCOMPARE(s.type("Feed")->possibleTypes, (std::vector<std::string>{"Story", "Article", "Advert", "Photo", "Video"}));
        QVERIFY(s.type("Site")->enumValue("VR"));
        QCOMPARE(s.type("Site")->enumValue("WEB")->description, std::string("This is a description of the `WEB` value"));
        QCOMPARE(s.type("InputType")->inputField("other")->defaultValue, std::string("1.23e4"));
        const DirectiveDef* skip = s.directive("skip");
        QCOMPARE(skip->description, std::string("This is a description of the `@skip` directive"));
        QVERIFY(!skip->builtIn);
        QVERIFY(s.directive("myRepeatableDir")->repeatable);
        QCOMPARE(s.directive("include2")->locations.size(), std::size_t(3));
        QVERIFY(s.type("UndefinedType"));
    }

    void printsExactSdl() {
        const char* sdl =
            "\"\"\"\nThe root.\nSecond line.\n\"\"\"\ntype Query {\n  \"One line.\"\n  a(x: Int = 1, y: [String!]! = [\"a\"]): Int\n"
            "  b: E @deprecated\n  c: E @deprecated(reason: \"Use a.\")\n}\n\n"
            "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT\n\nenum E {\n  X\n  Y @deprecated\n}\n\n"
            "input In {\n  \"The key.\"\n  k: String!\n  o: In = {k: \"v\"}\n}\n\ninterface N implements M & O {\n  id: ID!\n}\n\n"
            "scalar Url @specifiedBy(url: \"https://example.test/url\")\n\nunion U = Query | T\n\ntype T\n";
        auto b = buildSchemaFromSdl(sdl);
        QVERIFY(b.schema);
        const std::string expected =
            "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT\n\n"
            "\"\"\"\nThe root.\nSecond line.\n\"\"\"\ntype Query {\n  \"One line.\"\n  a(x: Int = 1, y: [String!]! = [\"a\"]): Int\n"
            "  b: E @deprecated\n  c: E @deprecated(reason: \"Use a.\")\n}\n\nenum E {\n  X\n  Y @deprecated\n}\n\n"
            "input In {\n  \"The key.\"\n  k: String!\n  o: In = {k: \"v\"}\n}\n\ninterface N implements M & O {\n  id: ID!\n}\n\n"
            "scalar Url @specifiedBy(url: \"https://example.test/url\")\n\nunion U = Query | T\n\ntype T\n";
        QCOMPARE(QString::fromStdString(printSchema(*b.schema)), QString::fromStdString(expected));
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("fixture schema") << SONDE_TEST_FIXTURES_DIR "/graphql-server/schema.graphql";
        QTest::newRow("schema kitchen sink") << SONDE_SOURCE_DIR "/tests/core/graphql/corpus/schema-kitchen-sink.graphql";
    }
    void roundTrip() {
        QFETCH(QString, file);
        auto first = buildSchemaFromSdl(readFile(file.toStdString()));
        QVERIFY(first.schema);
        std::string printed = printSchema(*first.schema);
        auto second = buildSchemaFromSdl(printed);
        QVERIFY2(second.schema, printed.c_str());
        QCOMPARE(QString::fromStdString(printSchema(*second.schema)), QString::fromStdString(printed));
        QCOMPARE(second.schema->types().size(), first.schema->types().size());
        QCOMPARE(second.schema->directives().size(), first.schema->directives().size());
    }

    void customRootNames() {
        auto b = buildSchemaFromSdl("schema { query: Q mutation: M }\ntype Q { a: Int }\ntype M { b: Int }");
        QVERIFY2(b.ok(), dump(b.errors).c_str());
        QCOMPARE(b.schema->rootType("query")->name, std::string("Q"));
        QCOMPARE(b.schema->rootType("mutation")->name, std::string("M"));
        QVERIFY(!b.schema->rootType("subscription"));
        QVERIFY(QString::fromStdString(printSchema(*b.schema)).startsWith("schema {\n  query: Q\n  mutation: M\n}\n\n"));
    }
};

QTEST_APPLESS_MAIN(TestGraphqlSchema)
#include "test_graphql_schema.moc"
