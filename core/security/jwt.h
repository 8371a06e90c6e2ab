#pragma once
// Minimal JWT toolkit for the JWT checks (base64url lives in core/model/base64.h): HMAC-SHA2 (OpenSSL), parse, sign, forge.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/base64.h"

namespace sonde {

// HMAC with SHA-256/384/512 for alg "HS256"/"HS384"/"HS512"; empty optional for other algs.
std::optional<std::string> hmacSha(const std::string& alg, const std::string& key, const std::string& data);

struct Jwt {
    nlohmann::json header;
    nlohmann::json payload;
    std::string headerPart, payloadPart, signaturePart;  // as they appeared (base64url)
    std::string alg() const;
};

std::optional<Jwt> parseJwt(const std::string& token);
bool looksLikeJwt(const std::string& token);
// header.payload.signature with the given JSON parts; HS* signed with `key`, "none" unsigned.
std::string encodeJwt(const nlohmann::json& header, const nlohmann::json& payload, const std::string& key);
// True when `token`'s HS* signature verifies with `key`.
bool verifyHmacJwt(const std::string& token, const std::string& key);
// The built-in list of weak/public HMAC secrets tried offline.
const std::vector<std::string>& weakJwtSecrets();

}  // namespace sonde
