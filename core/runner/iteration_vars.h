#pragma once
// IterationVars: the variables one iteration sees, layered (lowest first): collection, environment,
// data row, --var overrides, then values captured during the iteration. Wraps core/vars for the
// Runner: resolving {{names}}, setting captures, and redacting secrets out of what reports show.
#include <memory>
#include <string>

#include "core/model/collection.h"
#include "core/model/response.h"
#include "core/runner/data_file.h"
#include "core/runner/run_options.h"
#include "core/runner/run_result.h"

namespace sonde {

class IterationVars {
public:
    IterationVars(const Collection& collection, const RunOptions& options, const DataRow* row);
    ~IterationVars();
    IterationVars(const IterationVars&) = delete;
    IterationVars& operator=(const IterationVars&) = delete;

    // The request with every {{variable}} resolved (URL, params, headers, body, auth). An undefined
    // variable is an Error naming it.
    Result<RequestSpec> resolve(const RequestSpec& request) const;
    void setRuntime(const std::string& name, const std::string& value);

    // Secrets replaced in text / in a whole exchange (URL, headers, bodies) and in a result's captures.
    std::string redact(const std::string& text) const;
    void redact(Exchange& exchange) const;
    bool isSecret(const std::string& name) const;

    // Captures applied first (each captured variable is set for this request's assertions and the
    // next requests), then the assertions evaluated (expected values may hold {{variables}}). A
    // capture that finds nothing is a failed outcome named "capture NAME".
    struct Checked {
        std::vector<AssertionOutcome> assertions;
        std::vector<Variable> captured;
    };
    Checked evaluate(const RequestSpec& request, const Exchange& exchange);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

}  // namespace sonde
