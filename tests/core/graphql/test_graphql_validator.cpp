// Tests core/graphql validation: each rule with a valid and an invalid document, against the fixture's
// schema (tests/fixtures/graphql-server/schema.graphql), with line and column of every error.
#include <QtTest>

#include <fstream>
#include <sstream>

#include "core/graphql/schema_builder.h"
#include "core/graphql/validator.h"

using namespace sonde::graphql;

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
        QTest::newRow("fields and args") << "{ hello(name: \"x\") user(id: \"u1\") { id name friends(first: 2) { name } } }";
        QTest::newRow("shorthand typename") << "{ __typename users { __typename } }";
        QTest::newRow("introspection fields") << "{ __schema { types { name } } __type(name: \"User\") { kind } }";
        QTest::newRow("enum arg") << "{ users(role: ADMIN) { role } }";
        QTest::newRow("null arg") << "{ users(role: null) { id } }";
        QTest::newRow("default makes optional") << "{ users { id } hello }";
        QTest::newRow("input object") << "{ echo(input: {text: \"a\", times: 2, tags: [\"x\"], nested: {text: \"b\"}}) { text count } }";
        QTest::newRow("list coercion") << "{ echo(input: {text: \"a\", tags: \"single\"}) { text } }";
        QTest::newRow("int as float and id") << "{ user(id: 7) { id } }";
        QTest::newRow("variables used") << "query Q($id: ID!, $r: Role = VIEWER) { user(id: $id) { id } users(role: $r) { id } }";
        QTest::newRow("variable nullable with default to non-null")
            << "query Q($t: String = \"x\") { search(text: $t) { __typename } }";
        QTest::newRow("variable into input field") << "query Q($n: String!) { echo(input: {text: $n}) { text } }";
        QTest::newRow("variable in list") << "query Q($t: String!) { echo(input: {text: \"a\", tags: [$t]}) { text } }";
        QTest::newRow("fragments") << "query { user(id: 1) { ...U } } fragment U on User { name friends { ...U2 } } fragment U2 on Node { id }";
        QTest::newRow("variables through fragment") << "query Q($f: Int) { user(id: 1) { ...F } } fragment F on User { friends(first: $f) { id } }";
        QTest::newRow("inline fragments on union") << "{ search(text: \"a\") { ... on User { name } ... on Post { title } ... on Node { id } } }";
        QTest::newRow("inline fragment without type") << "{ node(id: 1) { ... { id } ... @include(if: true) { id } } }";
        QTest::newRow("interface to implementation") << "{ node(id: 1) { id ... on Post { title author { name } } } }";
        QTest::newRow("mutation") << "mutation M($i: CreateUserInput!) { createUser(input: $i) { id role } }";
        QTest::newRow("mutation literal") << "mutation { createUser(input: {name: \"n\", role: EDITOR}) { id } }";
        QTest::newRow("directives") << "query Q($s: Boolean!) { hello @skip(if: $s) users @include(if: true) { id } }";
        QTest::newRow("custom scalar any literal") << "{ user(id: \"1\") { createdAt } }";
        QTest::newRow("deprecated still valid") << "{ oldHello user(id: 1) { legacyName } }";
        QTest::newRow("two named operations") << "query A { hello } query B { hello }";
        QTest::newRow("same field twice") << "{ hello hello user(id: 1) { id } user(id: 1) { name } }";
        QTest::newRow("same alias on different types") << "{ search(text: \"a\") { ... on User { x: name } ... on Post { x: title } } }";
        QTest::newRow("same field through fragment") << "{ user(id: 1) { name ...F } } fragment F on User { name }";
        QTest::newRow("same directive on two fields") << "{ hello @skip(if: true) oldHello @skip(if: true) }";
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
        QTest::newRow("syntax") << "{ hello(" << "syntax" << 1 << 9 << "Expected Name, found <EOF>.";
        QTest::newRow("unknown field") << "{\n  hello\n  nope\n}" << "FieldsOnCorrectType" << 3 << 3
                                       << "Cannot query field \"nope\" on type \"Query\".";
        QTest::newRow("unknown nested field") << "{ user(id: 1) { id nam } }" << "FieldsOnCorrectType" << 1 << 20
                                              << "Cannot query field \"nam\" on type \"User\".";
        QTest::newRow("field on union") << "{ search(text: \"a\") { name } }" << "FieldsOnCorrectType" << 1 << 23
                                        << "on type \"SearchResult\"";
        QTest::newRow("aliased unknown field") << "{ x: nope }" << "FieldsOnCorrectType" << 1 << 3 << "\"nope\"";
        QTest::newRow("__schema off root") << "{ user(id: 1) { __schema { types { name } } } }" << "FieldsOnCorrectType"
                                           << 1 << 17 << "\"__schema\"";
        QTest::newRow("leaf with selection") << "{ hello { x } }" << "ScalarLeafs" << 1 << 9
                                             << "Field \"hello\" must not have a selection since type \"String!\" has no subfields.";
        QTest::newRow("enum leaf with selection") << "{ users { role { x } } }" << "ScalarLeafs" << 1 << 16 << "\"Role!\"";
        QTest::newRow("object without selection") << "{\n  user(id: 1)\n}" << "ScalarLeafs" << 2 << 3
                                                  << "Field \"user\" of type \"User\" must have a selection of subfields.";
        QTest::newRow("list without selection") << "{ users }" << "ScalarLeafs" << 1 << 3 << "\"[User!]!\"";
        QTest::newRow("missing required arg") << "{ user { id } }" << "ProvidedRequiredArguments" << 1 << 3
                                              << "Field \"user\" argument \"id\" of type \"ID!\" is required, but it was not provided.";
        QTest::newRow("missing directive arg") << "{ hello @include }" << "ProvidedRequiredArguments" << 1 << 9
                                               << "Directive \"@include\" argument \"if\"";
        QTest::newRow("unknown arg") << "{ hello(nam: \"x\") }" << "KnownArgumentNames" << 1 << 9
                                     << "Unknown argument \"nam\" on field \"Query.hello\".";
        QTest::newRow("unknown directive arg") << "{ hello @skip(if: true, when: 1) }" << "KnownArgumentNames" << 1 << 25
                                               << "on directive \"@skip\"";
        QTest::newRow("string for int") << "{ users(first: \"10\") { id } }" << "ValuesOfCorrectType" << 1 << 16
                                        << "Expected value of type \"Int\", found \"10\".";
        QTest::newRow("float for int") << "{ users(first: 1.5) { id } }" << "ValuesOfCorrectType" << 1 << 16 << "found 1.5";
        QTest::newRow("int overflow") << "{ users(first: 99999999999) { id } }" << "ValuesOfCorrectType" << 1 << 16
                                      << "non 32-bit";
        QTest::newRow("int for string") << "{ hello(name: 5) }" << "ValuesOfCorrectType" << 1 << 15 << "\"String\"";
        QTest::newRow("bool for id") << "{ user(id: true) { id } }" << "ValuesOfCorrectType" << 1 << 12 << "\"ID!\"";
        QTest::newRow("null for non-null") << "{ user(id: null) { id } }" << "ValuesOfCorrectType" << 1 << 12
                                           << "Expected value of type \"ID!\", found null.";
        QTest::newRow("unknown enum value") << "{ users(role: KING) { id } }" << "ValuesOfCorrectType" << 1 << 15
                                            << "Value \"KING\" does not exist in \"Role\" enum.";
        QTest::newRow("string for enum") << "{ users(role: \"ADMIN\") { id } }" << "ValuesOfCorrectType" << 1 << 15
                                         << "Expected value of type \"Role\", found \"ADMIN\".";
        QTest::newRow("scalar for input object") << "{ echo(input: \"x\") { text } }" << "ValuesOfCorrectType" << 1 << 15
                                                 << "\"EchoInput!\"";
        QTest::newRow("unknown input field") << "{ echo(input: {text: \"a\", colour: 1}) { text } }" << "ValuesOfCorrectType"
                                             << 1 << 27 << "Field \"colour\" is not defined by type \"EchoInput\".";
        QTest::newRow("missing input field") << "{ echo(input: {times: 2}) { text } }" << "ValuesOfCorrectType" << 1 << 15
                                             << "Field \"EchoInput.text\" of required type \"String!\" was not provided.";
        QTest::newRow("nested input wrong") << "{ echo(input: {text: \"a\", nested: {text: 1}}) { text } }"
                                            << "ValuesOfCorrectType" << 1 << 42 << "\"String!\", found 1";
        QTest::newRow("list item wrong") << "{ echo(input: {text: \"a\", tags: [\"x\", 2]}) { text } }"
                                         << "ValuesOfCorrectType" << 1 << 39 << "\"String!\", found 2";
        QTest::newRow("null list item") << "{ echo(input: {text: \"a\", tags: [null]}) { text } }"
                                        << "ValuesOfCorrectType" << 1 << 34 << "found null";
        QTest::newRow("list for scalar") << "{ hello(name: [\"a\"]) }" << "ValuesOfCorrectType" << 1 << 15
                                         << "found [\"a\"]";
        QTest::newRow("bad default value") << "query Q($r: Role = KING) { users(role: $r) { id } }" << "ValuesOfCorrectType"
                                           << 1 << 20 << "KING";
        QTest::newRow("undefined variable") << "query Q {\n  user(id: $id) { id }\n}" << "NoUndefinedVariables" << 2 << 12
                                            << "Variable \"$id\" is not defined by operation \"Q\".";
        QTest::newRow("undefined variable in fragment") << "query Q { user(id: 1) { ...F } }\nfragment F on User { friends(first: $n) { id } }"
                                                        << "NoUndefinedVariables" << 2 << 37 << "\"$n\"";
        QTest::newRow("undefined variable in input") << "{ echo(input: {text: $t}) { text } }" << "NoUndefinedVariables" << 1
                                                     << 22 << "\"$t\" is not defined.";
        QTest::newRow("unused variable") << "query Q($a: Int, $b: Int) { users(first: $a) { id } }" << "NoUnusedVariables" << 1
                                         << 18 << "Variable \"$b\" is never used in operation \"Q\".";
        QTest::newRow("variable type mismatch") << "query Q($id: String!) { user(id: $id) { id } }"
                                                << "VariablesInAllowedPosition" << 1 << 34
                                                << "Variable \"$id\" of type \"String!\" used in position expecting type \"ID!\".";
        QTest::newRow("nullable variable to non-null") << "query Q($id: ID) { user(id: $id) { id } }"
                                                       << "VariablesInAllowedPosition" << 1 << 29 << "\"ID\"";
        QTest::newRow("list variable to scalar") << "query Q($n: [String]) { hello(name: $n) }" << "VariablesInAllowedPosition"
                                                 << 1 << 37 << "\"[String]\"";
        QTest::newRow("unknown variable type") << "query Q($a: Strin) { hello(name: $a) }" << "KnownTypeNames" << 1 << 13
                                               << "Unknown type \"Strin\".";
        QTest::newRow("output type variable") << "query Q($u: User) { hello }" << "VariablesAreInputTypes" << 1 << 13
                                              << "cannot be non-input type \"User\"";
        QTest::newRow("duplicate variable") << "query Q($a: Int, $a: Int) { users(first: $a) { id } }" << "UniqueVariableNames"
                                            << 1 << 18 << "\"$a\"";
        QTest::newRow("unknown fragment") << "{ user(id: 1) { ...Nope } }" << "KnownFragmentNames" << 1 << 20
                                          << "Unknown fragment \"Nope\".";
        QTest::newRow("unused fragment") << "{ hello }\nfragment F on User { id }" << "NoUnusedFragments" << 2 << 1
                                         << "Fragment \"F\" is never used.";
        QTest::newRow("fragment on unknown type") << "{ user(id: 1) { ...F } }\nfragment F on Ghost { id }" << "KnownTypeNames"
                                                  << 2 << 15 << "Unknown type \"Ghost\".";
        QTest::newRow("fragment on scalar") << "{ user(id: 1) { ...F } }\nfragment F on String { id }"
                                            << "FragmentsOnCompositeTypes" << 2 << 15
                                            << "Fragment \"F\" cannot condition on non composite type \"String\".";
        QTest::newRow("inline on enum") << "{ user(id: 1) { ... on Role { x } } }" << "FragmentsOnCompositeTypes" << 1 << 24
                                        << "non composite type \"Role\"";
        QTest::newRow("inline unknown type") << "{ user(id: 1) { ... on Ghost { x } } }" << "KnownTypeNames" << 1 << 24
                                             << "Unknown type \"Ghost\".";
        QTest::newRow("impossible spread") << "{ user(id: 1) { ...P } }\nfragment P on Post { title }"
                                           << "PossibleFragmentSpreads" << 1 << 17
                                           << "Fragment \"P\" cannot be spread here as objects of type \"User\" can never be of type \"Post\".";
        QTest::newRow("impossible inline") << "{ user(id: 1) { ... on Post { title } } }" << "PossibleFragmentSpreads" << 1
                                           << 17 << "objects of type \"User\" can never be of type \"Post\"";
        QTest::newRow("impossible on union") << "{ search(text: \"a\") { ... on EchoResult { text } } }"
                                             << "PossibleFragmentSpreads" << 1 << 23 << "\"SearchResult\"";
        QTest::newRow("fragment cycle") << "{ user(id: 1) { ...A } }\nfragment A on User { ...B }\nfragment B on User { ...A }"
                                        << "NoFragmentCycles" << 3 << 22 << "Cannot spread fragment \"A\" within itself.";
        QTest::newRow("unknown directive") << "{ hello @nope }" << "KnownDirectives" << 1 << 9 << "Unknown directive \"@nope\".";
        QTest::newRow("misplaced directive") << "query Q @include(if: true) { hello }" << "KnownDirectives" << 1 << 9
                                             << "may not be used on QUERY";
        QTest::newRow("no subscription root") << "subscription { hello }" << "KnownOperationTypes" << 1 << 1
                                              << "not configured to execute subscription";
        QTest::newRow("anonymous not alone") << "{ hello }\nquery B { hello }" << "LoneAnonymousOperation" << 1 << 1
                                             << "anonymous operation must be the only";
        QTest::newRow("duplicate operation") << "query A { hello }\nquery A { hello }" << "UniqueOperationNames" << 2 << 1
                                             << "only one operation named \"A\"";
        QTest::newRow("duplicate argument") << "{ users(first: 1, first: 2) { id } }" << "UniqueArgumentNames" << 1 << 19
                                            << "only one argument named \"first\"";
        QTest::newRow("duplicate input field") << "{ echo(input: {text: \"a\", text: \"b\"}) { text } }"
                                               << "UniqueInputFieldNames" << 1 << 27 << "only one input field named \"text\"";
        QTest::newRow("duplicate directive") << "{ hello @skip(if: true) @skip(if: false) }" << "UniqueDirectivesPerLocation"
                                             << 1 << 25 << "\"@skip\" can only be used once";
        QTest::newRow("alias for two fields") << "{ a: hello\n  a: oldHello }" << "OverlappingFieldsCanBeMerged" << 2 << 3
                                              << "Fields \"a\" conflict because \"hello\" and \"oldHello\" are different fields.";
        QTest::newRow("differing arguments") << "{ hello(name: \"x\") hello(name: \"y\") }" << "OverlappingFieldsCanBeMerged"
                                             << 1 << 20 << "they have differing arguments";
        QTest::newRow("conflict through fragment") << "{ user(id: 1) { name ...F } }\nfragment F on User { name: email }"
                                                   << "OverlappingFieldsCanBeMerged" << 2 << 22 << "\"name\" and \"email\"";
        QTest::newRow("conflict through inline fragment") << "{ user(id: 1) { id ... { id: name } } }"
                                                          << "OverlappingFieldsCanBeMerged" << 1 << 26 << "\"id\" and \"name\"";
        QTest::newRow("duplicate fragment") << "{ user(id: 1) { ...F } }\nfragment F on User { id }\nfragment F on User { id }"
                                            << "UniqueFragmentNames" << 3 << 1 << "only one fragment named \"F\"";
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

QTEST_APPLESS_MAIN(TestGraphqlValidator)
#include "test_graphql_validator.moc"
