// JWT verification flaws: alg none, signature not checked, weak HMAC secret, expired tokens
// (CWE-347, CWE-1391, CWE-613).
#include <chrono>

#include "core/security/checks/check_util.h"
#include "core/security/jwt.h"

namespace sonde {
namespace {

using nlohmann::json;

struct TokenSlot {
    std::string token;
    std::string where;  // "auth:bearer", "header:Authorization", "cookie:<name>"
};

std::optional<TokenSlot> findToken(const RequestSpec& r) {
    if (r.auth.kind == AuthKind::Bearer && looksLikeJwt(r.auth.token)) return TokenSlot{r.auth.token, "auth:bearer"};
    for (const auto& h : r.headers) {
        if (!h.enabled) continue;
        if (iequals(h.key, "Authorization")) {
            auto sp = h.value.find(' ');
            std::string t = sp == std::string::npos ? h.value : h.value.substr(sp + 1);
            if (looksLikeJwt(t)) return TokenSlot{t, "header:Authorization"};
        }
        if (iequals(h.key, "Cookie")) {
            std::size_t start = 0;
            while (start < h.value.size()) {
                auto semi = h.value.find(';', start);
                if (semi == std::string::npos) semi = h.value.size();
                std::string part = h.value.substr(start, semi - start);
                auto eq = part.find('=');
                if (eq != std::string::npos && looksLikeJwt(part.substr(eq + 1))) {
                    std::string name = part.substr(0, eq);
                    name.erase(0, name.find_first_not_of(' '));
                    return TokenSlot{part.substr(eq + 1), "cookie:" + name};
                }
                start = semi + 1;
            }
        }
    }
    return std::nullopt;
}

RequestSpec withToken(const RequestSpec& r, const std::string& oldToken, const std::string& newToken) {
    RequestSpec out = r;
    auto swap = [&](std::string& s) {
        auto p = s.find(oldToken);
        if (p != std::string::npos) s.replace(p, oldToken.size(), newToken);
    };
    if (out.auth.kind == AuthKind::Bearer) swap(out.auth.token);
    for (auto& h : out.headers)
        if (h.enabled && (iequals(h.key, "Authorization") || iequals(h.key, "Cookie"))) swap(h.value);
    return out;
}

bool accepted(const Response& probe, const Response& base) {
    return isSuccess(probe) && responseSimilarity(probe, base) >= 0.9;
}

long long nowEpoch() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Everything the JWT checks need first: the token, an accepted baseline and proof that the endpoint
// refuses a garbage token (otherwise it ignores the token and auth-invalid-credentials applies).
struct JwtSetup {
    TokenSlot slot;
    Jwt jwt;
    const Exchange* base = nullptr;
    Exchange garbage;
};

std::optional<JwtSetup> setup(ProbeContext& ctx) {
    auto slot = findToken(ctx.request());
    if (!slot) return std::nullopt;
    auto jwt = parseJwt(slot->token);
    const Exchange* base = ctx.baseline();
    if (!jwt || !base || !isSuccess(base->response)) return std::nullopt;
    auto garbage = probe(ctx, withToken(ctx.request(), slot->token, "sonde-" + ctx.canary(20)));
    if (!garbage || isSuccess(garbage->response)) return std::nullopt;
    return JwtSetup{*slot, *jwt, base, std::move(*garbage)};
}

CheckInfo info(const char* id, const char* title, Severity sev, int cwe, const char* description) {
    CheckInfo i;
    i.id = id;
    i.family = "jwt";
    i.title = title;
    i.severity = sev;
    i.confidence = Confidence::Certain;
    i.cwe = cwe;
    i.owasp = kOwaspApi2;
    i.remediation = "Verify every JWT with a fixed, server-side algorithm list (never `none`), a strong random key "
                    "(>= 256 bits for HS256), and check exp/nbf/aud/iss; use a maintained JWT library.";
    i.description = description;
    i.tier = Tier::Safe;
    return i;
}

void report(ProbeContext& ctx, const JwtSetup& s, std::string detail, std::vector<Exchange> ev, std::string payload) {
    Finding f = ctx.finding();
    f.parameter = s.slot.where;
    f.payload = std::move(payload);
    f.detail = std::move(detail);
    f.evidence = {*s.base, s.garbage};
    for (auto& e : ev) f.evidence.push_back(std::move(e));
    ctx.report(std::move(f));
}

void runNone(ProbeContext& ctx) {
    auto s = setup(ctx);
    if (!s) return;
    std::vector<Exchange> ev;
    std::string first;
    const std::vector<std::string> algs = {"none", "None", "NONE"};
    json payload = s->jwt.payload;
    for (const auto& alg : algs) {
        if (ctx.stopped() || ev.size() == 2) break;
        json h = s->jwt.header;
        h["alg"] = alg;
        if (!ev.empty() && payload.is_object()) payload["sonde"] = ctx.canary();  // second probe: also tampered
        const std::string forged =
            base64Encode(h.dump(), Base64Alphabet::Url) + "." + base64Encode(payload.dump(), Base64Alphabet::Url) + ".";
        auto e = probe(ctx, withToken(ctx.request(), s->slot.token, forged));
        if (!e || !accepted(e->response, s->base->response)) continue;
        if (first.empty()) first = forged;
        ev.push_back(std::move(*e));
    }
    if (ev.size() < 2) return;
    report(ctx, *s, "Unsigned tokens (alg `none`, an empty signature; the second also with a modified payload) are "
                    "accepted like the real token, while a garbage token is refused.",
           std::move(ev), first);
}

void runSignature(ProbeContext& ctx) {
    auto s = setup(ctx);
    if (!s || lower(s->jwt.alg()) == "none") return;
    std::vector<Exchange> ev;
    std::string first;
    for (int attempt = 0; attempt < 2; ++attempt) {
        json p = s->jwt.payload;
        if (!p.is_object()) return;
        p["sonde"] = ctx.canary();
        std::string sig = s->jwt.signaturePart;
        if (attempt == 1) std::reverse(sig.begin(), sig.end());  // second probe: the signature mangled too
        const std::string forged = s->jwt.headerPart + "." + base64Encode(p.dump(), Base64Alphabet::Url) + "." + sig;
        auto e = probe(ctx, withToken(ctx.request(), s->slot.token, forged));
        if (!e || !accepted(e->response, s->base->response)) return;
        if (first.empty()) first = forged;
        ev.push_back(std::move(*e));
    }
    report(ctx, *s, "A token whose payload was modified (keeping, then reversing, the original signature) is accepted: "
                    "the signature is not verified.",
           std::move(ev), first);
}

std::optional<std::string> crack(const Jwt& jwt, const std::string& token) {
    const std::string alg = jwt.alg();
    if (alg != "HS256" && alg != "HS384" && alg != "HS512") return std::nullopt;
    for (const auto& w : weakJwtSecrets())
        if (verifyHmacJwt(token, w)) return w;
    return std::nullopt;
}

void runWeakSecret(ProbeContext& ctx) {
    auto s = setup(ctx);
    if (!s) return;
    auto secret = crack(s->jwt, s->slot.token);
    if (!secret) return;
    // Live confirmation: a token with a modified payload, re-signed with the cracked secret, is accepted.
    json p = s->jwt.payload;
    if (p.is_object()) p["sonde"] = ctx.canary();
    const std::string forged = encodeJwt(s->jwt.header, p, *secret);
    auto e = probe(ctx, withToken(ctx.request(), s->slot.token, forged));
    if (!e || !accepted(e->response, s->base->response)) return;
    report(ctx, *s, "The token's " + s->jwt.alg() + " signature verifies with the well-known secret `" +
                        std::string(secret->empty() ? "(empty)" : secret->substr(0, 2) + "…") +
                        "` (found offline in the built-in list); a token forged with it is accepted.",
           {std::move(*e)}, forged);
}

void runExpired(ProbeContext& ctx) {
    auto s = setup(ctx);
    if (!s || !s->jwt.payload.is_object()) return;
    const long long now = nowEpoch();
    std::vector<Exchange> ev;
    std::string detail;
    std::string payloadText;
    if (s->jwt.payload.contains("exp") && s->jwt.payload["exp"].is_number() &&
        s->jwt.payload["exp"].get<long long>() < now - 60) {
        // The scanned token itself is expired and was accepted (baseline 2xx). Confirm that signatures are
        // checked (a mangled signature is refused), so the server verified this token and ignored exp.
        std::string sig = s->jwt.signaturePart;
        std::reverse(sig.begin(), sig.end());
        const std::string mangled = s->jwt.headerPart + "." + s->jwt.payloadPart + "." + sig;
        auto e = probe(ctx, withToken(ctx.request(), s->slot.token, mangled));
        if (!e || isSuccess(e->response)) return;
        ev.push_back(std::move(*e));
        detail = "The token expired " + std::to_string((now - s->jwt.payload["exp"].get<long long>()) / 60) +
                 " minutes ago and is still accepted, while the same token with a broken signature is refused: "
                 "signatures are verified but `exp` is not.";
        payloadText = "(the scanned token, unchanged)";  // never copy the real token into reports
    } else if (auto secret = crack(s->jwt, s->slot.token)) {
        json p = s->jwt.payload;
        p["exp"] = now - 3600;
        const std::string forged = encodeJwt(s->jwt.header, p, *secret);
        auto e = probe(ctx, withToken(ctx.request(), s->slot.token, forged));
        if (!e || !accepted(e->response, s->base->response)) return;
        ev.push_back(std::move(*e));
        detail = "A correctly signed token (weak secret) that expired an hour ago is accepted.";
        payloadText = forged;
    } else {
        return;
    }
    report(ctx, *s, detail, std::move(ev), payloadText);
}

}  // namespace

void addJwtChecks(std::vector<std::unique_ptr<Check>>& out) {
    addCheck(out,
             info("jwt-alg-none", "JWT accepted with alg none", Severity::Critical, 347,
                  "Re-sends the request with the token's header set to alg none/None/NONE and an empty signature "
                  "(the second also with a modified payload). Reported when both are accepted like the original "
                  "token while a garbage token is refused."),
             runNone);
    addCheck(out,
             info("jwt-signature-not-verified", "JWT signature not verified", Severity::Critical, 347,
                  "Modifies the payload (adds a random claim) keeping the original signature, then also reverses "
                  "the signature; reported when both are accepted while a garbage token is refused."),
             runSignature);
    addCheck(out,
             info("jwt-weak-secret", "JWT signed with a weak HMAC secret", Severity::High, 1391,
                  "Tries a built-in list of ~50 public/weak secrets against the HS256/384/512 signature offline "
                  "(no traffic); confirmed live by a token with a modified payload re-signed with the secret."),
             runWeakSecret);
    addCheck(out,
             info("jwt-expired-accepted", "Expired JWT accepted", Severity::Medium, 613,
                  "When the scanned token is expired yet accepted, confirms signatures are verified (a broken "
                  "signature is refused) so `exp` alone is ignored; with a cracked weak secret, forges a token "
                  "that expired an hour ago."),
             runExpired);
}

}  // namespace sonde
