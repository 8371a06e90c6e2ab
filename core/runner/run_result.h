#pragma once
// What a run produces: one RequestResult per request per iteration, grouped into iterations, with
// totals. Everything here is already redacted (secrets replaced) by the Runner, so observers and
// reporters can write it as it is.
#include <optional>
#include <string>
#include <vector>

#include "core/model/assertion.h"
#include "core/model/collection.h"
#include "core/model/response.h"

namespace sonde {

// One assertion, evaluated.
struct AssertionOutcome {
    Assertion assertion;
    std::string description;  // "status equals 200", "$.id exists"
    bool passed = false;
    std::string expected;
    std::string actual;
    std::string message;      // why it failed (or an evaluation error such as a bad JSONPath)
};

enum class RequestStatus { Passed, Failed, Error, Cancelled };
const char* toString(RequestStatus s);

struct RequestResult {
    int iteration = 0;          // 0-based
    int index = 0;              // position of the request in the run plan
    std::string folder;         // folder path, "Users/Admin"; empty for the collection root
    std::string name;
    std::string requestId;
    std::string file;           // where the request is defined (see RunOptions::sourceFile), may be empty
    std::string method;         // as sent (variables resolved)
    std::string url;            // as sent, redacted
    RequestStatus status = RequestStatus::Passed;
    int responseStatus = 0;            // the HTTP status (0 when no response arrived)
    std::optional<Exchange> exchange;  // redacted; in the RunResult only for failed requests, body cut
    std::optional<Error> error;        // transport error (refused, timeout, cancelled, ...)
    std::vector<AssertionOutcome> assertions;
    std::vector<Variable> captured;    // variables set by captures (secret ones redacted)
    double durationMs = 0;             // total time of the exchange (0 when none arrived)
    std::string startedAt;             // ISO 8601 UTC

    int failedAssertions() const;
};

struct IterationResult {
    int iteration = 0;
    std::vector<Variable> data;  // the data-file row (empty without -d)
    std::vector<RequestResult> requests;
    bool passed() const;
};

struct RunStats {
    int iterations = 0;
    int requests = 0;           // requests that were sent (or tried)
    int requestsFailed = 0;     // Failed + Error
    int transportErrors = 0;    // Error
    int assertions = 0;
    int assertionsFailed = 0;
    double totalMs = 0;         // wall time of the run
    double responseMinMs = 0, responseMaxMs = 0, responseAvgMs = 0;
};

enum class RunEnd { Completed, Bailed, Cancelled, DeadlineExceeded };
const char* toString(RunEnd e);

struct RunResult {
    std::string collectionName;
    std::string environmentName;
    std::string startedAt;   // ISO 8601 UTC
    RunEnd end = RunEnd::Completed;
    std::vector<IterationResult> iterations;  // in iteration order, requests in plan order
    RunStats stats;

    bool passed() const { return end == RunEnd::Completed && stats.requestsFailed == 0; }
};

// The plan a run follows, announced when it starts.
struct PlannedRequest {
    std::string folder;
    std::string name;
    std::string requestId;
};
struct RunPlan {
    std::string collectionName;
    std::string environmentName;
    int iterations = 1;
    int parallel = 1;
    std::vector<PlannedRequest> requests;
};

// Events of a run. The Runner calls these one at a time (never concurrently), in a stable order:
// requests of iteration 0 in plan order, iteration 0 done, then iteration 1, ... even with --parallel.
class RunObserver {
public:
    virtual ~RunObserver() = default;
    virtual void runStarted(const RunPlan&) {}
    virtual void requestDone(const RequestResult&) {}
    virtual void iterationDone(const IterationResult&) {}
    virtual void runDone(const RunResult&) {}
};

std::string isoNowUtc();

}  // namespace sonde
