#pragma once
// Helpers shared by the check family files (internal to core/security).
#include <functional>
#include <string>
#include <vector>

#include "core/security/check.h"
#include "core/security/probe_context.h"

namespace sonde {

// A check defined by its info and a function.
class FnCheck : public Check {
public:
    using Fn = std::function<void(ProbeContext&)>;
    FnCheck(CheckInfo info, Fn fn) : info_(std::move(info)), fn_(std::move(fn)) {}
    const CheckInfo& info() const override { return info_; }
    void run(ProbeContext& ctx) override { fn_(ctx); }

private:
    CheckInfo info_;
    Fn fn_;
};

inline void addCheck(std::vector<std::unique_ptr<Check>>& out, CheckInfo info, FnCheck::Fn fn) {
    out.push_back(std::make_unique<FnCheck>(std::move(info), std::move(fn)));
}

// OWASP API Security Top 10 2023 labels.
inline const char* kOwaspInjection = "Injection (not in API Top 10 2023; ZAP maps to API10:2023 Unsafe Consumption of APIs)";
inline const char* kOwaspApi2 = "API2:2023 Broken Authentication";
inline const char* kOwaspApi4 = "API4:2023 Unrestricted Resource Consumption";
inline const char* kOwaspApi8 = "API8:2023 Security Misconfiguration";

// Sends `request` and returns the exchange, or nullptr-like empty optional when refused/failed.
std::optional<Exchange> probe(ProbeContext& ctx, const RequestSpec& request);

// Time-based judgement against the measured baseline, confirmed with a second, longer delay and a
// zero-delay control. `payloadFor(level)` builds the injected value for level 0 (control), 1 and 2.
// `expectedMs(level)` is the nominal delay (0 when unknown, e.g. heavy SQLite expressions).
struct TimingVerdict {
    bool positive = false;
    double baselineMedian = 0, baselineMad = 0, t0 = 0, t1 = 0, t2 = 0;
    std::vector<Exchange> evidence;  // control, level 1, level 2
    std::string describe() const;
};
TimingVerdict judgeTiming(ProbeContext& ctx, const InsertionPoint& point,
                          const std::function<std::string(int)>& payloadFor,
                          const std::function<double(int)>& expectedMs);

// Header value helpers.
std::string headerOr(const Response& r, const std::string& name, const std::string& fallback = {});
bool isHtml(const Response& r);

}  // namespace sonde
