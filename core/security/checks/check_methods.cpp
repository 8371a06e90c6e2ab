// HTTP methods: TRACE answered, unsafe methods advertised (CWE-693, CWE-749; informational).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

CheckInfo info(const char* id, const char* title, Severity sev, int cwe, const char* description) {
    CheckInfo i;
    i.id = id;
    i.family = "methods";
    i.title = title;
    i.severity = sev;
    i.confidence = Confidence::Certain;
    i.cwe = cwe;
    i.owasp = kOwaspApi8;
    i.remediation = "Disable TRACE/TRACK; answer methods a route does not implement with 405 and an accurate Allow header.";
    i.description = description;
    i.tier = Tier::Safe;
    return i;
}

RequestSpec withMethod(const RequestSpec& r, const std::string& method) {
    RequestSpec out = r;
    out.method = method;
    out.body = Body{};
    return out;
}

void runTrace(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    std::vector<Exchange> ev;
    for (int i = 0; i < 2; ++i) {
        const std::string c = ctx.canary();
        RequestSpec r = withMethod(ctx.request(), "TRACE");
        r.headers.push_back({"X-Sonde-Trace", c});
        auto e = probe(ctx, r);
        if (!e || !isSuccess(e->response) || e->response.body.find(c) == std::string::npos) return;
        ev.push_back(std::move(*e));
    }
    Finding f = ctx.finding();
    f.parameter = "method:TRACE";
    f.detail = "TRACE is answered and echoes the request headers (two random header canaries came back).";
    f.evidence = std::move(ev);
    ctx.report(std::move(f));
}

void runUnsafe(ProbeContext& ctx) {
    const std::string m = lower(ctx.request().method);
    if (m != "get" && m != "head") return;
    if (!ctx.baseline()) return;
    auto allowed = [](const Response& r) {
        std::string found;
        const std::string allow = lower(headerOr(r, "Allow") + "," + headerOr(r, "Access-Control-Allow-Methods"));
        for (const char* u : {"put", "delete", "patch"})
            if (allow.find(u) != std::string::npos) found += (found.empty() ? "" : ", ") + std::string(u);
        return found;
    };
    auto e1 = probe(ctx, withMethod(ctx.request(), "OPTIONS"));
    if (!e1 || e1->response.status >= 400) return;
    const std::string a1 = allowed(e1->response);
    if (a1.empty()) return;
    auto e2 = probe(ctx, withMethod(ctx.request(), "OPTIONS"));
    if (!e2 || allowed(e2->response) != a1) return;
    Finding f = ctx.finding();
    f.parameter = "method:OPTIONS";
    f.detail = "A route read with " + ctx.request().method + " advertises unsafe methods (" + a1 +
               ") in Allow; check they require the right privileges (informational; they were not called).";
    f.evidence = {std::move(*e1), std::move(*e2)};
    ctx.report(std::move(f));
}

}  // namespace

void addMethodsChecks(std::vector<std::unique_ptr<Check>>& out) {
    addCheck(out,
             info("methods-trace", "TRACE method enabled", Severity::Low, 693,
                  "Sends TRACE with a random header canary, twice; reported when a 2xx echoes the canary both times."),
             runTrace);
    addCheck(out,
             info("methods-unsafe-advertised", "Unsafe methods advertised on a read route", Severity::Info, 749,
                  "Sends OPTIONS to GET/HEAD routes; reported (informational) when Allow or "
                  "Access-Control-Allow-Methods lists PUT, DELETE or PATCH on two answers. The unsafe methods "
                  "themselves are never called by this check."),
             runUnsafe);
}

}  // namespace sonde
