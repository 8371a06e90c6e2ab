#pragma once
// Starts tests/fixtures/vuln-api (sonde-vuln-api --port 0) with QProcess and reads its LISTENING line.
#include <QProcess>
#include <QString>

#include <string>

class VulnApiProcess {
public:
    bool start() {
        process_.setProgram(QStringLiteral(SONDE_BINARY_DIR "/tests/fixtures/vuln-api/sonde-vuln-api"));
        process_.setArguments({QStringLiteral("--port"), QStringLiteral("0")});
        process_.setProcessChannelMode(QProcess::SeparateChannels);
        process_.start();
        if (!process_.waitForStarted(5000)) return false;
        while (process_.waitForReadyRead(5000) || process_.canReadLine()) {
            const QByteArray line = process_.readLine().trimmed();
            if (line.startsWith("LISTENING ")) {
                port_ = line.mid(10).toInt();
                return port_ > 0;
            }
        }
        return false;
    }
    ~VulnApiProcess() {
        if (process_.state() != QProcess::NotRunning) {
            process_.terminate();
            if (!process_.waitForFinished(3000)) process_.kill();
            process_.waitForFinished(1000);
        }
    }
    std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    QProcess process_;
    int port_ = 0;
};
