#include "core/model/digest.h"

#include <openssl/evp.h>

namespace sonde {

std::string sha256Hex(std::string_view data, std::size_t hexChars) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len && out.size() < hexChars; ++i) {
        out += hex[md[i] >> 4];
        if (out.size() < hexChars) out += hex[md[i] & 15];
    }
    return out;
}

}  // namespace sonde
