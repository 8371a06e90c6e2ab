// Document validation against a schema. One traversal per operation follows fragment spreads, so
// variable usages inside fragments are checked against each operation that uses them; structural
// problems inside a fragment are reported once.
#include "core/graphql/validator.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/graphql/parser.h"

namespace sonde::graphql {

namespace {

std::string q(const std::string& s) { return "\"" + s + "\""; }

class Validator {
public:
    Validator(const Schema& s, const Document& d) : schema_(s), doc_(d) {}
    std::vector<Diagnostic> run();

private:
    struct OpContext {
        const OperationDefinition* op = nullptr;
        std::map<std::string, const VariableDefinition*> vars;
        std::set<std::string> used;
        std::set<std::string> visitedFragments;
    };

    void add(std::string msg, Location at, const char* rule, bool report = true) {
        if (report) out_.push_back(Diagnostic{std::move(msg), at.line, at.column, rule});
    }
    void operation(const OperationDefinition& op);
    void variableDefinitions(const OperationDefinition& op, OpContext& ctx);
    void selectionSet(const SelectionSet& ss, const std::string& parent, OpContext* ctx, bool report);
    void conflicts(const SelectionSet& ss, const std::string& parent, bool report);
    void flatten(const SelectionSet& ss, const std::string& parent, std::vector<const Selection*>& out,
                 std::set<std::string>& visited) const;
    void field(const Selection& f, const std::string& parent, OpContext* ctx, bool report);
    void spread(const Selection& s, const std::string& parent, OpContext* ctx, bool report);
    void inlineFragment(const Selection& s, const std::string& parent, OpContext* ctx, bool report);
    void arguments(const std::vector<Argument>& args, const std::vector<InputValueDef>& defs, Location at,
                   const std::string& owner, bool isDirective, OpContext* ctx, bool report);
    void directives(const std::vector<Directive>& dirs, const char* location, OpContext* ctx, bool report);
    void value(const Value& v, const TypeRef& type, bool hasLocationDefault, OpContext* ctx, bool report,
               const TypeRef* shown = nullptr);
    void variableUsage(const Value& v, const TypeRef& type, bool hasLocationDefault, OpContext* ctx);
    bool typesOverlap(const std::string& a, const std::string& b) const;
    bool fragmentCycle(const std::string& name, std::vector<std::string>& path, std::set<std::string>& done);

    const Schema& schema_;
    const Document& doc_;
    std::vector<Diagnostic> out_;
    std::set<std::string> reportedFragments_;
    std::set<std::string> usedFragments_;
};

bool isSubtype(const TypeRef& sub, const TypeRef& super) {
    if (super.isNonNull()) return sub.isNonNull() && isSubtype(sub.inner(), super.inner());
    if (sub.isNonNull()) return isSubtype(sub.inner(), super);
    if (super.kind == TypeRef::Kind::List) return sub.kind == TypeRef::Kind::List && isSubtype(sub.inner(), super.inner());
    if (sub.kind == TypeRef::Kind::List) return false;
    return sub.name == super.name;
}

std::vector<Diagnostic> Validator::run() {
    std::set<std::string> opNames, fragNames;
    for (const auto& def : doc_.typeSystem)
        add("The " + q(def.name.empty() ? std::string("schema") : def.name) + " definition is not executable.",
            def.location, "ExecutableDefinitions");
    for (const auto& op : doc_.operations) {
        if (op.name.empty() && doc_.operations.size() > 1)
            add("This anonymous operation must be the only defined operation.", op.location, "LoneAnonymousOperation");
        if (!op.name.empty() && !opNames.insert(op.name).second)
            add("There can be only one operation named " + q(op.name) + ".", op.nameLocation, "UniqueOperationNames");
    }
    for (const auto& f : doc_.fragments)
        if (!fragNames.insert(f.name).second)
            add("There can be only one fragment named " + q(f.name) + ".", f.nameLocation, "UniqueFragmentNames");
    std::set<std::string> cycleDone;
    for (const auto& f : doc_.fragments) {
        std::vector<std::string> path;
        fragmentCycle(f.name, path, cycleDone);
    }
    for (const auto& op : doc_.operations) operation(op);
    for (const auto& f : doc_.fragments) {
        if (!usedFragments_.count(f.name))
            add("Fragment " + q(f.name) + " is never used.", f.location, "NoUnusedFragments");
        if (reportedFragments_.insert(f.name).second) {  // not reached from any operation: check it alone
            const TypeDef* t = schema_.type(f.typeCondition);
            if (!t) {
                add("Unknown type " + q(f.typeCondition) + ".", f.typeConditionLocation, "KnownTypeNames");
                continue;
            }
            if (!t->isComposite()) {
                add("Fragment " + q(f.name) + " cannot condition on non composite type " + q(f.typeCondition) + ".",
                    f.typeConditionLocation, "FragmentsOnCompositeTypes");
                continue;
            }
            directives(f.directives, "FRAGMENT_DEFINITION", nullptr, true);
            selectionSet(f.selectionSet, f.typeCondition, nullptr, true);
            conflicts(f.selectionSet, f.typeCondition, true);
        }
    }
    std::stable_sort(out_.begin(), out_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    return std::move(out_);
}

bool Validator::fragmentCycle(const std::string& name, std::vector<std::string>& path, std::set<std::string>& done) {
    if (done.count(name)) return false;
    const FragmentDefinition* f = doc_.fragment(name);
    if (!f) return false;
    path.push_back(name);
    std::vector<const SelectionSet*> stack{&f->selectionSet};
    bool found = false;
    while (!stack.empty() && !found) {
        const SelectionSet* ss = stack.back();
        stack.pop_back();
        for (const auto& s : ss->selections) {
            if (s.kind != Selection::Kind::FragmentSpread) {
                stack.push_back(&s.selectionSet);
                continue;
            }
            if (std::find(path.begin(), path.end(), s.name) != path.end()) {
                add("Cannot spread fragment " + q(s.name) + " within itself.", s.location, "NoFragmentCycles");
                found = true;
                break;
            }
            if (fragmentCycle(s.name, path, done)) found = true;
        }
    }
    path.pop_back();
    done.insert(name);
    return found;
}

void Validator::operation(const OperationDefinition& op) {
    OpContext ctx;
    ctx.op = &op;
    variableDefinitions(op, ctx);
    directives(op.directives, op.operation == "mutation" ? "MUTATION" : op.operation == "subscription" ? "SUBSCRIPTION" : "QUERY",
               &ctx, true);
    const TypeDef* root = schema_.rootType(op.operation);
    if (!root) {
        add("The schema is not configured to execute " + op.operation + " operations.", op.location,
            "KnownOperationTypes");
    } else {
        selectionSet(op.selectionSet, root->name, &ctx, true);
        conflicts(op.selectionSet, root->name, true);
    }
    for (const auto& v : op.variables)
        if (!ctx.used.count(v.name))
            add("Variable \"$" + v.name + "\" is never used" + (op.name.empty() ? "" : " in operation " + q(op.name)) + ".",
                v.location, "NoUnusedVariables");
}

void Validator::variableDefinitions(const OperationDefinition& op, OpContext& ctx) {
    for (const auto& v : op.variables) {
        if (ctx.vars.count(v.name)) {
            add("There can be only one variable named \"$" + v.name + "\".", v.nameLocation, "UniqueVariableNames");
            continue;
        }
        ctx.vars[v.name] = &v;
        const TypeDef* t = schema_.type(v.type.namedType());
        if (!t) {
            add("Unknown type " + q(v.type.namedType()) + ".", v.type.location, "KnownTypeNames");
            continue;
        }
        if (!t->isInput()) {
            add("Variable \"$" + v.name + "\" cannot be non-input type " + q(v.type.toString()) + ".", v.type.location,
                "VariablesAreInputTypes");
            continue;
        }
        if (v.defaultValue) value(*v.defaultValue, v.type, false, nullptr, true);
        directives(v.directives, "VARIABLE_DEFINITION", nullptr, true);
    }
}

void Validator::selectionSet(const SelectionSet& ss, const std::string& parent, OpContext* ctx, bool report) {
    for (const auto& s : ss.selections) {
        switch (s.kind) {
            case Selection::Kind::Field: field(s, parent, ctx, report); break;
            case Selection::Kind::FragmentSpread: spread(s, parent, ctx, report); break;
            case Selection::Kind::InlineFragment: inlineFragment(s, parent, ctx, report); break;
        }
    }
}

// Fields merged into one response object (directly, through inline fragments and spreads on the same
// type) must agree: same response key, same field, same arguments. A conservative part of the spec's
// OverlappingFieldsCanBeMerged: selections on other types and nested sub-selections are not compared.
void Validator::flatten(const SelectionSet& ss, const std::string& parent, std::vector<const Selection*>& out,
                        std::set<std::string>& visited) const {
    for (const auto& s : ss.selections) {
        if (s.kind == Selection::Kind::Field) {
            out.push_back(&s);
        } else if (s.kind == Selection::Kind::InlineFragment) {
            if (s.typeCondition.empty() || s.typeCondition == parent) flatten(s.selectionSet, parent, out, visited);
        } else if (const FragmentDefinition* f = doc_.fragment(s.name)) {
            if (f->typeCondition == parent && visited.insert(s.name).second) flatten(f->selectionSet, parent, out, visited);
        }
    }
}

void Validator::conflicts(const SelectionSet& ss, const std::string& parent, bool report) {
    if (!report) return;
    std::vector<const Selection*> fields;
    std::set<std::string> visited;
    flatten(ss, parent, fields, visited);
    auto args = [](const Selection& f) {
        std::map<std::string, std::string> m;
        for (const auto& a : f.arguments) m[a.name] = printValue(a.value);
        return m;
    };
    std::map<std::string, const Selection*> first;
    std::set<std::string> reported;
    for (const Selection* f : fields) {
        std::string key = f->responseKey();
        auto [it, inserted] = first.emplace(key, f);
        if (inserted || reported.count(key)) continue;
        const Selection* g = it->second;
        std::string why;
        if (g->name != f->name) why = q(g->name) + " and " + q(f->name) + " are different fields";
        else if (args(*g) != args(*f)) why = "they have differing arguments";
        if (why.empty()) continue;
        reported.insert(key);
        add("Fields " + q(key) + " conflict because " + why +
                ". Use different aliases on the fields to fetch both if this was intentional.",
            f->location, "OverlappingFieldsCanBeMerged");
    }
}

void Validator::field(const Selection& f, const std::string& parent, OpContext* ctx, bool report) {
    const FieldDef* def = schema_.fieldOn(parent, f.name);
    directives(f.directives, "FIELD", ctx, report);
    if (!def) {
        add("Cannot query field " + q(f.name) + " on type " + q(parent) + ".", f.location, "FieldsOnCorrectType", report);
        return;
    }
    arguments(f.arguments, def->arguments, f.location, parent + "." + f.name, false, ctx, report);
    const TypeDef* t = schema_.type(def->type.namedType());
    if (!t) return;
    if (t->isLeaf() && f.selectionSet.present) {
        add("Field " + q(f.name) + " must not have a selection since type " + q(def->type.toString()) +
                " has no subfields.",
            f.selectionSet.location, "ScalarLeafs", report);
    } else if (t->isComposite() && !f.selectionSet.present) {
        add("Field " + q(f.name) + " of type " + q(def->type.toString()) +
                " must have a selection of subfields. Did you mean \"" + f.name + " { ... }\"?",
            f.location, "ScalarLeafs", report);
    } else if (t->isComposite()) {
        selectionSet(f.selectionSet, t->name, ctx, report);
        conflicts(f.selectionSet, t->name, report);
    }
}

void Validator::spread(const Selection& s, const std::string& parent, OpContext* ctx, bool report) {
    directives(s.directives, "FRAGMENT_SPREAD", ctx, report);
    const FragmentDefinition* frag = doc_.fragment(s.name);
    if (!frag) {
        add("Unknown fragment " + q(s.name) + ".", s.nameLocation, "KnownFragmentNames", report);
        return;
    }
    usedFragments_.insert(s.name);
    const TypeDef* cond = schema_.type(frag->typeCondition);
    if (cond && cond->isComposite() && !typesOverlap(parent, cond->name))
        add("Fragment " + q(s.name) + " cannot be spread here as objects of type " + q(parent) +
                " can never be of type " + q(cond->name) + ".",
            s.location, "PossibleFragmentSpreads", report);
    if (!ctx || !ctx->visitedFragments.insert(s.name).second) return;
    bool first = reportedFragments_.insert(s.name).second;
    if (!cond) {
        add("Unknown type " + q(frag->typeCondition) + ".", frag->typeConditionLocation, "KnownTypeNames", first);
        return;
    }
    if (!cond->isComposite()) {
        add("Fragment " + q(frag->name) + " cannot condition on non composite type " + q(frag->typeCondition) + ".",
            frag->typeConditionLocation, "FragmentsOnCompositeTypes", first);
        return;
    }
    directives(frag->directives, "FRAGMENT_DEFINITION", ctx, first);
    selectionSet(frag->selectionSet, cond->name, ctx, first);
    if (cond->name != parent) conflicts(frag->selectionSet, cond->name, first);
}

void Validator::inlineFragment(const Selection& s, const std::string& parent, OpContext* ctx, bool report) {
    directives(s.directives, "INLINE_FRAGMENT", ctx, report);
    std::string typeName = parent;
    if (!s.typeCondition.empty()) {
        const TypeDef* cond = schema_.type(s.typeCondition);
        if (!cond) {
            add("Unknown type " + q(s.typeCondition) + ".", s.typeConditionLocation, "KnownTypeNames", report);
            return;
        }
        if (!cond->isComposite()) {
            add("Fragment cannot condition on non composite type " + q(s.typeCondition) + ".", s.typeConditionLocation,
                "FragmentsOnCompositeTypes", report);
            return;
        }
        if (!typesOverlap(parent, cond->name))
            add("Fragment cannot be spread here as objects of type " + q(parent) + " can never be of type " +
                    q(cond->name) + ".",
                s.location, "PossibleFragmentSpreads", report);
        typeName = cond->name;
    }
    selectionSet(s.selectionSet, typeName, ctx, report);
    if (typeName != parent) conflicts(s.selectionSet, typeName, report);
}

bool Validator::typesOverlap(const std::string& a, const std::string& b) const {
    if (a == b) return true;
    auto pa = schema_.possibleTypes(a);
    auto pb = schema_.possibleTypes(b);
    for (const auto& x : pa)
        if (std::find(pb.begin(), pb.end(), x) != pb.end()) return true;
    return false;
}

void Validator::arguments(const std::vector<Argument>& args, const std::vector<InputValueDef>& defs, Location at,
                          const std::string& owner, bool isDirective, OpContext* ctx, bool report) {
    std::set<std::string> given;
    for (const auto& a : args) {
        if (!given.insert(a.name).second) {
            add("There can be only one argument named " + q(a.name) + ".", a.location, "UniqueArgumentNames", report);
            continue;
        }
        const InputValueDef* def = nullptr;
        for (const auto& d : defs)
            if (d.name == a.name) def = &d;
        if (!def) {
            add("Unknown argument " + q(a.name) + " on " + (isDirective ? "directive " : "field ") + q(owner) + ".",
                a.location, "KnownArgumentNames", report);
            continue;
        }
        value(a.value, def->type, def->hasDefault, ctx, report);
    }
    for (const auto& d : defs)
        if (d.type.isNonNull() && !d.hasDefault && !given.count(d.name)) {
            std::string who = isDirective ? "Directive " + q(owner) : "Field " + q(owner.substr(owner.find('.') + 1));
            add(who + " argument " + q(d.name) + " of type " + q(d.type.toString()) +
                    " is required, but it was not provided.",
                at, "ProvidedRequiredArguments", report);
        }
}

void Validator::directives(const std::vector<Directive>& dirs, const char* location, OpContext* ctx, bool report) {
    std::set<std::string> seen;
    for (const auto& d : dirs) {
        const DirectiveDef* def = schema_.directive(d.name);
        if (!seen.insert(d.name).second && def && !def->repeatable)
            add("The directive \"@" + d.name + "\" can only be used once at this location.", d.location,
                "UniqueDirectivesPerLocation", report);
        if (!def) {
            add("Unknown directive \"@" + d.name + "\".", d.location, "KnownDirectives", report);
            for (const auto& a : d.arguments) variableUsage(a.value, TypeRef::named(""), true, ctx);
            continue;
        }
        if (std::find(def->locations.begin(), def->locations.end(), location) == def->locations.end())
            add("Directive \"@" + d.name + "\" may not be used on " + location + ".", d.location, "KnownDirectives",
                report);
        arguments(d.arguments, def->arguments, d.location, "@" + d.name, true, ctx, report);
    }
}

void Validator::variableUsage(const Value& v, const TypeRef& type, bool hasLocationDefault, OpContext* ctx) {
    if (!ctx) return;
    if (v.kind == Value::Kind::List || v.kind == Value::Kind::Object) {
        for (const auto& item : v.items) variableUsage(item, TypeRef::named(""), true, ctx);
        return;
    }
    if (v.kind != Value::Kind::Variable) return;
    ctx->used.insert(v.text);
    auto it = ctx->vars.find(v.text);
    if (it == ctx->vars.end()) {
        std::string opName = ctx->op && !ctx->op->name.empty() ? " by operation " + q(ctx->op->name) : "";
        add("Variable \"$" + v.text + "\" is not defined" + opName + ".", v.location, "NoUndefinedVariables");
        return;
    }
    if (type.namedType().empty()) return;  // position type unknown
    const VariableDefinition& def = *it->second;
    TypeRef varType = def.type;
    TypeRef expected = type;
    bool varHasDefault = def.defaultValue && def.defaultValue->kind != Value::Kind::Null;
    if (expected.isNonNull() && !varType.isNonNull() && (varHasDefault || hasLocationDefault)) {
        TypeRef inner = expected.inner();
        expected = inner;
    }
    if (!isSubtype(varType, expected))
        add("Variable \"$" + v.text + "\" of type " + q(def.type.toString()) + " used in position expecting type " +
                q(type.toString()) + ".",
            v.location, "VariablesInAllowedPosition");
}

void Validator::value(const Value& v, const TypeRef& type, bool hasLocationDefault, OpContext* ctx, bool report,
                      const TypeRef* shown) {
    using VK = Value::Kind;
    if (v.kind == VK::Variable) {
        if (!ctx) add("Unexpected variable \"$" + v.text + "\" in constant value.", v.location, "ValuesOfCorrectType", report);
        variableUsage(v, type, hasLocationDefault, ctx);
        return;
    }
    auto wrong = [&](const TypeRef& t) {
        add("Expected value of type " + q((shown ? *shown : t).toString()) + ", found " + printValue(v) + ".", v.location,
            "ValuesOfCorrectType", report);
    };
    if (type.isNonNull()) {
        if (v.kind == VK::Null) return wrong(type);
        return value(v, type.inner(), false, ctx, report, shown ? shown : &type);
    }
    if (v.kind == VK::Null) return;
    if (type.kind == TypeRef::Kind::List) {
        if (v.kind == VK::List) {
            for (const auto& item : v.items) value(item, type.inner(), false, ctx, report);
            return;
        }
        return value(v, type.inner(), false, ctx, report);
    }
    const TypeDef* t = schema_.type(type.name);
    if (!t) return;
    if (t->kind == TypeKind::InputObject) {
        if (v.kind != VK::Object) return wrong(type);
        std::set<std::string> given;
        for (const auto& f : v.items) {
            if (!given.insert(f.fieldName).second) {
                add("There can be only one input field named " + q(f.fieldName) + ".", f.fieldLocation,
                    "UniqueInputFieldNames", report);
                continue;
            }
            const InputValueDef* fd = t->inputField(f.fieldName);
            if (!fd) {
                add("Field " + q(f.fieldName) + " is not defined by type " + q(t->name) + ".", f.fieldLocation,
                    "ValuesOfCorrectType", report);
                variableUsage(f, TypeRef::named(""), true, ctx);
                continue;
            }
            value(f, fd->type, fd->hasDefault, ctx, report);
        }
        for (const auto& fd : t->inputFields)
            if (fd.type.isNonNull() && !fd.hasDefault && !given.count(fd.name))
                add("Field \"" + t->name + "." + fd.name + "\" of required type " + q(fd.type.toString()) +
                        " was not provided.",
                    v.location, "ValuesOfCorrectType", report);
        return;
    }
    if (v.kind == VK::List || v.kind == VK::Object) {
        if (t->kind == TypeKind::Scalar && !t->builtIn) {  // custom scalars accept any literal
            variableUsage(v, TypeRef::named(""), true, ctx);
            return;
        }
        variableUsage(v, TypeRef::named(""), true, ctx);
        return wrong(type);
    }
    if (t->kind == TypeKind::Enum) {
        if (v.kind != VK::Enum) return wrong(type);
        if (!t->enumValue(v.text))
            add("Value " + q(v.text) + " does not exist in " + q(t->name) + " enum.", v.location, "ValuesOfCorrectType",
                report);
        return;
    }
    const std::string& n = t->name;
    bool okKind = true;
    if (n == "Int") {
        okKind = v.kind == VK::Int;
        if (okKind) {
            long long x = 0;
            try {
                x = std::stoll(v.text);
            } catch (...) {  // out of range for long long: certainly not an Int
                x = 1LL << 40;
            }
            if (x > 2147483647LL || x < -2147483648LL) {
                add("Int cannot represent non 32-bit signed integer value: " + v.text, v.location, "ValuesOfCorrectType",
                    report);
                return;
            }
        }
    } else if (n == "Float") {
        okKind = v.kind == VK::Int || v.kind == VK::Float;
    } else if (n == "String") {
        okKind = v.kind == VK::String;
    } else if (n == "Boolean") {
        okKind = v.kind == VK::Boolean;
    } else if (n == "ID") {
        okKind = v.kind == VK::String || v.kind == VK::Int;
    }
    if (!okKind) wrong(type);
}

}  // namespace

std::vector<Diagnostic> validate(const Schema& schema, const Document& document) {
    return Validator(schema, document).run();
}

std::vector<Diagnostic> validate(const Schema& schema, std::string_view source) {
    ParseResult parsed = parse(source, ParseMode::Executable);
    if (!parsed.ok()) return {*parsed.error};
    return validate(schema, parsed.document);
}

}  // namespace sonde::graphql
