#pragma once
// Finding: one confirmed security problem, with the exchanges that prove it. CheckInfo: what a check
// is (id, family, severity, CWE, OWASP API Top 10 2023 category, remediation), shown in the catalogue.
#include <string>
#include <vector>

#include "core/model/response.h"

namespace sonde {

enum class Severity { Info, Low, Medium, High, Critical };
enum class Confidence { Tentative, Firm, Certain };

const char* toString(Severity s);
const char* toString(Confidence c);
bool severityFromString(const std::string& s, Severity& out);
bool confidenceFromString(const std::string& s, Confidence& out);
// SARIF `security-severity` score ("9.5", "8.0", "5.5", "3.0", "0.5").
const char* securitySeverityScore(Severity s);

// Safety tier of a check (see docs/security-checks.md): passive looks at responses already fetched;
// safe sends benign requests; attack sends payloads; load sends bursts (opt-in only).
enum class Tier { Passive, Safe, Attack, Load };
const char* toString(Tier t);

struct CheckInfo {
    std::string id;           // stable, e.g. "sqli-error"
    std::string family;       // e.g. "sqli"
    std::string title;
    Severity severity = Severity::Medium;
    Confidence confidence = Confidence::Firm;
    int cwe = 0;
    std::string owasp;        // OWASP API Security Top 10 2023 category, or the injection note
    std::string remediation;
    std::string description;  // what it sends and how it decides (help text)
    Tier tier = Tier::Attack;
    bool optIn = false;       // runs only when named explicitly in ScanOptions::checks
};

struct Finding {
    std::string checkId;
    std::string family;
    std::string title;
    Severity severity = Severity::Medium;
    Confidence confidence = Confidence::Firm;
    int cwe = 0;
    std::string owasp;
    std::string remediation;
    std::string method;
    std::string url;           // the endpoint URL (without the payload)
    std::string pathTemplate;  // e.g. /users/{id}
    std::string parameter;     // insertion point, e.g. "query:id", "json:/user/name", "header:Origin"
    std::string payload;       // the attack value, when there is one
    std::string detail;        // why this is a finding (what was compared, the numbers)
    std::vector<Exchange> evidence;  // the exchanges that prove it (baseline first when relevant)
    std::string sourceFile;    // the request's file when it came from a collection directory
    int sourceLine = 0;

    // Stable across runs: rule + method + path template + parameter (never payloads or ids).
    std::string fingerprint() const;
};

// Fills a finding's descriptive fields from its check.
Finding makeFinding(const CheckInfo& info);

}  // namespace sonde
