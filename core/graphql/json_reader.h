#pragma once
// Internal: a small, fast read-only JSON tree for large introspection results (nlohmann's DOM takes
// most of the 50 ms budget on GitHub's 2.7 MB schema alone). Nodes point into the source text;
// strings are decoded on request. Not a public header.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sonde::graphql::detail {

class JsonTree {
public:
    enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };
    static constexpr std::uint32_t npos = 0xFFFFFFFFu;

    // Parses `text` (which must outlive the tree). False with `error` set ("... at byte N") on bad JSON.
    bool parse(std::string_view text, std::string& error);

    std::uint32_t root() const { return nodes_.empty() ? npos : 0; }
    Kind kind(std::uint32_t n) const { return n == npos ? Kind::Null : nodes_[n].kind; }
    bool isObject(std::uint32_t n) const { return kind(n) == Kind::Object; }
    bool isArray(std::uint32_t n) const { return kind(n) == Kind::Array; }
    bool boolean(std::uint32_t n) const { return kind(n) == Kind::Bool && nodes_[n].raw == "true"; }
    // The member `key` of an object (npos if absent or not an object).
    std::uint32_t get(std::uint32_t n, std::string_view key) const;
    // Children of an array or object, in order: first(n), then next(child) until npos.
    std::uint32_t first(std::uint32_t n) const { return n == npos ? npos : nodes_[n].firstChild; }
    std::uint32_t next(std::uint32_t c) const { return nodes_[c].nextSibling; }
    // A string's decoded value ("" for anything else).
    std::string string(std::uint32_t n) const;

private:
    struct Node {
        Kind kind = Kind::Null;
        bool escaped = false;           // String: holds backslash escapes
        std::string_view raw;           // String: between the quotes; Bool/Number: the literal
        std::string_view key;           // set when the node is an object member
        std::uint32_t firstChild = npos;
        std::uint32_t nextSibling = npos;
    };
    std::uint32_t value(int depth);
    void skipWs();
    bool fail(const char* what);

    std::string_view src_;
    std::size_t pos_ = 0;
    std::vector<Node> nodes_;
    std::string error_;
};

}  // namespace sonde::graphql::detail
