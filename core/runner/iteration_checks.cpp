// IterationVars::evaluate: captures and assertions of one exchange, through core/check.
#include "core/check/assertion_evaluator.h"
#include "core/check/capture_evaluator.h"
#include "core/check/check_context.h"
#include "core/runner/iteration_vars_impl.h"

namespace sonde {

namespace {
// One evaluator pair per worker thread: they cache parsed JSONPaths and compiled regexes, so a run of
// thousands of iterations parses each once per thread (CheckCache is not thread-safe, hence per thread).
AssertionEvaluator& assertionEvaluator() {
    thread_local AssertionEvaluator e;
    return e;
}
CaptureEvaluator& captureEvaluator() {
    thread_local CaptureEvaluator e;
    return e;
}
}  // namespace

IterationVars::Checked IterationVars::evaluate(const RequestSpec& request, const Exchange& exchange) {
    Checked out;
    if (request.assertions.empty() && request.captures.empty()) return out;
    CheckContext ctx(exchange);
    for (const auto& c : request.captures) {
        if (!c.enabled) continue;
        auto value = captureEvaluator().capture(c, ctx);
        if (!value) {
            AssertionOutcome a;
            a.assertion.source = c.source;
            a.assertion.selector = c.selector;
            a.assertion.op = CheckOp::Exists;
            a.description = "capture " + c.variable;
            a.expected = "a value";
            a.actual = "(none)";
            a.message = value.error().message();
            out.assertions.push_back(std::move(a));
            continue;
        }
        setRuntime(c.variable, *value);
        out.captured.push_back(Variable{c.variable, std::move(*value)});
    }
    VariableResolver resolver(d->scopes, threadDynamicValues());
    const auto resolved = resolver.resolveAssertions(request.assertions);
    for (auto& r : assertionEvaluator().evaluateAll(resolved.value, ctx)) {
        AssertionOutcome a;
        a.description = std::move(r.description);
        a.assertion = std::move(r.assertion);
        a.passed = r.passed;
        a.expected = std::move(r.expected);
        a.actual = std::move(r.actual);
        if (!r.passed) a.message = std::move(r.message);
        out.assertions.push_back(std::move(a));
    }
    return out;
}

}  // namespace sonde
