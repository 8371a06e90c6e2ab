// Lexer for GraphQL source (spec section 2.1, "Source Text" and "Lexical Tokens").
#include "core/graphql/lexer.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

namespace sonde::graphql {

namespace {
bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isNameContinue(char c) { return isNameStart(c) || isDigit(c); }

void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

const char* describe(Token::Kind k) {
    using K = Token::Kind;
    switch (k) {
        case K::End: return "<EOF>";
        case K::Error: return "invalid token";
        case K::Bang: return "\"!\"";
        case K::Dollar: return "\"$\"";
        case K::Amp: return "\"&\"";
        case K::ParenL: return "\"(\"";
        case K::ParenR: return "\")\"";
        case K::Spread: return "\"...\"";
        case K::Colon: return "\":\"";
        case K::Equals: return "\"=\"";
        case K::At: return "\"@\"";
        case K::BracketL: return "\"[\"";
        case K::BracketR: return "\"]\"";
        case K::BraceL: return "\"{\"";
        case K::Pipe: return "\"|\"";
        case K::BraceR: return "\"}\"";
        case K::Name: return "Name";
        case K::Int: return "Int";
        case K::Float: return "Float";
        case K::String: return "String";
        case K::BlockString: return "BlockString";
    }
    return "token";
}

Lexer::Lexer(std::string_view source) : src_(source) {
    if (src_.size() >= 3 && src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = lineStart_ = 3;
}

void Lexer::newline(std::size_t afterPos) {
    ++line_;
    lineStart_ = afterPos;
}

void Lexer::skipIgnored() {
    while (pos_ < src_.size()) {
        char c = src_[pos_];
        if (c == ' ' || c == '\t' || c == ',') {
            ++pos_;
        } else if (c == '\n') {
            newline(++pos_);
        } else if (c == '\r') {
            ++pos_;
            if (pos_ < src_.size() && src_[pos_] == '\n') ++pos_;
            newline(pos_);
        } else if (c == '#') {
            while (pos_ < src_.size() && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;
        } else if (src_.substr(pos_, 3) == "\xEF\xBB\xBF") {
            pos_ += 3;
        } else {
            break;
        }
    }
}

Token Lexer::make(Token::Kind k, std::size_t start, Location loc, std::string value) {
    (void)start;
    Token t;
    t.kind = k;
    t.location = loc;
    t.end = pos_;
    t.value = std::move(value);
    return t;
}

Token Lexer::error(std::string message, Location where, Location start) {
    Token t;
    t.kind = Token::Kind::Error;
    t.value = std::move(message);
    t.location = start;
    t.errorLocation = where;
    t.end = pos_;
    pos_ = src_.size();  // stop lexing: one error per document, like the reference implementation
    return t;
}

Token Lexer::next() {
    skipIgnored();
    Location start = here();
    if (pos_ >= src_.size()) return make(Token::Kind::End, pos_, start);
    char c = src_[pos_];
    using K = Token::Kind;
    auto punct = [&](K k, std::size_t len) {
        pos_ += len;
        return make(k, start.offset, start);
    };
    switch (c) {
        case '!': return punct(K::Bang, 1);
        case '$': return punct(K::Dollar, 1);
        case '&': return punct(K::Amp, 1);
        case '(': return punct(K::ParenL, 1);
        case ')': return punct(K::ParenR, 1);
        case ':': return punct(K::Colon, 1);
        case '=': return punct(K::Equals, 1);
        case '@': return punct(K::At, 1);
        case '[': return punct(K::BracketL, 1);
        case ']': return punct(K::BracketR, 1);
        case '{': return punct(K::BraceL, 1);
        case '|': return punct(K::Pipe, 1);
        case '}': return punct(K::BraceR, 1);
        case '.':
            if (src_.substr(pos_, 3) == "...") return punct(K::Spread, 3);
            return error("Unexpected character: \".\".", start, start);
        case '"':
            if (src_.substr(pos_, 3) == "\"\"\"") return readBlockString(start);
            return readString(start);
        default: break;
    }
    if (isNameStart(c)) {
        std::size_t b = pos_;
        while (pos_ < src_.size() && isNameContinue(src_[pos_])) ++pos_;
        return make(K::Name, b, start, std::string(src_.substr(b, pos_ - b)));
    }
    if (c == '-' || isDigit(c)) return readNumber(start);
    // As graphql-js words it: printable ASCII quoted, anything else as U+XXXX (UTF-8 decoded).
    auto u = (unsigned char)c;
    std::string shown;
    if (u >= 0x20 && u < 0x7F) {
        shown = std::string("\"") + c + "\"";
    } else {
        unsigned cp = u;
        std::size_t len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
        if (len > 1 && pos_ + len <= src_.size()) {
            cp = u & (0xFF >> (len + 1));
            for (std::size_t i = 1; i < len; ++i) cp = (cp << 6) | ((unsigned char)src_[pos_ + i] & 0x3F);
        }
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", cp);
        shown = buf;
    }
    if (c == '\'') return error("Unexpected single quote character ('), did you mean to use a double quote (\")?", start, start);
    return error("Unexpected character: " + shown + ".", start, start);
}

Token Lexer::readNumber(Location start) {
    std::size_t b = pos_;
    bool isFloat = false;
    if (src_[pos_] == '-') ++pos_;
    if (pos_ < src_.size() && src_[pos_] == '0') {
        ++pos_;
        if (pos_ < src_.size() && isDigit(src_[pos_]))
            return error("Invalid number, unexpected digit after 0.", here(), start);
    } else {
        if (pos_ >= src_.size() || !isDigit(src_[pos_])) return error("Invalid number, expected digit.", here(), start);
        while (pos_ < src_.size() && isDigit(src_[pos_])) ++pos_;
    }
    if (pos_ < src_.size() && src_[pos_] == '.') {
        isFloat = true;
        ++pos_;
        if (pos_ >= src_.size() || !isDigit(src_[pos_])) return error("Invalid number, expected digit.", here(), start);
        while (pos_ < src_.size() && isDigit(src_[pos_])) ++pos_;
    }
    if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
        isFloat = true;
        ++pos_;
        if (pos_ < src_.size() && (src_[pos_] == '+' || src_[pos_] == '-')) ++pos_;
        if (pos_ >= src_.size() || !isDigit(src_[pos_])) return error("Invalid number, expected digit.", here(), start);
        while (pos_ < src_.size() && isDigit(src_[pos_])) ++pos_;
    }
    if (pos_ < src_.size() && (src_[pos_] == '.' || isNameStart(src_[pos_])))
        return error(std::string("Invalid number, unexpected \"") + src_[pos_] + "\".", here(), start);
    return make(isFloat ? Token::Kind::Float : Token::Kind::Int, b, start, std::string(src_.substr(b, pos_ - b)));
}

Token Lexer::readString(Location start) {
    ++pos_;  // opening quote
    std::string out;
    while (pos_ < src_.size()) {
        char c = src_[pos_];
        if (c == '"') {
            ++pos_;
            return make(Token::Kind::String, start.offset, start, std::move(out));
        }
        if (c == '\n' || c == '\r') break;
        if (c == '\\') {
            Location escAt = here();
            if (pos_ + 1 >= src_.size()) break;
            char e = src_[pos_ + 1];
            pos_ += 2;
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    auto readHex = [&](std::size_t n, unsigned& cp) {
                        cp = 0;
                        for (std::size_t i = 0; i < n; ++i) {
                            if (pos_ >= src_.size() || hexValue(src_[pos_]) < 0) return false;
                            cp = cp * 16 + unsigned(hexValue(src_[pos_++]));
                        }
                        return true;
                    };
                    unsigned cp = 0;
                    if (pos_ < src_.size() && src_[pos_] == '{') {  // variable-width \u{...}
                        ++pos_;
                        std::size_t digits = 0;
                        while (pos_ < src_.size() && hexValue(src_[pos_]) >= 0 && digits < 8) {
                            cp = cp * 16 + unsigned(hexValue(src_[pos_++]));
                            ++digits;
                        }
                        if (digits == 0 || pos_ >= src_.size() || src_[pos_] != '}' || cp > 0x10FFFF ||
                            (cp >= 0xD800 && cp <= 0xDFFF))
                            return error("Invalid Unicode escape sequence.", escAt, start);
                        ++pos_;
                    } else {
                        if (!readHex(4, cp)) return error("Invalid Unicode escape sequence.", escAt, start);
                        if (cp >= 0xD800 && cp <= 0xDBFF) {  // leading surrogate: a trailing one must follow
                            unsigned lo = 0;
                            if (src_.substr(pos_, 2) != "\\u") return error("Invalid Unicode escape sequence.", escAt, start);
                            pos_ += 2;
                            if (!readHex(4, lo) || lo < 0xDC00 || lo > 0xDFFF)
                                return error("Invalid Unicode escape sequence.", escAt, start);
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                            return error("Invalid Unicode escape sequence.", escAt, start);
                        }
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default:
                    return error(std::string("Invalid character escape sequence: \"\\") + e + "\".", escAt, start);
            }
            continue;
        }
        out += c;  // October 2021: any source character but a line terminator, control characters included
        ++pos_;
    }
    return error("Unterminated string.", here(), start);
}

Token Lexer::readBlockString(Location start) {
    pos_ += 3;
    std::string raw;
    raw.reserve(128);
    while (pos_ < src_.size()) {
        // Copy the run of ordinary characters in one go (descriptions are most of a large SDL file).
        static const auto special = [] {
            std::array<bool, 256> t{};
            t['"'] = t['\\'] = t['\n'] = t['\r'] = true;
            return t;
        }();
        std::size_t run = pos_;
        while (run < src_.size() && !special[(unsigned char)src_[run]]) ++run;
        raw.append(src_.data() + pos_, run - pos_);
        pos_ = run;
        if (pos_ >= src_.size()) break;
        if (src_.compare(pos_, 3, "\"\"\"") == 0) {
            pos_ += 3;
            return make(Token::Kind::BlockString, start.offset, start, blockStringValue(raw));
        }
        if (src_.compare(pos_, 4, "\\\"\"\"") == 0) {
            raw += "\"\"\"";
            pos_ += 4;
            continue;
        }
        char c = src_[pos_];
        if (c == '\n') {
            raw += c;
            newline(++pos_);
            continue;
        }
        if (c == '\r') {
            raw += '\n';
            ++pos_;
            if (pos_ < src_.size() && src_[pos_] == '\n') ++pos_;
            newline(pos_);
            continue;
        }
        raw += c;  // a lone '"' or '\\'
        ++pos_;
    }
    return error("Unterminated string.", here(), start);
}

std::string Lexer::blockStringValue(std::string_view raw) {
    if (raw.find('\r') != std::string_view::npos) {  // normalise CRLF and CR to LF first
        std::string lf;
        lf.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\r') lf += raw[i];
            else if (i + 1 >= raw.size() || raw[i + 1] != '\n') lf += '\n';
        }
        return blockStringValue(lf);
    }
    auto indentOf = [](std::string_view l) {
        std::size_t n = 0;
        while (n < l.size() && (l[n] == ' ' || l[n] == '\t')) ++n;
        return n;
    };
    if (raw.find('\n') == std::string_view::npos)  // one line: nothing to dedent
        return indentOf(raw) == raw.size() ? std::string() : std::string(raw);
    std::vector<std::string_view> lines;
    lines.reserve(8);
    for (std::size_t b = 0;;) {
        std::size_t e = raw.find('\n', b);
        if (e == std::string_view::npos) {
            lines.push_back(raw.substr(b));
            break;
        }
        lines.push_back(raw.substr(b, e - b));
        b = e + 1;
    }
    std::size_t common = std::string_view::npos;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::size_t ind = indentOf(lines[i]);
        if (ind < lines[i].size() && ind < common) common = ind;
    }
    if (common != std::string_view::npos)
        for (std::size_t i = 1; i < lines.size(); ++i) lines[i].remove_prefix(std::min(common, lines[i].size()));
    auto blank = [&](std::string_view l) { return indentOf(l) == l.size(); };
    std::size_t first = 0, last = lines.size();
    while (first < last && blank(lines[first])) ++first;
    while (last > first && blank(lines[last - 1])) --last;
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = first; i < last; ++i) {
        if (i > first) out += '\n';
        out += lines[i];
    }
    return out;
}

}  // namespace sonde::graphql
