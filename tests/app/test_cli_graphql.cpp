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
    // Every run uses a store in the temporary directory (never the user's), unless args give --db.
    Run cli(const QStringList& args) const {
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("NO_COLOR", "1");
        env.insert("SONDE_DB", tmp_.filePath("default-store.db"));
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

    // The schema of a URL is cached in the store: the second run works with the server stopped, and
    // --refresh fetches it again (so it fails once the server is gone).
    void schemaCache() {
        sonde::test::GraphqlFixture own;
        QString problem = own.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString endpoint = QString::fromStdString(own.url());
        const QString db = tmp_.filePath("cache.db");
        const QStringList schemaArgs{"graphql", "schema", endpoint, "--db", db};
        Run first = cli(schemaArgs);
        QVERIFY2(first.exit == 0, qPrintable(first.err));
        QVERIFY2(first.err.contains("introspected " + endpoint), qPrintable(first.err));
        QVERIFY(first.out.contains("union SearchResult = User | Post"));

        Run cached = cli(schemaArgs);
        QVERIFY2(cached.exit == 0, qPrintable(cached.err));
        QVERIFY2(cached.err.contains("the cached schema of " + endpoint), qPrintable(cached.err));
        QVERIFY(!cached.err.contains("introspected"));
        QCOMPARE(cached.out, first.out);

        Run refreshed = cli(schemaArgs + QStringList{"--refresh"});
        QVERIFY2(refreshed.exit == 0, qPrintable(refreshed.err));
        QVERIFY2(refreshed.err.contains("introspected " + endpoint), qPrintable(refreshed.err));
        QCOMPARE(refreshed.out, first.out);

        own.stop();
        Run offline = cli(schemaArgs);
        QVERIFY2(offline.exit == 0, qPrintable(offline.err));
        QCOMPARE(offline.out, first.out);
        QString good = write("cached-good.graphql", "{ user(id: \"1\") { name } }\n");
        QString bad = write("cached-bad.graphql", "{ user(id: \"1\") { nme } }\n");
        Run valid = cli({"graphql", "validate", "--schema", endpoint, "--db", db, good});
        QVERIFY2(valid.exit == 0, qPrintable(valid.out + valid.err));
        QVERIFY(valid.err.contains("the cached schema of"));
        Run invalid = cli({"graphql", "validate", "--schema", endpoint, "--db", db, bad});
        QCOMPARE(invalid.exit, 1);
        QVERIFY2(invalid.out.contains("Cannot query field \"nme\" on type \"User\""), qPrintable(invalid.out));
        // Forcing a fetch (or bypassing the cache) needs the server: a transport error now.
        QCOMPARE(cli(schemaArgs + QStringList{"--refresh"}).exit, 3);
        QCOMPARE(cli(schemaArgs + QStringList{"--no-cache"}).exit, 3);
        // Another store has no cache for it.
        QCOMPARE(cli({"graphql", "schema", endpoint, "--db", tmp_.filePath("other.db")}).exit, 3);
        // A failed refresh kept the cached schema.
        QCOMPARE(cli(schemaArgs).out, first.out);
    }

    // Each identity on one URL keeps its own cached schema (servers may show each a different one):
    // with the server stopped, the identity that introspected reads its cache, another has none.
    void schemaCachePerCredentials() {
        sonde::test::GraphqlFixture own;
        QString problem = own.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString endpoint = QString::fromStdString(own.url());
        const QString db = tmp_.filePath("credentials.db");
        const QStringList asAnn{"graphql", "schema", endpoint, "--db", db, "--bearer", "token-of-ann"};
        Run first = cli(asAnn);
        QVERIFY2(first.exit == 0, qPrintable(first.err));
        QVERIFY2(first.err.contains("introspected " + endpoint + " (credentials "), qPrintable(first.err));
        QVERIFY(!first.err.contains("token-of-ann"));
        own.stop();
        Run cached = cli(asAnn);
        QVERIFY2(cached.exit == 0, qPrintable(cached.err));
        QVERIFY2(cached.err.contains("the cached schema of " + endpoint + " (credentials "), qPrintable(cached.err));
        QCOMPARE(cached.out, first.out);
        QCOMPARE(cli({"graphql", "schema", endpoint, "--db", db, "--bearer", "token-of-bob"}).exit, 3);
        QCOMPARE(cli({"graphql", "schema", endpoint, "--db", db}).exit, 3);  // nor does no identity
        QCOMPARE(cli({"graphql", "schema", endpoint, "--db", db, "-H", "Authorization: Bearer token-of-ann"}).exit, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliGraphql)
#include "test_cli_graphql.moc"
