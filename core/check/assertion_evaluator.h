#pragma once
// AssertionEvaluator: checks sonde::Assertion values against an exchange. A failed assertion is a
// result (passed=false with expected, actual and a one-line message), never an Error.
//
//   CheckContext ctx(exchange);               // one per exchange; parses the JSON body lazily, once
//   AssertionEvaluator eval;                  // one per worker thread; caches JSONPaths and regexes
//   for (const AssertionResult& r : eval.evaluateAll(spec.assertions, ctx)) ...
//
// Semantics: numeric ops (lt le gt ge between) compare numbers (text sources such as headers are
// read as numbers); JSONPath values compare as JSON (the expected text is a JSON literal when it parses
// as JSON, else a string); a JSONPath matching several nodes yields the array of them; contains is a
// substring test on text, membership on arrays and a key test on objects; matches is an unanchored
// RE2 search; length counts code points of strings and members of arrays/objects. A repeated header
// (Set-Cookie) passes a positive op when any of its values does, a negative op when all do.
// Expected values arrive with {{variables}} already resolved.
#include <string>
#include <vector>

#include "core/check/check_cache.h"
#include "core/check/check_context.h"
#include "core/model/assertion.h"

namespace sonde {

struct CheckValue;
struct CheckVerdict;

struct AssertionResult {
    Assertion assertion;
    bool passed = false;
    std::string expected;  // the expected value as written ("present"/"absent" for exists/not-exists)
    std::string actual;    // what the response had, as text (JSON values as JSON; "(none)" when absent)
    std::string message;   // e.g. "jsonpath $.user.id equals 42: actual 41"
    std::string description;  // describe(assertion)
};

class AssertionEvaluator {
public:
    AssertionResult evaluate(const Assertion& assertion, CheckContext& ctx);
    // The enabled assertions, in order.
    std::vector<AssertionResult> evaluateAll(const std::vector<Assertion>& assertions, CheckContext& ctx);

    // "status equals 200", "header Content-Type exists", "jsonpath $.id equals 42".
    static std::string describe(const Assertion& assertion);

private:
    CheckVerdict apply(const Assertion& assertion, const CheckValue& value);
    CheckCache cache_;
};

}  // namespace sonde
