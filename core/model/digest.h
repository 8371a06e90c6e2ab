#pragma once
// SHA-256 as lowercase hex (OpenSSL EVP_Digest, man EVP_DigestInit(3)).
#include <cstddef>
#include <string>
#include <string_view>

namespace sonde {

// The first `hexChars` hex digits (at most 64) of the SHA-256 of `data`.
std::string sha256Hex(std::string_view data, std::size_t hexChars = 64);

}  // namespace sonde
