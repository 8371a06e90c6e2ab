#include "core/vars/redactor.h"

#include "core/model/percent_encoding.h"

#include <algorithm>
#include <cctype>

namespace sonde {

Redactor::Redactor(const VariableScopes& scopes) {
    for (const auto& v : scopes.secretValues()) addSecret(v);
}

Redactor::Redactor(const std::vector<std::string>& secrets) {
    for (const auto& v : secrets) addSecret(v);
}

void Redactor::addSecret(const std::string& value) {
    if (value.size() < kMinSecretLength) return;
    auto add = [&](const std::string& v) {
        if (std::find(secrets_.begin(), secrets_.end(), v) == secrets_.end()) secrets_.push_back(v);
    };
    add(value);
    std::string enc = percentEncode(value);
    if (enc != value) add(enc);
    sortSecrets();
}

void Redactor::sortSecrets() {
    std::stable_sort(secrets_.begin(), secrets_.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::redact(std::string_view text) const {
    if (secrets_.empty() || text.empty()) return std::string(text);
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        // Find the earliest match of any secret from i; at equal positions the longest wins.
        size_t best = std::string_view::npos;
        size_t bestLen = 0;
        for (const auto& s : secrets_) {
            size_t p = text.find(s, i);
            if (p != std::string_view::npos && (p < best || (p == best && s.size() > bestLen))) {
                best = p;
                bestLen = s.size();
            }
        }
        if (best == std::string_view::npos) break;
        out.append(text.substr(i, best - i));
        out.append(kMask);
        i = best + bestLen;
    }
    out.append(text.substr(std::min(i, text.size())));
    return out;
}

bool Redactor::isCredentialHeader(std::string_view name) {
    return iequals(name, "Authorization") || iequals(name, "Proxy-Authorization") || iequals(name, "Cookie") ||
           iequals(name, "Set-Cookie");
}

void Redactor::redactInPlace(std::string& text) const {
    if (!secrets_.empty() && !text.empty()) text = redact(text);
}

void Redactor::redact(std::vector<Header>& headers, bool credentialHeaders) const {
    for (auto& h : headers) {
        if (credentialHeaders && isCredentialHeader(h.name)) {
            // Keep the scheme ("Bearer", "Basic") so the reader still knows what was sent.
            size_t sp = h.value.find(' ');
            bool scheme = !iequals(h.name, "Cookie") && !iequals(h.name, "Set-Cookie") && sp != std::string::npos &&
                          sp > 0 && h.value.find('=') > sp;
            h.value = scheme ? h.value.substr(0, sp + 1) + std::string(kMask) : std::string(kMask);
        } else {
            redactInPlace(h.value);
        }
    }
}

void Redactor::redact(SentRequest& request, bool credentialHeaders) const {
    redactInPlace(request.url);
    redact(request.headers, credentialHeaders);
    redactInPlace(request.body);
}

void Redactor::redact(Exchange& exchange, bool credentialHeaders) const {
    redact(exchange.request, credentialHeaders);
    Response& r = exchange.response;
    redact(r.headers, credentialHeaders);
    redactInPlace(r.body);
    redactInPlace(r.effectiveUrl);
    for (auto& hop : r.redirects) {
        redactInPlace(hop.url);
        redactInPlace(hop.location);
    }
}

}  // namespace sonde
