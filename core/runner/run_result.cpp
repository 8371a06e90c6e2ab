#include "core/runner/run_result.h"

#include <chrono>
#include <ctime>

namespace sonde {

const char* toString(RequestStatus s) {
    switch (s) {
    case RequestStatus::Passed: return "passed";
    case RequestStatus::Failed: return "failed";
    case RequestStatus::Error: return "error";
    case RequestStatus::Cancelled: return "cancelled";
    }
    return "?";
}

const char* toString(RunEnd e) {
    switch (e) {
    case RunEnd::Completed: return "completed";
    case RunEnd::Bailed: return "bailed";
    case RunEnd::Cancelled: return "cancelled";
    case RunEnd::DeadlineExceeded: return "deadline-exceeded";
    }
    return "?";
}

int RequestResult::failedAssertions() const {
    int n = 0;
    for (const auto& a : assertions) n += a.passed ? 0 : 1;
    return n;
}

bool IterationResult::passed() const {
    for (const auto& r : requests)
        if (r.status != RequestStatus::Passed) return false;
    return true;
}

std::string isoNowUtc() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t t = system_clock::to_time_t(now);
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
    return out;
}

}  // namespace sonde
