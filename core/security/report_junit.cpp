// JUnit XML: one testsuite per check family, one testcase per check x endpoint; a finding is a
// <failure>, a baseline-suppressed finding is <skipped>.
#include <map>

#include "core/security/report.h"

namespace sonde {
namespace {

std::string xmlEscape(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') out += "?";  // not allowed in XML 1.0
            else out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace

std::string junitReport(const ScanReport& r, const ReportOptions& o) {
    struct Case {
        std::string name, classname;
        std::vector<const Finding*> failures, skipped;
    };
    std::map<std::string, std::vector<Case>> suites;  // family -> cases
    for (const auto& c : r.checks)
        for (const auto& e : r.endpoints)
            suites[c.family].push_back({c.id + " " + e.method + " " + e.pathTemplate, "sonde.security." + c.family, {}, {}});
    auto place = [&](const Finding& f, bool suppressed) {
        auto& cases = suites[f.family];
        const std::string name = f.checkId + " " + f.method + " " + f.pathTemplate;
        for (auto& c : cases)
            if (c.name == name) {
                (suppressed ? c.skipped : c.failures).push_back(&f);
                return;
            }
        cases.push_back({name, "sonde.security." + f.family, {}, {}});
        (suppressed ? cases.back().skipped : cases.back().failures).push_back(&f);
    };
    for (const auto& f : r.findings) place(f, false);
    for (const auto& f : r.suppressed) place(f, true);

    int tests = 0, failures = 0, skipped = 0;
    for (const auto& [family, cases] : suites)
        for (const auto& c : cases) {
            ++tests;
            failures += c.failures.empty() ? 0 : 1;
            skipped += c.failures.empty() && !c.skipped.empty() ? 1 : 0;
        }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites name=\"sonde scan\" tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" skipped=\"" + std::to_string(skipped) + "\" time=\"" + std::to_string(r.durationMs / 1000.0) + "\">\n";
    for (const auto& [family, cases] : suites) {
        int f = 0, s = 0;
        for (const auto& c : cases) {
            f += c.failures.empty() ? 0 : 1;
            s += c.failures.empty() && !c.skipped.empty() ? 1 : 0;
        }
        out += "  <testsuite name=\"" + xmlEscape(family) + "\" tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
               std::to_string(f) + "\" skipped=\"" + std::to_string(s) + "\">\n";
        for (const auto& c : cases) {
            out += "    <testcase name=\"" + xmlEscape(c.name) + "\" classname=\"" + xmlEscape(c.classname) + "\"";
            if (c.failures.empty() && c.skipped.empty()) {
                out += "/>\n";
                continue;
            }
            out += ">\n";
            for (const Finding* fp : c.failures) {
                std::string body = redactText(fp->detail, o) + "\nParameter: " + fp->parameter + "\nCWE-" +
                                   std::to_string(fp->cwe) + "; " + fp->owasp + "\nFix: " + fp->remediation +
                                   "\nFingerprint: " + fp->fingerprint() + "\n";
                for (const auto& e : fp->evidence) {
                    const Exchange x = redactExchange(e, o);
                    body += "> " + x.request.method + " " + x.request.url + "\n< " + std::to_string(x.response.status) + "\n";
                }
                out += "      <failure type=\"" + xmlEscape(fp->checkId) + "\" message=\"" +
                       xmlEscape(fp->title + " (" + toString(fp->severity) + "/" + toString(fp->confidence) + ")") + "\">" +
                       xmlEscape(body) + "</failure>\n";
            }
            if (c.failures.empty())
                out += "      <skipped message=\"suppressed by the baseline (" + xmlEscape(c.skipped[0]->fingerprint()) + ")\"/>\n";
            out += "    </testcase>\n";
        }
        out += "  </testsuite>\n";
    }
    out += "</testsuites>\n";
    return out;
}

}  // namespace sonde
