// OS command injection: output canary and time-based (CWE-78).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

const char* kRemediation =
    "Do not pass input to a shell. Call the program directly with an argument vector (execve/posix_spawn), "
    "validate input against an allowlist, and never interpolate it into a command line.";

CheckInfo outputInfo() {
    CheckInfo i;
    i.id = "cmdi-output";
    i.family = "cmdi";
    i.title = "OS command injection (output)";
    i.severity = Severity::Critical;
    i.confidence = Confidence::Certain;
    i.cwe = 78;
    i.owasp = kOwaspInjection;
    i.remediation = kRemediation;
    i.description = "Appends a shell command with a separator (; | && newline $() backticks) that echoes a "
                    "random canary split by an empty quote pair (`echo r1''r2`): only a shell joins the halves, "
                    "so `r1r2` in the response (and not in the baseline) proves execution. Confirmed by a "
                    "second separator with fresh canaries.";
    return i;
}

void runOutput(ProbeContext& ctx) {
    const Exchange* base = ctx.baseline();
    if (!base) return;
    struct Form {
        const char* pre;
        const char* post;
    };
    static const std::vector<Form> forms = {{";echo ", ""}, {"$(echo ", ")"}, {"|echo ", ""},
                                            {"`echo ", "`"}, {"&&echo ", ""}, {"\necho ", ""}};
    for (const auto& point : ctx.insertionPoints()) {
        std::vector<Exchange> hits;
        std::vector<std::string> used;
        for (const auto& form : forms) {
            if (ctx.stopped()) return;
            const std::string r1 = ctx.canary(6), r2 = ctx.canary(6);
            const std::string payload = point.original + form.pre + r1 + "''" + r2 + form.post;
            auto ex = probe(ctx, inject(ctx.request(), point, payload));
            if (!ex) continue;
            if (ex->response.body.find(r1 + r2) == std::string::npos) continue;
            if (base->response.body.find(r1 + r2) != std::string::npos) continue;
            used.push_back(payload);
            hits.push_back(std::move(*ex));
            if (hits.size() == 2) break;
        }
        if (hits.size() < 2) continue;
        Finding f = ctx.finding();
        f.parameter = point.label();
        f.payload = used[0];
        f.detail = "The shell joined the canary halves of `" + used[0] + "` and of `" + used[1] + "` on " +
                   point.label() + ": the input reaches a command interpreter.";
        f.evidence = {*base, hits[0], hits[1]};
        ctx.report(std::move(f));
    }
}

CheckInfo timeInfo() {
    CheckInfo i = outputInfo();
    i.id = "cmdi-time";
    i.title = "OS command injection (time-based)";
    i.confidence = Confidence::Firm;
    i.description = "Appends `sleep n` with a separator (; | $() backticks newline). Judged against a measured "
                    "baseline (median, MAD, max of several samples), confirmed by a doubled delay and a "
                    "`sleep 0` control.";
    return i;
}

void runTime(ProbeContext& ctx) {
    if (!ctx.baseline()) return;
    const double unit = ctx.options().timeDelaySeconds;
    struct Form {
        const char* pre;
        const char* post;
    };
    static const std::vector<Form> forms = {{";sleep ", ";"}, {"$(sleep ", ")"}, {"|sleep ", ""},
                                            {"`sleep ", "`"}, {"\nsleep ", "\n"}};
    for (const auto& point : ctx.insertionPoints()) {
        for (const auto& form : forms) {
            if (ctx.stopped()) return;
            auto make = [&](int level) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%g", unit * level);
                return point.original + form.pre + buf + form.post;
            };
            auto verdict = judgeTiming(ctx, point, make, [&](int level) { return unit * 1000.0 * level; });
            if (!verdict.positive) continue;
            Finding f = ctx.finding();
            f.parameter = point.label();
            f.payload = make(1);
            f.detail = "`sleep` injected in " + point.label() + " delays the response in proportion: " +
                       verdict.describe() + ".";
            f.evidence = verdict.evidence;
            ctx.report(std::move(f));
            break;
        }
    }
}

}  // namespace

void addCmdiChecks(std::vector<std::unique_ptr<Check>>& out) {
    addCheck(out, outputInfo(), runOutput);
    addCheck(out, timeInfo(), runTime);
}

}  // namespace sonde
