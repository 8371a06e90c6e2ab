#include "core/http/transfer.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "core/http/error_mapping.h"
#include "core/http/response_parsing.h"

namespace sonde::http {

namespace {
// Without the line end and the blanks around (a header line as libcurl hands it over).
std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

std::string formEncode(const std::vector<KeyValue>& fields) {
    std::string out;
    for (const auto& f : fields) {
        if (!f.enabled) continue;
        if (!out.empty()) out += '&';
        CurlString k(curl_easy_escape(nullptr, f.key.c_str(), static_cast<int>(f.key.size())));
        CurlString v(curl_easy_escape(nullptr, f.value.c_str(), static_cast<int>(f.value.size())));
        out += std::string(k.get()) + "=" + v.get();
    }
    return out;
}
}  // namespace

Transfer::Transfer(ExchangeId id, RequestSpec request, ExchangeCallback callback)
    : id_(id), req_(std::move(request)), callback_(std::move(callback)) {}

Transfer::~Transfer() {
    if (uploadFile_) std::fclose(uploadFile_);
    if (spill_) std::fclose(spill_);
}

bool Transfer::userHasHeader(const std::string& name) const {
    for (const auto& h : req_.headers)
        if (h.enabled && iequals(h.key, name)) return true;
    return false;
}

Status Transfer::prepare(EasyHandle easy, CURLSH* share, const EngineOptions& eo) {
    easy_ = std::move(easy);
    CURL* h = easy_.get();
    if (!h) return makeError("Could not create a transfer handle", req_.url, "", "internal");
    auto url = effectiveRequestUrl(req_);
    if (!url) return url.error();
    url_ = *url;
    currentUrl_ = url_;
    const HttpOptions& o = req_.options;

    curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(h, CURLOPT_PRIVATE, this);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf_);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Transfer::onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Transfer::onWrite);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, &Transfer::onDebug);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, this);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // feeds onDebug with the headers actually sent
    if (share) curl_easy_setopt(h, CURLOPT_SHARE, share);
    if (eo.cookies) curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");  // enable the engine's jar

    // Redirects (CURLOPT_FOLLOWLOCATION.html). libcurl drops Authorization and Cookie headers on a
    // redirect to another host unless CURLOPT_UNRESTRICTED_AUTH is set, which we never set.
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, o.followRedirects ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(o.maxRedirects));
    // Deadlines: no exchange may hang (CURLOPT_TIMEOUT_MS.html).
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o.timeoutMs > 0 ? o.timeoutMs : 30000L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o.connectTimeoutMs > 0 ? o.connectTimeoutMs : 10000L);
    // TLS
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, o.verifyTls ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, o.verifyTls ? 2L : 0L);
    if (!o.caFile.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, o.caFile.c_str());
    if (!o.clientCert.empty()) curl_easy_setopt(h, CURLOPT_SSLCERT, o.clientCert.c_str());
    if (!o.clientKey.empty()) curl_easy_setopt(h, CURLOPT_SSLKEY, o.clientKey.c_str());
    curl_easy_setopt(h, CURLOPT_CERTINFO, 1L);
    if (!o.tlsMinVersion.empty() || !o.tlsMaxVersion.empty()) {  // CURLOPT_SSLVERSION.html
        auto version = [](const std::string& v, long fallback, bool max) {
            static const struct { const char* name; long min, max; } table[] = {
                {"1.0", CURL_SSLVERSION_TLSv1_0, CURL_SSLVERSION_MAX_TLSv1_0},
                {"1.1", CURL_SSLVERSION_TLSv1_1, CURL_SSLVERSION_MAX_TLSv1_1},
                {"1.2", CURL_SSLVERSION_TLSv1_2, CURL_SSLVERSION_MAX_TLSv1_2},
                {"1.3", CURL_SSLVERSION_TLSv1_3, CURL_SSLVERSION_MAX_TLSv1_3}};
            for (const auto& t : table)
                if (v == t.name) return max ? t.max : t.min;
            return v.empty() ? fallback : -1L;
        };
        const long lo = version(o.tlsMinVersion, CURL_SSLVERSION_DEFAULT, false);
        const long hi = version(o.tlsMaxVersion, CURL_SSLVERSION_MAX_DEFAULT, true);
        if (lo < 0 || hi < 0)
            return makeError("Unknown TLS version '" + (lo < 0 ? o.tlsMinVersion : o.tlsMaxVersion) + "'", req_.url,
                             "Use 1.0, 1.1, 1.2 or 1.3", "options");
        curl_easy_setopt(h, CURLOPT_SSLVERSION, lo | hi);
    }
    if (!o.cipherList.empty()) curl_easy_setopt(h, CURLOPT_SSL_CIPHER_LIST, o.cipherList.c_str());
    // Proxy: empty means libcurl reads http_proxy/https_proxy/no_proxy (CURLOPT_PROXY.html).
    if (!o.proxy.empty()) curl_easy_setopt(h, CURLOPT_PROXY, o.proxy.c_str());
    switch (o.httpVersion) {
        case HttpVersion::Http1_1: curl_easy_setopt(h, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1); break;
        case HttpVersion::Http2: curl_easy_setopt(h, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2_0); break;
        case HttpVersion::Default: curl_easy_setopt(h, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS); break;
    }
    curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);  // prefer multiplexing on an existing HTTP/2 connection
    if (o.acceptEncoding && !userHasHeader("Accept-Encoding")) curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    for (const auto& r : o.resolve) resolve_.append(r);
    if (!resolve_.empty()) curl_easy_setopt(h, CURLOPT_RESOLVE, resolve_.get());
    for (const auto& c : o.connectTo) connectTo_.append(c);
    if (!connectTo_.empty()) curl_easy_setopt(h, CURLOPT_CONNECT_TO, connectTo_.get());
    if (!o.unixSocket.empty()) curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, o.unixSocket.c_str());

    // Auth (CURLOPT_HTTPAUTH.html, CURLOPT_AWS_SIGV4.html)
    const Auth& a = req_.auth;
    switch (a.kind) {
        case AuthKind::Basic:
        case AuthKind::Digest:
        case AuthKind::Ntlm:
            curl_easy_setopt(h, CURLOPT_HTTPAUTH,
                             a.kind == AuthKind::Basic    ? CURLAUTH_BASIC
                             : a.kind == AuthKind::Digest ? CURLAUTH_DIGEST
                                                          : CURLAUTH_NTLM);
            curl_easy_setopt(h, CURLOPT_USERNAME, a.username.c_str());
            curl_easy_setopt(h, CURLOPT_PASSWORD, a.password.c_str());
            break;
        case AuthKind::Bearer:
            if (!userHasHeader("Authorization")) headers_.append("Authorization: Bearer " + a.token);
            break;
        case AuthKind::ApiKey:
            if (!a.keyInQuery && !a.keyName.empty() && !userHasHeader(a.keyName))
                headers_.append(a.keyName + ": " + a.keyValue);
            break;
        case AuthKind::AwsSigV4: {
            std::string provider = "aws:amz:" + a.region + ":" + a.service;
            curl_easy_setopt(h, CURLOPT_AWS_SIGV4, provider.c_str());
            curl_easy_setopt(h, CURLOPT_USERNAME, a.accessKey.c_str());
            curl_easy_setopt(h, CURLOPT_PASSWORD, a.secretKey.c_str());
            if (!a.sessionToken.empty()) headers_.append("x-amz-security-token: " + a.sessionToken);
            break;
        }
        case AuthKind::None: break;
    }

    for (const auto& hd : req_.headers) {
        if (!hd.enabled || hd.key.empty()) continue;
        // "Name;" sends an empty header; "Name:" would remove it (CURLOPT_HTTPHEADER.html).
        headers_.append(hd.value.empty() ? hd.key + ";" : hd.key + ": " + hd.value);
    }
    if (!userHasHeader("User-Agent")) headers_.append("User-Agent: " + eo.userAgent);
    if (!userHasHeader("Expect")) headers_.append("Expect:");  // no 100-continue round trip
    if (auto st = setBody(headers_); !st) return st;

    const std::string& m = req_.method;
    if (m == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else if (m != "GET" && m != "POST") {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
    } else if (m == "GET" && (!postBody_.empty() || mime_ || uploadFile_)) {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "GET");
    }
    if (m == "POST" && postBody_.empty() && !mime_ && !uploadFile_) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t{0});
    }
    if (!headers_.empty()) curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers_.get());

    sent_.method = m;
    sent_.url = url_;
    return {};
}

Status Transfer::setBody(Slist& headers) {
    CURL* h = easy_.get();
    const Body& b = req_.body;
    auto contentType = [&](const char* def) {
        if (userHasHeader("Content-Type")) return;
        headers.append(std::string("Content-Type: ") + (b.contentType.empty() ? def : b.contentType.c_str()));
    };
    switch (b.kind) {
        case BodyKind::None: return {};
        case BodyKind::Json: contentType("application/json"); postBody_ = b.text; break;
        case BodyKind::Xml: contentType("application/xml"); postBody_ = b.text; break;
        case BodyKind::Text: contentType("text/plain"); postBody_ = b.text; break;
        case BodyKind::GraphQL: contentType("application/json"); postBody_ = b.text; break;
        case BodyKind::FormUrlEncoded:
            contentType("application/x-www-form-urlencoded");
            postBody_ = formEncode(b.form);
            break;
        case BodyKind::Multipart: {
            mime_.reset(curl_mime_init(h));
            std::string summary;
            for (const auto& p : b.parts) {
                if (!p.enabled) continue;
                curl_mimepart* part = curl_mime_addpart(mime_.get());
                curl_mime_name(part, p.name.c_str());
                if (p.isFile) {
                    if (!std::filesystem::is_regular_file(p.value))
                        return makeError("The file for multipart field '" + p.name + "' does not exist", p.value,
                                         "Choose an existing file", "file");
                    curl_mime_filedata(part, p.value.c_str());
                    if (!p.fileName.empty()) curl_mime_filename(part, p.fileName.c_str());
                    summary += p.name + "=@" + p.value + "\n";
                } else {
                    curl_mime_data(part, p.value.c_str(), p.value.size());
                    summary += p.name + "=" + p.value + "\n";
                }
                if (!p.contentType.empty()) curl_mime_type(part, p.contentType.c_str());
            }
            curl_easy_setopt(h, CURLOPT_MIMEPOST, mime_.get());
            sent_.body = summary;
            sent_.bodyIsSummary = true;
            return {};
        }
        case BodyKind::BinaryFile: {
            std::error_code ec;
            auto size = std::filesystem::file_size(b.text, ec);
            if (ec || !(uploadFile_ = std::fopen(b.text.c_str(), "rb")))
                return makeError("The body file cannot be read", b.text, "Choose an existing, readable file", "file");
            contentType("application/octet-stream");
            curl_easy_setopt(h, CURLOPT_POST, 1L);
            curl_easy_setopt(h, CURLOPT_READFUNCTION, &Transfer::onRead);
            curl_easy_setopt(h, CURLOPT_READDATA, this);
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(size));
            sent_.body = "<file " + b.text + ", " + std::to_string(size) + " bytes>";
            sent_.bodyIsSummary = true;
            return {};
        }
    }
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(postBody_.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, postBody_.data());
    sent_.body = postBody_;
    return {};
}

size_t Transfer::onRead(char* buffer, size_t size, size_t n, void* self) {
    auto* t = static_cast<Transfer*>(self);
    return std::fread(buffer, 1, size * n, t->uploadFile_);
}

int Transfer::onDebug(CURL*, curl_infotype type, char* data, size_t size, void* self) {
    if (type == CURLINFO_HEADER_OUT) static_cast<Transfer*>(self)->lastSentHeaders_.assign(data, size);
    return 0;
}

size_t Transfer::onHeader(char* data, size_t size, size_t n, void* self) {
    auto* t = static_cast<Transfer*>(self);
    size_t len = size * n;
    const std::string_view line(data, len);
    if (!t->tlsCaptured_) t->captureTls();
    if (line.rfind("HTTP/", 0) == 0) {
        // A new response starts (after a redirect or a 1xx): keep the hop, reset the headers.
        int prev = t->resp_.status;
        if (prev >= 300 && prev < 400) {
            const std::string* loc = t->resp_.header("Location");
            RedirectHop hop{prev, t->currentUrl_, loc ? *loc : std::string()};
            if (loc) t->currentUrl_ = resolveUrl(t->currentUrl_, *loc);
            t->resp_.redirects.push_back(std::move(hop));
        }
        parseStatusLine(std::string(trimmed(line)), t->resp_);
        t->resp_.headers.clear();
        return len;
    }
    const std::string_view l = trimmed(line);
    if (l.empty()) return len;
    auto colon = l.find(':');
    if (colon == std::string_view::npos) return len;
    t->resp_.headers.push_back({std::string(l.substr(0, colon)), std::string(trimmed(l.substr(colon + 1)))});
    return len;
}

size_t Transfer::writeBody(const char* data, size_t len) {
    const HttpOptions& o = req_.options;
    std::uint64_t total = resp_.bodyBytes + len;
    if (o.maxBodyBytes && total > o.maxBodyBytes) {
        overCap_ = true;
        return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
    }
    if (!spill_ && total > o.maxBodyInMemory) {
        std::string dir = o.spillDir.empty() ? std::filesystem::temp_directory_path().string() : o.spillDir;
        std::string path = dir + "/sonde-body-XXXXXX";
        int fd = mkstemp(path.data());
        if (fd < 0 || !(spill_ = fdopen(fd, "wb"))) return 0;
        resp_.bodyFile = path;
        if (!resp_.body.empty() && std::fwrite(resp_.body.data(), 1, resp_.body.size(), spill_) != resp_.body.size())
            return 0;
        std::string().swap(resp_.body);
    }
    if (spill_) {
        if (std::fwrite(data, 1, len, spill_) != len) return 0;
    } else {
        resp_.body.append(data, len);
    }
    resp_.bodyBytes = total;
    return len;
}

size_t Transfer::onWrite(char* data, size_t size, size_t n, void* self) {
    return static_cast<Transfer*>(self)->writeBody(data, size * n);
}

// TLS details come from the live OpenSSL session (CURLINFO_TLS_SSL_PTR.html), read while connected.
void Transfer::captureTls() {
    tlsCaptured_ = true;
    const curl_tlssessioninfo* info = nullptr;
    if (curl_easy_getinfo(easy_.get(), CURLINFO_TLS_SSL_PTR, &info) != CURLE_OK || !info ||
        info->backend != CURLSSLBACKEND_OPENSSL || !info->internals)
        return;
    SSL* ssl = static_cast<SSL*>(info->internals);
    TlsInfo tls;
    tls.version = SSL_get_version(ssl);
    if (const SSL_CIPHER* c = SSL_get_current_cipher(ssl)) tls.cipher = SSL_CIPHER_get_name(c);
    const unsigned char* alpn = nullptr;
    unsigned alpnLen = 0;
    SSL_get0_alpn_selected(ssl, &alpn, &alpnLen);
    if (alpn) tls.alpn.assign(reinterpret_cast<const char*>(alpn), alpnLen);
    resp_.tls = std::move(tls);
}

ExchangeResult Transfer::finish(CURLcode code) {
    if (spill_) {
        std::fclose(spill_);
        spill_ = nullptr;
    }
    if (code != CURLE_OK) {
        if (!resp_.bodyFile.empty()) std::filesystem::remove(resp_.bodyFile);
        return errorFor(code);
    }
    CURL* h = easy_.get();
    readInfo(h, resp_);
    if (!resp_.tls && url_.rfind("https", 0) == 0) resp_.tls = TlsInfo{};
    if (resp_.tls) readCertChain(h, *resp_.tls);
    sent_.headers = parseSentHeaders(lastSentHeaders_);
    if (sent_.headers.empty())
        for (const auto& hd : req_.headers)
            if (hd.enabled) sent_.headers.push_back({hd.key, hd.value});
    sent_.url = resp_.redirects.empty() ? url_ : currentUrl_;
    return Exchange{std::move(sent_), std::move(resp_)};
}

Error Transfer::errorFor(CURLcode code) const {
    long verify = 0;
    curl_easy_getinfo(easy_.get(), CURLINFO_SSL_VERIFYRESULT, &verify);
    return mapCurlError(code, errbuf_, overCap_, req_.options, currentUrl_, verify);
}

void Transfer::deliver(ExchangeResult result) {
    if (callback_) callback_(id_, std::move(result));
}

}  // namespace sonde::http
