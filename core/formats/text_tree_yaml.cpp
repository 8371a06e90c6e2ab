#include "core/formats/text_tree_yaml.h"

#include <cctype>
#include <cstdio>

#include "core/model/json.h"  // isValidUtf8

namespace sonde {

namespace {
bool isSpecialWord(std::string_view s) {
    std::string l;
    for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* w : {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"})
        if (l == w) return true;
    return false;
}

bool plainSafe(std::string_view s) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) return false;
    if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return false;
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return false;
    if (isSpecialWord(s)) return false;
    if (s == "---" || s == "...") return false;
    return isValidUtf8(std::string(s));
}

// True when s can be a literal block scalar and stay exact.
bool blockSafe(std::string_view s) {
    if (s.find('\n') == std::string_view::npos) return false;
    bool content = false;
    for (unsigned char c : s) {
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return false;
        if (c != '\n' && c != ' ') content = true;
    }
    return content && isValidUtf8(std::string(s));
}
}  // namespace

std::string yamlQuote(std::string_view s) {
    if (plainSafe(s)) return std::string(s);
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '\0': out += "\\0"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

void TextTreeYamlWriter::keyPrefix(std::string_view key) {
    if (dash_) {
        out_.append(static_cast<size_t>(indent_ - 2), ' ');
        out_ += "- ";
        dash_ = false;
    } else {
        out_.append(static_cast<size_t>(indent_), ' ');
    }
    out_ += key;
    out_ += ':';
}

void TextTreeYamlWriter::scalar(std::string_view key, std::string_view value) {
    keyPrefix(key);
    if (!blockSafe(value)) {
        out_ += ' ';
        out_ += yamlQuote(value);
        out_ += '\n';
        return;
    }
    // Literal block: "|" + indentation indicator when the text starts with a space or a line break
    // (auto-detection would be wrong) + chomping: "-" no final newline, "" one, "+" more.
    size_t trailing = 0;
    while (trailing < value.size() && value[value.size() - 1 - trailing] == '\n') ++trailing;
    out_ += " |";
    if (value.front() == ' ' || value.front() == '\n') out_ += '2';
    out_ += trailing == 0 ? "-" : trailing == 1 ? "" : "+";
    out_ += '\n';
    std::string_view body = value.substr(0, value.size() - (trailing == 0 ? 0 : 1));
    size_t pos = 0;
    while (pos <= body.size()) {
        size_t nl = body.find('\n', pos);
        std::string_view line = body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (!line.empty()) {
            out_.append(static_cast<size_t>(indent_ + 2), ' ');
            out_ += line;
        }
        out_ += '\n';
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
}

void TextTreeYamlWriter::boolean(std::string_view key, bool value) {
    keyPrefix(key);
    out_ += value ? " true\n" : " false\n";
}

void TextTreeYamlWriter::integer(std::string_view key, std::int64_t value) {
    keyPrefix(key);
    out_ += ' ' + std::to_string(value) + '\n';
}

void TextTreeYamlWriter::beginMap(std::string_view key) {
    keyPrefix(key);
    out_ += '\n';
    indent_ += 2;
}

void TextTreeYamlWriter::endMap() { indent_ -= 2; }

void TextTreeYamlWriter::beginList(std::string_view key) {
    keyPrefix(key);
    out_ += '\n';
    indent_ += 4;  // items at indent+2 ("  - "), their keys at indent+4
}

void TextTreeYamlWriter::item() { dash_ = true; }

void TextTreeYamlWriter::endList() {
    indent_ -= 4;
    dash_ = false;
}

void TextTreeYamlWriter::listScalar(std::string_view value) {
    out_.append(static_cast<size_t>(indent_ - 2), ' ');
    out_ += "- ";
    out_ += yamlQuote(value);
    out_ += '\n';
}

// ---- reading ----

std::string TextTreeYamlReader::where(const YAML::Mark& m) const {
    if (m.is_null()) return file_;
    return file_ + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

void TextTreeYamlReader::fail(const YAML::Mark& at, const std::string& message, const std::string& fix) const {
    throw TextTreeParseError{makeError(message, where(at), fix, "parse")};
}

void TextTreeYamlReader::fail(const YAML::Node& at, const std::string& message, const std::string& fix) const {
    fail(at.Mark(), message, fix);
}

YAML::Node TextTreeYamlReader::load(const std::string& text) const {
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        fail(e.mark, "Invalid YAML: " + e.msg, "Fix the syntax at this line");
    }
}

void TextTreeYamlReader::expectMap(const YAML::Node& n, const char* what) const {
    if (!n.IsMap()) fail(n, std::string(what) + " must be a mapping of keys to values");
}

void TextTreeYamlReader::expectList(const YAML::Node& n, const char* what) const {
    if (!n.IsSequence()) fail(n, std::string(what) + " must be a list (lines starting with \"- \")");
}

void TextTreeYamlReader::allowKeys(const YAML::Node& map, std::initializer_list<const char*> allowed) const {
    for (const auto& kv : map) {
        std::string k = kv.first.Scalar();
        bool ok = false;
        for (const char* a : allowed) ok = ok || k == a;
        if (!ok) {
            std::string list;
            for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            fail(kv.first, "Unknown key \"" + k + "\"", "Known keys here: " + list);
        }
    }
}

std::string TextTreeYamlReader::string(const YAML::Node& map, const char* key, const std::string& def) const {
    YAML::Node n = map[key];
    if (!n) return def;
    if (n.IsNull()) return std::string();  // "key:" with nothing after it
    if (!n.IsScalar()) fail(n, std::string("\"") + key + "\" must be text");
    return n.Scalar();
}

bool TextTreeYamlReader::boolean(const YAML::Node& map, const char* key, bool def) const {
    YAML::Node n = map[key];
    if (!n) return def;
    const std::string& s = n.IsScalar() ? n.Scalar() : std::string();
    if (s == "true") return true;
    if (s == "false") return false;
    fail(n, std::string("\"") + key + "\" must be true or false");
}

std::int64_t TextTreeYamlReader::integer(const YAML::Node& map, const char* key, std::int64_t def) const {
    YAML::Node n = map[key];
    if (!n) return def;
    const std::string s = n.IsScalar() ? n.Scalar() : std::string();
    try {
        size_t used = 0;
        long long v = std::stoll(s, &used);
        if (used == s.size() && !s.empty()) return v;
    } catch (...) {
    }
    fail(n, std::string("\"") + key + "\" must be a whole number");
}

int TextTreeYamlReader::lineOf(const YAML::Node& map, const char* key) const {
    for (const auto& kv : map)
        if (kv.first.Scalar() == key) return kv.first.Mark().line + 1;
    return 0;
}

}  // namespace sonde
