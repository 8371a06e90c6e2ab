#pragma once
// JsonPath: an RFC 9535 JSONPath query over nlohmann::json. Parse once, select many times (a parsed
// query is immutable, cheap to copy and safe to use from several threads). Selection returns
// pointers into the document (no copies), in the order the RFC defines; object members come in
// nlohmann::json's key order.
//
//   auto q = JsonPath::parse("$.store.book[?@.price < 10].title");
//   if (!q) return q.error();           // error().where is "column N"
//   for (const nlohmann::json* v : q->select(doc)) ...
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/model/result.h"

namespace sonde {

namespace jp {
struct Query;
}

class JsonPath {
public:
    // Parses and checks a query (syntax and the well-typedness of function calls). Errors carry
    // code "jsonpath", where "column N" (1-based) and a title saying what is wrong there.
    static Result<JsonPath> parse(const std::string& text);

    // The nodelist: pointers to the selected values inside `root`, in document order.
    std::vector<const nlohmann::json*> select(const nlohmann::json& root) const;

    // The nodelist with each node's normalized path (RFC 9535 section 2.7), e.g. "$['a'][0]".
    struct Located {
        std::string path;
        const nlohmann::json* value = nullptr;
    };
    std::vector<Located> selectLocated(const nlohmann::json& root) const;

    // True when the query can select at most one node (only single name/index child segments).
    bool isSingular() const;

    // Without a DOM: for singular queries with no negative index (canScan()), scan() validates `json`
    // as one JSON document and returns the selected value's byte range [begin, end) in it, with
    // `members` = its element/member count when it is an array/object; nullopt when nothing matches.
    // An Error (code "json", where "byte N") when the text is not JSON.
    struct RawMatch {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::size_t members = 0;
    };
    bool canScan() const;
    Result<std::optional<RawMatch>> scan(std::string_view json) const;
    const std::string& text() const { return text_; }

private:
    JsonPath(std::shared_ptr<const jp::Query> q, std::string text);
    std::shared_ptr<const jp::Query> query_;
    std::string text_;
};

// A normalized-path member name: the string as a single-quoted JSONPath name selector.
std::string normalizedName(const std::string& name);

}  // namespace sonde
