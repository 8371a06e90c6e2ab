// Server-side template injection (CWE-1336).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

CheckInfo info() {
    CheckInfo i;
    i.id = "ssti";
    i.family = "ssti";
    i.title = "Server-side template injection";
    i.severity = Severity::Critical;
    i.confidence = Confidence::Certain;
    i.cwe = 1336;
    i.owasp = kOwaspInjection;
    i.remediation = "Never build templates from input: pass input to templates as data (variables), keep "
                    "autoescaping on, and use a logic-less or sandboxed engine for user-authored templates.";
    i.description = "Sends arithmetic with random operands in each template syntax ({{a*b}}, ${a*b}, "
                    "<%= a*b %>, #{a*b}, {{=a*b}}, @(a*b)) and looks for the product, which is neither in the "
                    "payload nor in the baseline. Confirmed by the same syntax with fresh operands.";
    return i;
}

void run(ProbeContext& ctx) {
    const Exchange* base = ctx.baseline();
    if (!base) return;
    struct Syntax {
        const char* open;
        const char* close;
    };
    static const std::vector<Syntax> syntaxes = {{"{{", "}}"},   {"${", "}"}, {"<%= ", " %>"},
                                                 {"#{", "}"},    {"{{=", "}}"}, {"@(", ")"}};
    for (const auto& point : ctx.insertionPoints()) {
        for (const auto& s : syntaxes) {
            if (ctx.stopped()) return;
            std::vector<Exchange> hits;
            std::vector<std::string> used;
            for (int attempt = 0; attempt < 2; ++attempt) {
                const int a = ctx.randomInt(1013, 9973), b = ctx.randomInt(1013, 9973);
                const std::string product = std::to_string(static_cast<long long>(a) * b);
                const std::string payload = point.original + s.open + std::to_string(a) + "*" + std::to_string(b) + s.close;
                auto ex = probe(ctx, inject(ctx.request(), point, payload));
                if (!ex || ex->response.body.find(product) == std::string::npos ||
                    base->response.body.find(product) != std::string::npos)
                    break;
                used.push_back(payload + " = " + product);
                hits.push_back(std::move(*ex));
            }
            if (hits.size() < 2) continue;
            Finding f = ctx.finding();
            f.parameter = point.label();
            f.payload = used[0];
            f.detail = "The server evaluated template arithmetic in " + point.label() + ": " + used[0] + "; " +
                       used[1] + " (products absent from payloads and baseline).";
            f.evidence = {*base, hits[0], hits[1]};
            ctx.report(std::move(f));
            break;
        }
    }
}

}  // namespace

void addSstiChecks(std::vector<std::unique_ptr<Check>>& out) { addCheck(out, info(), run); }

}  // namespace sonde
