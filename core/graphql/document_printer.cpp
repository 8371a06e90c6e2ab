// Mirrors graphql-js 16.x language/printer.mjs for executable definitions: the same join/wrap/block
// rules, with indentation applied eagerly (a nested block's newlines become "\n  "), so string lengths
// are the lengths graphql-js compares against its 80-column limit.
#include "core/graphql/document_printer.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>

namespace sonde::graphql {
namespace {

constexpr std::size_t kMaxLineLength = 80;

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::string wrap(const std::string& start, const std::string& inner, const std::string& end = {}) {
    return inner.empty() ? std::string() : start + inner + end;
}

std::string indent(const std::string& s) {
    if (s.empty()) return s;
    std::string out = "  ";
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        out += c;
        if (c == '\n') out += "  ";
    }
    return out;
}

std::string block(const std::vector<std::string>& items) {
    return wrap("{\n", indent(join(items, "\n")), "\n}");
}

bool isWhite(char c) { return c == ' ' || c == '\t'; }

// Length in UTF-16 code units, as JavaScript counts it (the 80-column rule is graphql-js's).
std::size_t jsLength(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) ++n;
        if (c >= 0xF0) ++n;  // a 4-byte sequence is a surrogate pair
    }
    return n;
}

std::string printType(const TypeRef& t) {
    switch (t.kind) {
        case TypeRef::Kind::Named: return t.name;
        case TypeRef::Kind::List: return "[" + printType(t.inner()) + "]";
        case TypeRef::Kind::NonNull: return printType(t.inner()) + "!";
    }
    return {};
}

std::string printArgument(const Argument& a) { return a.name + ": " + printValueCanonical(a.value); }

std::vector<std::string> printArguments(const std::vector<Argument>& args) {
    std::vector<std::string> out;
    out.reserve(args.size());
    for (const auto& a : args) out.push_back(printArgument(a));
    return out;
}

std::string printDirective(const Directive& d) {
    return "@" + d.name + wrap("(", join(printArguments(d.arguments), ", "), ")");
}

std::string printDirectives(const std::vector<Directive>& ds) {
    std::vector<std::string> parts;
    for (const auto& d : ds) parts.push_back(printDirective(d));
    return join(parts, " ");
}

std::string printVariableDefinition(const VariableDefinition& v) {
    std::string s = "$" + v.name + ": " + printType(v.type);
    if (v.defaultValue) s += " = " + printValueCanonical(*v.defaultValue);
    return s + wrap(" ", printDirectives(v.directives));
}

std::string printSelectionSet(const SelectionSet& set);

std::string wrappedLineAndArgs(const std::string& prefix, const std::vector<Argument>& arguments) {
    if (arguments.empty()) return prefix;
    const auto args = printArguments(arguments);
    std::size_t joined = 0;
    for (const auto& a : args) joined += (joined == 0 ? 0 : 2) + jsLength(a);
    if (jsLength(prefix) + joined + 2 > kMaxLineLength) return prefix + wrap("(\n", indent(join(args, "\n")), "\n)");
    return prefix + wrap("(", join(args, ", "), ")");
}

std::string printSelection(const Selection& s) {
    switch (s.kind) {
        case Selection::Kind::Field: {
            const std::string prefix = wrap("", s.alias, ": ") + s.name;
            return wrappedLineAndArgs(prefix, s.arguments) + wrap(" ", printDirectives(s.directives)) +
                   wrap(" ", printSelectionSet(s.selectionSet));
        }
        case Selection::Kind::FragmentSpread:
            return "..." + s.name + wrap(" ", printDirectives(s.directives));
        case Selection::Kind::InlineFragment:
            return join({"...", wrap("on ", s.typeCondition), printDirectives(s.directives),
                         printSelectionSet(s.selectionSet)},
                        " ");
    }
    return {};
}

std::string printSelectionSet(const SelectionSet& set) {
    std::vector<std::string> items;
    items.reserve(set.selections.size());
    for (const auto& s : set.selections) items.push_back(printSelection(s));
    return block(items);
}

std::string printOperation(const OperationDefinition& op) {
    std::vector<std::string> vars;
    bool multiline = false;
    for (const auto& v : op.variables) {
        vars.push_back(printVariableDefinition(v));
        multiline = multiline || vars.back().find('\n') != std::string::npos;
    }
    const std::string varDefs = multiline ? wrap("(\n", join(vars, "\n"), "\n)") : wrap("(", join(vars, ", "), ")");
    const std::string prefix = join({op.operation, op.name + varDefs, printDirectives(op.directives)}, " ");
    const std::string set = printSelectionSet(op.selectionSet);
    if (op.operation == "query" && prefix.size() == op.operation.size()) return set;
    return prefix + " " + set;
}

std::string printFragment(const FragmentDefinition& f) {
    return "fragment " + f.name + " on " + f.typeCondition + " " + wrap("", printDirectives(f.directives), " ") +
           printSelectionSet(f.selectionSet);
}

void appendUtf16Escape(std::string& out, unsigned code) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04X", code);
    out += buf;
}

}  // namespace

std::string printGraphqlString(const std::string& text) {
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
            case '\b': out += "\\b"; continue;
            case '\t': out += "\\t"; continue;
            case '\n': out += "\\n"; continue;
            case '\f': out += "\\f"; continue;
            case '\r': out += "\\r"; continue;
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            default: break;
        }
        if (c < 0x20 || c == 0x7f) {
            appendUtf16Escape(out, c);
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            appendUtf16Escape(out, static_cast<unsigned char>(text[++i]));  // U+0080..U+009F
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string printBlockString(const std::string& value) {
    std::string escaped;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value.compare(i, 3, "\"\"\"") == 0) {
            escaped += "\\\"\"\"";
            i += 2;
        } else {
            escaped += value[i];
        }
    }
    // Lines split on \r\n, \n or \r.
    std::vector<std::string> lines(1);
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        if (escaped[i] == '\r' || escaped[i] == '\n') {
            if (escaped[i] == '\r' && i + 1 < escaped.size() && escaped[i + 1] == '\n') ++i;
            lines.emplace_back();
        } else {
            lines.back() += escaped[i];
        }
    }
    const bool singleLine = lines.size() == 1;
    const bool forceLeadingNewLine =
        lines.size() > 1 && std::all_of(lines.begin() + 1, lines.end(),
                                        [](const std::string& l) { return l.empty() || isWhite(l[0]); });
    const bool trailingTripleQuotes = escaped.size() >= 4 && escaped.compare(escaped.size() - 4, 4, "\\\"\"\"") == 0;
    const bool trailingQuote = !value.empty() && value.back() == '"' && !trailingTripleQuotes;
    const bool trailingSlash = !value.empty() && value.back() == '\\';
    const bool forceTrailingNewline = trailingQuote || trailingSlash;
    const bool multipleLines = !singleLine || value.size() > 70 || forceTrailingNewline || forceLeadingNewLine ||
                               trailingTripleQuotes;
    const bool skipLeadingNewLine = singleLine && !value.empty() && isWhite(value[0]);
    std::string out = "\"\"\"";
    if ((multipleLines && !skipLeadingNewLine) || forceLeadingNewLine) out += '\n';
    out += escaped;
    if (multipleLines || forceTrailingNewline) out += '\n';
    return out + "\"\"\"";
}

std::string printValueCanonical(const Value& v) {
    using K = Value::Kind;
    switch (v.kind) {
        case K::Variable: return "$" + v.text;
        case K::Int:
        case K::Float:
        case K::Boolean:
        case K::Enum: return v.text;
        case K::Null: return "null";
        case K::String: return v.block ? printBlockString(v.text) : printGraphqlString(v.text);
        case K::List: {
            std::vector<std::string> parts;
            for (const auto& item : v.items) parts.push_back(printValueCanonical(item));
            return "[" + join(parts, ", ") + "]";
        }
        case K::Object: {
            std::vector<std::string> parts;
            for (const auto& item : v.items) parts.push_back(item.fieldName + ": " + printValueCanonical(item));
            return "{" + join(parts, ", ") + "}";
        }
    }
    return {};
}

std::string printDocument(const Document& document) {
    // Operations and fragments are stored apart; restore the source order from their offsets.
    std::vector<std::pair<std::size_t, std::string>> defs;
    defs.reserve(document.operations.size() + document.fragments.size());
    for (const auto& op : document.operations) defs.emplace_back(op.location.offset, printOperation(op));
    for (const auto& f : document.fragments) defs.emplace_back(f.location.offset, printFragment(f));
    std::stable_sort(defs.begin(), defs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> parts;
    parts.reserve(defs.size());
    for (auto& d : defs) parts.push_back(std::move(d.second));
    return join(parts, "\n\n");
}

}  // namespace sonde::graphql
