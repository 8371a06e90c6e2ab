#pragma once
// A SAX reader (nlohmann::json_sax) that fills a RequestSpec straight from the stored JSON text,
// without building a document: loading a 10,000-request collection is mostly this parse. It knows
// the common fields (description, params, headers, tags, assertions, captures, body with form);
// on anything else (auth, options, multipart parts, an unknown key) it stops and the caller falls
// back to the full from_json.
#include <string_view>

#include "core/model/request.h"

namespace sonde {

// True when the whole text was read into spec (which must start default-constructed).
bool readRequestSax(std::string_view json, RequestSpec& spec);

}  // namespace sonde
