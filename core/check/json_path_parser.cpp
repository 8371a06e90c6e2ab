// RFC 9535 JSONPath parser: text -> jp::Query, with the well-typedness checks of section 2.4.3.
#include <charconv>
#include <cstdlib>

#include "core/check/i_regexp.h"
#include "core/check/json_path.h"
#include "core/check/json_path_ast.h"

namespace sonde {
namespace {

using namespace jp;
using ExprPtr = std::shared_ptr<Expr>;
constexpr std::int64_t kMaxInt = (std::int64_t{1} << 53) - 1;  // I-JSON range (RFC 9535 2.1)
constexpr int kMaxDepth = 128;

bool isB(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isNameFirst(char c) { return isAlpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool isNameChar(char c) { return isNameFirst(c) || isDigit(c); }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

const char* functionName(Function f) {
    switch (f) {
        case Function::Length: return "length";
        case Function::Count: return "count";
        case Function::Match: return "match";
        case Function::Search: return "search";
        case Function::Value: return "value";
    }
    return "?";
}

class Parser {
public:
    explicit Parser(std::string_view s) : s_(s) {}

    std::size_t errPos = 0;
    std::string err;

    bool parseRoot(Query& q) {
        if (eof() || s_[0] != '$') return fail(0, "a JSONPath query starts with $");
        p_ = 1;
        if (!segments(q)) return false;
        if (!eof()) {
            if (isB(s_[p_])) return fail(p_, "whitespace is not allowed at the end of a query");
            return fail(p_, std::string("unexpected '") + s_[p_] + "'");
        }
        return true;
    }

private:
    std::string_view s_;
    std::size_t p_ = 0;
    int depth_ = 0;

    bool fail(std::size_t pos, std::string msg) {
        if (err.empty()) {
            errPos = pos;
            err = std::move(msg);
        }
        return false;
    }
    ExprPtr failE(std::size_t pos, std::string msg) {
        fail(pos, std::move(msg));
        return nullptr;
    }
    bool eof() const { return p_ >= s_.size(); }
    char peek(std::size_t k = 0) const { return p_ + k < s_.size() ? s_[p_ + k] : '\0'; }
    bool at(char c) const { return !eof() && s_[p_] == c; }
    void skipS() {
        while (!eof() && isB(s_[p_])) ++p_;
    }

    // segments = *(S segment); whitespace before something that is not a segment is given back.
    bool segments(Query& q) {
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

    bool segment(Segment& seg) {
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

    bool bracketed(Segment& seg) {
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

    bool selector(Selector& sel) {
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

    bool isIntStart() const { return at('-') || (!eof() && isDigit(s_[p_])); }

    // int = "0" / (["-"] DIGIT1 *DIGIT), within +-(2^53 - 1).
    bool integer(std::int64_t& v) {
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

    bool indexOrSlice(Selector& sel) {
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

    bool hex4(unsigned& v) {
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

    bool stringLiteral(std::string& out) {
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

    // ---- filter expressions -------------------------------------------------------------------

    // A bare primary used where a logical value is needed: literals and value-typed functions are not.
    bool requireLogical(const Expr& e, std::size_t pos) {
        if (e.kind == Expr::Kind::Literal) return fail(pos, "a literal is not a test: compare it with ==, <, ...");
        if (e.kind == Expr::Kind::Call && resultType(e.fn) == Type::Value)
            return fail(pos, std::string("the result of ") + functionName(e.fn) + "() must be compared");
        return true;
    }

    bool requireComparable(const Expr& e, std::size_t pos) {
        if (e.kind == Expr::Kind::Query && !e.query.singular())
            return fail(pos, "only a singular query (names and indexes) can be compared");
        if (e.kind == Expr::Kind::Call && resultType(e.fn) != Type::Value)
            return fail(pos, std::string(functionName(e.fn)) + "() returns a logical value and cannot be compared");
        return true;
    }

    ExprPtr logicalOr() {
        if (++depth_ > kMaxDepth) return failE(p_, "expression nested too deeply");
        std::size_t start = p_;
        ExprPtr e = logicalAnd();
        if (!e) return nullptr;
        ExprPtr node;
        for (;;) {
            std::size_t save = p_;
            skipS();
            if (!(at('|') && peek(1) == '|')) {
                p_ = save;
                break;
            }
            if (!node) {
                if (!requireLogical(*e, start)) return nullptr;
                node = std::make_shared<Expr>();
                node->kind = Expr::Kind::Or;
                node->args.push_back(e);
            }
            p_ += 2;
            skipS();
            std::size_t rpos = p_;
            ExprPtr r = logicalAnd();
            if (!r || !requireLogical(*r, rpos)) return nullptr;
            node->args.push_back(r);
        }
        --depth_;
        return node ? node : e;
    }

    ExprPtr logicalAnd() {
        std::size_t start = p_;
        ExprPtr e = basic();
        if (!e) return nullptr;
        ExprPtr node;
        for (;;) {
            std::size_t save = p_;
            skipS();
            if (!(at('&') && peek(1) == '&')) {
                p_ = save;
                break;
            }
            if (!node) {
                if (!requireLogical(*e, start)) return nullptr;
                node = std::make_shared<Expr>();
                node->kind = Expr::Kind::And;
                node->args.push_back(e);
            }
            p_ += 2;
            skipS();
            std::size_t rpos = p_;
            ExprPtr r = basic();
            if (!r || !requireLogical(*r, rpos)) return nullptr;
            node->args.push_back(r);
        }
        return node ? node : e;
    }

    ExprPtr paren() {
        ++p_;  // '('
        skipS();
        std::size_t start = p_;
        ExprPtr e = logicalOr();
        if (!e || !requireLogical(*e, start)) return nullptr;
        skipS();
        if (!at(')')) return failE(p_, "expected )");
        ++p_;
        return e;
    }

    // basic-expr: paren-expr / comparison-expr / test-expr. A primary with no comparison after it is
    // returned as is; the caller decides whether it may stand alone.
    ExprPtr basic() {
        std::size_t start = p_;
        if (at('!')) {
            ++p_;
            skipS();
            ExprPtr inner;
            std::size_t ipos = p_;
            if (at('(')) {
                inner = paren();
            } else {
                inner = primary();
                if (inner && inner->kind == Expr::Kind::Literal)
                    return failE(ipos, "! applies to a query, a function or a parenthesized expression");
                if (inner && !requireLogical(*inner, ipos)) return nullptr;
            }
            if (!inner) return nullptr;
            auto n = std::make_shared<Expr>();
            n->kind = Expr::Kind::Not;
            n->args.push_back(inner);
            return n;
        }
        if (at('(')) return paren();
        ExprPtr lhs = primary();
        if (!lhs) return nullptr;
        std::size_t save = p_;
        skipS();
        CmpOp op;
        std::size_t opPos = p_;
        if (at('=') && peek(1) == '=') {
            op = CmpOp::Eq, p_ += 2;
        } else if (at('!') && peek(1) == '=') {
            op = CmpOp::Ne, p_ += 2;
        } else if (at('<') && peek(1) == '=') {
            op = CmpOp::Le, p_ += 2;
        } else if (at('>') && peek(1) == '=') {
            op = CmpOp::Ge, p_ += 2;
        } else if (at('<')) {
            op = CmpOp::Lt, ++p_;
        } else if (at('>')) {
            op = CmpOp::Gt, ++p_;
        } else {
            p_ = save;
            return lhs;
        }
        if (!requireComparable(*lhs, start)) return nullptr;
        skipS();
        std::size_t rpos = p_;
        if (eof()) return failE(opPos, "comparison without a right-hand side");
        ExprPtr rhs = primary();
        if (!rhs || !requireComparable(*rhs, rpos)) return nullptr;
        auto n = std::make_shared<Expr>();
        n->kind = Expr::Kind::Compare;
        n->op = op;
        n->args = {lhs, rhs};
        return n;
    }

    // literal / query / function call
    ExprPtr primary() {
        auto e = std::make_shared<Expr>();
        char c = peek();
        if (eof()) return failE(p_, "expected a query, a literal or a function");
        if (c == '@' || c == '$') {
            ++p_;
            e->kind = Expr::Kind::Query;
            e->query.relative = c == '@';
            if (!segments(e->query)) return nullptr;
            return e;
        }
        if (c == '\'' || c == '"') {
            std::string str;
            if (!stringLiteral(str)) return nullptr;
            e->kind = Expr::Kind::Literal;
            e->literal = std::move(str);
            return e;
        }
        if (c == '-' || isDigit(c)) return number();
        if (isLower(c)) {
            std::size_t start = p_;
            while (!eof() && (isLower(s_[p_]) || isDigit(s_[p_]) || s_[p_] == '_')) ++p_;
            std::string_view word = s_.substr(start, p_ - start);
            if (at('(')) return call(word, start);
            e->kind = Expr::Kind::Literal;
            if (word == "true") e->literal = true;
            else if (word == "false") e->literal = false;
            else if (word == "null") e->literal = nullptr;
            else return failE(start, "unknown name '" + std::string(word) + "' (literals are true, false, null)");
            return e;
        }
        return failE(p_, std::string("unexpected '") + c + "': expected a query, a literal or a function");
    }

    ExprPtr number() {
        std::size_t start = p_;
        bool isInt = true;
        if (at('-')) ++p_;
        if (eof() || !isDigit(s_[p_])) return failE(start, "malformed number");
        if (s_[p_] == '0') {
            ++p_;
            if (!eof() && isDigit(s_[p_])) return failE(start, "leading zeros are not allowed");
        } else {
            while (!eof() && isDigit(s_[p_])) ++p_;
        }
        if (at('.')) {
            ++p_;
            if (eof() || !isDigit(s_[p_])) return failE(p_, "expected a digit after the decimal point");
            while (!eof() && isDigit(s_[p_])) ++p_;
            isInt = false;
        }
        if (at('e') || at('E')) {
            ++p_;
            if (at('+') || at('-')) ++p_;
            if (eof() || !isDigit(s_[p_])) return failE(p_, "expected a digit in the exponent");
            while (!eof() && isDigit(s_[p_])) ++p_;
            isInt = false;
        }
        std::string token(s_.substr(start, p_ - start));
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::Literal;
        std::int64_t iv = 0;
        if (isInt) {
            auto r = std::from_chars(token.data(), token.data() + token.size(), iv);
            if (r.ec == std::errc() && r.ptr == token.data() + token.size()) {
                e->literal = iv;
                return e;
            }
        }
        e->literal = std::strtod(token.c_str(), nullptr);
        return e;
    }

    ExprPtr call(std::string_view name, std::size_t start) {
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::Call;
        std::vector<Type> params;
        if (name == "length") e->fn = Function::Length, params = {Type::Value};
        else if (name == "count") e->fn = Function::Count, params = {Type::Nodes};
        else if (name == "match") e->fn = Function::Match, params = {Type::Value, Type::Value};
        else if (name == "search") e->fn = Function::Search, params = {Type::Value, Type::Value};
        else if (name == "value") e->fn = Function::Value, params = {Type::Nodes};
        else return failE(start, "unknown function '" + std::string(name) + "'");
        ++p_;  // '('
        if (++depth_ > kMaxDepth) return failE(p_, "expression nested too deeply");
        skipS();
        std::vector<std::size_t> argPos;
        if (!at(')')) {
            for (;;) {
                argPos.push_back(p_);
                ExprPtr a = logicalOr();
                if (!a) return nullptr;
                e->args.push_back(a);
                skipS();
                if (at(',')) {
                    ++p_;
                    skipS();
                    continue;
                }
                break;
            }
        }
        if (!at(')')) return failE(p_, "expected , or ) in the call of " + std::string(name) + "()");
        ++p_;
        --depth_;
        if (e->args.size() != params.size())
            return failE(start, std::string(name) + "() takes " + std::to_string(params.size()) + " argument" +
                                    (params.size() == 1 ? "" : "s"));
        for (std::size_t i = 0; i < params.size(); ++i)
            if (!checkArgument(*e->args[i], params[i], name, argPos[i])) return nullptr;
        if ((e->fn == Function::Match || e->fn == Function::Search) && e->args[1]->kind == Expr::Kind::Literal) {
            e->regexChecked = true;
            if (e->args[1]->literal.is_string()) e->regex = IRegexp::compile(e->args[1]->literal.get_ref<const std::string&>());
        }
        return e;
    }

    bool checkArgument(const Expr& a, Type param, std::string_view fn, std::size_t pos) {
        std::string where = std::string(fn) + "()";
        if (param == Type::Value) {
            if (a.kind == Expr::Kind::Literal) return true;
            if (a.kind == Expr::Kind::Query) {
                if (a.query.singular()) return true;
                return fail(pos, "the argument of " + where + " must be a singular query or a value");
            }
            if (a.kind == Expr::Kind::Call && resultType(a.fn) == Type::Value) return true;
            return fail(pos, "the argument of " + where + " must be a value (a literal, singular query or value function)");
        }
        if (param == Type::Nodes) {
            if (a.kind == Expr::Kind::Query) return true;
            if (a.kind == Expr::Kind::Call && resultType(a.fn) == Type::Nodes) return true;
            return fail(pos, "the argument of " + where + " must be a query");
        }
        // Logical parameters (none among the standard functions).
        if (a.kind == Expr::Kind::Literal) return fail(pos, "a literal is not a logical argument");
        return true;
    }
};

}  // namespace

namespace jp {

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
    Parser p(text);
    if (!p.parseRoot(*q)) {
        return makeError("Invalid JSONPath " + text + ": " + p.err + " at column " + std::to_string(p.errPos + 1),
                         "column " + std::to_string(p.errPos + 1), "see RFC 9535 for the JSONPath syntax",
                         "jsonpath");
    }
    return JsonPath(std::move(q), text);
}

bool JsonPath::isSingular() const { return query_->singular(); }

}  // namespace sonde
