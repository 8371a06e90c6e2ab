#pragma once
// Redactor: replaces every secret value (3 characters or more; shorter ones would mask ordinary
// text) with "••••" in any string. Used before anything reaches history, reports, exports or logs.
// Secrets come from the variables marked secret in any scope and from values the caller adds (e.g.
// {{$env.NAME}} values). A secret's percent-encoded form is masked too (it may sit in a query).
// On demand it also masks the whole value of credential headers (Authorization, Proxy-Authorization,
// Cookie, Set-Cookie), which hold secrets in derived forms (Basic base64, signatures).
#include <string>
#include <string_view>
#include <vector>

#include "core/model/response.h"
#include "core/vars/variable_scopes.h"

namespace sonde {

class Redactor {
public:
    static constexpr std::string_view kMask = "••••";
    static constexpr size_t kMinSecretLength = 3;

    Redactor() = default;
    explicit Redactor(const VariableScopes& scopes);
    explicit Redactor(const std::vector<std::string>& secrets);

    void addSecret(const std::string& value);  // ignored when shorter than kMinSecretLength
    bool empty() const { return secrets_.empty(); }
    const std::vector<std::string>& secrets() const { return secrets_; }

    std::string redact(std::string_view text) const;
    static bool isCredentialHeader(std::string_view name);

    // Secrets masked in the URL, header values and body; with credentialHeaders the whole value of
    // Authorization/Proxy-Authorization/Cookie headers is masked as well.
    void redact(SentRequest& request, bool credentialHeaders = true) const;
    // The request as above, plus the response's headers (Set-Cookie masked with credentialHeaders),
    // body, effective URL and redirect locations.
    void redact(Exchange& exchange, bool credentialHeaders = true) const;
    void redact(std::vector<Header>& headers, bool credentialHeaders) const;

private:
    void redactInPlace(std::string& text) const;  // leaves `text` untouched when there are no secrets
    void sortSecrets();
    std::vector<std::string> secrets_;  // longest first, so a secret containing another masks whole
};

}  // namespace sonde
