// NoSQL operator injection in JSON (CWE-943).
#include <nlohmann/json.hpp>

#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

CheckInfo info() {
    CheckInfo i;
    i.id = "nosqli-operator";
    i.family = "nosqli";
    i.title = "NoSQL operator injection";
    i.severity = Severity::High;
    i.confidence = Confidence::Firm;
    i.cwe = 943;
    i.owasp = kOwaspInjection;
    i.remediation = "Validate types: accept only scalars where scalars are expected, reject objects whose keys "
                    "start with `$`, and build queries with explicit operators ({field: {$eq: value}}).";
    i.description = "Replaces each JSON leaf (body, GraphQL variables) with `{\"$ne\": <random>}` and a control "
                    "`{\"$eq\": <random>}`. Reported when the control behaves like the baseline but the `$ne` "
                    "probe changes the response; confirmed by `{\"$gt\": \"\"}` giving the same changed response.";
    return i;
}

void run(ProbeContext& ctx) {
    const Exchange* base = ctx.baseline();
    const Exchange* base2 = ctx.baseline2();
    if (!base || !base2 || responseSimilarity(base->response, base2->response) < 0.98) return;
    for (const auto& point : ctx.insertionPoints()) {
        if (point.kind != InsertionKind::Json && point.kind != InsertionKind::GraphQLVariable) continue;
        if (ctx.stopped()) return;
        const std::string r = ctx.canary();
        auto control = probe(ctx, injectJson(ctx.request(), point, nlohmann::json{{"$eq", r}}));
        if (!control || responseSimilarity(control->response, base->response) < 0.95) continue;
        auto ne = probe(ctx, injectJson(ctx.request(), point, nlohmann::json{{"$ne", r}}));
        if (!ne || responseSimilarity(ne->response, base->response) >= 0.9 || ne->response.status >= 500) continue;
        auto gt = probe(ctx, injectJson(ctx.request(), point, nlohmann::json{{"$gt", ""}}));
        if (!gt || responseSimilarity(gt->response, ne->response) < 0.9) continue;
        Finding f = ctx.finding();
        f.parameter = point.label();
        f.payload = nlohmann::json{{"$ne", r}}.dump();
        f.detail = "Query operators in " + point.label() + " are interpreted: {\"$ne\": …} and {\"$gt\": \"\"} change "
                   "the response (status " + std::to_string(ne->response.status) + " instead of " +
                   std::to_string(base->response.status) + ") while the {\"$eq\": …} control does not.";
        f.evidence = {*base, std::move(*control), std::move(*ne), std::move(*gt)};
        ctx.report(std::move(f));
    }
}

}  // namespace

void addNosqliChecks(std::vector<std::unique_ptr<Check>>& out) { addCheck(out, info(), run); }

}  // namespace sonde
