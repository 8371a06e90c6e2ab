#pragma once
// CaptureEvaluator: reads a runtime variable's value out of an exchange (log in, capture the token,
// call with it). JSONPath string values come unquoted, other JSON values as JSON text; a JSONPath
// matching several nodes gives their JSON array. Header: the first value. Regex: the group (0 = the
// whole match) of the first match in the body. Status: the code. Nothing found is an Error (code
// "capture") naming the capture, e.g. "capture token: $.token matched nothing".
#include <string>

#include "core/check/check_cache.h"
#include "core/check/check_context.h"
#include "core/model/assertion.h"
#include "core/model/result.h"

namespace sonde {

class CaptureEvaluator {
public:
    Result<std::string> capture(const Capture& capture, CheckContext& ctx);

private:
    CheckCache cache_;
};

}  // namespace sonde
