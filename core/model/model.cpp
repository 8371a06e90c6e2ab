#include <algorithm>
#include <cctype>

#include "core/model/response.h"

namespace sonde {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return asciiLower(x) == asciiLower(y); });
}

const std::string* Response::header(const std::string& name) const {
    for (const auto& h : headers)
        if (iequals(h.name, name)) return &h.value;
    return nullptr;
}

std::vector<std::string> Response::headerValues(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& h : headers)
        if (iequals(h.name, name)) out.push_back(h.value);
    return out;
}

std::string Response::contentType() const {
    const std::string* v = header("Content-Type");
    if (!v) return {};
    std::string t = v->substr(0, v->find(';'));
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    return t;
}

namespace {
template <typename E, size_t N>
bool fromTable(const char* const (&names)[N], const std::string& s, E& out) {
    for (size_t i = 0; i < N; ++i)
        if (s == names[i]) {
            out = static_cast<E>(i);
            return true;
        }
    return false;
}
const char* const kBodyKinds[] = {"none", "json", "xml", "text", "form", "multipart", "file", "graphql"};
const char* const kAuthKinds[] = {"none", "basic", "bearer", "apikey", "digest", "ntlm", "awsv4"};
const char* const kSources[] = {"status", "header", "body", "jsonpath", "duration", "size", "content-type",
                                "cert-expiry-days", "cert-subject", "cert-issuer", "regex", "graphql-errors"};
const char* const kOps[] = {"equals", "not-equals", "lt", "le", "gt", "ge", "contains", "not-contains",
                            "matches", "exists", "not-exists", "one-of", "between", "type", "length"};
}  // namespace

const char* toString(BodyKind k) { return kBodyKinds[static_cast<int>(k)]; }
const char* toString(AuthKind k) { return kAuthKinds[static_cast<int>(k)]; }
const char* toString(CheckSource s) { return kSources[static_cast<int>(s)]; }
const char* toString(CheckOp o) { return kOps[static_cast<int>(o)]; }
bool bodyKindFromString(const std::string& s, BodyKind& out) { return fromTable(kBodyKinds, s, out); }
bool authKindFromString(const std::string& s, AuthKind& out) { return fromTable(kAuthKinds, s, out); }
bool checkSourceFromString(const std::string& s, CheckSource& out) { return fromTable(kSources, s, out); }
bool checkOpFromString(const std::string& s, CheckOp& out) { return fromTable(kOps, s, out); }

bool isCredentialRequestHeader(std::string_view name) {
    for (std::string_view h : {"Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "Api-Key", "X-Auth-Token"})
        if (iequals(name, h)) return true;
    return false;
}

}  // namespace sonde
