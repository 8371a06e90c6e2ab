#include "core/security/jwt.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace sonde {

std::optional<std::string> hmacSha(const std::string& alg, const std::string& key, const std::string& data) {
    const EVP_MD* md = alg == "HS256" ? EVP_sha256() : alg == "HS384" ? EVP_sha384() : alg == "HS512" ? EVP_sha512() : nullptr;
    if (!md) return std::nullopt;
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    // OpenSSL HMAC(3): one-shot MAC.
    if (!HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
              data.size(), out, &len))
        return std::nullopt;
    return std::string(reinterpret_cast<char*>(out), len);
}

std::string Jwt::alg() const { return header.is_object() && header.contains("alg") && header["alg"].is_string() ? header["alg"].get<std::string>() : ""; }

bool looksLikeJwt(const std::string& token) { return parseJwt(token).has_value(); }

std::optional<Jwt> parseJwt(const std::string& token) {
    const auto d1 = token.find('.');
    if (d1 == std::string::npos) return std::nullopt;
    const auto d2 = token.find('.', d1 + 1);
    if (d2 == std::string::npos || token.find('.', d2 + 1) != std::string::npos) return std::nullopt;
    Jwt j;
    j.headerPart = token.substr(0, d1);
    j.payloadPart = token.substr(d1 + 1, d2 - d1 - 1);
    j.signaturePart = token.substr(d2 + 1);
    auto h = base64Decode(j.headerPart);
    auto p = base64Decode(j.payloadPart);
    if (!h || !p) return std::nullopt;
    j.header = nlohmann::json::parse(*h, nullptr, false);
    j.payload = nlohmann::json::parse(*p, nullptr, false);
    if (!j.header.is_object() || !j.header.contains("alg") || j.payload.is_discarded()) return std::nullopt;
    return j;
}

std::string encodeJwt(const nlohmann::json& header, const nlohmann::json& payload, const std::string& key) {
    const std::string signingInput =
        base64Encode(header.dump(), Base64Alphabet::Url) + "." + base64Encode(payload.dump(), Base64Alphabet::Url);
    const std::string alg = header.value("alg", "");
    auto mac = hmacSha(alg, key, signingInput);
    return signingInput + "." + (mac ? base64Encode(*mac, Base64Alphabet::Url) : std::string());
}

bool verifyHmacJwt(const std::string& token, const std::string& key) {
    auto j = parseJwt(token);
    if (!j) return false;
    auto mac = hmacSha(j->alg(), key, j->headerPart + "." + j->payloadPart);
    if (!mac) return false;
    auto sig = base64Decode(j->signaturePart);
    return sig && sig->size() == mac->size() && CRYPTO_memcmp(sig->data(), mac->data(), mac->size()) == 0;
}

const std::vector<std::string>& weakJwtSecrets() {
    static const std::vector<std::string> words = {
        "secret", "password", "123456", "12345678", "changeme", "change-me", "key", "jwt", "jwtsecret", "jwt-secret",
        "jwt_secret", "secretkey", "secret-key", "secret_key", "mysecret", "my-secret", "mysecretkey", "your-256-bit-secret",
        "your-secret", "your_jwt_secret", "supersecret", "super-secret", "s3cr3t", "admin", "test", "testing", "dev",
        "development", "default", "token", "auth", "private", "qwerty", "letmein", "passw0rd", "Password1", "abc123",
        "hello", "shhhhh", "keyboard cat", "gsdgfsdgfd", "1234567890", "", "none", "null", "api", "apikey",
        "app-secret", "appsecret", "sonde"};
    return words;
}

}  // namespace sonde
