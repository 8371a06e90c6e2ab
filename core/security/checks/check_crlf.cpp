// CRLF / response header injection (CWE-113).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

CheckInfo info() {
    CheckInfo i;
    i.id = "crlf-injection";
    i.family = "crlf";
    i.title = "CRLF injection (response header injection)";
    i.severity = Severity::Medium;
    i.confidence = Confidence::Certain;
    i.cwe = 113;
    i.owasp = kOwaspInjection;
    i.remediation = "Reject or strip CR and LF from anything written into response headers; use the framework's "
                    "header API, which refuses line breaks.";
    i.description = "Injects `\\r\\nSet-Cookie: sonde<r1>=<r2>` and reports when the response carries that "
                    "cookie as a real header. Confirmed by a bare `\\n` injection of a random header "
                    "`X-Sonde-<r3>: <r4>`.";
    return i;
}

void run(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    for (const auto& point : ctx.insertionPoints()) {
        if (ctx.stopped()) return;
        const std::string r1 = ctx.canary(), r2 = ctx.canary();
        const std::string p1 = point.original + "\r\nSet-Cookie: sonde" + r1 + "=" + r2;
        auto e1 = probe(ctx, inject(ctx.request(), point, p1));
        if (!e1) continue;
        bool hit = false;
        for (const auto& v : e1->response.headerValues("Set-Cookie"))
            if (v.rfind("sonde" + r1 + "=" + r2, 0) == 0) hit = true;
        if (!hit) continue;
        const std::string r3 = ctx.canary(), r4 = ctx.canary();
        const std::string p2 = point.original + "\nX-Sonde-" + r3 + ": " + r4;
        auto e2 = probe(ctx, inject(ctx.request(), point, p2));
        if (!e2 || headerOr(e2->response, "X-Sonde-" + r3) != r4) continue;
        Finding f = ctx.finding();
        f.parameter = point.label();
        f.payload = p1;
        f.detail = "Line breaks in " + point.label() + " end the header: an injected Set-Cookie and an injected "
                   "X-Sonde-" + r3 + " header came back as response headers.";
        f.evidence = {std::move(*e1), std::move(*e2)};
        ctx.report(std::move(f));
    }
}

}  // namespace

void addCrlfChecks(std::vector<std::unique_ptr<Check>>& out) { addCheck(out, info(), run); }

}  // namespace sonde
