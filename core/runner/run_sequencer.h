#pragma once
// Private to core/runner: RunSequencer emits a run's events in (iteration, request) order whatever
// order iterations finish in, and collects the RunResult.
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "core/runner/run_result.h"

namespace sonde {

// The copy kept in the RunResult (a run of 10,000 iterations keeps 10,000 of them): passed requests
// keep their status and timing but not the exchange; failed ones keep it with the body cut.
inline RequestResult slim(const RequestResult& r, std::size_t keepBodyBytes) {
    RequestResult s;
    s.iteration = r.iteration;
    s.index = r.index;
    s.folder = r.folder;
    s.name = r.name;
    s.requestId = r.requestId;
    s.file = r.file;
    s.method = r.method;
    s.url = r.url;
    s.status = r.status;
    s.responseStatus = r.responseStatus;
    s.error = r.error;
    s.assertions = r.assertions;
    s.captured = r.captured;
    s.durationMs = r.durationMs;
    s.startedAt = r.startedAt;
    if (r.status != RequestStatus::Passed && r.exchange) {
        s.exchange = r.exchange;
        if (s.exchange->response.body.size() > keepBodyBytes) {
            s.exchange->response.body.resize(keepBodyBytes);
            s.exchange->response.body.shrink_to_fit();
        }
    }
    return s;
}

// Emits events in (iteration, request) order whatever order iterations finish in, and collects
// the RunResult. All observer calls happen under its mutex, so observers are never called at once.
class RunSequencer {
public:
    RunSequencer(const std::vector<RunObserver*>& observers, std::size_t keepBodyBytes, int iterations)
        : observers_(observers), keepBodyBytes_(keepBodyBytes), results_(iterations) {}

    void requestDone(RequestResult r) {
        std::lock_guard lock(mutex_);
        if (r.iteration == next_) return emit(std::move(r));
        pending_[r.iteration].push_back(std::move(r));
    }

    void iterationDone(int iteration, const DataRow* row) {
        std::lock_guard lock(mutex_);
        results_[iteration].iteration = iteration;
        if (row) results_[iteration].data = *row;
        finished_.insert(iteration);
        while (finished_.erase(next_)) {
            for (const auto& o : observers_) o->iterationDone(results_[next_]);
            ++completed_;
            ++next_;
            auto it = pending_.find(next_);
            if (it != pending_.end()) {
                for (auto& r : it->second) emit(std::move(r));
                pending_.erase(it);
            }
        }
    }

    std::vector<IterationResult> take() {
        std::lock_guard lock(mutex_);
        results_.resize(completed_);  // iterations never started are not part of the result
        // nor are those that a stop reached before their first request
        while (!results_.empty() && results_.back().requests.empty()) results_.pop_back();
        return std::move(results_);
    }

private:
    void emit(RequestResult r) {
        for (const auto& o : observers_) o->requestDone(r);
        results_[r.iteration].requests.push_back(slim(r, keepBodyBytes_));
    }

    std::mutex mutex_;
    const std::vector<RunObserver*>& observers_;
    std::size_t keepBodyBytes_;
    std::vector<IterationResult> results_;
    std::map<int, std::vector<RequestResult>> pending_;
    std::set<int> finished_;
    int next_ = 0, completed_ = 0;
};

}  // namespace sonde
