#include "core/security/finding.h"

#include "core/model/digest.h"

#include <cctype>

namespace sonde {
namespace {
const char* const kSeverities[] = {"info", "low", "medium", "high", "critical"};
const char* const kConfidences[] = {"tentative", "firm", "certain"};
const char* const kTiers[] = {"passive", "safe", "attack", "load"};

template <typename E, std::size_t N>
bool fromTable(const char* const (&names)[N], const std::string& s, E& out) {
    std::string l;
    for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < N; ++i)
        if (l == names[i]) {
            out = static_cast<E>(i);
            return true;
        }
    return false;
}
}  // namespace

const char* toString(Severity s) { return kSeverities[static_cast<int>(s)]; }
const char* toString(Confidence c) { return kConfidences[static_cast<int>(c)]; }
const char* toString(Tier t) { return kTiers[static_cast<int>(t)]; }
bool severityFromString(const std::string& s, Severity& out) { return fromTable(kSeverities, s, out); }
bool confidenceFromString(const std::string& s, Confidence& out) { return fromTable(kConfidences, s, out); }

const char* securitySeverityScore(Severity s) {
    switch (s) {
    case Severity::Critical: return "9.5";
    case Severity::High: return "8.0";
    case Severity::Medium: return "5.5";
    case Severity::Low: return "3.0";
    case Severity::Info: return "0.5";
    }
    return "0.5";
}

std::string Finding::fingerprint() const {
    // SHA-256 over the stable identity.
    return sha256Hex(checkId + '\n' + method + '\n' + pathTemplate + '\n' + parameter, 32);
}

Finding makeFinding(const CheckInfo& info) {
    Finding f;
    f.checkId = info.id;
    f.family = info.family;
    f.title = info.title;
    f.severity = info.severity;
    f.confidence = info.confidence;
    f.cwe = info.cwe;
    f.owasp = info.owasp;
    f.remediation = info.remediation;
    return f;
}

}  // namespace sonde
