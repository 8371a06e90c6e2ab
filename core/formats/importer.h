#pragma once
// Importing what people already have: a Postman collection (v2.0/v2.1) or environment, an Insomnia
// export (v4/v5), an OpenAPI
// 3.x / Swagger 2.0 document (JSON or YAML), a HAR log, a curl command line, a .http file (JetBrains or
// VS Code REST Client), a Bruno collection directory, or a Sonde text tree. The format is recognised from the content, not the file
// name. Whatever cannot be carried over (scripts, unsupported auth types, files that are not there)
// is named in a warning with its place; nothing is skipped silently. Imported items get no ids: the
// store gives new ones, so importing twice never overwrites what the user has edited since.
#include <string>
#include <string_view>
#include <vector>

#include "core/model/collection.h"
#include "core/model/result.h"

namespace sonde {

enum class ImportFormat { Unknown, TextTree, PostmanCollection, PostmanEnvironment, Har, Curl, OpenApi, HttpFile, Insomnia, Bruno };

const char* toString(ImportFormat f);

struct ImportWarning {
    std::string where;    // "Users/Get user" (folder path and request name), or "file:line"
    std::string message;  // one sentence
    std::string text() const { return where.empty() ? message : where + ": " + message; }
};

struct Imported {
    ImportFormat format = ImportFormat::Unknown;
    bool hasCollection = false;  // false for a lone environment
    Collection collection;
    std::vector<Environment> environments;  // environments that came without a collection
    std::vector<ImportWarning> warnings;
    int requestCount() const;
};

// Recognises the format of a file's text (JSON shape, or a command line that starts with "curl").
ImportFormat sniffFormat(std::string_view text);

// Imports a file (or a text-tree directory). `where` in errors is the path, with line and column
// for malformed JSON.
Result<Imported> importPath(const std::string& path);
// Imports text already read; `name` names it in errors and is the fallback collection name.
Result<Imported> importText(std::string_view text, const std::string& name);

// The single formats, for callers that know what they hold.
Result<Imported> importPostmanCollection(std::string_view json, const std::string& name);
Result<Imported> importPostmanEnvironment(std::string_view json, const std::string& name);
Result<Imported> importHar(std::string_view json, const std::string& name);
// A .http/.rest file (JetBrains or VS Code dialect); `path` (may be empty) locates `< file` bodies and
// the http-client.env.json environments beside it.
Result<Imported> importHttpFile(std::string_view text, const std::string& name, const std::string& path = {});
// A Bruno collection directory (bruno.json, .bru files, environments/*.bru).
Result<Imported> importBrunoDirectory(const std::string& dir);
bool isBrunoCollection(const std::string& dir);
// An Insomnia export: v4 (JSON or YAML) or v5 (YAML).
Result<Imported> importInsomnia(std::string_view text, const std::string& name);
// OpenAPI 3.x or Swagger 2.0, JSON or YAML.
Result<Imported> importOpenApi(std::string_view text, const std::string& name);

struct CurlImport {
    RequestSpec request;
    std::vector<ImportWarning> warnings;
};
// One curl command line as a browser's "Copy as cURL (bash)" or the docs write it: quoting (single,
// double, $'…'), line continuations, the options in docs/import.md. Unknown options are an error
// that names them (their arity is unknown, guessing would turn a value into the URL).
Result<CurlImport> importCurl(std::string_view commandLine);

}  // namespace sonde
