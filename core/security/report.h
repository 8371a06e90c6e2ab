#pragma once
// Scan reports: console text, SARIF 2.1.0, JSON, JUnit XML and self-contained HTML; baselines and the
// --fail-on/--min-confidence gate. Evidence in every report is redacted (Authorization, Cookie,
// Set-Cookie, API-key headers, and every value given as a secret).
#include <set>
#include <string>
#include <vector>

#include "core/model/result.h"
#include "core/security/finding.h"
#include "core/security/scan_options.h"

namespace sonde {

struct ScannedEndpoint {
    std::string method, url, pathTemplate;
};

struct ScanReport {
    std::vector<Finding> findings;    // reported (not suppressed by the baseline)
    std::vector<Finding> suppressed;  // matched the baseline
    std::vector<CheckInfo> checks;    // the checks that ran (SARIF rules, JUnit cases)
    std::vector<ScannedEndpoint> endpoints;
    int requestsSent = 0;
    double durationMs = 0;
    bool cancelled = false;
    bool budgetExhausted = false;
    std::vector<std::string> warnings;
    std::string toolVersion = "0.1.0";
};

// Builds a report from a scan (applying `baselineFingerprints` when non-empty).
ScanReport makeReport(const ScanResult& result, const std::vector<ScanTarget>& targets, const ScanOptions& options,
                      const std::set<std::string>& baselineFingerprints = {});

struct ReportOptions {
    std::vector<std::string> secrets;      // values to redact wherever they appear
    std::size_t maxBodyBytes = 16 * 1024;  // evidence bodies are cut beyond this
};

// A copy of `e` with credentials and secrets replaced by "[redacted]" and bodies cut.
Exchange redactExchange(const Exchange& e, const ReportOptions& options);
std::string redactText(std::string text, const ReportOptions& options);

std::string consoleReport(const ScanReport& report);
std::string sarifReport(const ScanReport& report, const ReportOptions& options = {});
std::string jsonReport(const ScanReport& report, const ReportOptions& options = {});
std::string junitReport(const ScanReport& report, const ReportOptions& options = {});
std::string htmlReport(const ScanReport& report, const ReportOptions& options = {});

// Baselines: the fingerprints of accepted findings.
std::string writeBaseline(const std::vector<Finding>& findings);
Result<std::set<std::string>> parseBaseline(const std::string& text, const std::string& where = {});
// Splits findings into (new, suppressed) by fingerprint.
void applyBaseline(const std::vector<Finding>& findings, const std::set<std::string>& fingerprints,
                   std::vector<Finding>& fresh, std::vector<Finding>& suppressed);

// The CI gate: true when any finding has severity >= failOn and confidence >= minConfidence.
bool thresholdMet(const std::vector<Finding>& findings, Severity failOn, Confidence minConfidence = Confidence::Tentative);

}  // namespace sonde
