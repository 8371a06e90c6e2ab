#pragma once
#include <curl/curl.h>

#include "core/model/request.h"
#include "core/model/result.h"

namespace sonde::http {

// Turns a libcurl result code into an Error a person understands, naming the URL
// (libcurl-errors.html). `verifyResult` is CURLINFO_SSL_VERIFYRESULT (an X509 verify code).
Error mapCurlError(CURLcode code, const char* errbuf, bool overCap, const HttpOptions& options,
                   const std::string& url, long verifyResult);

}  // namespace sonde::http
