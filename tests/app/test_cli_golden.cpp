// Golden cases for sonde-cli: one folder per case under tests/app/golden/<case>/ with
//   args       the arguments, one per line; {{http}} {{raw}} {{https}} expand to the test server's base
//              URLs, {{case}} to the case folder, {{tmp}} to a fresh temporary folder
//   exit       the expected exit code
//   stdout     (optional) lines that must each appear in standard output, in order
//   stderr     (optional) lines that must each appear in standard error, in order
//   files      (optional) "PATH<TAB>TEXT" lines: PATH (with placeholders) must exist and contain TEXT
// The server is the real loopback TestServer (tests/fixtures/http-server).
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "test_server.h"

class TestCliGolden : public QObject {
    Q_OBJECT
    sonde::test::TestServer server_;
    QString goldenDir_ = QStringLiteral(SONDE_SOURCE_DIR "/tests/app/golden");

    static QStringList lines(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) return {};
        QStringList out;
        for (const QString& l : QString::fromUtf8(f.readAll()).split('\n'))
            if (!l.isEmpty()) out << l;
        return out;
    }
    QString expand(QString s, const QString& caseDir, const QString& tmp) const {
        s.replace("{{http}}", QString::fromStdString(server_.url("")));
        s.replace("{{raw}}", QString::fromStdString(server_.rawUrl("")));
        s.replace("{{case}}", caseDir);
        s.replace("{{tmp}}", tmp);
        s.replace("{{source}}", QStringLiteral(SONDE_SOURCE_DIR));
        return s;
    }
    static void expectInOrder(const QString& output, const QStringList& expected, const char* stream) {
        qsizetype pos = 0;
        for (const QString& e : expected) {
            qsizetype at = output.indexOf(e, pos);
            QVERIFY2(at >= 0, qPrintable(QString("%1 lacks \"%2\" (after offset %3):\n%4").arg(stream, e).arg(pos).arg(output)));
            pos = at + e.size();
        }
    }

private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    void golden_data() {
        QTest::addColumn<QString>("caseDir");
        const auto cases = QDir(goldenDir_).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(!cases.isEmpty());
        for (const QString& c : cases) QTest::newRow(qPrintable(c)) << QDir(goldenDir_).filePath(c);
    }
    void golden() {
        QFETCH(QString, caseDir);
        QTemporaryDir tmp;
        QStringList args;
        for (const QString& a : lines(caseDir + "/args")) args << expand(a, caseDir, tmp.path());
        QProcess p;
        p.setProgram(QStringLiteral(SONDE_CLI));
        p.setArguments(args);
        p.setWorkingDirectory(tmp.path());
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("NO_COLOR", "1");
        env.remove("http_proxy"), env.remove("https_proxy"), env.remove("HTTP_PROXY"), env.remove("HTTPS_PROXY");
        p.setProcessEnvironment(env);
        p.start();
        QVERIFY(p.waitForStarted());
        p.closeWriteChannel();
        QVERIFY2(p.waitForFinished(60000), "sonde-cli did not finish within 60 s");
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        const int expectedExit = lines(caseDir + "/exit").value(0, "0").toInt();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit, "sonde-cli crashed");
        QVERIFY2(p.exitCode() == expectedExit,
                 qPrintable(QString("exit %1, expected %2\nstdout:\n%3\nstderr:\n%4").arg(p.exitCode()).arg(expectedExit).arg(out, err)));
        expectInOrder(out, lines(caseDir + "/stdout"), "stdout");
        expectInOrder(err, lines(caseDir + "/stderr"), "stderr");
        for (const QString& l : lines(caseDir + "/files")) {
            const auto parts = l.split('\t');
            QFile f(expand(parts.value(0), caseDir, tmp.path()));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable("missing file " + f.fileName()));
            QVERIFY2(QString::fromUtf8(f.readAll()).contains(parts.value(1)),
                     qPrintable(f.fileName() + " lacks " + parts.value(1)));
        }
    }

    // docs/cli.md and --help come from the same table: the committed file must match the generator.
    void docsCliMatchesHelp() {
        QProcess p;
        p.start(QStringLiteral(SONDE_CLI), {"help", "--markdown"});
        QVERIFY(p.waitForFinished(10000));
        QFile doc(QStringLiteral(SONDE_SOURCE_DIR "/docs/cli.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        QVERIFY2(doc.readAll() == p.readAllStandardOutput(),
                 "docs/cli.md is out of date: regenerate it with sonde-cli help --markdown > docs/cli.md");
    }

    void cleanupTestCase() { server_.stop(); }
};

QTEST_GUILESS_MAIN(TestCliGolden)
#include "test_cli_golden.moc"
