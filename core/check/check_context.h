#pragma once
// CheckContext: one exchange as the assertions and captures see it. The body is read from its spill
// file (Response::bodyFile) at most once, and parsed as JSON at most once, only when something asks
// for it (a JSONPath or graphql-errors assertion, a JSONPath capture). One context per exchange;
// share it between AssertionEvaluator and CaptureEvaluator. It keeps a reference to the exchange (which
// must outlive it) and values handed out borrow from the body: not for use across threads.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/check/json_path.h"
#include "core/model/response.h"
#include "core/model/result.h"

namespace sonde {

class CheckContext {
public:
    // nowEpochSeconds: the clock for cert-expiry-days (0 = the system clock).
    explicit CheckContext(const Exchange& exchange, long long nowEpochSeconds = 0);
    ~CheckContext();
    CheckContext(const CheckContext&) = delete;
    CheckContext& operator=(const CheckContext&) = delete;

    const Exchange& exchange() const { return exchange_; }
    const Response& response() const { return exchange_.response; }
    long long now() const { return now_; }

    // The body bytes (from memory or the spill file). Error (code "io") if the file cannot be read.
    Result<std::string_view> body();
    // The body parsed as JSON (cached). Error (code "json", where "byte N") when it is not JSON.
    Result<const nlohmann::json*> json();
    bool hasJson() const { return json_ != nullptr; }
    // A singular query answered by scanning the text (JsonPath::scan) instead of building a DOM; the
    // caller checks path.canScan(). A body found not to be JSON is remembered like json()'s error.
    Result<std::optional<JsonPath::RawMatch>> scan(const JsonPath& path);
    // How many times the body was parsed as JSON (0 or 1) and scanned: lets tests see the laziness.
    int jsonParses() const { return jsonParses_; }
    int jsonScans() const { return jsonScans_; }

private:
    const Exchange& exchange_;
    long long now_;
    std::optional<std::string> fileBody_;
    std::optional<Error> bodyError_;
    std::unique_ptr<nlohmann::json> json_;
    std::optional<Error> jsonError_;
    int jsonParses_ = 0;
    int jsonScans_ = 0;
};

}  // namespace sonde
