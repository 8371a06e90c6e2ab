#include "core/runner/iteration_vars.h"

#include "core/graphql/client.h"

#include "core/runner/iteration_vars_impl.h"

namespace sonde {

namespace {

// Values of {{$env.NAME}} used by a request are secret-like (how CI passes tokens): the reports mask
// them like secrets. Looks at the fields that usually carry them.
void addEnvSecrets(const RequestSpec& r, DynamicValues& dynamic, Redactor& redactor) {
    auto scan = [&](const std::string& text) {
        if (text.find("{{") == std::string::npos) return;
        for (const auto& name : VariableResolver::referencedNames(text)) {
            if (name.size() < 2 || name[0] != '$' || !DynamicValues::isEnvName(name.substr(1))) continue;
            if (auto v = dynamic.value(name.substr(1))) redactor.addSecret(*v);
        }
    };
    scan(r.url);
    for (const auto& p : r.params) scan(p.value);
    for (const auto& h : r.headers) scan(h.value);
    scan(r.body.text);
    for (const auto& f : r.body.form) scan(f.value);
    scan(r.auth.password);
    scan(r.auth.token);
    scan(r.auth.keyValue);
    scan(r.auth.secretKey);
}

}  // namespace

IterationVars::IterationVars(const Collection& collection, const RunOptions& options, const DataRow* row)
    : d(std::make_unique<Impl>()) {
    d->scopes = VariableScopes::from(collection, options.environment ? &*options.environment : nullptr);
    if (row) d->scopes.setScope(Scope::DataRow, *row);
    for (const auto& v : options.vars) d->scopes.set(Scope::Runtime, v.name, v.value, v.secret);
    d->redactor = Redactor(d->scopes);
}

IterationVars::~IterationVars() = default;

Result<RequestSpec> IterationVars::resolve(const RequestSpec& request) const {
    VariableResolver resolver(d->scopes, threadDynamicValues());
    auto resolved = resolver.resolveRequest(request);
    if (!resolved.complete()) return unresolvedError(resolved.unresolved);
    addEnvSecrets(request, threadDynamicValues(), d->redactor);
    // The engine sends bodies as given: a GraphQL body becomes its HTTP form (POST JSON or GET params).
    if (resolved.value.body.kind == BodyKind::GraphQL) return graphql::toHttpRequest(resolved.value);
    return std::move(resolved.value);
}

void IterationVars::setRuntime(const std::string& name, const std::string& value) {
    d->scopes.set(Scope::Runtime, name, value);
    if (d->scopes.isSecret(name)) d->redactor.addSecret(value);
}

std::string IterationVars::redact(const std::string& text) const {
    if (d->redactor.empty()) return text;
    return d->redactor.redact(text);
}

void IterationVars::redact(Exchange& exchange) const {
    // The response body can be large: take it out so the Redactor does not copy it, and mask it only
    // when it holds a secret.
    std::string body = std::move(exchange.response.body);
    exchange.response.body.clear();
    d->redactor.redact(exchange, true);
    for (const auto& secret : d->redactor.secrets())
        if (body.find(secret) != std::string::npos) {
            body = d->redactor.redact(body);
            break;
        }
    exchange.response.body = std::move(body);
}

bool IterationVars::isSecret(const std::string& name) const { return d->scopes.isSecret(name); }

}  // namespace sonde
