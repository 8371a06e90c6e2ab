// sonde-cli collection | env | history on a real SQLite store in a temporary folder.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "test_server.h"

class TestCliWorkspace : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString db() const { return tmp_.filePath("store.db"); }
    struct Run {
        int exit;
        QString out, err;
    };
    Run cli(QStringList args) const {
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("NO_COLOR", "1");
        env.insert("SONDE_DB", db());  // the environment variable works as --db
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SONDE_CLI), args);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000)) return {-1, {}, "timeout"};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    static QString sample() { return QStringLiteral(SONDE_SOURCE_DIR "/resources/sample"); }

private slots:
    void emptyStore() {
        Run r = cli({"collection", "list"});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("No collections"));
    }

    void importShowExportRoundTrip() {
        Run r = cli({"collection", "import", sample()});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Imported 'Sonde demo API'"));
        r = cli({"collection", "list", "--db", db()});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("Sonde demo API"));
        r = cli({"collection", "show", "Sonde demo API"});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("Users/"));
        QVERIFY(r.out.contains("{{baseUrl}}/api/users"));
        const QString out = tmp_.filePath("export");
        r = cli({"collection", "export", "Sonde demo API", out});
        QCOMPARE(r.exit, 0);
        QVERIFY(QFile::exists(out + "/collection.yaml"));
        // Exported and imported again as a copy: the same tree.
        r = cli({"collection", "import", out, "--copy", "--name", "Again"});
        QCOMPARE(r.exit, 0);
        const QString first = cli({"collection", "show", "Sonde demo API"}).out;
        QString again = cli({"collection", "show", "Again"}).out;
        QCOMPARE(again.section('\n', 3), first.section('\n', 3));  // same folders and requests
    }

    void environmentsMaskSecrets() {
        Run r = cli({"env", "list", "--collection", "Sonde demo API"});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("local"));
        r = cli({"env", "show", "local", "--collection", "Sonde demo API"});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("baseUrl"));
        QVERIFY(r.out.contains("•••• (secret)"));
    }

    void errorsNameThePlace_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exit");
        QTest::addColumn<QString>("err");
        QTest::newRow("unknown collection") << QStringList{"collection", "show", "Nope"} << 2 << "No collection named";
        QTest::newRow("import missing dir") << QStringList{"collection", "import", "/nonexistent/dir"} << 2 << "/nonexistent/dir";
        QTest::newRow("unknown verb") << QStringList{"collection", "frob"} << 2 << "Unknown collection command";
        QTest::newRow("bad status filter") << QStringList{"history", "--status", "abc"} << 2 << "--status takes";
        QTest::newRow("unknown history entry") << QStringList{"history", "show", "999999"} << 2 << "999999";
    }
    void errorsNameThePlace() {
        QFETCH(QStringList, args);
        QFETCH(int, exit);
        QFETCH(QString, err);
        Run r = cli(args);
        QVERIFY2(r.exit == exit, qPrintable(QString::number(r.exit) + r.out + r.err));
        QVERIFY2(r.err.contains(err), qPrintable(r.err));
    }

    void corruptStoreIsReportedAndKept() {
        QTemporaryDir d;
        const QString bad = d.filePath("bad.db");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        Run r = cli({"collection", "list", "--db", bad});
        QVERIFY(r.exit != 0);
        QVERIFY2(r.err.contains("bad.db"), qPrintable(r.err));
        QFile again(bad);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), QByteArray(8192, 'x'));  // never overwritten
    }

    void historyRecordsSends() {
        sonde::test::TestServer server;
        QVERIFY(server.start());
        QCOMPARE(cli({"send", "--history", QString::fromStdString(server.url("/echo?n=1")), "--bearer", "s3cret"}).exit, 0);
        QCOMPARE(cli({"send", "--history", "-X", "DELETE", QString::fromStdString(server.url("/status/404"))}).exit, 0);
        QCOMPARE(cli({"send", "--history", "http://127.0.0.1:1/refused"}).exit, 3);
        Run r = cli({"history"});
        QCOMPARE(r.exit, 0);
        QStringList rows = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows[0].contains("ERR") && rows[0].contains("/refused"));  // newest first
        QVERIFY(rows[1].contains("DELETE") && rows[1].contains("404"));
        QVERIFY(rows[2].contains("GET") && rows[2].contains("200"));
        r = cli({"history", "--status", "4xx"});
        QCOMPARE(r.out.split('\n', Qt::SkipEmptyParts).size(), 1);
        r = cli({"history", "--method", "get", "--url", "/echo"});
        QCOMPARE(r.out.split('\n', Qt::SkipEmptyParts).size(), 1);
        const QString id = rows[2].section(' ', 0, 0);
        r = cli({"history", "show", id});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("\"n\": \"1\"") || r.out.contains("\"n\":\"1\""));
        QVERIFY2(!r.out.contains("s3cret"), qPrintable(r.out));  // credentials are masked in history
    }

    void emptyHistory() {
        Run r = cli({"history", "--status", "5xx", "--limit", "5"});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("No history entries match"));
    }
};

QTEST_GUILESS_MAIN(TestCliWorkspace)
#include "test_cli_workspace.moc"
