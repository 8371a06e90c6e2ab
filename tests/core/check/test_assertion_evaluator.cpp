// AssertionEvaluator over Exchange values: every source and every op, passing and failing, with the
// message a user reads; the lazy single JSON parse; bodies spilled to a file.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include <nlohmann/json.hpp>

#include "check_test_exchange.h"
#include "core/check/assertion_evaluator.h"

using namespace sonde;

class TestAssertionEvaluator : public QObject {
    Q_OBJECT
private slots:
    void evaluate_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<QString>("message");  // the message must contain this
        auto row = [](const char* name, const char* src, const char* sel, const char* op, const char* val,
                      const char* variant, bool pass, const char* msg) {
            QTest::newRow(name) << src << sel << op << val << variant << pass << msg;
        };
        // status
        row("status equals", "status", "", "equals", "201", "", true, "status equals 201");
        row("status equals fail", "status", "", "equals", "200", "", false, "status equals 200: actual 201");
        row("status not-equals", "status", "", "not-equals", "500", "", true, "");
        row("status not-equals fail", "status", "", "not-equals", "201", "", false, "actual 201");
        row("status one-of", "status", "", "one-of", "200, 201,204", "", true, "");
        row("status one-of fail", "status", "", "one-of", "200,204", "", false, "status one-of 200,204: actual 201");
        row("status between", "status", "", "between", "200..299", "", true, "");
        row("status between fail", "status", "", "between", "300..399", "", false, "actual 201");
        row("status between malformed", "status", "", "between", "200-299", "", false, "low..high");
        row("status lt", "status", "", "lt", "300", "", true, "");
        row("status lt fail", "status", "", "lt", "201", "", false, "actual 201");
        row("status le", "status", "", "le", "201", "", true, "");
        row("status le fail", "status", "", "le", "200", "", false, "actual 201");
        row("status gt", "status", "", "gt", "200", "", true, "");
        row("status gt fail", "status", "", "gt", "201", "", false, "actual 201");
        row("status ge", "status", "", "ge", "201", "", true, "");
        row("status ge fail", "status", "", "ge", "400", "", false, "actual 201");
        row("status gt not a number", "status", "", "gt", "abc", "", false, "expected value is not a number");
        row("status equals padded", "status", "", "equals", " 201 ", "", true, "");
        row("status equals as float", "status", "", "equals", "201.0", "", true, "");
        row("status equals leading zero", "status", "", "equals", "0201", "", false, "actual 201");
        row("status equals negative", "status", "", "equals", "-201", "", false, "actual 201");
        row("status exists", "status", "", "exists", "", "", true, "");
        row("status type integer", "status", "", "type", "integer", "", true, "");
        // header
        row("header exists", "header", "X-Request-Id", "exists", "", "", true, "header X-Request-Id exists");
        row("header name case", "header", "x-request-id", "equals", "abc-123", "", true, "");
        row("header equals fail", "header", "X-Request-Id", "equals", "abc-124", "", false, "actual abc-123");
        row("header missing", "header", "X-Missing", "exists", "", "", false, "header X-Missing exists: header X-Missing is not present");
        row("header not-exists", "header", "X-Missing", "not-exists", "", "", true, "");
        row("header not-exists fail", "header", "X-Request-Id", "not-exists", "", "", false, "actual abc-123");
        row("header missing equals", "header", "X-Missing", "equals", "1", "", false, "is not present");
        row("header matches", "header", "X-Request-Id", "matches", "^abc-\\d+$", "", true, "");
        row("header matches fail", "header", "X-Request-Id", "matches", "^x", "", false, "actual abc-123");
        row("header bad regex", "header", "X-Request-Id", "matches", "(", "", false, "Invalid regular expression");
        row("header numeric", "header", "Content-Length", "lt", "100000", "", true, "");
        row("header numeric fail", "header", "X-Request-Id", "lt", "5", "", false, "actual is not a number");
        row("header contains", "header", "X-Request-Id", "contains", "c-1", "", true, "");
        row("header contains fail", "header", "X-Request-Id", "contains", "zzz", "", false, "actual abc-123");
        row("header not-contains", "header", "Set-Cookie", "not-contains", "Secure", "", true, "");
        row("header not-contains fail", "header", "Set-Cookie", "not-contains", "HttpOnly", "", false, "actual session=s1; HttpOnly, theme=dark");
        row("repeated header any value", "header", "Set-Cookie", "contains", "theme=", "", true, "");
        row("repeated header equals second", "header", "set-cookie", "equals", "theme=dark", "", true, "");
        row("repeated header matches none", "header", "Set-Cookie", "matches", "^lang=", "", false, "actual session=s1; HttpOnly, theme=dark");
        row("repeated header not-equals all", "header", "Set-Cookie", "not-equals", "lang=en", "", true, "");
        row("repeated header not-equals one", "header", "Set-Cookie", "not-equals", "theme=dark", "", false, "");
        row("header length", "header", "X-Request-Id", "length", "7", "", true, "");
        row("header one-of", "header", "X-Request-Id", "one-of", "x,abc-123", "", true, "");
        // body
        row("body contains", "body", "", "contains", "\"name\":\"Ada\"", "", true, "");
        row("body not-contains fail", "body", "", "not-contains", "Ada", "", false, "body not-contains Ada: actual {");
        row("body matches", "body", "", "matches", "\"id\":\\s*42", "", true, "");
        row("body matches fail", "body", "", "matches", "^<html", "", false, "actual");
        row("body type", "body", "", "type", "string", "", true, "");
        row("body html", "body", "", "contains", "<body>Ada", "nojson", true, "");
        // jsonpath
        row("jp equals", "jsonpath", "$.user.id", "equals", "42", "", true, "jsonpath $.user.id equals 42");
        row("jp equals fail", "jsonpath", "$.user.id", "equals", "41", "", false, "jsonpath $.user.id equals 41: actual 42");
        row("jp equals bare string", "jsonpath", "$.user.name", "equals", "Ada", "", true, "");
        row("jp equals json string", "jsonpath", "$.user.name", "equals", "\"Ada\"", "", true, "");
        row("jp string is not number", "jsonpath", "$.user.id", "equals", "\"42\"", "", false, "actual 42");
        row("jp equals float", "jsonpath", "$.user.score", "equals", "9.5", "", true, "");
        row("jp equals int as float", "jsonpath", "$.user.id", "equals", "42.0", "", true, "");
        row("jp equals bool", "jsonpath", "$.user.active", "equals", "true", "", true, "");
        row("jp equals null", "jsonpath", "$.user.manager", "equals", "null", "", true, "");
        row("jp equals array", "jsonpath", "$.user.tags", "equals", "[\"admin\",\"ops\"]", "", true, "");
        row("jp equals object fail", "jsonpath", "$.user.meta", "equals", "{\"a\":2}", "", false, "actual {\"a\":1}");
        row("jp equals same text object", "jsonpath", "$.user.meta", "equals", "{\"a\":1}", "", true, "");
        row("jp equals spaced object", "jsonpath", "$.user.meta", "equals", "{ \"a\" : 1 }", "", true, "");
        row("jp equals same text array", "jsonpath", "$.user.tags", "equals", " [\"admin\",\"ops\"] ", "", true, "");
        row("jp equals int leading zero", "jsonpath", "$.user.id", "equals", "042", "", false, "actual 42");
        row("jp equals string fail shows JSON", "jsonpath", "$.user.name", "equals", "Bob", "", false, "actual \"Ada\"");
        row("jp equals bool fail", "jsonpath", "$.user.active", "equals", "false", "", false, "actual true");
        row("jp equals null fail", "jsonpath", "$.user.manager", "equals", "0", "", false, "actual null");
        row("jp equals float fail", "jsonpath", "$.user.score", "equals", "9", "", false, "actual 9.5");
        row("jp not-equals", "jsonpath", "$.user.id", "not-equals", "41", "", true, "");
        row("jp not-equals fail", "jsonpath", "$.user.id", "not-equals", "42", "", false, "actual 42");
        row("jp lt", "jsonpath", "$.user.id", "lt", "50", "", true, "");
        row("jp lt fail", "jsonpath", "$.user.id", "lt", "42", "", false, "jsonpath $.user.id lt 42: actual 42");
        row("jp le", "jsonpath", "$.user.id", "le", "42", "", true, "");
        row("jp gt fail", "jsonpath", "$.user.id", "gt", "42", "", false, "actual 42");
        row("jp gt", "jsonpath", "$.user.score", "gt", "9.4", "", true, "");
        row("jp ge", "jsonpath", "$.user.id", "ge", "42", "", true, "");
        row("jp ge fail", "jsonpath", "$.user.id", "ge", "43", "", false, "actual 42");
        row("jp lt on string", "jsonpath", "$.user.name", "lt", "5", "", false, "actual is not a number");
        row("jp contains array", "jsonpath", "$.user.tags", "contains", "admin", "", true, "");
        row("jp contains array fail", "jsonpath", "$.user.tags", "contains", "root", "", false, "actual [\"admin\",\"ops\"]");
        row("jp contains string", "jsonpath", "$.user.name", "contains", "d", "", true, "");
        row("jp contains key", "jsonpath", "$.user.meta", "contains", "a", "", true, "");
        row("jp contains number", "jsonpath", "$.user.id", "contains", "4", "", false, "cannot contain");
        row("jp not-contains", "jsonpath", "$.user.tags", "not-contains", "root", "", true, "");
        row("jp not-contains fail", "jsonpath", "$.user.tags", "not-contains", "ops", "", false, "actual [\"admin\",\"ops\"]");
        row("jp matches", "jsonpath", "$.user.name", "matches", "^A", "", true, "");
        row("jp matches fail", "jsonpath", "$.user.name", "matches", "^B", "", false, "actual \"Ada\"");
        row("jp exists", "jsonpath", "$.user.id", "exists", "", "", true, "");
        row("jp exists null", "jsonpath", "$.user.manager", "exists", "", "", true, "");
        row("jp exists fail", "jsonpath", "$.user.missing", "exists", "", "", false, "jsonpath $.user.missing exists: $.user.missing matched nothing");
        row("jp not-exists", "jsonpath", "$.user.missing", "not-exists", "", "", true, "");
        row("jp not-exists fail", "jsonpath", "$.user.id", "not-exists", "", "", false, "actual 42");
        row("jp nothing equals", "jsonpath", "$.nope", "equals", "1", "", false, "$.nope matched nothing");
        row("jp one-of", "jsonpath", "$.user.id", "one-of", "41,42", "", true, "");
        row("jp one-of fail", "jsonpath", "$.user.name", "one-of", "Bob,Eve", "", false, "actual \"Ada\"");
        row("jp between", "jsonpath", "$.user.score", "between", "9..10", "", true, "");
        row("jp between fail", "jsonpath", "$.user.score", "between", "1..9", "", false, "actual 9.5");
        row("jp type integer", "jsonpath", "$.user.id", "type", "integer", "", true, "");
        row("jp type number", "jsonpath", "$.user.id", "type", "number", "", true, "");
        row("jp type string fail", "jsonpath", "$.user.id", "type", "string", "", false, "actual 42");
        row("jp type float not integer", "jsonpath", "$.user.score", "type", "integer", "", false, "actual 9.5");
        row("jp type array", "jsonpath", "$.user.tags", "type", "array", "", true, "");
        row("jp type object", "jsonpath", "$.user.meta", "type", "object", "", true, "");
        row("jp type null", "jsonpath", "$.user.manager", "type", "null", "", true, "");
        row("jp type boolean", "jsonpath", "$.user.active", "type", "boolean", "", true, "");
        row("jp type unknown", "jsonpath", "$.user.id", "type", "float", "", false, "unknown type 'float'");
        row("jp length array", "jsonpath", "$.user.tags", "length", "2", "", true, "");
        row("jp length fail", "jsonpath", "$.user.tags", "length", "3", "", false, "(length 2)");
        row("jp length string", "jsonpath", "$.user.name", "length", "3", "", true, "");
        row("jp length number", "jsonpath", "$.user.id", "length", "2", "", false, "has no length");
        row("jp nodes contains", "jsonpath", "$.items[*].id", "contains", "2", "", true, "");
        row("jp nodes length", "jsonpath", "$.items[*].id", "length", "3", "", true, "");
        row("jp filter", "jsonpath", "$.items[?@.id > 1].id", "equals", "[2,3]", "", true, "");
        row("jp invalid", "jsonpath", "$[", "exists", "", "", false, "Invalid JSONPath");
        row("jp body not json", "jsonpath", "$.a", "exists", "", "nojson", false, "not JSON");
        row("jp body not json not-exists", "jsonpath", "$.a", "not-exists", "", "nojson", false, "not JSON");
        // duration and size
        row("duration lt", "duration", "", "lt", "500", "", true, "duration lt 500");
        row("duration lt fail", "duration", "", "lt", "100", "", false, "duration lt 100: actual 123.4");
        row("duration between", "duration", "", "between", "100..200", "", true, "");
        row("size gt", "size", "", "gt", "10", "", true, "");
        row("size lt fail", "size", "", "lt", "10", "", false, "size lt 10: actual ");
        row("size equals", "size", "", "equals", "29", "nojson", true, "");
        // content type
        row("content-type equals", "content-type", "", "equals", "application/json", "", true, "");
        row("content-type contains", "content-type", "", "contains", "json", "", true, "");
        row("content-type fail", "content-type", "", "equals", "text/html", "", false, "content-type equals text/html: actual application/json");
        row("content-type one-of", "content-type", "", "one-of", "text/html,application/xml", "nojson", true, "");
        // certificate
        row("cert days ge", "cert-expiry-days", "", "ge", "10", "", true, "");
        row("cert days gt fail", "cert-expiry-days", "", "gt", "30", "", false, "cert-expiry-days gt 30: actual 10");
        row("cert expired", "cert-expiry-days", "", "lt", "0", "expired", true, "");
        row("cert expired fail", "cert-expiry-days", "", "ge", "30", "expired", false, "cert-expiry-days ge 30: actual -2");
        row("cert days no tls", "cert-expiry-days", "", "gt", "30", "notls", false, "no TLS certificate");
        row("cert subject", "cert-subject", "", "contains", "api.example.org", "", true, "");
        row("cert subject fail", "cert-subject", "", "equals", "CN=other", "", false, "actual CN=api.example.org");
        row("cert issuer", "cert-issuer", "", "equals", "CN=Example CA,O=Example", "", true, "");
        row("cert issuer matches fail", "cert-issuer", "", "matches", "Let's Encrypt", "", false, "actual CN=Example CA");
        row("cert issuer no tls", "cert-issuer", "", "exists", "", "notls", false, "no TLS certificate");
        // graphql
        row("graphql errors", "graphql-errors", "", "equals", "1", "", true, "");
        row("graphql errors fail", "graphql-errors", "", "equals", "0", "", false, "graphql-errors equals 0: actual 1");
        row("graphql no errors", "graphql-errors", "", "equals", "0", "noerrors", true, "");
        row("graphql not json", "graphql-errors", "", "equals", "0", "nojson", false, "not JSON");
        // regex source in an assertion: group 1 when the regex has one, else the whole match
        row("regex group", "regex", "\"token\":\"([^\"]+)\"", "equals", "abc.def", "", true, "");
        row("regex whole", "regex", "abc\\.\\w+", "equals", "abc.def", "", true, "");
    }

    void evaluate() {
        QFETCH(QString, source);
        QFETCH(QString, selector);
        QFETCH(QString, op);
        QFETCH(QString, value);
        QFETCH(QString, variant);
        QFETCH(bool, passed);
        QFETCH(QString, message);
        Assertion a;
        QVERIFY(checkSourceFromString(source.toStdString(), a.source));
        QVERIFY(checkOpFromString(op.toStdString(), a.op));
        a.selector = selector.toStdString();
        a.value = value.toStdString();
        Exchange ex = checktest::makeExchange(variant.toStdString());
        CheckContext ctx(ex, checktest::kNow);
        AssertionEvaluator eval;
        AssertionResult r = eval.evaluate(a, ctx);
        QVERIFY2(r.passed == passed, r.message.c_str());
        // The same over a parsed DOM (the path taken once a body is parsed): same verdict and message.
        CheckContext parsed(ex, checktest::kNow);
        (void)parsed.json();
        AssertionResult viaDom = eval.evaluate(a, parsed);
        QCOMPARE(viaDom.passed, r.passed);
        if (variant != "nojson") QCOMPARE(QString::fromStdString(viaDom.message), QString::fromStdString(r.message));
        QCOMPARE(parsed.jsonScans(), 0);
        QVERIFY2(QString::fromStdString(r.message).contains(message), r.message.c_str());
        QCOMPARE(r.assertion, a);
        if (r.passed) QCOMPARE(QString::fromStdString(r.message), QString::fromStdString(AssertionEvaluator::describe(a)));
    }

    void resultFields() {
        Exchange ex = checktest::makeExchange();
        CheckContext ctx(ex, checktest::kNow);
        AssertionEvaluator eval;
        auto r = eval.evaluate({CheckSource::JsonPath, "$.user.id", CheckOp::Equals, "41"}, ctx);
        QCOMPARE(r.passed, false);
        QCOMPARE(r.expected, std::string("41"));
        QCOMPARE(r.actual, std::string("42"));
        QCOMPARE(r.message, std::string("jsonpath $.user.id equals 41: actual 42"));
        auto e = eval.evaluate({CheckSource::Header, "X-Missing", CheckOp::Exists, ""}, ctx);
        QCOMPARE(e.expected, std::string("present"));
        QCOMPARE(e.actual, std::string("(none)"));
    }

    void jsonParsedOnceAndOnlyWhenNeeded() {
        Exchange ex = checktest::makeExchange();
        CheckContext ctx(ex, checktest::kNow);
        AssertionEvaluator eval;
        std::vector<Assertion> cheap = {{CheckSource::Status, "", CheckOp::Equals, "201"},
                                        {CheckSource::Header, "X-Request-Id", CheckOp::Exists, ""},
                                        {CheckSource::Body, "", CheckOp::Contains, "Ada"}};
        for (const auto& r : eval.evaluateAll(cheap, ctx)) QVERIFY2(r.passed, r.message.c_str());
        QCOMPARE(ctx.jsonParses(), 0);
        QCOMPARE(ctx.jsonScans(), 0);
        // Singular paths are answered by scanning the text, up to three per body ...
        std::vector<Assertion> singular = {{CheckSource::JsonPath, "$.user.id", CheckOp::Equals, "42"},
                                           {CheckSource::JsonPath, "$.user.tags", CheckOp::LengthEq, "2"},
                                           {CheckSource::GraphQLErrors, "", CheckOp::Equals, "1"}};
        for (const auto& r : eval.evaluateAll(singular, ctx)) QVERIFY2(r.passed, r.message.c_str());
        QCOMPARE(ctx.jsonParses(), 0);
        QCOMPARE(ctx.jsonScans(), 3);
        // ... then one DOM parse serves everything else.
        std::vector<Assertion> more = {{CheckSource::JsonPath, "$.user.name", CheckOp::Equals, "Ada"},
                                       {CheckSource::JsonPath, "$.items[*].id", CheckOp::Contains, "3"},
                                       {CheckSource::JsonPath, "$.user.id", CheckOp::Equals, "42"}};
        for (const auto& r : eval.evaluateAll(more, ctx)) QVERIFY2(r.passed, r.message.c_str());
        QCOMPARE(ctx.jsonParses(), 1);
        QCOMPARE(ctx.jsonScans(), 3);
    }

    void nonSingularPathParsesOnce() {
        Exchange ex = checktest::makeExchange();
        CheckContext ctx(ex, checktest::kNow);
        AssertionEvaluator eval;
        std::vector<Assertion> list = {{CheckSource::JsonPath, "$.items[?@.id > 1]", CheckOp::LengthEq, "2"},
                                       {CheckSource::JsonPath, "$..id", CheckOp::Contains, "42"},
                                       {CheckSource::JsonPath, "$.user.id", CheckOp::Equals, "42"}};
        for (const auto& r : eval.evaluateAll(list, ctx)) QVERIFY2(r.passed, r.message.c_str());
        QCOMPARE(ctx.jsonParses(), 1);
        QCOMPARE(ctx.jsonScans(), 0);
    }

    void disabledAreSkipped() {
        Exchange ex = checktest::makeExchange();
        CheckContext ctx(ex, checktest::kNow);
        Assertion off{CheckSource::Status, "", CheckOp::Equals, "500"};
        off.enabled = false;
        std::vector<Assertion> list = {off, {CheckSource::Status, "", CheckOp::Equals, "201"}};
        auto results = AssertionEvaluator().evaluateAll(list, ctx);
        QCOMPARE(results.size(), std::size_t(1));
        QVERIFY(results[0].passed);
    }

    void spilledBodyIsReadFromTheFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::string path = dir.filePath("body.json").toStdString();
        std::ofstream(path, std::ios::binary) << checktest::kBody;
        Exchange ex = checktest::makeExchange();
        ex.response.body.clear();
        ex.response.bodyFile = path;
        CheckContext ctx(ex, checktest::kNow);
        AssertionEvaluator eval;
        std::vector<Assertion> list = {{CheckSource::JsonPath, "$.token", CheckOp::Equals, "abc.def"},
                                       {CheckSource::JsonPath, "$.items[*].id", CheckOp::LengthEq, "3"},
                                       {CheckSource::Body, "", CheckOp::Contains, "\"token\""},
                                       {CheckSource::BodySize, "", CheckOp::Greater, "100"}};
        for (const auto& r : eval.evaluateAll(list, ctx)) QVERIFY2(r.passed, r.message.c_str());
        QCOMPARE(ctx.jsonScans(), 1);
        QCOMPARE(ctx.jsonParses(), 1);
    }

    void missingSpillFileFails() {
        Exchange ex = checktest::makeExchange();
        ex.response.body.clear();
        ex.response.bodyFile = "/nonexistent/sonde-body";
        CheckContext ctx(ex, checktest::kNow);
        auto r = AssertionEvaluator().evaluate({CheckSource::Body, "", CheckOp::Contains, "x"}, ctx);
        QVERIFY(!r.passed);
        QVERIFY2(QString::fromStdString(r.message).contains("Cannot read the response body file"), r.message.c_str());
    }

    void largeActualIsShortened() {
        Exchange ex = checktest::makeExchange();
        nlohmann::json big = nlohmann::json::array();
        for (int i = 0; i < 10000; ++i) big.push_back(i);
        ex.response.body = nlohmann::json{{"big", big}}.dump();
        CheckContext ctx(ex, checktest::kNow);
        auto r = AssertionEvaluator().evaluate({CheckSource::JsonPath, "$.big", CheckOp::LengthEq, "1"}, ctx);
        QVERIFY(!r.passed);
        QVERIFY(r.actual.size() < 300);
        QVERIFY(QString::fromStdString(r.message).contains("(length 10000)"));
    }
};

QTEST_APPLESS_MAIN(TestAssertionEvaluator)
#include "test_assertion_evaluator.moc"
