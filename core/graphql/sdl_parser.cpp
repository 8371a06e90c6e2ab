// Type system definitions and extensions (spec section 3): the SDL half of the parser.
#include "core/graphql/parser_impl.h"

namespace sonde::graphql::detail {

namespace {
using TK = TypeSystemDefinition::Kind;
bool kindForKeyword(std::string_view kw, TK& out) {
    if (kw == "schema") out = TK::Schema;
    else if (kw == "scalar") out = TK::Scalar;
    else if (kw == "type") out = TK::Object;
    else if (kw == "interface") out = TK::Interface;
    else if (kw == "union") out = TK::Union;
    else if (kw == "enum") out = TK::Enum;
    else if (kw == "input") out = TK::InputObject;
    else if (kw == "directive") out = TK::Directive;
    else return false;
    return true;
}
}  // namespace

bool Parser::atTypeSystemKeyword() const {
    TK k;
    return peek(K::Name) && (tok_.value == "extend" || kindForKeyword(tok_.value, k));
}

std::string Parser::parseDescription() {
    if (peek(K::String) || peek(K::BlockString)) {
        std::string d = std::move(tok_.value);
        advance();
        return d;
    }
    return {};
}

TypeSystemDefinition Parser::parseTypeSystemDefinition() {
    TypeSystemDefinition def;
    def.location = tok_.location;
    def.description = parseDescription();
    if (!peek(K::Name) || !kindForKeyword(tok_.value, def.kind)) {
        unexpected();
        return def;
    }
    advance();
    if (def.kind == TK::Schema) {
        def.directives = parseDirectives(true);
        parseSchemaOperationTypes(def, true);
        return def;
    }
    if (def.kind == TK::Directive) {
        expect(K::At);
        def.name = expectName();
        if (peek(K::ParenL)) def.inputFields = parseArgumentDefs(K::ParenL, K::ParenR);
        if (peekName("repeatable")) {
            def.repeatable = true;
            advance();
        }
        expectKeyword("on");
        skip(K::Pipe);
        do {
            NamedRef loc;
            loc.name = expectName(&loc.location);
            def.directiveLocations.push_back(std::move(loc));
        } while (ok() && skip(K::Pipe));
        return def;
    }
    def.name = expectName();
    parseTypeBody(def, false);
    return def;
}

TypeSystemDefinition Parser::parseTypeSystemExtension() {
    TypeSystemDefinition def;
    def.location = tok_.location;
    def.extension = true;
    expectKeyword("extend");
    if (!peek(K::Name) || !kindForKeyword(tok_.value, def.kind) || def.kind == TK::Directive) {
        unexpected();
        return def;
    }
    advance();
    if (def.kind == TK::Schema) {
        def.directives = parseDirectives(true);
        if (peek(K::BraceL)) parseSchemaOperationTypes(def, false);
        else if (def.directives.empty()) unexpected();
        return def;
    }
    def.name = expectName();
    parseTypeBody(def, true);
    return def;
}

void Parser::parseTypeBody(TypeSystemDefinition& def, bool extension) {
    Location bodyAt = tok_.location;
    bool hasBody = false;
    switch (def.kind) {
        case TK::Scalar:
            def.directives = parseDirectives(true);
            hasBody = !def.directives.empty();
            break;
        case TK::Object:
        case TK::Interface:
            def.interfaces = parseImplements();
            def.directives = parseDirectives(true);
            if (peek(K::BraceL)) def.fields = parseFieldsDefinition();
            hasBody = !def.interfaces.empty() || !def.directives.empty() || !def.fields.empty();
            break;
        case TK::Union:
            def.directives = parseDirectives(true);
            if (peek(K::Equals)) def.members = parseUnionMembers();
            hasBody = !def.directives.empty() || !def.members.empty();
            break;
        case TK::Enum:
            def.directives = parseDirectives(true);
            if (peek(K::BraceL)) def.enumValues = parseEnumValues();
            hasBody = !def.directives.empty() || !def.enumValues.empty();
            break;
        case TK::InputObject:
            def.directives = parseDirectives(true);
            if (peek(K::BraceL)) def.inputFields = parseArgumentDefs(K::BraceL, K::BraceR);
            hasBody = !def.directives.empty() || !def.inputFields.empty();
            break;
        default: break;
    }
    if (extension && !hasBody && ok()) {
        (void)bodyAt;
        unexpected();
    }
}

std::vector<NamedRef> Parser::parseImplements() {
    std::vector<NamedRef> out;
    if (!peekName("implements")) return out;
    advance();
    skip(K::Amp);
    do {
        NamedRef r;
        r.name = expectName(&r.location);
        out.push_back(std::move(r));
    } while (ok() && skip(K::Amp));
    return out;
}

std::vector<FieldDefinition> Parser::parseFieldsDefinition() {
    std::vector<FieldDefinition> out;
    expect(K::BraceL);
    do {
        FieldDefinition f;
        f.location = tok_.location;
        f.description = parseDescription();
        f.name = expectName(&f.location);
        if (peek(K::ParenL)) f.arguments = parseArgumentDefs(K::ParenL, K::ParenR);
        expect(K::Colon);
        f.type = parseType();
        f.directives = parseDirectives(true);
        out.push_back(std::move(f));
    } while (ok() && !peek(K::BraceR));
    expect(K::BraceR);
    return out;
}

std::vector<InputValueDefinition> Parser::parseArgumentDefs(K open, K close) {
    std::vector<InputValueDefinition> out;
    expect(open);
    do {
        out.push_back(parseInputValueDef());
    } while (ok() && !peek(close));
    expect(close);
    return out;
}

InputValueDefinition Parser::parseInputValueDef() {
    InputValueDefinition v;
    v.location = tok_.location;
    v.description = parseDescription();
    v.name = expectName(&v.location);
    expect(K::Colon);
    v.type = parseType();
    if (skip(K::Equals)) v.defaultValue = parseValue(true);
    v.directives = parseDirectives(true);
    return v;
}

std::vector<NamedRef> Parser::parseUnionMembers() {
    std::vector<NamedRef> out;
    expect(K::Equals);
    skip(K::Pipe);
    do {
        NamedRef r;
        r.name = expectName(&r.location);
        out.push_back(std::move(r));
    } while (ok() && skip(K::Pipe));
    return out;
}

std::vector<EnumValueDefinition> Parser::parseEnumValues() {
    std::vector<EnumValueDefinition> out;
    expect(K::BraceL);
    do {
        EnumValueDefinition e;
        e.location = tok_.location;
        e.description = parseDescription();
        if (peekName("true") || peekName("false") || peekName("null")) {
            fail(tok_.value + " is reserved and cannot be used for an enum value.", tok_.location);
            return out;
        }
        e.name = expectName(&e.location);
        e.directives = parseDirectives(true);
        out.push_back(std::move(e));
    } while (ok() && !peek(K::BraceR));
    expect(K::BraceR);
    return out;
}

void Parser::parseSchemaOperationTypes(TypeSystemDefinition& def, bool required) {
    if (!required && !peek(K::BraceL)) return;
    expect(K::BraceL);
    do {
        OperationTypeDefinition o;
        Location at = tok_.location;
        o.operation = expectName();
        if (ok() && o.operation != "query" && o.operation != "mutation" && o.operation != "subscription") {
            fail("Unexpected Name \"" + o.operation + "\".", at);
            return;
        }
        expect(K::Colon);
        o.type.name = expectName(&o.type.location);
        def.operationTypes.push_back(std::move(o));
    } while (ok() && !peek(K::BraceR));
    expect(K::BraceR);
}

}  // namespace sonde::graphql::detail
