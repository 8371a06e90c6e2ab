// CaptureEvaluator over Exchange values: each source, what a captured value looks like, and the
// error a user reads when nothing is there.
#include <QtTest>

#include "check_test_exchange.h"
#include "core/check/assertion_evaluator.h"
#include "core/check/capture_evaluator.h"

using namespace sonde;

class TestCaptureEvaluator : public QObject {
    Q_OBJECT
private slots:
    void capture_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("selector");
        QTest::addColumn<int>("group");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("expected");  // the value, or text the error message must contain
        auto row = [](const char* name, const char* src, const char* sel, int group, const char* variant, bool ok,
                      const char* expected) { QTest::newRow(name) << src << sel << group << variant << ok << expected; };
        row("jsonpath string unquoted", "jsonpath", "$.token", 1, "", true, "abc.def");
        row("jsonpath number", "jsonpath", "$.user.id", 1, "", true, "42");
        row("jsonpath float", "jsonpath", "$.user.score", 1, "", true, "9.5");
        row("jsonpath bool", "jsonpath", "$.user.active", 1, "", true, "true");
        row("jsonpath null", "jsonpath", "$.user.manager", 1, "", true, "null");
        row("jsonpath object", "jsonpath", "$.user.meta", 1, "", true, "{\"a\":1}");
        row("jsonpath array", "jsonpath", "$.user.tags", 1, "", true, "[\"admin\",\"ops\"]");
        row("jsonpath several nodes", "jsonpath", "$.items[*].id", 1, "", true, "[1,2,3]");
        row("jsonpath filter", "jsonpath", "$.items[?@.id == 2].id", 1, "", true, "2");
        row("jsonpath nothing", "jsonpath", "$.nope", 1, "", false, "capture v: $.nope matched nothing");
        row("jsonpath invalid", "jsonpath", "$.", 1, "", false, "capture v: Invalid JSONPath $.");
        row("jsonpath not json", "jsonpath", "$.a", 1, "nojson", false, "capture v: The response body is not JSON");
        row("header", "header", "x-request-id", 1, "", true, "abc-123");
        row("header missing", "header", "X-Nope", 1, "", false, "capture v: header X-Nope is not present");
        row("regex group 1", "regex", "\"token\":\"([^\"]+)\"", 1, "", true, "abc.def");
        row("regex group 2", "regex", "\"(id)\":(\\d+)", 2, "", true, "42");
        row("regex group 0", "regex", "ab+c\\.\\w+", 0, "", true, "abc.def");
        row("regex no such group", "regex", "\"token\":\"([^\"]+)\"", 2, "", false, "has no group 2 (it has 1)");
        row("regex no match", "regex", "nomatch(\\d+)", 1, "", false, "capture v: regex /nomatch(\\d+)/ matched nothing");
        row("regex optional group unset", "regex", "(x)?Ada", 1, "", false, "did not take part");
        row("regex invalid", "regex", "(", 1, "", false, "Invalid regular expression");
        row("status", "status", "", 1, "", true, "201");
        row("body", "body", "", 1, "nojson", true, "<html><body>Ada</body></html>");
        row("content-type", "content-type", "", 1, "", true, "application/json");
        row("cert subject", "cert-subject", "", 1, "", true, "CN=api.example.org");
        row("cert subject no tls", "cert-subject", "", 1, "notls", false, "no TLS certificate");
    }

    void capture() {
        QFETCH(QString, source);
        QFETCH(QString, selector);
        QFETCH(int, group);
        QFETCH(QString, variant);
        QFETCH(bool, ok);
        QFETCH(QString, expected);
        Capture c;
        c.variable = "v";
        QVERIFY(checkSourceFromString(source.toStdString(), c.source));
        c.selector = selector.toStdString();
        c.group = group;
        Exchange ex = checktest::makeExchange(variant.toStdString());
        CheckContext ctx(ex, checktest::kNow);
        auto r = CaptureEvaluator().capture(c, ctx);
        QCOMPARE(r.ok(), ok);
        if (ok) {
            QCOMPARE(QString::fromStdString(r.value()), expected);
        } else {
            QVERIFY2(QString::fromStdString(r.error().title).contains(expected), r.error().title.c_str());
            QCOMPARE(QString::fromStdString(r.error().code), QString("capture"));
        }
    }

    void errorNamesTheCapture() {
        Exchange ex = checktest::makeExchange();
        CheckContext ctx(ex, checktest::kNow);
        Capture c{"token", CheckSource::JsonPath, "$.auth.token"};
        auto r = CaptureEvaluator().capture(c, ctx);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().title, std::string("capture token: $.auth.token matched nothing"));
        QCOMPARE(r.error().where, std::string("jsonpath $.auth.token"));
    }

    void capturesAndAssertionsShareTheContext() {
        Exchange ex = checktest::makeExchange();
        CheckContext ctx(ex, checktest::kNow);
        CaptureEvaluator captures;
        AssertionEvaluator assertions;
        QCOMPARE(captures.capture({"token", CheckSource::JsonPath, "$.token"}, ctx).value(), std::string("abc.def"));
        QVERIFY(assertions.evaluate({CheckSource::JsonPath, "$.user.id", CheckOp::Equals, "42"}, ctx).passed);
        QCOMPARE(captures.capture({"id", CheckSource::JsonPath, "$.user.id"}, ctx).value(), std::string("42"));
        QCOMPARE(ctx.jsonScans(), 3);  // singular paths: scanned, no DOM
        QCOMPARE(ctx.jsonParses(), 0);
        QCOMPARE(captures.capture({"ids", CheckSource::JsonPath, "$.items[*].id"}, ctx).value(), std::string("[1,2,3]"));
        QCOMPARE(captures.capture({"tags", CheckSource::JsonPath, "$.user.tags"}, ctx).value(),
                 std::string("[\"admin\",\"ops\"]"));
        QCOMPARE(ctx.jsonParses(), 1);
    }

    void headerCaptureDoesNotParseJson() {
        Exchange ex = checktest::makeExchange();
        CheckContext ctx(ex, checktest::kNow);
        QCOMPARE(CaptureEvaluator().capture({"rid", CheckSource::Header, "X-Request-Id"}, ctx).value(),
                 std::string("abc-123"));
        QCOMPARE(ctx.jsonParses(), 0);
        QCOMPARE(ctx.jsonScans(), 0);
    }

    void domAndScanGiveTheSameCaptures() {
        const char* selectors[] = {"$.token", "$.user.meta", "$.user.tags", "$.user.score", "$.user.manager", "$.nope"};
        Exchange ex = checktest::makeExchange();
        for (const char* sel : selectors) {
            CheckContext scanned(ex, checktest::kNow);
            CheckContext parsed(ex, checktest::kNow);
            (void)parsed.json();
            Capture c{"v", CheckSource::JsonPath, sel};
            auto a = CaptureEvaluator().capture(c, scanned);
            auto b = CaptureEvaluator().capture(c, parsed);
            QCOMPARE(a.ok(), b.ok());
            if (a.ok()) QCOMPARE(a.value(), b.value());
            else QCOMPARE(a.error().title, b.error().title);
            QCOMPARE(scanned.jsonScans(), 1);
        }
    }
};

QTEST_APPLESS_MAIN(TestCaptureEvaluator)
#include "test_capture_evaluator.moc"
