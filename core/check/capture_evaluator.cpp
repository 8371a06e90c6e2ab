#include "core/check/capture_evaluator.h"

#include "core/check/check_value.h"

namespace sonde {

Result<std::string> CaptureEvaluator::capture(const Capture& c, CheckContext& ctx) {
    CheckValue v = extractValue(c.source, c.selector, c.group, ctx, cache_);
    const std::string where = std::string(toString(c.source)) + (c.selector.empty() ? "" : " " + c.selector);
    switch (v.kind) {
        case CheckValue::Kind::Text: return std::string(v.str());
        case CheckValue::Kind::Json:
            if (v.json().is_string()) return v.json().get<std::string>();
            return v.json().dump();
        case CheckValue::Kind::Absent:
            return makeError("capture " + c.variable + ": " + v.reason, where,
                             "check the selector against the response", "capture");
        case CheckValue::Kind::Error: break;
    }
    return makeError("capture " + c.variable + ": " + v.reason, where, "", "capture");
}

}  // namespace sonde
