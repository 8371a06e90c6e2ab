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
    // The date and time part changes once a second: each thread formats it once per second.
    thread_local std::time_t lastSecond = -1;
    thread_local char secondText[40] = {};
    if (t != lastSecond) {
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::strftime(secondText, sizeof secondText, "%Y-%m-%dT%H:%M:%S", &tm);
        lastSecond = t;
    }
    std::string out(secondText);
    const int m = static_cast<int>(ms < 0 ? 0 : ms);
    out += '.';
    out += static_cast<char>('0' + m / 100);
    out += static_cast<char>('0' + m / 10 % 10);
    out += static_cast<char>('0' + m % 10);
    out += 'Z';
    return out;
}

}  // namespace sonde
