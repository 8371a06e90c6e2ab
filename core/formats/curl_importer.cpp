// importCurl: a curl command line -> RequestSpec. The option table knows each option's arity, so an
// unknown option is reported by name instead of its value being mistaken for the URL.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/formats/importer.h"
#include "core/formats/import_util.h"
#include "core/model/utf8.h"

namespace sonde {

namespace {

// ---- tokenising (POSIX shell quoting as browsers' "Copy as cURL (bash)" writes it) ----

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}


// Decodes the body of $'…' from s[i] (just after the opening quote) up to the closing quote.
Result<std::string> ansiC(std::string_view s, std::size_t& i) {
    std::string out;
    while (i < s.size() && s[i] != '\'') {
        char c = s[i++];
        if (c != '\\' || i >= s.size()) {
            out += c;
            continue;
        }
        char e = s[i++];
        switch (e) {
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'e': case 'E': out += '\x1b'; break;
            case 'f': out += '\f'; break;
            case 'v': out += '\v'; break;
            case 'x': case 'u': case 'U': {
                const std::size_t maxDigits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                unsigned long v = 0;
                std::size_t n = 0;
                while (n < maxDigits && i < s.size() && hexValue(s[i]) >= 0) v = v * 16 + hexValue(s[i++]), ++n;
                if (n == 0) {
                    out += '\\';
                    out += e;
                } else if (e == 'x') {
                    out += static_cast<char>(v);
                } else {
                    appendUtf8(out, static_cast<char32_t>(v));
                }
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    unsigned v = static_cast<unsigned>(e - '0');
                    for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k) v = v * 8 + (s[i++] - '0');
                    out += static_cast<char>(v & 0xFF);
                } else {
                    out += e;  // \\ \' \" \?
                }
        }
    }
    if (i >= s.size()) return makeError("A $'…' string is not closed", "curl command", "Close the quote");
    ++i;
    return out;
}

Result<std::vector<std::string>> tokenize(std::string_view s) {
    std::vector<std::string> words;
    std::string cur;
    bool inWord = false;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < s.size() && s[i + 2] == '\n'))) {
            i += s[i + 1] == '\n' ? 2 : 3;  // line continuation
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (inWord) words.push_back(std::move(cur)), cur.clear(), inWord = false;
            ++i;
            continue;
        }
        if (c == '#' && !inWord) {  // a comment to the end of the line
            while (i < s.size() && s[i] != '\n') ++i;
            continue;
        }
        inWord = true;
        if (c == '\'') {
            const auto end = s.find('\'', i + 1);
            if (end == std::string_view::npos)
                return makeError("A single-quoted string is not closed", "curl command", "Close the quote");
            cur.append(s.substr(i + 1, end - i - 1));
            i = end + 1;
        } else if (c == '$' && i + 1 < s.size() && s[i + 1] == '\'') {
            i += 2;
            auto v = ansiC(s, i);
            if (!v) return v.error();
            cur += *v;
        } else if (c == '"') {
            ++i;
            while (i < s.size() && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < s.size() && std::string_view("\"\\$`\n").find(s[i + 1]) != std::string_view::npos) {
                    if (s[i + 1] != '\n') cur += s[i + 1];
                    i += 2;
                } else {
                    cur += s[i++];
                }
            }
            if (i >= s.size()) return makeError("A double-quoted string is not closed", "curl command", "Close the quote");
            ++i;
        } else if (c == '\\' && i + 1 < s.size()) {
            cur += s[i + 1];
            i += 2;
        } else {
            cur += c;
            ++i;
        }
    }
    if (inWord) words.push_back(std::move(cur));
    return words;
}

// ---- the option table ----

enum class Opt {
    Url, Request, Header, Data, DataRaw, DataBinary, DataUrlEncode, Json, Form, FormString, Get, User, Basic,
    Digest, Ntlm, Bearer, AwsSigV4, Cookie, UserAgent, Referer, Insecure, Location, MaxRedirs, Compressed, Head,
    Http11, Http2, Http2Prior, Proxy, ProxyUser, CaCert, Cert, Key, MaxTime, ConnectTimeout, Resolve, ConnectTo,
    UnixSocket, Range, IgnoredFlag, IgnoredValue, CookieJar
};

struct OptInfo {
    Opt opt;
    bool takesValue;
};

const std::map<std::string, OptInfo>& longOptions() {
    static const std::map<std::string, OptInfo> m = {
        {"url", {Opt::Url, true}}, {"request", {Opt::Request, true}}, {"header", {Opt::Header, true}},
        {"data", {Opt::Data, true}}, {"data-ascii", {Opt::Data, true}}, {"data-raw", {Opt::DataRaw, true}},
        {"data-binary", {Opt::DataBinary, true}}, {"data-urlencode", {Opt::DataUrlEncode, true}},
        {"json", {Opt::Json, true}}, {"form", {Opt::Form, true}}, {"form-string", {Opt::FormString, true}},
        {"get", {Opt::Get, false}}, {"user", {Opt::User, true}}, {"basic", {Opt::Basic, false}},
        {"digest", {Opt::Digest, false}}, {"ntlm", {Opt::Ntlm, false}}, {"oauth2-bearer", {Opt::Bearer, true}},
        {"aws-sigv4", {Opt::AwsSigV4, true}}, {"cookie", {Opt::Cookie, true}}, {"user-agent", {Opt::UserAgent, true}},
        {"referer", {Opt::Referer, true}}, {"insecure", {Opt::Insecure, false}}, {"location", {Opt::Location, false}},
        {"location-trusted", {Opt::Location, false}}, {"max-redirs", {Opt::MaxRedirs, true}},
        {"compressed", {Opt::Compressed, false}}, {"head", {Opt::Head, false}}, {"http1.1", {Opt::Http11, false}},
        {"http2", {Opt::Http2, false}}, {"http2-prior-knowledge", {Opt::Http2Prior, false}},
        {"proxy", {Opt::Proxy, true}}, {"proxy-user", {Opt::ProxyUser, true}}, {"cacert", {Opt::CaCert, true}},
        {"cert", {Opt::Cert, true}}, {"key", {Opt::Key, true}}, {"max-time", {Opt::MaxTime, true}},
        {"connect-timeout", {Opt::ConnectTimeout, true}}, {"resolve", {Opt::Resolve, true}},
        {"connect-to", {Opt::ConnectTo, true}}, {"unix-socket", {Opt::UnixSocket, true}}, {"range", {Opt::Range, true}},
        {"cookie-jar", {Opt::CookieJar, true}},
        // Output and progress options: nothing to import, but their values must not become the URL.
        {"silent", {Opt::IgnoredFlag, false}}, {"show-error", {Opt::IgnoredFlag, false}},
        {"verbose", {Opt::IgnoredFlag, false}}, {"include", {Opt::IgnoredFlag, false}},
        {"remote-name", {Opt::IgnoredFlag, false}}, {"progress-bar", {Opt::IgnoredFlag, false}},
        {"fail", {Opt::IgnoredFlag, false}}, {"fail-with-body", {Opt::IgnoredFlag, false}},
        {"no-buffer", {Opt::IgnoredFlag, false}}, {"globoff", {Opt::IgnoredFlag, false}},
        {"path-as-is", {Opt::IgnoredFlag, false}}, {"no-keepalive", {Opt::IgnoredFlag, false}},
        {"remote-header-name", {Opt::IgnoredFlag, false}}, {"no-progress-meter", {Opt::IgnoredFlag, false}},
        {"tcp-nodelay", {Opt::IgnoredFlag, false}}, {"ipv4", {Opt::IgnoredFlag, false}}, {"ipv6", {Opt::IgnoredFlag, false}},
        {"output", {Opt::IgnoredValue, true}}, {"write-out", {Opt::IgnoredValue, true}},
        {"dump-header", {Opt::IgnoredValue, true}}, {"stderr", {Opt::IgnoredValue, true}},
        {"trace", {Opt::IgnoredValue, true}}, {"trace-ascii", {Opt::IgnoredValue, true}},
        {"retry", {Opt::IgnoredValue, true}}, {"retry-delay", {Opt::IgnoredValue, true}},
        {"retry-max-time", {Opt::IgnoredValue, true}}, {"limit-rate", {Opt::IgnoredValue, true}},
        {"max-filesize", {Opt::IgnoredValue, true}}, {"output-dir", {Opt::IgnoredValue, true}},
    };
    return m;
}

const std::map<char, OptInfo>& shortOptions() {
    static const std::map<char, OptInfo> m = {
        {'X', {Opt::Request, true}}, {'H', {Opt::Header, true}}, {'d', {Opt::Data, true}}, {'F', {Opt::Form, true}},
        {'G', {Opt::Get, false}}, {'u', {Opt::User, true}}, {'b', {Opt::Cookie, true}}, {'A', {Opt::UserAgent, true}},
        {'e', {Opt::Referer, true}}, {'k', {Opt::Insecure, false}}, {'L', {Opt::Location, false}},
        {'I', {Opt::Head, false}}, {'x', {Opt::Proxy, true}}, {'U', {Opt::ProxyUser, true}}, {'E', {Opt::Cert, true}},
        {'m', {Opt::MaxTime, true}}, {'r', {Opt::Range, true}}, {'c', {Opt::CookieJar, true}},
        {'s', {Opt::IgnoredFlag, false}}, {'S', {Opt::IgnoredFlag, false}}, {'v', {Opt::IgnoredFlag, false}},
        {'i', {Opt::IgnoredFlag, false}}, {'O', {Opt::IgnoredFlag, false}}, {'#', {Opt::IgnoredFlag, false}},
        {'f', {Opt::IgnoredFlag, false}}, {'N', {Opt::IgnoredFlag, false}}, {'g', {Opt::IgnoredFlag, false}},
        {'J', {Opt::IgnoredFlag, false}}, {'4', {Opt::IgnoredFlag, false}}, {'6', {Opt::IgnoredFlag, false}},
        {'o', {Opt::IgnoredValue, true}}, {'w', {Opt::IgnoredValue, true}}, {'D', {Opt::IgnoredValue, true}},
    };
    return m;
}

struct CurlState {
    CurlImport out;
    std::vector<std::string> urls;
    std::optional<std::string> method;
    std::vector<std::string> data;  // each piece as curl would send it
    bool dataFromFile = false;
    std::string dataFile;
    bool get = false, head = false, json = false, location = false;
    std::vector<MultipartPart> form;
    std::string user;
    AuthKind userAuth = AuthKind::Basic;
    std::string awsSigV4;
    std::string proxyUser;

    void warn(std::string message) { out.warnings.push_back({"curl command", std::move(message)}); }
};

Status applyOption(CurlState& st, Opt opt, const std::string& name, const std::string& v) {
    RequestSpec& r = st.out.request;
    auto seconds = [&](long& target) -> Status {
        try {
            target = static_cast<long>(std::stod(v) * 1000);
            return {};
        } catch (...) {
            return makeError(name + " takes seconds, not '" + v + "'", "curl command", "", "parse");
        }
    };
    switch (opt) {
        case Opt::Url: st.urls.push_back(v); break;
        case Opt::Request: st.method = v; break;
        case Opt::Header: {
            const auto colon = v.find(':');
            const auto semi = v.find(';');
            if (colon == std::string::npos && semi != std::string::npos && trim(v.substr(semi + 1)).empty()) {
                r.headers.emplace_back(trim(v.substr(0, semi)), "");  // "X;" sends an empty header
            } else if (colon == std::string::npos) {
                st.warn("header '" + v + "' has no ':' and was left out");
            } else if (trim(v.substr(colon + 1)).empty()) {
                st.warn("header '" + trim(v.substr(0, colon)) + ":' removes a curl default header; Sonde sends its own defaults");
            } else {
                r.headers.emplace_back(trim(v.substr(0, colon)), trim(v.substr(colon + 1)));
            }
            break;
        }
        case Opt::Data:
        case Opt::DataBinary:
            if (!v.empty() && v[0] == '@') {
                st.dataFromFile = true;
                st.dataFile = v.substr(1);
                if (opt == Opt::Data) st.warn("-d @" + st.dataFile + " is sent as the file's bytes (curl would strip its line breaks)");
            } else if (opt == Opt::Data) {
                std::string d;
                for (char c : v)
                    if (c != '\r' && c != '\n') d += c;
                st.data.push_back(d);
            } else {
                st.data.push_back(v);
            }
            break;
        case Opt::DataRaw: st.data.push_back(v); break;
        case Opt::Json:
            st.json = true;
            if (!v.empty() && v[0] == '@') st.dataFromFile = true, st.dataFile = v.substr(1);
            else st.data.push_back(v);
            break;
        case Opt::DataUrlEncode: {
            const auto eq = v.find('=');
            const auto at = v.find('@');
            if (at != std::string::npos && (eq == std::string::npos || at < eq)) {
                st.warn("--data-urlencode " + v + " reads a file at send time; left out");
            } else if (eq == std::string::npos) {
                st.data.push_back(percentEncode(v));
            } else if (eq == 0) {
                st.data.push_back(percentEncode(v.substr(1)));
            } else {
                st.data.push_back(v.substr(0, eq) + "=" + percentEncode(v.substr(eq + 1)));
            }
            break;
        }
        case Opt::Form:
        case Opt::FormString: {
            const auto eq = v.find('=');
            if (eq == std::string::npos) return makeError(name + " takes NAME=VALUE, not '" + v + "'", "curl command", "", "parse");
            MultipartPart p(v.substr(0, eq), v.substr(eq + 1));
            if (opt == Opt::Form && !p.value.empty() && (p.value[0] == '@' || p.value[0] == '<')) {
                const bool asText = p.value[0] == '<';
                std::vector<std::string> attrs = split(p.value.substr(1), ';');
                p.value = attrs.empty() ? "" : attrs[0];
                p.isFile = true;
                for (std::size_t k = 1; k < attrs.size(); ++k) {
                    if (attrs[k].rfind("type=", 0) == 0) p.contentType = attrs[k].substr(5);
                    else if (attrs[k].rfind("filename=", 0) == 0) p.fileName = attrs[k].substr(9);
                }
                if (asText) st.warn("-F " + p.name + "=<" + p.value + " is sent as a file part (curl sends the file's text as a field)");
            } else if (opt == Opt::Form) {
                const auto semi = p.value.find(";type=");
                if (semi != std::string::npos) p.contentType = p.value.substr(semi + 6), p.value.resize(semi);
            }
            st.form.push_back(std::move(p));
            break;
        }
        case Opt::Get: st.get = true; break;
        case Opt::User: st.user = v; break;
        case Opt::Basic: st.userAuth = AuthKind::Basic; break;
        case Opt::Digest: st.userAuth = AuthKind::Digest; break;
        case Opt::Ntlm: st.userAuth = AuthKind::Ntlm; break;
        case Opt::Bearer: r.auth.kind = AuthKind::Bearer, r.auth.token = v; break;
        case Opt::AwsSigV4: st.awsSigV4 = v; break;
        case Opt::Cookie:
            if (v.find('=') == std::string::npos) st.warn("-b " + v + " names a cookie file; left out");
            else r.headers.emplace_back("Cookie", v);
            break;
        case Opt::CookieJar: st.warn("-c " + v + " (cookie jar file) left out: Sonde keeps cookies itself"); break;
        case Opt::UserAgent: r.headers.emplace_back("User-Agent", v); break;
        case Opt::Referer: r.headers.emplace_back("Referer", v); break;
        case Opt::Range: r.headers.emplace_back("Range", "bytes=" + v); break;
        case Opt::Insecure: r.options.verifyTls = false; break;
        case Opt::Location: st.location = true; break;
        case Opt::MaxRedirs:
            try {
                r.options.maxRedirects = std::stoi(v);
            } catch (...) {
                return makeError("--max-redirs takes a number, not '" + v + "'", "curl command", "", "parse");
            }
            break;
        case Opt::Compressed: r.options.acceptEncoding = true; break;
        case Opt::Head: st.head = true; break;
        case Opt::Http11: r.options.httpVersion = HttpVersion::Http1_1; break;
        case Opt::Http2:
        case Opt::Http2Prior: r.options.httpVersion = HttpVersion::Http2; break;
        case Opt::Proxy: r.options.proxy = v; break;
        case Opt::ProxyUser: st.proxyUser = v; break;
        case Opt::CaCert: r.options.caFile = v; break;
        case Opt::Cert: r.options.clientCert = v; break;
        case Opt::Key: r.options.clientKey = v; break;
        case Opt::MaxTime: return seconds(r.options.timeoutMs);
        case Opt::ConnectTimeout: return seconds(r.options.connectTimeoutMs);
        case Opt::Resolve: r.options.resolve.push_back(v); break;
        case Opt::ConnectTo: r.options.connectTo.push_back(v); break;
        case Opt::UnixSocket: r.options.unixSocket = v; break;
        case Opt::IgnoredFlag:
        case Opt::IgnoredValue: break;
    }
    return {};
}

bool isFormPairs(const std::string& data) {
    if (data.empty()) return false;
    for (const auto& pair : split(data, '&')) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos || eq == 0) return false;
        for (char c : pair)
            if (std::isspace(static_cast<unsigned char>(c)) || c == '{' || c == '[' || c == '"') return false;
    }
    return true;
}

void finish(CurlState& st) {
    RequestSpec& r = st.out.request;
    r.options.followRedirects = st.location;  // curl follows redirects only with -L
    if (!st.user.empty()) {
        const auto colon = st.user.find(':');
        const std::string u = st.user.substr(0, colon);
        const std::string p = colon == std::string::npos ? "" : st.user.substr(colon + 1);
        if (!st.awsSigV4.empty()) {
            // --aws-sigv4 "aws:amz:REGION:SERVICE" with -u ACCESS:SECRET
            const auto parts = split(st.awsSigV4, ':');
            r.auth.kind = AuthKind::AwsSigV4;
            r.auth.accessKey = u, r.auth.secretKey = p;
            if (parts.size() >= 3) r.auth.region = parts[2];
            if (parts.size() >= 4) r.auth.service = parts[3];
        } else {
            r.auth.kind = st.userAuth;
            r.auth.username = u, r.auth.password = p;
        }
    }
    if (!st.proxyUser.empty() && !r.options.proxy.empty()) {
        const auto scheme = r.options.proxy.find("://");
        const auto at = scheme == std::string::npos ? 0 : scheme + 3;
        r.options.proxy.insert(at, st.proxyUser + "@");
    }
    const bool hasContentType = std::any_of(r.headers.begin(), r.headers.end(),
                                            [](const KeyValue& h) { return iequals(h.key, "Content-Type"); });
    std::string joined;
    for (std::size_t k = 0; k < st.data.size(); ++k) joined += (k ? "&" : "") + st.data[k];
    const bool hasData = !st.data.empty() || st.dataFromFile;
    if (st.get && !st.data.empty()) {
        r.url += (r.url.find('?') == std::string::npos ? "?" : "&") + joined;
    } else if (!st.form.empty()) {
        r.body.kind = BodyKind::Multipart;
        r.body.parts = std::move(st.form);
    } else if (st.dataFromFile) {
        r.body.kind = BodyKind::BinaryFile;
        r.body.text = st.dataFile;
        if (!hasContentType) r.body.contentType = st.json ? "application/json" : "application/x-www-form-urlencoded";
    } else if (!st.data.empty()) {
        std::string type;
        for (const auto& h : r.headers)
            if (iequals(h.key, "Content-Type")) type = lower(h.value);
        if (st.json || type.find("json") != std::string::npos) {
            r.body.kind = BodyKind::Json;
        } else if (type.find("xml") != std::string::npos) {
            r.body.kind = BodyKind::Xml;
        } else if (!hasContentType && isFormPairs(joined)) {
            r.body.kind = BodyKind::FormUrlEncoded;
            for (const auto& pair : split(joined, '&')) {
                const auto eq = pair.find('=');
                r.body.form.emplace_back(percentDecode(pair.substr(0, eq)), percentDecode(pair.substr(eq + 1)));
            }
        } else {
            r.body.kind = BodyKind::Text;
            if (!hasContentType) r.body.contentType = "application/x-www-form-urlencoded";
        }
        if (r.body.kind != BodyKind::FormUrlEncoded) r.body.text = joined;
    }
    if (st.json) {
        const bool hasAccept = std::any_of(r.headers.begin(), r.headers.end(),
                                           [](const KeyValue& h) { return iequals(h.key, "Accept"); });
        if (!hasAccept) r.headers.emplace_back("Accept", "application/json");
    }
    if (st.method) r.method = *st.method;
    else if (st.head) r.method = "HEAD";
    else if (hasData && !st.get) r.method = "POST";
    else if (!st.form.empty() || r.body.kind == BodyKind::Multipart) r.method = "POST";
    else r.method = "GET";
    if (st.urls.size() > 1) st.warn(std::to_string(st.urls.size()) + " URLs given; only the first was imported");
    r.name = r.method + " " + r.url;
}

}  // namespace

Result<CurlImport> importCurl(std::string_view commandLine) {
    const std::string_view trimmed = trimView(commandLine);
    if (trimmed.find("^\n") != std::string_view::npos || trimmed.find("^\r\n") != std::string_view::npos ||
        trimmed.find("^\"") != std::string_view::npos)
        return makeError("This is a Windows cmd curl command (^ escapes), which Sonde does not read", "curl command",
                         "Copy it as cURL (bash) instead", "parse");
    auto words = tokenize(trimmed);
    if (!words) return words.error();
    auto& w = *words;
    if (w.empty() || w[0] != "curl")
        return makeError("A curl command starts with 'curl'", "curl command", "Paste the whole command line", "parse");
    CurlState st;
    bool optionsEnded = false;
    for (std::size_t k = 1; k < w.size(); ++k) {
        const std::string& a = w[k];
        if (optionsEnded || a.empty() || a[0] != '-' || a == "-") {
            st.urls.push_back(a);
            continue;
        }
        if (a == "--") {
            optionsEnded = true;
            continue;
        }
        auto takeValue = [&](const std::string& name) -> Result<std::string> {
            if (k + 1 >= w.size()) return makeError(name + " needs a value", "curl command", "", "parse");
            return w[++k];
        };
        if (a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            if (name.rfind("no-", 0) == 0 && longOptions().count(name) == 0) continue;  // --no-xxx switches a flag off
            auto it = longOptions().find(name);
            if (it == longOptions().end())
                return makeError("Unknown curl option " + a, "curl command", "Remove it and import again", "parse");
            std::string value;
            if (it->second.takesValue) {
                auto v = takeValue(a);
                if (!v) return v.error();
                value = *v;
            }
            if (auto s = applyOption(st, it->second.opt, a, value); !s) return s.error();
            continue;
        }
        // Short options, possibly combined ("-sSL") or with the value attached ("-XPOST").
        for (std::size_t c = 1; c < a.size(); ++c) {
            const std::string optName = std::string("-") + a[c];
            auto it = shortOptions().find(a[c]);
            if (it == shortOptions().end())
                return makeError("Unknown curl option " + optName, "curl command", "Remove it and import again", "parse");
            std::string value;
            if (it->second.takesValue) {
                if (c + 1 < a.size()) {
                    value = a.substr(c + 1);
                } else {
                    auto v = takeValue(optName);
                    if (!v) return v.error();
                    value = *v;
                }
                c = a.size();
            }
            if (auto s = applyOption(st, it->second.opt, optName, value); !s) return s.error();
        }
    }
    if (st.urls.empty()) return makeError("The curl command has no URL", "curl command", "Add the URL", "parse");
    st.out.request.url = st.urls[0];
    finish(st);
    return std::move(st.out);
}

}  // namespace sonde
