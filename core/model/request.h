#pragma once
// RequestSpec: what the user wrote (it may hold {{variables}}), with everything core/http can send.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/assertion.h"

namespace sonde {

struct KeyValue {
    KeyValue() = default;
    KeyValue(std::string k, std::string v, bool on = true, std::string desc = {})
        : key(std::move(k)), value(std::move(v)), enabled(on), description(std::move(desc)) {}
    std::string key;
    std::string value;
    bool enabled = true;
    std::string description;
    bool operator==(const KeyValue&) const = default;
};

struct MultipartPart {
    MultipartPart() = default;
    MultipartPart(std::string n, std::string v, bool file = false, std::string fname = {}, std::string type = {},
                  bool on = true)
        : name(std::move(n)), value(std::move(v)), isFile(file), fileName(std::move(fname)),
          contentType(std::move(type)), enabled(on) {}
    std::string name;
    std::string value;        // text value, or the file path when isFile
    bool isFile = false;
    std::string fileName;     // overrides the name sent for a file (default: the path's base name)
    std::string contentType;  // optional
    bool enabled = true;
    bool operator==(const MultipartPart&) const = default;
};

enum class BodyKind { None, Json, Xml, Text, FormUrlEncoded, Multipart, BinaryFile, GraphQL };

struct Body {
    BodyKind kind = BodyKind::None;
    std::string text;                // Json/Xml/Text raw text; GraphQL query; BinaryFile path
    std::string contentType;         // overrides the default Content-Type for the kind
    std::vector<KeyValue> form;      // FormUrlEncoded fields
    std::vector<MultipartPart> parts;
    std::string graphqlVariables;    // GraphQL: JSON text of the variables
    std::string graphqlOperation;    // GraphQL: operation name
    bool graphqlUseGet = false;      // GraphQL: send as GET with query parameters
    bool operator==(const Body&) const = default;
};

enum class AuthKind { None, Basic, Bearer, ApiKey, Digest, Ntlm, AwsSigV4 };

struct Auth {
    AuthKind kind = AuthKind::None;
    std::string username;     // Basic, Digest, NTLM
    std::string password;     // Basic, Digest, NTLM
    std::string token;        // Bearer
    std::string keyName;      // ApiKey: header or query parameter name
    std::string keyValue;     // ApiKey
    bool keyInQuery = false;  // ApiKey: add to the query instead of a header
    std::string accessKey;    // AwsSigV4
    std::string secretKey;    // AwsSigV4
    std::string sessionToken; // AwsSigV4 (optional)
    std::string region;       // AwsSigV4
    std::string service;      // AwsSigV4
    bool operator==(const Auth&) const = default;
};

enum class HttpVersion { Default, Http1_1, Http2 };

// Per-request transport options. Defaults are what a user expects from Postman: redirects followed,
// TLS verified, compressed responses decoded.
struct HttpOptions {
    bool followRedirects = true;
    int maxRedirects = 10;
    long connectTimeoutMs = 10000;
    long timeoutMs = 30000;            // total deadline for the exchange; never 0 (no exchange may hang)
    bool verifyTls = true;
    std::string caFile;
    std::string clientCert;
    std::string clientKey;
    std::string proxy;                 // empty: the usual environment variables apply (http_proxy...)
    HttpVersion httpVersion = HttpVersion::Default;
    bool acceptEncoding = true;        // send Accept-Encoding and decode transparently
    std::uint64_t maxBodyInMemory = 64ull * 1024 * 1024;  // beyond this the body streams to a file
    std::string spillDir;              // where spilled bodies go (default: the system temp dir)
    std::uint64_t maxBodyBytes = 1024ull * 1024 * 1024;  // hard cap (decoded); beyond it the exchange fails
                                                         // with code "body-cap"; 0 = no cap
    std::vector<std::string> resolve;  // curl --resolve entries "host:port:addr"
    std::vector<std::string> connectTo;  // curl --connect-to entries "host:port:host2:port2"
    std::string unixSocket;
    // Protocol window and cipher list of the TLS handshake (security probes use them to offer only old
    // protocols). Versions: "" (libcurl's default), "1.0", "1.1", "1.2", "1.3". cipherList is an OpenSSL
    // cipher string for TLS <= 1.2 (CURLOPT_SSL_CIPHER_LIST), e.g. "DEFAULT@SECLEVEL=0"; empty: default.
    std::string tlsMinVersion;
    std::string tlsMaxVersion;
    std::string cipherList;
    bool operator==(const HttpOptions&) const = default;
};

struct RequestSpec {
    std::string id;           // stable id (store / text format); may be empty for ad-hoc requests
    std::string name;
    std::string description;
    std::string method = "GET";
    std::string url;
    std::vector<KeyValue> params;   // added to the URL's query (enabled ones)
    std::vector<KeyValue> headers;  // ordered, duplicates kept
    Body body;
    Auth auth;
    HttpOptions options;
    std::vector<Assertion> assertions;
    std::vector<Capture> captures;
    std::vector<std::string> tags;
    bool operator==(const RequestSpec&) const = default;
};

const char* toString(BodyKind k);
const char* toString(AuthKind k);
bool bodyKindFromString(const std::string& s, BodyKind& out);
bool authKindFromString(const std::string& s, AuthKind& out);

// A request header that carries who is asking: Authorization, Proxy-Authorization, Cookie, and the
// usual API-key headers (X-Api-Key, Api-Key, X-Auth-Token). Case-insensitive.
bool isCredentialRequestHeader(std::string_view name);

}  // namespace sonde
