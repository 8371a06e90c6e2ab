// A minimal JSON reader (RFC 8259) building an index tree over the source text.
#include "core/graphql/json_reader.h"

namespace sonde::graphql::detail {

namespace {
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
int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

bool JsonTree::parse(std::string_view text, std::string& error) {
    src_ = text;
    pos_ = 0;
    nodes_.clear();
    nodes_.reserve(text.size() / 16);
    error_.clear();
    skipWs();
    value(0);
    skipWs();
    if (error_.empty() && pos_ != src_.size()) fail("unexpected text after the JSON value");
    error = error_;
    return error_.empty();
}

bool JsonTree::fail(const char* what) {
    if (error_.empty()) error_ = std::string(what) + " at byte " + std::to_string(pos_);
    pos_ = src_.size();
    return false;
}

void JsonTree::skipWs() {
    while (pos_ < src_.size()) {
        char c = src_[pos_];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
        ++pos_;
    }
}

std::uint32_t JsonTree::value(int depth) {
    if (depth > 256) {
        fail("JSON nested too deeply");
        return npos;
    }
    if (pos_ >= src_.size()) {
        fail("unexpected end of JSON");
        return npos;
    }
    auto idx = std::uint32_t(nodes_.size());
    nodes_.emplace_back();
    char c = src_[pos_];
    if (c == '{' || c == '[') {
        bool obj = c == '{';
        nodes_[idx].kind = obj ? Kind::Object : Kind::Array;
        ++pos_;
        skipWs();
        std::uint32_t last = npos;
        if (pos_ < src_.size() && src_[pos_] == (obj ? '}' : ']')) {
            ++pos_;
            return idx;
        }
        while (error_.empty()) {
            std::string_view key;
            if (obj) {
                if (pos_ >= src_.size() || src_[pos_] != '"') {
                    fail("expected a member name");
                    break;
                }
                std::uint32_t k = value(depth + 1);
                if (k == npos) break;
                key = nodes_[k].raw;  // member names of introspection results have no escapes
                nodes_.pop_back();
                skipWs();
                if (pos_ >= src_.size() || src_[pos_] != ':') {
                    fail("expected ':'");
                    break;
                }
                ++pos_;
                skipWs();
            }
            std::uint32_t child = value(depth + 1);
            if (child == npos) break;
            nodes_[child].key = key;
            if (last == npos) nodes_[idx].firstChild = child;
            else nodes_[last].nextSibling = child;
            last = child;
            skipWs();
            if (pos_ < src_.size() && src_[pos_] == ',') {
                ++pos_;
                skipWs();
                continue;
            }
            if (pos_ < src_.size() && src_[pos_] == (obj ? '}' : ']')) {
                ++pos_;
                break;
            }
            fail(obj ? "expected ',' or '}'" : "expected ',' or ']'");
        }
        return error_.empty() ? idx : npos;
    }
    if (c == '"') {
        std::size_t b = ++pos_;
        bool escaped = false;
        while (pos_ < src_.size() && src_[pos_] != '"') {
            if (src_[pos_] == '\\') {
                escaped = true;
                ++pos_;
            }
            ++pos_;
        }
        if (pos_ >= src_.size()) {
            fail("unterminated string");
            return npos;
        }
        nodes_[idx].kind = Kind::String;
        nodes_[idx].escaped = escaped;
        nodes_[idx].raw = src_.substr(b, pos_ - b);
        ++pos_;
        return idx;
    }
    auto literal = [&](std::string_view word, Kind k) {
        if (src_.compare(pos_, word.size(), word) != 0) return fail("invalid literal"), npos;
        nodes_[idx].kind = k;
        nodes_[idx].raw = src_.substr(pos_, word.size());
        pos_ += word.size();
        return idx;
    };
    if (c == 't') return literal("true", Kind::Bool);
    if (c == 'f') return literal("false", Kind::Bool);
    if (c == 'n') return literal("null", Kind::Null);
    if (c == '-' || (c >= '0' && c <= '9')) {
        std::size_t b = pos_++;
        while (pos_ < src_.size()) {
            char d = src_[pos_];
            if (!((d >= '0' && d <= '9') || d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-')) break;
            ++pos_;
        }
        nodes_[idx].kind = Kind::Number;
        nodes_[idx].raw = src_.substr(b, pos_ - b);
        return idx;
    }
    fail("unexpected character");
    return npos;
}

std::uint32_t JsonTree::get(std::uint32_t n, std::string_view key) const {
    if (!isObject(n)) return npos;
    for (std::uint32_t c = nodes_[n].firstChild; c != npos; c = nodes_[c].nextSibling)
        if (nodes_[c].key == key) return c;
    return npos;
}

std::string JsonTree::string(std::uint32_t n) const {
    if (kind(n) != Kind::String) return {};
    const Node& s = nodes_[n];
    if (!s.escaped) return std::string(s.raw);
    std::string out;
    out.reserve(s.raw.size());
    std::string_view r = s.raw;
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (r[i] != '\\' || i + 1 >= r.size()) {
            out += r[i];
            continue;
        }
        char e = r[++i];
        switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                auto read4 = [&](std::size_t at, unsigned& v) {
                    if (at + 4 > r.size()) return false;
                    v = 0;
                    for (std::size_t k = at; k < at + 4; ++k) {
                        int h = hex(r[k]);
                        if (h < 0) return false;
                        v = v * 16 + unsigned(h);
                    }
                    return true;
                };
                unsigned cp = 0;
                if (!read4(i + 1, cp)) break;
                i += 4;
                unsigned lo = 0;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < r.size() && r[i + 1] == '\\' && r[i + 2] == 'u' &&
                    read4(i + 3, lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                appendUtf8(out, cp);
                break;
            }
            default: out += e; break;  // \" \\ \/
        }
    }
    return out;
}

}  // namespace sonde::graphql::detail
