#pragma once
// Starts the real sonde-demo-api on a free loopback port (--port 0) for the runner tests and stops
// it with SIGTERM. SONDE_DEMO_API is the built executable's path (a compile definition).
#include <QProcess>
#include <QString>

class DemoApiProcess {
public:
    ~DemoApiProcess() { stop(); }
    bool start() {
        process_.setProgram(QStringLiteral(SONDE_DEMO_API));
        process_.setArguments({"--port", "0"});
        process_.start();
        if (!process_.waitForStarted(10000)) return false;
        while (!process_.canReadLine())
            if (!process_.waitForReadyRead(10000)) return false;
        const QString line = QString::fromUtf8(process_.readLine()).trimmed();
        if (!line.startsWith("LISTENING ")) return false;
        port_ = line.mid(10).toInt();
        return port_ > 0;
    }
    void stop() {
        if (process_.state() == QProcess::NotRunning) return;
        process_.terminate();  // SIGTERM: the demo API stops cleanly
        if (!process_.waitForFinished(5000)) process_.kill();
        process_.waitForFinished(1000);
    }
    int port() const { return port_; }
    std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int exitCode() const { return process_.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return process_.exitStatus(); }

private:
    QProcess process_;
    int port_ = 0;
};
