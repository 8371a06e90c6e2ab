#pragma once
// Lexer: GraphQL source text -> tokens (October 2021 spec, section 2.1). Skips whitespace, commas,
// comments and a leading BOM; decodes string escapes (\n, \uXXXX, \u{...}, surrogate pairs) and block
// strings (with the spec's BlockStringValue indentation algorithm). Errors are tokens of kind Error.
#include <string>
#include <string_view>

#include "core/graphql/ast.h"

namespace sonde::graphql {

struct Token {
    enum class Kind {
        End, Error, Bang, Dollar, Amp, ParenL, ParenR, Spread, Colon, Equals, At, BracketL, BracketR,
        BraceL, Pipe, BraceR, Name, Int, Float, String, BlockString
    };
    Kind kind = Kind::End;
    std::string value;       // Name/Int/Float: the text; String/BlockString: decoded; Error: the message
    Location location;       // of the first byte
    std::size_t end = 0;     // byte offset just past the token
    Location errorLocation;  // Error: where exactly the problem is
};

const char* describe(Token::Kind k);  // "Name", "\"{\"", ... for error messages

class Lexer {
public:
    explicit Lexer(std::string_view source);
    Token next();  // End forever once the source is exhausted

    // The spec's BlockStringValue(): common indentation removed, blank first/last lines dropped.
    static std::string blockStringValue(std::string_view raw);

private:
    Location here() const { return Location{line_, int(pos_ - lineStart_) + 1, pos_}; }
    Location at(std::size_t pos) const { return Location{line_, int(pos - lineStart_) + 1, pos}; }
    void skipIgnored();
    Token make(Token::Kind k, std::size_t start, Location loc, std::string value = {});
    Token error(std::string message, Location where, Location start);
    Token readNumber(Location start);
    Token readString(Location start);
    Token readBlockString(Location start);
    void newline(std::size_t afterPos);

    std::string_view src_;
    std::size_t pos_ = 0;
    std::size_t lineStart_ = 0;
    int line_ = 1;
};

}  // namespace sonde::graphql
