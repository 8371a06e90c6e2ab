// Rate limiting absent (opt-in: sends a bounded burst) (CWE-770).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

bool limited(const Response& r) {
    return r.status == 429 || r.header("Retry-After") || r.header("RateLimit-Limit") || r.header("RateLimit") ||
           r.header("X-RateLimit-Limit") || r.header("X-Rate-Limit-Limit");
}

CheckInfo info() {
    CheckInfo i;
    i.id = "rate-limit-absent";
    i.family = "ratelimit";
    i.title = "No rate limiting";
    i.severity = Severity::Low;
    i.confidence = Confidence::Firm;
    i.cwe = 770;
    i.owasp = kOwaspApi4;
    i.remediation = "Limit requests per client and per credential (429 with Retry-After), especially on login, "
                    "password reset and expensive endpoints; advertise limits with RateLimit headers.";
    i.description = "Opt-in. Sends two bounded bursts (ScanOptions::burstSize each, default 30) of the unchanged "
                    "request; reported when no response is 429 and none carries Retry-After or RateLimit-* / "
                    "X-RateLimit-* headers, and all keep the baseline status.";
    i.tier = Tier::Load;
    i.optIn = true;
    return i;
}

void run(ProbeContext& ctx) {
    const Exchange* base = ctx.baseline();
    if (!base || limited(base->response)) return;
    std::vector<Exchange> ev = {*base};
    int sent = 0;
    for (int burst = 0; burst < 2; ++burst) {
        for (int i = 0; i < ctx.options().burstSize; ++i) {
            if (ctx.stopped()) return;
            auto e = probe(ctx, ctx.request());
            if (!e || limited(e->response) || e->response.status != base->response.status) return;
            ++sent;
            if (i == ctx.options().burstSize - 1) ev.push_back(std::move(*e));
        }
    }
    Finding f = ctx.finding();
    f.parameter = "request";
    f.detail = std::to_string(sent) + " identical requests in two bursts all got " +
               std::to_string(base->response.status) + " with no 429, Retry-After or RateLimit headers.";
    f.evidence = std::move(ev);
    ctx.report(std::move(f));
}

}  // namespace

void addRateLimitChecks(std::vector<std::unique_ptr<Check>>& out) { addCheck(out, info(), run); }

}  // namespace sonde
