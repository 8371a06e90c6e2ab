// Crash safety (core/store): a child process (sonde_store_helper) writing a large transaction is
// killed with SIGKILL in the middle; the data committed before must be intact and
// PRAGMA integrity_check must say ok.
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "core/model/json.h"
#include "core/store/collection_repository.h"
#include "core/store/history_repository.h"

using namespace sonde;

namespace {
Collection precious() {
    Collection c;
    c.id = "c-precious";
    c.name = "Precious";
    c.variables = {Variable{"base", "https://api.test", true, false}};
    for (int f = 0; f < 5; ++f) {
        Folder folder;
        folder.name = "Folder " + std::to_string(f);
        for (int i = 0; i < 20; ++i) {
            RequestSpec r;
            r.name = "req " + std::to_string(f) + "/" + std::to_string(i);
            r.method = i % 2 ? "POST" : "GET";
            r.url = "{{base}}/items/" + std::to_string(i);
            r.headers = {{"X-Index", std::to_string(i), true, ""}};
            folder.requests.push_back(r);
        }
        c.root.folders.push_back(folder);
    }
    return c;
}
}  // namespace

class TestStoreCrash : public QObject {
    Q_OBJECT
private slots:
    void killedMidWrite_data();
    void killedMidWrite();
};

void TestStoreCrash::killedMidWrite_data() {
    QTest::addColumn<QStringList>("args");      // helper arguments after the database path
    QTest::addColumn<QByteArray>("killAfter");  // line the helper prints before the point to kill at
    QTest::addColumn<qint64>("walBytes");       // and, if > 0, kill once the WAL has grown this much
    // Rewriting the stored collection (delete + reinsert of the whole tree), killed while the WAL grows.
    QTest::newRow("collection rewrite, during write") << QStringList{"rewrite", "c-precious", "40000"}
                                                      << QByteArray("writing") << qint64(4 << 20);
    // The same, fully written but not committed.
    QTest::newRow("collection rewrite, before commit") << QStringList{"pending", "c-precious", "20000"}
                                                       << QByteArray("written") << qint64(0);
    // A large history batch.
    QTest::newRow("history batch, during write") << QStringList{"history", "20000"} << QByteArray("writing")
                                                 << qint64(8 << 20);
}

void TestStoreCrash::killedMidWrite() {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, killAfter);
    QFETCH(qint64, walBytes);
    QTemporaryDir dir;
    const QString path = dir.filePath("crash.db");
    Collection before;
    {
        auto db = Database::open(path.toStdString());
        QVERIFY(db.ok());
        CollectionRepository repo(*db);
        auto saved = repo.save(precious());
        QVERIFY(saved.ok());
        before = *saved;
        HistoryRepository history(*db);
        for (int i = 0; i < 50; ++i) {
            HistoryEntry e;
            e.sentAt = i;
            e.request.method = "GET";
            e.request.url = "https://api.test/" + std::to_string(i);
            e.status = 200;
            QVERIFY(history.add(e).ok());
        }
    }

    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(SONDE_STORE_HELPER, QStringList{args.first(), path} + args.mid(1));
    QVERIFY(child.waitForStarted());
    QByteArray line;
    QElapsedTimer t;
    t.start();
    while (!line.contains(killAfter) && t.elapsed() < 60000 && child.state() == QProcess::Running) {
        child.waitForReadyRead(200);
        line += child.readAll();
    }
    QVERIFY2(line.contains(killAfter), line.constData());
    if (walBytes > 0) {
        while (QFileInfo(path + "-wal").size() < walBytes && t.elapsed() < 60000 &&
               child.state() == QProcess::Running)
            QThread::msleep(2);
    }
    QVERIFY2(child.state() == QProcess::Running, "the helper finished before it could be killed: write more");
    line += child.readAll();
    QVERIFY2(!line.contains("done"), "the helper committed before the kill");
    child.kill();  // SIGKILL on Unix
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    if (walBytes > 0) QVERIFY(QFileInfo(path + "-wal").size() >= walBytes);  // it was writing

    auto db = Database::open(path.toStdString());
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().message().c_str());
    QCOMPARE(*db->integrityCheck(), std::string("ok"));
    CollectionRepository repo(*db);
    auto after = repo.load("c-precious");
    QVERIFY(after.ok());
    QCOMPARE(nlohmann::json(*after).dump(1), nlohmann::json(before).dump(1));
    QCOMPARE(after->name, std::string("Precious"));
    HistoryRepository history(*db);
    QCOMPARE(*history.count(), qint64(50));
    QCOMPARE(repo.list()->size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "test_store_crash.moc"
