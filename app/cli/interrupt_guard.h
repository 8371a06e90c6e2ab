#pragma once
// InterruptGuard: Ctrl+C / SIGTERM stop a long job cleanly so its reports are still written.
// SIGINT and SIGTERM are blocked in every thread (threads started later, like the engine's, inherit the
// mask) and one thread waits for them with sigwait and calls the job's cancel: no work inside a signal
// handler. A second Ctrl+C quits at once (exit 130) without reports. Construct it before any thread.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <iostream>
#include <string>
#include <thread>

namespace sonde::cli {

class InterruptGuard {
public:
    InterruptGuard() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        sigaddset(&set_, SIGUSR1);  // internal: stop waiting
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    }
    // `what` names the job in the message ("run", "scan"); `cancel` is called on the waiting thread.
    void start(std::string what, std::function<void()> cancel) {
        thread_ = std::thread([this, what = std::move(what), cancel = std::move(cancel)] {
            int sig = 0;
            while (sigwait(&set_, &sig) == 0) {
                if (sig == SIGUSR1) return;
                if (interrupted_) _exit(130);
                interrupted_ = true;
                std::cerr << "\nsonde-cli: interrupted: stopping the " << what
                          << " and writing the reports (Ctrl+C again to quit at once)\n";
                cancel();
            }
        });
    }
    ~InterruptGuard() {
        if (thread_.joinable()) {
            pthread_kill(thread_.native_handle(), SIGUSR1);
            thread_.join();
        }
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
    bool interrupted() const { return interrupted_; }

private:
    sigset_t set_{};
    std::thread thread_;
    std::atomic<bool> interrupted_{false};
};

}  // namespace sonde::cli
