#pragma once
// Starts tests/fixtures/vuln-api (sonde-vuln-api --port 0 [--tls CERT KEY]) with QProcess and reads its
// "TLS legacy=.. modern=.. redirect=.." and LISTENING lines.
#include <QProcess>
#include <QString>

#include <string>

class VulnApiProcess {
public:
    bool start(const QStringList& extraArgs = {}) {
        process_.setProgram(QStringLiteral(SONDE_BINARY_DIR "/tests/fixtures/vuln-api/sonde-vuln-api"));
        process_.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0")} + extraArgs);
        process_.setProcessChannelMode(QProcess::SeparateChannels);
        process_.start();
        if (!process_.waitForStarted(5000)) return false;
        while (process_.waitForReadyRead(5000) || process_.canReadLine()) {
            const QByteArray line = process_.readLine().trimmed();
            if (line.startsWith("TLS ")) {
                for (const QByteArray& kv : line.mid(4).split(' ')) {
                    const auto parts = kv.split('=');
                    const int p = parts.value(1).toInt();
                    if (parts[0] == "legacy") legacyTlsPort_ = p;
                    else if (parts[0] == "modern") modernTlsPort_ = p;
                    else if (parts[0] == "redirect") redirectPort_ = p;
                }
            }
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
    int port() const { return port_; }
    int legacyTlsPort() const { return legacyTlsPort_; }  // accepts TLS 1.0/1.1
    int modernTlsPort() const { return modernTlsPort_; }  // TLS 1.2+ only
    int redirectPort() const { return redirectPort_; }    // plain HTTP, 301 to https for everything

private:
    QProcess process_;
    int port_ = 0, legacyTlsPort_ = 0, modernTlsPort_ = 0, redirectPort_ = 0;
};
