#pragma once
// Internal syntax tree of an RFC 9535 JSONPath query (private to core/check). Built by
// json_path_parser.cpp, evaluated by json_path_eval.cpp; immutable once built.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace re2 {
class RE2;
}

namespace sonde::jp {

struct Expr;

struct Selector {
    enum class Kind { Name, Wildcard, Index, Slice, Filter };
    Kind kind = Kind::Name;
    std::string name;                     // Name
    std::int64_t index = 0;               // Index
    std::optional<std::int64_t> start;    // Slice
    std::optional<std::int64_t> end;      // Slice
    std::int64_t step = 1;                // Slice
    std::shared_ptr<const Expr> filter;   // Filter (a logical expression)
};

struct Segment {
    bool descendant = false;
    std::vector<Selector> selectors;
};

struct Query {
    bool relative = false;  // starts at @ (true) or $ (false)
    std::vector<Segment> segments;
    // Singular: only child segments with exactly one name or index selector.
    bool singular() const;
};

// The five functions of RFC 9535 section 2.4.
enum class Function { Length, Count, Match, Search, Value };
// Declared types (RFC 9535 section 2.4.1).
enum class Type { Value, Logical, Nodes };

enum class CmpOp { Eq, Ne, Lt, Le, Gt, Ge };

struct Expr {
    enum class Kind { Or, And, Not, Compare, Query, Literal, Call };
    Kind kind = Kind::Literal;
    std::vector<std::shared_ptr<const Expr>> args;  // Or/And/Not operands, Compare sides, Call arguments
    CmpOp op = CmpOp::Eq;                            // Compare
    nlohmann::json literal;                          // Literal
    Query query;                                     // Query
    Function fn = Function::Length;                  // Call
    // Call to match/search with a literal pattern: compiled once. regexChecked && !regex means the
    // literal is not a valid I-Regexp (the call is then always false).
    std::shared_ptr<const re2::RE2> regex;
    bool regexChecked = false;
};

Type resultType(Function f);

}  // namespace sonde::jp
