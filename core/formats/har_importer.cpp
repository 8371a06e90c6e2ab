// HAR 1.2 logs (browser dev tools "Save all as HAR") -> one collection, a request per entry.
#include <set>

#include "core/formats/import_util.h"
#include "core/formats/importer.h"

namespace sonde {

namespace {

using nlohmann::json;

// Headers the client computes itself, or HTTP/2 pseudo-headers: importing them would send stale values.
bool computedHeader(const std::string& name) {
    static const std::set<std::string> skip = {"content-length", "host", "connection", "accept-encoding",
                                               "transfer-encoding", "keep-alive", "upgrade", "te"};
    return name.empty() || name[0] == ':' || skip.count(lower(name)) > 0;
}

std::string shortPath(const std::string& url) {
    auto scheme = url.find("://");
    auto start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    std::string p = start == std::string::npos ? "/" : url.substr(start);
    const auto q = p.find('?');
    if (q != std::string::npos) p.resize(q);
    return p;
}

void convertPostData(const json& post, RequestSpec& r, Imported& out, const std::string& where) {
    if (!post.is_object()) return;
    const std::string mime = post.value("mimeType", "");
    const std::string type = lower(mime);
    const json params = post.value("params", json());
    if (type.rfind("application/x-www-form-urlencoded", 0) == 0 && params.is_array() && !params.empty()) {
        r.body.kind = BodyKind::FormUrlEncoded;
        for (const auto& p : params)
            if (p.is_object())
                r.body.form.emplace_back(percentDecode(jsonText(p.value("name", json()))),
                                         percentDecode(jsonText(p.value("value", json()))));
        return;
    }
    if (type.rfind("multipart/form-data", 0) == 0 && params.is_array() && !params.empty()) {
        r.body.kind = BodyKind::Multipart;
        for (const auto& p : params) {
            if (!p.is_object()) continue;
            MultipartPart part(jsonText(p.value("name", json())), jsonText(p.value("value", json())));
            part.contentType = jsonText(p.value("contentType", json()));
            if (p.contains("fileName")) {
                part.isFile = true;
                part.fileName = jsonText(p["fileName"]);
                part.value = part.fileName;
                out.warnings.push_back({where, "multipart file '" + part.fileName +
                                                   "' is not in the HAR; choose the file before sending"});
            }
            r.body.parts.push_back(std::move(part));
        }
        // The recorded Content-Type carries the old boundary; curl writes its own.
        std::erase_if(r.headers, [](const KeyValue& h) { return iequals(h.key, "Content-Type"); });
        return;
    }
    r.body.text = jsonText(post.value("text", json()));
    if (r.body.text.empty()) return;
    if (post.value("encoding", "") == "base64")
        out.warnings.push_back({where, "the body is base64 in the HAR and was imported as that text"});
    r.body.kind = type.find("json") != std::string::npos ? BodyKind::Json
                  : type.find("xml") != std::string::npos ? BodyKind::Xml
                                                          : BodyKind::Text;
    if (r.body.kind == BodyKind::Text && !mime.empty()) r.body.contentType = mime;
}

}  // namespace

Result<Imported> importHar(std::string_view text, const std::string& name) {
    auto parsed = parseJsonText(text, name);
    if (!parsed) return parsed.error();
    return guardShapes(name, [&] { return harFromJson(*parsed, name); });
}

Result<Imported> harFromJson(const nlohmann::json& root, const std::string& name) {
    if (!root.is_object() || !root.contains("log") || !root["log"].is_object() || !root["log"].contains("entries") ||
        !root["log"]["entries"].is_array())
        return makeError("This is not a HAR file (it needs log.entries)", name, "Save the log again as HAR", "parse");
    Imported out;
    out.format = ImportFormat::Har;
    out.hasCollection = true;
    const json& log = root["log"];
    out.collection.name = name;
    if (log.contains("creator") && log["creator"].is_object())
        out.collection.description = "Recorded by " + jsonText(log["creator"].value("name", json())) + " " +
                                     jsonText(log["creator"].value("version", json()));
    int index = 0;
    for (const auto& e : log["entries"]) {
        ++index;
        const std::string where = name + " entry " + std::to_string(index);
        if (!e.is_object() || !e.contains("request") || !e["request"].is_object()) {
            out.warnings.push_back({where, "has no request; left out"});
            continue;
        }
        const json& req = e["request"];
        RequestSpec r;
        r.method = req.value("method", "GET");
        r.url = req.value("url", "");
        r.name = r.method + " " + shortPath(r.url);
        r.options.followRedirects = false;  // a HAR records every hop as its own entry
        bool cookieHeader = false;
        for (const auto& h : req.value("headers", json::array())) {
            if (!h.is_object()) continue;
            const std::string hn = jsonText(h.value("name", json()));
            if (computedHeader(hn)) continue;
            if (iequals(hn, "Cookie")) cookieHeader = true;
            r.headers.emplace_back(hn, jsonText(h.value("value", json())));
        }
        if (!cookieHeader) {
            std::string cookies;
            for (const auto& c : req.value("cookies", json::array()))
                if (c.is_object())
                    cookies += (cookies.empty() ? "" : "; ") + jsonText(c.value("name", json())) + "=" +
                               jsonText(c.value("value", json()));
            if (!cookies.empty()) r.headers.emplace_back("Cookie", cookies);
        }
        convertPostData(req.value("postData", json()), r, out, where);
        if (r.url.empty()) {
            out.warnings.push_back({where, "has no URL; left out"});
            continue;
        }
        out.collection.root.requests.push_back(std::move(r));
    }
    return out;
}

}  // namespace sonde
