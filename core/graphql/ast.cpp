// Small helpers of the syntax tree: printing type references and values, document look-ups.
#include "core/graphql/ast.h"

#include <cstdio>

namespace sonde::graphql {

std::string TypeRef::toString() const {
    switch (kind) {
        case Kind::Named: return name;
        case Kind::List: return "[" + of.front().toString() + "]";
        case Kind::NonNull: return of.front().toString() + "!";
    }
    return name;
}

namespace {
std::string quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04X", unsigned(c));
                    out += buf;
                } else {
                    out += char(c);
                }
        }
    }
    return out + "\"";
}
}  // namespace

std::string printValue(const Value& v) {
    using K = Value::Kind;
    switch (v.kind) {
        case K::Variable: return "$" + v.text;
        case K::Int:
        case K::Float:
        case K::Boolean:
        case K::Enum: return v.text;
        case K::Null: return "null";
        case K::String: return quote(v.text);
        case K::List: {
            std::string s = "[";
            for (std::size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + printValue(v.items[i]);
            return s + "]";
        }
        case K::Object: {
            std::string s = "{";
            for (std::size_t i = 0; i < v.items.size(); ++i)
                s += (i ? ", " : "") + v.items[i].fieldName + ": " + printValue(v.items[i]);
            return s + "}";
        }
    }
    return {};
}

const FragmentDefinition* Document::fragment(const std::string& name) const {
    for (const auto& f : fragments)
        if (f.name == name) return &f;
    return nullptr;
}

const OperationDefinition* Document::operation(const std::string& name) const {
    if (name.empty()) return operations.size() == 1 ? &operations.front() : nullptr;
    for (const auto& o : operations)
        if (o.name == name) return &o;
    return nullptr;
}

}  // namespace sonde::graphql
