#include "core/runner/reporter.h"

#include <cmath>

#include <cstdio>

namespace sonde {

std::string describeRequest(const RequestResult& r) {
    std::string d = r.folder.empty() ? r.name : r.folder + "/" + r.name;
    return d;
}

std::string formatMs(double ms) {
    // "%.2f s", "%.0f ms" or "%.1f ms", without printf's floating-point machinery (one per request line).
    auto fixed = [](double v, int decimals) {
        long long scale = decimals == 2 ? 100 : decimals == 1 ? 10 : 1;
        long long n = std::llround(v * static_cast<double>(scale));
        std::string out = n < 0 ? "-" : "";
        if (n < 0) n = -n;
        out += std::to_string(n / scale);
        if (decimals > 0) {
            std::string frac = std::to_string(n % scale);
            out += '.';
            out.append(static_cast<std::size_t>(decimals) - frac.size(), '0');
            out += frac;
        }
        return out;
    };
    if (!std::isfinite(ms)) return "- ms";
    if (ms >= 1000) return fixed(ms / 1000.0, 2) + " s";
    if (ms >= 10) return fixed(ms, 0) + " ms";
    return fixed(ms, 1) + " ms";
}

std::string failureText(const AssertionOutcome& a) {
    std::string t = "expected " + (a.expected.empty() ? std::string("(nothing)") : a.expected) + ", actual " +
                    (a.actual.empty() ? std::string("(nothing)") : a.actual);
    if (!a.message.empty()) t += " (" + a.message + ")";
    return t;
}

}  // namespace sonde
