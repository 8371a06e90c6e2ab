// Schema -> SDL text (the inverse of schema_builder), in the style of graphql-js's printSchema.
#include <string>

#include "core/graphql/schema.h"

namespace sonde::graphql {

namespace {
std::string quoted(const std::string& s) {
    Value v;
    v.kind = Value::Kind::String;
    v.text = s;
    return printValue(v);
}

// A description as a block string when it spans lines or holds a quote, else a plain string.
std::string description(const std::string& d, const std::string& indent, bool firstInBlock) {
    if (d.empty()) return {};
    std::string out = (indent.empty() || firstInBlock) ? "" : "\n";
    bool block = d.find('\n') != std::string::npos || d.find('"') != std::string::npos || d.size() > 70;
    bool unsafe = false;
    for (unsigned char c : d)
        if (c < 0x20 && c != '\n' && c != '\t') unsafe = true;
    if (!block || unsafe) return out + indent + quoted(d) + "\n";
    std::string body;
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (d.compare(i, 3, "\"\"\"") == 0) {
            body += "\\\"\"\"";
            i += 2;
            continue;
        }
        body += d[i];
        if (d[i] == '\n' && i + 1 < d.size() && d[i + 1] != '\n') body += indent;
    }
    return out + indent + "\"\"\"\n" + indent + body + "\n" + indent + "\"\"\"\n";
}

std::string deprecation(bool deprecated, const std::string& reason) {
    if (!deprecated) return {};
    if (reason.empty() || reason == "No longer supported") return " @deprecated";
    return " @deprecated(reason: " + quoted(reason) + ")";
}

std::string inputValue(const InputValueDef& v) {
    std::string s = v.name + ": " + v.type.toString();
    if (v.hasDefault) s += " = " + v.defaultValue;
    return s + deprecation(v.deprecated, v.deprecationReason);
}

std::string args(const std::vector<InputValueDef>& a, const std::string& indent) {
    if (a.empty()) return {};
    bool anyDesc = false;
    for (const auto& v : a)
        if (!v.description.empty()) anyDesc = true;
    std::string s = "(";
    if (!anyDesc) {
        for (std::size_t i = 0; i < a.size(); ++i) s += (i ? ", " : "") + inputValue(a[i]);
        return s + ")";
    }
    s += "\n";
    for (std::size_t i = 0; i < a.size(); ++i)
        s += description(a[i].description, indent + "  ", i == 0) + indent + "  " + inputValue(a[i]) + "\n";
    return s + indent + ")";
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

std::string printType(const TypeDef& t) {
    std::string s = description(t.description, "", true);
    switch (t.kind) {
        case TypeKind::Scalar:
            s += "scalar " + t.name;
            if (!t.specifiedByUrl.empty()) s += " @specifiedBy(url: " + quoted(t.specifiedByUrl) + ")";
            return s;
        case TypeKind::Union:
            s += "union " + t.name;
            if (!t.possibleTypes.empty()) s += " = " + joined(t.possibleTypes, " | ");
            return s;
        case TypeKind::Enum:
            s += "enum " + t.name;
            if (t.enumValues.empty()) return s;
            s += " {\n";
            for (std::size_t i = 0; i < t.enumValues.size(); ++i) {
                const auto& e = t.enumValues[i];
                s += description(e.description, "  ", i == 0) + "  " + e.name +
                     deprecation(e.deprecated, e.deprecationReason) + "\n";
            }
            return s + "}";
        case TypeKind::InputObject:
            s += "input " + t.name;
            if (t.inputFields.empty()) return s;
            s += " {\n";
            for (std::size_t i = 0; i < t.inputFields.size(); ++i)
                s += description(t.inputFields[i].description, "  ", i == 0) + "  " + inputValue(t.inputFields[i]) +
                     "\n";
            return s + "}";
        case TypeKind::Object:
        case TypeKind::Interface:
            s += (t.kind == TypeKind::Object ? "type " : "interface ") + t.name;
            if (!t.interfaces.empty()) s += " implements " + joined(t.interfaces, " & ");
            if (t.fields.empty()) return s;
            s += " {\n";
            for (std::size_t i = 0; i < t.fields.size(); ++i) {
                const auto& f = t.fields[i];
                s += description(f.description, "  ", i == 0) + "  " + f.name + args(f.arguments, "  ") + ": " +
                     f.type.toString() + deprecation(f.deprecated, f.deprecationReason) + "\n";
            }
            return s + "}";
    }
    return s;
}
}  // namespace

std::string printSchema(const Schema& schema) {
    std::vector<std::string> blocks;
    bool conventional = (schema.queryType.empty() || schema.queryType == "Query") &&
                        (schema.mutationType.empty() || schema.mutationType == "Mutation") &&
                        (schema.subscriptionType.empty() || schema.subscriptionType == "Subscription");
    if (!conventional || !schema.description.empty()) {
        std::string s = description(schema.description, "", true) + "schema {\n";
        if (!schema.queryType.empty()) s += "  query: " + schema.queryType + "\n";
        if (!schema.mutationType.empty()) s += "  mutation: " + schema.mutationType + "\n";
        if (!schema.subscriptionType.empty()) s += "  subscription: " + schema.subscriptionType + "\n";
        blocks.push_back(s + "}");
    }
    for (const auto& d : schema.directives()) {
        if (d.builtIn) continue;
        std::string s = description(d.description, "", true) + "directive @" + d.name + args(d.arguments, "");
        if (d.repeatable) s += " repeatable";
        blocks.push_back(s + " on " + joined(d.locations, " | "));
    }
    for (const auto& t : schema.types())
        if (!t.builtIn) blocks.push_back(printType(t));
    std::string out;
    for (std::size_t i = 0; i < blocks.size(); ++i) out += (i ? "\n\n" : "") + blocks[i];
    return out.empty() ? out : out + "\n";
}

}  // namespace sonde::graphql
