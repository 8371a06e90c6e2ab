#pragma once
// ScanWorker: runs a sonde::Scanner on its own thread (with its own Engine, so probes never share the
// GUI's cookie jar) and bridges the scanner's observer to queued signals carrying copies. cancel() is
// safe at any time; "cancelled" comes back in the ScanResult, with the findings confirmed so far.
// The destructor cancels and joins. Never BlockingQueuedConnection: the scan thread never waits on
// the UI thread.
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/security/finding.h"
#include "core/security/scan_options.h"

namespace sonde {
class Engine;
class Scanner;
}  // namespace sonde

namespace sonde::ui {

using ScanResultPtr = std::shared_ptr<const ScanResult>;

class ScanWorker : public QObject {
    Q_OBJECT
public:
    explicit ScanWorker(QObject* parent = nullptr);
    ~ScanWorker() override;

    // Starts a scan; false when one is already running. Targets must have their variables resolved.
    bool start(std::vector<ScanTarget> targets, ScanOptions options);
    void cancel();
    bool isRunning() const { return running_; }

signals:
    void checkStarted(const QString& checkId, const QString& url, int step, int steps);
    void findingFound(const sonde::Finding& finding);
    void requestsSent(int count);
    void warning(const QString& message);
    void finished(sonde::ui::ScanResultPtr result);

private:
    class Bridge;
    void join();

    std::thread thread_;
    std::mutex mutex_;                  // guards scanner_
    std::shared_ptr<Scanner> scanner_;  // set while a scan runs
    std::atomic<bool> cancelRequested_{false};
    bool running_ = false;
};

}  // namespace sonde::ui

Q_DECLARE_METATYPE(sonde::Finding)
Q_DECLARE_METATYPE(sonde::ui::ScanResultPtr)
