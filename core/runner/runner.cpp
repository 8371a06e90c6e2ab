#include "core/runner/runner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "core/runner/iteration_vars.h"
#include "core/runner/run_sequencer.h"

namespace sonde {

namespace {

long long nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Finds a folder by path from the root ("Users/Admin"), else the first folder with that name.
const Folder* findFolder(const Folder& root, const std::string& wanted, const std::string& path, std::string& found) {
    for (const auto& sub : root.folders) {
        const std::string p = path.empty() ? sub.name : path + "/" + sub.name;
        if (p == wanted || sub.name == wanted) {
            found = p;
            return &sub;
        }
    }
    for (const auto& sub : root.folders) {
        const std::string p = path.empty() ? sub.name : path + "/" + sub.name;
        if (const Folder* f = findFolder(sub, wanted, p, found)) return f;
    }
    return nullptr;
}

bool hasAny(const std::vector<std::string>& tags, const std::vector<std::string>& wanted) {
    for (const auto& t : tags)
        if (std::find(wanted.begin(), wanted.end(), t) != wanted.end()) return true;
    return false;
}

}  // namespace

Runner::Runner(Engine& engine, Collection collection, RunOptions options)
    : engine_(engine), collection_(std::move(collection)), options_(std::move(options)) {}

Runner::~Runner() = default;

void Runner::addObserver(RunObserver* observer) { observers_.push_back(observer); }

Result<std::vector<Runner::Planned>> Runner::select() const {
    const Folder* root = &collection_.root;
    std::string base;
    if (!options_.folder.empty()) {
        root = findFolder(collection_.root, options_.folder, "", base);
        if (!root)
            return makeError("No folder named '" + options_.folder + "' in the collection", collection_.name,
                             "give a folder name or path as it appears in the collection (--folder Users/Admin)",
                             "input");
    }
    std::vector<Planned> plan;
    forEachRequest(
        *root,
        [&](const RequestSpec& r, const std::string& path) {
            if (!options_.tags.empty() && !hasAny(r.tags, options_.tags)) return;
            if (hasAny(r.tags, options_.excludeTags)) return;
            std::string folder = base;
            if (!path.empty()) folder = folder.empty() ? path : folder + "/" + path;
            plan.push_back(Planned{folder, options_.sourceFile ? options_.sourceFile(folder, r.name) : std::string(), r});
        });
    if (plan.empty())
        return makeError(options_.tags.empty() && options_.excludeTags.empty()
                             ? "The collection has no request to run"
                             : "No request is left after the --tags/--exclude-tags filter",
                         collection_.name, "check the collection, the folder and the tags", "input");
    return plan;
}

Result<RunPlan> Runner::plan() const {
    auto selected = select();
    if (!selected) return selected.error();
    RunPlan p;
    p.collectionName = collection_.name;
    p.environmentName = options_.environment ? options_.environment->name : std::string();
    p.iterations = options_.effectiveIterations();
    p.parallel = std::max(1, std::min(options_.parallel, p.iterations));
    for (const auto& r : *selected) p.requests.push_back(PlannedRequest{r.folder, r.spec.name, r.spec.id});
    return p;
}

void Runner::stop(RunEnd reason) {
    int expected = static_cast<int>(RunEnd::Completed);
    stopReason_.compare_exchange_strong(expected, static_cast<int>(reason));
    std::set<ExchangeId> ids;
    {
        std::lock_guard lock(mutex_);
        ids = inFlight_;
    }
    for (ExchangeId id : ids) engine_.cancel(id);
    wake_.notify_all();
}

void Runner::cancel() { stop(RunEnd::Cancelled); }

bool Runner::sleepFor(long ms) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping(); });
    return !stopping();
}

ExchangeResult Runner::send(RequestSpec spec) {
    auto promise = std::make_shared<std::promise<ExchangeResult>>();
    auto future = promise->get_future();
    ExchangeId id = 0;
    {
        // Held across submit so a concurrent stop() sees the id (the callback only fulfils the promise).
        std::lock_guard lock(mutex_);
        if (stopping()) return makeError("The run was stopped", spec.url, "", "cancelled");
        id = engine_.submit(std::move(spec), [promise](ExchangeId, ExchangeResult r) { promise->set_value(std::move(r)); });
        inFlight_.insert(id);
    }
    ExchangeResult result = future.get();
    std::lock_guard lock(mutex_);
    inFlight_.erase(id);
    return result;
}

bool Runner::prepareRequest(int iteration, const Planned& planned, IterationVars& vars, RequestResult& r,
                            RequestSpec& spec, UrlMemo* urlMemo) {
    r.iteration = iteration;
    r.folder = planned.folder;
    r.name = planned.spec.name;
    r.requestId = planned.spec.id;
    r.file = planned.file;
    r.method = planned.spec.method;
    r.url = vars.redact(planned.spec.url);
    r.startedAt = isoNowUtc();

    auto resolved = vars.resolve(planned.spec);
    if (!resolved) {
        r.status = RequestStatus::Error;
        r.error = resolved.error();
        return false;
    }
    spec = std::move(*resolved);
    r.method = spec.method;
    // Params and a query API key change the effective URL: only a plain URL is remembered.
    const bool plain = spec.params.empty() && !(spec.auth.kind == AuthKind::ApiKey && spec.auth.keyInQuery);
    if (urlMemo && plain && !urlMemo->effective.empty() && urlMemo->text == spec.url) {
        r.url = vars.redact(urlMemo->effective);
    } else if (auto url = effectiveRequestUrl(spec)) {
        r.url = vars.redact(*url);
        if (urlMemo && plain) {
            urlMemo->text = spec.url;
            urlMemo->effective = std::move(*url);
        }
    } else {
        r.url = vars.redact(spec.url);
    }
    if (options_.timeoutMs > 0) spec.options.timeoutMs = options_.timeoutMs;
    if (options_.insecure) spec.options.verifyTls = false;
    if (deadlineAt_ > 0) {
        const long left = static_cast<long>(std::max<long long>(1, deadlineAt_ - nowMs()));
        spec.options.timeoutMs = std::min(spec.options.timeoutMs > 0 ? spec.options.timeoutMs : left, left);
    }
    return true;
}

RequestResult Runner::runRequest(int iteration, const Planned& planned, IterationVars& vars) {
    RequestResult r;
    RequestSpec spec;
    if (!prepareRequest(iteration, planned, vars, r, spec)) return r;
    completeRequest(r, spec, send(spec), vars);
    return r;
}

void Runner::completeRequest(RequestResult& r, const RequestSpec& spec, ExchangeResult ex, IterationVars& vars) {
    if (deadlineAt_ > 0 && nowMs() >= deadlineAt_) stop(RunEnd::DeadlineExceeded);
    if (!ex) {
        r.error = ex.error();
        if (stopReason_.load() == static_cast<int>(RunEnd::DeadlineExceeded))
            r.error = makeError("Stopped: the run's deadline passed", r.url, "raise --deadline", "deadline");
        r.error->where = vars.redact(r.error->where);
        r.error->title = vars.redact(r.error->title);
        r.status = r.error->code == "cancelled" || stopping() ? RequestStatus::Cancelled : RequestStatus::Error;
        return;
    }
    Exchange& exchange = *ex;
    r.durationMs = exchange.response.timings.total;
    r.responseStatus = exchange.response.status;
    auto checked = vars.evaluate(spec, exchange);
    r.assertions = std::move(checked.assertions);
    r.captured = std::move(checked.captured);
    for (auto& v : r.captured)
        if (vars.isSecret(v.name)) v.value = vars.redact(v.value);
    if (!exchange.response.bodyFile.empty()) {  // a spilled body: checked, now gone
        std::error_code ec;
        std::filesystem::remove(exchange.response.bodyFile, ec);
    }
    for (auto& a : r.assertions) {
        a.expected = vars.redact(a.expected);
        a.actual = vars.redact(a.actual);
        a.message = vars.redact(a.message);
    }
    vars.redact(exchange);
    r.exchange = std::move(exchange);
    r.status = r.failedAssertions() ? RequestStatus::Failed : RequestStatus::Passed;
}

void Runner::runIteration(int iteration, const std::vector<Planned>& plan, RunSequencer& sequencer) {
    const DataRow* row = options_.data.empty() ? nullptr : &options_.data[iteration % options_.data.size()];
    IterationVars vars(collection_, options_, row);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        if (deadlineAt_ > 0 && nowMs() >= deadlineAt_) stop(RunEnd::DeadlineExceeded);
        if (stopping()) break;
        if (i > 0 && options_.delayMs > 0 && !sleepFor(options_.delayMs)) break;
        RequestResult r = runRequest(iteration, plan[i], vars);
        r.index = static_cast<int>(i);
        const bool failed = r.status == RequestStatus::Failed || r.status == RequestStatus::Error;
        sequencer.requestDone(std::move(r));
        if (failed && options_.bail) stop(RunEnd::Bailed);
    }
    sequencer.iterationDone(iteration, row);
}

Result<RunResult> Runner::run() {
    auto selected = select();
    if (!selected) return selected.error();
    auto runPlan = plan();
    const std::vector<Planned>& planned = *selected;
    const int iterations = runPlan->iterations;
    const int workers = runPlan->parallel;

    RunResult result;
    result.collectionName = runPlan->collectionName;
    result.environmentName = runPlan->environmentName;
    result.startedAt = isoNowUtc();
    const long long started = nowMs();
    deadlineAt_ = options_.deadlineMs > 0 ? started + options_.deadlineMs : 0;

    RunSequencer sequencer(observers_, options_.keepBodyBytes, iterations);
    for (auto* o : observers_) o->runStarted(*runPlan);

    // The deadline: a watchdog stops the run when it passes (each request's timeout is also cut to it).
    std::atomic<bool> finished{false};
    std::thread watchdog;
    if (deadlineAt_ > 0)
        watchdog = std::thread([this, &finished] {
            std::unique_lock lock(mutex_);
            const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(deadlineAt_ - nowMs());
            wake_.wait_until(lock, until, [&] { return finished.load() || stopping(); });
            const bool expired = !finished.load() && !stopping();
            lock.unlock();
            if (expired) stop(RunEnd::DeadlineExceeded);
        });

    if (options_.delayMs > 0) {
        std::atomic<int> next{0};
        auto work = [&] {
            for (int k = next++; k < iterations && !stopping(); k = next++) runIteration(k, planned, sequencer);
        };
        std::vector<std::thread> pool;
        for (int w = 1; w < workers; ++w) pool.emplace_back(work);
        work();  // the calling thread is one of the workers
        for (auto& t : pool) t.join();
    } else {
        runChained(planned, sequencer, iterations, workers);
    }
    {
        std::lock_guard lock(mutex_);
        finished = true;
    }
    wake_.notify_all();
    if (watchdog.joinable()) watchdog.join();

    result.end = static_cast<RunEnd>(stopReason_.load());
    result.iterations = sequencer.take();
    auto& s = result.stats;
    s.iterations = static_cast<int>(result.iterations.size());
    s.totalMs = static_cast<double>(nowMs() - started);
    double sum = 0;
    int timed = 0;
    for (const auto& it : result.iterations)
        for (const auto& r : it.requests) {
            ++s.requests;
            if (r.status == RequestStatus::Failed || r.status == RequestStatus::Error) ++s.requestsFailed;
            if (r.status == RequestStatus::Error) ++s.transportErrors;
            s.assertions += static_cast<int>(r.assertions.size());
            s.assertionsFailed += r.failedAssertions();
            if (r.responseStatus != 0) {  // a response arrived
                s.responseMinMs = timed ? std::min(s.responseMinMs, r.durationMs) : r.durationMs;
                s.responseMaxMs = std::max(s.responseMaxMs, r.durationMs);
                sum += r.durationMs;
                ++timed;
            }
        }
    s.responseAvgMs = timed ? sum / timed : 0;
    for (auto* o : observers_) o->runDone(result);
    return result;
}

}  // namespace sonde
