// Tests core/graphql completion at many cursor positions (marked `|` in each document) against the
// fixture's schema: fields in scope, arguments, input fields, enum values, variables, fragments,
// directives, type names and keywords; item details; positions by line/column and byte offset.
#include <QtTest>

#include <fstream>
#include <sstream>

#include "core/graphql/completion.h"
#include "core/graphql/schema_builder.h"
#include "core/graphql/validator.h"

using namespace sonde::graphql;

class TestGraphqlCompletion : public QObject {
    Q_OBJECT
    Schema schema_;

    CompletionResult at(const QString& marked) {
        std::string doc = marked.toStdString();
        std::size_t cursor = doc.find('|');
        if (cursor == std::string::npos) cursor = doc.size();
        else doc.erase(cursor, 1);
        return complete(schema_, doc, cursor);
    }
    static QStringList labels(const CompletionResult& r) {
        QStringList out;
        for (const auto& i : r.items) out << QString::fromStdString(i.label);
        return out;
    }
    static const CompletionItem* find(const CompletionResult& r, const std::string& label) {
        for (const auto& i : r.items)
            if (i.label == label) return &i;
        return nullptr;
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

    void positions_data() {
        QTest::addColumn<QString>("doc");
        QTest::addColumn<QString>("present");  // comma-separated labels that must be offered
        QTest::addColumn<QString>("absent");   // comma-separated labels that must not
        QTest::addColumn<int>("kind");         // kind of the first present item
        using K = CompletionItem::Kind;
        const QString frags = "\nfragment UF on User { id }\nfragment PF on Post { title }\nfragment NF on Node { id }";
        QTest::newRow("root fields") << "{ |" << "hello,user,users,search,node,echo,failing,items,oldHello,__typename,__schema,__type" << "id,name" << int(K::Field);
        QTest::newRow("root prefix") << "{ us|" << "user,users" << "hello,search" << int(K::Field);
        QTest::newRow("prefix case-insensitive") << "{ US|" << "user,users" << "hello" << int(K::Field);
        QTest::newRow("after other field") << "{ hello |" << "user,items" << "" << int(K::Field);
        QTest::newRow("nested object") << "{ user(id: 1) { |" << "id,name,email,role,friends,posts,legacyName,__typename" << "hello,__schema" << int(K::Field);
        QTest::newRow("nested twice") << "{ user(id: 1) { posts { author { |" << "name,friends" << "title" << int(K::Field);
        QTest::newRow("list field") << "{ users { friends { na| } } }" << "name" << "id,email" << int(K::Field);
        QTest::newRow("after closed selection") << "{ user(id: 1) { posts { title } | } }" << "name,email" << "title" << int(K::Field);
        QTest::newRow("back at root") << "{ user(id: 1) { id }\n  |\n}" << "hello,users" << "id" << int(K::Field);
        QTest::newRow("alias") << "{ a: us|" << "user,users" << "hello" << int(K::Field);
        QTest::newRow("mutation root") << "mutation { |" << "createUser" << "hello" << int(K::Field);
        QTest::newRow("named query root") << "query Q($id: ID!) @skip(if: false) { |" << "hello,user" << "createUser" << int(K::Field);
        QTest::newRow("inline fragment on union") << "{ search(text: \"x\") { ... on User { |" << "name,email" << "title" << int(K::Field);
        QTest::newRow("inline fragment on post") << "{ search(text: \"x\") { ... on Post { t|" << "title,tags" << "name" << int(K::Field);
        QTest::newRow("union fields") << "{ search(text: \"x\") { |" << "__typename" << "name,title,id" << int(K::Field);
        QTest::newRow("inline without type") << "{ node(id: 1) { ... { |" << "id,__typename" << "name" << int(K::Field);
        QTest::newRow("inline with directive") << "{ node(id: 1) { ... on User @include(if: true) { |" << "name,role" << "title" << int(K::Field);
        QTest::newRow("fragment definition") << "fragment F on User { friends(first: 2) { |" << "name,posts" << "hello" << int(K::Field);
        QTest::newRow("fragment on interface") << "fragment F on Node { |" << "id,__typename" << "name" << int(K::Field);
        QTest::newRow("field arguments") << "{ user(|" << "id" << "name" << int(K::Argument);
        QTest::newRow("argument prefix") << "{ users(f|" << "first" << "role" << int(K::Argument);
        QTest::newRow("remaining arguments") << "{ users(role: ADMIN, |" << "first" << "role" << int(K::Argument);
        QTest::newRow("nested field arguments") << "{ user(id: 1) { friends(|" << "first" << "id" << int(K::Argument);
        QTest::newRow("enum argument") << "{ users(role: |" << "ADMIN,EDITOR,VIEWER,GUEST,null" << "true,first" << int(K::EnumValue);
        QTest::newRow("enum prefix") << "{ users(role: V|" << "VIEWER" << "ADMIN,EDITOR" << int(K::EnumValue);
        QTest::newRow("enum in list position") << "{ users(role: [|" << "ADMIN" << "first" << int(K::EnumValue);
        QTest::newRow("input object fields") << "{ echo(input: {|" << "text,times,tags,nested" << "input" << int(K::InputField);
        QTest::newRow("remaining input fields") << "{ echo(input: {text: \"a\", |" << "times,tags,nested" << "text" << int(K::InputField);
        QTest::newRow("nested input object") << "{ echo(input: {text: \"a\", nested: {|" << "text,times" << "" << int(K::InputField);
        QTest::newRow("enum in input object") << "mutation { createUser(input: {name: \"n\", role: |" << "ADMIN,VIEWER" << "name" << int(K::EnumValue);
        QTest::newRow("after input object") << "{ echo(input: {text: \"a\"}, |" << "" << "text,input" << int(K::Argument);
        QTest::newRow("directive args") << "{ user(id: 1) @include(|" << "if" << "id" << int(K::Argument);
        QTest::newRow("boolean value") << "{ user(id: 1) @include(if: |" << "true,false" << "null,ADMIN" << int(K::Keyword);
        QTest::newRow("variables") << "query Q($id: ID!, $role: Role) { user(id: $|" << "id,role" << "" << int(K::Variable);
        QTest::newRow("variable prefix") << "query Q($id: ID!, $role: Role) { users(role: $r|" << "role" << "id" << int(K::Variable);
        QTest::newRow("variable in input object") << "query Q($t: String!) { echo(input: {text: $|" << "t" << "" << int(K::Variable);
        QTest::newRow("no completion when defining a variable") << "query Q($|" << "" << "id" << int(K::Variable);
        QTest::newRow("field directives") << "{ hello @|" << "include,skip" << "deprecated,specifiedBy,oneOf" << int(K::Directive);
        QTest::newRow("directive prefix") << "{ hello @sk|" << "skip" << "include" << int(K::Directive);
        QTest::newRow("no field directives on query") << "query Q @|" << "" << "include,skip" << int(K::Directive);
        QTest::newRow("fragment spread") << "{ user(id: 1) { ...|" + frags << "UF,NF,on" << "PF" << int(K::Fragment);
        QTest::newRow("fragment spread prefix") << "{ node(id: 1) { ...P|" + frags << "PF" << "UF,NF" << int(K::Fragment);
        QTest::newRow("type after on (union)") << "{ search(text: \"a\") { ... on |" << "User,Post,SearchResult,Node" << "EchoResult,Query,Role" << int(K::Type);
        QTest::newRow("type after on prefix") << "{ node(id: 1) { ... on P|" << "Post" << "User" << int(K::Type);
        QTest::newRow("fragment type condition") << "fragment F on |" << "User,Post,Query,Node,SearchResult" << "Role,CreateUserInput,String" << int(K::Type);
        QTest::newRow("variable type") << "query Q($a: |" << "String,Int,Role,CreateUserInput,EchoInput,DateTime" << "User,Node,__Type" << int(K::Type);
        QTest::newRow("variable list type") << "query Q($a: [|" << "Role,ID" << "Post" << int(K::Type);
        QTest::newRow("second variable type") << "query Q($a: Int, $b: |" << "Boolean" << "User" << int(K::Type);
        QTest::newRow("variable default") << "query Q($r: Role = |" << "ADMIN,GUEST" << "String" << int(K::EnumValue);
        QTest::newRow("empty document") << "|" << "query,mutation,subscription,fragment" << "hello" << int(K::Keyword);
        QTest::newRow("after a definition") << "{ hello }\n|" << "query,fragment" << "hello" << int(K::Keyword);
        QTest::newRow("keyword prefix") << "{ hello }\nqu|" << "query" << "mutation" << int(K::Keyword);
        QTest::newRow("inside a string") << "{ hello(name: \"us|er\") }" << "" << "user,hello" << int(K::Field);
        QTest::newRow("inside a comment") << "{ # us|" << "" << "user" << int(K::Field);
        QTest::newRow("after comment line") << "{ # comment\n  us|" << "user" << "" << int(K::Field);
        QTest::newRow("unknown field scope") << "{ nope { |" << "" << "id,hello" << int(K::Field);
        QTest::newRow("middle of document") << "{ user(id: 1) { na|me } hello }" << "name" << "id" << int(K::Field);
    }
    void positions() {
        QFETCH(QString, doc);
        QFETCH(QString, present);
        QFETCH(QString, absent);
        QFETCH(int, kind);
        CompletionResult r = at(doc);
        QStringList got = labels(r);
        QString shown = got.join(",");
        for (const QString& p : present.split(',', Qt::SkipEmptyParts))
            QVERIFY2(got.contains(p), qPrintable("missing " + p + " in [" + shown + "]"));
        for (const QString& a : absent.split(',', Qt::SkipEmptyParts))
            QVERIFY2(!got.contains(a), qPrintable("unexpected " + a + " in [" + shown + "]"));
        if (!present.isEmpty()) {
            const CompletionItem* first = find(r, present.split(',').first().toStdString());
            QCOMPARE(int(first->kind), kind);
        } else {
            QVERIFY2(got.isEmpty() || !absent.isEmpty(), qPrintable(shown));
        }
    }

    void itemDetails() {
        CompletionResult r = at("{ user(id: 1) { |");
        QCOMPARE(r.scopeType, std::string("User"));
        const CompletionItem* friends = find(r, "friends");
        QVERIFY(friends);
        QCOMPARE(friends->detail, std::string("[User!]!"));
        QCOMPARE(friends->description, std::string("Friends, at most `first` of them."));
        QVERIFY(!friends->deprecated);
        const CompletionItem* legacy = find(r, "legacyName");
        QVERIFY(legacy->deprecated);
        QCOMPARE(legacy->deprecationReason, std::string("Use `name`."));
        QCOMPARE(r.items.back().label, std::string("legacyName"));  // deprecated items come last

        CompletionResult a = at("{ users(|");
        const CompletionItem* first = find(a, "first");
        QCOMPARE(first->detail, std::string("Int = 10"));
        CompletionResult e = at("{ users(role: |");
        QCOMPARE(find(e, "ADMIN")->description, std::string("Can do everything."));
        QCOMPARE(find(e, "ADMIN")->detail, std::string("Role"));
        QVERIFY(find(e, "GUEST")->deprecated);
        QCOMPARE(e.items.back().label, std::string("GUEST"));
        CompletionResult v = at("query Q($id: ID!, $r: [Role!]) { user(id: $|");
        QCOMPARE(find(v, "id")->detail, std::string("ID!"));
        QCOMPARE(find(v, "r")->detail, std::string("[Role!]"));
        CompletionResult f = at("{ user(id: 1) { ...| } }\nfragment UF on User { id }");
        QCOMPARE(find(f, "UF")->detail, std::string("on User"));
        CompletionResult t = at("fragment F on |");
        QCOMPARE(find(t, "SearchResult")->detail, std::string("UNION"));
        QCOMPARE(find(t, "User")->description, std::string("A person with an account."));
        QCOMPARE(std::string(toString(CompletionItem::Kind::EnumValue)), std::string("enum-value"));
    }

    void replaceRange() {
        std::string doc = "{ user(id: 1) { name } }";
        CompletionResult r = complete(schema_, doc, std::size_t(18));  // "na|me"
        QCOMPARE(r.prefix, std::string("na"));
        QCOMPARE(r.replaceFrom, std::size_t(16));
        QCOMPARE(r.replaceTo, std::size_t(20));
        CompletionResult empty = complete(schema_, doc, std::size_t(15));  // after '{' before ' '
        QVERIFY(empty.prefix.empty());
        QCOMPARE(empty.replaceFrom, std::size_t(15));
        QCOMPARE(empty.replaceTo, std::size_t(15));
    }

    void lineAndColumn_data() {
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("root") << 2 << 3 << "hello";
        QTest::newRow("inside user") << 4 << 5 << "email";
        QTest::newRow("argument") << 3 << 8 << "id";
        QTest::newRow("enum value") << 6 << 16 << "EDITOR";
        QTest::newRow("column past line end") << 5 << 99 << "name";
    }
    void lineAndColumn() {
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, expected);
        const std::string doc = "{\n  \n  user(id: 1) {\n    \n    name\n  } users(role: ) { id }\n}";
        CompletionResult r = complete(schema_, doc, line, column);
        QVERIFY2(labels(r).contains(expected), qPrintable(labels(r).join(",")));
    }

    void neverCrashesOnAnyPrefix_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("kitchen-sink") << "kitchen-sink.graphql";
        QTest::newRow("spec-examples") << "spec-examples.graphql";
    }
    void neverCrashesOnAnyPrefix() {
        // Every prefix of a real document (what an editor holds while typing), completed at its end
        // and at every earlier offset, and validated: no crash, ranges inside the text.
        QFETCH(QString, file);
        std::ifstream in(std::string(SONDE_SOURCE_DIR) + "/tests/core/graphql/corpus/" + file.toStdString());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string doc = ss.str();
        QVERIFY(doc.size() > 500);
        std::size_t offered = 0;
        for (std::size_t n = 0; n <= doc.size(); n += 7) {
            std::string prefix = doc.substr(0, n);
            CompletionResult r = complete(schema_, prefix, prefix.size());
            QVERIFY(r.replaceFrom <= r.replaceTo && r.replaceTo <= prefix.size());
            offered += r.items.size();
            (void)validate(schema_, prefix);
        }
        for (std::size_t off = 0; off <= doc.size(); ++off) {
            CompletionResult r = complete(schema_, doc, off);
            QVERIFY(r.replaceTo <= doc.size());
        }
        QVERIFY(offered > 0);
    }

    void offsetOfClamps() {
        std::string doc = "ab\ncd";
        QCOMPARE(offsetOf(doc, 1, 1), std::size_t(0));
        QCOMPARE(offsetOf(doc, 2, 2), std::size_t(4));
        QCOMPARE(offsetOf(doc, 1, 50), std::size_t(2));
        QCOMPARE(offsetOf(doc, 9, 1), std::size_t(5));
    }
};

QTEST_APPLESS_MAIN(TestGraphqlCompletion)
#include "test_graphql_completion.moc"
