#pragma once
// JunitReporter: --reporter junit=FILE. The JUnit XML subset GitLab, Jenkins and GitHub readers use
// (shared/reference/formats-and-conventions.md §2.2): a testsuite per folder, a testcase per request
// (per iteration), a <failure> per failed assertion, an <error> for a transport error, times in seconds.
#include <string>

#include "core/runner/reporter.h"

namespace sonde {

class JunitReporter : public Reporter {
public:
    explicit JunitReporter(std::string path, std::string hostname = {});
    void runDone(const RunResult& run) override;

    // The XML text for a run (what runDone writes).
    static std::string render(const RunResult& run, const std::string& hostname);

private:
    std::string path_;
    std::string hostname_;
};

// XML 1.0 text/attribute escaping; drops the control bytes XML 1.0 forbids.
std::string xmlEscape(const std::string& s);

}  // namespace sonde
