#include "core/check/check_cache.h"

#include <re2/re2.h>

namespace sonde {

Result<const JsonPath*> CheckCache::jsonPath(const std::string& text) {
    auto it = paths_.find(text);
    if (it == paths_.end()) {
        if (paths_.size() >= kMaxEntries) paths_.clear();
        it = paths_.emplace(text, JsonPath::parse(text)).first;
    }
    if (!it->second.ok()) return it->second.error();
    return &it->second.value();
}

Result<const re2::RE2*> CheckCache::regex(const std::string& pattern) {
    auto it = regexes_.find(pattern);
    if (it == regexes_.end()) {
        if (regexes_.size() >= kMaxEntries) regexes_.clear();
        RE2::Options opts;
        opts.set_log_errors(false);
        it = regexes_.emplace(pattern, std::make_shared<re2::RE2>(pattern, opts)).first;
    }
    const re2::RE2& re = *it->second;
    if (!re.ok())
        return makeError("Invalid regular expression /" + pattern + "/: " + re.error(), re.error_arg(),
                         "use RE2 syntax (no backreferences or lookaround)", "regex");
    return &re;
}

}  // namespace sonde
