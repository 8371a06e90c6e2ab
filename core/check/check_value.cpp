#include "core/check/check_value.h"

#include <cmath>

#include <re2/re2.h>

namespace sonde {

CheckValue CheckValue::absent(std::string why) {
    CheckValue v;
    v.kind = Kind::Absent;
    v.reason = std::move(why);
    return v;
}
CheckValue CheckValue::error(std::string why) {
    CheckValue v;
    v.kind = Kind::Error;
    v.reason = std::move(why);
    return v;
}
CheckValue CheckValue::borrowText(std::string_view t) {
    CheckValue v;
    v.kind = Kind::Text;
    v.text = t;
    return v;
}
CheckValue CheckValue::ownedText(std::string t) {
    CheckValue v;
    v.kind = Kind::Text;
    v.ownText = std::move(t);
    v.ownsText = true;
    return v;
}
CheckValue CheckValue::borrowJson(const nlohmann::json* j) {
    CheckValue v;
    v.kind = Kind::Json;
    v.ref = j;
    return v;
}
CheckValue CheckValue::ownedJson(nlohmann::json j) {
    CheckValue v;
    v.kind = Kind::Json;
    v.own = std::move(j);
    return v;
}

CheckValue CheckValue::rawJson(std::string_view t, std::size_t members) {
    CheckValue v;
    v.kind = Kind::Json;
    v.text = t;
    v.isRaw_ = true;
    v.rawMembers_ = members;
    return v;
}

const nlohmann::json& CheckValue::json() const {
    if (ref) return *ref;
    if (isRaw_ && !parsed_) {
        own = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);  // already validated
        parsed_ = true;
    }
    return own;
}

std::string shorten(std::string_view s, std::size_t max) {
    if (s.size() <= max) return std::string(s);
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return std::string(s.substr(0, cut)) + "... (" + std::to_string(s.size()) + " bytes)";
}

namespace {

void dumpBounded(const nlohmann::json& j, std::string& out, std::size_t max) {
    if (out.size() > max) return;
    if (j.is_array()) {
        out += '[';
        bool first = true;
        for (const auto& item : j) {
            if (out.size() > max) return;
            if (!first) out += ',';
            first = false;
            dumpBounded(item, out, max);
        }
        out += ']';
    } else if (j.is_object()) {
        out += '{';
        bool first = true;
        for (const auto& [k, item] : j.items()) {
            if (out.size() > max) return;
            if (!first) out += ',';
            first = false;
            out += nlohmann::json(k).dump();
            out += ':';
            dumpBounded(item, out, max);
        }
        out += '}';
    } else {
        out += j.dump();
    }
}

const CertInfo* peerCert(const Response& r) {
    if (!r.tls || r.tls->chain.empty()) return nullptr;
    return &r.tls->chain[0];
}

// Scanning the text for a singular path beats building a DOM (several times faster, no allocation)
// until several paths have scanned the same body; then one parse serves the rest.
constexpr int kMaxScansPerBody = 3;

bool preferScan(const JsonPath& path, const CheckContext& ctx) {
    return !ctx.hasJson() && ctx.jsonScans() < kMaxScansPerBody && path.canScan();
}

CheckValue jsonPathValue(const std::string& selector, CheckContext& ctx, CheckCache& cache) {
    auto path = cache.jsonPath(selector);
    if (!path) return CheckValue::error(path.error().title);
    if (preferScan(**path, ctx)) {
        auto m = ctx.scan(**path);
        if (!m) return CheckValue::error(m.error().message());
        if (!*m) return CheckValue::absent(selector + " matched nothing");
        std::string_view body = *ctx.body();
        return CheckValue::rawJson(body.substr((*m)->begin, (*m)->end - (*m)->begin), (*m)->members);
    }
    auto doc = ctx.json();
    if (!doc) return CheckValue::error(doc.error().message());
    auto nodes = (*path)->select(**doc);
    if (nodes.empty()) return CheckValue::absent(selector + " matched nothing");
    if (nodes.size() == 1) return CheckValue::borrowJson(nodes[0]);
    nlohmann::json arr = nlohmann::json::array();
    for (const nlohmann::json* n : nodes) arr.push_back(*n);
    return CheckValue::ownedJson(std::move(arr));
}

CheckValue regexValue(const std::string& pattern, int group, CheckContext& ctx, CheckCache& cache) {
    auto re = cache.regex(pattern);
    if (!re) return CheckValue::error(re.error().title);
    auto body = ctx.body();
    if (!body) return CheckValue::error(body.error().message());
    int groups = (*re)->NumberOfCapturingGroups();
    if (group < 0) group = groups > 0 ? 1 : 0;
    if (group < 0 || group > groups)
        return CheckValue::error("regex /" + pattern + "/ has no group " + std::to_string(group) + " (it has " +
                                 std::to_string(groups) + ")");
    std::vector<re2::StringPiece> m(static_cast<std::size_t>(group) + 1);
    re2::StringPiece input(body->data(), body->size());
    if (!(*re)->Match(input, 0, input.size(), RE2::UNANCHORED, m.data(), group + 1))
        return CheckValue::absent("regex /" + pattern + "/ matched nothing");
    const re2::StringPiece& g = m[static_cast<std::size_t>(group)];
    if (g.data() == nullptr) return CheckValue::absent("regex /" + pattern + "/ group " + std::to_string(group) + " did not take part in the match");
    return CheckValue::borrowText(std::string_view(g.data(), g.size()));
}

}  // namespace

std::string dumpShort(const nlohmann::json& j, std::size_t max) {
    std::string out;
    dumpBounded(j, out, max);
    if (out.size() <= max) return out;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    return out + "...";
}

CheckValue extractValue(CheckSource source, const std::string& selector, int group, CheckContext& ctx,
                        CheckCache& cache) {
    const Response& r = ctx.response();
    switch (source) {
        case CheckSource::Status: return CheckValue::ownedJson(r.status);
        case CheckSource::Header: {
            const std::string* v = r.header(selector);
            if (!v) return CheckValue::absent("header " + selector + " is not present");
            return CheckValue::borrowText(*v);
        }
        case CheckSource::Body: {
            auto b = ctx.body();
            if (!b) return CheckValue::error(b.error().message());
            return CheckValue::borrowText(*b);
        }
        case CheckSource::JsonPath: return jsonPathValue(selector, ctx, cache);
        case CheckSource::Duration: return CheckValue::ownedJson(std::round(r.timings.total * 10.0) / 10.0);
        case CheckSource::BodySize:
            return CheckValue::ownedJson(r.bodyBytes != 0 ? r.bodyBytes : static_cast<std::uint64_t>(r.body.size()));
        case CheckSource::ContentType: {
            if (!r.header("Content-Type")) return CheckValue::absent("header Content-Type is not present");
            return CheckValue::ownedText(r.contentType());
        }
        case CheckSource::CertExpiryDays: {
            const CertInfo* c = peerCert(r);
            if (!c) return CheckValue::absent("no TLS certificate (not an https exchange)");
            if (c->notAfterEpoch == 0) return CheckValue::absent("the certificate's expiry date is unknown");
            long long secs = c->notAfterEpoch - ctx.now();
            long long days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
            return CheckValue::ownedJson(days);
        }
        case CheckSource::CertSubject:
        case CheckSource::CertIssuer: {
            const CertInfo* c = peerCert(r);
            if (!c) return CheckValue::absent("no TLS certificate (not an https exchange)");
            return CheckValue::borrowText(source == CheckSource::CertSubject ? c->subject : c->issuer);
        }
        case CheckSource::Regex: return regexValue(selector, group, ctx, cache);
        case CheckSource::GraphQLErrors: {
            static const Result<JsonPath> errorsPath = JsonPath::parse("$.errors");
            if (preferScan(*errorsPath, ctx)) {
                auto m = ctx.scan(*errorsPath);
                if (!m) return CheckValue::error(m.error().message());
                std::string_view body = *ctx.body();
                bool isArray = *m && body[(*m)->begin] == '[';
                return CheckValue::ownedJson(isArray ? (*m)->members : 0);
            }
            auto doc = ctx.json();
            if (!doc) return CheckValue::error(doc.error().message());
            const nlohmann::json& d = **doc;
            if (d.is_object()) {
                auto it = d.find("errors");
                if (it != d.end() && it->is_array()) return CheckValue::ownedJson(it->size());
            }
            return CheckValue::ownedJson(0);
        }
    }
    return CheckValue::error("unknown source");
}

}  // namespace sonde
