#pragma once
// RAII owners for libcurl handles (https://curl.se/libcurl/c/curl_easy_cleanup.html,
// curl_slist_free_all.html, curl_mime_free.html, curl_url_cleanup.html).
#include <curl/curl.h>

#include <memory>

namespace sonde::http {

struct EasyDeleter { void operator()(CURL* h) const { curl_easy_cleanup(h); } };
struct SlistDeleter { void operator()(curl_slist* l) const { curl_slist_free_all(l); } };
struct MimeDeleter { void operator()(curl_mime* m) const { curl_mime_free(m); } };
struct UrlDeleter { void operator()(CURLU* u) const { curl_url_cleanup(u); } };
struct CharDeleter { void operator()(char* p) const { curl_free(p); } };

using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using Mime = std::unique_ptr<curl_mime, MimeDeleter>;
using Url = std::unique_ptr<CURLU, UrlDeleter>;
using CurlString = std::unique_ptr<char, CharDeleter>;

// An appendable curl_slist that frees itself.
class Slist {
public:
    void append(const std::string& s) {
        curl_slist* n = curl_slist_append(list_.get(), s.c_str());
        if (n) {
            (void)list_.release();
            list_.reset(n);
        }
    }
    curl_slist* get() const { return list_.get(); }
    bool empty() const { return !list_; }

private:
    std::unique_ptr<curl_slist, SlistDeleter> list_;
};

// curl_global_init once per process, before any thread uses libcurl (curl_global_init.html).
void ensureCurlGlobalInit();

}  // namespace sonde::http
