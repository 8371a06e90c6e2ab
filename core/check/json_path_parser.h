#pragma once
// JsonPathParser: the RFC 9535 grammar as a recursive-descent parser (private to core/check).
// json_path_parser.cpp holds queries, segments, selectors and literals; json_path_filter_parser.cpp
// holds filter expressions and the well-typedness checks of function calls (section 2.4.3).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/check/json_path_ast.h"

namespace sonde::jp {

using ExprPtr = std::shared_ptr<Expr>;
inline constexpr std::int64_t kMaxInt = (std::int64_t{1} << 53) - 1;  // I-JSON range (RFC 9535 2.1)
inline constexpr int kMaxDepth = 128;                                 // nesting of filters and calls

inline bool isB(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool isNameFirst(char c) { return isAlpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
inline bool isNameChar(char c) { return isNameFirst(c) || isDigit(c); }
inline bool isLower(char c) { return c >= 'a' && c <= 'z'; }

class JsonPathParser {
public:
    explicit JsonPathParser(std::string_view s) : s_(s) {}

    std::size_t errPos = 0;
    std::string err;
    bool parseRoot(Query& q);

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

    // Segments, selectors, integers and strings (json_path_parser.cpp).
    bool segments(Query& q);
    bool segment(Segment& seg);
    bool bracketed(Segment& seg);
    bool selector(Selector& sel);
    bool isIntStart() const { return at('-') || (!eof() && isDigit(s_[p_])); }

    bool integer(std::int64_t& v);
    bool indexOrSlice(Selector& sel);
    bool hex4(unsigned& v);
    bool stringLiteral(std::string& out);

    // Filter expressions (json_path_filter_parser.cpp).
    bool requireLogical(const Expr& e, std::size_t pos);
    bool requireComparable(const Expr& e, std::size_t pos);
    ExprPtr logicalOr();
    ExprPtr logicalAnd();
    ExprPtr paren();
    ExprPtr basic();
    ExprPtr primary();
    ExprPtr number();
    ExprPtr call(std::string_view name, std::size_t start);
    bool checkArgument(const Expr& a, Type param, std::string_view fn, std::size_t pos);
};

}  // namespace sonde::jp
