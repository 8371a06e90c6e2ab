// Database (core/store/database.*, schema.*): settings, the default path, migrations from the first
// schema, and the bad states: damaged file, newer schema, foreign SQLite file, locked by a process.
#include <sqlite3.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/store/collection_repository.h"
#include "core/store/database.h"
#include "core/store/graphql_schema_repository.h"
#include "core/store/history_repository.h"
#include "core/store/run_repository.h"
#include "core/store/schema.h"

using namespace sonde;

namespace {
QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}
void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
// Runs SQL on a file with plain sqlite3 (no Sonde code), to craft databases.
void rawExec(const QString& path, const char* sql) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    QVERIFY2(rc == SQLITE_OK, err ? err : "");
    sqlite3_close(db);
}
std::string pragma(Database& db, const char* sql) {
    auto st = db.prepare(sql);
    if (!st) return "error";
    auto r = st->step();
    return r && *r ? st->text(0) : "none";
}
}  // namespace

class TestStoreDatabase : public QObject {
    Q_OBJECT
private slots:
    void createsWithSettings();
    void defaultPath_data();
    void defaultPath();
    void migratesFromV1();
    void migratesFromV2();
    void badFiles_data();
    void badFiles();
    void damagedPages();
    void newerSchemaRefused();
    void transactionRollsBack();
    void lockedNamesHolder();
    void readOnly();
};

void TestStoreDatabase::createsWithSettings() {
    QTemporaryDir dir;
    QString path = dir.filePath("sub/dir/sonde.db");  // parent directories are created
    auto db = Database::open(path.toStdString());
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().message().c_str());
    QCOMPARE(db->schemaVersion(), kSchemaVersion);
    QCOMPARE(pragma(*db, "PRAGMA journal_mode"), std::string("wal"));
    QCOMPARE(pragma(*db, "PRAGMA foreign_keys"), std::string("1"));
    QCOMPARE(pragma(*db, "PRAGMA user_version"), std::to_string(kSchemaVersion));
    QCOMPARE(pragma(*db, "SELECT name FROM workspaces"), std::string("Default"));
    QCOMPARE(*db->integrityCheck(), std::string("ok"));
    // Reopening does not migrate again.
    auto again = Database::open(path.toStdString());
    QVERIFY(again.ok());
    QCOMPARE(pragma(*again, "SELECT count(*) FROM workspaces"), std::string("1"));
}

void TestStoreDatabase::defaultPath_data() {
    QTest::addColumn<QByteArray>("sondeDb");
    QTest::addColumn<QByteArray>("xdg");
    QTest::addColumn<QString>("expected");
    QTest::newRow("SONDE_DB wins") << QByteArray("/tmp/x.db") << QByteArray("/data") << "/tmp/x.db";
    QTest::newRow("XDG_DATA_HOME") << QByteArray() << QByteArray("/data") << "/data/sonde/sonde.db";
    QTest::newRow("relative XDG ignored") << QByteArray() << QByteArray("rel") << "/home/u/.local/share/sonde/sonde.db";
    QTest::newRow("HOME fallback") << QByteArray() << QByteArray() << "/home/u/.local/share/sonde/sonde.db";
}

void TestStoreDatabase::defaultPath() {
    QFETCH(QByteArray, sondeDb);
    QFETCH(QByteArray, xdg);
    QFETCH(QString, expected);
    QByteArray oldHome = qgetenv("HOME"), oldDb = qgetenv("SONDE_DB"), oldXdg = qgetenv("XDG_DATA_HOME");
    qputenv("HOME", "/home/u");
    if (sondeDb.isEmpty()) qunsetenv("SONDE_DB"); else qputenv("SONDE_DB", sondeDb);
    if (xdg.isEmpty()) qunsetenv("XDG_DATA_HOME"); else qputenv("XDG_DATA_HOME", xdg);
    std::string got = defaultDatabasePath();
    qputenv("HOME", oldHome);
    if (oldDb.isEmpty()) qunsetenv("SONDE_DB"); else qputenv("SONDE_DB", oldDb);
    if (oldXdg.isEmpty()) qunsetenv("XDG_DATA_HOME"); else qputenv("XDG_DATA_HOME", oldXdg);
    QCOMPARE(QString::fromStdString(got), expected);
}

void TestStoreDatabase::migratesFromV1() {
    QTemporaryDir dir;
    QString path = dir.filePath("v1.db");
    // A database exactly as the first schema made it, with data in it.
    rawExec(path, schemaV1Sql());
    rawExec(path,
            "PRAGMA user_version = 1;"
            "INSERT INTO collections(uid, workspace_id, name, updated_at) VALUES ('c1', 1, 'Old', 0);"
            "INSERT INTO requests(uid, collection_id, folder_id, name, method, url, position, spec_json)"
            " VALUES ('r1', 1, NULL, 'Ping', 'GET', 'https://old.test/ping', 0, '{}');"
            "INSERT INTO history(sent_at, method, url, status, request_json, response_headers_json, timings_json)"
            " VALUES (1000, 'GET', 'https://old.test/ping', 204, '{\"method\":\"GET\",\"url\":\"https://old.test/ping\"}',"
            " '[]', '{\"total\": 12.5}');");
    auto db = Database::open(path.toStdString());
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().message().c_str());
    QCOMPARE(db->schemaVersion(), 3);
    QCOMPARE(pragma(*db, "PRAGMA user_version"), std::string("3"));
    // Old data kept, new column backfilled, new table usable.
    HistoryRepository history(*db);
    auto list = history.search();
    QVERIFY(list.ok());
    QCOMPARE(list->size(), size_t(1));
    QCOMPARE(list->front().status, 204);
    QCOMPARE(list->front().durationMs, 12.5);
    auto entry = history.get(list->front().id);
    QVERIFY(entry.ok());
    QCOMPARE(entry->request.url, std::string("https://old.test/ping"));
    RunRepository runs(*db);
    QVERIFY(runs.save(RunRecord{"Old", "2026-11-24T10:00:00Z", 3, 1, 42.0, "{}"}).ok());
    QCOMPARE(pragma(*db, "SELECT name FROM requests WHERE uid = 'r1'"), std::string("Ping"));
    QCOMPARE(*db->integrityCheck(), std::string("ok"));
}

void TestStoreDatabase::migratesFromV2() {
    QTemporaryDir dir;
    QString path = dir.filePath("v2.db");
    // A database exactly as schema 2 made it (version 1 then migration 2), with data in every table.
    rawExec(path, schemaV1Sql());
    rawExec(path, migrationSql(2));
    rawExec(path,
            "PRAGMA user_version = 2;"
            "INSERT INTO collections(uid, workspace_id, name, updated_at) VALUES ('c1', 1, 'Kept', 0);"
            "INSERT INTO requests(uid, collection_id, folder_id, name, method, url, position, spec_json)"
            " VALUES ('r1', 1, NULL, 'Ping', 'GET', 'https://old.test/ping', 0, '{}');"
            "INSERT INTO environments(uid, collection_id, name) VALUES ('e1', NULL, 'Staging');"
            "INSERT INTO variables(environment_id, name, value, position) VALUES (1, 'host', 'old.test', 0);"
            "INSERT INTO history(sent_at, method, url, status, duration_ms, reason)"
            " VALUES (2000, 'POST', 'https://old.test/graphql', 200, 7.5, 'OK');"
            "INSERT INTO history_details(history_id, request_json, response_headers_json, timings_json)"
            " VALUES (1, '{\"method\":\"POST\",\"url\":\"https://old.test/graphql\"}', '[]', '{\"total\": 7.5}');"
            "INSERT INTO runs(collection, started_at, passed, failed, duration_ms, report_json)"
            " VALUES ('Kept', '2026-11-24T10:00:00Z', 5, 0, 99.0, '{}');");
    auto db = Database::open(path.toStdString());
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().message().c_str());
    QCOMPARE(db->schemaVersion(), 3);
    QCOMPARE(pragma(*db, "PRAGMA user_version"), std::string("3"));
    // Everything schema 2 held is still there.
    QCOMPARE(pragma(*db, "SELECT name FROM collections WHERE uid = 'c1'"), std::string("Kept"));
    QCOMPARE(pragma(*db, "SELECT url FROM requests WHERE uid = 'r1'"), std::string("https://old.test/ping"));
    QCOMPARE(pragma(*db, "SELECT value FROM variables WHERE name = 'host'"), std::string("old.test"));
    HistoryRepository history(*db);
    auto list = history.search();
    QVERIFY(list.ok());
    QCOMPARE(list->size(), size_t(1));
    QCOMPARE(list->front().durationMs, 7.5);
    auto entry = history.get(list->front().id);
    QVERIFY(entry.ok());
    QCOMPARE(entry->request.url, std::string("https://old.test/graphql"));
    RunRepository runs(*db);
    auto runList = runs.list();
    QVERIFY(runList.ok());
    QCOMPARE(runList->size(), size_t(1));
    QCOMPARE(runList->front().passed, 5);
    // The new table is there, empty and usable.
    GraphqlSchemaRepository schemas(*db);
    auto cached = schemas.list();
    QVERIFY(cached.ok());
    QCOMPARE(cached->size(), size_t(0));
    QVERIFY(schemas.put(CachedGraphqlSchema{"https://old.test/graphql", CachedGraphqlSchema::Format::Sdl,
                                            "type Query { a: Int }", 0, 0})
                .ok());
    QCOMPARE(pragma(*db, "SELECT format FROM graphql_schemas"), std::string("sdl"));
    QCOMPARE(*db->integrityCheck(), std::string("ok"));
}

void TestStoreDatabase::badFiles_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("code");
    QTest::newRow("text file") << QByteArray("this is my shopping list\nnot a database\n").repeated(200) << "corrupt";
    QTest::newRow("damaged header") << QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\xff') << "corrupt";
    QTest::newRow("random bytes") << QByteArray("\x01\x02\x03garbage").repeated(1000) << "corrupt";
}

void TestStoreDatabase::badFiles() {
    QFETCH(QByteArray, content);
    QFETCH(QString, code);
    QTemporaryDir dir;
    QString path = dir.filePath("bad.db");
    writeAll(path, content);
    auto db = Database::open(path.toStdString());
    QVERIFY(!db.ok());
    QCOMPARE(QString::fromStdString(db.error().code), code);
    QCOMPARE(db.error().where, path.toStdString());  // names the file
    QVERIFY(!db.error().fix.empty());
    QCOMPARE(readAll(path), content);  // never overwritten
    QVERIFY(!QFile::exists(path + "-wal"));

    // A SQLite file that is someone else's database is refused too, and left alone.
    QString foreign = dir.filePath("foreign.db");
    rawExec(foreign, "CREATE TABLE shopping(item TEXT); INSERT INTO shopping VALUES ('milk');");
    QByteArray before = readAll(foreign);
    auto f = Database::open(foreign.toStdString());
    QVERIFY(!f.ok());
    QCOMPARE(f.error().code, std::string("not-sonde"));
    QCOMPARE(readAll(foreign), before);
}

// A file with a good header but damaged pages: whatever step meets the damage reports it as
// "corrupt" naming the file, nothing crashes, and the file is not rewritten.
void TestStoreDatabase::damagedPages() {
    QTemporaryDir dir;
    QString path = dir.filePath("damaged.db");
    std::string id;
    {
        auto db = Database::open(path.toStdString());
        QVERIFY(db.ok());
        CollectionRepository repo(*db);
        Collection c;
        c.name = "Big";
        for (int i = 0; i < 300; ++i) {
            RequestSpec r;
            r.name = "r" + std::to_string(i);
            r.url = "https://api.test/" + std::string(200, 'x');
            c.root.requests.push_back(r);
        }
        auto saved = repo.save(c);
        QVERIFY(saved.ok());
        id = saved->id;
        QVERIFY(db->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    }
    QByteArray bytes = readAll(path);
    QVERIFY(bytes.size() > 16 * 4096);
    for (int i = 4 * 4096; i < bytes.size() - 4096; ++i) bytes[i] = static_cast<char>(0xA5 ^ (i & 0xFF));
    writeAll(path, bytes);
    {
        auto db = Database::open(path.toStdString());
        if (!db.ok()) {
            QCOMPARE(db.error().code, std::string("corrupt"));
        } else {
            CollectionRepository repo(*db);
            auto loaded = repo.load(id);
            QVERIFY(!loaded.ok());
            QCOMPARE(loaded.error().code, std::string("corrupt"));
            QVERIFY(loaded.error().where.find(path.toStdString()) != std::string::npos);
            auto check = db->integrityCheck();
            QVERIFY(!check.ok() || *check != "ok");
        }
    }
    QCOMPARE(readAll(path), bytes);
}

void TestStoreDatabase::newerSchemaRefused() {
    QTemporaryDir dir;
    QString path = dir.filePath("newer.db");
    {
        auto db = Database::open(path.toStdString());
        QVERIFY(db.ok());
    }
    rawExec(path, "PRAGMA user_version = 99");
    QByteArray before = readAll(path);
    auto db = Database::open(path.toStdString());
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, std::string("newer-schema"));
    QVERIFY(db.error().title.find("99") != std::string::npos);
    QCOMPARE(db.error().where, path.toStdString());
    QCOMPARE(readAll(path), before);
}

void TestStoreDatabase::transactionRollsBack() {
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath("t.db").toStdString());
    QVERIFY(db.ok());
    RunRepository runs(*db);
    auto s = db->transaction([&]() -> Status {
        if (auto r = runs.save(RunRecord{"a", "2026-01-01T00:00:00Z", 1, 0, 1, "{}"}); !r) return r.error();
        return makeError("stop here");
    });
    QVERIFY(!s.ok());
    QCOMPARE(runs.list()->size(), size_t(0));  // the nested save was rolled back with the outer one
    // A constraint failure inside is an Error value, and also rolls back.
    auto bad = db->transaction([&]() -> Status {
        if (auto r = runs.save(RunRecord{"b", "2026-01-01T00:00:00Z", 1, 0, 1, "{}"}); !r) return r.error();
        return db->exec("INSERT INTO requests(uid, collection_id, name, method, url, position, spec_json)"
                        " VALUES ('x', 12345, 'n', 'GET', 'u', 0, '{}')");  // no collection 12345: FK fails
    });
    QVERIFY(!bad.ok());
    QCOMPARE(runs.list()->size(), size_t(0));
}

void TestStoreDatabase::lockedNamesHolder() {
    QTemporaryDir dir;
    QString path = dir.filePath("locked.db");
    { QVERIFY(Database::open(path.toStdString()).ok()); }
    QProcess holder;
    holder.start(SONDE_STORE_HELPER, {"hold", path, "20000"});
    QVERIFY(holder.waitForStarted());
    QVERIFY(holder.waitForReadyRead(15000));
    QCOMPARE(holder.readLine().trimmed(), QByteArray("locked"));

    DatabaseOptions opts;
    opts.busyTimeoutMs = 300;
    auto db = Database::open(path.toStdString(), opts);
    QVERIFY(db.ok());  // WAL: reading is not blocked by a writer
    RunRepository runs(*db);
    auto r = runs.save(RunRecord{"mine", "2026-11-24T00:00:00Z", 1, 0, 1, "{}"});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, std::string("locked"));
    QCOMPARE(r.error().where, path.toStdString());
    QVERIFY2(r.error().title.find("locked by another process") != std::string::npos, r.error().title.c_str());
    std::string pid = "pid " + std::to_string(holder.processId());
    QVERIFY2(r.error().title.find(pid) != std::string::npos, r.error().title.c_str());
    QVERIFY(r.error().title.find("sonde_store_hel") != std::string::npos);  // /proc comm (15 chars)

    holder.kill();
    QVERIFY(holder.waitForFinished(10000));
    QVERIFY(runs.save(RunRecord{"mine", "2026-11-24T00:00:00Z", 1, 0, 1, "{}"}).ok());
    auto list = runs.list();
    QCOMPARE(list->size(), size_t(1));  // the killed holder's row never committed
    QCOMPARE(list->front().collection, std::string("mine"));
}

void TestStoreDatabase::readOnly() {
    QTemporaryDir dir;
    QString path = dir.filePath("ro.db");
    DatabaseOptions ro;
    ro.readOnly = true;
    auto missing = Database::open(path.toStdString(), ro);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, std::string("not-found"));
    QVERIFY(!QFile::exists(path));
    { QVERIFY(Database::open(path.toStdString()).ok()); }
    auto db = Database::open(path.toStdString(), ro);
    QVERIFY(db.ok());
    RunRepository runs(*db);
    QVERIFY(runs.list().ok());
    QVERIFY(!runs.save(RunRecord{"x", "t", 0, 0, 0, "{}"}).ok());
}

QTEST_APPLESS_MAIN(TestStoreDatabase)
#include "test_store_database.moc"
