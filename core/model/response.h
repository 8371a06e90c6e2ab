#pragma once
// What was sent (SentRequest), what came back (Response) and the two together (Exchange).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/request.h"
#include "core/model/result.h"

namespace sonde {

struct Header {
    std::string name;
    std::string value;
    bool operator==(const Header&) const = default;
};

// Exact request as it went on the wire (after variables, auth and defaults). Secrets are redacted only
// when presented (see redact.h), never here.
struct SentRequest {
    std::string method;
    std::string url;
    std::vector<Header> headers;
    std::string body;            // the bytes sent (for multipart/file bodies: a description, not the file)
    bool bodyIsSummary = false;  // true when body describes rather than reproduces what was sent
};

struct Timings {  // milliseconds from the start of the exchange, per phase (durations, not offsets)
    double dns = 0, connect = 0, tls = 0, firstByte = 0, download = 0, total = 0;
    double redirect = 0;
};

struct Sizes {
    std::uint64_t headersSent = 0, bodySent = 0, headersReceived = 0, bodyReceived = 0;
};

struct CertInfo {
    std::string subject, issuer, notBefore, notAfter;  // dates as libcurl reports them
    long long notBeforeEpoch = 0, notAfterEpoch = 0;     // seconds since the epoch (0 if unknown)
    std::vector<std::string> subjectAltNames;
};

struct TlsInfo {
    std::string version;  // e.g. "TLSv1.3"
    std::string cipher;
    std::string alpn;     // "h2", "http/1.1"
    std::vector<CertInfo> chain;  // peer first
};

struct RedirectHop {
    int status = 0;
    std::string url;       // the URL that answered with the redirect
    std::string location;  // where it pointed
};

struct Response {
    int status = 0;
    std::string reason;
    std::string httpVersion;           // "HTTP/1.1", "HTTP/2"
    std::vector<Header> headers;       // final response headers, in order
    std::string body;                  // bytes, binary-safe (empty when spilled to bodyFile)
    std::string bodyFile;              // set when the body exceeded maxBodyInMemory and went to a file
    std::uint64_t bodyBytes = 0;       // full body size, wherever it is
    std::string effectiveUrl;
    std::vector<RedirectHop> redirects;
    std::string remoteIp;
    int remotePort = 0;
    int newConnections = 0;            // connections opened for this exchange (0: an existing one was reused)
    Sizes sizes;
    Timings timings;
    std::optional<TlsInfo> tls;

    // First header with this name (case-insensitive), or nullptr.
    const std::string* header(const std::string& name) const;
    std::vector<std::string> headerValues(const std::string& name) const;
    std::string contentType() const;  // value of Content-Type without parameters, lower case
};

struct Exchange {
    SentRequest request;
    Response response;
};

// What an exchange ends as: a response arrived (any status), or an Error (refused, DNS, TLS,
// timeout, cancelled with code "cancelled", ...). Partial data is kept in `partial` when useful.
using ExchangeResult = Result<Exchange>;

// ASCII case folding (header names, schemes): locale-free, other bytes unchanged.
inline char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool iequals(std::string_view a, std::string_view b);  // ASCII case-insensitive

}  // namespace sonde
