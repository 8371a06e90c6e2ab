#pragma once
// Small text helpers shared by the importers.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/formats/importer.h"
#include "core/model/percent_encoding.h"
#include "core/model/response.h"  // iequals
#include "core/model/result.h"

namespace sonde {

std::string_view trimView(std::string_view s);
std::string trim(std::string_view s);
std::string lower(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);

// Parses JSON text; a syntax error names `name` with line and column.
Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& name);
// JSON, or YAML (1.2 core types: only true/false are booleans, quoted scalars stay strings) as JSON;
// a syntax error names `name` with line and column.
Result<nlohmann::ordered_json> parseJsonOrYaml(std::string_view text, const std::string& name);
// A JSON value as text: strings as they are, numbers and booleans printed, null as "".
std::string jsonText(const nlohmann::json& v);
std::string jsonText(const nlohmann::ordered_json& v);

struct Imported;
// The importers once the JSON is parsed (importText parses a file once and dispatches on its shape).
Result<Imported> postmanCollectionFromJson(nlohmann::json root, const std::string& name);
Result<Imported> postmanEnvironmentFromJson(const nlohmann::json& root, const std::string& name);
Result<Imported> harFromJson(const nlohmann::json& root, const std::string& name);
Result<Imported> openApiFromJson(const nlohmann::ordered_json& root, const std::string& name);
// True when YAML text starts a top-level "openapi:" or "swagger:" key.
bool looksLikeOpenApiYaml(std::string_view text);
// True when YAML text is an Insomnia export (v5 "type: collection.insomnia.rest/5", v4 "_type: export").
bool looksLikeInsomniaYaml(std::string_view text);
Result<Imported> insomniaFromJson(const nlohmann::ordered_json& root, const std::string& name);
// True when text starts with "###" or has a "METHOD URL" request line near its top.
bool looksLikeHttpFile(std::string_view text);
// Runs an importer; a value of an unexpected type deep inside a file (a string where an object
// belongs) ends as an Error naming the file, never as an exception.
Result<Imported> guardShapes(const std::string& name, const std::function<Result<Imported>()>& importer);
// importText with the file's path (for formats that read files beside it).
Result<Imported> importTextAt(std::string_view text, const std::string& name, const std::string& path);
ImportFormat formatOfJson(const nlohmann::json& root);

}  // namespace sonde
