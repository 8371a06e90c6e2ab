#include "core/check/check_context.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace sonde {

CheckContext::CheckContext(const Exchange& exchange, long long nowEpochSeconds)
    : exchange_(exchange),
      now_(nowEpochSeconds != 0 ? nowEpochSeconds
                                : std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count()) {}

CheckContext::~CheckContext() = default;

Result<std::string_view> CheckContext::body() {
    const Response& r = exchange_.response;
    if (r.bodyFile.empty()) return std::string_view(r.body);
    if (bodyError_) return *bodyError_;
    if (!fileBody_) {
        std::ifstream in(r.bodyFile, std::ios::binary);
        if (!in) {
            bodyError_ = makeError("Cannot read the response body file", r.bodyFile,
                                   "the spilled body was removed or is not readable", "io");
            return *bodyError_;
        }
        std::ostringstream ss;
        ss << in.rdbuf();
        fileBody_ = std::move(ss).str();
    }
    return std::string_view(*fileBody_);
}

Result<const nlohmann::json*> CheckContext::json() {
    if (json_) return static_cast<const nlohmann::json*>(json_.get());
    if (jsonError_) return *jsonError_;
    auto text = body();
    if (!text) {
        jsonError_ = text.error();
        return *jsonError_;
    }
    ++jsonParses_;
    // nlohmann reports the failing byte only through its exception; it does not leave this function.
    try {
        json_ = std::make_unique<nlohmann::json>(nlohmann::json::parse(text->begin(), text->end()));
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        auto col = what.find("column");
        auto colon = what.find(": ", col == std::string::npos ? 0 : col);
        jsonError_ = makeError("The response body is not JSON" +
                                   (colon == std::string::npos ? std::string() : ": " + what.substr(colon + 2)),
                               "byte " + std::to_string(e.byte), "", "json");
        return *jsonError_;
    }
    return static_cast<const nlohmann::json*>(json_.get());
}

}  // namespace sonde

namespace sonde {

Result<std::optional<JsonPath::RawMatch>> CheckContext::scan(const JsonPath& path) {
    if (jsonError_) return *jsonError_;
    auto text = body();
    if (!text) {
        jsonError_ = text.error();
        return *jsonError_;
    }
    ++jsonScans_;
    auto r = path.scan(*text);
    if (!r) jsonError_ = r.error();
    return r;
}

}  // namespace sonde
