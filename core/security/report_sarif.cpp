// SARIF 2.1.0 for GitHub code scanning (github/docs sarif-support.md): rules with help text and
// security-severity, CWE tags, results with partialFingerprints, a file:line location when the
// request came from a collection directory, else the endpoint URL.
#include <map>

#include <nlohmann/json.hpp>

#include "core/model/json.h"
#include "core/security/report.h"

namespace sonde {
namespace {

using nlohmann::json;

const char* level(Severity s) {
    switch (s) {
    case Severity::Critical:
    case Severity::High: return "error";
    case Severity::Medium: return "warning";
    default: return "note";
    }
}

const char* precision(Confidence c) {
    switch (c) {
    case Confidence::Certain: return "very-high";
    case Confidence::Firm: return "high";
    default: return "medium";
    }
}

json rule(const CheckInfo& c) {
    const std::string cwe = "CWE-" + std::to_string(c.cwe);
    json r;
    r["id"] = c.id;
    r["name"] = c.title;
    r["shortDescription"]["text"] = c.title;
    r["fullDescription"]["text"] = c.description.substr(0, 1000);
    r["help"]["text"] = c.remediation + " (" + cwe + "; " + c.owasp + ")";
    r["help"]["markdown"] = "**" + c.title + "** (" + cwe + ", " + c.owasp + ")\n\n" + c.description +
                            "\n\n**Remediation:** " + c.remediation;
    r["defaultConfiguration"]["level"] = level(c.severity);
    r["properties"]["tags"] = json::array({"security", "external/cwe/cwe-" + std::to_string(c.cwe), c.family});
    r["properties"]["precision"] = precision(c.confidence);
    r["properties"]["security-severity"] = securitySeverityScore(c.severity);
    r["properties"]["owasp-api-top10-2023"] = c.owasp;
    return r;
}

CheckInfo infoOf(const Finding& f) {
    CheckInfo c;
    c.id = f.checkId;
    c.family = f.family;
    c.title = f.title;
    c.severity = f.severity;
    c.confidence = f.confidence;
    c.cwe = f.cwe;
    c.owasp = f.owasp;
    c.remediation = f.remediation;
    c.description = f.title;
    return c;
}

}  // namespace

std::string sarifReport(const ScanReport& report, const ReportOptions& options) {
    json rules = json::array();
    std::map<std::string, int> index;
    auto addRule = [&](const CheckInfo& c) {
        if (index.count(c.id)) return;
        index[c.id] = static_cast<int>(rules.size());
        rules.push_back(rule(c));
    };
    for (const auto& c : report.checks) addRule(c);
    for (const auto& f : report.findings) addRule(infoOf(f));

    json results = json::array();
    for (const auto& f : report.findings) {
        json res;
        res["ruleId"] = f.checkId;
        res["ruleIndex"] = index[f.checkId];
        res["level"] = level(f.severity);
        res["message"]["text"] = f.title + ": " + f.method + " " + f.pathTemplate + " (" + f.parameter + "). " +
                                 redactText(f.detail, options);
        json loc;
        if (!f.sourceFile.empty()) {
            loc["physicalLocation"]["artifactLocation"]["uri"] = f.sourceFile;
            loc["physicalLocation"]["region"]["startLine"] = std::max(1, f.sourceLine);
        } else {
            loc["physicalLocation"]["artifactLocation"]["uri"] = redactText(f.url, options);
            loc["physicalLocation"]["region"]["startLine"] = 1;
        }
        res["locations"] = json::array({loc});
        res["partialFingerprints"]["sondeFinding/v1"] = f.fingerprint();
        res["partialFingerprints"]["primaryLocationLineHash"] = f.fingerprint();
        json props;
        props["severity"] = toString(f.severity);
        props["confidence"] = toString(f.confidence);
        props["method"] = f.method;
        props["url"] = redactText(f.url, options);
        props["pathTemplate"] = f.pathTemplate;
        props["parameter"] = f.parameter;
        props["payload"] = redactText(f.payload, options);
        props["cwe"] = "CWE-" + std::to_string(f.cwe);
        props["owasp"] = f.owasp;
        props["tags"] = json::array({"security", "external/cwe/cwe-" + std::to_string(f.cwe)});
        json ev = json::array();
        for (const auto& e : f.evidence) ev.push_back(redactExchange(e, options));
        props["evidence"] = ev;
        res["properties"] = props;
        results.push_back(res);
    }

    json run;
    run["tool"]["driver"]["name"] = "Sonde";
    run["tool"]["driver"]["semanticVersion"] = report.toolVersion;
    run["tool"]["driver"]["informationUri"] = "https://github.com/sonde-api/sonde";
    run["tool"]["driver"]["rules"] = rules;
    run["results"] = results;
    run["columnKind"] = "utf16CodeUnits";
    run["properties"]["requestsSent"] = report.requestsSent;
    run["properties"]["cancelled"] = report.cancelled;
    run["properties"]["suppressedByBaseline"] = report.suppressed.size();

    json doc;
    doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    doc["version"] = "2.1.0";
    doc["runs"] = json::array({run});
    return doc.dump(2) + "\n";
}

}  // namespace sonde
