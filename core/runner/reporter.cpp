#include "core/runner/reporter.h"

#include <cstdio>

namespace sonde {

std::string describeRequest(const RequestResult& r) {
    std::string d = r.folder.empty() ? r.name : r.folder + "/" + r.name;
    return d;
}

std::string formatMs(double ms) {
    char buf[32];
    if (ms >= 1000)
        std::snprintf(buf, sizeof buf, "%.2f s", ms / 1000.0);
    else if (ms >= 10)
        std::snprintf(buf, sizeof buf, "%.0f ms", ms);
    else
        std::snprintf(buf, sizeof buf, "%.1f ms", ms);
    return buf;
}

std::string failureText(const AssertionOutcome& a) {
    std::string t = "expected " + (a.expected.empty() ? std::string("(nothing)") : a.expected) + ", actual " +
                    (a.actual.empty() ? std::string("(nothing)") : a.actual);
    if (!a.message.empty()) t += " (" + a.message + ")";
    return t;
}

}  // namespace sonde
