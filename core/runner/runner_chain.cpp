// Runner's chained mode: no thread per iteration. Each chain runs one iteration at a time; a request's
// completion callback (on the engine's thread) checks it, reports it and submits the chain's next
// request, then the chain moves on to the next iteration not yet taken. The calling thread only starts
// the chains and waits. Sequential runs thus cost no thread switch per request, and parallel runs one
// per burst of completions rather than one per request.
#include <chrono>
#include <memory>

#include "core/runner/iteration_vars.h"
#include "core/runner/run_sequencer.h"
#include "core/runner/runner.h"

namespace sonde {

namespace {
long long steadyMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
}  // namespace

struct Runner::Chain {
    int iteration = 0;
    const DataRow* row = nullptr;
    std::unique_ptr<IterationVars> vars;
    std::size_t next = 0;    // index of the next request in the plan
    RequestResult current;   // the request in flight
    RequestSpec spec;        // being prepared; moved to the engine to send
    RequestSpec checks;      // its assertions and captures (all the checks need), kept while it is in flight
    std::vector<UrlMemo> urls;  // per planned request
};

void Runner::runChained(const std::vector<Planned>& plan, RunSequencer& sequencer, int iterations, int chains) {
    plan_ = &plan;
    sequencer_ = &sequencer;
    iterations_ = iterations;
    nextIteration_ = 0;
    std::vector<std::unique_ptr<Chain>> all;
    for (int i = 0; i < chains; ++i) all.push_back(std::make_unique<Chain>());
    {
        std::lock_guard lock(mutex_);
        activeChains_ = chains;
    }
    for (auto& c : all) {
        c->iteration = -1;  // chainAdvance takes an iteration
        c->next = plan.size();
        chainAdvance(c.get());
    }
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return activeChains_ == 0; });
}

void Runner::chainAdvance(Chain* c) {
    for (;;) {
        if (deadlineAt_ > 0 && steadyMs() >= deadlineAt_) stop(RunEnd::DeadlineExceeded);
        if (stopping() || c->next >= plan_->size()) {
            if (c->iteration >= 0) sequencer_->iterationDone(c->iteration, c->row);
            const int k = nextIteration_++;
            if (k >= iterations_ || stopping()) {
                std::lock_guard lock(mutex_);
                if (--activeChains_ == 0) wake_.notify_all();
                return;  // nothing of this runner may be touched after the notify
            }
            c->iteration = k;
            c->row = options_.data.empty() ? nullptr : &options_.data[k % options_.data.size()];
            c->vars = std::make_unique<IterationVars>(collection_, options_, c->row);
            c->next = 0;
        }
        const std::size_t i = c->next;
        c->current = RequestResult{};
        c->spec = RequestSpec{};
        if (c->urls.size() != plan_->size()) c->urls.resize(plan_->size());
        const bool ready = prepareRequest(c->iteration, (*plan_)[i], *c->vars, c->current, c->spec, &c->urls[i]);
        c->current.index = static_cast<int>(i);
        if (!ready) {  // e.g. an undefined variable: a result without an exchange
            if (options_.bail) stop(RunEnd::Bailed);
            sequencer_->requestDone(std::move(c->current));
            ++c->next;
            continue;
        }
        std::lock_guard lock(mutex_);
        if (stopping()) continue;  // the loop ends the iteration
        c->checks.assertions = std::move(c->spec.assertions);
        c->checks.captures = std::move(c->spec.captures);
        // The callback locks mutex_ before anything else, so it waits until the id is recorded here.
        const ExchangeId id = engine_.submit(std::move(c->spec), [this, c](ExchangeId done, ExchangeResult ex) {
            chainResponse(c, done, std::move(ex));
        });
        inFlight_.insert(id);
        return;
    }
}

void Runner::chainResponse(Chain* c, ExchangeId id, ExchangeResult ex) {
    {
        std::lock_guard lock(mutex_);
        inFlight_.erase(id);
    }
    completeRequest(c->current, c->checks, std::move(ex), *c->vars);
    const bool failed = c->current.status == RequestStatus::Failed || c->current.status == RequestStatus::Error;
    if (failed && options_.bail) stop(RunEnd::Bailed);
    sequencer_->requestDone(std::move(c->current));
    ++c->next;
    chainAdvance(c);
}

}  // namespace sonde
