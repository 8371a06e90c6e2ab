#pragma once
// RunOptions: everything `sonde-cli run` (and the GUI's runner) can set, as a plain struct.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/collection.h"
#include "core/runner/data_file.h"

namespace sonde {

struct RunOptions {
    std::optional<Environment> environment;  // already chosen (by name or file) by the caller
    std::vector<Variable> vars;               // --var k=v: override the environment and the data rows
    int iterations = 1;                       // with data rows and iterations <= 1: one per row
    std::vector<DataRow> data;                // -d FILE: row i % rows goes to iteration i
    bool bail = false;                        // stop at the first failed request
    long delayMs = 0;                         // pause between requests of an iteration
    long timeoutMs = 0;                       // per request; 0 keeps each request's own timeout
    long deadlineMs = 0;                      // the whole run; 0 means none
    bool insecure = false;                    // do not verify TLS certificates
    std::vector<std::string> tags;            // run only requests carrying one of these (empty: all)
    std::vector<std::string> excludeTags;     // skip requests carrying any of these
    std::string folder;                       // run only this folder ("Users" or "Users/Admin")
    int parallel = 1;                         // iterations running at once over the shared engine
    std::size_t keepBodyBytes = 4096;         // body bytes kept in the RunResult for failed requests
    // Where a request was written (folder path, name) -> "file" or "file:line", for reports that point
    // into the repository (JUnit testcase@file). Optional.
    std::function<std::string(const std::string& folder, const std::string& name)> sourceFile;

    int effectiveIterations() const {
        if (!data.empty() && iterations <= 1) return static_cast<int>(data.size());
        return iterations < 1 ? 1 : iterations;
    }
};

}  // namespace sonde
