#include "core/security/jwt.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace sonde {

std::string base64UrlEncode(const std::string& in) {
    static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += t[(v >> 18) & 63];
        out += t[(v >> 12) & 63];
        out += t[(v >> 6) & 63];
        out += t[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = static_cast<unsigned char>(in[i]) << 16;
        out += t[(v >> 18) & 63];
        out += t[(v >> 12) & 63];
    } else if (i + 2 == in.size()) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
        out += t[(v >> 18) & 63];
        out += t[(v >> 12) & 63];
        out += t[(v >> 6) & 63];
    }
    return out;
}

std::optional<std::string> base64UrlDecode(const std::string& in) {
    auto val = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '-' || c == '+') return 62;
        if (c == '_' || c == '/') return 63;
        return -1;
    };
    std::string out;
    unsigned buf = 0;
    int bits = 0;
    for (char c : in) {
        if (c == '=') break;
        const int v = val(c);
        if (v < 0) return std::nullopt;
        buf = (buf << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buf >> bits) & 0xFF);
        }
    }
    return out;
}

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
    auto h = base64UrlDecode(j.headerPart);
    auto p = base64UrlDecode(j.payloadPart);
    if (!h || !p) return std::nullopt;
    j.header = nlohmann::json::parse(*h, nullptr, false);
    j.payload = nlohmann::json::parse(*p, nullptr, false);
    if (!j.header.is_object() || !j.header.contains("alg") || j.payload.is_discarded()) return std::nullopt;
    return j;
}

std::string encodeJwt(const nlohmann::json& header, const nlohmann::json& payload, const std::string& key) {
    const std::string signingInput = base64UrlEncode(header.dump()) + "." + base64UrlEncode(payload.dump());
    const std::string alg = header.value("alg", "");
    auto mac = hmacSha(alg, key, signingInput);
    return signingInput + "." + (mac ? base64UrlEncode(*mac) : std::string());
}

bool verifyHmacJwt(const std::string& token, const std::string& key) {
    auto j = parseJwt(token);
    if (!j) return false;
    auto mac = hmacSha(j->alg(), key, j->headerPart + "." + j->payloadPart);
    if (!mac) return false;
    auto sig = base64UrlDecode(j->signaturePart);
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
