#pragma once
// JsonReporter: --reporter json=FILE. Sonde's own versioned schema ("format": "sonde-report",
// "version": 1) with newman-shaped "run.stats" and "run.failures", and every exchange (request as
// sent, response, timings, assertions, captures) in "executions". Exchanges stream to the file as
// they finish, so a long run does not hold every body in memory.
#include <cstdio>
#include <string>

#include "core/runner/reporter.h"

namespace sonde {

class JsonReporter : public Reporter {
public:
    explicit JsonReporter(std::string path);
    ~JsonReporter() override;

    void runStarted(const RunPlan& plan) override;
    void requestDone(const RequestResult& result) override;
    void runDone(const RunResult& run) override;

    // The same document for a finished run, from its RunResult (bodies as the RunResult kept them):
    // what the store records.
    static std::string render(const RunResult& run);

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    bool first_ = true;
};

}  // namespace sonde
