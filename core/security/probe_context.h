#pragma once
// ProbeContext: what a check sees of one target. It sends probes through the Engine while enforcing
// scope (hosts of the scanned requests), the request budget, the rate limit, the per-check deadline,
// read-only mode and cancellation; it keeps the baseline exchanges, hands out random canaries and
// collects findings.
#include <atomic>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/model/response.h"
#include "core/security/finding.h"
#include "core/security/insertion_point.h"
#include "core/security/scan_options.h"

namespace sonde {

class Engine;

// Shared state of one scan (owned by the Scanner).
struct ScanSession {
    Engine* engine = nullptr;
    ScanOptions options;
    std::set<std::string> scopeHosts;  // lower-case host names
    std::atomic<bool>* cancelled = nullptr;
    int requestsSent = 0;
    bool budgetExhausted = false;
    double nextSendAt = 0;  // rate limiter (steady clock, ms)
    std::mt19937_64 rng;
    ScanObserver* observer = nullptr;
    std::atomic<std::uint64_t>* inFlight = nullptr;  // lets cancel() reach the in-flight exchange (0: none)
};

struct TimingBaseline {
    double median = 0, mad = 0, max = 0;  // ms
    bool ok = false;
};

class ProbeContext {
public:
    ProbeContext(ScanSession& session, const ScanTarget& target, const CheckInfo& check);

    const ScanTarget& target() const { return target_; }
    const RequestSpec& request() const { return target_.request; }
    const ScanOptions& options() const { return session_.options; }
    const CheckInfo& check() const { return check_; }

    // Sends a probe (redirects are never followed: checks see the raw answer). Errors with codes
    // "out-of-scope", "budget", "deadline", "cancelled", "unsafe" when the context refuses to send.
    ExchangeResult send(RequestSpec request);
    // True when no more probes may be sent (cancelled, budget, deadline).
    bool stopped() const;

    // The untouched request, sent once per context and cached (nullptr if it failed).
    const Exchange* baseline();
    // A second untouched exchange (for stability and passive confirmation).
    const Exchange* baseline2();
    // Median/MAD of several timed baseline samples (cached per target).
    TimingBaseline timingBaseline();
    // Total time of one exchange (ms): min of `repeats` sends, or -1 when sending failed.
    double timeOf(const RequestSpec& request, int repeats, Exchange* last = nullptr);

    std::vector<InsertionPoint> insertionPoints() const;

    std::string canary(int length = 8);  // lower-case letters and digits, starts with a letter
    int randomInt(int lo, int hi);

    Finding finding() const;  // pre-filled with the check and target
    void report(Finding f);
    const std::vector<Finding>& findings() const { return findings_; }

private:
    ScanSession& session_;
    const ScanTarget& target_;
    const CheckInfo& check_;
    double deadline_ = 0;
    bool baselineTried_ = false, baseline2Tried_ = false;
    std::optional<Exchange> baseline_, baseline2_;
    std::optional<TimingBaseline> timing_;
    std::vector<Finding> findings_;
};

// Similarity of two responses in [0,1]: 0 when statuses differ, else a token multiset (Dice) ratio of
// the bodies. Used by differential checks (boolean SQLi, NoSQL, auth, JWT).
double responseSimilarity(const Response& a, const Response& b);
bool isSuccess(const Response& r);
std::string lower(std::string s);
bool containsI(const std::string& haystack, const std::string& needle);

}  // namespace sonde
