// RFC 9535 JSONPath parser, part 2: filter expressions (||, &&, !, parentheses, comparisons, tests)
// and function calls with the well-typedness rules of section 2.4.3.
#include <charconv>
#include <cstdlib>

#include "core/check/i_regexp.h"
#include "core/check/json_path_parser.h"

namespace sonde::jp {
namespace {

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

}  // namespace

// A bare primary used where a logical value is needed: literals and value-typed functions are not.
bool JsonPathParser::requireLogical(const Expr& e, std::size_t pos) {
    if (e.kind == Expr::Kind::Literal) return fail(pos, "a literal is not a test: compare it with ==, <, ...");
    if (e.kind == Expr::Kind::Call && resultType(e.fn) == Type::Value)
        return fail(pos, std::string("the result of ") + functionName(e.fn) + "() must be compared");
    return true;
}

bool JsonPathParser::requireComparable(const Expr& e, std::size_t pos) {
    if (e.kind == Expr::Kind::Query && !e.query.singular())
        return fail(pos, "only a singular query (names and indexes) can be compared");
    if (e.kind == Expr::Kind::Call && resultType(e.fn) != Type::Value)
        return fail(pos, std::string(functionName(e.fn)) + "() returns a logical value and cannot be compared");
    return true;
}

ExprPtr JsonPathParser::logicalOr() {
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

ExprPtr JsonPathParser::logicalAnd() {
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

ExprPtr JsonPathParser::paren() {
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
ExprPtr JsonPathParser::basic() {
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
ExprPtr JsonPathParser::primary() {
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

ExprPtr JsonPathParser::number() {
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

ExprPtr JsonPathParser::call(std::string_view name, std::size_t start) {
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

bool JsonPathParser::checkArgument(const Expr& a, Type param, std::string_view fn, std::size_t pos) {
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

}  // namespace sonde::jp
