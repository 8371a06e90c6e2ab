#pragma once
// ConsoleReporter: the default reporter of `sonde-cli run`. On a terminal: a live progress bar with
// failures printed above it; otherwise (CI logs): one plain line per request. At the end: a compact
// summary table and every failure with expected vs actual. Writes to the stream it is given (core
// itself never prints: the CLI hands it stdout).
#include <ostream>
#include <string>

#include "core/runner/reporter.h"

namespace sonde {

struct ConsoleOptions {
    bool tty = false;     // draw a progress bar (redrawn in place) instead of one line per request
    bool color = false;   // ANSI colours
    bool quiet = false;   // no per-request lines, only failures and the summary
};

class ConsoleReporter : public Reporter {
public:
    ConsoleReporter(std::ostream& out, ConsoleOptions options);

    void runStarted(const RunPlan& plan) override;
    void requestDone(const RequestResult& result) override;
    void iterationDone(const IterationResult& iteration) override;
    void runDone(const RunResult& run) override;

private:
    std::string paint(const std::string& text, const char* code) const;
    void drawBar();
    void clearBar();

    std::ostream& out_;
    ConsoleOptions options_;
    int total_ = 0, done_ = 0, failed_ = 0, iterations_ = 1;
    bool barShown_ = false;
    long long lastDrawMs_ = 0;  // the bar is redrawn at most every 50 ms
};

}  // namespace sonde
