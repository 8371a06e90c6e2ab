// Tests core/graphql lexer + parser: the spec's kitchen-sink corpus, node locations, values, block
// strings and syntax errors with their line and column.
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/graphql/lexer.h"
#include "core/graphql/parser.h"
#include "graphql_fixture.h"

using namespace sonde::graphql;

namespace {
std::string readCorpus(const QString& name) {
    std::ifstream in(std::string(SONDE_SOURCE_DIR) + "/tests/core/graphql/corpus/" + name.toStdString(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

namespace {
struct ErrorCase {
    const char* name;
    const char* source;
    ParseMode mode;
    int line;
    int column;
    const char* message;
};
// clang-format off
const ErrorCase kErrors[] = {
    {"empty", "", ParseMode::Executable, 1, 1, "Unexpected <EOF>."},
    {"only comment", "# nothing\n", ParseMode::Executable, 2, 1, "Unexpected <EOF>."},
    {"unclosed brace", "{ a { b }", ParseMode::Executable, 1, 10, "Expected Name, found <EOF>."},
    {"empty selection", "query Q {\n}", ParseMode::Executable, 2, 1, "Expected Name, found \"}\"."},
    {"missing colon", "query ($a Int) { x }", ParseMode::Executable, 1, 11, "Expected \":\", found Name \"Int\"."},
    {"bad token", "{ a ? }", ParseMode::Executable, 1, 5, "Unexpected character: \"?\"."},
    {"single quote", "{ a(s: 'x') }", ParseMode::Executable, 1, 8, "Unexpected single quote character"},
    {"non-ascii outside string", "{ caf\xc3\xa9 }", ParseMode::Executable, 1, 6, "Unexpected character: U+00E9."},
    {"single dot", "{ ..a }", ParseMode::Executable, 1, 3, "Unexpected character: \".\"."},
    {"unterminated string", "{ a(s: \"abc) }", ParseMode::Executable, 1, 15, "Unterminated string."},
    {"newline in string", "{ a(s: \"ab\nc\") }", ParseMode::Executable, 1, 11, "Unterminated string."},
    {"bad escape", "{ a(s: \"\\x\") }", ParseMode::Executable, 1, 9, "Invalid character escape sequence"},
    {"bad unicode", "{ a(s: \"\\u12G4\") }", ParseMode::Executable, 1, 9, "Invalid Unicode escape sequence."},
    {"lone surrogate", "{ a(s: \"\\uD800x\") }", ParseMode::Executable, 1, 9, "Invalid Unicode escape"},
    {"leading zero", "{ a(n: 01) }", ParseMode::Executable, 1, 9, "unexpected digit after 0"},
    {"bad float", "{ a(n: 1.) }", ParseMode::Executable, 1, 10, "expected digit"},
    {"name after number", "{ a(n: 1x) }", ParseMode::Executable, 1, 9, "unexpected \"x\""},
    {"variable in const", "query ($a: Int = $b) { x }", ParseMode::Executable, 1, 18, "Unexpected variable \"$b\" in constant value."},
    {"fragment named on", "fragment on on T { a }", ParseMode::Executable, 1, 10, "Unexpected Name \"on\"."},
    {"fragment missing on", "fragment F T { a }", ParseMode::Executable, 1, 12, "Expected \"on\", found Name \"T\"."},
    {"sdl in executable", "type T { a: Int }", ParseMode::Executable, 1, 1, "Unexpected Name \"type\"."},
    {"query in sdl", "{ a }", ParseMode::TypeSystem, 1, 1, "Unexpected \"{\"."},
    {"unknown keyword", "\n\n  notakeyword { a }", ParseMode::Any, 3, 3, "Unexpected Name \"notakeyword\"."},
    {"multiline position", "query {\n  a(x: 1\n  b\n}", ParseMode::Executable, 4, 1, "Expected \":\", found \"}\"."},
    {"enum reserved", "enum E { true }", ParseMode::TypeSystem, 1, 10, "true is reserved"},
    {"empty extension", "extend type T", ParseMode::TypeSystem, 1, 14, "Unexpected <EOF>."},
    {"bad schema op", "schema { querx: Q }", ParseMode::TypeSystem, 1, 10, "Unexpected Name \"querx\"."},
    {"unterminated block", "\"\"\"abc\ndef", ParseMode::TypeSystem, 2, 4, "Unterminated string."},
    {"control char outside string", "{ a \x07 }", ParseMode::Executable, 1, 5, "Unexpected character: U+0007."},
    {"missing type", "type T { a: }", ParseMode::TypeSystem, 1, 13, "Expected Name, found \"}\"."},
    {"directive no on", "directive @d(a: Int) FIELD", ParseMode::TypeSystem, 1, 22, "Expected \"on\""},
};
// clang-format on
}  // namespace

class TestGraphqlParser : public QObject {
    Q_OBJECT
private slots:
    void corpus_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("operations");
        QTest::addColumn<int>("fragments");
        QTest::addColumn<int>("typeSystem");
        QTest::newRow("kitchen-sink") << "kitchen-sink.graphql" << 5 << 1 << 0;
        QTest::newRow("schema-kitchen-sink") << "schema-kitchen-sink.graphql" << 0 << 0 << 37;
        QTest::newRow("spec-examples") << "spec-examples.graphql" << 3 << 0 << 0;
    }
    void corpus() {
        QFETCH(QString, file);
        QFETCH(int, operations);
        QFETCH(int, fragments);
        QFETCH(int, typeSystem);
        std::string src = readCorpus(file);
        QVERIFY2(!src.empty(), "corpus file missing");
        ParseResult r = parse(src);
        QVERIFY2(r.ok(), r.ok() ? "" : (r.error->message + " at " + std::to_string(r.error->line) + ":" +
                                        std::to_string(r.error->column)).c_str());
        QCOMPARE(int(r.document.operations.size()), operations);
        QCOMPARE(int(r.document.fragments.size()), fragments);
        QCOMPARE(int(r.document.typeSystem.size()), typeSystem);
    }

    void kitchenSinkDetails() {
        ParseResult r = parse(readCorpus("kitchen-sink.graphql"), ParseMode::Executable);
        QVERIFY(r.ok());
        const auto& doc = r.document;
        const OperationDefinition& q = doc.operations[0];
        QCOMPARE(q.name, std::string("queryName"));
        QCOMPARE(q.location.line, 4);
        QCOMPARE(q.location.column, 1);
        QCOMPARE(int(q.variables.size()), 2);
        QCOMPARE(q.variables[1].name, std::string("site"));
        QVERIFY(q.variables[1].defaultValue.has_value());
        QCOMPARE(int(q.variables[1].defaultValue->kind), int(Value::Kind::Enum));
        QCOMPARE(q.variables[1].defaultValue->text, std::string("MOBILE"));
        QCOMPARE(q.directives[0].name, std::string("onQuery"));
        const Selection& who = q.selectionSet.selections[0];
        QCOMPARE(who.alias, std::string("whoever123is"));
        QCOMPARE(who.name, std::string("node"));
        QCOMPARE(who.location.line, 5);
        QCOMPARE(who.location.column, 3);
        QCOMPARE(who.nameLocation.column, 17);
        QCOMPARE(int(who.arguments[0].value.kind), int(Value::Kind::List));
        QCOMPARE(who.arguments[0].value.items[1].text, std::string("456"));
        const Selection& inl = who.selectionSet.selections[1];
        QCOMPARE(int(inl.kind), int(Selection::Kind::InlineFragment));
        QCOMPARE(inl.typeCondition, std::string("User"));
        QCOMPARE(inl.typeConditionLocation.line, 7);
        QCOMPARE(inl.typeConditionLocation.column, 12);
        const Selection& alias = inl.selectionSet.selections[0].selectionSet.selections[1];
        QCOMPARE(alias.alias, std::string("alias"));
        QCOMPARE(alias.directives[0].name, std::string("include"));
        QCOMPARE(int(alias.selectionSet.selections[1].kind), int(Selection::Kind::FragmentSpread));
        QCOMPARE(alias.selectionSet.selections[1].name, std::string("frag"));
        const Selection& noType = who.selectionSet.selections[3];
        QCOMPARE(int(noType.kind), int(Selection::Kind::InlineFragment));
        QVERIFY(noType.typeCondition.empty());
        QVERIFY(noType.directives.empty());
        QCOMPARE(doc.operations[1].operation, std::string("mutation"));
        QCOMPARE(doc.operations[2].operation, std::string("subscription"));
        QCOMPARE(doc.operations[2].variables[0].directives[0].name, std::string("onVariableDefinition"));
        QVERIFY(doc.operations[3].shorthand);
        const auto& unnamedArgs = doc.operations[3].selectionSet.selections[0].arguments;
        QCOMPARE(int(unnamedArgs[0].value.kind), int(Value::Kind::Boolean));
        QCOMPARE(int(unnamedArgs[2].value.kind), int(Value::Kind::Null));
        QVERIFY(!doc.operations[4].shorthand);
        QVERIFY(doc.operations[4].name.empty());
        const FragmentDefinition& frag = doc.fragments[0];
        QCOMPARE(frag.typeCondition, std::string("Friend"));
        const Value& obj = frag.selectionSet.selections[0].arguments[2].value;
        QCOMPARE(int(obj.kind), int(Value::Kind::Object));
        QCOMPARE(obj.items[1].fieldName, std::string("block"));
        QVERIFY(obj.items[1].block);
        QCOMPARE(obj.items[1].text, std::string("block string uses \"\"\""));
    }

    void schemaKitchenSinkDetails() {
        ParseResult r = parse(readCorpus("schema-kitchen-sink.graphql"), ParseMode::TypeSystem);
        QVERIFY(r.ok());
        const auto& defs = r.document.typeSystem;
        using K = TypeSystemDefinition::Kind;
        QCOMPARE(int(defs[0].kind), int(K::Schema));
        QCOMPARE(defs[0].description, std::string("This is a description of the schema as a whole."));
        QCOMPARE(defs[0].operationTypes[1].type.name, std::string("MutationType"));
        const auto& foo = defs[1];
        QCOMPARE(foo.description, std::string("This is a description\nof the `Foo` type."));
        QCOMPARE(int(foo.interfaces.size()), 3);
        QCOMPARE(foo.interfaces[2].name, std::string("Two"));
        QCOMPARE(foo.fields[1].arguments[0].description, std::string("This is a description of the `argument` argument."));
        QCOMPARE(foo.fields[1].arguments[0].type.toString(), std::string("InputType!"));
        QCOMPARE(printValue(*foo.fields[4].arguments[0].defaultValue), std::string("[\"string\", \"string\"]"));
        QCOMPARE(printValue(*foo.fields[5].arguments[0].defaultValue), std::string("{key: \"value\"}"));
        QCOMPARE(foo.fields[0].location.line, 16);
        QCOMPARE(foo.fields[0].location.column, 3);
        int unions = 0, extensions = 0, directives = 0;
        for (const auto& d : defs) {
            if (d.extension) ++extensions;
            if (d.kind == K::Union && d.name == "Feed" && !d.extension) {
                ++unions;
                QCOMPARE(int(d.members.size()), 3);
            }
            if (d.kind == K::Directive) {
                ++directives;
                if (d.name == "myRepeatableDir") {
                    QVERIFY(d.repeatable);
                    QCOMPARE(d.directiveLocations[1].name, std::string("INTERFACE"));
                }
                if (d.name == "include") QCOMPARE(int(d.directiveLocations.size()), 3);
            }
            if (d.kind == K::Interface && d.name == "Bar" && d.extension && !d.interfaces.empty())
                QCOMPARE(d.interfaces[0].name, std::string("Two"));
        }
        QCOMPARE(unions, 1);
        QCOMPARE(extensions, 13);
        QCOMPARE(directives, 4);
    }

    void values_data() {
        QTest::addColumn<QString>("literal");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        using K = Value::Kind;
        QTest::newRow("int") << "-12" << int(K::Int) << "-12";
        QTest::newRow("zero") << "0" << int(K::Int) << "0";
        QTest::newRow("float") << "1.5e-3" << int(K::Float) << "1.5e-3";
        QTest::newRow("exp only") << "6E10" << int(K::Float) << "6E10";
        QTest::newRow("string escapes") << "\"a\\\"b\\\\c\\/d\\n\\t\"" << int(K::String) << "a\"b\\c/d\n\t";
        QTest::newRow("unicode 4") << "\"\\u00e9\"" << int(K::String) << QString::fromUtf8("\xc3\xa9");
        QTest::newRow("unicode braces") << "\"\\u{1F600}\"" << int(K::String) << QString::fromUtf8("\xF0\x9F\x98\x80");
        QTest::newRow("surrogate pair") << "\"\\uD83D\\uDE00\"" << int(K::String) << QString::fromUtf8("\xF0\x9F\x98\x80");
        QTest::newRow("utf8 raw") << QString::fromUtf8("\"caf\xc3\xa9\"") << int(K::String) << QString::fromUtf8("caf\xc3\xa9");
        QTest::newRow("enum") << "RED" << int(K::Enum) << "RED";
        QTest::newRow("true") << "true" << int(K::Boolean) << "true";
        QTest::newRow("null") << "null" << int(K::Null) << "null";
        QTest::newRow("variable") << "$v" << int(K::Variable) << "v";
        QTest::newRow("control char kept (Oct 2021)") << "\"a\x07b\"" << int(K::String) << "a\x07b";
        QTest::newRow("block") << "\"\"\"\n    hello\n      world\n    \"\"\"" << int(K::String) << "hello\n  world";
    }
    void values() {
        QFETCH(QString, literal);
        QFETCH(int, kind);
        QFETCH(QString, text);
        std::string src = "{ f(a: " + literal.toStdString() + ") }";
        ParseResult r = parse(src, ParseMode::Executable);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error->message.c_str());
        const Value& v = r.document.operations[0].selectionSet.selections[0].arguments[0].value;
        QCOMPARE(int(v.kind), kind);
        QCOMPARE(QString::fromStdString(v.text), text);
        QCOMPARE(v.location.column, 8);
    }

    void blockStrings_data() {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("value");
        QTest::newRow("common indent removed") << "\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  "
                                               << "Hello,\n  World!\n\nYours,\n  GraphQL.";
        QTest::newRow("first line kept") << "  first\n    second\n    third" << "  first\nsecond\nthird";
        QTest::newRow("blank lines trimmed") << "\n\n  \n  x\n  \n\n" << "x";
        QTest::newRow("whitespace-only lines ignored for indent") << "\n    a\n  \n    b" << "a\n\nb";
        QTest::newRow("tabs count") << "\n\ta\n\t\tb" << "a\n\tb";
        QTest::newRow("crlf") << "\r\n  a\r\n  b\r\n" << "a\nb";
        QTest::newRow("empty") << "" << "";
    }
    void blockStrings() {
        QFETCH(QString, raw);
        QFETCH(QString, value);
        QCOMPARE(QString::fromStdString(Lexer::blockStringValue(raw.toStdString())), value);
    }

    void errors_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        for (const auto& c : kErrors)
            QTest::newRow(c.name) << QString::fromUtf8(c.source) << int(c.mode) << c.line << c.column
                                  << QString::fromUtf8(c.message);
    }
    void errors() {
        QFETCH(QString, source);
        QFETCH(int, mode);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        ParseResult r = parse(source.toStdString(), ParseMode(mode));
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.error->message).contains(message), r.error->message.c_str());
        QCOMPARE(r.error->rule, std::string("syntax"));
        QCOMPARE(r.error->line, line);
        QCOMPARE(r.error->column, column);
    }

    void errorPositionsMatchGraphqlJs() {
        // graphql-js (the reference implementation) parses the same broken documents and must report
        // its syntax error at the same line and column. Documents that are only wrong for a mode
        // (SDL where a query is expected) are left out: graphql-js parses both kinds.
        QString missing = sonde::test::GraphqlFixture::missing();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        nlohmann::json docs = nlohmann::json::array();
        std::vector<const ErrorCase*> compared;
        for (const auto& c : kErrors) {
            if (parse(c.source, ParseMode::Any).ok()) continue;
            docs.push_back(c.source);
            compared.push_back(&c);
        }
        QVERIFY(compared.size() > 20);
        QProcess node;
        node.setWorkingDirectory(sonde::test::GraphqlFixture::dir());
        node.start(sonde::test::GraphqlFixture::node(), {QStringLiteral("validate.mjs"), QStringLiteral("--parse-only")});
        QVERIFY(node.waitForStarted(10000));
        node.write(QByteArray::fromStdString(docs.dump()));
        node.closeWriteChannel();
        QVERIFY(node.waitForFinished(30000));
        auto results = nlohmann::json::parse(node.readAllStandardOutput().toStdString(), nullptr, false);
        QVERIFY(results.is_array() && results.size() == compared.size());
        QStringList disagreements;
        for (std::size_t i = 0; i < compared.size(); ++i) {
            const auto& r = results[i];
            const ErrorCase& c = *compared[i];
            bool same = r.size() == 1 && r[0]["locations"].size() == 1 && r[0]["locations"][0][0] == c.line &&
                        r[0]["locations"][0][1] == c.column;
            if (!same) disagreements << QString(c.name) + ": graphql-js reports " + QString::fromStdString(r.dump());
        }
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.join("\n")));
    }

    void commasAndCommentsAreIgnored() {
        ParseResult a = parse("{a,b,,c # comment, with { brace\n d}", ParseMode::Executable);
        QVERIFY(a.ok());
        QCOMPARE(int(a.document.operations[0].selectionSet.selections.size()), 4);
        QCOMPARE(a.document.operations[0].selectionSet.selections[3].location.line, 2);
    }

    void bomAndCrlfLines() {
        ParseResult r = parse("\xEF\xBB\xBF{\r\n  a\r\n\r  b\n}", ParseMode::Executable);
        QVERIFY(r.ok());
        const auto& s = r.document.operations[0].selectionSet.selections;
        QCOMPARE(s[0].location.line, 2);
        QCOMPARE(s[1].location.line, 4);
        QCOMPARE(s[1].location.column, 3);
    }

    void typeReferences() {
        ParseResult r = parse("query ($a: [[Int!]]!, $b: String) { x }", ParseMode::Executable);
        QVERIFY(r.ok());
        const TypeRef& t = r.document.operations[0].variables[0].type;
        QCOMPARE(t.toString(), std::string("[[Int!]]!"));
        QCOMPARE(t.namedType(), std::string("Int"));
        QVERIFY(t.isNonNull());
        QCOMPARE(int(t.inner().kind), int(TypeRef::Kind::List));
    }
};

QTEST_GUILESS_MAIN(TestGraphqlParser)
#include "test_graphql_parser.moc"
