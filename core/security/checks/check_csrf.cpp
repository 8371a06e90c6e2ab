// Cross-site request forgery on cookie-authenticated state-changing requests (CWE-352).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

bool tokenName(const std::string& n) {
    const std::string l = lower(n);
    return l.find("csrf") != std::string::npos || l.find("xsrf") != std::string::npos || l == "_token" ||
           l == "authenticity_token";
}

RequestSpec forged(const RequestSpec& r, const std::string& origin) {
    RequestSpec out = r;
    std::erase_if(out.headers, [](const KeyValue& h) {
        return tokenName(h.key) || iequals(h.key, "Origin") || iequals(h.key, "Referer") || iequals(h.key, "Authorization");
    });
    std::erase_if(out.body.form, [](const KeyValue& f) { return tokenName(f.key); });
    out.headers.push_back({"Origin", origin});
    return out;
}

CheckInfo info() {
    CheckInfo i;
    i.id = "csrf";
    i.family = "csrf";
    i.title = "Cross-site request forgery";
    i.severity = Severity::Medium;
    i.confidence = Confidence::Firm;
    i.cwe = 352;
    i.owasp = kOwaspApi8;
    i.remediation = "Set session cookies with SameSite=Lax or Strict, verify Origin on state-changing requests, and "
                    "require a CSRF token (or a custom header) that a cross-site form cannot send.";
    i.description = "For state-changing requests (POST, and PUT/PATCH/DELETE with --allow-unsafe) authenticated by "
                    "a Cookie header: removes CSRF tokens and sends a foreign Origin, then `Origin: null`. Reported "
                    "when both are accepted like the baseline, the request without the cookie is refused (the cookie "
                    "is what authenticates), and no Set-Cookie seen for it sets SameSite.";
    i.tier = Tier::Attack;
    return i;
}

void run(ProbeContext& ctx) {
    const RequestSpec& r = ctx.request();
    const std::string m = lower(r.method);
    if (m == "get" || m == "head" || m == "options") return;
    bool cookie = false;
    for (const auto& h : r.headers)
        if (h.enabled && iequals(h.key, "Cookie")) cookie = true;
    if (!cookie || r.auth.kind != AuthKind::None) return;
    const Exchange* base = ctx.baseline();
    if (!base || !isSuccess(base->response)) return;
    for (const auto& c : base->response.headerValues("Set-Cookie")) {
        const std::string l = lower(c);
        if (l.find("samesite=strict") != std::string::npos || l.find("samesite=lax") != std::string::npos) return;
    }
    RequestSpec noCookie = r;
    std::erase_if(noCookie.headers, [](const KeyValue& h) { return iequals(h.key, "Cookie"); });
    auto ctl = probe(ctx, noCookie);
    if (!ctl || isSuccess(ctl->response)) return;
    const std::string origin = "https://" + ctx.canary() + ".example";
    auto e1 = probe(ctx, forged(r, origin));
    if (!e1 || !isSuccess(e1->response) || responseSimilarity(e1->response, base->response) < 0.8) return;
    auto e2 = probe(ctx, forged(r, "null"));
    if (!e2 || !isSuccess(e2->response) || responseSimilarity(e2->response, base->response) < 0.8) return;
    Finding f = ctx.finding();
    f.parameter = "header:Cookie";
    f.payload = "Origin: " + origin;
    f.detail = "The cookie-authenticated " + r.method + " is accepted from a foreign Origin (" + origin +
               ") and from Origin: null without any CSRF token, while it is refused without the cookie (" +
               std::to_string(ctl->response.status) + ").";
    f.evidence = {*base, std::move(*ctl), std::move(*e1), std::move(*e2)};
    ctx.report(std::move(f));
}

}  // namespace

void addCsrfChecks(std::vector<std::unique_ptr<Check>>& out) { addCheck(out, info(), run); }

}  // namespace sonde
