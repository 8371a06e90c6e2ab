#pragma once
// Certificate and protocol problems of a TLS session (from Response::tls), as pure functions for the
// transport checks and their tests.
#include <string>
#include <vector>

#include "core/model/response.h"

namespace sonde {

struct TlsProblem {
    std::string id;      // "expired", "expiring", "self-signed", "host-mismatch", "old-protocol"
    std::string detail;  // one sentence
};

// `host` is the name the client asked for; `now` seconds since the epoch.
std::vector<TlsProblem> assessTls(const TlsInfo& tls, const std::string& host, long long now);
// RFC 6125 style: exact match or a single left-most wildcard label ("*.example.com").
bool hostMatches(const std::string& pattern, const std::string& host);
// SSL 3.0, TLS 1.0 or TLS 1.1, as OpenSSL names them ("TLSv1", "TLSv1.1", "SSLv3").
bool isOldProtocol(const std::string& version);

}  // namespace sonde
