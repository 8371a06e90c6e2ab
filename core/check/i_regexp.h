#pragma once
// IRegexp: RFC 9485 I-Regexp (the interoperable regex subset used by JSONPath match() and search())
// checked and translated to RE2 syntax. Differences handled: `.` matches anything but \n and \r;
// `^` and `$` outside brackets anchor (as the JSONPath compliance suite expects); \p{..}/\P{..}
// name Unicode general categories.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace sonde {

class IRegexp {
public:
    // The equivalent RE2 pattern, or nullopt when `pattern` is not a valid I-Regexp.
    static std::optional<std::string> toRe2(std::string_view pattern);
    // Compiled for matching (UTF-8, no captures); nullptr when not a valid I-Regexp or RE2 refuses it
    // (e.g. a repeat count over RE2's limit of 1000).
    static std::shared_ptr<const re2::RE2> compile(std::string_view pattern);
};

}  // namespace sonde
