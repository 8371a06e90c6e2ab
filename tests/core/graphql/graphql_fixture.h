#pragma once
// Starts tests/fixtures/graphql-server (node server.mjs) on a free loopback port for a test and stops
// it afterwards. A missing node or node_modules is an error with the command that fixes it, so the
// test FAILS (never skips) on a machine that lacks them.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>

#include <string>

namespace sonde::test {

class GraphqlFixture {
public:
    ~GraphqlFixture() { stop(); }

    static QString dir() { return QStringLiteral(SONDE_TEST_FIXTURES_DIR "/graphql-server"); }
    static QString node() { return QStandardPaths::findExecutable(QStringLiteral("node")); }

    // "" when node and the fixture's npm packages are there, else what is missing and how to fix it.
    static QString missing() {
        if (node().isEmpty())
            return "node is not installed: the GraphQL tests need Node.js 20+ (Debian: apt-get install nodejs npm)";
        if (!QFileInfo::exists(dir() + "/node_modules/graphql/package.json") ||
            !QFileInfo::exists(dir() + "/node_modules/graphql-http/package.json"))
            return "the GraphQL fixture's npm packages are missing: run `npm ci --prefix tests/fixtures/graphql-server`";
        return {};
    }

    // Returns "" on success, else what went wrong and how to fix it.
    QString start(bool introspection = true) {
        if (QString m = missing(); !m.isEmpty()) return m;
        QStringList args{QStringLiteral("server.mjs"), QStringLiteral("0"), QStringLiteral("--exit-on-stdin-close")};
        if (!introspection) args << QStringLiteral("--no-introspection");
        proc_.setWorkingDirectory(dir());
        proc_.setProcessChannelMode(QProcess::SeparateChannels);
        proc_.start(node(), args);
        if (!proc_.waitForStarted(10000)) return "cannot start node: " + proc_.errorString();
        QByteArray out;
        for (int i = 0; i < 300 && !out.contains('\n'); ++i) {
            if (!proc_.waitForReadyRead(100) && proc_.state() != QProcess::Running) break;
            out += proc_.readAllStandardOutput();
        }
        if (!out.startsWith("LISTENING "))
            return "the GraphQL fixture did not start: " + QString::fromUtf8(out) +
                   QString::fromUtf8(proc_.readAllStandardError());
        port_ = out.mid(10).trimmed().toInt();
        return port_ > 0 ? QString() : QStringLiteral("bad LISTENING line");
    }

    void stop() {
        if (proc_.state() == QProcess::NotRunning) return;
        proc_.terminate();
        if (!proc_.waitForFinished(5000)) {
            proc_.kill();
            proc_.waitForFinished(2000);
        }
    }

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/graphql"; }

private:
    QProcess proc_;
    int port_ = 0;
};

}  // namespace sonde::test
