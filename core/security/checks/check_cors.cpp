// CORS policy: the origin matrix and pre-flight (CWE-942, CWE-346).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

const char* kRemediation =
    "Compare Origin against an exact allowlist (scheme, host and port); never echo the request's Origin, never "
    "trust `null`, and do not combine Access-Control-Allow-Credentials: true with broad origins. Send "
    "`Vary: Origin` when the answer depends on it.";

CheckInfo baseInfo(const char* id, const char* title, Severity sev, const char* description) {
    CheckInfo i;
    i.id = id;
    i.family = "cors";
    i.title = title;
    i.severity = sev;
    i.confidence = Confidence::Certain;
    i.cwe = 942;
    i.owasp = kOwaspApi8;
    i.remediation = kRemediation;
    i.description = description;
    i.tier = Tier::Safe;
    return i;
}

RequestSpec withOrigin(const RequestSpec& r, const std::string& origin) {
    RequestSpec out = r;
    std::erase_if(out.headers, [](const KeyValue& h) { return iequals(h.key, "Origin"); });
    out.headers.push_back({"Origin", origin});
    return out;
}

bool allows(const Response& r, const std::string& origin) {
    return iequals(headerOr(r, "Access-Control-Allow-Origin"), origin);
}
bool credentials(const Response& r) { return iequals(headerOr(r, "Access-Control-Allow-Credentials"), "true"); }

void reportHit(ProbeContext& ctx, const std::string& what, Exchange e1, Exchange e2) {
    Finding f = ctx.finding();
    f.parameter = "header:Origin";
    const bool creds = credentials(e1.response);
    if (creds && f.severity < Severity::High) f.severity = Severity::High;
    f.payload = headerOr(e1.response, "Access-Control-Allow-Origin");
    f.detail = what + (creds ? " with Access-Control-Allow-Credentials: true (credentialed cross-origin reads)."
                             : " (without credentials: unauthenticated data only).");
    f.evidence = {std::move(e1), std::move(e2)};
    ctx.report(std::move(f));
}

void runReflected(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    const std::string o1 = "https://" + ctx.canary() + ".example", o2 = "http://" + ctx.canary() + ".test";
    auto e1 = probe(ctx, withOrigin(ctx.request(), o1));
    if (!e1 || !allows(e1->response, o1)) return;
    auto e2 = probe(ctx, withOrigin(ctx.request(), o2));
    if (!e2 || !allows(e2->response, o2)) return;
    reportHit(ctx, "Arbitrary origins (" + o1 + ", " + o2 + ") are echoed in Access-Control-Allow-Origin", std::move(*e1),
              std::move(*e2));
}

void runNull(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    auto e1 = probe(ctx, withOrigin(ctx.request(), "null"));
    if (!e1 || !allows(e1->response, "null")) return;
    // Control: a random origin must not get "null" too (a constant "null" header is not trust of null).
    const std::string other = "https://" + ctx.canary() + ".example";
    auto e2 = probe(ctx, withOrigin(ctx.request(), other));
    if (!e2 || allows(e2->response, "null")) return;
    reportHit(ctx, "The `null` origin (sandboxed iframes, data: URLs) is trusted", std::move(*e1), std::move(*e2));
}

void runBypass(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    const UrlParts u = parseUrl(ctx.request().url);
    const std::string host = u.host;
    const std::string r = ctx.canary();
    // If any origin is reflected, cors-origin-reflected covers it.
    auto ctl = probe(ctx, withOrigin(ctx.request(), "https://" + r + ".invalid"));
    if (!ctl || allows(ctl->response, "https://" + r + ".invalid")) return;
    const std::string port = u.port.empty() ? "" : ":" + u.port;
    struct Probe {
        std::string what, origin, confirm;
    };
    const std::string r2 = ctx.canary();
    std::vector<Probe> probes = {
        {"prefix match (target host followed by a foreign domain)", u.scheme + "://" + host + "." + r + ".example" + port,
         u.scheme + "://" + host + "." + r2 + ".example" + port},
        {"suffix match (foreign name ending in the target host)", u.scheme + "://" + r + host + port,
         u.scheme + "://" + r2 + host + port},
        {"any subdomain trusted", u.scheme + "://" + r + "." + host + port, u.scheme + "://" + r2 + "." + host + port},
        {"unescaped dot in the origin pattern", u.scheme + "://" + [&] {
             std::string h = host;
             auto dot = h.rfind('.');
             if (dot != std::string::npos) h[dot] = 'x';
             return h;
         }() + port, ""},
    };
    if (u.scheme == "https") probes.push_back({"http origin trusted by an https API", "http://" + host + port, ""});
    for (const auto& p : probes) {
        if (ctx.stopped()) return;
        if (p.origin == u.origin()) continue;
        auto e1 = probe(ctx, withOrigin(ctx.request(), p.origin));
        if (!e1 || !allows(e1->response, p.origin)) continue;
        std::optional<Exchange> e2;
        if (!p.confirm.empty()) {
            e2 = probe(ctx, withOrigin(ctx.request(), p.confirm));
            if (!e2 || !allows(e2->response, p.confirm)) continue;
        } else {
            e2 = std::move(*ctl);  // the random origin was refused: the pattern, not reflection, let it in
        }
        reportHit(ctx, "Origin check bypass, " + p.what + ": `" + p.origin + "` is allowed", std::move(*e1), std::move(*e2));
        return;
    }
}

void runPreflight(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    auto pre = [&](const std::string& origin, const std::string& method, const std::string& header) {
        RequestSpec r = withOrigin(ctx.request(), origin);
        r.method = "OPTIONS";
        r.body = Body{};
        r.headers.push_back({"Access-Control-Request-Method", method});
        r.headers.push_back({"Access-Control-Request-Headers", header});
        return probe(ctx, r);
    };
    auto permissive = [](const Response& resp, const std::string& origin, const std::string& method,
                         const std::string& header) {
        if (!allows(resp, origin) && headerOr(resp, "Access-Control-Allow-Origin") != "*") return false;
        const std::string m = lower(headerOr(resp, "Access-Control-Allow-Methods"));
        const std::string h = lower(headerOr(resp, "Access-Control-Allow-Headers"));
        return (m == "*" || m.find(lower(method)) != std::string::npos) && (h == "*" || h.find(lower(header)) != std::string::npos);
    };
    const std::string o1 = "https://" + ctx.canary() + ".example", h1 = "x-sonde-" + ctx.canary();
    auto e1 = pre(o1, "DELETE", h1);
    if (!e1 || !permissive(e1->response, o1, "DELETE", h1)) return;
    const std::string o2 = "https://" + ctx.canary() + ".example", h2 = "x-sonde-" + ctx.canary();
    auto e2 = pre(o2, "PUT", h2);
    if (!e2 || !permissive(e2->response, o2, "PUT", h2)) return;
    Finding f = ctx.finding();
    f.parameter = "header:Origin";
    f.payload = o1;
    f.detail = "Pre-flight requests from arbitrary origins are granted any method (DELETE, PUT) and any requested "
               "header (" + h1 + ", " + h2 + ").";
    f.evidence = {std::move(*e1), std::move(*e2)};
    ctx.report(std::move(f));
}

}  // namespace

void addCorsChecks(std::vector<std::unique_ptr<Check>>& out) {
    addCheck(out,
             baseInfo("cors-origin-reflected", "CORS: arbitrary origin trusted", Severity::Medium,
                      "Sends two random origins (`https://<r>.example`, `http://<r2>.test`); reported when both are "
                      "echoed in Access-Control-Allow-Origin. High when Access-Control-Allow-Credentials is true."),
             runReflected);
    addCheck(out,
             baseInfo("cors-null-origin", "CORS: null origin trusted", Severity::Medium,
                      "Sends `Origin: null`; reported when Access-Control-Allow-Origin is `null` while a random "
                      "origin does not get `null` (control). High with credentials."),
             runNull);
    addCheck(out,
             baseInfo("cors-origin-bypass", "CORS: origin allowlist bypass", Severity::Medium,
                      "When arbitrary origins are refused, tries the target's own host as prefix "
                      "(`host.<r>.example`), suffix (`<r>host`), any subdomain, an unescaped dot and (for https) "
                      "the http origin; confirmed with a second random origin of the same shape."),
             runBypass);
    addCheck(out,
             baseInfo("cors-preflight-permissive", "CORS: pre-flight allows any method and header", Severity::Low,
                      "Sends OPTIONS pre-flights from random origins asking for DELETE/PUT and a random header; "
                      "reported when both are granted to the foreign origin."),
             runPreflight);
}

}  // namespace sonde
