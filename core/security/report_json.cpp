// JSON report: summary, findings (with fingerprints and redacted evidence), suppressed findings.
#include <nlohmann/json.hpp>

#include "core/model/json.h"
#include "core/security/report.h"

namespace sonde {
namespace {

nlohmann::json findingJson(const Finding& f, const ReportOptions& o) {
    nlohmann::json j;
    j["ruleId"] = f.checkId;
    j["family"] = f.family;
    j["title"] = f.title;
    j["severity"] = toString(f.severity);
    j["confidence"] = toString(f.confidence);
    j["cwe"] = f.cwe;
    j["owasp"] = f.owasp;
    j["remediation"] = f.remediation;
    j["method"] = f.method;
    j["url"] = redactText(f.url, o);
    j["pathTemplate"] = f.pathTemplate;
    j["parameter"] = f.parameter;
    j["payload"] = redactText(f.payload, o);
    j["detail"] = redactText(f.detail, o);
    j["fingerprint"] = f.fingerprint();
    if (!f.sourceFile.empty()) {
        j["sourceFile"] = f.sourceFile;
        j["sourceLine"] = f.sourceLine;
    }
    j["evidence"] = nlohmann::json::array();
    for (const auto& e : f.evidence) j["evidence"].push_back(redactExchange(e, o));
    return j;
}

}  // namespace

std::string jsonReport(const ScanReport& r, const ReportOptions& o) {
    nlohmann::json j;
    j["tool"] = {{"name", "sonde"}, {"version", r.toolVersion}};
    j["summary"] = {{"endpoints", r.endpoints.size()}, {"checks", r.checks.size()},   {"requestsSent", r.requestsSent},
                    {"durationMs", r.durationMs},      {"findings", r.findings.size()}, {"suppressed", r.suppressed.size()},
                    {"cancelled", r.cancelled},        {"budgetExhausted", r.budgetExhausted}};
    j["warnings"] = r.warnings;
    j["findings"] = nlohmann::json::array();
    for (const auto& f : r.findings) j["findings"].push_back(findingJson(f, o));
    j["suppressed"] = nlohmann::json::array();
    for (const auto& f : r.suppressed) j["suppressed"].push_back(findingJson(f, o));
    return j.dump(2) + "\n";
}

}  // namespace sonde
