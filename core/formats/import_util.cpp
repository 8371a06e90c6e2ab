#include "core/formats/import_util.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

#include <yaml-cpp/yaml.h>

namespace sonde {

std::string_view trimView(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string trim(std::string_view s) { return std::string(trimView(s)); }

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto pos = s.find(sep, start);
        out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}



Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& name) {
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is 1-based; count lines up to it.
        const std::size_t upto = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        int line = 1, col = 1;
        for (std::size_t i = 0; i < upto; ++i) {
            if (text[i] == '\n') ++line, col = 1;
            else ++col;
        }
        std::string what = e.what();
        const auto colon = what.rfind(": ");
        return makeError("The file is not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)),
                         name + ":" + std::to_string(line) + ":" + std::to_string(col), "Fix the JSON and import again",
                         "parse");
    }
}

namespace {

nlohmann::ordered_json scalarFromYaml(const YAML::Node& n) {
    const std::string& v = n.Scalar();
    if (n.Tag() != "?") return v;  // quoted ("!") or explicitly tagged: a string
    if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
    if (v == "true" || v == "True" || v == "TRUE") return true;
    if (v == "false" || v == "False" || v == "FALSE") return false;
    static const std::regex integer(R"([-+]?[0-9]+)");
    static const std::regex number(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (std::regex_match(v, integer) && v.size() < 18) return std::strtoll(v.c_str(), nullptr, 10);
    if (std::regex_match(v, number)) return std::strtod(v.c_str(), nullptr);
    return v;
}

nlohmann::ordered_json fromYaml(const YAML::Node& n, int depth) {
    if (depth > 256) throw std::runtime_error("nested deeper than 256 levels");
    switch (n.Type()) {
        case YAML::NodeType::Scalar: return scalarFromYaml(n);
        case YAML::NodeType::Sequence: {
            nlohmann::ordered_json a = nlohmann::ordered_json::array();
            for (const auto& item : n) a.push_back(fromYaml(item, depth + 1));
            return a;
        }
        case YAML::NodeType::Map: {
            nlohmann::ordered_json o = nlohmann::ordered_json::object();
            for (const auto& kv : n) o[kv.first.Scalar()] = fromYaml(kv.second, depth + 1);
            return o;
        }
        default: return nullptr;
    }
}

}  // namespace

Result<nlohmann::ordered_json> parseJsonOrYaml(std::string_view text, const std::string& name) {
    const std::string_view t = trimView(text);
    if (!t.empty() && (t.front() == '{' || t.front() == '[')) {
        auto j = parseJsonText(text, name);  // for the error's line and column
        if (!j) return j.error();
        return nlohmann::ordered_json::parse(text.begin(), text.end());
    }
    try {
        return fromYaml(YAML::Load(std::string(text)), 0);
    } catch (const YAML::Exception& e) {
        return makeError("The file is not valid YAML: " + e.msg,
                         name + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1),
                         "Fix the YAML and import again", "parse");
    } catch (const std::exception& e) {
        return makeError(std::string("The file cannot be read as YAML: ") + e.what(), name, "", "parse");
    }
}

bool looksLikeOpenApiYaml(std::string_view text) {
    static const std::regex key(R"((^|\n)(openapi|swagger)\s*:)");
    const std::string head(text.substr(0, 4096));
    return std::regex_search(head, key);
}

Result<Imported> guardShapes(const std::string& name, const std::function<Result<Imported>()>& importer) {
    try {
        return importer();
    } catch (const nlohmann::json::exception& e) {
        std::string what = e.what();
        const auto bracket = what.find("] ");
        if (bracket != std::string::npos) what = what.substr(bracket + 2);
        return makeError("The file has an unexpected shape: " + what, name,
                         "Check that it is a complete export of the tool it comes from", "parse");
    } catch (const std::exception& e) {
        return makeError(std::string("The file cannot be imported: ") + e.what(), name, "", "parse");
    }
}

bool looksLikeInsomniaYaml(std::string_view text) {
    static const std::regex key(R"((^|\n)(type:\s*["']?collection\.insomnia\.rest/5|_type:\s*["']?export))");
    const std::string head(text.substr(0, 4096));
    return std::regex_search(head, key);
}

std::string jsonText(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
}

std::string jsonText(const nlohmann::ordered_json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
}

}  // namespace sonde
