// GraphqlSchemaRepository (core/store/graphql_schema_repository.*): GraphQL schemas cached per
// endpoint in a real SQLite file: put, get, replace, remove, list, and surviving a reopen.
#include <QTemporaryDir>
#include <QtTest>

#include "core/store/database.h"
#include "core/store/graphql_schema_repository.h"

using namespace sonde;
using Format = CachedGraphqlSchema::Format;

class TestStoreGraphqlSchemas : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void replaceKeepsOneRow();
    void removeAndList();
    void survivesReopen();
    void emptyEndpointRefused();
};

void TestStoreGraphqlSchemas::roundTrip_data() {
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("body");
    QTest::newRow("introspection JSON") << "http://127.0.0.1:4000/graphql" << int(Format::Introspection)
                                        << R"({"data":{"__schema":{"types":[]}}})";
    QTest::newRow("SDL") << "https://api.example.test/graphql?x=1" << int(Format::Sdl)
                         << "type Query {\n  \"\"\"é ünïcode\"\"\"\n  me: String\n}\n";
    QTest::newRow("embedded NUL-free large") << "https://big.test/gql" << int(Format::Introspection)
                                             << QString(200000, QChar('x'));
}

void TestStoreGraphqlSchemas::roundTrip() {
    QFETCH(QString, endpoint);
    QFETCH(int, format);
    QFETCH(QString, body);
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath("s.db").toStdString());
    QVERIFY(db.ok());
    GraphqlSchemaRepository repo(*db);
    auto none = repo.get(endpoint.toStdString());
    QVERIFY(none.ok());
    QVERIFY(!none->has_value());
    CachedGraphqlSchema in{endpoint.toStdString(), Format(format), body.toStdString(), 1764000000123, 0};
    auto put = repo.put(in);
    QVERIFY2(put.ok(), put.ok() ? "" : put.error().message().c_str());
    auto got = repo.get(endpoint.toStdString());
    QVERIFY(got.ok());
    QVERIFY(got->has_value());
    QCOMPARE((*got)->endpoint, in.endpoint);
    QCOMPARE(int((*got)->format), format);
    QCOMPARE((*got)->body, in.body);
    QCOMPARE((*got)->fetchedAt, std::int64_t(1764000000123));
    QCOMPARE((*got)->bytes, std::int64_t(in.body.size()));
    // Another endpoint (even one differing only by a trailing slash) is another key.
    auto other = repo.get(endpoint.toStdString() + "/");
    QVERIFY(other.ok());
    QVERIFY(!other->has_value());
}

void TestStoreGraphqlSchemas::replaceKeepsOneRow() {
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath("s.db").toStdString());
    QVERIFY(db.ok());
    GraphqlSchemaRepository repo(*db);
    const std::string url = "http://127.0.0.1:1/graphql";
    QVERIFY(repo.put({url, Format::Introspection, "{\"old\":1}", 1000, 0}).ok());
    QVERIFY(repo.put({url, Format::Sdl, "type Query { fresh: Int }", 0, 0}).ok());  // 0 = now
    auto got = repo.get(url);
    QVERIFY(got.ok() && got->has_value());
    QCOMPARE((*got)->format, Format::Sdl);
    QCOMPARE((*got)->body, std::string("type Query { fresh: Int }"));
    QVERIFY((*got)->fetchedAt > 1700000000000);  // now, in milliseconds
    auto all = repo.list();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), size_t(1));
}

void TestStoreGraphqlSchemas::removeAndList() {
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath("s.db").toStdString());
    QVERIFY(db.ok());
    GraphqlSchemaRepository repo(*db);
    QVERIFY(repo.put({"https://a.test/graphql", Format::Introspection, "{\"a\":true}", 1000, 0}).ok());
    QVERIFY(repo.put({"https://b.test/graphql", Format::Sdl, "type Query { b: Int }", 3000, 0}).ok());
    QVERIFY(repo.put({"https://c.test/graphql", Format::Introspection, "{}", 2000, 0}).ok());
    auto all = repo.list();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), size_t(3));
    // Newest first, bodies left out but their size given.
    QCOMPARE(all->at(0).endpoint, std::string("https://b.test/graphql"));
    QCOMPARE(all->at(0).format, Format::Sdl);
    QCOMPARE(all->at(0).bytes, std::int64_t(21));
    QVERIFY(all->at(0).body.empty());
    QCOMPARE(all->at(1).endpoint, std::string("https://c.test/graphql"));
    QCOMPARE(all->at(2).endpoint, std::string("https://a.test/graphql"));
    auto removed = repo.remove("https://c.test/graphql");
    QVERIFY(removed.ok());
    QVERIFY(*removed);
    auto again = repo.remove("https://c.test/graphql");
    QVERIFY(again.ok());
    QVERIFY(!*again);
    auto left = repo.list();
    QVERIFY(left.ok());
    QCOMPARE(left->size(), size_t(2));
    QVERIFY(!repo.get("https://c.test/graphql")->has_value());
    QVERIFY(repo.get("https://a.test/graphql")->has_value());
}

void TestStoreGraphqlSchemas::survivesReopen() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("s.db").toStdString();
    {
        auto db = Database::open(path);
        QVERIFY(db.ok());
        GraphqlSchemaRepository repo(*db);
        QVERIFY(repo.put({"https://kept.test/graphql", Format::Sdl, "type Query { k: ID }", 42, 0}).ok());
    }
    auto db = Database::open(path, DatabaseOptions{5000, true, false});  // read-only, as a second process
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().message().c_str());
    GraphqlSchemaRepository repo(*db);
    auto got = repo.get("https://kept.test/graphql");
    QVERIFY(got.ok() && got->has_value());
    QCOMPARE((*got)->body, std::string("type Query { k: ID }"));
    QCOMPARE((*got)->fetchedAt, std::int64_t(42));
}

void TestStoreGraphqlSchemas::emptyEndpointRefused() {
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath("s.db").toStdString());
    QVERIFY(db.ok());
    GraphqlSchemaRepository repo(*db);
    auto s = repo.put({"", Format::Sdl, "type Query { a: Int }", 0, 0});
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, std::string("usage"));
    QCOMPARE(repo.list()->size(), size_t(0));
}

QTEST_APPLESS_MAIN(TestStoreGraphqlSchemas)
#include "test_store_graphql_schemas.moc"
