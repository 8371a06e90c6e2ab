#pragma once
// Helpers that turn what libcurl reports into model values.
#include <curl/curl.h>

#include <string>
#include <vector>

#include "core/model/response.h"

namespace sonde::http {

std::string resolveUrl(const std::string& base, const std::string& location);
void parseStatusLine(const std::string& line, Response& r);  // "HTTP/1.1 200 OK"
const char* standardReason(int status);
void readInfo(CURL* h, Response& r);             // timings, sizes, effective URL, remote address
void readCertChain(CURL* h, TlsInfo& tls);       // CURLINFO_CERTINFO
std::vector<Header> parseSentHeaders(const std::string& block);  // CURLINFO_HEADER_OUT text
long long parseCertDate(const std::string& s);   // "Nov 24 15:00:00 2026 GMT" -> epoch seconds

}  // namespace sonde::http
