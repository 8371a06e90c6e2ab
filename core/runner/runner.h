#pragma once
// Runner: runs a collection over one shared Engine. Iterations run in parallel up to
// RunOptions::parallel; inside an iteration requests go in order so captures flow. Observers get
// events one at a time in a stable order (see RunObserver). A failed assertion or a transport error
// is a result; run() returns an Error only for input the run cannot start with (unknown folder, no
// request left after the tag filter). cancel() may be called from any thread: the run stops, what
// was in flight is cancelled, and observers still get runDone (so reports are written).
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/http/engine.h"
#include "core/model/collection.h"
#include "core/runner/run_options.h"
#include "core/runner/run_result.h"

namespace sonde {

class IterationVars;
class RunSequencer;

class Runner {
public:
    Runner(Engine& engine, Collection collection, RunOptions options);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    void addObserver(RunObserver* observer);  // not owned; must outlive run()

    // The requests the options select, in order (folder and tag filters applied).
    Result<RunPlan> plan() const;
    Result<RunResult> run();
    void cancel();

private:
    struct Planned {
        std::string folder;
        std::string file;
        RequestSpec spec;
    };
    struct Chain;

    Result<std::vector<Planned>> select() const;
    // Blocking mode (used with --delay): worker threads run whole iterations, waiting for each exchange.
    void runIteration(int iteration, const std::vector<Planned>& plan, RunSequencer& sequencer);
    RequestResult runRequest(int iteration, const Planned& planned, IterationVars& vars);
    // A request's two halves: variables resolved and options applied (false: r holds the error), and
    // the exchange's outcome checked, captured and redacted into r.
    // `urlMemo` (optional) remembers the last URL text and its effective form for this planned request,
    // so a run repeating it parses each distinct URL once (the engine parses it again to send it).
    struct UrlMemo {
        std::string text, effective;
    };
    bool prepareRequest(int iteration, const Planned& planned, IterationVars& vars, RequestResult& r,
                        RequestSpec& spec, UrlMemo* urlMemo = nullptr);
    void completeRequest(RequestResult& r, const RequestSpec& spec, ExchangeResult ex, IterationVars& vars);
    // Chained mode (runner_chain.cpp, the default): each of `parallel` chains submits its next request
    // from the previous one's completion callback, so a run costs no thread switch per request.
    void runChained(const std::vector<Planned>& plan, RunSequencer& sequencer, int iterations, int chains);
    void chainAdvance(Chain* chain);
    void chainResponse(Chain* chain, ExchangeId id, ExchangeResult ex);
    ExchangeResult send(RequestSpec spec);
    void stop(RunEnd reason);
    bool stopping() const { return stopReason_.load() != static_cast<int>(RunEnd::Completed); }
    bool sleepFor(long ms);  // false when the run stops meanwhile

    Engine& engine_;
    Collection collection_;
    RunOptions options_;
    std::vector<RunObserver*> observers_;

    std::atomic<int> stopReason_{static_cast<int>(RunEnd::Completed)};
    std::mutex mutex_;  // guards inFlight_ and wakes sleepers
    std::condition_variable wake_;
    std::set<ExchangeId> inFlight_;
    long long deadlineAt_ = 0;  // steady-clock ms; 0: none
    // Chained mode state (set by runChained for the duration of a run).
    const std::vector<Planned>* plan_ = nullptr;
    RunSequencer* sequencer_ = nullptr;
    std::atomic<int> nextIteration_{0};
    int iterations_ = 0;
    int activeChains_ = 0;  // guarded by mutex_
};

}  // namespace sonde
