#pragma once
// The YAML used by the text-tree collection format: a small writer that gives stable, diff-friendly
// output (keys in the order written, one field per line, multi-line strings as literal block
// scalars with exact chomping so pretty JSON bodies stay readable and round-trip byte for byte), and
// the reading helpers that check types and name "file:line:col" in every Error.
#include <cstdint>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "core/model/result.h"

namespace sonde {

class TextTreeYamlWriter {
public:
    void scalar(std::string_view key, std::string_view value);  // quoted or block as needed
    void boolean(std::string_view key, bool value);
    void integer(std::string_view key, std::int64_t value);
    void beginMap(std::string_view key);   // "key:" and indent
    void endMap();
    void beginList(std::string_view key);  // "key:"; items follow with item()
    void item();                           // the next key starts a new "- " item
    void endList();
    void listScalar(std::string_view value);  // "- value" inside a list
    const std::string& text() const { return out_; }

private:
    void keyPrefix(std::string_view key);
    std::string out_;
    int indent_ = 0;
    bool dash_ = false;
};

// How a single-line string is written: plain when unambiguous, else double-quoted with escapes.
std::string yamlQuote(std::string_view s);

// Thrown inside the importer only, caught at its boundary and returned as an Error.
struct TextTreeParseError {
    Error error;
};

class TextTreeYamlReader {
public:
    explicit TextTreeYamlReader(std::string file) : file_(std::move(file)) {}
    const std::string& file() const { return file_; }

    // Parses text; syntax errors become TextTreeParseError naming file:line:col.
    YAML::Node load(const std::string& text) const;
    [[noreturn]] void fail(const YAML::Node& at, const std::string& message, const std::string& fix = {}) const;
    [[noreturn]] void fail(const YAML::Mark& at, const std::string& message, const std::string& fix = {}) const;

    // Each checks the node's type. Missing keys give the default.
    void expectMap(const YAML::Node& n, const char* what) const;
    void expectList(const YAML::Node& n, const char* what) const;
    // Fails on any key not in allowed (typos in hand-edited files must not be ignored).
    void allowKeys(const YAML::Node& map, std::initializer_list<const char*> allowed) const;
    std::string string(const YAML::Node& map, const char* key, const std::string& def = {}) const;
    bool boolean(const YAML::Node& map, const char* key, bool def) const;
    std::int64_t integer(const YAML::Node& map, const char* key, std::int64_t def) const;
    std::string where(const YAML::Mark& m) const;  // "file:line:col" (1-based)
    int lineOf(const YAML::Node& map, const char* key) const;  // 1-based line of key, 0 if absent

private:
    std::string file_;
};

}  // namespace sonde
