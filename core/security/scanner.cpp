#include "core/security/scanner.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "core/http/engine.h"
#include "core/security/probe_context.h"

namespace sonde {
namespace {

bool named(const std::vector<std::string>& list, const CheckInfo& c) {
    for (const auto& n : list)
        if (n == c.id || n == c.family) return true;
    return false;
}

bool selected(const ScanOptions& o, const CheckInfo& c) {
    if (named(o.excludeChecks, c)) return false;
    if (o.checks.empty()) return !c.optIn;
    if (!named(o.checks, c)) return false;
    // An opt-in check runs only when named by its own id or family, never through "all".
    return true;
}

}  // namespace

struct Scanner::Impl {
    Engine& engine;
    ScanOptions options;
    std::atomic<bool> cancelled{false};
    std::atomic<std::uint64_t> inFlight{0};
    Impl(Engine& e, ScanOptions o) : engine(e), options(std::move(o)) {}
};

Scanner::Scanner(Engine& engine, ScanOptions options) : d(std::make_unique<Impl>(engine, std::move(options))) {}
Scanner::~Scanner() = default;

void Scanner::cancel() {
    d->cancelled = true;
    if (auto id = d->inFlight.load()) d->engine.cancel(id);
}

std::vector<CheckInfo> Scanner::selectedChecks(const ScanOptions& options) {
    std::vector<CheckInfo> out;
    for (const auto& c : catalogueInfo())
        if (selected(options, c)) out.push_back(c);
    return out;
}

ScanResult Scanner::run(const std::vector<ScanTarget>& targets, ScanObserver* observer) {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    ScanResult result;

    ScanSession session;
    session.engine = &d->engine;
    session.options = d->options;
    session.cancelled = &d->cancelled;
    session.inFlight = &d->inFlight;
    session.observer = observer;
    session.rng.seed(d->options.seed ? d->options.seed
                                     : static_cast<std::uint64_t>(clock::now().time_since_epoch().count()) ^
                                           reinterpret_cast<std::uintptr_t>(&session));
    for (const auto& t : targets) session.scopeHosts.insert(parseUrl(t.request.url).host);

    auto catalogue = makeCatalogue();
    std::vector<Check*> checks;
    for (auto& c : catalogue)
        if (selected(d->options, c->info())) checks.push_back(c.get());

    std::set<std::string> seen;
    const int steps = static_cast<int>(targets.size() * checks.size());
    int step = 0;
    for (const auto& target : targets) {
        for (Check* check : checks) {
            if (d->cancelled || session.budgetExhausted) break;
            if (observer) observer->onCheckStarted(check->info().id, target, step, steps);
            ++step;
            ProbeContext ctx(session, target, check->info());
            check->run(ctx);
            ++result.checksRun;
            if (ctx.stopped() && !d->cancelled && !session.budgetExhausted) {
                std::string w = "check " + check->info().id + " reached its time limit on " + target.request.url;
                result.warnings.push_back(w);
                if (observer) observer->onWarning(w);
            }
            for (const auto& f : ctx.findings())
                if (seen.insert(f.fingerprint()).second) result.findings.push_back(f);
        }
    }
    result.cancelled = d->cancelled;
    result.budgetExhausted = session.budgetExhausted;
    result.requestsSent = session.requestsSent;
    result.durationMs = std::chrono::duration<double, std::milli>(clock::now() - start).count();
    return result;
}

}  // namespace sonde
