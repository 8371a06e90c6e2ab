#include "core/runner/html_reporter.h"

#include <algorithm>
#include <fstream>

namespace sonde {

namespace {

const char* kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#1d232a;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
.meta{color:#5b6570}.pass{color:#137333}.fail{color:#b3261e}.err{color:#a05a00}.skip{color:#5b6570}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f5f6f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;gap:1em;flex-wrap:wrap;margin:1em 0}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}
.card b{display:block;font-size:1.4em}.bar{background:#4a7bd0;height:.7em;border-radius:2px;min-width:1px}
.failure{border-left:4px solid #b3261e;background:#fdf3f2;padding:.5em 1em;margin:.6em 0}
code,pre{font-family:ui-monospace,monospace;font-size:.92em}pre{white-space:pre-wrap;margin:.3em 0}
)";

const char* statusClass(RequestStatus s) {
    switch (s) {
    case RequestStatus::Passed: return "pass";
    case RequestStatus::Failed: return "fail";
    case RequestStatus::Error: return "err";
    case RequestStatus::Cancelled: return "skip";
    }
    return "";
}

std::string card(const std::string& label, const std::string& value, const std::string& cls = {}) {
    return "<div class=\"card\"><b class=\"" + cls + "\">" + htmlEscape(value) + "</b>" + htmlEscape(label) +
           "</div>";
}

}  // namespace

std::string htmlEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += ch;
        }
    }
    return out;
}

HtmlReporter::HtmlReporter(std::string path) : path_(std::move(path)) {}

std::string HtmlReporter::render(const RunResult& run) {
    const auto& s = run.stats;
    const bool many = s.iterations > 1;
    auto label = [&](const RequestResult& r) {
        std::string l = describeRequest(r);
        if (many) l += " [iteration " + std::to_string(r.iteration + 1) + "]";
        return l;
    };
    std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Sonde run: " +
                    htmlEscape(run.collectionName) + "</title><style>" + kStyle + "</style></head><body>\n";
    h += "<h1>" + htmlEscape(run.collectionName) + " <span class=\"" + (run.passed() ? "pass\">passed" : "fail\">failed") +
         "</span></h1>\n";
    h += "<p class=\"meta\">Started " + htmlEscape(run.startedAt) +
         (run.environmentName.empty() ? "" : " · environment " + htmlEscape(run.environmentName)) + " · " +
         htmlEscape(toString(run.end)) + " · " + htmlEscape(formatMs(s.totalMs)) + "</p>\n";
    h += "<div class=\"cards\">" + card("iterations", std::to_string(s.iterations)) +
         card("requests", std::to_string(s.requests)) +
         card("requests failed", std::to_string(s.requestsFailed), s.requestsFailed ? "fail" : "pass") +
         card("assertions", std::to_string(s.assertions)) +
         card("assertions failed", std::to_string(s.assertionsFailed), s.assertionsFailed ? "fail" : "pass") +
         card("average response", formatMs(s.responseAvgMs)) + "</div>\n";

    h += "<h2>Failures</h2>\n";
    int failures = 0;
    for (const auto& it : run.iterations)
        for (const auto& r : it.requests) {
            if (r.status == RequestStatus::Passed) continue;
            ++failures;
            h += "<div class=\"failure\"><b>" + htmlEscape(label(r)) + "</b> <code>" + htmlEscape(r.method) + " " +
                 htmlEscape(r.url) + "</code>";
            if (r.responseStatus) h += " → " + std::to_string(r.responseStatus);
            h += "\n";
            if (r.error) h += "<pre class=\"err\">" + htmlEscape(r.error->message()) + "</pre>\n";
            for (const auto& a : r.assertions)
                if (!a.passed)
                    h += "<pre><b>" + htmlEscape(a.description) + "</b>\n  expected: " + htmlEscape(a.expected) +
                         "\n  actual:   " + htmlEscape(a.actual) +
                         (a.message.empty() ? "" : "\n  " + htmlEscape(a.message)) + "</pre>\n";
            if (r.status == RequestStatus::Cancelled) h += "<pre class=\"skip\">cancelled</pre>\n";
            h += "</div>\n";
        }
    if (failures == 0) h += "<p class=\"pass\">No failures.</p>\n";

    double maxMs = 0;
    for (const auto& it : run.iterations)
        for (const auto& r : it.requests) maxMs = std::max(maxMs, r.durationMs);
    h += "<h2>Requests and timings</h2>\n<table><tr><th>Request</th><th>Method</th><th>Status</th>"
         "<th>Assertions</th><th class=\"num\">Time</th><th style=\"width:25%\"></th></tr>\n";
    for (const auto& it : run.iterations)
        for (const auto& r : it.requests) {
            const int pct = maxMs > 0 ? static_cast<int>(r.durationMs * 100.0 / maxMs) : 0;
            h += "<tr><td>" + htmlEscape(label(r)) + "</td><td>" + htmlEscape(r.method) + "</td><td class=\"" +
                 statusClass(r.status) + "\">" +
                 (r.responseStatus ? std::to_string(r.responseStatus) : std::string(toString(r.status))) +
                 "</td><td>" + std::to_string(r.assertions.size() - static_cast<std::size_t>(r.failedAssertions())) +
                 "/" + std::to_string(r.assertions.size()) + "</td><td class=\"num\">" + htmlEscape(formatMs(r.durationMs)) +
                 "</td><td><div class=\"bar\" style=\"width:" + std::to_string(pct) + "%\"></div></td></tr>\n";
        }
    h += "</table>\n<p class=\"meta\">Response times: min " + htmlEscape(formatMs(s.responseMinMs)) + ", average " +
         htmlEscape(formatMs(s.responseAvgMs)) + ", max " + htmlEscape(formatMs(s.responseMaxMs)) +
         ". Secrets are redacted.</p>\n</body></html>\n";
    return h;
}

void HtmlReporter::runDone(const RunResult& run) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    if (!out) return fail("Cannot write the HTML report", path_);
    out << render(run);
    if (!out.flush()) fail("Cannot finish writing the HTML report", path_);
}

}  // namespace sonde
