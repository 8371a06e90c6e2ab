#include "core/check/i_regexp.h"

#include <re2/re2.h>

#include <cstdint>

namespace sonde {
namespace {

// Translator over the RFC 9485 grammar; one instance per pattern.
class Translator {
public:
    explicit Translator(std::string_view s) : s_(s) {}

    bool run() {
        if (!regexp(0)) return false;
        return p_ == s_.size();
    }
    std::string out;

private:
    std::string_view s_;
    std::size_t p_ = 0;

    bool eof() const { return p_ >= s_.size(); }
    char peek() const { return eof() ? '\0' : s_[p_]; }

    // Decodes one UTF-8 code point at p_ (advancing); false on malformed input.
    bool next(char32_t& cp) {
        if (eof()) return false;
        auto b = static_cast<unsigned char>(s_[p_]);
        int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || p_ + len > s_.size()) return false;
        cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (int i = 1; i < len; ++i) {
            auto c = static_cast<unsigned char>(s_[p_ + i]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
        p_ += len;
        return true;
    }

    void literal(char32_t cp) {
        if (cp < 0x80) {
            auto c = static_cast<char>(cp);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                out += c;
            } else if (cp >= 0x21 && cp < 0x7F) {
                out += '\\';
                out += c;
            } else {
                static const char* hex = "0123456789abcdef";
                out += "\\x{";
                out += hex[cp >> 4];
                out += hex[cp & 0xF];
                out += '}';
            }
            return;
        }
        // Re-encode as UTF-8 (RE2 works on UTF-8 by default).
        if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        }
        if (cp >= 0x80) out += static_cast<char>(0x80 | (cp & 0x3F));
    }

    bool regexp(int depth) {
        if (depth > 100) return false;
        if (!branch(depth)) return false;
        while (peek() == '|' && !eof()) {
            ++p_;
            out += '|';
            if (!branch(depth)) return false;
        }
        return true;
    }

    bool branch(int depth) {
        while (!eof() && peek() != '|' && peek() != ')') {
            if (!atom(depth)) return false;
            if (!quantifier()) return false;
        }
        return true;
    }

    bool digits(std::string& d) {
        while (!eof() && peek() >= '0' && peek() <= '9') d += s_[p_++];
        return !d.empty();
    }

    bool quantifier() {
        char c = peek();
        if (eof()) return true;
        if (c == '*' || c == '+' || c == '?') {
            out += c;
            ++p_;
            return true;
        }
        if (c != '{') return true;
        ++p_;
        std::string lo, hi;
        if (!digits(lo)) return false;
        out += '{';
        out += lo;
        if (peek() == ',') {
            ++p_;
            out += ',';
            if (digits(hi)) out += hi;
        }
        if (peek() != '}') return false;
        ++p_;
        out += '}';
        return true;
    }

    static bool isSingleEsc(char c) {
        return (c >= '(' && c <= '+') || c == '-' || c == '.' || c == '?' || (c >= '[' && c <= '^') ||
               c == 'n' || c == 'r' || c == 't' || (c >= '{' && c <= '}');
    }
    static char32_t singleEscValue(char c) { return c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c; }

    // After "\p" or "\P": "{" category "}". Writes the RE2 form; inClass limits what can be expressed.
    bool category(bool negated, bool inClass) {
        if (peek() != '{') return false;
        ++p_;
        std::string cat;
        while (!eof() && peek() != '}') cat += s_[p_++];
        if (eof()) return false;
        ++p_;
        static const char* const kValid[] = {"L",  "Ll", "Lm", "Lo", "Lt", "Lu", "M",  "Mc", "Me", "Mn",
                                             "N",  "Nd", "Nl", "No", "P",  "Pc", "Pd", "Pe", "Pf", "Pi",
                                             "Po", "Ps", "Z",  "Zl", "Zp", "Zs", "S",  "Sc", "Sk", "Sm",
                                             "So", "C",  "Cc", "Cf", "Cn", "Co"};
        bool known = false;
        for (const char* v : kValid) known = known || cat == v;
        if (!known) return false;
        // RE2 has no Cn (unassigned) class: outside a bracket it is "none of the assigned categories".
        const char* assigned = "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Z}\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}";
        if (cat == "Cn") {
            if (inClass) return false;  // not expressible inside a RE2 bracket
            out += negated ? "[" : "[^";
            out += assigned;
            out += "]";
            return true;
        }
        if (cat == "C" && !inClass) {
            out += negated ? "[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Z}]" : "(?:\\p{C}|[^" + std::string(assigned) + "])";
            return true;
        }
        out += negated ? "\\P{" : "\\p{";
        out += cat;
        out += '}';
        return true;
    }

    bool atom(int depth) {
        char c = peek();
        if (c == '(') {
            ++p_;
            out += "(?:";
            if (!regexp(depth + 1) || peek() != ')' || eof()) return false;
            ++p_;
            out += ')';
            return true;
        }
        if (c == '.') {
            ++p_;
            out += "[^\\n\\r]";
            return true;
        }
        if (c == '^' || c == '$') {
            // RFC 9485 lists them as ordinary characters, but the JSONPath compliance suite expects
            // them to anchor ("functions, match, explicit caret"); RE2 without multi-line anchors too.
            ++p_;
            out += c;
            return true;
        }
        if (c == '\\') {
            ++p_;
            if (eof()) return false;
            char e = s_[p_++];
            if (e == 'p' || e == 'P') return category(e == 'P', false);
            if (!isSingleEsc(e)) return false;
            literal(singleEscValue(e));
            return true;
        }
        if (c == '[') return charClass();
        if (c == '*' || c == '+' || c == '?' || c == ')' || c == ']' || c == '{' || c == '}') return false;
        char32_t cp;
        if (!next(cp)) return false;
        literal(cp);
        return true;
    }

    // One CCchar (possibly a SingleCharEsc); false when the next item is not one.
    bool ccChar(char32_t& cp) {
        char c = peek();
        if (eof() || c == '-' || c == '[' || c == ']') return false;
        if (c == '\\') {
            if (p_ + 1 >= s_.size() || !isSingleEsc(s_[p_ + 1])) return false;
            cp = singleEscValue(s_[p_ + 1]);
            p_ += 2;
            return true;
        }
        return next(cp);
    }

    bool charClass() {
        ++p_;  // '['
        out += '[';
        if (peek() == '^' && !eof()) {
            ++p_;
            out += '^';
        }
        bool first = true;
        for (;;) {
            if (eof()) return false;
            char c = peek();
            if (c == ']') {
                if (first) return false;
                ++p_;
                out += ']';
                return true;
            }
            if (c == '-') {
                // Allowed first, or last before ']'.
                bool last = p_ + 1 < s_.size() && s_[p_ + 1] == ']';
                if (!first && !last) return false;
                ++p_;
                out += "\\-";
                first = false;
                continue;
            }
            first = false;
            if (c == '\\' && p_ + 1 < s_.size() && (s_[p_ + 1] == 'p' || s_[p_ + 1] == 'P')) {
                bool neg = s_[p_ + 1] == 'P';
                p_ += 2;
                if (!category(neg, true)) return false;
                continue;
            }
            char32_t lo;
            if (!ccChar(lo)) return false;
            literal(lo);
            if (peek() == '-' && p_ + 1 < s_.size() && s_[p_ + 1] != ']') {
                ++p_;
                char32_t hi;
                if (!ccChar(hi)) return false;
                out += '-';
                literal(hi);
            }
        }
    }
};

}  // namespace

std::optional<std::string> IRegexp::toRe2(std::string_view pattern) {
    Translator t(pattern);
    if (!t.run()) return std::nullopt;
    return std::move(t.out);
}

std::shared_ptr<const re2::RE2> IRegexp::compile(std::string_view pattern) {
    auto translated = toRe2(pattern);
    if (!translated) return nullptr;
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_never_capture(true);
    auto re = std::make_shared<const re2::RE2>(*translated, opts);
    if (!re->ok()) return nullptr;
    return re;
}

}  // namespace sonde
