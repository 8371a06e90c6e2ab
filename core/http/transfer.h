#pragma once
// Transfer: one exchange's libcurl easy handle and the state its callbacks fill. Created by the Engine,
// lives on the engine's thread only.
#include <cstdio>
#include <string>

#include "core/http/curl_handles.h"
#include "core/http/engine.h"

namespace sonde::http {

class Transfer {
public:
    Transfer(ExchangeId id, RequestSpec request, ExchangeCallback callback);
    ~Transfer();
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    // Configures `easy` (new, or reset by curl_easy_reset) for this exchange and keeps it. An Error here
    // (bad URL, missing file) ends the exchange before sending.
    Status prepare(EasyHandle easy, CURLSH* share, const EngineOptions& engineOptions);
    CURL* easy() const { return easy_.get(); }
    // Gives the easy handle back (for the engine to reset and reuse), once libcurl is done with it.
    EasyHandle releaseEasy() { return std::move(easy_); }
    ExchangeId id() const { return id_; }

    // Builds the result once libcurl reports the transfer done with `code`.
    ExchangeResult finish(CURLcode code);
    void deliver(ExchangeResult result);

private:
    static size_t onHeader(char* data, size_t size, size_t n, void* self);
    static size_t onWrite(char* data, size_t size, size_t n, void* self);
    static size_t onRead(char* buffer, size_t size, size_t n, void* self);
    static int onDebug(CURL*, curl_infotype type, char* data, size_t size, void* self);
    void captureTls();
    Status setBody(Slist& headers);
    bool userHasHeader(const std::string& name) const;
    size_t writeBody(const char* data, size_t len);
    Error errorFor(CURLcode code) const;

    ExchangeId id_;
    RequestSpec req_;
    ExchangeCallback callback_;
    EasyHandle easy_;
    Slist headers_, resolve_, connectTo_;
    Mime mime_;
    std::string url_;
    std::string postBody_;
    std::FILE* uploadFile_ = nullptr;
    std::FILE* spill_ = nullptr;
    bool overCap_ = false;
    bool tlsCaptured_ = false;
    std::string currentUrl_;
    std::string lastSentHeaders_;
    char errbuf_[CURL_ERROR_SIZE] = {};
    Response resp_;
    SentRequest sent_;
};

}  // namespace sonde::http
