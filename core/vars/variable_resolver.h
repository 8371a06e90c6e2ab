#pragma once
// VariableResolver: replaces {{name}} with the value of the strongest scope that defines it, and
// {{$uuid}}, {{$timestamp}}, {{$isoTimestamp}}, {{$randomInt}}, {{$env.NAME}} with dynamic values.
// Spaces inside the braces are ignored ({{ name }}). A value may itself hold {{names}} (resolved up to
// 10 levels; a cycle is reported). A name nothing defines is left as literal braces AND reported as an
// UnresolvedVariable naming where it was used ("header Authorization"), so nothing is ever sent with
// braces silently: callers show the warnings or turn them into an Error (see unresolvedError()).
#include <string>
#include <string_view>
#include <vector>

#include "core/model/request.h"
#include "core/model/result.h"
#include "core/vars/dynamic_values.h"
#include "core/vars/variable_scopes.h"

namespace sonde {

struct UnresolvedVariable {
    std::string name;   // as written between the braces, e.g. "token" or "$env.API_KEY"
    std::string where;  // "url", "param page", "header Authorization", "body", "auth token", ...
    std::string message() const;  // "{{token}} is not defined (header Authorization)"
    bool operator==(const UnresolvedVariable&) const = default;
};

template <typename T>
struct Resolved {
    T value;
    std::vector<UnresolvedVariable> unresolved;  // warnings; empty when everything resolved
    bool complete() const { return unresolved.empty(); }
};

class VariableResolver {
public:
    explicit VariableResolver(const VariableScopes& scopes);  // with real dynamic values
    VariableResolver(const VariableScopes& scopes, DynamicValues& dynamic);  // dynamic not owned
    ~VariableResolver();
    VariableResolver(const VariableResolver&) = delete;
    VariableResolver& operator=(const VariableResolver&) = delete;

    Resolved<std::string> resolveText(std::string_view text, const std::string& where = "text");
    // URL, params, headers (names and values), body (text, form, parts, GraphQL query/variables/
    // operation, content type), auth fields and option paths (CA, cert, key, proxy, spill dir, unix
    // socket, resolve/connect-to). Assertions and captures are left as written: use resolveAssertions
    // when checking (captures of this request may be needed).
    Resolved<RequestSpec> resolveRequest(const RequestSpec& spec);
    // Expected values and selectors of the assertions.
    Resolved<std::vector<Assertion>> resolveAssertions(const std::vector<Assertion>& assertions);

    // Low level: resolves text, appending warnings (deduplicated) to out.
    std::string resolve(std::string_view text, const std::string& where, std::vector<UnresolvedVariable>& out);

    // The names referenced in text (dynamic ones with their '$'), in order, without duplicates.
    static std::vector<std::string> referencedNames(std::string_view text);

private:
    std::string resolveDepth(std::string_view text, const std::string& where, std::vector<UnresolvedVariable>& out,
                             std::vector<std::string>& stack);

    const VariableScopes& scopes_;
    DynamicValues* dynamic_;
    DynamicValues* owned_ = nullptr;
};

// One Error listing every unresolved variable (code "unresolved-variable"), for callers that refuse
// to send with unresolved names (the runner).
Error unresolvedError(const std::vector<UnresolvedVariable>& unresolved);

}  // namespace sonde
