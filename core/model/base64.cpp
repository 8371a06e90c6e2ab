#include "core/model/base64.h"

namespace sonde {

namespace {

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

// Decodes `text`; on a character outside both alphabets, `strict` gives up and the lenient form skips it.
std::optional<std::string> decode(std::string_view text, bool strict) {
    std::string out;
    out.reserve(text.size() / 4 * 3 + 2);
    unsigned buf = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' && strict) break;
        const int v = sextet(c);
        if (v < 0) {
            if (strict) return std::nullopt;
            continue;
        }
        buf = (buf << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buf >> bits) & 0xFF);
        }
    }
    return out;
}

}  // namespace

std::string base64Encode(std::string_view in, Base64Alphabet alphabet) {
    const char* t = alphabet == Base64Alphabet::Url
                        ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const bool pad = alphabet == Base64Alphabet::Standard;
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += t[(n >> 18) & 63];
        out += t[(n >> 12) & 63];
        out += t[(n >> 6) & 63];
        out += t[n & 63];
    }
    if (i < in.size()) {
        unsigned n = static_cast<unsigned char>(in[i]) << 16;
        const bool two = i + 1 < in.size();
        if (two) n |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += t[(n >> 18) & 63];
        out += t[(n >> 12) & 63];
        if (two) out += t[(n >> 6) & 63];
        if (pad) out.append(two ? 1 : 2, '=');
    }
    return out;
}

std::optional<std::string> base64Decode(std::string_view text) { return decode(text, true); }

std::string base64DecodeLenient(std::string_view text) { return *decode(text, false); }

}  // namespace sonde
