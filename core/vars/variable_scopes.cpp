#include "core/vars/variable_scopes.h"

#include <algorithm>
#include <map>

namespace sonde {

const char* toString(Scope s) {
    static const char* const names[] = {"global", "collection", "environment", "data", "runtime"};
    return names[static_cast<int>(s)];
}

VariableScopes VariableScopes::from(const Collection& collection, const Environment* environment,
                                    const std::vector<Variable>& globals) {
    VariableScopes s;
    s.setScope(Scope::Global, globals);
    s.setScope(Scope::Collection, collection.variables);
    if (environment) s.setScope(Scope::Environment, environment->variables);
    return s;
}

void VariableScopes::setScope(Scope scope, std::vector<Variable> variables) {
    scopes_[static_cast<int>(scope)] = std::move(variables);
}

void VariableScopes::set(Scope scope, const std::string& name, const std::string& value, bool secret) {
    auto& vars = scopes_[static_cast<int>(scope)];
    for (auto& v : vars)
        if (v.name == name) {
            v.value = value;
            v.enabled = true;
            v.secret = v.secret || secret;
            return;
        }
    vars.push_back(Variable{name, value, true, secret});
}

void VariableScopes::clear(Scope scope) { scopes_[static_cast<int>(scope)].clear(); }

const Variable* VariableScopes::find(const std::string& name) const {
    for (int i = kScopeCount - 1; i >= 0; --i) {
        const auto& vars = scopes_[i];
        // The last enabled definition inside one scope wins (like a later line in a file).
        for (auto it = vars.rbegin(); it != vars.rend(); ++it)
            if (it->enabled && it->name == name) return &*it;
    }
    return nullptr;
}

std::optional<std::string> VariableScopes::value(const std::string& name) const {
    if (const Variable* v = find(name)) return v->value;
    return std::nullopt;
}

std::optional<Scope> VariableScopes::scopeOf(const std::string& name) const {
    for (int i = kScopeCount - 1; i >= 0; --i)
        for (const auto& v : scopes_[i])
            if (v.enabled && v.name == name) return static_cast<Scope>(i);
    return std::nullopt;
}

bool VariableScopes::isSecret(const std::string& name) const {
    for (const auto& vars : scopes_)
        for (const auto& v : vars)
            if (v.secret && v.name == name) return true;
    return false;
}

std::vector<std::string> VariableScopes::secretValues() const {
    std::vector<std::string> out;
    for (const auto& vars : scopes_)
        for (const auto& v : vars)
            if (v.enabled && (v.secret || isSecret(v.name)) && !v.value.empty()) out.push_back(v.value);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<Variable> VariableScopes::effective() const {
    std::map<std::string, Variable> m;
    for (const auto& vars : scopes_)
        for (const auto& v : vars)
            if (v.enabled) {
                Variable e = v;
                e.secret = isSecret(v.name);
                m[v.name] = e;
            }
    std::vector<Variable> out;
    for (auto& [k, v] : m) out.push_back(v);
    return out;
}

}  // namespace sonde
