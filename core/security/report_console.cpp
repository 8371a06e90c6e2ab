// Console summary of a scan.
#include <cstdio>
#include <map>

#include "core/security/report.h"

namespace sonde {

std::string consoleReport(const ScanReport& r) {
    std::string out;
    char buf[512];
    std::map<Severity, int> bySeverity;
    for (const auto& f : r.findings) ++bySeverity[f.severity];
    for (const auto& f : r.findings) {
        std::string sev = toString(f.severity);
        for (auto& c : sev) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::snprintf(buf, sizeof buf, "[%s/%s] %s  %s %s  (%s)\n", sev.c_str(), toString(f.confidence),
                      f.checkId.c_str(), f.method.c_str(), f.pathTemplate.c_str(), f.parameter.c_str());
        out += buf;
        out += "    " + f.title + " — CWE-" + std::to_string(f.cwe) + "\n";
        out += "    " + f.detail + "\n";
        out += "    Fix: " + f.remediation + "\n";
        if (!f.sourceFile.empty()) out += "    Defined at " + f.sourceFile + ":" + std::to_string(f.sourceLine) + "\n";
    }
    if (!r.findings.empty()) out += "\n";
    std::snprintf(buf, sizeof buf, "%zu endpoint(s), %zu check(s), %d request(s) in %.1f s: %zu finding(s)",
                  r.endpoints.size(), r.checks.size(), r.requestsSent, r.durationMs / 1000.0, r.findings.size());
    out += buf;
    if (!r.findings.empty()) {
        out += " (";
        bool first = true;
        for (int s = static_cast<int>(Severity::Critical); s >= 0; --s) {
            auto it = bySeverity.find(static_cast<Severity>(s));
            if (it == bySeverity.end()) continue;
            out += (first ? "" : ", ") + std::to_string(it->second) + " " + toString(it->first);
            first = false;
        }
        out += ")";
    }
    if (!r.suppressed.empty()) out += ", " + std::to_string(r.suppressed.size()) + " suppressed by the baseline";
    out += "\n";
    if (r.cancelled) out += "Scan cancelled: the findings above were confirmed before the stop.\n";
    if (r.budgetExhausted) out += "Request budget exhausted: some checks did not run.\n";
    for (const auto& w : r.warnings) out += "warning: " + w + "\n";
    return out;
}

}  // namespace sonde
