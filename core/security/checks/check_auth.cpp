// Authentication enforcement: credentials removed or replaced (CWE-306, CWE-287).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

bool hasCredentials(const RequestSpec& r) {
    if (r.auth.kind != AuthKind::None) return true;
    for (const auto& h : r.headers)
        if (h.enabled && isCredentialRequestHeader(h.key)) return true;
    return false;
}

RequestSpec withoutCredentials(const RequestSpec& r) {
    RequestSpec out = r;
    out.auth = Auth{};
    std::erase_if(out.headers, [](const KeyValue& h) { return isCredentialRequestHeader(h.key); });
    return out;
}

// Same shape, invalid values: random bearer/basic/API key/cookie values.
RequestSpec withInvalidCredentials(ProbeContext& ctx, const RequestSpec& r, bool jwtShaped) {
    RequestSpec out = r;
    const std::string bogus = jwtShaped ? "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzb25kZS0" + ctx.canary() +
                                              "In0." + ctx.canary(43)
                                        : "sonde-invalid-" + ctx.canary(24);
    switch (out.auth.kind) {
    case AuthKind::Bearer: out.auth.token = bogus; break;
    case AuthKind::Basic:
    case AuthKind::Digest:
    case AuthKind::Ntlm: out.auth.password = bogus; break;
    case AuthKind::ApiKey: out.auth.keyValue = bogus; break;
    default: break;
    }
    for (auto& h : out.headers) {
        if (!h.enabled) continue;
        if (iequals(h.key, "Authorization")) {
            auto sp = h.value.find(' ');
            h.value = (sp == std::string::npos ? std::string("Bearer") : h.value.substr(0, sp)) + " " + bogus;
        } else if (iequals(h.key, "Cookie")) {
            std::string v;
            std::size_t start = 0;
            while (start < h.value.size()) {
                auto semi = h.value.find(';', start);
                if (semi == std::string::npos) semi = h.value.size();
                std::string part = h.value.substr(start, semi - start);
                auto eq = part.find('=');
                if (eq != std::string::npos) v += (v.empty() ? "" : "; ") + part.substr(part.find_first_not_of(' '), eq - part.find_first_not_of(' ')) + "=" + bogus;
                start = semi + 1;
            }
            h.value = v;
        } else if (isCredentialRequestHeader(h.key)) {
            h.value = bogus;
        }
    }
    return out;
}

bool accepted(const Response& probe, const Response& base) {
    return isSuccess(probe) && responseSimilarity(probe, base) >= 0.9;
}

CheckInfo info(const char* id, const char* title, const char* description) {
    CheckInfo i;
    i.id = id;
    i.family = "auth";
    i.title = title;
    i.severity = Severity::High;
    i.confidence = Confidence::Firm;
    i.cwe = 306;
    i.owasp = kOwaspApi2;
    i.remediation = "Authenticate every request on the server (middleware applied to every route), reject missing "
                    "or invalid credentials with 401, and verify tokens cryptographically.";
    i.description = description;
    i.tier = Tier::Safe;
    return i;
}

void runMissing(ProbeContext& ctx) {
    if (!hasCredentials(ctx.request())) return;
    const Exchange* base = ctx.baseline();
    if (!base || !isSuccess(base->response)) return;
    RequestSpec stripped = withoutCredentials(ctx.request());
    auto e1 = probe(ctx, stripped);
    if (!e1 || !accepted(e1->response, base->response)) return;
    stripped.headers.push_back({"Cache-Control", "no-cache"});
    stripped.headers.push_back({"X-Sonde-Nonce", ctx.canary()});
    auto e2 = probe(ctx, stripped);
    if (!e2 || !accepted(e2->response, base->response)) return;
    Finding f = ctx.finding();
    f.parameter = "credentials";
    f.detail = "With the credentials removed the endpoint still answers " + std::to_string(e1->response.status) +
               " with the same content as the authenticated request (twice, the second time with cache bypass headers).";
    f.evidence = {*base, std::move(*e1), std::move(*e2)};
    ctx.report(std::move(f));
}

void runInvalid(ProbeContext& ctx) {
    if (!hasCredentials(ctx.request())) return;
    const Exchange* base = ctx.baseline();
    if (!base || !isSuccess(base->response)) return;
    // When no credentials are needed at all, auth-missing says so; this check is about bad ones.
    auto none = probe(ctx, withoutCredentials(ctx.request()));
    if (!none || accepted(none->response, base->response)) return;
    auto e1 = probe(ctx, withInvalidCredentials(ctx, ctx.request(), false));
    if (!e1 || !accepted(e1->response, base->response)) return;
    auto e2 = probe(ctx, withInvalidCredentials(ctx, ctx.request(), true));
    if (!e2 || !accepted(e2->response, base->response)) return;
    Finding f = ctx.finding();
    f.cwe = 287;
    f.parameter = "credentials";
    f.detail = "Missing credentials are refused (" + std::to_string(none->response.status) +
               "), but two different invalid credentials (an opaque random value and a random JWT-shaped token) are "
               "accepted with the authenticated content: the server checks presence, not validity.";
    f.evidence = {*base, std::move(*none), std::move(*e1), std::move(*e2)};
    ctx.report(std::move(f));
}

}  // namespace

void addAuthChecks(std::vector<std::unique_ptr<Check>>& out) {
    addCheck(out,
             info("auth-missing", "Authentication not enforced",
                  "Replays an authenticated request (auth settings, Authorization, Cookie, API-key headers) without "
                  "credentials; reported when it still gets 2xx with content similar (>= 0.9) to the authenticated "
                  "answer, twice (the second with cache-bypass headers)."),
             runMissing);
    addCheck(out,
             info("auth-invalid-credentials", "Invalid credentials accepted",
                  "When missing credentials are refused, replaces them with two different invalid values (opaque "
                  "random, random JWT-shaped); reported when both get 2xx with the authenticated content."),
             runInvalid);
}

}  // namespace sonde
