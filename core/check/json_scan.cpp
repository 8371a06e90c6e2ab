// JsonPath::scan: validates a JSON text and finds the value at a singular path (names and
// non-negative indexes) without building a DOM: one allocation-free pass, several times faster than
// nlohmann's parse, so a runner asserting "$.items length 8000" on a 1 MB body need not build a tree.
// Accepts what nlohmann::json::parse accepts (RFC 8259, UTF-8 checked, an optional leading BOM);
// duplicate member names resolve to the last one, as nlohmann does.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "core/check/json_path.h"
#include "core/check/json_path_ast.h"

namespace sonde {
namespace {

struct Step {
    bool isIndex = false;
    std::string_view name;
    std::size_t index = 0;
};

class Scanner {
public:
    Scanner(std::string_view s, const std::vector<Step>& steps) : s_(s), steps_(steps) {}

    std::optional<JsonPath::RawMatch> match;
    std::size_t errPos = 0;
    std::string err;

    bool run() {
        if (s_.size() >= 3 && s_.substr(0, 3) == "\xEF\xBB\xBF") p_ = 3;
        if (!value(true, 0)) return false;
        while (!stack_.empty()) {
            skipWs();
            if (p_ >= s_.size()) return fail("unexpected end of input");
            Frame& f = stack_.back();
            char close = f.object ? '}' : ']';
            char c = s_[p_];
            if (f.first) {
                f.first = false;
                if (c == close) {
                    ++p_;
                    closeFrame();
                    continue;
                }
            } else if (c == ',') {
                ++p_;
                skipWs();
            } else if (c == close) {
                ++p_;
                closeFrame();
                continue;
            } else {
                return fail(f.object ? "expected , or }" : "expected , or ]");
            }
            bool childOnPath = false;
            if (f.object) {
                if (p_ >= s_.size() || s_[p_] != '"') return fail("expected a member name");
                std::size_t keyStart = p_ + 1;
                bool escaped = false;
                if (!string(escaped)) return false;
                std::string_view rawKey = s_.substr(keyStart, p_ - 1 - keyStart);
                if (f.onPath && !steps_[f.level].isIndex)
                    childOnPath = keyEquals(rawKey, escaped, steps_[f.level].name);
                if (f.target) targetKeys_.push_back(escaped ? decodeKey(rawKey) : std::string(rawKey));
                skipWs();
                if (p_ >= s_.size() || s_[p_] != ':') return fail("expected :");
                ++p_;
            } else if (f.onPath && steps_[f.level].isIndex) {
                childOnPath = f.count == steps_[f.level].index;
            }
            ++f.count;
            std::size_t level = f.level + 1;  // f may move when value() pushes
            // A later duplicate member replaces an earlier one: forget what the earlier one held.
            if (childOnPath) match.reset();
            if (!value(childOnPath, level)) return false;
        }
        skipWs();
        if (p_ != s_.size()) return fail("unexpected text after the JSON value");
        return true;
    }

private:
    struct Frame {
        bool object = false;
        bool onPath = false;  // its children may match steps_[level]
        bool target = false;  // this container is the value the path selects
        bool first = true;
        std::size_t level = 0;
        std::size_t begin = 0;
        std::size_t count = 0;
    };
    std::string_view s_;
    const std::vector<Step>& steps_;
    std::size_t p_ = 0;
    std::vector<Frame> stack_;
    std::vector<std::string> targetKeys_;  // member names of the selected object (duplicates count once)

    bool fail(const char* msg) {
        errPos = p_;
        err = msg;
        return false;
    }
    void skipWs() {
        while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\n' || s_[p_] == '\r' || s_[p_] == '\t')) ++p_;
    }
    void closeFrame() {
        const Frame f = stack_.back();
        stack_.pop_back();
        if (!f.target) return;
        std::size_t members = f.count;
        if (f.object) {
            std::sort(targetKeys_.begin(), targetKeys_.end());
            members = static_cast<std::size_t>(std::unique(targetKeys_.begin(), targetKeys_.end()) - targetKeys_.begin());
        }
        match = JsonPath::RawMatch{f.begin, p_, members};
    }

    bool value(bool onPath, std::size_t level) {
        skipWs();
        if (p_ >= s_.size()) return fail("unexpected end of input");
        bool target = onPath && level == steps_.size();
        std::size_t begin = p_;
        char c = s_[p_];
        if (c == '{' || c == '[') {
            Frame f;
            f.object = c == '{';
            f.onPath = onPath && level < steps_.size();
            f.target = target;
            f.level = level;
            f.begin = begin;
            if (target) targetKeys_.clear();
            stack_.push_back(f);
            ++p_;
            return true;
        }
        bool escaped = false;
        if (c == '"') {
            if (!string(escaped)) return false;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!number()) return false;
        } else if (!literal("true") && !literal("false") && !literal("null")) {
            return fail("expected a JSON value");
        }
        if (target) match = JsonPath::RawMatch{begin, p_, 0};
        return true;
    }

    bool literal(std::string_view word) {
        if (s_.substr(p_, word.size()) != word) return false;
        p_ += word.size();
        return true;
    }

    bool digits() {
        std::size_t start = p_;
        while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
        return p_ > start;
    }

    bool number() {
        std::size_t start = p_;
        bool exponent = false;
        if (s_[p_] == '-') ++p_;
        if (p_ < s_.size() && s_[p_] == '0') {
            ++p_;
        } else if (!digits()) {
            return fail("malformed number");
        }
        if (p_ < s_.size() && s_[p_] == '.') {
            ++p_;
            if (!digits()) return fail("expected a digit after the decimal point");
        }
        if (p_ < s_.size() && (s_[p_] == 'e' || s_[p_] == 'E')) {
            ++p_;
            if (p_ < s_.size() && (s_[p_] == '+' || s_[p_] == '-')) ++p_;
            if (!digits()) return fail("expected a digit in the exponent");
            exponent = true;
        }
        // nlohmann rejects numbers that overflow a double ("1e400"); so do we.
        if (exponent || p_ - start > 300) {
            std::string token(s_.substr(start, p_ - start));
            if (std::isinf(std::strtod(token.c_str(), nullptr))) return fail("number overflow");
        }
        return true;
    }

    int hex4() {
        if (p_ + 4 > s_.size()) return -1;
        int v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = s_[p_ + i];
            int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        p_ += 4;
        return v;
    }

    // One UTF-8 sequence starting at p_ (a lead byte >= 0x80), RFC 3629 ranges.
    bool utf8() {
        auto b = [this](std::size_t i) { return static_cast<unsigned char>(s_[p_ + i]); };
        unsigned char c = b(0);
        std::size_t len;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4) len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else return fail("invalid UTF-8 in string");
        if (p_ + len > s_.size()) return fail("invalid UTF-8 in string");
        if (b(1) < lo || b(1) > hi) return fail("invalid UTF-8 in string");
        for (std::size_t i = 2; i < len; ++i)
            if (b(i) < 0x80 || b(i) > 0xBF) return fail("invalid UTF-8 in string");
        p_ += len;
        return true;
    }

    bool string(bool& escaped) {
        ++p_;  // opening quote
        for (;;) {
            // Eight bytes at a time while none is a quote, a backslash, a control or a non-ASCII byte
            // (a hit, or a false one from a borrow, falls through to the byte loop below).
            constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
            while (p_ + 8 <= s_.size()) {
                std::uint64_t x;
                std::memcpy(&x, s_.data() + p_, 8);
                const std::uint64_t q = x ^ (kOnes * '"'), bs = x ^ (kOnes * '\\');
                if ((((q - kOnes) & ~q) | ((bs - kOnes) & ~bs) | ((x - kOnes * 0x20) & ~x) | x) & kHigh) break;
                p_ += 8;
            }
            while (p_ < s_.size()) {
                auto c = static_cast<unsigned char>(s_[p_]);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
                ++p_;
            }
            if (p_ >= s_.size()) return fail("unterminated string");
            auto c = static_cast<unsigned char>(s_[p_]);
            if (c == '"') {
                ++p_;
                return true;
            }
            if (c < 0x20) return fail("control character in string");
            if (c >= 0x80) {
                if (!utf8()) return false;
                continue;
            }
            escaped = true;
            ++p_;
            if (p_ >= s_.size()) return fail("unterminated string");
            char e = s_[p_++];
            if (e == 'u') {
                int v = hex4();
                if (v < 0) return fail("expected 4 hex digits after \\u");
                if (v >= 0xDC00 && v <= 0xDFFF) return fail("lone low surrogate");
                if (v >= 0xD800 && v <= 0xDBFF) {
                    if (s_.substr(p_, 2) != "\\u") return fail("high surrogate without a low surrogate");
                    p_ += 2;
                    int lo = hex4();
                    if (lo < 0xDC00 || lo > 0xDFFF) return fail("high surrogate without a low surrogate");
                }
            } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                return fail("invalid escape in string");
            }
        }
    }

    // Rare: a member name with escapes, decoded (the text is already validated).
    static std::string decodeKey(std::string_view raw) {
        nlohmann::json k = nlohmann::json::parse("\"" + std::string(raw) + "\"", nullptr, false);
        return k.is_string() ? k.get<std::string>() : std::string(raw);
    }
    static bool keyEquals(std::string_view raw, bool escaped, std::string_view name) {
        return escaped ? decodeKey(raw) == name : raw == name;
    }
};

}  // namespace

bool JsonPath::canScan() const {
    if (!query_->singular()) return false;
    for (const auto& seg : query_->segments)
        if (seg.selectors[0].kind == jp::Selector::Kind::Index && seg.selectors[0].index < 0) return false;
    return true;
}

Result<std::optional<JsonPath::RawMatch>> JsonPath::scan(std::string_view text) const {
    std::vector<Step> steps;
    for (const auto& seg : query_->segments) {
        const jp::Selector& sel = seg.selectors[0];
        Step st;
        st.isIndex = sel.kind == jp::Selector::Kind::Index;
        st.name = sel.name;
        st.index = st.isIndex ? static_cast<std::size_t>(sel.index) : 0;
        steps.push_back(st);
    }
    Scanner sc(text, steps);
    if (!sc.run())
        return makeError("The response body is not JSON: " + sc.err, "byte " + std::to_string(sc.errPos + 1), "", "json");
    return sc.match;
}

}  // namespace sonde
