#include "ui/security/scan_worker.h"

#include <QMetaObject>
#include <QPointer>

#include "core/http/engine.h"
#include "core/security/scanner.h"

namespace sonde::ui {

// Runs on the scan thread: copies each event and posts it to the worker's (UI) thread.
class ScanWorker::Bridge : public ScanObserver {
public:
    explicit Bridge(ScanWorker* worker) : worker_(worker) {}
    void onCheckStarted(const std::string& checkId, const ScanTarget& target, int step, int steps) override {
        post([w = worker_, id = QString::fromStdString(checkId), url = QString::fromStdString(target.request.url), step,
              steps] { emit w->checkStarted(id, url, step, steps); });
    }
    void onFinding(const Finding& finding) override {
        post([w = worker_, f = finding] { emit w->findingFound(f); });
    }
    void onRequestSent(int requestsSent) override {
        // Coalesce: one pending update at a time is enough for a counter.
        if (counterPending_.exchange(true)) return;
        post([this, w = worker_, n = requestsSent] {
            counterPending_ = false;
            emit w->requestsSent(n);
        });
    }
    void onWarning(const std::string& message) override {
        post([w = worker_, m = QString::fromStdString(message)] { emit w->warning(m); });
    }

private:
    template <typename F>
    void post(F&& f) {
        QMetaObject::invokeMethod(worker_, std::forward<F>(f), Qt::QueuedConnection);
    }
    ScanWorker* worker_;
    std::atomic<bool> counterPending_{false};
};

ScanWorker::ScanWorker(QObject* parent) : QObject(parent) {
    qRegisterMetaType<sonde::Finding>();
    qRegisterMetaType<sonde::ui::ScanResultPtr>();
}

ScanWorker::~ScanWorker() {
    cancel();
    join();
}

void ScanWorker::join() {
    if (thread_.joinable()) thread_.join();
}

bool ScanWorker::start(std::vector<ScanTarget> targets, ScanOptions options) {
    if (running_) return false;
    join();  // a finished scan's thread
    running_ = true;
    cancelRequested_ = false;
    thread_ = std::thread([this, targets = std::move(targets), options = std::move(options)]() mutable {
        EngineOptions eo;
        eo.cookies = false;  // each probe carries the request's own Cookie header
        Engine engine(eo);
        auto scanner = std::make_shared<Scanner>(engine, options);
        {
            std::lock_guard lock(mutex_);
            scanner_ = scanner;
        }
        if (cancelRequested_) scanner->cancel();
        // The bridge is owned by this lambda's stack; its queued events hold only the worker pointer
        // (alive until join()) and copies, except the request counter which touches the bridge's flag.
        auto bridge = std::make_shared<Bridge>(this);
        auto result = std::make_shared<ScanResult>(scanner->run(targets, bridge.get()));
        {
            std::lock_guard lock(mutex_);
            scanner_.reset();
        }
        QMetaObject::invokeMethod(
            this,
            [this, result, bridge] {  // keeps the bridge alive until every earlier event was delivered
                running_ = false;
                emit finished(result);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void ScanWorker::cancel() {
    cancelRequested_ = true;
    std::lock_guard lock(mutex_);
    if (scanner_) scanner_->cancel();
}

}  // namespace sonde::ui
