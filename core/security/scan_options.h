#pragma once
// ScanOptions, ScanTarget, ScanResult and the progress observer of the Scanner.
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/request.h"
#include "core/security/finding.h"

namespace sonde {

struct ScanOptions {
    std::vector<std::string> checks;         // ids or families to run; empty: every non-opt-in check
    std::vector<std::string> excludeChecks;  // ids or families to skip
    double rps = 0;                          // requests per second cap (0: no cap)
    int requestBudget = 20000;               // total requests for the scan (0: unlimited)
    long checkTimeoutMs = 60000;             // wall-time cap of one check on one target
    long requestTimeoutMs = 15000;           // deadline of one probe
    bool allowUnsafe = false;                // allow probes on DELETE/PUT/PATCH requests
    std::vector<std::string> headers;        // header names to use as insertion points
    std::vector<std::string> secrets;        // values to redact from reports
    std::uint64_t seed = 0;                  // 0: random per scan (canaries differ each scan)
    double timeDelaySeconds = 1.0;           // time-based probes: first delay (second = twice this)
    long long sqliteHeavyUnits = 20000000;   // time-based SQLite: RANDOMBLOB size per delay level
    int baselineSamples = 5;                 // timing baseline samples per target
    int burstSize = 30;                      // rate-limit check burst (opt-in check)
};

struct ScanTarget {
    RequestSpec request;       // variables already resolved
    std::string pathTemplate;  // optional: overrides the path template derived from the URL
    std::string sourceFile;    // optional: the file that defines the request (collection directory)
    int sourceLine = 0;
};

struct ScanResult {
    std::vector<Finding> findings;
    bool cancelled = false;
    bool budgetExhausted = false;
    int requestsSent = 0;
    int checksRun = 0;
    double durationMs = 0;
    std::vector<std::string> warnings;  // per target/check problems (unreachable, timed out...)
};

class ScanObserver {
public:
    virtual ~ScanObserver() = default;
    // Called on the scanning thread; copy what you need.
    virtual void onCheckStarted(const std::string& /*checkId*/, const ScanTarget& /*target*/, int /*step*/, int /*steps*/) {}
    virtual void onFinding(const Finding& /*finding*/) {}
    virtual void onRequestSent(int /*requestsSent*/) {}
    virtual void onWarning(const std::string& /*message*/) {}
};

}  // namespace sonde
