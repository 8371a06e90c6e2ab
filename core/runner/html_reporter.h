#pragma once
// HtmlReporter: --reporter html=FILE. One self-contained page (inline CSS, no script, no external
// src/href): the summary, the failures first with expected vs actual, then every request with its
// status, time and a timing bar.
#include <string>

#include "core/runner/reporter.h"

namespace sonde {

class HtmlReporter : public Reporter {
public:
    explicit HtmlReporter(std::string path);
    void runDone(const RunResult& run) override;
    static std::string render(const RunResult& run);

private:
    std::string path_;
};

std::string htmlEscape(const std::string& s);

}  // namespace sonde
