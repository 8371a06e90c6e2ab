#include "core/http/error_mapping.h"

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace sonde::http {

Error mapCurlError(CURLcode code, const char* errbuf, bool overCap, const HttpOptions& o, const std::string& url,
                   long verifyResult) {
    std::string detail = errbuf && *errbuf ? std::string(errbuf) : std::string(curl_easy_strerror(code));
    auto e = [&](std::string title, std::string fix, std::string kind) {
        return makeError(std::move(title), url, std::move(fix), std::move(kind));
    };
    switch (code) {
        case CURLE_COULDNT_CONNECT:
            return e("Connection refused: nothing answered at this address (" + detail + ")",
                     "Check that the server is running and the host and port are right", "refused");
        case CURLE_COULDNT_RESOLVE_HOST:
            return e("The host name could not be resolved (" + detail + ")",
                     "Check the spelling of the host, or your DNS and network", "dns");
        case CURLE_COULDNT_RESOLVE_PROXY:
            return e("The proxy host could not be resolved (" + detail + ")", "Check the proxy setting", "proxy");
        case CURLE_OPERATION_TIMEDOUT:
            return e("Timed out (" + detail + ")",
                     "The server did not finish answering within " + std::to_string(o.timeoutMs) +
                         " ms; raise the timeout or check the server",
                     "timeout");
        case CURLE_TOO_MANY_REDIRECTS:
            return e("Too many redirects (more than " + std::to_string(o.maxRedirects) + ")",
                     "The server redirects in a loop, or raise the redirect limit", "redirects");
        case CURLE_UNSUPPORTED_PROTOCOL:
            if (detail.find("HTTP/0.9") != std::string::npos)
                return e("The server sent a reply that is not valid HTTP (" + detail + ")",
                         "Check that this is an HTTP server and the port is right", "protocol");
            [[fallthrough]];
        case CURLE_URL_MALFORMAT:
            return e("The URL is not valid (" + detail + ")", "Write it as http(s)://host[:port]/path", "url");
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH: {
            std::string why = detail;
            if (verifyResult != 0)
                why += "; certificate check failed: " +
                       std::string(X509_verify_cert_error_string(verifyResult));
            return e("TLS failed (" + why + ")",
                     "Give the CA file that signed the server's certificate, or allow insecure TLS for this "
                     "request only if you trust the network",
                     "tls");
        }
        case CURLE_WRITE_ERROR:
            if (overCap)
                return e("The response body is larger than the cap of " + std::to_string(o.maxBodyBytes) + " bytes",
                         "Raise the body size cap if you expect a body this large", "body-cap");
            return e("The response body could not be stored (" + detail + ")",
                     "Check free disk space in the temporary directory", "write");
        case CURLE_GOT_NOTHING:
            return e("The server closed the connection without answering", "Check the server's logs", "connection");
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
            return e("The connection broke before the response was complete (" + detail + ")",
                     "The server reset or closed the connection; check the server's logs", "connection");
        case CURLE_BAD_CONTENT_ENCODING:
            return e("The response body could not be decoded (" + detail + ")",
                     "The server's Content-Encoding does not match its body", "encoding");
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return e("The server sent a reply that is not valid HTTP (" + detail + ")",
                     "Check that this is an HTTP server and the port is right", "protocol");
        case CURLE_ABORTED_BY_CALLBACK:
            return e("Cancelled", "", "cancelled");
        default:
            return e("The request failed (" + detail + ")", "", "transport");
    }
}

}  // namespace sonde::http
