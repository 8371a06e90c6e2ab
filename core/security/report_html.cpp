// Self-contained HTML report (inline CSS, no scripts): summary, findings with evidence exchanges.
#include "core/security/report.h"

namespace sonde {
namespace {

std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string exchangeHtml(const Exchange& x) {
    std::string req = x.request.method + " " + x.request.url + "\n";
    for (const auto& h : x.request.headers) req += h.name + ": " + h.value + "\n";
    if (!x.request.body.empty()) req += "\n" + x.request.body;
    std::string res = x.response.httpVersion + " " + std::to_string(x.response.status) + " " + x.response.reason + "\n";
    for (const auto& h : x.response.headers) res += h.name + ": " + h.value + "\n";
    if (!x.response.body.empty()) res += "\n" + x.response.body;
    return "<div class=\"ex\"><div><h4>Request</h4><pre>" + esc(req) + "</pre></div><div><h4>Response</h4><pre>" + esc(res) +
           "</pre></div></div>\n";
}

}  // namespace

std::string htmlReport(const ScanReport& r, const ReportOptions& o) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sonde security scan</title>\n<style>\n"
        "body{font:14px system-ui,sans-serif;margin:2em;color:#222}pre{background:#f5f5f5;padding:.5em;overflow:auto;"
        "white-space:pre-wrap;word-break:break-all;max-height:30em}.ex{display:grid;grid-template-columns:1fr 1fr;gap:1em}"
        ".sev{padding:2px 6px;border-radius:3px;color:#fff;font-weight:600}.critical{background:#7b1fa2}.high{background:#c62828}"
        ".medium{background:#ef6c00}.low{background:#1565c0}.info{background:#607d8b}table{border-collapse:collapse}"
        "td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}details{margin:1em 0;border:1px solid #ddd;padding:.5em}\n"
        "</style></head><body>\n<h1>Sonde security scan</h1>\n";
    out += "<p>" + std::to_string(r.endpoints.size()) + " endpoint(s), " + std::to_string(r.checks.size()) + " check(s), " +
           std::to_string(r.requestsSent) + " request(s), " + std::to_string(static_cast<long>(r.durationMs)) + " ms: <b>" +
           std::to_string(r.findings.size()) + " finding(s)</b>, " + std::to_string(r.suppressed.size()) +
           " suppressed by the baseline." + (r.cancelled ? " <b>Cancelled.</b>" : "") + "</p>\n";
    out += "<table><tr><th>Severity</th><th>Confidence</th><th>Check</th><th>Endpoint</th><th>Parameter</th></tr>\n";
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
        const auto& f = r.findings[i];
        out += "<tr><td><span class=\"sev " + std::string(toString(f.severity)) + "\">" + toString(f.severity) +
               "</span></td><td>" + toString(f.confidence) + "</td><td><a href=\"#f" + std::to_string(i) + "\">" +
               esc(f.checkId) + "</a></td><td>" + esc(f.method + " " + f.pathTemplate) + "</td><td>" + esc(f.parameter) +
               "</td></tr>\n";
    }
    out += "</table>\n";
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
        const auto& f = r.findings[i];
        out += "<details id=\"f" + std::to_string(i) + "\" open><summary><span class=\"sev " + toString(f.severity) + "\">" +
               toString(f.severity) + "</span> <b>" + esc(f.title) + "</b> — " + esc(f.method + " " + redactText(f.url, o)) +
               "</summary>\n";
        out += "<p>" + esc(redactText(f.detail, o)) + "</p>\n<p><b>Parameter:</b> " + esc(f.parameter) +
               " &nbsp; <b>Payload:</b> <code>" + esc(redactText(f.payload, o)) + "</code></p>\n<p><b>CWE-" +
               std::to_string(f.cwe) + "</b>; " + esc(f.owasp) + "; confidence " + toString(f.confidence) +
               "; fingerprint <code>" + f.fingerprint() + "</code></p>\n<p><b>Remediation:</b> " + esc(f.remediation) + "</p>\n";
        for (const auto& e : f.evidence) out += exchangeHtml(redactExchange(e, o));
        out += "</details>\n";
    }
    out += "</body></html>\n";
    return out;
}

}  // namespace sonde
