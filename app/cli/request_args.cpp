#include "request_args.h"

#include <filesystem>

namespace sonde::cli {

namespace {
Result<long> seconds(const ParsedArgs& a, const std::string& opt, long fallbackMs) {
    if (!a.has(opt)) return fallbackMs;
    try {
        size_t used = 0;
        double s = std::stod(a.get(opt), &used);
        if (used != a.get(opt).size() || s <= 0) throw std::invalid_argument("");
        return static_cast<long>(s * 1000);
    } catch (const std::exception&) {
        return makeError("Option " + opt + " needs a positive number of seconds, not '" + a.get(opt) + "'",
                         "command line", "", "usage");
    }
}
Error usage(std::string msg, std::string fix = {}) { return makeError(std::move(msg), "command line", std::move(fix), "usage"); }
bool looksLikeJson(const std::string& s) {
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
        return c == '{' || c == '[';
    }
    return false;
}
}  // namespace

Result<RequestSpec> requestFromArgs(const ParsedArgs& a, const std::string& url) {
    RequestSpec r;
    r.url = url;
    for (const auto& h : a.all("--header")) {
        auto colon = h.find(':');
        if (colon == std::string::npos || colon == 0)
            return usage("Header '" + h + "' is not 'Name: value'", "Write it as -H 'Name: value'");
        std::string v = h.substr(colon + 1);
        while (!v.empty() && v.front() == ' ') v.erase(0, 1);
        r.headers.push_back({h.substr(0, colon), v});
    }
    int bodies = a.has("--data") + a.has("--data-file") + (a.has("--form") ? 1 : 0) + (a.has("--form-urlencoded") ? 1 : 0);
    if (bodies > 1) return usage("Give only one kind of body: --data, --data-file, --form or --form-urlencoded");
    if (a.has("--data")) {
        r.body.text = a.get("--data");
        r.body.kind = looksLikeJson(r.body.text) ? BodyKind::Json : BodyKind::Text;
        if (r.body.kind == BodyKind::Text) r.body.contentType = "application/x-www-form-urlencoded";  // as curl -d
    } else if (a.has("--data-file")) {
        r.body.kind = BodyKind::BinaryFile;
        r.body.text = a.get("--data-file");
        if (!std::filesystem::is_regular_file(r.body.text))
            return makeError("The body file does not exist", r.body.text, "Give an existing file to --data-file", "usage");
    } else if (a.has("--form")) {
        r.body.kind = BodyKind::Multipart;
        for (const auto& f : a.all("--form")) {
            auto eq = f.find('=');
            if (eq == std::string::npos || eq == 0) return usage("Form field '" + f + "' is not NAME=VALUE or NAME=@FILE");
            MultipartPart p{f.substr(0, eq), f.substr(eq + 1)};
            if (!p.value.empty() && p.value[0] == '@') {
                p.isFile = true;
                p.value.erase(0, 1);
                if (!std::filesystem::is_regular_file(p.value))
                    return makeError("The file for form field '" + p.name + "' does not exist", p.value, "", "usage");
            }
            r.body.parts.push_back(p);
        }
    } else if (a.has("--form-urlencoded")) {
        r.body.kind = BodyKind::FormUrlEncoded;
        for (const auto& f : a.all("--form-urlencoded")) {
            auto eq = f.find('=');
            if (eq == std::string::npos) return usage("Form field '" + f + "' is not NAME=VALUE");
            r.body.form.push_back({f.substr(0, eq), f.substr(eq + 1)});
        }
    }
    r.method = a.get("--request", r.body.kind == BodyKind::None ? "GET" : "POST");

    if (a.has("--user")) {
        std::string u = a.get("--user");
        auto colon = u.find(':');
        std::string user = u.substr(0, colon), pass = colon == std::string::npos ? "" : u.substr(colon + 1);
        if (a.has("--aws-sigv4")) {
            std::string rs = a.get("--aws-sigv4");
            auto c = rs.find(':');
            if (c == std::string::npos) return usage("--aws-sigv4 needs REGION:SERVICE, e.g. eu-west-1:execute-api");
            r.auth.kind = AuthKind::AwsSigV4;
            r.auth.accessKey = user, r.auth.secretKey = pass;
            r.auth.region = rs.substr(0, c), r.auth.service = rs.substr(c + 1);
        } else {
            r.auth.kind = a.has("--digest") ? AuthKind::Digest : a.has("--ntlm") ? AuthKind::Ntlm : AuthKind::Basic;
            r.auth.username = user, r.auth.password = pass;
        }
    } else if (a.has("--digest") || a.has("--ntlm") || a.has("--aws-sigv4")) {
        return usage("--digest, --ntlm and --aws-sigv4 need --user");
    }
    if (a.has("--bearer")) {
        if (r.auth.kind != AuthKind::None) return usage("Give either --user or --bearer, not both");
        r.auth.kind = AuthKind::Bearer;
        r.auth.token = a.get("--bearer");
    }

    HttpOptions& o = r.options;
    o.followRedirects = a.has("--location");
    if (a.has("--max-redirs")) {
        try {
            o.maxRedirects = std::stoi(a.get("--max-redirs"));
        } catch (const std::exception&) {
            return usage("--max-redirs needs a number");
        }
    }
    auto t = seconds(a, "--timeout", o.timeoutMs);
    if (!t) return t.error();
    o.timeoutMs = *t;
    auto ct = seconds(a, "--connect-timeout", o.connectTimeoutMs);
    if (!ct) return ct.error();
    o.connectTimeoutMs = *ct;
    o.verifyTls = !a.has("--insecure");
    o.caFile = a.get("--cacert");
    o.clientCert = a.get("--cert");
    o.clientKey = a.get("--key");
    o.proxy = a.get("--proxy");
    if (a.has("--http1.1")) o.httpVersion = HttpVersion::Http1_1;
    if (a.has("--http2")) o.httpVersion = HttpVersion::Http2;
    o.acceptEncoding = !a.has("--no-compressed");
    o.resolve = a.all("--resolve");
    o.connectTo = a.all("--connect-to");
    o.unixSocket = a.get("--unix-socket");
    if (a.has("--max-body")) {
        try {
            o.maxBodyBytes = std::stoull(a.get("--max-body"));
        } catch (const std::exception&) {
            return usage("--max-body needs a number of bytes");
        }
    }
    return r;
}

}  // namespace sonde::cli
