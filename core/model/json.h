#pragma once
// JSON (de)serialisation of the model types (nlohmann/json). Missing keys take their defaults, so
// documents written by older versions still load. Keys are written sorted (stable diffs).
#include <nlohmann/json.hpp>

#include "core/model/base64.h"
#include "core/model/collection.h"
#include "core/model/response.h"

namespace sonde {

void to_json(nlohmann::json& j, const KeyValue& v);
void from_json(const nlohmann::json& j, KeyValue& v);
void to_json(nlohmann::json& j, const MultipartPart& v);
void from_json(const nlohmann::json& j, MultipartPart& v);
void to_json(nlohmann::json& j, const Body& v);
void from_json(const nlohmann::json& j, Body& v);
void to_json(nlohmann::json& j, const Auth& v);
void from_json(const nlohmann::json& j, Auth& v);
void to_json(nlohmann::json& j, const HttpOptions& v);
void from_json(const nlohmann::json& j, HttpOptions& v);
void to_json(nlohmann::json& j, const Assertion& v);
void from_json(const nlohmann::json& j, Assertion& v);
void to_json(nlohmann::json& j, const Capture& v);
void from_json(const nlohmann::json& j, Capture& v);
void to_json(nlohmann::json& j, const RequestSpec& v);
void from_json(const nlohmann::json& j, RequestSpec& v);
void to_json(nlohmann::json& j, const Variable& v);
void from_json(const nlohmann::json& j, Variable& v);
void to_json(nlohmann::json& j, const Environment& v);
void from_json(const nlohmann::json& j, Environment& v);
void to_json(nlohmann::json& j, const Folder& v);
void from_json(const nlohmann::json& j, Folder& v);
void to_json(nlohmann::json& j, const Collection& v);
void from_json(const nlohmann::json& j, Collection& v);

void to_json(nlohmann::json& j, const Header& v);
void from_json(const nlohmann::json& j, Header& v);
void to_json(nlohmann::json& j, const SentRequest& v);
void to_json(nlohmann::json& j, const Timings& v);
void from_json(const nlohmann::json& j, Timings& v);
void to_json(nlohmann::json& j, const Sizes& v);
void to_json(nlohmann::json& j, const CertInfo& v);
void to_json(nlohmann::json& j, const TlsInfo& v);
void to_json(nlohmann::json& j, const RedirectHop& v);
// Response: the body goes in as "body" when it is valid UTF-8, else as "bodyBase64".
void to_json(nlohmann::json& j, const Response& v);
void to_json(nlohmann::json& j, const Exchange& v);

bool isValidUtf8(const std::string& s);

}  // namespace sonde
