#pragma once
// Percent-encoding (RFC 3986) for URLs and form data, in one place.
#include <string>
#include <string_view>

namespace sonde {

// Unreserved characters (letters, digits, - . _ ~) stay; every other byte becomes %XX.
std::string percentEncode(std::string_view s);
// %XX decoded and '+' read as a space (form data); a malformed escape is kept as it is.
std::string percentDecode(std::string_view s);

}  // namespace sonde
