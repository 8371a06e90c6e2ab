#pragma once
// Base64 (RFC 4648) in one place: the standard alphabet with padding (bodies in JSON and the store),
// and the URL-safe alphabet without padding (JWT parts).
#include <optional>
#include <string>
#include <string_view>

namespace sonde {

enum class Base64Alphabet { Standard, Url };

// Standard: "+/" with "=" padding. Url: "-_" without padding.
std::string base64Encode(std::string_view bytes, Base64Alphabet alphabet = Base64Alphabet::Standard);
// Strict: accepts either alphabet, stops at the first '='; any other character gives no value.
std::optional<std::string> base64Decode(std::string_view text);
// Lenient: skips whitespace, padding and any character outside both alphabets (stored data).
std::string base64DecodeLenient(std::string_view text);

}  // namespace sonde
