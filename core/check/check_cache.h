#pragma once
// CheckCache: parsed JSONPaths and compiled regexes, keyed by their text, so a runner checking the
// same assertions on thousands of responses parses and compiles each once. Not thread-safe: one per
// worker (each AssertionEvaluator / CaptureEvaluator owns one). Bounded: cleared past kMaxEntries.
#include <memory>
#include <string>
#include <unordered_map>

#include "core/check/json_path.h"
#include "core/model/result.h"

namespace re2 {
class RE2;
}

namespace sonde {

class CheckCache {
public:
    static constexpr std::size_t kMaxEntries = 512;

    // The parsed query, or the parse error (cached too).
    Result<const JsonPath*> jsonPath(const std::string& text);
    // A compiled RE2 (with capture groups), or an Error naming RE2's complaint.
    Result<const re2::RE2*> regex(const std::string& pattern);
    std::size_t size() const { return paths_.size() + regexes_.size(); }

private:
    std::unordered_map<std::string, Result<JsonPath>> paths_;
    std::unordered_map<std::string, std::shared_ptr<re2::RE2>> regexes_;
};

}  // namespace sonde
