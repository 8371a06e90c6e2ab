#include "core/model/json.h"

namespace sonde {

using nlohmann::json;

NLOHMANN_JSON_SERIALIZE_ENUM(BodyKind, {{BodyKind::None, "none"}, {BodyKind::Json, "json"},
                                        {BodyKind::Xml, "xml"}, {BodyKind::Text, "text"},
                                        {BodyKind::FormUrlEncoded, "form"}, {BodyKind::Multipart, "multipart"},
                                        {BodyKind::BinaryFile, "file"}, {BodyKind::GraphQL, "graphql"}})
NLOHMANN_JSON_SERIALIZE_ENUM(AuthKind, {{AuthKind::None, "none"}, {AuthKind::Basic, "basic"},
                                        {AuthKind::Bearer, "bearer"}, {AuthKind::ApiKey, "apikey"},
                                        {AuthKind::Digest, "digest"}, {AuthKind::Ntlm, "ntlm"},
                                        {AuthKind::AwsSigV4, "awsv4"}})
NLOHMANN_JSON_SERIALIZE_ENUM(HttpVersion, {{HttpVersion::Default, "default"}, {HttpVersion::Http1_1, "1.1"},
                                           {HttpVersion::Http2, "2"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CheckSource,
                             {{CheckSource::Status, "status"}, {CheckSource::Header, "header"},
                              {CheckSource::Body, "body"}, {CheckSource::JsonPath, "jsonpath"},
                              {CheckSource::Duration, "duration"}, {CheckSource::BodySize, "size"},
                              {CheckSource::ContentType, "content-type"},
                              {CheckSource::CertExpiryDays, "cert-expiry-days"},
                              {CheckSource::CertSubject, "cert-subject"}, {CheckSource::CertIssuer, "cert-issuer"},
                              {CheckSource::Regex, "regex"}, {CheckSource::GraphQLErrors, "graphql-errors"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CheckOp, {{CheckOp::Equals, "equals"}, {CheckOp::NotEquals, "not-equals"},
                                       {CheckOp::Less, "lt"}, {CheckOp::LessEq, "le"}, {CheckOp::Greater, "gt"},
                                       {CheckOp::GreaterEq, "ge"}, {CheckOp::Contains, "contains"},
                                       {CheckOp::NotContains, "not-contains"}, {CheckOp::Matches, "matches"},
                                       {CheckOp::Exists, "exists"}, {CheckOp::NotExists, "not-exists"},
                                       {CheckOp::OneOf, "one-of"}, {CheckOp::Between, "between"},
                                       {CheckOp::TypeIs, "type"}, {CheckOp::LengthEq, "length"}})

namespace gen {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(KeyValue, key, value, enabled, description)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MultipartPart, name, value, isFile, fileName, contentType, enabled)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Body, kind, text, contentType, form, parts, graphqlVariables,
                                                graphqlOperation, graphqlUseGet)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Auth, kind, username, password, token, keyName, keyValue,
                                                keyInQuery, accessKey, secretKey, sessionToken, region, service)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(HttpOptions, followRedirects, maxRedirects, connectTimeoutMs,
                                                timeoutMs, verifyTls, caFile, clientCert, clientKey, proxy,
                                                httpVersion, acceptEncoding, maxBodyInMemory, spillDir, maxBodyBytes, resolve,
                                                connectTo, unixSocket, tlsMinVersion, tlsMaxVersion, cipherList)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Assertion, source, selector, op, value, enabled)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Capture, variable, source, selector, group, enabled)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RequestSpec, id, name, description, method, url, params, headers,
                                                body, auth, options, assertions, captures, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Variable, name, value, enabled, secret)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Environment, id, name, variables)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Folder, id, name, description, folders, requests)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Collection, id, name, description, variables, environments, root)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Header, name, value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Timings, dns, connect, tls, firstByte, download, total, redirect)
}  // namespace gen

// The macros above define inline functions, which emit no symbol; these are the out-of-line
// definitions json.h declares (so other libraries can link them).
#define SONDE_JSON_OUT_OF_LINE(T) \
    void to_json(json& j, const T& v) { gen::to_json(j, v); } \
    void from_json(const json& j, T& v) { gen::from_json(j, v); }
SONDE_JSON_OUT_OF_LINE(KeyValue)
SONDE_JSON_OUT_OF_LINE(MultipartPart)
SONDE_JSON_OUT_OF_LINE(Body)
SONDE_JSON_OUT_OF_LINE(Auth)
SONDE_JSON_OUT_OF_LINE(HttpOptions)
SONDE_JSON_OUT_OF_LINE(Assertion)
SONDE_JSON_OUT_OF_LINE(Capture)
SONDE_JSON_OUT_OF_LINE(RequestSpec)
SONDE_JSON_OUT_OF_LINE(Variable)
SONDE_JSON_OUT_OF_LINE(Environment)
SONDE_JSON_OUT_OF_LINE(Folder)
SONDE_JSON_OUT_OF_LINE(Collection)
SONDE_JSON_OUT_OF_LINE(Header)
SONDE_JSON_OUT_OF_LINE(Timings)
#undef SONDE_JSON_OUT_OF_LINE

void to_json(json& j, const SentRequest& v) {
    j = json{{"method", v.method}, {"url", v.url}, {"headers", v.headers}};
    if (isValidUtf8(v.body))
        j["body"] = v.body;
    else
        j["bodyBase64"] = base64Encode(v.body);
    if (v.bodyIsSummary) j["bodyIsSummary"] = true;
}
void to_json(json& j, const Sizes& v) {
    j = json{{"headersSent", v.headersSent}, {"bodySent", v.bodySent},
             {"headersReceived", v.headersReceived}, {"bodyReceived", v.bodyReceived}};
}
void to_json(json& j, const CertInfo& v) {
    j = json{{"subject", v.subject}, {"issuer", v.issuer}, {"notBefore", v.notBefore},
             {"notAfter", v.notAfter}, {"subjectAltNames", v.subjectAltNames}};
}
void to_json(json& j, const TlsInfo& v) {
    j = json{{"version", v.version}, {"cipher", v.cipher}, {"alpn", v.alpn}, {"chain", v.chain}};
}
void to_json(json& j, const RedirectHop& v) {
    j = json{{"status", v.status}, {"url", v.url}, {"location", v.location}};
}
void to_json(json& j, const Response& v) {
    j = json{{"status", v.status},       {"reason", v.reason},           {"httpVersion", v.httpVersion},
             {"headers", v.headers},     {"bodyBytes", v.bodyBytes},     {"effectiveUrl", v.effectiveUrl},
             {"redirects", v.redirects}, {"remoteIp", v.remoteIp},       {"remotePort", v.remotePort},
             {"newConnections", v.newConnections},
             {"sizes", v.sizes},         {"timings", v.timings}};
    if (!v.bodyFile.empty())
        j["bodyFile"] = v.bodyFile;
    else if (isValidUtf8(v.body))
        j["body"] = v.body;
    else
        j["bodyBase64"] = base64Encode(v.body);
    if (v.tls) j["tls"] = *v.tls;
}
void to_json(json& j, const Exchange& v) { j = json{{"request", v.request}, {"response", v.response}}; }

bool isValidUtf8(const std::string& s) {
    size_t i = 0, n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > n) return false;
        for (int k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        i += len;
    }
    return true;
}

}  // namespace sonde
