// Recursive-descent parser for executable documents, values and types (spec sections 2.2-2.12).
#include "core/graphql/parser_impl.h"

namespace sonde::graphql {

ParseResult parse(std::string_view source, ParseMode mode) {
    detail::Parser p(source, mode);
    return p.run();
}

namespace detail {

std::string describeToken(const Token& t) {
    switch (t.kind) {
        case Token::Kind::Name: return "Name \"" + t.value + "\"";
        case Token::Kind::Int:
        case Token::Kind::Float: return std::string(describe(t.kind)) + " \"" + t.value + "\"";
        case Token::Kind::String:
        case Token::Kind::BlockString: return describe(t.kind);
        default: return describe(t.kind);
    }
}

void Parser::advance() {
    if (error_) {
        tok_ = Token{};
        return;
    }
    prevEnd_ = tok_.end;
    tok_ = lexer_.next();
    if (tok_.kind == K::Error) {
        fail(tok_.value, tok_.errorLocation);
    }
}

void Parser::fail(std::string message, Location at) {
    if (error_) return;
    error_ = Diagnostic{"Syntax Error: " + message, at.line, at.column, "syntax"};
    tok_ = Token{};  // End: every loop stops
    tok_.location = at;
}

bool Parser::skip(K k) {
    if (!peek(k)) return false;
    advance();
    return true;
}

void Parser::unexpected() {
    if (error_) return;
    fail("Unexpected " + describeToken(tok_) + ".", tok_.location);
}

bool Parser::expect(K k) {
    if (peek(k)) {
        advance();
        return true;
    }
    if (!error_) fail(std::string("Expected ") + describe(k) + ", found " + describeToken(tok_) + ".", tok_.location);
    return false;
}

bool Parser::expectKeyword(std::string_view kw) {
    if (peekName(kw)) {
        advance();
        return true;
    }
    if (!error_) fail("Expected \"" + std::string(kw) + "\", found " + describeToken(tok_) + ".", tok_.location);
    return false;
}

std::string Parser::expectName(Location* loc) {
    if (loc) *loc = tok_.location;
    if (!peek(K::Name)) {
        expect(K::Name);
        return {};
    }
    std::string n = std::move(tok_.value);
    advance();
    return n;
}

ParseResult Parser::run() {
    ParseResult r;
    if (peek(K::End) && ok()) fail("Unexpected <EOF>.", tok_.location);
    while (ok() && !peek(K::End)) parseDefinition(r.document);
    r.error = error_;
    return r;
}

void Parser::parseDefinition(Document& doc) {
    bool hasDescription = peek(K::String) || peek(K::BlockString);
    if (!hasDescription && (peek(K::BraceL) || peekName("query") || peekName("mutation") || peekName("subscription"))) {
        if (mode_ == ParseMode::TypeSystem) return unexpected();
        doc.operations.push_back(parseOperation());
        return;
    }
    if (!hasDescription && peekName("fragment")) {
        if (mode_ == ParseMode::TypeSystem) return unexpected();
        doc.fragments.push_back(parseFragment());
        return;
    }
    if (hasDescription || atTypeSystemKeyword()) {
        if (mode_ == ParseMode::Executable) return unexpected();
        doc.typeSystem.push_back(peekName("extend") ? parseTypeSystemExtension() : parseTypeSystemDefinition());
        return;
    }
    unexpected();
}

OperationDefinition Parser::parseOperation() {
    OperationDefinition op;
    op.location = tok_.location;
    if (peek(K::BraceL)) {
        op.shorthand = true;
        op.selectionSet = parseSelectionSet();
        return op;
    }
    op.operation = tok_.value;
    advance();
    if (peek(K::Name)) op.name = expectName(&op.nameLocation);
    if (peek(K::ParenL)) op.variables = parseVariableDefinitions();
    op.directives = parseDirectives(false);
    op.selectionSet = parseSelectionSet();
    return op;
}

FragmentDefinition Parser::parseFragment() {
    FragmentDefinition f;
    f.location = tok_.location;
    expectKeyword("fragment");
    if (peekName("on")) {
        unexpected();
        return f;
    }
    f.name = expectName(&f.nameLocation);
    expectKeyword("on");
    f.typeCondition = expectName(&f.typeConditionLocation);
    f.directives = parseDirectives(false);
    f.selectionSet = parseSelectionSet();
    return f;
}

std::vector<VariableDefinition> Parser::parseVariableDefinitions() {
    std::vector<VariableDefinition> out;
    expect(K::ParenL);
    do {
        VariableDefinition v;
        v.location = tok_.location;
        expect(K::Dollar);
        v.name = expectName(&v.nameLocation);
        expect(K::Colon);
        v.type = parseType();
        if (skip(K::Equals)) v.defaultValue = parseValue(true);
        v.directives = parseDirectives(true);
        out.push_back(std::move(v));
    } while (ok() && !peek(K::ParenR));
    expect(K::ParenR);
    return out;
}

SelectionSet Parser::parseSelectionSet() {
    SelectionSet s;
    s.location = tok_.location;
    s.present = true;
    expect(K::BraceL);
    do {
        s.selections.push_back(parseSelection());
    } while (ok() && !peek(K::BraceR));
    if (peek(K::BraceR)) s.endOffset = tok_.end;
    expect(K::BraceR);
    return s;
}

Selection Parser::parseSelection() {
    Selection s;
    s.location = tok_.location;
    if (skip(K::Spread)) {
        if (peek(K::Name) && !peekName("on")) {
            s.kind = Selection::Kind::FragmentSpread;
            s.name = expectName(&s.nameLocation);
            s.directives = parseDirectives(false);
            return s;
        }
        s.kind = Selection::Kind::InlineFragment;
        if (skip(K::Name)) {  // "on"
            s.typeCondition = expectName(&s.typeConditionLocation);
        }
        s.directives = parseDirectives(false);
        s.selectionSet = parseSelectionSet();
        return s;
    }
    Location first;
    std::string n = expectName(&first);
    if (skip(K::Colon)) {
        s.alias = std::move(n);
        s.name = expectName(&s.nameLocation);
    } else {
        s.name = std::move(n);
        s.nameLocation = first;
    }
    if (peek(K::ParenL)) s.arguments = parseArguments(false);
    s.directives = parseDirectives(false);
    if (peek(K::BraceL)) s.selectionSet = parseSelectionSet();
    return s;
}

std::vector<Argument> Parser::parseArguments(bool isConst) {
    std::vector<Argument> out;
    expect(K::ParenL);
    do {
        Argument a;
        a.name = expectName(&a.location);
        expect(K::Colon);
        a.value = parseValue(isConst);
        out.push_back(std::move(a));
    } while (ok() && !peek(K::ParenR));
    expect(K::ParenR);
    return out;
}

std::vector<Directive> Parser::parseDirectives(bool isConst) {
    std::vector<Directive> out;
    while (ok() && peek(K::At)) {
        Directive d;
        d.location = tok_.location;
        advance();
        d.name = expectName();
        if (peek(K::ParenL)) d.arguments = parseArguments(isConst);
        out.push_back(std::move(d));
    }
    return out;
}

Value Parser::parseValue(bool isConst) {
    Value v;
    v.location = tok_.location;
    using VK = Value::Kind;
    switch (tok_.kind) {
        case K::BracketL:
            v.kind = VK::List;
            advance();
            while (ok() && !peek(K::BracketR)) v.items.push_back(parseValue(isConst));
            expect(K::BracketR);
            return v;
        case K::BraceL:
            v.kind = VK::Object;
            advance();
            while (ok() && !peek(K::BraceR)) {
                Location fl;
                std::string name = expectName(&fl);
                expect(K::Colon);
                Value f = parseValue(isConst);
                f.fieldName = std::move(name);
                f.fieldLocation = fl;
                v.items.push_back(std::move(f));
            }
            expect(K::BraceR);
            return v;
        case K::Int: v.kind = VK::Int; break;
        case K::Float: v.kind = VK::Float; break;
        case K::String: v.kind = VK::String; break;
        case K::BlockString: v.kind = VK::String; v.block = true; break;
        case K::Name:
            if (tok_.value == "true" || tok_.value == "false") v.kind = VK::Boolean;
            else if (tok_.value == "null") v.kind = VK::Null;
            else v.kind = VK::Enum;
            break;
        case K::Dollar:
            if (isConst) {
                advance();
                if (peek(K::Name)) fail("Unexpected variable \"$" + tok_.value + "\" in constant value.", v.location);
                else unexpected();
                return v;
            }
            advance();
            v.kind = VK::Variable;
            v.text = expectName();
            return v;
        default:
            unexpected();
            return v;
    }
    v.text = std::move(tok_.value);
    advance();
    return v;
}

TypeRef Parser::parseType() {
    TypeRef t;
    t.location = tok_.location;
    if (skip(K::BracketL)) {
        t.kind = TypeRef::Kind::List;
        t.of.push_back(parseType());
        expect(K::BracketR);
    } else {
        t.name = expectName();
    }
    if (peek(K::Bang)) {
        Location l = t.location;
        advance();
        TypeRef nn = TypeRef::nonNull(std::move(t));
        nn.location = l;
        return nn;
    }
    return t;
}

}  // namespace detail
}  // namespace sonde::graphql
