#pragma once
// VariableScopes: the layered variables a request sees. Scopes from weakest to strongest: global,
// collection, environment, data row (runner), runtime (captures, --var). A name defined in a stronger
// scope hides the same name in weaker ones. Disabled variables are ignored.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/model/collection.h"

namespace sonde {

enum class Scope { Global = 0, Collection, Environment, DataRow, Runtime };
constexpr int kScopeCount = 5;
const char* toString(Scope s);

class VariableScopes {
public:
    VariableScopes() = default;
    // Collection variables, the chosen environment (may be null) and the global variables.
    static VariableScopes from(const Collection& collection, const Environment* environment,
                               const std::vector<Variable>& globals = {});

    // Replaces a whole scope (disabled variables are kept but never resolve).
    void setScope(Scope scope, std::vector<Variable> variables);
    // Sets one variable in a scope (replacing a same-named one there). A secret stays secret when it
    // is overwritten by a non-secret value of the same name.
    void set(Scope scope, const std::string& name, const std::string& value, bool secret = false);
    void clear(Scope scope);
    const std::vector<Variable>& scope(Scope scope) const { return scopes_[static_cast<int>(scope)]; }

    // The strongest enabled definition of name, or nullptr.
    const Variable* find(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::optional<Scope> scopeOf(const std::string& name) const;
    // True when the name is marked secret in any scope (a secret never becomes public by shadowing).
    bool isSecret(const std::string& name) const;
    // Every value of every enabled secret variable, in any scope.
    std::vector<std::string> secretValues() const;
    // All visible names with their effective values (strongest wins), sorted by name.
    std::vector<Variable> effective() const;

private:
    std::array<std::vector<Variable>, kScopeCount> scopes_;
};

}  // namespace sonde
