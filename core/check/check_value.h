#pragma once
// CheckValue: what one source (status, header, body, jsonpath, ...) yields from an exchange, shared
// by AssertionEvaluator and CaptureEvaluator. Text is borrowed from the response where possible;
// JSON values are borrowed from the context's parsed body (no copies for a single node).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/check/check_cache.h"
#include "core/check/check_context.h"
#include "core/model/assertion.h"

namespace sonde {

struct CheckValue {
    enum class Kind {
        Absent,  // nothing there (header missing, JSONPath matched nothing): `reason` says what
        Error,   // cannot look (invalid JSONPath, body not JSON, bad regex): `reason` says why
        Text,    // str()
        Json,    // json()
    };
    Kind kind = Kind::Absent;
    std::string reason;

    std::string_view str() const { return ownsText ? std::string_view(ownText) : text; }
    // The JSON value; a raw one (found by scanning, not parsed) is parsed here on first use.
    const nlohmann::json& json() const;

    // Raw JSON: the value's text in the body, and for arrays/objects their size, known without parsing.
    bool isRaw() const { return isRaw_; }
    std::string_view rawText() const { return text; }
    bool rawIsContainer() const { return isRaw_ && !text.empty() && (text[0] == '[' || text[0] == '{'); }
    std::size_t rawMembers() const { return rawMembers_; }

    // Setters (keep the borrowed/owned bookkeeping in one place).
    static CheckValue absent(std::string why);
    static CheckValue error(std::string why);
    static CheckValue borrowText(std::string_view t);
    static CheckValue ownedText(std::string t);
    static CheckValue borrowJson(const nlohmann::json* j);
    static CheckValue ownedJson(nlohmann::json j);
    static CheckValue rawJson(std::string_view text, std::size_t members);

private:
    std::string_view text;
    std::string ownText;
    bool ownsText = false;
    const nlohmann::json* ref = nullptr;
    mutable nlohmann::json own;
    bool isRaw_ = false;
    mutable bool parsed_ = false;
    std::size_t rawMembers_ = 0;
};

// One op applied to one value (AssertionEvaluator's internal verdict).
struct CheckVerdict {
    bool passed = false;
    std::string note;  // why it could not be compared, or a detail such as "length 2" (shown on failure)
};

// The value of `source` (selector: header name, JSONPath or regex; group: the regex group, -1 for
// "group 1 if the regex has groups, else the whole match").
CheckValue extractValue(CheckSource source, const std::string& selector, int group, CheckContext& ctx,
                        CheckCache& cache);

// A value shortened for messages: at most `max` bytes, cut on a UTF-8 boundary, with a note.
std::string shorten(std::string_view s, std::size_t max = 200);
// JSON text for messages, serialising no more than about `max` bytes of a large value.
std::string dumpShort(const nlohmann::json& j, std::size_t max = 200);

}  // namespace sonde
