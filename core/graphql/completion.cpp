// Completion: a small state machine over the tokens before the cursor keeps a stack of scopes
// (selection sets with their type, argument lists, input object and list values, variable
// definitions), then the innermost scope and the last tokens decide what fits at the cursor.
#include "core/graphql/completion.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/graphql/lexer.h"

namespace sonde::graphql {

const char* toString(CompletionItem::Kind k) {
    using K = CompletionItem::Kind;
    switch (k) {
        case K::Field: return "field";
        case K::Argument: return "argument";
        case K::InputField: return "input-field";
        case K::EnumValue: return "enum-value";
        case K::Variable: return "variable";
        case K::Fragment: return "fragment";
        case K::Directive: return "directive";
        case K::Type: return "type";
        case K::Keyword: return "keyword";
    }
    return "field";
}

std::size_t offsetOf(std::string_view doc, int line, int column) {
    std::size_t pos = 0;
    for (int l = 1; l < line && pos < doc.size(); ++pos)
        if (doc[pos] == '\n') ++l;
    std::size_t lineEnd = doc.find('\n', pos);
    if (lineEnd == std::string_view::npos) lineEnd = doc.size();
    return std::min(pos + std::size_t(std::max(column, 1) - 1), lineEnd);
}

namespace {
using TK = Token::Kind;
using Item = CompletionItem;

struct Frame {
    enum class Kind { Document, VarDefs, Selection, Args, Object, List };
    enum class Spread { None, AfterDots, AfterOn, InlineNoType, InlineTyped };
    Kind kind = Kind::Document;
    std::string type;                                  // Selection: parent type; Object: input type
    const std::vector<InputValueDef>* defs = nullptr;  // Args: arguments; Object: input fields
    std::set<std::string> given;                       // Args/Object: names already written
    bool expectingValue = false;
    TypeRef expected;                                  // the value's type (empty name: unknown)
    std::string pendingName;                           // Args/Object: name before ':'; Selection: last field
    Spread spread = Spread::None;
    std::string inlineType;
    bool inType = false;                               // VarDefs: reading a variable's type
    std::vector<Token> typeTokens;
};

TypeRef typeFromTokens(const std::vector<Token>& toks, std::size_t& i) {
    TypeRef t;
    if (i < toks.size() && toks[i].kind == TK::BracketL) {
        ++i;
        t = TypeRef::listOf(typeFromTokens(toks, i));
        if (i < toks.size() && toks[i].kind == TK::BracketR) ++i;
    } else if (i < toks.size() && toks[i].kind == TK::Name) {
        t = TypeRef::named(toks[i++].value);
    }
    if (i < toks.size() && toks[i].kind == TK::Bang) {
        ++i;
        t = TypeRef::nonNull(std::move(t));
    }
    return t;
}

// A value written where `t` is expected is of this type (non-null dropped, a list's element type
// since a single value coerces to a list).
std::string valueNamedType(const TypeRef& t) { return t.of.empty() && t.name.empty() ? std::string() : t.namedType(); }

TypeRef elementType(const TypeRef& t) {
    const TypeRef* x = &t;
    if (x->isNonNull()) x = &x->inner();
    if (x->kind == TypeRef::Kind::List) x = &x->inner();
    return *x;
}

class Completer {
public:
    Completer(const Schema& s, std::string_view doc, std::size_t offset)
        : schema_(s), doc_(doc), cursor_(std::min(offset, doc.size())) {}
    CompletionResult run();

private:
    Frame& top() { return stack_.back(); }
    void feed(std::size_t i);
    void valueToken(std::size_t i);
    void pushObject(const TypeRef& expected);
    void pop();
    void collectFragments(const std::vector<Token>& all);
    void add(Item::Kind k, std::string label, std::string detail = {}, std::string description = {}, bool deprecated = false,
             std::string reason = {}) {
        items_.push_back(Item{std::move(label), k, std::move(detail), std::move(description), deprecated, std::move(reason)});
    }
    void fields(const std::string& type);
    void inputValues(const std::vector<InputValueDef>& defs, const std::set<std::string>& given, Item::Kind k);
    void values(const TypeRef& expected);
    void directives(std::initializer_list<const char*> locations);
    void types(bool composite, bool input, const std::string& overlapWith);
    bool overlaps(const std::string& a, const std::string& b) const;

    const Schema& schema_;
    std::string_view doc_;
    std::size_t cursor_;
    std::vector<Token> toks_;
    std::vector<Frame> stack_;
    std::vector<Item> items_;
    std::string headerType_;   // root/fragment type of the definition whose header is being read
    int fragmentStage_ = 0;    // 1: after "fragment", 2: after its name, 3: after "on"
    std::vector<std::pair<std::string, std::string>> variables_;  // name, type text
    std::vector<std::pair<std::string, std::string>> fragments_;  // name, type condition
};

void Completer::collectFragments(const std::vector<Token>& all) {
    // Anywhere in the document (it may be unfinished, so depth is not trusted): fragment X on T.
    for (std::size_t i = 0; i + 3 < all.size(); ++i) {
        const Token& t = all[i];
        bool spreadOrAlias = i > 0 && all[i - 1].kind == TK::Colon;
        if (!spreadOrAlias && t.kind == TK::Name && t.value == "fragment" && all[i + 1].kind == TK::Name &&
            all[i + 2].kind == TK::Name && all[i + 2].value == "on" && all[i + 3].kind == TK::Name)
            fragments_.emplace_back(all[i + 1].value, all[i + 3].value);
    }
}

void Completer::pop() {
    Frame::Kind k = top().kind;
    if (stack_.size() > 1) stack_.pop_back();
    Frame& parent = top();
    if (k == Frame::Kind::Object || k == Frame::Kind::List) {
        if (parent.kind != Frame::Kind::List) parent.expectingValue = false;
    } else if (k == Frame::Kind::Selection) {
        parent.pendingName.clear();
        parent.spread = Frame::Spread::None;
        if (parent.kind == Frame::Kind::Document) headerType_.clear();
    }
}

void Completer::pushObject(const TypeRef& expected) {
    Frame f;
    f.kind = Frame::Kind::Object;
    f.type = valueNamedType(elementType(expected));
    const TypeDef* t = schema_.type(f.type);
    if (t && t->kind == TypeKind::InputObject) f.defs = &t->inputFields;
    stack_.push_back(std::move(f));
}

void Completer::valueToken(std::size_t i) {
    const Token& t = toks_[i];
    Frame& f = top();
    switch (t.kind) {
        case TK::BraceL: pushObject(f.expected); return;
        case TK::BracketL: {
            Frame l;
            l.kind = Frame::Kind::List;
            l.expectingValue = true;
            l.expected = elementType(f.expected);
            stack_.push_back(std::move(l));
            return;
        }
        case TK::Dollar: return;
        case TK::Name:
        case TK::Int:
        case TK::Float:
        case TK::String:
        case TK::BlockString:
            if (f.kind != Frame::Kind::List) f.expectingValue = false;
            return;
        default: return;
    }
}

void Completer::feed(std::size_t i) {
    const Token& t = toks_[i];
    const Token* prev = i > 0 ? &toks_[i - 1] : nullptr;
    Frame& f = top();
    auto closes = [&](TK k) { return t.kind == k; };
    switch (f.kind) {
        case Frame::Kind::Document: {
            if (t.kind == TK::Name && prev && prev->kind == TK::At) return;  // directive name
            if (fragmentStage_ > 0 && t.kind == TK::Name) {
                if (fragmentStage_ == 3) {
                    headerType_ = t.value;
                    fragmentStage_ = 0;
                } else {
                    ++fragmentStage_;
                }
                return;
            }
            if (t.kind == TK::Name && (t.value == "query" || t.value == "mutation" || t.value == "subscription")) {
                const TypeDef* root = schema_.rootType(t.value);
                headerType_ = root ? root->name : std::string();
                variables_.clear();
            } else if (t.kind == TK::Name && t.value == "fragment") {
                fragmentStage_ = 1;
            } else if (t.kind == TK::ParenL) {
                Frame a;
                if (prev && prev->kind == TK::Name && i > 1 && toks_[i - 2].kind == TK::At) {
                    a.kind = Frame::Kind::Args;
                    const DirectiveDef* d = schema_.directive(prev->value);
                    a.defs = d ? &d->arguments : nullptr;
                } else {
                    a.kind = Frame::Kind::VarDefs;
                }
                stack_.push_back(std::move(a));
            } else if (t.kind == TK::BraceL) {
                Frame s;
                s.kind = Frame::Kind::Selection;
                if (headerType_.empty() && schema_.rootType("query")) headerType_ = schema_.rootType("query")->name;
                s.type = headerType_;
                stack_.push_back(std::move(s));
            }
            return;
        }
        case Frame::Kind::VarDefs: {
            if (f.inType) {
                if (t.kind == TK::Name || t.kind == TK::BracketL || t.kind == TK::BracketR || t.kind == TK::Bang) {
                    f.typeTokens.push_back(t);
                    return;
                }
                std::size_t k = 0;
                f.expected = typeFromTokens(f.typeTokens, k);
                if (!variables_.empty()) variables_.back().second = f.expected.toString();
                f.inType = false;
            }
            if (f.expectingValue) {
                if (t.kind == TK::Dollar || closes(TK::ParenR) || t.kind == TK::At) {
                    f.expectingValue = false;
                } else {
                    return valueToken(i);
                }
            }
            if (t.kind == TK::Name && prev && prev->kind == TK::Dollar) variables_.emplace_back(t.value, "");
            else if (t.kind == TK::Colon) {
                f.inType = true;
                f.typeTokens.clear();
            } else if (t.kind == TK::Equals) f.expectingValue = true;
            else if (closes(TK::ParenR)) pop();
            return;
        }
        case Frame::Kind::Selection: {
            if (t.kind == TK::BraceR) return pop();
            if (t.kind == TK::Spread) {
                f.spread = Frame::Spread::AfterDots;
                f.pendingName.clear();
                return;
            }
            if (t.kind == TK::At) {
                if (f.spread == Frame::Spread::AfterDots) f.spread = Frame::Spread::InlineNoType;
                return;
            }
            if (t.kind == TK::Name) {
                if (prev && prev->kind == TK::At) return;  // directive name
                if (f.spread == Frame::Spread::AfterDots) {
                    f.spread = t.value == "on" ? Frame::Spread::AfterOn : Frame::Spread::None;
                    return;
                }
                if (f.spread == Frame::Spread::AfterOn) {
                    f.inlineType = t.value;
                    f.spread = Frame::Spread::InlineTyped;
                    return;
                }
                f.spread = Frame::Spread::None;
                f.pendingName = t.value;  // a field, or the field after an alias's ':'
                return;
            }
            if (t.kind == TK::ParenL) {
                Frame a;
                a.kind = Frame::Kind::Args;
                if (prev && prev->kind == TK::Name && i > 1 && toks_[i - 2].kind == TK::At) {
                    const DirectiveDef* d = schema_.directive(prev->value);
                    a.defs = d ? &d->arguments : nullptr;
                } else if (const FieldDef* fd = schema_.fieldOn(f.type, f.pendingName)) {
                    a.defs = &fd->arguments;
                }
                stack_.push_back(std::move(a));
                return;
            }
            if (t.kind == TK::BraceL) {
                Frame s;
                s.kind = Frame::Kind::Selection;
                if (f.spread == Frame::Spread::AfterDots || f.spread == Frame::Spread::InlineNoType) s.type = f.type;
                else if (f.spread == Frame::Spread::InlineTyped) s.type = f.inlineType;
                else if (const FieldDef* fd = schema_.fieldOn(f.type, f.pendingName)) s.type = fd->type.namedType();
                f.spread = Frame::Spread::None;
                f.pendingName.clear();
                stack_.push_back(std::move(s));
            }
            return;
        }
        case Frame::Kind::Args:
        case Frame::Kind::Object:
            if (f.expectingValue) return valueToken(i);
            if ((f.kind == Frame::Kind::Args && closes(TK::ParenR)) || (f.kind == Frame::Kind::Object && closes(TK::BraceR)))
                return pop();
            if (t.kind == TK::Name) f.pendingName = t.value;
            if (t.kind == TK::Colon) {
                f.expectingValue = true;
                f.given.insert(f.pendingName);
                f.expected = TypeRef::named("");
                if (f.defs)
                    for (const auto& d : *f.defs)
                        if (d.name == f.pendingName) f.expected = d.type;
            }
            return;
        case Frame::Kind::List:
            if (closes(TK::BracketR)) return pop();
            return valueToken(i);
    }
}

CompletionResult Completer::run() {
    CompletionResult r;
    r.replaceFrom = r.replaceTo = cursor_;
    Lexer lx(doc_);
    std::vector<Token> all;
    for (Token t = lx.next(); t.kind != TK::End; t = lx.next()) {
        if (t.kind == TK::Error) {
            if (t.location.offset < cursor_) return r;  // inside an unterminated string, or past a bad token
            break;
        }
        all.push_back(std::move(t));
    }
    collectFragments(all);
    std::size_t lastEnd = 0;
    for (const auto& t : all) {
        if (t.location.offset >= cursor_) break;
        if (t.kind == TK::Name && t.end >= cursor_) {  // the word being typed (or touched) at the cursor
            r.prefix = std::string(doc_.substr(t.location.offset, cursor_ - t.location.offset));
            r.replaceFrom = t.location.offset;
            r.replaceTo = t.end;
            break;
        }
        if (t.end > cursor_) return r;  // inside a string, a number or a "..."
        toks_.push_back(t);
        lastEnd = t.end;
    }
    std::string_view gap = doc_.substr(lastEnd, (r.prefix.empty() ? cursor_ : r.replaceFrom) - lastEnd);
    std::size_t nl = gap.find_last_of("\r\n");
    if (gap.find('#', nl == std::string_view::npos ? 0 : nl) != std::string_view::npos) return r;  // in a comment

    stack_.push_back(Frame{});
    for (std::size_t i = 0; i < toks_.size(); ++i) feed(i);

    const Token* last = toks_.empty() ? nullptr : &toks_.back();
    const Token* before = toks_.size() > 1 ? &toks_[toks_.size() - 2] : nullptr;
    auto lastIs = [&](TK k) { return last && last->kind == k; };
    Frame& f = top();
    r.scopeType = f.kind == Frame::Kind::Selection || f.kind == Frame::Kind::Object ? f.type : std::string();

    if (lastIs(TK::Dollar)) {
        if (!(f.kind == Frame::Kind::VarDefs && !f.expectingValue))
            for (const auto& [name, type] : variables_) add(Item::Kind::Variable, name, type);
    } else if (lastIs(TK::At)) {
        if (f.kind == Frame::Kind::Selection) directives({"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"});
        else if (f.kind == Frame::Kind::VarDefs) directives({"VARIABLE_DEFINITION"});
        else if (f.kind == Frame::Kind::Document)
            directives({"QUERY", "MUTATION", "SUBSCRIPTION", "FRAGMENT_DEFINITION"});
    } else if (f.kind == Frame::Kind::Selection) {
        if (lastIs(TK::Spread)) {
            for (const auto& [name, on] : fragments_)
                if (overlaps(f.type, on)) add(Item::Kind::Fragment, name, "on " + on);
            add(Item::Kind::Keyword, "on");
        } else if (f.spread == Frame::Spread::AfterOn) {
            types(true, false, f.type);
        } else if (!(last && last->kind == TK::Name && before && before->kind == TK::At)) {
            fields(f.type);
        }
    } else if (f.kind == Frame::Kind::Document) {
        if (fragmentStage_ == 3) types(true, false, {});
        else if (!last || lastIs(TK::BraceR))
            for (const char* kw : {"query", "mutation", "subscription", "fragment"}) add(Item::Kind::Keyword, kw);
    } else if (f.kind == Frame::Kind::VarDefs) {
        if (f.inType && (lastIs(TK::Colon) || lastIs(TK::BracketL))) types(false, true, {});
        else if (f.expectingValue) values(f.expected);
    } else if (f.kind == Frame::Kind::Args || f.kind == Frame::Kind::Object) {
        if (f.expectingValue) values(f.expected);
        else if (f.defs) inputValues(*f.defs, f.given, f.kind == Frame::Kind::Args ? Item::Kind::Argument : Item::Kind::InputField);
    } else if (f.kind == Frame::Kind::List) {
        values(f.expected);
    }

    auto lower = [](std::string s) {
        for (auto& c : s) c = char(std::tolower((unsigned char)c));
        return s;
    };
    std::string p = lower(r.prefix);
    for (auto& it : items_)
        if (lower(it.label).compare(0, p.size(), p) == 0) r.items.push_back(std::move(it));
    std::stable_partition(r.items.begin(), r.items.end(), [](const Item& it) { return !it.deprecated; });
    return r;
}

void Completer::fields(const std::string& type) {
    const TypeDef* t = schema_.type(type);
    if (!t || !t->isComposite()) return;
    for (const auto& fd : t->fields)
        add(Item::Kind::Field, fd.name, fd.type.toString(), fd.description, fd.deprecated, fd.deprecationReason);
    const FieldDef* tn = schema_.fieldOn(type, "__typename");
    add(Item::Kind::Field, tn->name, tn->type.toString(), tn->description);
    if (type == schema_.queryType)
        for (const char* n : {"__schema", "__type"}) {
            const FieldDef* x = schema_.fieldOn(type, n);
            add(Item::Kind::Field, x->name, x->type.toString(), x->description);
        }
}

void Completer::inputValues(const std::vector<InputValueDef>& defs, const std::set<std::string>& given, Item::Kind k) {
    for (const auto& d : defs)
        if (!given.count(d.name))
            add(k, d.name, d.type.toString() + (d.hasDefault ? " = " + d.defaultValue : ""), d.description, d.deprecated,
                d.deprecationReason);
}

void Completer::values(const TypeRef& expected) {
    const TypeDef* t = schema_.type(valueNamedType(expected));
    if (!t) return;
    if (t->kind == TypeKind::Enum)
        for (const auto& e : t->enumValues)
            add(Item::Kind::EnumValue, e.name, t->name, e.description, e.deprecated, e.deprecationReason);
    if (t->name == "Boolean")
        for (const char* b : {"true", "false"}) add(Item::Kind::Keyword, b, "Boolean");
    if (!expected.isNonNull()) add(Item::Kind::Keyword, "null", expected.toString());
}

void Completer::directives(std::initializer_list<const char*> locations) {
    for (const auto& d : schema_.directives()) {
        bool fits = false;
        for (const char* l : locations)
            if (std::find(d.locations.begin(), d.locations.end(), l) != d.locations.end()) fits = true;
        if (fits) add(Item::Kind::Directive, d.name, {}, d.description);
    }
}

bool Completer::overlaps(const std::string& a, const std::string& b) const {
    if (a == b || a.empty()) return true;
    auto pa = schema_.possibleTypes(a);
    for (const auto& x : schema_.possibleTypes(b))
        if (std::find(pa.begin(), pa.end(), x) != pa.end()) return true;
    return false;
}

void Completer::types(bool composite, bool input, const std::string& overlapWith) {
    // The object types of every interface in one pass, so that filtering ~1,600 types stays linear.
    std::unordered_map<std::string_view, std::vector<std::string_view>> implementations;
    if (composite)
        for (const auto& t : schema_.types())
            if (t.kind == TypeKind::Object)
                for (const auto& i : t.interfaces) implementations[i].push_back(t.name);
    auto objectsOf = [&](const TypeDef& t) {
        std::vector<std::string_view> out;
        if (t.kind == TypeKind::Object) out.push_back(t.name);
        else if (t.kind == TypeKind::Union) out.assign(t.possibleTypes.begin(), t.possibleTypes.end());
        else if (auto it = implementations.find(t.name); it != implementations.end()) out = it->second;
        return out;
    };
    std::unordered_set<std::string_view> wanted;
    const TypeDef* scope = overlapWith.empty() ? nullptr : schema_.type(overlapWith);
    if (scope)
        for (auto o : objectsOf(*scope)) wanted.insert(o);
    for (const auto& t : schema_.types()) {
        if (t.name.rfind("__", 0) == 0) continue;
        bool fits = input && t.isInput();
        if (composite && t.isComposite()) {
            fits = !scope || t.name == scope->name;
            for (auto o : objectsOf(t))
                if (fits || wanted.count(o)) {
                    fits = true;
                    break;
                }
        }
        if (fits) add(Item::Kind::Type, t.name, toString(t.kind), t.description);
    }
}
}  // namespace

CompletionResult complete(const Schema& schema, std::string_view document, std::size_t offset) {
    return Completer(schema, document, offset).run();
}

CompletionResult complete(const Schema& schema, std::string_view document, int line, int column) {
    return complete(schema, document, offsetOf(document, line, column));
}

}  // namespace sonde::graphql
