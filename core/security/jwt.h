#pragma once
// Minimal JWT toolkit for the JWT checks: base64url, HMAC-SHA2 (OpenSSL), parse, sign, forge.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sonde {

std::string base64UrlEncode(const std::string& bytes);
std::optional<std::string> base64UrlDecode(const std::string& text);
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
