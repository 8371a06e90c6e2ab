// Open redirect (CWE-601).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

CheckInfo info() {
    CheckInfo i;
    i.id = "open-redirect";
    i.family = "redirect";
    i.title = "Open redirect";
    i.severity = Severity::Medium;
    i.confidence = Confidence::Certain;
    i.cwe = 601;
    i.owasp = "API8:2023 Security Misconfiguration (ZAP tags API6)";
    i.remediation = "Redirect only to relative paths of your own site or to an allowlist of hosts; refuse "
                    "absolute and protocol-relative (`//host`) URLs from input.";
    i.description = "Replaces each insertion point with `https://<random>.example/` and reports when the "
                    "response redirects there (3xx Location or Refresh pointing to that host). Confirmed by a "
                    "protocol-relative `//<random2>.example/` (or a second absolute URL).";
    return i;
}

bool redirectsTo(const Response& r, const std::string& host) {
    const bool isRedirect = r.status >= 300 && r.status < 400;
    std::string loc = isRedirect ? headerOr(r, "Location") : std::string();
    if (loc.empty()) loc = headerOr(r, "Refresh");
    if (loc.empty()) return false;
    auto u = loc.find("url=");
    if (u != std::string::npos) loc = loc.substr(u + 4);
    if (loc.rfind("//", 0) == 0) loc = "https:" + loc;
    return parseUrl(loc).host == host;
}

void run(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    for (const auto& point : ctx.insertionPoints()) {
        if (ctx.stopped()) return;
        const std::string h1 = ctx.canary() + ".example";
        const std::string p1 = "https://" + h1 + "/";
        auto e1 = probe(ctx, inject(ctx.request(), point, p1));
        if (!e1 || !redirectsTo(e1->response, h1)) continue;
        const std::string h2 = ctx.canary() + ".example";
        std::optional<Exchange> e2;
        std::string p2;
        for (const std::string& c : {"//" + h2 + "/", "https://" + h2 + "/sonde"}) {
            auto e = probe(ctx, inject(ctx.request(), point, c));
            if (e && redirectsTo(e->response, h2)) {
                e2 = std::move(e);
                p2 = c;
                break;
            }
        }
        if (!e2) continue;
        Finding f = ctx.finding();
        f.parameter = point.label();
        f.payload = p1;
        f.detail = "The response to " + point.label() + " = `" + p1 + "` and `" + p2 +
                   "` redirects to those foreign hosts.";
        f.evidence = {std::move(*e1), std::move(*e2)};
        ctx.report(std::move(f));
    }
}

}  // namespace

void addRedirectChecks(std::vector<std::unique_ptr<Check>>& out) { addCheck(out, info(), run); }

}  // namespace sonde
