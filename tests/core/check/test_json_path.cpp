// JsonPath: our own cases (beyond the compliance suite): selection over a realistic document,
// normalized paths, error columns and messages, I-Regexp translation.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/check/i_regexp.h"
#include "core/check/json_path.h"

using nlohmann::json;

namespace {

const char* kStore = R"({
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 399}
  },
  "user": {"id": 42, "name": "Ada", "tags": ["admin", "ops"], "email": "ada@example.org"}
})";

}  // namespace

class TestJsonPath : public QObject {
    Q_OBJECT
private slots:
    void select_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");  // JSON array of the nodelist
        QTest::newRow("root") << "$.user.id" << "[42]";
        QTest::newRow("bracket name") << "$['user']['name']" << R"(["Ada"])";
        QTest::newRow("wildcard array") << "$.user.tags[*]" << R"(["admin","ops"])";
        QTest::newRow("negative index") << "$.store.book[-1].author" << R"(["J. R. R. Tolkien"])";
        QTest::newRow("index out of range") << "$.store.book[4]" << "[]";
        QTest::newRow("slice") << "$.store.book[0:2].price" << "[8.95,12.99]";
        QTest::newRow("slice step") << "$.store.book[::2].price" << "[8.95,8.99]";
        QTest::newRow("slice reverse") << "$.store.book[::-1].price" << "[22.99,8.99,12.99,8.95]";
        // nlohmann::json keeps object members sorted: "bicycle" comes before "book".
        QTest::newRow("descendant") << "$..price" << "[399,8.95,12.99,8.99,22.99]";
        QTest::newRow("descendant isbn") << "$..book[*].isbn" << R"(["0-553-21311-3","0-395-19395-8"])";
        QTest::newRow("filter lt") << "$.store.book[?@.price < 10].title"
                                   << R"(["Sayings of the Century","Moby Dick"])";
        QTest::newRow("filter exists") << "$.store.book[?@.isbn].author" << R"(["Herman Melville","J. R. R. Tolkien"])";
        QTest::newRow("filter not exists") << "$.store.book[?!@.isbn].price" << "[8.95,12.99]";
        QTest::newRow("filter and or parens")
            << "$.store.book[?(@.price > 20 || @.price < 9) && @.category == 'fiction'].title"
            << R"(["Moby Dick","The Lord of the Rings"])";
        QTest::newRow("filter root compare") << "$.store.book[?@.price > $.store.bicycle.price]" << "[]";
        QTest::newRow("length") << "$.user[?length(@) == 2]" << R"([["admin","ops"]])";
        QTest::newRow("count") << "$.store[?count(@.*) == 2].color" << R"(["red"])";
        QTest::newRow("match") << "$.store.book[?match(@.author, 'H.*')].title" << R"(["Moby Dick"])";
        QTest::newRow("search") << "$.store.book[?search(@.title, 'of')].price" << "[8.95,12.99,22.99]";
        QTest::newRow("search anchored") << "$.store.book[?search(@.title, '^S')].price" << "[8.95,12.99]";
        QTest::newRow("value") << "$.store[?value(@..color) == 'red'].price" << "[399]";
        QTest::newRow("match dot excludes newline") << R"($[?match(@, 'a.b')])" << "[]";
        QTest::newRow("unicode name") << "$['ü']" << "[]";
        QTest::newRow("union") << "$.user['id','name']" << R"([42,"Ada"])";
        QTest::newRow("int equals float") << "$.store.bicycle[?@ == 399.0]" << "[399]";
    }
    void select() {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        json doc = json::parse(kStore);
        if (query.startsWith("$[?match(@, 'a.b')")) doc = json::array({"a\nb", "a\rb"});
        auto q = sonde::JsonPath::parse(query.toStdString());
        QVERIFY2(q.ok(), q.ok() ? "" : q.error().message().c_str());
        json got = json::array();
        for (const json* v : q->select(doc)) got.push_back(*v);
        QCOMPARE(QString::fromStdString(got.dump()), QString::fromStdString(json::parse(expected.toStdString()).dump()));
    }

    void selectReturnsPointersIntoTheDocument() {
        json doc = json::parse(kStore);
        auto q = sonde::JsonPath::parse("$.user.tags");
        QVERIFY(q.ok());
        auto nodes = q->select(doc);
        QCOMPARE(nodes.size(), std::size_t(1));
        QCOMPARE(nodes[0], &doc["user"]["tags"]);
    }

    void located_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("paths");
        QTest::newRow("names") << "$.user.name" << QStringList{"$['user']['name']"};
        QTest::newRow("indexes") << "$.user.tags[-1]" << QStringList{"$['user']['tags'][1]"};
        QTest::newRow("descendant color") << "$..color" << QStringList{"$['store']['bicycle']['color']"};
        QTest::newRow("escaped name") << "$[\"it's\"]" << QStringList{"$['it\\'s']"};
    }
    void located() {
        QFETCH(QString, query);
        QFETCH(QStringList, paths);
        json doc = json::parse(kStore);
        doc["it's"] = 1;
        auto q = sonde::JsonPath::parse(query.toStdString());
        QVERIFY(q.ok());
        QStringList got;
        for (const auto& l : q->selectLocated(doc)) got << QString::fromStdString(l.path);
        QCOMPARE(got, paths);
    }

    void errors_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("says");
        QTest::newRow("no root") << "user.id" << 1 << "starts with $";
        QTest::newRow("trailing space") << "$.a " << 4 << "whitespace";
        QTest::newRow("dot then digit") << "$.1" << 3 << "member name";
        QTest::newRow("unclosed bracket") << "$['a'" << 6 << "missing ]";
        QTest::newRow("leading zero") << "$[01]" << 3 << "leading zeros";
        QTest::newRow("index too big") << "$[9007199254740992]" << 3 << "out of range";
        QTest::newRow("bad escape") << R"($['\a'])" << 4 << "invalid escape";
        QTest::newRow("non-singular compare") << "$[?@.* == 1]" << 4 << "singular";
        QTest::newRow("literal alone") << "$[?1]" << 4 << "literal is not a test";
        QTest::newRow("length uncompared") << "$[?length(@)]" << 4 << "must be compared";
        QTest::newRow("match compared") << "$[?match(@, 'a') == true]" << 4 << "cannot be compared";
        QTest::newRow("count of literal") << "$[?count(1) == 1]" << 10 << "must be a query";
        QTest::newRow("length of nodes") << "$[?length(@.*) == 1]" << 11 << "singular query";
        QTest::newRow("unknown function") << "$[?foo(@)]" << 4 << "unknown function";
        QTest::newRow("arity") << "$[?match(@)]" << 4 << "takes 2 arguments";
        QTest::newRow("single equals") << "$[?@.a = 1]" << 8 << "unexpected '='";
        QTest::newRow("unknown word") << "$[?@.a == nul]" << 11 << "unknown name";
    }
    void errors() {
        QFETCH(QString, query);
        QFETCH(int, column);
        QFETCH(QString, says);
        auto q = sonde::JsonPath::parse(query.toStdString());
        QVERIFY(!q.ok());
        QCOMPARE(QString::fromStdString(q.error().where), QString("column %1").arg(column));
        QCOMPARE(QString::fromStdString(q.error().code), QString("jsonpath"));
        QVERIFY2(QString::fromStdString(q.error().title).contains(says), q.error().title.c_str());
    }

    void iregexp_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("re2");  // empty: not a valid I-Regexp
        QTest::newRow("dot") << "a.b" << "a[^\\n\\r]b";
        QTest::newRow("class") << "[a-c^]" << "[a-c\\^]";
        QTest::newRow("category") << "\\p{Lu}+" << "\\p{Lu}+";
        QTest::newRow("range quantifier") << "x{2,3}" << "x{2,3}";
        QTest::newRow("escape") << "\\.\\n" << "\\.\\x{0a}";
        QTest::newRow("group alternation") << "(ab|c)?" << "(?:ab|c)?";
        QTest::newRow("backreference") << "(a)\\1" << "";
        QTest::newRow("lookahead") << "(?=a)" << "";
        QTest::newRow("unknown category") << "\\p{Xx}" << "";
        QTest::newRow("dangling quantifier") << "*a" << "";
        QTest::newRow("empty class") << "[]" << "";
        QTest::newRow("word escape") << "\\w" << "";
    }
    void iregexp() {
        QFETCH(QString, pattern);
        QFETCH(QString, re2);
        auto t = sonde::IRegexp::toRe2(pattern.toStdString());
        if (re2.isEmpty()) {
            QVERIFY(!t.has_value());
            QVERIFY(!sonde::IRegexp::compile(pattern.toStdString()));
        } else {
            QVERIFY(t.has_value());
            QCOMPARE(QString::fromStdString(*t), re2);
            QVERIFY(sonde::IRegexp::compile(pattern.toStdString()) != nullptr);
        }
    }

    void scan_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");  // what nlohmann::json::accept says
        QTest::newRow("name") << "$.user.id" << QByteArray(R"({"user": {"id": 42, "x": [1, 2]}})") << true;
        QTest::newRow("index") << "$.a[1]" << QByteArray(R"({"a": [ "x" , {"b": null} ]})") << true;
        QTest::newRow("root") << "$" << QByteArray(R"([1, 2, 3])") << true;
        QTest::newRow("missing") << "$.user.nope" << QByteArray(R"({"user": {"id": 42}})") << true;
        QTest::newRow("index past end") << "$[5]" << QByteArray(R"([1])") << true;
        QTest::newRow("escaped key") << "$['a\"b']" << QByteArray("{\"a\\\"b\": true}") << true;
        QTest::newRow("unicode escaped key") << "$['é']" << QByteArray("{\"\\u00e9\": 1}") << true;
        QTest::newRow("duplicate keys last wins") << "$.a.b" << QByteArray(R"({"a": {"b": 1}, "a": {"c": 2}})") << true;
        QTest::newRow("duplicate keys members") << "$.o" << QByteArray(R"({"o": {"k": 1, "k": 2, "j": 3}})") << true;
        QTest::newRow("bom") << "$.a" << QByteArray("\xEF\xBB\xBF{\"a\": 1}") << true;
        QTest::newRow("surrogate pair") << "$.a" << QByteArray("{\"a\": \"\\ud83d\\ude00\"}") << true;
        QTest::newRow("trailing comma") << "$.a" << QByteArray(R"({"a": 1,})") << false;
        QTest::newRow("trailing text") << "$.a" << QByteArray(R"({"a": 1} x)") << false;
        QTest::newRow("leading zero") << "$.a" << QByteArray(R"({"a": 01})") << false;
        QTest::newRow("bad literal") << "$.a" << QByteArray(R"({"a": tru})") << false;
        QTest::newRow("control char") << "$.a" << QByteArray("{\"a\": \"x\ty\"}") << false;
        QTest::newRow("lone surrogate") << "$.a" << QByteArray("{\"a\": \"\\ud83d\"}") << false;
        QTest::newRow("bad utf8") << "$.a" << QByteArray("{\"a\": \"\xC3\x28\"}") << false;
        QTest::newRow("overlong utf8") << "$.a" << QByteArray("{\"a\": \"\xC0\xAF\"}") << false;
        QTest::newRow("unterminated") << "$.a" << QByteArray(R"({"a": [1, 2)") << false;
        QTest::newRow("error after target") << "$.a" << QByteArray(R"({"a": 1, "b": })") << false;
        QTest::newRow("empty") << "$" << QByteArray("") << false;
        QTest::newRow("number overflow") << "$.a" << QByteArray(R"({"a": 1, "b": 1e400})") << false;
        QTest::newRow("tiny number") << "$.a" << QByteArray(R"({"a": 1e-400})") << true;
        // Strings longer than a word: the scanner skips plain text eight bytes at a time.
        QTest::newRow("long string") << "$.b" << QByteArray(R"({"a": "abcdefghijklmnopqrstuvwxyz0123456789", "b": 2})") << true;
        QTest::newRow("long string escapes") << "$.b" << QByteArray("{\"a\": \"abcdefghijk\\\"lmnopqrstuvw\\\\xyz\\u00e9abcdefgh\", \"b\": [1]}") << true;
        QTest::newRow("long string utf8") << "$.a" << QByteArray("{\"a\": \"abcdefghijklmnop\xC3\xA9 rstuvwxyz\"}") << true;
        QTest::newRow("long string DEL") << "$.a" << QByteArray("{\"a\": \"abcdefghijklmnop\x7Fqrstuvwxyz\"}") << true;
        QTest::newRow("long string quote on a word edge") << "$.b" << QByteArray(R"({"a": "1234567", "bbbbbbbb": 0, "b": "12345678"})") << true;
        QTest::newRow("long string control") << "$.a" << QByteArray("{\"a\": \"abcdefghijklmnop\x01qrstuvwx\"}") << false;
        QTest::newRow("long string bad utf8") << "$.a" << QByteArray("{\"a\": \"abcdefghijklmnop\xC3\x28qrstuvwxyz\"}") << false;
        QTest::newRow("long string unterminated") << "$.a" << QByteArray("{\"a\": \"abcdefghijklmnopqrstuvwxyz") << false;
        QTest::newRow("huge integer") << "$.a" << QByteArray(R"({"a": 123456789012345678901234567890})") << true;
    }
    void scan() {
        QFETCH(QString, query);
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        std::string body = text.toStdString();
        QCOMPARE(json::accept(body), valid);
        auto q = sonde::JsonPath::parse(query.toStdString());
        QVERIFY(q.ok());
        QVERIFY(q->canScan());
        auto r = q->scan(body);
        QCOMPARE(r.ok(), valid);
        if (!valid) {
            QCOMPARE(QString::fromStdString(r.error().code), QString("json"));
            QVERIFY(QString::fromStdString(r.error().where).startsWith("byte "));
            return;
        }
        json doc = json::parse(body);
        auto nodes = q->select(doc);
        QCOMPARE(r->has_value(), !nodes.empty());
        if (nodes.empty()) return;
        const auto& m = **r;
        json found = json::parse(body.substr(m.begin, m.end - m.begin));
        QCOMPARE(found, *nodes[0]);
        if (found.is_array() || found.is_object()) QCOMPARE(m.members, found.size());
    }

    void canScanOnlySingularNonNegative() {
        QVERIFY(sonde::JsonPath::parse("$.a[0]['b']")->canScan());
        QVERIFY(!sonde::JsonPath::parse("$.a[-1]")->canScan());
        QVERIFY(!sonde::JsonPath::parse("$.a[*]")->canScan());
        QVERIFY(!sonde::JsonPath::parse("$..a")->canScan());
        QVERIFY(!sonde::JsonPath::parse("$.a[0,1]")->canScan());
    }

    void deepDocumentDoesNotOverflow() {
        std::string text(100000, '[');
        text += std::string(100000, ']');
        json doc = json::parse(text);
        auto q = sonde::JsonPath::parse("$..[0]");
        QVERIFY(q.ok());
        QCOMPARE(q->select(doc).size(), std::size_t(99999));
        auto deep = sonde::JsonPath::parse("$[0][0][0]");
        QVERIFY(deep.ok());
        auto r = deep->scan(text);
        QVERIFY(r.ok() && r->has_value());
        QCOMPARE((*r)->members, std::size_t(1));
    }

    void deeplyNestedQueryIsRejected() {
        std::string text = "$[?" + std::string(1000, '(') + "@" + std::string(1000, ')') + "]";
        auto q = sonde::JsonPath::parse(text);
        QVERIFY(!q.ok());
        QVERIFY(QString::fromStdString(q.error().title).contains("nested too deeply"));
    }
};

QTEST_APPLESS_MAIN(TestJsonPath)
#include "test_json_path.moc"
