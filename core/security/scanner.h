#pragma once
// Scanner: runs the selected checks of the catalogue over targets through one sonde::Engine (the only
// transport). Blocking; call cancel() from another thread: "cancelled" is a result and the findings
// confirmed so far are kept.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/security/check.h"
#include "core/security/scan_options.h"

namespace sonde {

class Engine;

class Scanner {
public:
    Scanner(Engine& engine, ScanOptions options);
    ~Scanner();

    ScanResult run(const std::vector<ScanTarget>& targets, ScanObserver* observer = nullptr);
    void cancel();

    // The checks `options` selects (ids or families in checks/excludeChecks; opt-in ones only when named).
    static std::vector<CheckInfo> selectedChecks(const ScanOptions& options);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

}  // namespace sonde
