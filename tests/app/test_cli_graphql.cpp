// sonde-cli graphql against the real GraphQL fixture (graphql-js + graphql-http on node).
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/core/graphql/graphql_fixture.h"

class TestCliGraphql : public QObject {
    Q_OBJECT
    sonde::test::GraphqlFixture server_;
    QTemporaryDir tmp_;

    struct Run {
        int exit;
        QString out, err;
    };
    static Run cli(const QStringList& args) {
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("NO_COLOR", "1");
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SONDE_CLI), args);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000)) return {-1, {}, "timeout"};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QString url() const { return QString::fromStdString(server_.url()); }
    QString write(const QString& name, const QByteArray& text) {
        QFile f(tmp_.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return f.fileName();
    }

private slots:
    void initTestCase() {
        const QString problem = server_.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void operation_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exit");
        QTest::addColumn<QString>("stdoutHas");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("query") << QStringList{"--query", "{ hello(name: \"Ada\") }"} << 0 << "\"hello\": \"Hello, Ada!\"" << "";
        QTest::newRow("variables") << QStringList{"--query", "query($n: String){ hello(name: $n) }", "--variables", "{\"n\":\"Bo\"}"}
                                   << 0 << "Hello, Bo!" << "";
        QTest::newRow("GET") << QStringList{"--get", "--query", "{ hello }"} << 0 << "Hello, world!" << "";
        QTest::newRow("operation name") << QStringList{"--query", "query A { hello } query B { oldHello }", "--operation", "A"}
                                        << 0 << "\"hello\"" << "";
        QTest::newRow("errors exit 1") << QStringList{"--query", "{ items { id name } }"} << 1 << "\"errors\""
                                       << "graphql error: Item i2 has no name. (path items.1.name)";
        QTest::newRow("bad variables") << QStringList{"--query", "{ hello }", "--variables", "[1]"} << 2 << "" << "";
        QTest::newRow("no query") << QStringList{} << 2 << "" << "Give exactly one of --query and --query-file";
    }
    void operation() {
        QFETCH(QStringList, extra);
        QFETCH(int, exit);
        QFETCH(QString, stdoutHas);
        QFETCH(QString, stderrHas);
        Run r = cli(QStringList{"graphql", url()} + extra);
        QVERIFY2(r.exit == exit, qPrintable(QString("exit %1\n%2\n%3").arg(r.exit).arg(r.out, r.err)));
        QVERIFY2(r.out.contains(stdoutHas), qPrintable(r.out));
        QVERIFY2(r.err.contains(stderrHas), qPrintable(r.err));
    }

    void schemaAsSdl() {
        Run r = cli({"graphql", "schema", url()});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("type Query {"));
        QVERIFY(r.out.contains("union SearchResult = User | Post"));
        QVERIFY(r.out.contains("legacyName: String @deprecated(reason: \"Use `name`.\")"));
    }

    void validate() {
        const QString schema = QStringLiteral(SONDE_TEST_FIXTURES_DIR "/graphql-server/schema.graphql");
        QString bad = write("bad.graphql", "query Q($id: ID!) {\n  user(id: $id) { nme }\n}\n");
        Run r = cli({"graphql", "validate", "--schema", schema, bad});
        QCOMPARE(r.exit, 1);
        QVERIFY2(r.out.contains(bad + ":2:19: error: Cannot query field \"nme\" on type \"User\""), qPrintable(r.out));
        QString good = write("good.graphql", "{ user(id: \"1\") { name } }\n");
        r = cli({"graphql", "validate", "--schema", url(), good});  // schema by introspection
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("valid"));
        r = cli({"graphql", "validate", "--schema", schema, tmp_.filePath("missing.graphql")});
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains("missing.graphql"));
    }

    void introspectionDisabled() {
        sonde::test::GraphqlFixture closed;
        QString problem = closed.start(false);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        Run r = cli({"graphql", "schema", QString::fromStdString(closed.url())});
        QCOMPARE(r.exit, 2);  // the server answered: an input problem, not a transport failure
        QVERIFY2(r.err.contains("SDL"), qPrintable(r.err));  // the fix offers an SDL file
    }
};

QTEST_GUILESS_MAIN(TestCliGraphql)
#include "test_cli_graphql.moc"
