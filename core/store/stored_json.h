#pragma once
// How the store writes model values as JSON: a RequestSpec without the fields kept in their own
// columns (id, name, method, url) and without fields equal to their defaults (small rows, fast
// loads; json.h's from_json fills defaults back). Also the reading side of SentRequest, which
// core/model/json.h only writes.
#include <string>
#include <string_view>

#include "core/model/json.h"
#include "core/model/result.h"

namespace sonde {

std::string storedRequestJson(const RequestSpec& spec);
// Parses spec_json; id, name, method and url come from their columns. where names the row for errors.
Result<RequestSpec> requestFromStored(std::string_view json, std::string id, std::string name, std::string method,
                                      std::string url, const std::string& where);

std::string sentRequestJson(const SentRequest& request);
Result<SentRequest> sentRequestFromJson(std::string_view json, const std::string& where);

}  // namespace sonde
