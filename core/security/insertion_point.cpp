#include "core/security/insertion_point.h"

#include <nlohmann/json.hpp>

#include <cctype>

namespace sonde {
namespace {

using nlohmann::json;

struct QueryPair {
    std::string key, value;
};

std::vector<QueryPair> parseQuery(const std::string& q) {
    std::vector<QueryPair> out;
    std::size_t start = 0;
    while (start <= q.size() && !q.empty()) {
        std::size_t amp = q.find('&', start);
        if (amp == std::string::npos) amp = q.size();
        std::string part = q.substr(start, amp - start);
        if (!part.empty()) {
            auto eq = part.find('=');
            QueryPair p;
            p.key = percentDecode(eq == std::string::npos ? part : part.substr(0, eq));
            p.value = eq == std::string::npos ? "" : percentDecode(part.substr(eq + 1));
            out.push_back(p);
        }
        start = amp + 1;
        if (amp == q.size()) break;
    }
    return out;
}

// Query pairs of the URL followed by the enabled params (the order the engine sends them).
std::vector<QueryPair> allQueryPairs(const RequestSpec& r) {
    auto pairs = parseQuery(parseUrl(r.url).query);
    for (const auto& p : r.params)
        if (p.enabled) pairs.push_back({p.key, p.value});
    return pairs;
}

std::string urlWithoutQuery(const std::string& url) {
    auto cut = url.find_first_of("?#");
    return cut == std::string::npos ? url : url.substr(0, cut);
}

bool looksNumeric(const std::string& s) {
    if (s.empty() || s.size() > 18) return false;
    std::size_t i = (s[0] == '-') ? 1 : 0;
    if (i >= s.size()) return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

bool looksLikeId(const std::string& seg) {
    if (looksNumeric(seg)) return true;
    if (seg.size() == 36 && seg[8] == '-' && seg[13] == '-') return true;  // UUID
    if (seg.size() >= 16) {
        bool hex = true, digit = false;
        for (char c : seg) {
            if (!std::isxdigit(static_cast<unsigned char>(c))) hex = false;
            if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
        }
        return hex && digit;
    }
    return false;
}

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> segs;
    std::size_t start = 1;
    if (path.empty() || path[0] != '/') return segs;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        segs.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segs;
}

void collectLeaves(const json& j, const std::string& ptr, InsertionKind kind, std::vector<InsertionPoint>& out) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            std::string key = it.key(), esc;
            for (char c : key) esc += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
            collectLeaves(it.value(), ptr + "/" + esc, kind, out);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) collectLeaves(j[i], ptr + "/" + std::to_string(i), kind, out);
    } else {
        InsertionPoint p;
        p.kind = kind;
        p.name = ptr;
        p.original = j.is_string() ? j.get<std::string>() : j.dump();
        p.numeric = j.is_number();
        out.push_back(p);
    }
}

std::vector<std::pair<std::string, std::string>> parseCookies(const std::string& v) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start < v.size()) {
        auto semi = v.find(';', start);
        if (semi == std::string::npos) semi = v.size();
        std::string part = v.substr(start, semi - start);
        while (!part.empty() && part.front() == ' ') part.erase(0, 1);
        auto eq = part.find('=');
        if (eq != std::string::npos) out.emplace_back(part.substr(0, eq), part.substr(eq + 1));
        start = semi + 1;
    }
    return out;
}

KeyValue* findHeader(RequestSpec& r, const std::string& name) {
    for (auto& h : r.headers)
        if (h.enabled && iequals(h.key, name)) return &h;
    return nullptr;
}

json setPointer(json doc, const std::string& ptr, const json& value) {
    doc[json::json_pointer(ptr)] = value;
    return doc;
}

}  // namespace

const char* toString(InsertionKind k) {
    static const char* const names[] = {"query", "path", "form", "json", "header", "cookie", "graphql-var"};
    return names[static_cast<int>(k)];
}

std::string InsertionPoint::label() const {
    if (kind == InsertionKind::Path) return std::string("path:") + std::to_string(index);
    return std::string(toString(kind)) + ":" + name;
}

std::string UrlParts::origin() const { return scheme + "://" + host + (port.empty() ? "" : ":" + port); }

UrlParts parseUrl(const std::string& url) {
    UrlParts u;
    std::string rest = url;
    auto se = rest.find("://");
    if (se != std::string::npos) {
        u.scheme = rest.substr(0, se);
        for (auto& c : u.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        rest = rest.substr(se + 3);
    }
    auto hash = rest.find('#');
    if (hash != std::string::npos) {
        u.fragment = rest.substr(hash + 1);
        rest = rest.substr(0, hash);
    }
    auto pathStart = rest.find_first_of("/?");
    std::string authority = pathStart == std::string::npos ? rest : rest.substr(0, pathStart);
    rest = pathStart == std::string::npos ? "" : rest.substr(pathStart);
    auto at = authority.rfind('@');
    if (at != std::string::npos) authority = authority.substr(at + 1);
    if (!authority.empty() && authority[0] == '[') {
        auto close = authority.find(']');
        u.host = authority.substr(0, close + 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':') u.port = authority.substr(close + 2);
    } else {
        auto colon = authority.rfind(':');
        u.host = colon == std::string::npos ? authority : authority.substr(0, colon);
        if (colon != std::string::npos) u.port = authority.substr(colon + 1);
    }
    for (auto& c : u.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto q = rest.find('?');
    u.path = q == std::string::npos ? rest : rest.substr(0, q);
    if (q != std::string::npos) u.query = rest.substr(q + 1);
    if (u.path.empty()) u.path = "/";
    return u;
}



std::string pathTemplateOf(const std::string& url) {
    auto segs = splitPath(parseUrl(url).path);
    std::string out;
    for (const auto& s : segs) out += "/" + (looksLikeId(s) ? std::string("{id}") : s);
    return out.empty() ? "/" : out;
}

bool isLoopbackHost(const std::string& host) {
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "[::1]" || host == "::1";
}

std::vector<InsertionPoint> insertionPoints(const RequestSpec& r, const InsertionOptions& options) {
    std::vector<InsertionPoint> out;
    auto pairs = allQueryPairs(r);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        InsertionPoint p;
        p.kind = InsertionKind::Query;
        p.name = pairs[i].key;
        p.index = static_cast<int>(i);
        p.original = pairs[i].value;
        p.numeric = looksNumeric(p.original);
        out.push_back(p);
    }
    auto segs = splitPath(parseUrl(r.url).path);
    for (std::size_t i = 0; i < segs.size(); ++i) {
        if (!looksLikeId(percentDecode(segs[i]))) continue;
        InsertionPoint p;
        p.kind = InsertionKind::Path;
        p.name = std::to_string(i);
        p.index = static_cast<int>(i);
        p.original = percentDecode(segs[i]);
        p.numeric = looksNumeric(p.original);
        out.push_back(p);
    }
    if (r.body.kind == BodyKind::FormUrlEncoded) {
        for (std::size_t i = 0; i < r.body.form.size(); ++i) {
            if (!r.body.form[i].enabled) continue;
            InsertionPoint p;
            p.kind = InsertionKind::Form;
            p.name = r.body.form[i].key;
            p.index = static_cast<int>(i);
            p.original = r.body.form[i].value;
            p.numeric = looksNumeric(p.original);
            out.push_back(p);
        }
    }
    if (r.body.kind == BodyKind::Json) {
        auto j = json::parse(r.body.text, nullptr, false);
        if (!j.is_discarded()) collectLeaves(j, "", InsertionKind::Json, out);
    }
    if (r.body.kind == BodyKind::GraphQL && !r.body.graphqlVariables.empty()) {
        auto j = json::parse(r.body.graphqlVariables, nullptr, false);
        if (!j.is_discarded()) collectLeaves(j, "", InsertionKind::GraphQLVariable, out);
    }
    for (const auto& name : options.headers) {
        InsertionPoint p;
        p.kind = InsertionKind::Header;
        p.name = name;
        for (const auto& h : r.headers)
            if (h.enabled && iequals(h.key, name)) p.original = h.value;
        out.push_back(p);
    }
    if (options.cookies) {
        for (const auto& h : r.headers) {
            if (!h.enabled || !iequals(h.key, "Cookie")) continue;
            int i = 0;
            for (const auto& [k, v] : parseCookies(h.value)) {
                InsertionPoint p;
                p.kind = InsertionKind::Cookie;
                p.name = k;
                p.index = i++;
                p.original = v;
                p.numeric = looksNumeric(v);
                out.push_back(p);
            }
        }
    }
    return out;
}

RequestSpec inject(const RequestSpec& request, const InsertionPoint& point, const std::string& raw) {
    RequestSpec r = request;
    // Header and cookie values cannot carry raw line breaks (that would split the request itself):
    // they travel percent-encoded, as a server that decodes them would see them.
    std::string value = raw;
    if (point.kind == InsertionKind::Header || point.kind == InsertionKind::Cookie) {
        value.clear();
        for (char c : raw) value += c == '\r' ? std::string("%0d") : c == '\n' ? std::string("%0a") : std::string(1, c);
    }
    switch (point.kind) {
    case InsertionKind::Query: {
        auto pairs = allQueryPairs(request);
        if (point.index >= 0 && point.index < static_cast<int>(pairs.size())) pairs[point.index].value = value;
        std::string q;
        for (const auto& p : pairs) q += (q.empty() ? "" : "&") + percentEncode(p.key) + "=" + percentEncode(p.value);
        r.url = urlWithoutQuery(request.url) + (q.empty() ? "" : "?" + q);
        r.params.clear();
        break;
    }
    case InsertionKind::Path: {
        UrlParts u = parseUrl(request.url);
        auto segs = splitPath(u.path);
        if (point.index >= 0 && point.index < static_cast<int>(segs.size())) segs[point.index] = percentEncode(value);
        std::string path;
        for (const auto& s : segs) path += "/" + s;
        std::string base = u.origin();
        r.url = base + path + (u.query.empty() ? "" : "?" + u.query);
        break;
    }
    case InsertionKind::Form:
        if (point.index >= 0 && point.index < static_cast<int>(r.body.form.size())) r.body.form[point.index].value = value;
        break;
    case InsertionKind::Json:
    case InsertionKind::GraphQLVariable:
        return injectJson(request, point, json(value));
    case InsertionKind::Header: {
        if (auto* h = findHeader(r, point.name)) h->value = value;
        else r.headers.push_back({point.name, value});
        break;
    }
    case InsertionKind::Cookie: {
        for (auto& h : r.headers) {
            if (!h.enabled || !iequals(h.key, "Cookie")) continue;
            std::string out;
            for (const auto& [k, v] : parseCookies(h.value))
                out += (out.empty() ? "" : "; ") + k + "=" + (k == point.name ? value : v);
            h.value = out;
        }
        break;
    }
    }
    return r;
}

RequestSpec injectJson(const RequestSpec& request, const InsertionPoint& point, const json& value) {
    RequestSpec r = request;
    if (point.kind == InsertionKind::Json) {
        auto j = json::parse(r.body.text, nullptr, false);
        if (!j.is_discarded()) r.body.text = setPointer(j, point.name, value).dump();
    } else if (point.kind == InsertionKind::GraphQLVariable) {
        auto j = json::parse(r.body.graphqlVariables, nullptr, false);
        if (!j.is_discarded()) r.body.graphqlVariables = setPointer(j, point.name, value).dump();
    }
    return r;
}

}  // namespace sonde
