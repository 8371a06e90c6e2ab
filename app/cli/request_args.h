#pragma once
// Builds a RequestSpec from the shared request options (see requestOptionDefs()).
#include "cli_options.h"
#include "core/model/request.h"

namespace sonde::cli {

// `url` is the positional URL. Errors name the option at fault.
Result<RequestSpec> requestFromArgs(const ParsedArgs& args, const std::string& url);

}  // namespace sonde::cli
