#include "core/security/probe_context.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <chrono>
#include <future>
#include <thread>
#include <unordered_map>

#include "core/graphql/client.h"
#include "core/http/engine.h"

namespace sonde {
namespace {

double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

std::unordered_map<std::string, int> tokenCounts(const std::string& body) {
    std::unordered_map<std::string, int> counts;
    std::string cur;
    const std::size_t n = std::min<std::size_t>(body.size(), 256 * 1024);
    for (std::size_t i = 0; i <= n; ++i) {
        const char c = i < n ? body[i] : ' ';
        if (std::isalnum(static_cast<unsigned char>(c))) {
            cur += c;
        } else {
            if (!cur.empty()) ++counts[cur];
            cur.clear();
            if (i < n && !std::isspace(static_cast<unsigned char>(c))) ++counts[std::string(1, c)];
        }
    }
    return counts;
}

}  // namespace

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool containsI(const std::string& haystack, const std::string& needle) {
    return lower(haystack).find(lower(needle)) != std::string::npos;
}

bool isSuccess(const Response& r) { return r.status >= 200 && r.status < 300; }

double responseSimilarity(const Response& a, const Response& b) {
    if (a.status != b.status) return 0.0;
    if (a.body == b.body) return 1.0;
    auto ca = tokenCounts(a.body), cb = tokenCounts(b.body);
    long total = 0, common = 0;
    for (const auto& [k, v] : ca) {
        total += v;
        auto it = cb.find(k);
        if (it != cb.end()) common += std::min(v, it->second);
    }
    for (const auto& [k, v] : cb) total += v;
    if (total == 0) return 1.0;
    return 2.0 * static_cast<double>(common) / static_cast<double>(total);
}

ProbeContext::ProbeContext(ScanSession& session, const ScanTarget& target, const CheckInfo& check)
    : session_(session), target_(target), check_(check) {
    deadline_ = nowMs() + static_cast<double>(session.options.checkTimeoutMs);
}

bool ProbeContext::stopped() const {
    return (session_.cancelled && session_.cancelled->load()) || session_.budgetExhausted || nowMs() > deadline_;
}

ExchangeResult ProbeContext::send(RequestSpec request) {
    if (request.body.kind == BodyKind::GraphQL) {  // the engine sends bodies as given: build the HTTP form
        auto http = graphql::toHttpRequest(request);
        if (!http) return http.error();
        request = std::move(*http);
    }
    if (session_.cancelled && session_.cancelled->load())
        return makeError("Scan cancelled", request.url, {}, "cancelled");
    const UrlParts u = parseUrl(request.url);
    if (!session_.scopeHosts.count(u.host))
        return makeError("Host is out of the scan's scope", request.url, "Scan a request for that host", "out-of-scope");
    const std::string m = lower(request.method);
    if (!session_.options.allowUnsafe && (m == "delete" || m == "put" || m == "patch"))
        return makeError("Unsafe method not allowed", request.url, "Use --allow-unsafe", "unsafe");
    for (const auto& h : request.headers)
        if (h.key.find_first_of("\r\n") != std::string::npos || h.value.find_first_of("\r\n") != std::string::npos)
            return makeError("Header with a line break refused", request.url, {}, "invalid-header");
    const int budget = session_.options.requestBudget;
    if (budget > 0 && session_.requestsSent >= budget) {
        session_.budgetExhausted = true;
        return makeError("Request budget exhausted", request.url, "Raise --budget", "budget");
    }
    double now = nowMs();
    if (now > deadline_) return makeError("Check time limit reached", request.url, {}, "deadline");
    if (session_.options.rps > 0) {
        if (session_.nextSendAt > now) {
            std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(session_.nextSendAt - now));
            now = nowMs();
        }
        session_.nextSendAt = std::max(now, session_.nextSendAt) + 1000.0 / session_.options.rps;
    }
    const long remaining = static_cast<long>(deadline_ - now) + 1;
    request.options.followRedirects = false;
    request.options.timeoutMs = std::max(1L, std::min(session_.options.requestTimeoutMs, remaining));
    request.options.connectTimeoutMs = std::min(request.options.connectTimeoutMs, request.options.timeoutMs);
    ++session_.requestsSent;
    if (session_.observer) session_.observer->onRequestSent(session_.requestsSent);

    auto promise = std::make_shared<std::promise<ExchangeResult>>();
    auto future = promise->get_future();
    const ExchangeId id = session_.engine->submit(std::move(request), [promise](ExchangeId, ExchangeResult r) {
        promise->set_value(std::move(r));
    });
    if (session_.inFlight) session_.inFlight->store(id);
    if (session_.cancelled && session_.cancelled->load()) session_.engine->cancel(id);
    ExchangeResult result = future.get();
    if (session_.inFlight) session_.inFlight->store(0);
    return result;
}

const Exchange* ProbeContext::baseline() {
    if (!baselineTried_) {
        baselineTried_ = true;
        auto r = send(target_.request);
        if (r.ok()) baseline_ = std::move(r.value());
    }
    return baseline_ ? &*baseline_ : nullptr;
}

const Exchange* ProbeContext::baseline2() {
    if (!baseline2Tried_) {
        baseline2Tried_ = true;
        if (baseline()) {
            auto r = send(target_.request);
            if (r.ok()) baseline2_ = std::move(r.value());
        }
    }
    return baseline2_ ? &*baseline2_ : nullptr;
}

double ProbeContext::timeOf(const RequestSpec& request, int repeats, Exchange* last) {
    double best = -1;
    for (int i = 0; i < repeats; ++i) {
        const double t0 = nowMs();
        auto r = send(request);
        const double t = nowMs() - t0;
        if (!r.ok()) return -1;
        if (last) *last = r.value();
        if (best < 0 || t < best) best = t;
    }
    return best;
}

TimingBaseline ProbeContext::timingBaseline() {
    if (timing_) return *timing_;
    TimingBaseline tb;
    std::vector<double> samples;
    for (int i = 0; i < std::max(3, session_.options.baselineSamples); ++i) {
        const double t = timeOf(target_.request, 1);
        if (t < 0) return tb;
        samples.push_back(t);
    }
    std::sort(samples.begin(), samples.end());
    tb.median = samples[samples.size() / 2];
    tb.max = samples.back();
    std::vector<double> dev;
    for (double s : samples) dev.push_back(std::abs(s - tb.median));
    std::sort(dev.begin(), dev.end());
    tb.mad = dev[dev.size() / 2];
    tb.ok = true;
    timing_ = tb;
    return tb;
}

std::vector<InsertionPoint> ProbeContext::insertionPoints() const {
    InsertionOptions io;
    io.headers = session_.options.headers;
    return sonde::insertionPoints(target_.request, io);
}

std::string ProbeContext::canary(int length) {
    static const char* letters = "abcdefghijklmnopqrstuvwxyz";
    static const char* alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string s;
    s += letters[session_.rng() % 26];
    for (int i = 1; i < length; ++i) s += alnum[session_.rng() % 36];
    return s;
}

int ProbeContext::randomInt(int lo, int hi) {
    return lo + static_cast<int>(session_.rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

Finding ProbeContext::finding() const {
    Finding f = makeFinding(check_);
    f.method = target_.request.method;
    f.url = target_.request.url;
    f.pathTemplate = target_.pathTemplate.empty() ? pathTemplateOf(target_.request.url) : target_.pathTemplate;
    f.sourceFile = target_.sourceFile;
    f.sourceLine = target_.sourceLine;
    return f;
}

void ProbeContext::report(Finding f) {
    for (const auto& existing : findings_)
        if (existing.fingerprint() == f.fingerprint()) return;
    if (session_.observer) session_.observer->onFinding(f);
    findings_.push_back(std::move(f));
}

}  // namespace sonde
