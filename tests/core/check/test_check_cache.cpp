// CheckCache: parsed JSONPaths and compiled regexes are reused, errors are cached as errors, and the
// cache stays bounded.
#include <QtTest>

#include <re2/re2.h>

#include "core/check/check_cache.h"

using namespace sonde;

class TestCheckCache : public QObject {
    Q_OBJECT
private slots:
    void reusesParsedPaths() {
        CheckCache cache;
        auto a = cache.jsonPath("$.a.b");
        auto b = cache.jsonPath("$.a.b");
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a.value(), b.value());
        QCOMPARE(a.value()->text(), std::string("$.a.b"));
    }

    void cachesParseErrors() {
        CheckCache cache;
        auto a = cache.jsonPath("$[");
        auto b = cache.jsonPath("$[");
        QVERIFY(!a.ok() && !b.ok());
        QCOMPARE(a.error().where, std::string("column 3"));
        QCOMPARE(b.error().title, a.error().title);
    }

    void regexes() {
        CheckCache cache;
        auto a = cache.regex("id=(\\d+)");
        QVERIFY(a.ok());
        QCOMPARE(a.value(), cache.regex("id=(\\d+)").value());
        QCOMPARE((*a)->NumberOfCapturingGroups(), 1);
        auto bad = cache.regex("(a");
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, std::string("regex"));
        QVERIFY(QString::fromStdString(bad.error().title).contains("missing )"));
        auto backref = cache.regex("(a)\\1");  // RE2 has no backreferences: an error, not a crash
        QVERIFY(!backref.ok());
    }

    void staysBounded() {
        CheckCache cache;
        for (std::size_t i = 0; i < CheckCache::kMaxEntries * 3; ++i)
            QVERIFY(cache.jsonPath("$.k" + std::to_string(i)).ok());
        QVERIFY(cache.size() <= CheckCache::kMaxEntries);
        QVERIFY(cache.size() > 0);
        // Still correct after the clears.
        QCOMPARE(cache.jsonPath("$.k1").value()->text(), std::string("$.k1"));
    }
};

QTEST_APPLESS_MAIN(TestCheckCache)
#include "test_check_cache.moc"
