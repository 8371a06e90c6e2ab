// Transport: plain HTTP, HTTPS also served over HTTP, certificate problems (CWE-319, CWE-295).
#include <algorithm>
#include <chrono>

#include "core/security/checks/check_util.h"
#include "core/security/tls_assessment.h"

namespace sonde {

bool hostMatches(const std::string& pattern, const std::string& host) {
    const std::string p = lower(pattern), h = lower(host);
    if (p == h) return true;
    if (p.rfind("*.", 0) != 0) return false;
    const auto dot = h.find('.');
    return dot != std::string::npos && h.substr(dot) == p.substr(1) && dot > 0;
}

std::vector<TlsProblem> assessTls(const TlsInfo& tls, const std::string& host, long long now) {
    std::vector<TlsProblem> out;
    if (isOldProtocol(tls.version))
        out.push_back({"old-protocol", "The server negotiated " + tls.version + " (TLS 1.2 or later is required)."});
    if (tls.chain.empty()) return out;
    const CertInfo& leaf = tls.chain.front();
    if (leaf.notAfterEpoch > 0 && leaf.notAfterEpoch < now)
        out.push_back({"expired", "The certificate expired on " + leaf.notAfter + "."});
    else if (leaf.notAfterEpoch > 0 && leaf.notAfterEpoch < now + 30LL * 86400)
        out.push_back({"expiring", "The certificate expires within 30 days (" + leaf.notAfter + ")."});
    if (!leaf.subject.empty() && leaf.subject == leaf.issuer && tls.chain.size() == 1)
        out.push_back({"self-signed", "The certificate is self-signed (" + leaf.subject + ")."});
    std::vector<std::string> names;
    for (auto san : leaf.subjectAltNames) {
        if (san.rfind("DNS:", 0) == 0) san = san.substr(4);
        else if (san.rfind("IP Address:", 0) == 0) san = san.substr(11);
        names.push_back(san);
    }
    if (names.empty()) {
        const auto cn = leaf.subject.find("CN=");
        if (cn != std::string::npos) names.push_back(leaf.subject.substr(cn + 3, leaf.subject.find_first_of(",/", cn) - cn - 3));
    }
    std::string bare = host;
    if (!bare.empty() && bare.front() == '[') bare = bare.substr(1, bare.size() - 2);
    if (!names.empty() && std::none_of(names.begin(), names.end(), [&](const std::string& n) { return hostMatches(n, bare); }))
        out.push_back({"host-mismatch", "The certificate is for " + names.front() + ", not " + bare + "."});
    return out;
}

bool isOldProtocol(const std::string& version) {
    return version == "TLSv1" || version == "TLSv1.0" || version == "TLSv1.1" || version.rfind("SSL", 0) == 0;
}

namespace {

CheckInfo info(const char* id, const char* title, Severity sev, int cwe, const char* remediation, const char* description) {
    CheckInfo i;
    i.id = id;
    i.family = "transport";
    i.title = title;
    i.severity = sev;
    i.confidence = Confidence::Certain;
    i.cwe = cwe;
    i.owasp = kOwaspApi8;
    i.remediation = remediation;
    i.description = description;
    i.tier = Tier::Safe;
    return i;
}

void runCleartext(ProbeContext& ctx) {
    const UrlParts u = parseUrl(ctx.request().url);
    if (u.scheme == "http") {
        if (isLoopbackHost(u.host)) return;  // local development servers are not judged
        const Exchange* b1 = ctx.baseline();
        const Exchange* b2 = ctx.baseline2();
        if (!b1 || !b2 || (b1->response.status >= 300 && b1->response.status < 400)) return;
        Finding f = ctx.finding();
        f.parameter = "scheme";
        f.detail = "The API answers over plain HTTP (" + std::to_string(b1->response.status) + "): credentials and data travel unencrypted.";
        f.evidence = {*b1, *b2};
        ctx.report(std::move(f));
        return;
    }
    if (u.scheme != "https") return;
    const Exchange* base = ctx.baseline();
    if (!base || !isSuccess(base->response)) return;
    RequestSpec plain = ctx.request();
    plain.url = "http://" + u.host + u.path + (u.query.empty() ? "" : "?" + u.query);
    auto e1 = probe(ctx, plain);
    if (!e1 || !isSuccess(e1->response) || responseSimilarity(e1->response, base->response) < 0.8) return;
    auto e2 = probe(ctx, plain);
    if (!e2 || !isSuccess(e2->response)) return;
    Finding f = ctx.finding();
    f.parameter = "scheme";
    f.detail = "The same content is served over plain HTTP (" + plain.url + ") instead of a redirect to HTTPS.";
    f.evidence = {*base, std::move(*e1), std::move(*e2)};
    ctx.report(std::move(f));
}

// Active probe: a handshake that offers only TLS 1.0 and 1.1 (cipher list at security level 0, or
// OpenSSL 3 refuses to offer them). A server limited to TLS 1.2+ fails the handshake. Confirmed by a
// second handshake that offers exactly the version the first one negotiated.
void probeOldProtocol(ProbeContext& ctx, RequestSpec r) {
    r.options.tlsMinVersion = "1.0";
    r.options.tlsMaxVersion = "1.1";
    r.options.cipherList = "DEFAULT@SECLEVEL=0";
    auto e1 = probe(ctx, r);
    if (!e1 || !e1->response.tls || !isOldProtocol(e1->response.tls->version)) return;
    const std::string version = e1->response.tls->version;
    r.options.tlsMinVersion = r.options.tlsMaxVersion = version == "TLSv1.1" ? "1.1" : "1.0";
    auto e2 = probe(ctx, r);
    if (!e2 || !e2->response.tls || e2->response.tls->version != version) return;
    Finding f = ctx.finding();
    f.parameter = "tls:old-protocol";
    f.detail = "The server accepts " + version + ": a handshake offering only TLS 1.0/1.1 succeeded, and a second one "
               "offering " + version + " alone (TLS 1.2 or later is required).";
    f.evidence = {std::move(*e1), std::move(*e2)};
    ctx.report(std::move(f));
}

void runCertificate(ProbeContext& ctx) {
    const UrlParts u = parseUrl(ctx.request().url);
    if (u.scheme != "https") return;
    // Verification off so a bad certificate still yields a response to inspect.
    RequestSpec r = ctx.request();
    r.options.verifyTls = false;
    auto e1 = probe(ctx, r);
    if (!e1 || !e1->response.tls) return;
    const long long now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto problems = assessTls(*e1->response.tls, u.host, now);
    const bool negotiatedOld = std::any_of(problems.begin(), problems.end(), [](const TlsProblem& p) { return p.id == "old-protocol"; });
    if (!problems.empty()) {
        // A second exchange: when libcurl reuses the connection it reports no chain (no new handshake);
        // when it does handshake again, the certificate must show the same problems.
        auto e2 = probe(ctx, r);
        if (!e2 || !e2->response.tls) return;
        if (!e2->response.tls->chain.empty() && assessTls(*e2->response.tls, u.host, now).size() != problems.size()) return;
        for (const auto& p : problems) {
            Finding f = ctx.finding();
            f.parameter = "tls:" + p.id;
            f.detail = p.detail;
            if (p.id == "expiring") f.severity = Severity::Low;
            f.evidence = {*e1, *e2};
            ctx.report(std::move(f));
        }
    }
    if (!negotiatedOld) probeOldProtocol(ctx, r);
}

}  // namespace

void addTransportChecks(std::vector<std::unique_ptr<Check>>& out) {
    addCheck(out,
             info("transport-cleartext", "Plain HTTP served", Severity::Medium, 319,
                  "Serve the API over HTTPS only; answer plain HTTP with a redirect (or not at all) and send HSTS.",
                  "An http:// API on a non-loopback host, or an https:// API whose http:// twin serves the same "
                  "content (similarity >= 0.8, twice) instead of redirecting. Loopback hosts are not judged."),
             runCleartext);
    addCheck(out,
             info("tls-certificate", "TLS certificate or protocol problem", Severity::Medium, 295,
                  "Use a certificate from a trusted CA for the API's host name, renew it before it expires (automate "
                  "it), and disable TLS 1.0/1.1.",
                  "Reads the peer certificate (libcurl CURLINFO_CERTINFO via Response::tls) with verification off: "
                  "expired, expiring within 30 days, self-signed, issued for another host; an old negotiated "
                  "protocol (TLS 1.0/1.1). Confirmed by a second exchange (a new handshake must show the same "
                  "problems). Then probes old protocols actively: one handshake offering only TLS 1.0-1.1 "
                  "(cipher list DEFAULT@SECLEVEL=0), confirmed by a second offering the negotiated version alone. "
                  "SSL 3.0 is not probed (OpenSSL 3 no longer builds it)."),
             runCertificate);
}

}  // namespace sonde
