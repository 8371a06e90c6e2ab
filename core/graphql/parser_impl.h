#pragma once
// Internal: the recursive-descent parser shared by parser.cpp (executable definitions, values, types)
// and sdl_parser.cpp (type system definitions). Not a public header.
#include <string>
#include <string_view>

#include "core/graphql/lexer.h"
#include "core/graphql/parser.h"

namespace sonde::graphql::detail {

class Parser {
public:
    Parser(std::string_view source, ParseMode mode) : lexer_(source), mode_(mode) { advance(); }
    ParseResult run();

private:
    using K = Token::Kind;
    // Token handling. After the first error every call is a no-op and tok_ is End, so loops end.
    void advance();
    bool peek(K k) const { return tok_.kind == k; }
    bool peekName(std::string_view n) const { return tok_.kind == K::Name && tok_.value == n; }
    bool skip(K k);
    bool expect(K k);
    bool expectKeyword(std::string_view kw);
    std::string expectName(Location* loc = nullptr);
    void unexpected();
    void fail(std::string message, Location at);
    bool ok() const { return !error_; }

    // Executable definitions (parser.cpp)
    void parseDefinition(Document& doc);
    OperationDefinition parseOperation();
    FragmentDefinition parseFragment();
    std::vector<VariableDefinition> parseVariableDefinitions();
    SelectionSet parseSelectionSet();
    Selection parseSelection();
    std::vector<Argument> parseArguments(bool isConst);
    std::vector<Directive> parseDirectives(bool isConst);
    Value parseValue(bool isConst);
    TypeRef parseType();

    // Type system definitions (sdl_parser.cpp)
    bool atTypeSystemKeyword() const;
    TypeSystemDefinition parseTypeSystemDefinition();
    TypeSystemDefinition parseTypeSystemExtension();
    void parseTypeBody(TypeSystemDefinition& def, bool extension);
    std::string parseDescription();
    std::vector<NamedRef> parseImplements();
    std::vector<FieldDefinition> parseFieldsDefinition();
    std::vector<InputValueDefinition> parseArgumentDefs(K open, K close);
    InputValueDefinition parseInputValueDef();
    std::vector<NamedRef> parseUnionMembers();
    std::vector<EnumValueDefinition> parseEnumValues();
    void parseSchemaOperationTypes(TypeSystemDefinition& def, bool required);

    Lexer lexer_;
    ParseMode mode_;
    Token tok_;
    std::size_t prevEnd_ = 0;
    std::optional<Diagnostic> error_;
};

std::string describeToken(const Token& t);

}  // namespace sonde::graphql::detail
