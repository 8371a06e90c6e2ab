#include "core/vars/variable_resolver.h"

#include <algorithm>

namespace sonde {

namespace {
constexpr int kMaxDepth = 10;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

void addWarning(std::vector<UnresolvedVariable>& out, UnresolvedVariable w) {
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
}

// Calls f(literalBefore, nameOrEmpty, rawToken) for each "{{...}}" token; text without a closing
// "}}" is literal.
template <typename F>
void scan(std::string_view text, F&& f) {
    size_t pos = 0;
    while (pos < text.size()) {
        size_t open = text.find("{{", pos);
        if (open == std::string_view::npos) break;
        size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        // "{{{{a}}" : use the innermost opening before the close.
        size_t inner = text.rfind("{{", close);
        if (inner != std::string_view::npos && inner > open) open = inner;
        f(text.substr(pos, open - pos), trim(text.substr(open + 2, close - open - 2)),
          text.substr(open, close + 2 - open));
        pos = close + 2;
    }
    f(text.substr(std::min(pos, text.size())), std::string_view{}, std::string_view{});
}
}  // namespace

std::string UnresolvedVariable::message() const {
    std::string m = "{{" + name + "}} is not defined";
    if (!where.empty()) m += " (" + where + ")";
    return m;
}

Error unresolvedError(const std::vector<UnresolvedVariable>& unresolved) {
    std::string title = unresolved.size() == 1 ? "Variable not defined: " : "Variables not defined: ";
    std::string where;
    for (size_t i = 0; i < unresolved.size(); ++i) {
        if (i) title += ", ", where += "; ";
        title += "{{" + unresolved[i].name + "}}";
        where += unresolved[i].where;
    }
    return makeError(title, where, "Define it in the environment, the collection or with --var NAME=VALUE",
                     "unresolved-variable");
}

VariableResolver::VariableResolver(const VariableScopes& scopes)
    : scopes_(scopes), dynamic_(new DynamicValues()) {
    owned_ = dynamic_;
}

VariableResolver::VariableResolver(const VariableScopes& scopes, DynamicValues& dynamic)
    : scopes_(scopes), dynamic_(&dynamic) {}

VariableResolver::~VariableResolver() { delete owned_; }

std::string VariableResolver::resolve(std::string_view text, const std::string& where,
                                      std::vector<UnresolvedVariable>& out) {
    std::vector<std::string> stack;
    return resolveDepth(text, where, out, stack);
}

std::string VariableResolver::resolveDepth(std::string_view text, const std::string& where,
                                           std::vector<UnresolvedVariable>& out, std::vector<std::string>& stack) {
    if (text.find("{{") == std::string_view::npos) return std::string(text);
    std::string result;
    result.reserve(text.size());
    scan(text, [&](std::string_view literal, std::string_view name, std::string_view raw) {
        result += literal;
        if (raw.empty()) return;
        if (name.empty()) {
            result += raw;
            return;
        }
        std::string n(name);
        if (n[0] == '$') {
            if (auto v = dynamic_->value(n.substr(1))) {
                result += *v;
            } else {
                addWarning(out, {n, where});
                result += raw;
            }
            return;
        }
        const Variable* var = scopes_.find(n);
        if (!var) {
            addWarning(out, {n, where});
            result += raw;
            return;
        }
        if (std::find(stack.begin(), stack.end(), n) != stack.end() || static_cast<int>(stack.size()) >= kMaxDepth) {
            addWarning(out, {n, where + " (circular reference)"});
            result += raw;
            return;
        }
        stack.push_back(n);
        result += resolveDepth(var->value, where, out, stack);
        stack.pop_back();
    });
    return result;
}

Resolved<std::string> VariableResolver::resolveText(std::string_view text, const std::string& where) {
    Resolved<std::string> r;
    r.value = resolve(text, where, r.unresolved);
    return r;
}

Resolved<RequestSpec> VariableResolver::resolveRequest(const RequestSpec& spec) {
    Resolved<RequestSpec> r{spec, {}};
    RequestSpec& s = r.value;
    auto& w = r.unresolved;
    auto one = [&](std::string& field, const std::string& where) { field = resolve(field, where, w); };
    auto kvs = [&](std::vector<KeyValue>& list, const std::string& what) {
        for (auto& kv : list) {
            if (!kv.enabled) continue;  // disabled rows are not sent: no warning for them
            one(kv.key, what + " name");
            one(kv.value, what + " " + kv.key);
        }
    };
    one(s.method, "method");
    one(s.url, "url");
    kvs(s.params, "param");
    kvs(s.headers, "header");

    Body& b = s.body;
    one(b.contentType, "body content type");
    switch (b.kind) {
        case BodyKind::Json: case BodyKind::Xml: case BodyKind::Text: one(b.text, "body"); break;
        case BodyKind::BinaryFile: one(b.text, "body file"); break;
        case BodyKind::GraphQL:
            one(b.text, "graphql query");
            one(b.graphqlVariables, "graphql variables");
            one(b.graphqlOperation, "graphql operation");
            break;
        case BodyKind::FormUrlEncoded: kvs(b.form, "form field"); break;
        case BodyKind::Multipart:
            for (auto& p : b.parts) {
                if (!p.enabled) continue;
                one(p.name, "multipart part name");
                one(p.value, (p.isFile ? "multipart file " : "multipart part ") + p.name);
                one(p.fileName, "multipart file name " + p.name);
                one(p.contentType, "multipart content type " + p.name);
            }
            break;
        case BodyKind::None: break;
    }

    Auth& a = s.auth;
    if (a.kind != AuthKind::None) {
        one(a.username, "auth username");
        one(a.password, "auth password");
        one(a.token, "auth token");
        one(a.keyName, "auth key name");
        one(a.keyValue, "auth key value");
        one(a.accessKey, "auth access key");
        one(a.secretKey, "auth secret key");
        one(a.sessionToken, "auth session token");
        one(a.region, "auth region");
        one(a.service, "auth service");
    }

    HttpOptions& o = s.options;
    one(o.caFile, "option caFile");
    one(o.clientCert, "option clientCert");
    one(o.clientKey, "option clientKey");
    one(o.proxy, "option proxy");
    one(o.spillDir, "option spillDir");
    one(o.unixSocket, "option unixSocket");
    for (auto& e : o.resolve) one(e, "option resolve");
    for (auto& e : o.connectTo) one(e, "option connectTo");
    return r;
}

Resolved<std::vector<Assertion>> VariableResolver::resolveAssertions(const std::vector<Assertion>& assertions) {
    Resolved<std::vector<Assertion>> r{assertions, {}};
    for (size_t i = 0; i < r.value.size(); ++i) {
        Assertion& a = r.value[i];
        if (!a.enabled) continue;
        std::string label = "assertion " + std::to_string(i + 1) + " (" + toString(a.source) +
                            (a.selector.empty() ? "" : " " + a.selector) + ")";
        a.selector = resolve(a.selector, label + " selector", r.unresolved);
        a.value = resolve(a.value, label + " value", r.unresolved);
    }
    return r;
}

std::vector<std::string> VariableResolver::referencedNames(std::string_view text) {
    std::vector<std::string> names;
    scan(text, [&](std::string_view, std::string_view name, std::string_view raw) {
        if (raw.empty() || name.empty()) return;
        std::string n(name);
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    });
    return names;
}

}  // namespace sonde
