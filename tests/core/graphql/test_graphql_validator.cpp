// Tests core/graphql validation: each rule with a valid and an invalid document, against the fixture's
// schema (tests/fixtures/graphql-server/schema.graphql), with line and column of every error.
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/graphql/schema_builder.h"
#include "core/graphql/validator.h"
#include "graphql_fixture.h"

using namespace sonde::graphql;

namespace {
struct ValidCase {
    const char* name;
    const char* query;
};
struct InvalidCase {
    const char* name;
    const char* query;
    const char* rule;
    int line;
    int column;
    const char* message;
};
// clang-format off
const ValidCase kValid[] = {
    {"fields and args", "{ hello(name: \"x\") user(id: \"u1\") { id name friends(first: 2) { name } } }"},
    {"shorthand typename", "{ __typename users { __typename } }"},
    {"introspection fields", "{ __schema { types { name } } __type(name: \"User\") { kind } }"},
    {"enum arg", "{ users(role: ADMIN) { role } }"},
    {"null arg", "{ users(role: null) { id } }"},
    {"default makes optional", "{ users { id } hello }"},
    {"input object", "{ echo(input: {text: \"a\", times: 2, tags: [\"x\"], nested: {text: \"b\"}}) { text count } }"},
    {"list coercion", "{ echo(input: {text: \"a\", tags: \"single\"}) { text } }"},
    {"int as float and id", "{ user(id: 7) { id } }"},
    {"variables used", "query Q($id: ID!, $r: Role = VIEWER) { user(id: $id) { id } users(role: $r) { id } }"},
    {"variable nullable with default to non-null", "query Q($t: String = \"x\") { search(text: $t) { __typename } }"},
    {"variable into input field", "query Q($n: String!) { echo(input: {text: $n}) { text } }"},
    {"variable in list", "query Q($t: String!) { echo(input: {text: \"a\", tags: [$t]}) { text } }"},
    {"fragments", "query { user(id: 1) { ...U } } fragment U on User { name friends { ...U2 } } fragment U2 on Node { id }"},
    {"variables through fragment", "query Q($f: Int) { user(id: 1) { ...F } } fragment F on User { friends(first: $f) { id } }"},
    {"inline fragments on union", "{ search(text: \"a\") { ... on User { name } ... on Post { title } ... on Node { id } } }"},
    {"inline fragment without type", "{ node(id: 1) { ... { id } ... @include(if: true) { id } } }"},
    {"interface to implementation", "{ node(id: 1) { id ... on Post { title author { name } } } }"},
    {"mutation", "mutation M($i: CreateUserInput!) { createUser(input: $i) { id role } }"},
    {"mutation literal", "mutation { createUser(input: {name: \"n\", role: EDITOR}) { id } }"},
    {"directives", "query Q($s: Boolean!) { hello @skip(if: $s) users @include(if: true) { id } }"},
    {"custom scalar any literal", "{ user(id: \"1\") { createdAt } }"},
    {"deprecated still valid", "{ oldHello user(id: 1) { legacyName } }"},
    {"two named operations", "query A { hello } query B { hello }"},
    {"same field twice", "{ hello hello user(id: 1) { id } user(id: 1) { name } }"},
    {"same alias on different types", "{ search(text: \"a\") { ... on User { x: name } ... on Post { x: title } } }"},
    {"same field through fragment", "{ user(id: 1) { name ...F } } fragment F on User { name }"},
    {"same directive on two fields", "{ hello @skip(if: true) oldHello @skip(if: true) }"},
};
const InvalidCase kInvalid[] = {
    {"syntax", "{ hello(", "syntax", 1, 9, "Expected Name, found <EOF>."},
    {"unknown field", "{\n  hello\n  nope\n}", "FieldsOnCorrectType", 3, 3, "Cannot query field \"nope\" on type \"Query\"."},
    {"unknown nested field", "{ user(id: 1) { id nam } }", "FieldsOnCorrectType", 1, 20, "Cannot query field \"nam\" on type \"User\"."},
    {"field on union", "{ search(text: \"a\") { name } }", "FieldsOnCorrectType", 1, 23, "on type \"SearchResult\""},
    {"aliased unknown field", "{ x: nope }", "FieldsOnCorrectType", 1, 3, "\"nope\""},
    {"__schema off root", "{ user(id: 1) { __schema { types { name } } } }", "FieldsOnCorrectType", 1, 17, "\"__schema\""},
    {"leaf with selection", "{ hello { x } }", "ScalarLeafs", 1, 9, "Field \"hello\" must not have a selection since type \"String!\" has no subfields."},
    {"enum leaf with selection", "{ users { role { x } } }", "ScalarLeafs", 1, 16, "\"Role!\""},
    {"object without selection", "{\n  user(id: 1)\n}", "ScalarLeafs", 2, 3, "Field \"user\" of type \"User\" must have a selection of subfields."},
    {"list without selection", "{ users }", "ScalarLeafs", 1, 3, "\"[User!]!\""},
    {"missing required arg", "{ user { id } }", "ProvidedRequiredArguments", 1, 3, "Field \"user\" argument \"id\" of type \"ID!\" is required, but it was not provided."},
    {"missing directive arg", "{ hello @include }", "ProvidedRequiredArguments", 1, 9, "Directive \"@include\" argument \"if\""},
    {"unknown arg", "{ hello(nam: \"x\") }", "KnownArgumentNames", 1, 9, "Unknown argument \"nam\" on field \"Query.hello\"."},
    {"unknown directive arg", "{ hello @skip(if: true, when: 1) }", "KnownArgumentNames", 1, 25, "on directive \"@skip\""},
    {"string for int", "{ users(first: \"10\") { id } }", "ValuesOfCorrectType", 1, 16, "Expected value of type \"Int\", found \"10\"."},
    {"float for int", "{ users(first: 1.5) { id } }", "ValuesOfCorrectType", 1, 16, "found 1.5"},
    {"int overflow", "{ users(first: 99999999999) { id } }", "ValuesOfCorrectType", 1, 16, "non 32-bit"},
    {"int for string", "{ hello(name: 5) }", "ValuesOfCorrectType", 1, 15, "\"String\""},
    {"bool for id", "{ user(id: true) { id } }", "ValuesOfCorrectType", 1, 12, "\"ID!\""},
    {"null for non-null", "{ user(id: null) { id } }", "ValuesOfCorrectType", 1, 12, "Expected value of type \"ID!\", found null."},
    {"unknown enum value", "{ users(role: KING) { id } }", "ValuesOfCorrectType", 1, 15, "Value \"KING\" does not exist in \"Role\" enum."},
    {"string for enum", "{ users(role: \"ADMIN\") { id } }", "ValuesOfCorrectType", 1, 15, "Expected value of type \"Role\", found \"ADMIN\"."},
    {"scalar for input object", "{ echo(input: \"x\") { text } }", "ValuesOfCorrectType", 1, 15, "\"EchoInput!\""},
    {"unknown input field", "{ echo(input: {text: \"a\", colour: 1}) { text } }", "ValuesOfCorrectType", 1, 27, "Field \"colour\" is not defined by type \"EchoInput\"."},
    {"missing input field", "{ echo(input: {times: 2}) { text } }", "ValuesOfCorrectType", 1, 15, "Field \"EchoInput.text\" of required type \"String!\" was not provided."},
    {"nested input wrong", "{ echo(input: {text: \"a\", nested: {text: 1}}) { text } }", "ValuesOfCorrectType", 1, 42, "\"String!\", found 1"},
    {"list item wrong", "{ echo(input: {text: \"a\", tags: [\"x\", 2]}) { text } }", "ValuesOfCorrectType", 1, 39, "\"String!\", found 2"},
    {"null list item", "{ echo(input: {text: \"a\", tags: [null]}) { text } }", "ValuesOfCorrectType", 1, 34, "found null"},
    {"list for scalar", "{ hello(name: [\"a\"]) }", "ValuesOfCorrectType", 1, 15, "found [\"a\"]"},
    {"bad default value", "query Q($r: Role = KING) { users(role: $r) { id } }", "ValuesOfCorrectType", 1, 20, "KING"},
    {"undefined variable", "query Q {\n  user(id: $id) { id }\n}", "NoUndefinedVariables", 2, 12, "Variable \"$id\" is not defined by operation \"Q\"."},
    {"undefined variable in fragment", "query Q { user(id: 1) { ...F } }\nfragment F on User { friends(first: $n) { id } }", "NoUndefinedVariables", 2, 37, "\"$n\""},
    {"undefined variable in input", "{ echo(input: {text: $t}) { text } }", "NoUndefinedVariables", 1, 22, "\"$t\" is not defined."},
    {"unused variable", "query Q($a: Int, $b: Int) { users(first: $a) { id } }", "NoUnusedVariables", 1, 18, "Variable \"$b\" is never used in operation \"Q\"."},
    {"variable type mismatch", "query Q($id: String!) { user(id: $id) { id } }", "VariablesInAllowedPosition", 1, 34, "Variable \"$id\" of type \"String!\" used in position expecting type \"ID!\"."},
    {"nullable variable to non-null", "query Q($id: ID) { user(id: $id) { id } }", "VariablesInAllowedPosition", 1, 29, "\"ID\""},
    {"list variable to scalar", "query Q($n: [String]) { hello(name: $n) }", "VariablesInAllowedPosition", 1, 37, "\"[String]\""},
    {"unknown variable type", "query Q($a: Strin) { hello(name: $a) }", "KnownTypeNames", 1, 13, "Unknown type \"Strin\"."},
    {"output type variable", "query Q($u: User) { hello }", "VariablesAreInputTypes", 1, 13, "cannot be non-input type \"User\""},
    {"duplicate variable", "query Q($a: Int, $a: Int) { users(first: $a) { id } }", "UniqueVariableNames", 1, 19, "\"$a\""},
    {"unknown fragment", "{ user(id: 1) { ...Nope } }", "KnownFragmentNames", 1, 20, "Unknown fragment \"Nope\"."},
    {"unused fragment", "{ hello }\nfragment F on User { id }", "NoUnusedFragments", 2, 1, "Fragment \"F\" is never used."},
    {"fragment on unknown type", "{ user(id: 1) { ...F } }\nfragment F on Ghost { id }", "KnownTypeNames", 2, 15, "Unknown type \"Ghost\"."},
    {"fragment on scalar", "{ user(id: 1) { ...F } }\nfragment F on String { id }", "FragmentsOnCompositeTypes", 2, 15, "Fragment \"F\" cannot condition on non composite type \"String\"."},
    {"inline on enum", "{ user(id: 1) { ... on Role { x } } }", "FragmentsOnCompositeTypes", 1, 24, "non composite type \"Role\""},
    {"inline unknown type", "{ user(id: 1) { ... on Ghost { x } } }", "KnownTypeNames", 1, 24, "Unknown type \"Ghost\"."},
    {"impossible spread", "{ user(id: 1) { ...P } }\nfragment P on Post { title }", "PossibleFragmentSpreads", 1, 17, "Fragment \"P\" cannot be spread here as objects of type \"User\" can never be of type \"Post\"."},
    {"impossible inline", "{ user(id: 1) { ... on Post { title } } }", "PossibleFragmentSpreads", 1, 17, "objects of type \"User\" can never be of type \"Post\""},
    {"impossible on union", "{ search(text: \"a\") { ... on EchoResult { text } } }", "PossibleFragmentSpreads", 1, 23, "\"SearchResult\""},
    {"fragment cycle", "{ user(id: 1) { ...A } }\nfragment A on User { ...B }\nfragment B on User { ...A }", "NoFragmentCycles", 3, 22, "Cannot spread fragment \"A\" within itself."},
    {"unknown directive", "{ hello @nope }", "KnownDirectives", 1, 9, "Unknown directive \"@nope\"."},
    {"misplaced directive", "query Q @include(if: true) { hello }", "KnownDirectives", 1, 9, "may not be used on QUERY"},
    {"no subscription root", "subscription { hello }", "KnownOperationTypes", 1, 1, "not configured to execute subscription"},
    {"anonymous not alone", "{ hello }\nquery B { hello }", "LoneAnonymousOperation", 1, 1, "anonymous operation must be the only"},
    {"duplicate operation", "query A { hello }\nquery A { hello }", "UniqueOperationNames", 2, 7, "only one operation named \"A\""},
    {"duplicate argument", "{ users(first: 1, first: 2) { id } }", "UniqueArgumentNames", 1, 19, "only one argument named \"first\""},
    {"duplicate input field", "{ echo(input: {text: \"a\", text: \"b\"}) { text } }", "UniqueInputFieldNames", 1, 27, "only one input field named \"text\""},
    {"duplicate directive", "{ hello @skip(if: true) @skip(if: false) }", "UniqueDirectivesPerLocation", 1, 25, "\"@skip\" can only be used once"},
    {"alias for two fields", "{ a: hello\n  a: oldHello }", "OverlappingFieldsCanBeMerged", 2, 3, "Fields \"a\" conflict because \"hello\" and \"oldHello\" are different fields."},
    {"differing arguments", "{ hello(name: \"x\") hello(name: \"y\") }", "OverlappingFieldsCanBeMerged", 1, 20, "they have differing arguments"},
    {"conflict through fragment", "{ user(id: 1) { name ...F } }\nfragment F on User { name: email }", "OverlappingFieldsCanBeMerged", 2, 22, "\"name\" and \"email\""},
    {"conflict through inline fragment", "{ user(id: 1) { id ... { id: name } } }", "OverlappingFieldsCanBeMerged", 1, 26, "\"id\" and \"name\""},
    {"duplicate fragment", "{ user(id: 1) { ...F } }\nfragment F on User { id }\nfragment F on User { id }", "UniqueFragmentNames", 3, 10, "only one fragment named \"F\""},
};
// clang-format on
}  // namespace

class TestGraphqlValidator : public QObject {
    Q_OBJECT
    Schema schema_;

    static std::string dump(const std::vector<Diagnostic>& ds) {
        std::string s;
        for (const auto& d : ds) s += d.rule + " " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message + "\n";
        return s;
    }

private slots:
    void initTestCase() {
        std::ifstream in(SONDE_TEST_FIXTURES_DIR "/graphql-server/schema.graphql");
        std::stringstream ss;
        ss << in.rdbuf();
        auto b = buildSchemaFromSdl(ss.str());
        QVERIFY(b.ok());
        schema_ = *b.schema;
    }

    void valid_data() {
        QTest::addColumn<QString>("query");
        for (const auto& c : kValid) QTest::newRow(c.name) << QString::fromUtf8(c.query);
    }
    void valid() {
        QFETCH(QString, query);
        auto ds = validate(schema_, query.toStdString());
        QVERIFY2(ds.empty(), dump(ds).c_str());
    }

    void invalid_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        for (const auto& c : kInvalid)
            QTest::newRow(c.name) << QString::fromUtf8(c.query) << QString(c.rule) << c.line << c.column
                                  << QString::fromUtf8(c.message);
    }
    void invalid() {
        QFETCH(QString, query);
        QFETCH(QString, rule);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        auto ds = validate(schema_, query.toStdString());
        bool found = false;
        for (const auto& d : ds)
            if (d.rule == rule.toStdString() && d.line == line && d.column == column &&
                QString::fromStdString(d.message).contains(message))
                found = true;
        QVERIFY2(found, dump(ds).c_str());
    }

    void crossCheckWithGraphqlJs() {
        // graphql-js (the reference implementation, tests/fixtures/graphql-server/validate.mjs) sees
        // the same documents: it must accept every valid one and reject every invalid one, with an
        // error at the line and column this validator reports for the rule.
        QString missing = sonde::test::GraphqlFixture::missing();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        nlohmann::json docs = nlohmann::json::array();
        for (const auto& c : kValid) docs.push_back(c.query);
        for (const auto& c : kInvalid) docs.push_back(c.query);
        QProcess node;
        node.setWorkingDirectory(sonde::test::GraphqlFixture::dir());
        node.start(sonde::test::GraphqlFixture::node(), {QStringLiteral("validate.mjs")});
        QVERIFY(node.waitForStarted(10000));
        node.write(QByteArray::fromStdString(docs.dump()));
        node.closeWriteChannel();
        QVERIFY(node.waitForFinished(30000));
        QCOMPARE(node.exitCode(), 0);
        auto results = nlohmann::json::parse(node.readAllStandardOutput().toStdString(), nullptr, false);
        QVERIFY(results.is_array());
        QCOMPARE(results.size(), docs.size());
        std::size_t i = 0;
        QStringList disagreements;
        for (const auto& c : kValid) {
            const auto& r = results[i++];
            if (!r.empty()) disagreements << QString(c.name) + ": graphql-js says " + QString::fromStdString(r.dump());
        }
        for (const auto& c : kInvalid) {
            const auto& r = results[i++];
            if (std::string(c.rule) == "KnownOperationTypes") continue;  // graphql-js 16 checks this only when executing
            bool samePlace = false;
            for (const auto& e : r)
                for (const auto& l : e["locations"])
                    if (l[0].get<int>() == c.line && l[1].get<int>() == c.column) samePlace = true;
            if (!samePlace)
                disagreements << QString(c.name) + ": graphql-js reports " + QString::fromStdString(r.dump());
        }
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.join("\n")));
    }

    void fragmentErrorsReportedOnce() {
        // Two operations spread the same broken fragment: its structural error is reported once,
        // its undefined variable once per operation.
        auto ds = validate(schema_, std::string("query A { user(id: 1) { ...F } }\nquery B { user(id: 2) { ...F } }\n"
                                                "fragment F on User { nope friends(first: $n) { id } }"));
        int unknownField = 0, undefinedVar = 0;
        for (const auto& d : ds) {
            if (d.rule == "FieldsOnCorrectType") ++unknownField;
            if (d.rule == "NoUndefinedVariables") ++undefinedVar;
        }
        QCOMPARE(unknownField, 1);
        QCOMPARE(undefinedVar, 2);
    }

    void sortedByPosition() {
        auto ds = validate(schema_, std::string("{ b: nope\n  user { id }\n  hello(x: 1) }"));
        QCOMPARE(int(ds.size()), 3);
        QCOMPARE(ds[0].line, 1);
        QCOMPARE(ds[1].line, 2);
        QCOMPARE(ds[2].line, 3);
    }

    void typeSystemInExecutable() {
        ParseResult r = parse("type X { a: Int }\n{ hello }", ParseMode::Any);
        QVERIFY(r.ok());
        auto ds = validate(schema_, r.document);
        QCOMPARE(int(ds.size()), 1);
        QCOMPARE(ds[0].rule, std::string("ExecutableDefinitions"));
    }
};

QTEST_GUILESS_MAIN(TestGraphqlValidator)
#include "test_graphql_validator.moc"
