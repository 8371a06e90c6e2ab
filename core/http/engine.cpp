#include "core/http/engine.h"

#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "core/http/curl_handles.h"
#include "core/http/transfer.h"

namespace sonde {

using http::Transfer;

namespace http {
void ensureCurlGlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}
}  // namespace http

namespace {
Error cancelledError(const std::string& url) { return makeError("Cancelled", url, "", "cancelled"); }
}  // namespace

// One worker: a libcurl multi handle driven by its own thread. Transfers submitted to a worker stay on it.
struct EngineWorker {
    CURLM* multi = nullptr;
    CURLSH* share = nullptr;
    const EngineOptions* options = nullptr;
    std::size_t maxConcurrency = 16;

    mutable std::mutex mutex;  // guards everything below
    std::deque<std::unique_ptr<Transfer>> pending;
    std::vector<ExchangeId> toCancel;
    std::set<ExchangeId> live;  // submitted and not yet delivered
    std::atomic<std::size_t> active{0};
    std::atomic<std::size_t> queued{0};
    std::atomic<std::size_t> load{0};  // live.size(), read without the lock to pick a worker
    bool stopping = false;
    std::thread thread;

    // Only touched by this worker's thread.
    std::map<ExchangeId, std::unique_ptr<Transfer>> running;
    // Easy handles of finished transfers, reset, for the next ones: libcurl then keeps its buffers and
    // connection bookkeeping instead of allocating them per request (curl_easy_reset.html). At most
    // maxConcurrency are kept.
    std::vector<http::EasyHandle> idle;

    http::EasyHandle takeEasy() {
        if (idle.empty()) return http::EasyHandle(curl_easy_init());
        http::EasyHandle h = std::move(idle.back());
        idle.pop_back();
        return h;
    }
    void recycle(Transfer& t) {
        http::EasyHandle h = t.releaseEasy();
        if (!h || idle.size() >= maxConcurrency) return;
        // libcurl 7.88 (Debian 12) leaks the cookie-file list on curl_easy_reset (curl/curl#10694, fixed
        // in 8.0); a null CURLOPT_COOKIEFILE frees it first and, with the jar in the share, keeps the cookies.
        if (options->cookies) curl_easy_setopt(h.get(), CURLOPT_COOKIEFILE, static_cast<char*>(nullptr));
        curl_easy_reset(h.get());
        idle.push_back(std::move(h));
    }

    EngineWorker(CURLSH* sh, const EngineOptions& o, std::size_t cap) : share(sh), options(&o), maxConcurrency(cap) {
        multi = curl_multi_init();
        curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
        if (o.maxHostConnections > 0) curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, o.maxHostConnections);
    }
    ~EngineWorker() {
        idle.clear();
        curl_multi_cleanup(multi);
    }

    static EngineWorker*& current() {  // the worker whose thread is running, if any
        static thread_local EngineWorker* w = nullptr;
        return w;
    }

    void add(std::unique_ptr<Transfer> t) {
        std::lock_guard lock(mutex);
        live.insert(t->id());
        load = live.size();
        pending.push_back(std::move(t));
        queued = pending.size();
    }

    // A submit from this worker's own thread needs no wakeup: its loop looks at `pending` before it polls.
    void wake() {
        if (current() != this) curl_multi_wakeup(multi);
    }

    void deliver(Transfer& t, ExchangeResult r) {
        {
            std::lock_guard lock(mutex);
            live.erase(t.id());
            load = live.size();
        }
        t.deliver(std::move(r));
    }

    void start(Transfer* t) {
        curl_multi_add_handle(multi, t->easy());
        active++;
    }

    void finishOne(CURL* easy, CURLcode code) {
        Transfer* t = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
        curl_multi_remove_handle(multi, easy);
        auto it = running.find(t->id());
        std::unique_ptr<Transfer> owned = std::move(it->second);
        running.erase(it);
        active--;
        deliver(*owned, owned->finish(code));
        recycle(*owned);
    }

    void cancelRunning(ExchangeId id) {
        auto it = running.find(id);
        if (it == running.end()) return;
        std::unique_ptr<Transfer> owned = std::move(it->second);
        running.erase(it);
        curl_multi_remove_handle(multi, owned->easy());
        active--;
        deliver(*owned, cancelledError(""));
        recycle(*owned);
    }

    // Removes `id` if it is still queued here (returned), else marks it for cancelling if it is live here.
    std::unique_ptr<Transfer> cancel(ExchangeId id, bool& known) {
        std::lock_guard lock(mutex);
        for (auto it = pending.begin(); it != pending.end(); ++it)
            if ((*it)->id() == id) {
                std::unique_ptr<Transfer> removed = std::move(*it);
                pending.erase(it);
                queued = pending.size();
                known = true;
                return removed;
            }
        known = live.count(id) > 0;
        if (known) toCancel.push_back(id);
        return nullptr;
    }

    std::deque<std::unique_ptr<Transfer>> cancelAll() {
        std::deque<std::unique_ptr<Transfer>> removed;
        std::lock_guard lock(mutex);
        removed.swap(pending);
        queued = 0;
        toCancel.assign(live.begin(), live.end());
        return removed;
    }

    void loop() {
        current() = this;
        for (;;) {
            std::vector<std::unique_ptr<Transfer>> toStart;
            std::vector<ExchangeId> cancels;
            bool stop;
            {
                std::lock_guard lock(mutex);
                stop = stopping;
                cancels.swap(toCancel);
                while (!pending.empty() && running.size() + toStart.size() < maxConcurrency) {
                    toStart.push_back(std::move(pending.front()));
                    pending.pop_front();
                }
                queued = pending.size();
            }
            for (ExchangeId id : cancels) cancelRunning(id);
            for (auto& t : toStart) {
                Transfer* raw = t.get();
                auto st = raw->prepare(takeEasy(), share, *options);
                if (!st) {
                    deliver(*raw, st.error());
                    recycle(*raw);
                    continue;
                }
                running.emplace(raw->id(), std::move(t));
                start(raw);
            }
            if (stop) break;
            int stillRunning = 0;
            curl_multi_perform(multi, &stillRunning);
            int left = 0;
            while (CURLMsg* msg = curl_multi_info_read(multi, &left))
                if (msg->msg == CURLMSG_DONE) finishOne(msg->easy_handle, msg->data.result);
            {
                std::lock_guard lock(mutex);
                if (stopping || !toCancel.empty() || (!pending.empty() && running.size() < maxConcurrency)) continue;
            }
            // Sleeps until a socket is ready, a timeout is due, or curl_multi_wakeup (curl_multi_poll.html).
            curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
        }
        // Shutting down: everything still running or queued ends as cancelled.
        for (auto& [id, t] : running) {
            curl_multi_remove_handle(multi, t->easy());
            deliver(*t, cancelledError(""));
        }
        running.clear();
        std::deque<std::unique_ptr<Transfer>> rest;
        {
            std::lock_guard lock(mutex);
            rest.swap(pending);
        }
        for (auto& t : rest) deliver(*t, cancelledError(""));
        current() = nullptr;
    }
};

struct Engine::Impl {
    EngineOptions options;
    CURLSH* share = nullptr;
    std::array<std::mutex, CURL_LOCK_DATA_LAST> shareLocks;
    std::atomic<ExchangeId> nextId{1};
    std::atomic<unsigned> nextWorker{0};
    std::vector<std::unique_ptr<EngineWorker>> workers;

    static void lockShare(CURL*, curl_lock_data data, curl_lock_access, void* p) {
        static_cast<Impl*>(p)->shareLocks[data].lock();
    }
    static void unlockShare(CURL*, curl_lock_data data, void* p) { static_cast<Impl*>(p)->shareLocks[data].unlock(); }

    // The calling callback's own worker, else the one with the fewest live exchanges (ties: round robin).
    EngineWorker* pick() {
        EngineWorker* self = EngineWorker::current();
        for (auto& w : workers)
            if (w.get() == self) return self;
        if (workers.size() == 1) return workers.front().get();
        const std::size_t n = workers.size();
        const std::size_t first = nextWorker++ % n;
        EngineWorker* best = workers[first].get();
        for (std::size_t k = 1; k < n; ++k) {
            EngineWorker* w = workers[(first + k) % n].get();
            if (w->load < best->load) best = w;
        }
        return best;
    }

    CURL* jarHandle() const {
        CURL* h = curl_easy_init();
        curl_easy_setopt(h, CURLOPT_SHARE, share);
        curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");
        return h;
    }
};

Engine::Engine(EngineOptions options) : d(std::make_unique<Impl>()) {
    http::ensureCurlGlobalInit();
    if (options.maxConcurrency < 1) options.maxConcurrency = 1;
    if (options.threads < 1) options.threads = 1;
    d->options = options;
    // The cookie jar is shared by every transfer of this session (curl_share_setopt.html).
    d->share = curl_share_init();
    curl_share_setopt(d->share, CURLSHOPT_LOCKFUNC, &Impl::lockShare);
    curl_share_setopt(d->share, CURLSHOPT_UNLOCKFUNC, &Impl::unlockShare);
    curl_share_setopt(d->share, CURLSHOPT_USERDATA, d.get());
    curl_share_setopt(d->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    curl_share_setopt(d->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(d->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    const auto threads = static_cast<std::size_t>(options.threads);
    const std::size_t cap = (static_cast<std::size_t>(options.maxConcurrency) + threads - 1) / threads;
    for (std::size_t i = 0; i < threads; ++i) d->workers.push_back(std::make_unique<EngineWorker>(d->share, d->options, cap));
    for (auto& w : d->workers) w->thread = std::thread([w = w.get()] { w->loop(); });
}

Engine::~Engine() {
    for (auto& w : d->workers) {
        {
            std::lock_guard lock(w->mutex);
            w->stopping = true;
        }
        curl_multi_wakeup(w->multi);
    }
    for (auto& w : d->workers) w->thread.join();
    d->workers.clear();
    curl_share_cleanup(d->share);
}

ExchangeId Engine::submit(RequestSpec request, ExchangeCallback callback) {
    const ExchangeId id = d->nextId++;
    EngineWorker* w = d->pick();
    w->add(std::make_unique<Transfer>(id, std::move(request), std::move(callback)));
    w->wake();
    return id;
}

std::future<ExchangeResult> Engine::submit(RequestSpec request) {
    auto promise = std::make_shared<std::promise<ExchangeResult>>();
    auto future = promise->get_future();
    submit(std::move(request), [promise](ExchangeId, ExchangeResult r) { promise->set_value(std::move(r)); });
    return future;
}

ExchangeResult Engine::send(RequestSpec request) { return submit(std::move(request)).get(); }

bool Engine::cancel(ExchangeId id) {
    for (auto& w : d->workers) {
        bool known = false;
        std::unique_ptr<Transfer> removed = w->cancel(id, known);
        if (!known) continue;
        if (removed) w->deliver(*removed, cancelledError(""));
        else w->wake();
        return true;
    }
    return false;
}

void Engine::cancelAll() {
    for (auto& w : d->workers) {
        for (auto& t : w->cancelAll()) w->deliver(*t, cancelledError(""));
        curl_multi_wakeup(w->multi);
    }
}

std::size_t Engine::inFlight() const {
    std::size_t n = 0;
    for (const auto& w : d->workers) n += w->active + w->queued;
    return n;
}

std::vector<Cookie> Engine::cookies() const {
    std::vector<Cookie> out;
    http::EasyHandle h(d->jarHandle());
    curl_slist* list = nullptr;
    // Netscape cookie format lines (CURLINFO_COOKIELIST.html).
    if (curl_easy_getinfo(h.get(), CURLINFO_COOKIELIST, &list) != CURLE_OK) return out;
    for (curl_slist* s = list; s; s = s->next) {
        std::vector<std::string> f;
        std::stringstream ss(s->data);
        std::string field;
        while (std::getline(ss, field, '\t')) f.push_back(field);
        if (f.size() < 7) continue;
        Cookie c;
        c.httpOnly = f[0].rfind("#HttpOnly_", 0) == 0;
        c.domain = c.httpOnly ? f[0].substr(10) : f[0];
        c.includeSubdomains = f[1] == "TRUE";
        c.path = f[2];
        c.secure = f[3] == "TRUE";
        c.expires = std::stoll(f[4]);
        c.name = f[5];
        c.value = f[6];
        out.push_back(std::move(c));
    }
    curl_slist_free_all(list);
    return out;
}

void Engine::clearCookies() {
    http::EasyHandle h(d->jarHandle());
    curl_easy_setopt(h.get(), CURLOPT_COOKIELIST, "ALL");
}

void Engine::addCookie(const std::string& line) {
    http::EasyHandle h(d->jarHandle());
    curl_easy_setopt(h.get(), CURLOPT_COOKIELIST, line.c_str());
}

namespace {
// The last few plain URLs (no params, no query API key) this thread normalised: a runner sends the same
// URLs thousands of times, and parsing one with curl_url costs as much as a tenth of a small request.
struct UrlMemo {
    static constexpr std::size_t kSize = 8;
    std::array<std::pair<std::string, std::string>, kSize> entries;
    std::size_t next = 0;
    const std::string* find(const std::string& url) const {
        for (const auto& [in, out] : entries)
            if (!out.empty() && in == url) return &out;
        return nullptr;
    }
    void add(const std::string& url, const std::string& effective) {
        entries[next] = {url, effective};
        next = (next + 1) % kSize;
    }
};
UrlMemo& urlMemo() {
    thread_local UrlMemo memo;
    return memo;
}
Result<std::string> computeEffectiveUrl(const RequestSpec& r);
}  // namespace

Result<std::string> effectiveRequestUrl(const RequestSpec& r) {
    bool plain = true;
    for (const auto& p : r.params) plain = plain && !(p.enabled && !p.key.empty());
    if (r.auth.kind == AuthKind::ApiKey && r.auth.keyInQuery && !r.auth.keyName.empty()) plain = false;
    if (!plain) return computeEffectiveUrl(r);
    if (const std::string* known = urlMemo().find(r.url)) return *known;
    auto url = computeEffectiveUrl(r);
    if (url) urlMemo().add(r.url, *url);
    return url;
}

namespace {
Result<std::string> computeEffectiveUrl(const RequestSpec& r) {
    http::ensureCurlGlobalInit();
    if (r.url.empty()) return makeError("The URL is empty", "", "Enter a URL such as http://127.0.0.1:8088/", "url");
    http::Url u(curl_url());
    // A URL without a scheme gets http:// as curl does (CURLU_GUESS_SCHEME, curl_url_set.html).
    CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, r.url.c_str(), CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME);
    if (rc != CURLUE_OK)
        return makeError(std::string("The URL is not valid: ") + curl_url_strerror(rc), r.url,
                         "Write it as http(s)://host[:port]/path", "url");
    auto append = [&](const std::string& k, const std::string& v) {
        std::string kv = k + "=" + v;
        curl_url_set(u.get(), CURLUPART_QUERY, kv.c_str(), CURLU_APPENDQUERY | CURLU_URLENCODE);
    };
    for (const auto& p : r.params)
        if (p.enabled && !p.key.empty()) append(p.key, p.value);
    if (r.auth.kind == AuthKind::ApiKey && r.auth.keyInQuery && !r.auth.keyName.empty())
        append(r.auth.keyName, r.auth.keyValue);
    char* out = nullptr;
    rc = curl_url_get(u.get(), CURLUPART_URL, &out, 0);
    if (rc != CURLUE_OK)
        return makeError(std::string("The URL is not valid: ") + curl_url_strerror(rc), r.url, "", "url");
    http::CurlString s(out);
    return std::string(s.get());
}
}  // namespace

}  // namespace sonde
