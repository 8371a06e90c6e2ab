#include "core/http/response_parsing.h"

#include <ctime>
#include <sstream>
#include <string_view>

#include "core/http/curl_handles.h"

namespace sonde::http {

std::string resolveUrl(const std::string& base, const std::string& location) {
    Url u(curl_url());
    if (curl_url_set(u.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return location;
    if (curl_url_set(u.get(), CURLUPART_URL, location.c_str(), 0) != CURLUE_OK) return location;
    char* out = nullptr;
    if (curl_url_get(u.get(), CURLUPART_URL, &out, 0) != CURLUE_OK) return location;
    CurlString s(out);
    return s.get();
}

const char* standardReason(int s) {
    switch (s) {
        case 100: return "Continue"; case 101: return "Switching Protocols";
        case 200: return "OK"; case 201: return "Created"; case 202: return "Accepted";
        case 204: return "No Content"; case 206: return "Partial Content";
        case 301: return "Moved Permanently"; case 302: return "Found"; case 303: return "See Other";
        case 304: return "Not Modified"; case 307: return "Temporary Redirect"; case 308: return "Permanent Redirect";
        case 400: return "Bad Request"; case 401: return "Unauthorized"; case 403: return "Forbidden";
        case 404: return "Not Found"; case 405: return "Method Not Allowed"; case 408: return "Request Timeout";
        case 409: return "Conflict"; case 410: return "Gone"; case 413: return "Payload Too Large";
        case 415: return "Unsupported Media Type"; case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests"; case 500: return "Internal Server Error";
        case 501: return "Not Implemented"; case 502: return "Bad Gateway"; case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "";
    }
}

void parseStatusLine(const std::string& line, Response& r) {
    // "HTTP/1.1 200 OK": version, blanks, status digits, blanks, reason (the rest of the line).
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t i = 0;
    const std::size_t n = line.size();
    while (i < n && blank(line[i])) ++i;
    const std::size_t v0 = i;
    while (i < n && !blank(line[i])) ++i;
    std::string version = line.substr(v0, i - v0);
    while (i < n && blank(line[i])) ++i;
    int status = 0;
    bool digits = false;
    while (i < n && line[i] >= '0' && line[i] <= '9' && status < 100000) {
        status = status * 10 + (line[i++] - '0');
        digits = true;
    }
    std::string reason;
    if (digits) {
        if (i < n && blank(line[i])) ++i;  // the one separator; anything after it is the reason
        reason = line.substr(i);
    }
    r.httpVersion = version == "HTTP/2" ? "HTTP/2" : version;
    r.status = status;
    r.reason = reason.empty() ? standardReason(status) : reason;
}

void readInfo(CURL* h, Response& r) {
    curl_off_t dns = 0, conn = 0, app = 0, start = 0, total = 0, redir = 0;
    curl_easy_getinfo(h, CURLINFO_NAMELOOKUP_TIME_T, &dns);
    curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &conn);
    curl_easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &app);
    curl_easy_getinfo(h, CURLINFO_STARTTRANSFER_TIME_T, &start);
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &total);
    curl_easy_getinfo(h, CURLINFO_REDIRECT_TIME_T, &redir);
    // CURLINFO_*_TIME_T are microseconds from the start, cumulative (curl_easy_getinfo.html#TIMES).
    auto ms = [](curl_off_t us) { return static_cast<double>(us) / 1000.0; };
    auto diff = [&](curl_off_t a, curl_off_t b) { return a > b ? ms(a - b) : 0.0; };
    Timings& t = r.timings;
    t.dns = ms(dns);
    t.connect = diff(conn, dns);
    t.tls = app > 0 ? diff(app, conn) : 0.0;
    t.firstByte = diff(start, app > 0 ? app : conn);  // request sent + server think time
    t.download = diff(total, start);
    t.total = ms(total);
    t.redirect = ms(redir);

    long hdr = 0, reqSize = 0;
    curl_off_t up = 0, down = 0;
    curl_easy_getinfo(h, CURLINFO_HEADER_SIZE, &hdr);
    curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &reqSize);
    curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up);
    curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &down);
    r.sizes.headersReceived = static_cast<std::uint64_t>(hdr);
    r.sizes.bodySent = static_cast<std::uint64_t>(up);
    r.sizes.headersSent = reqSize > up ? static_cast<std::uint64_t>(reqSize - up) : static_cast<std::uint64_t>(reqSize);
    r.sizes.bodyReceived = static_cast<std::uint64_t>(down);

    char* s = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK && s) r.effectiveUrl = s;
    if (curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &s) == CURLE_OK && s) r.remoteIp = s;
    long port = 0;
    curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port);
    r.remotePort = static_cast<int>(port);
    long connects = 0;
    curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
    r.newConnections = static_cast<int>(connects);
    long ver = 0;
    curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &ver);
    if (ver == CURL_HTTP_VERSION_2_0) r.httpVersion = "HTTP/2";
    else if (ver == CURL_HTTP_VERSION_1_1) r.httpVersion = "HTTP/1.1";
    else if (ver == CURL_HTTP_VERSION_1_0) r.httpVersion = "HTTP/1.0";
}

long long parseCertDate(const std::string& s) {
    std::tm tm{};
    // OpenSSL's ASN1_TIME_print format, as libcurl reports it.
    if (!strptime(s.c_str(), "%b %d %H:%M:%S %Y GMT", &tm)) {
        if (!strptime(s.c_str(), "%Y-%m-%d %H:%M:%S GMT", &tm)) return 0;
    }
    return static_cast<long long>(timegm(&tm));
}

void readCertChain(CURL* h, TlsInfo& tls) {
    curl_certinfo* ci = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_CERTINFO, &ci) != CURLE_OK || !ci) return;
    for (int i = 0; i < ci->num_of_certs; ++i) {
        CertInfo c;
        for (curl_slist* s = ci->certinfo[i]; s; s = s->next) {
            std::string kv = s->data;
            auto colon = kv.find(':');
            if (colon == std::string::npos) continue;
            std::string k = kv.substr(0, colon), v = kv.substr(colon + 1);
            if (k == "Subject") c.subject = v;
            else if (k == "Issuer") c.issuer = v;
            else if (k == "Start date") c.notBefore = v, c.notBeforeEpoch = parseCertDate(v);
            else if (k == "Expire date") c.notAfter = v, c.notAfterEpoch = parseCertDate(v);
            else if (k == "X509v3 Subject Alternative Name") {
                std::istringstream in(v);
                std::string item;
                while (std::getline(in, item, ',')) {
                    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
                    if (!item.empty()) c.subjectAltNames.push_back(item);
                }
            }
        }
        tls.chain.push_back(std::move(c));
    }
}

std::vector<Header> parseSentHeaders(const std::string& block) {
    std::vector<Header> out;
    std::string_view rest(block);
    bool first = true;
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (first) {  // request line
            first = false;
            continue;
        }
        if (line.empty()) break;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view v = line.substr(colon + 1);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        out.push_back({std::string(line.substr(0, colon)), std::string(v)});
    }
    return out;
}

}  // namespace sonde::http
