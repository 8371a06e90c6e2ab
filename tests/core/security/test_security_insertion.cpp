// Insertion points derived from a RequestSpec, and inject() putting a payload in exactly one place.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/security/insertion_point.h"

using namespace sonde;

class TestSecurityInsertion : public QObject {
    Q_OBJECT

    static RequestSpec sample() {
        RequestSpec r;
        r.method = "POST";
        r.url = "https://api.example.test/users/42/notes?sort=asc&q=a%20b";
        r.params = {{"page", "2"}, {"off", "x", false}};
        r.headers = {{"Cookie", "session=abc; theme=dark"}, {"X-Tenant", "acme"}};
        r.body.kind = BodyKind::Json;
        r.body.text = R"({"title":"hi","meta":{"tags":["a","b"],"n":7},"ok":true})";
        return r;
    }

private slots:
    void derivesEveryPoint_data() {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("original");
        QTest::newRow("query from url") << "query:sort" << "asc";
        QTest::newRow("query decoded") << "query:q" << "a b";
        QTest::newRow("query from params") << "query:page" << "2";
        QTest::newRow("path id segment") << "path:1" << "42";
        QTest::newRow("json leaf") << "json:/title" << "hi";
        QTest::newRow("nested json array leaf") << "json:/meta/tags/1" << "b";
        QTest::newRow("nested json number") << "json:/meta/n" << "7";
        QTest::newRow("json bool") << "json:/ok" << "true";
        QTest::newRow("cookie") << "cookie:theme" << "dark";
        QTest::newRow("chosen header") << "header:X-Tenant" << "acme";
    }
    void derivesEveryPoint() {
        QFETCH(QString, label);
        QFETCH(QString, original);
        InsertionOptions o;
        o.headers = {"X-Tenant"};
        const auto points = insertionPoints(sample(), o);
        bool found = false;
        for (const auto& p : points)
            if (QString::fromStdString(p.label()) == label) {
                found = true;
                QCOMPARE(QString::fromStdString(p.original), original);
            }
        QVERIFY2(found, qPrintable(label));
        for (const auto& p : points) QVERIFY(p.label() != "query:off");  // disabled params are not points
        for (const auto& p : points) QVERIFY(p.label() != "path:0");     // "users" is not a value
    }

    void injectsInOnePlace_data() {
        QTest::addColumn<QString>("label");
        QTest::newRow("query") << "query:sort";
        QTest::newRow("path") << "path:1";
        QTest::newRow("json nested") << "json:/meta/tags/0";
        QTest::newRow("cookie") << "cookie:session";
        QTest::newRow("header") << "header:X-Tenant";
    }
    void injectsInOnePlace() {
        QFETCH(QString, label);
        InsertionOptions o;
        o.headers = {"X-Tenant"};
        const RequestSpec base = sample();
        for (const auto& p : insertionPoints(base, o)) {
            if (QString::fromStdString(p.label()) != label) continue;
            const RequestSpec r = inject(base, p, "x' \"/&=?");
            // The injected value is found again at the same point, and every other point is unchanged.
            for (const auto& q : insertionPoints(r, o)) {
                if (q.label() == p.label()) QCOMPARE(QString::fromStdString(q.original), QString("x' \"/&=?"));
                else
                    for (const auto& orig : insertionPoints(base, o))
                        if (orig.label() == q.label()) QCOMPARE(q.original, orig.original);
            }
            return;
        }
        QFAIL("point not found");
    }

    void injectJsonOperator() {
        const RequestSpec base = sample();
        for (const auto& p : insertionPoints(base)) {
            if (p.label() != "json:/title") continue;
            const RequestSpec r = injectJson(base, p, nlohmann::json{{"$ne", 1}});
            QCOMPARE(nlohmann::json::parse(r.body.text)["title"]["$ne"].get<int>(), 1);
            return;
        }
        QFAIL("json:/title not found");
    }

    void urlHelpers_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("tmpl");
        QTest::addColumn<QString>("host");
        QTest::newRow("ids") << "http://h:8080/users/42/notes/0b5c1f6e-3e1a-4c1e-9f3a-1b2c3d4e5f60?x=1" << "/users/{id}/notes/{id}" << "h";
        QTest::newRow("root") << "https://Example.TEST" << "/" << "example.test";
        QTest::newRow("ipv6") << "http://[::1]:99/a/b" << "/a/b" << "[::1]";
    }
    void urlHelpers() {
        QFETCH(QString, url);
        QFETCH(QString, tmpl);
        QFETCH(QString, host);
        QCOMPARE(QString::fromStdString(pathTemplateOf(url.toStdString())), tmpl);
        QCOMPARE(QString::fromStdString(parseUrl(url.toStdString()).host), host);
        QCOMPARE(QString::fromStdString(percentDecode(percentEncode("a b/ü?&"))), QString("a b/ü?&"));
    }
};

QTEST_APPLESS_MAIN(TestSecurityInsertion)
#include "test_security_insertion.moc"
