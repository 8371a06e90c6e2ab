// Reflected cross-site scripting in HTML responses (CWE-79).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

CheckInfo info() {
    CheckInfo i;
    i.id = "xss-reflected";
    i.family = "xss";
    i.title = "Reflected cross-site scripting";
    i.severity = Severity::Medium;
    i.confidence = Confidence::Firm;
    i.cwe = 79;
    i.owasp = kOwaspInjection;
    i.remediation = "Encode output for its HTML context (or use a templating engine with autoescaping), send "
                    "JSON as application/json with X-Content-Type-Options: nosniff, and add a Content-Security-Policy.";
    i.description = "Sends a random canary with HTML-breaking characters (`r1\"'><r2>`) and reports when it "
                    "comes back unescaped in a text/html response. JSON and other non-HTML reflections are not "
                    "reported. Confirmed by a second, different markup canary (`<r3 a='1'\">`).";
    return i;
}

void run(ProbeContext& ctx) {
    const Exchange* base = ctx.baseline();
    if (!base) return;
    for (const auto& point : ctx.insertionPoints()) {
        if (ctx.stopped()) return;
        const std::string r1 = ctx.canary(), r2 = ctx.canary();
        const std::string p1 = point.original + r1 + "\"'><" + r2 + ">";
        auto e1 = probe(ctx, inject(ctx.request(), point, p1));
        if (!e1 || !isHtml(e1->response) || e1->response.body.find("\"'><" + r2 + ">") == std::string::npos) continue;
        const std::string r3 = ctx.canary(), r4 = ctx.canary();
        const std::string marker = "<" + r3 + " " + r4 + "='1'\">";
        auto e2 = probe(ctx, inject(ctx.request(), point, point.original + marker));
        if (!e2 || !isHtml(e2->response) || e2->response.body.find(marker) == std::string::npos) continue;
        Finding f = ctx.finding();
        f.parameter = point.label();
        f.payload = p1;
        f.detail = "Markup sent in " + point.label() + " (`" + p1 + "`, `" + marker +
                   "`) is reflected unescaped in a " + e1->response.contentType() + " response.";
        f.evidence = {std::move(*e1), std::move(*e2)};
        ctx.report(std::move(f));
    }
}

}  // namespace

void addXssChecks(std::vector<std::unique_ptr<Check>>& out) { addCheck(out, info(), run); }

}  // namespace sonde
