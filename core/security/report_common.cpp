// makeReport, redaction, baselines and the CI gate.
#include <nlohmann/json.hpp>

#include "core/security/insertion_point.h"
#include "core/security/report.h"
#include "core/security/scanner.h"

namespace sonde {

ScanReport makeReport(const ScanResult& result, const std::vector<ScanTarget>& targets, const ScanOptions& options,
                      const std::set<std::string>& baselineFingerprints) {
    ScanReport r;
    applyBaseline(result.findings, baselineFingerprints, r.findings, r.suppressed);
    r.checks = Scanner::selectedChecks(options);
    for (const auto& t : targets)
        r.endpoints.push_back({t.request.method, t.request.url,
                               t.pathTemplate.empty() ? pathTemplateOf(t.request.url) : t.pathTemplate});
    r.requestsSent = result.requestsSent;
    r.durationMs = result.durationMs;
    r.cancelled = result.cancelled;
    r.budgetExhausted = result.budgetExhausted;
    r.warnings = result.warnings;
    return r;
}

std::string redactText(std::string text, const ReportOptions& options) {
    for (const auto& s : options.secrets) {
        if (s.size() < 3) continue;  // never blank out single letters everywhere
        std::size_t p = 0;
        while ((p = text.find(s, p)) != std::string::npos) {
            text.replace(p, s.size(), "[redacted]");
            p += 10;
        }
    }
    return text;
}

Exchange redactExchange(const Exchange& e, const ReportOptions& options) {
    static const char* sensitive[] = {"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key",
                                      "Api-Key", "X-Auth-Token"};
    auto isSensitive = [](const std::string& name) {
        for (const char* s : sensitive)
            if (iequals(name, s)) return true;
        return false;
    };
    Exchange out = e;
    for (auto& h : out.request.headers) {
        if (isSensitive(h.name)) {
            const auto sp = h.value.find(' ');
            const bool scheme = iequals(h.name, "Authorization") && sp != std::string::npos;
            h.value = (scheme ? h.value.substr(0, sp + 1) : std::string()) + "[redacted]";
        } else {
            h.value = redactText(h.value, options);
        }
    }
    for (auto& h : out.response.headers) {
        if (isSensitive(h.name)) {
            const auto eq = h.value.find('=');
            h.value = (eq == std::string::npos ? std::string() : h.value.substr(0, eq + 1)) + "[redacted]";
        } else {
            h.value = redactText(h.value, options);
        }
    }
    out.request.url = redactText(out.request.url, options);
    out.request.body = redactText(out.request.body, options);
    out.response.body = redactText(out.response.body, options);
    if (out.request.body.size() > options.maxBodyBytes) out.request.body.resize(options.maxBodyBytes);
    if (out.response.body.size() > options.maxBodyBytes) {
        out.response.body.resize(options.maxBodyBytes);
        out.response.body += "\n[… cut at " + std::to_string(options.maxBodyBytes) + " bytes]";
    }
    return out;
}

std::string writeBaseline(const std::vector<Finding>& findings) {
    nlohmann::json j;
    j["version"] = 1;
    j["tool"] = "sonde";
    j["findings"] = nlohmann::json::array();
    std::set<std::string> seen;
    for (const auto& f : findings) {
        if (!seen.insert(f.fingerprint()).second) continue;
        j["findings"].push_back({{"fingerprint", f.fingerprint()},
                                 {"ruleId", f.checkId},
                                 {"method", f.method},
                                 {"pathTemplate", f.pathTemplate},
                                 {"parameter", f.parameter}});
    }
    return j.dump(2) + "\n";
}

Result<std::set<std::string>> parseBaseline(const std::string& text, const std::string& where) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("findings") || !j["findings"].is_array())
        return makeError("Not a Sonde baseline file", where, "Write one with --write-baseline", "parse");
    std::set<std::string> out;
    for (std::size_t i = 0; i < j["findings"].size(); ++i) {
        const auto& f = j["findings"][i];
        if (!f.is_object() || !f.contains("fingerprint") || !f["fingerprint"].is_string())
            return makeError("Baseline entry without a fingerprint", where + "#/findings/" + std::to_string(i), {}, "parse");
        out.insert(f["fingerprint"].get<std::string>());
    }
    return out;
}

void applyBaseline(const std::vector<Finding>& findings, const std::set<std::string>& fingerprints,
                   std::vector<Finding>& fresh, std::vector<Finding>& suppressed) {
    for (const auto& f : findings) (fingerprints.count(f.fingerprint()) ? suppressed : fresh).push_back(f);
}

bool thresholdMet(const std::vector<Finding>& findings, Severity failOn, Confidence minConfidence) {
    for (const auto& f : findings)
        if (f.severity >= failOn && f.confidence >= minConfidence) return true;
    return false;
}

}  // namespace sonde
