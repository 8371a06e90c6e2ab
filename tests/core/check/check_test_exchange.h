#pragma once
// A realistic Exchange for the check tests: built as a value (the evaluators' real input type).
#include <string>

#include "core/model/response.h"

namespace checktest {

constexpr long long kNow = 1'800'000'000;  // the clock the tests run the cert checks at

inline const char* kBody =
    R"({"user":{"id":42,"name":"Ada","tags":["admin","ops"],"active":true,"score":9.5,"manager":null,)"
    R"("meta":{"a":1}},"items":[{"id":1},{"id":2},{"id":3}],"token":"abc.def","errors":[{"message":"boom"}]})";

// variant: "" (JSON body, TLS), "nojson" (HTML body), "noerrors" (JSON without errors), "notls",
// "expired" (the certificate expired a day and an hour ago).
inline sonde::Exchange makeExchange(const std::string& variant = {}) {
    sonde::Exchange ex;
    ex.request.method = "GET";
    ex.request.url = "https://api.example.org/users/42";
    sonde::Response& r = ex.response;
    r.status = 201;
    r.reason = "Created";
    r.httpVersion = "HTTP/1.1";
    r.body = variant == "nojson" ? "<html><body>Ada</body></html>" : variant == "noerrors" ? R"({"data":{}})" : kBody;
    r.bodyBytes = r.body.size();
    r.headers = {{"Content-Type", variant == "nojson" ? "text/html" : "application/json; charset=utf-8"},
                 {"X-Request-Id", "abc-123"},
                 {"Content-Length", std::to_string(r.body.size())},
                 {"Set-Cookie", "session=s1; HttpOnly"},
                 {"Set-Cookie", "theme=dark"}};
    r.timings.total = 123.4;
    if (variant != "notls") {
        sonde::TlsInfo tls;
        tls.version = "TLSv1.3";
        sonde::CertInfo cert;
        cert.subject = "CN=api.example.org";
        cert.issuer = "CN=Example CA,O=Example";
        cert.notAfterEpoch = variant == "expired" ? kNow - 86400 - 3600 : kNow + 10 * 86400 + 3600;
        tls.chain.push_back(cert);
        r.tls = tls;
    }
    return ex;
}

}  // namespace checktest
