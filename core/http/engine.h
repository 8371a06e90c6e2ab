#pragma once
// Engine: the one HTTP transport (libcurl multi interface on its own thread) used by the GUI, the
// runner and the scanner. Thread-safe: submit and cancel from any thread. Every exchange has a
// deadline (HttpOptions::timeoutMs), so none can hang. One Engine is one session: it owns a cookie jar.
//
// Callbacks run on the engine's thread: copy what you need and return quickly (the GUI re-posts to
// its own thread with a queued signal). With EngineOptions::threads > 1 the engine runs that many
// worker threads, each with its own libcurl multi handle and connection cache (cookies, DNS and TLS
// sessions stay shared): a submit from inside a callback stays on that callback's worker (no thread
// switch, its connections reused), other submits go to the least busy worker.
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "core/model/request.h"
#include "core/model/response.h"

namespace sonde {

struct EngineOptions {
    int maxConcurrency = 16;      // exchanges in flight at once; the rest wait in order
                                  // (with threads > 1: per worker, maxConcurrency / threads rounded up)
    long maxHostConnections = 0;  // 0: no per-host cap (libcurl CURLMOPT_MAX_HOST_CONNECTIONS, per worker)
    bool cookies = true;          // keep a cookie jar for the session
    std::string userAgent = "Sonde/0.1";
    int threads = 1;              // worker threads, each with its own multi handle (see above)
};

struct Cookie {
    std::string domain, path, name, value;
    bool includeSubdomains = false, secure = false, httpOnly = false;
    long long expires = 0;  // epoch seconds, 0 = session cookie
};

using ExchangeId = std::uint64_t;
using ExchangeCallback = std::function<void(ExchangeId, ExchangeResult)>;

class Engine {
public:
    explicit Engine(EngineOptions options = {});
    ~Engine();  // cancels what is in flight (callbacks get "cancelled") and joins the thread
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // `request` must already have its {{variables}} resolved (see core/vars).
    ExchangeId submit(RequestSpec request, ExchangeCallback callback);
    std::future<ExchangeResult> submit(RequestSpec request);
    ExchangeResult send(RequestSpec request);  // blocking convenience

    // Cancels one exchange: its callback gets an Error with code "cancelled". False if unknown/finished.
    bool cancel(ExchangeId id);
    void cancelAll();

    // The session's cookie jar.
    std::vector<Cookie> cookies() const;
    void clearCookies();
    // Adds a cookie in Netscape format or "Set-Cookie:" header syntax (libcurl CURLOPT_COOKIELIST).
    void addCookie(const std::string& line);

    std::size_t inFlight() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Builds the exact URL (params merged into the query, API key in query) as the engine would send it.
Result<std::string> effectiveRequestUrl(const RequestSpec& request);

}  // namespace sonde
