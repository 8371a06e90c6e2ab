// RFC 9535 JSONPath parser, part 1: queries, segments, selectors, integers and string literals;
// JsonPath::parse. Filter expressions are in json_path_filter_parser.cpp.
#include "core/check/json_path.h"
#include "core/check/json_path_parser.h"
#include "core/model/utf8.h"

namespace sonde {
namespace jp {

bool JsonPathParser::parseRoot(Query& q) {
    if (eof() || s_[0] != '$') return fail(0, "a JSONPath query starts with $");
    p_ = 1;
    if (!segments(q)) return false;
    if (!eof()) {
        if (isB(s_[p_])) return fail(p_, "whitespace is not allowed at the end of a query");
        return fail(p_, std::string("unexpected '") + s_[p_] + "'");
    }
    return true;
}

// segments = *(S segment); whitespace before something that is not a segment is given back.
bool JsonPathParser::segments(Query& q) {
    for (;;) {
        std::size_t save = p_;
        skipS();
        if (!at('.') && !at('[')) {
            p_ = save;
            return true;
        }
        Segment seg;
        if (!segment(seg)) return false;
        q.segments.push_back(std::move(seg));
    }
}

bool JsonPathParser::segment(Segment& seg) {
    if (at('[')) return bracketed(seg);
    ++p_;  // '.'
    if (at('.')) {
        ++p_;
        seg.descendant = true;
        if (at('[')) return bracketed(seg);
        if (!at('*') && (eof() || !isNameFirst(s_[p_])))
            return fail(p_, "expected a member name, * or [ after ..");
    }
    Selector sel;
    if (at('*')) {
        ++p_;
        sel.kind = Selector::Kind::Wildcard;
    } else if (!eof() && isNameFirst(s_[p_])) {
        std::size_t start = p_;
        while (!eof() && isNameChar(s_[p_])) ++p_;
        sel.name.assign(s_.substr(start, p_ - start));
    } else {
        return fail(p_, "expected a member name or * after .");
    }
    seg.selectors.push_back(std::move(sel));
    return true;
}

bool JsonPathParser::bracketed(Segment& seg) {
    ++p_;  // '['
    for (;;) {
        skipS();
        Selector sel;
        if (!selector(sel)) return false;
        seg.selectors.push_back(std::move(sel));
        skipS();
        if (at(',')) {
            ++p_;
            continue;
        }
        if (at(']')) {
            ++p_;
            return true;
        }
        if (eof()) return fail(p_, "missing ] at the end of a bracketed selection");
        return fail(p_, std::string("unexpected '") + s_[p_] + "' in a bracketed selection");
    }
}

bool JsonPathParser::selector(Selector& sel) {
    char c = peek();
    if (eof()) return fail(p_, "expected a selector");
    if (c == '\'' || c == '"') {
        sel.kind = Selector::Kind::Name;
        return stringLiteral(sel.name);
    }
    if (c == '*') {
        ++p_;
        sel.kind = Selector::Kind::Wildcard;
        return true;
    }
    if (c == '?') {
        ++p_;
        skipS();
        sel.kind = Selector::Kind::Filter;
        std::size_t start = p_;
        ExprPtr e = logicalOr();
        if (!e || !requireLogical(*e, start)) return false;
        sel.filter = e;
        return true;
    }
    if (c == '-' || isDigit(c) || c == ':') return indexOrSlice(sel);
    return fail(p_, std::string("unexpected '") + c + "': expected a name, index, slice, * or ?filter");
}

// int = "0" / (["-"] DIGIT1 *DIGIT), within +-(2^53 - 1).
bool JsonPathParser::integer(std::int64_t& v) {
    std::size_t start = p_;
    bool neg = at('-');
    if (neg) ++p_;
    if (eof() || !isDigit(s_[p_])) return fail(p_, "expected a digit");
    if (s_[p_] == '0') {
        ++p_;
        if (neg) return fail(start, "-0 is not a valid integer here");
        if (!eof() && isDigit(s_[p_])) return fail(start, "leading zeros are not allowed");
        v = 0;
        return true;
    }
    std::int64_t acc = 0;
    while (!eof() && isDigit(s_[p_])) {
        acc = acc * 10 + (s_[p_] - '0');
        if (acc > kMaxInt) return fail(start, "integer out of range (max 2^53-1)");
        ++p_;
    }
    v = neg ? -acc : acc;
    return true;
}

bool JsonPathParser::indexOrSlice(Selector& sel) {
    std::optional<std::int64_t> start;
    if (!at(':')) {
        std::int64_t v;
        if (!integer(v)) return false;
        start = v;
    }
    std::size_t save = p_;
    skipS();
    if (!at(':')) {
        p_ = save;
        sel.kind = Selector::Kind::Index;
        sel.index = *start;
        return true;
    }
    ++p_;
    sel.kind = Selector::Kind::Slice;
    sel.start = start;
    skipS();
    if (isIntStart()) {
        std::int64_t v;
        if (!integer(v)) return false;
        sel.end = v;
        skipS();
    }
    if (at(':')) {
        ++p_;
        skipS();
        if (isIntStart()) {
            std::int64_t v;
            if (!integer(v)) return false;
            sel.step = v;
        }
    }
    return true;
}

bool JsonPathParser::hex4(unsigned& v) {
    if (p_ + 4 > s_.size()) return fail(p_, "expected 4 hex digits after \\u");
    v = 0;
    for (int i = 0; i < 4; ++i) {
        char c = s_[p_ + i];
        unsigned d = isDigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
        if (d > 15) return fail(p_ + i, "expected a hex digit");
        v = v * 16 + d;
    }
    p_ += 4;
    return true;
}

bool JsonPathParser::stringLiteral(std::string& out) {
    char quote = s_[p_++];
    for (;;) {
        if (eof()) return fail(p_, "unterminated string literal");
        char c = s_[p_];
        if (c == quote) {
            ++p_;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) return fail(p_, "control characters must be escaped in strings");
        if (c != '\\') {
            out += c;
            ++p_;
            continue;
        }
        std::size_t escPos = p_++;
        if (eof()) return fail(escPos, "unterminated escape");
        char e = s_[p_++];
        switch (e) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case '/': out += '/'; break;
            case '\\': out += '\\'; break;
            case '\'':
            case '"':
                if (e != quote) return fail(escPos, std::string("\\") + e + " is not a valid escape in this string");
                out += e;
                break;
            case 'u': {
                unsigned v;
                if (!hex4(v)) return false;
                char32_t cp = v;
                if (v >= 0xDC00 && v <= 0xDFFF) return fail(escPos, "lone low surrogate in \\u escape");
                if (v >= 0xD800 && v <= 0xDBFF) {
                    if (!(at('\\') && peek(1) == 'u')) return fail(escPos, "high surrogate without a low surrogate");
                    p_ += 2;
                    unsigned lo;
                    if (!hex4(lo)) return false;
                    if (lo < 0xDC00 || lo > 0xDFFF) return fail(escPos, "high surrogate without a low surrogate");
                    cp = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                }
                appendUtf8(out, cp);
                break;
            }
            default: return fail(escPos, std::string("invalid escape \\") + e);
        }
    }
}

bool Query::singular() const {
    for (const auto& s : segments) {
        if (s.descendant || s.selectors.size() != 1) return false;
        auto k = s.selectors[0].kind;
        if (k != Selector::Kind::Name && k != Selector::Kind::Index) return false;
    }
    return true;
}

Type resultType(Function f) {
    switch (f) {
        case Function::Match:
        case Function::Search: return Type::Logical;
        default: return Type::Value;
    }
}

}  // namespace jp

JsonPath::JsonPath(std::shared_ptr<const jp::Query> q, std::string text) : query_(std::move(q)), text_(std::move(text)) {}

Result<JsonPath> JsonPath::parse(const std::string& text) {
    auto q = std::make_shared<jp::Query>();
    jp::JsonPathParser p(text);
    if (!p.parseRoot(*q)) {
        return makeError("Invalid JSONPath " + text + ": " + p.err + " at column " + std::to_string(p.errPos + 1),
                         "column " + std::to_string(p.errPos + 1), "see RFC 9535 for the JSONPath syntax",
                         "jsonpath");
    }
    return JsonPath(std::move(q), text);
}

bool JsonPath::isSingular() const { return query_->singular(); }

}  // namespace sonde
