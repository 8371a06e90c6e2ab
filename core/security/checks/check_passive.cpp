// Passive checks on the baseline responses: security headers, cookie flags, version banners, stack
// traces (CWE-693, 1021, 319, 525, 614/1004/1275, 497, 209). Each is confirmed on a second response.
#include <cctype>

#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

using Judge = std::function<std::string(const ScanTarget&, const Response&)>;  // non-empty: the problem

CheckInfo passiveInfo(const char* id, const char* title, Severity sev, int cwe, const char* remediation,
                      const char* description) {
    CheckInfo i;
    i.id = id;
    i.family = "passive";
    i.title = title;
    i.severity = sev;
    i.confidence = Confidence::Certain;
    i.cwe = cwe;
    i.owasp = kOwaspApi8;
    i.remediation = remediation;
    i.description = description;
    i.tier = Tier::Passive;
    return i;
}

void addPassive(std::vector<std::unique_ptr<Check>>& out, CheckInfo info, Judge judge, const char* parameter) {
    std::string param = parameter;
    addCheck(out, std::move(info), [judge, param](ProbeContext& ctx) {
        const Exchange* b1 = ctx.baseline();
        if (!b1) return;
        const std::string p1 = judge(ctx.target(), b1->response);
        if (p1.empty()) return;
        const Exchange* b2 = ctx.baseline2();
        if (!b2 || judge(ctx.target(), b2->response).empty()) return;
        Finding f = ctx.finding();
        f.parameter = param;
        f.detail = p1;
        f.evidence = {*b1, *b2};
        ctx.report(std::move(f));
    });
}

bool hasBody(const Response& r) { return r.status != 204 && r.status != 304 && r.bodyBytes + r.body.size() > 0; }
bool isHttps(const ScanTarget& t) { return parseUrl(t.request.url).scheme == "https"; }

bool authenticated(const RequestSpec& r) {
    if (r.auth.kind != AuthKind::None) return true;
    for (const auto& h : r.headers)
        if (h.enabled && (iequals(h.key, "Authorization") || iequals(h.key, "Cookie") || iequals(h.key, "X-Api-Key")))
            return true;
    return false;
}

bool hasVersion(const std::string& v) {
    for (std::size_t i = 0; i + 1 < v.size(); ++i)
        if (std::isdigit(static_cast<unsigned char>(v[i])) && (v[i + 1] == '.' || std::isdigit(static_cast<unsigned char>(v[i + 1]))))
            return true;
    return false;
}

}  // namespace

void addPassiveChecks(std::vector<std::unique_ptr<Check>>& out) {
    addPassive(out,
               passiveInfo("header-content-type-options", "X-Content-Type-Options: nosniff missing", Severity::Low, 693,
                           "Send `X-Content-Type-Options: nosniff` on every response.",
                           "Every response with a body must carry `X-Content-Type-Options: nosniff`."),
               [](const ScanTarget&, const Response& r) -> std::string {
                   if (!hasBody(r) || iequals(headerOr(r, "X-Content-Type-Options"), "nosniff")) return {};
                   return "The response has no `X-Content-Type-Options: nosniff`: browsers may sniff it as HTML.";
               },
               "header:X-Content-Type-Options");
    addPassive(out,
               passiveInfo("header-frame-options", "Frame protection missing", Severity::Low, 1021,
                           "Send `X-Frame-Options: DENY` or `Content-Security-Policy: frame-ancestors 'none'`.",
                           "Responses need X-Frame-Options or CSP frame-ancestors (OWASP REST Security Cheat Sheet)."),
               [](const ScanTarget&, const Response& r) -> std::string {
                   if (!hasBody(r) || r.header("X-Frame-Options") ||
                       containsI(headerOr(r, "Content-Security-Policy"), "frame-ancestors"))
                       return {};
                   return "Neither X-Frame-Options nor a CSP frame-ancestors directive is set (clickjacking).";
               },
               "header:X-Frame-Options");
    addPassive(out,
               passiveInfo("header-csp", "Content-Security-Policy missing on HTML", Severity::Low, 693,
                           "Send a restrictive Content-Security-Policy on HTML responses.",
                           "HTML responses must carry a Content-Security-Policy; JSON responses are not judged."),
               [](const ScanTarget&, const Response& r) -> std::string {
                   if (!isHtml(r) || r.header("Content-Security-Policy")) return {};
                   return "An HTML response without Content-Security-Policy.";
               },
               "header:Content-Security-Policy");
    addPassive(out,
               passiveInfo("header-hsts", "Strict-Transport-Security missing", Severity::Low, 319,
                           "Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` on HTTPS responses.",
                           "HTTPS responses need HSTS with a positive max-age; plain HTTP is not judged here."),
               [](const ScanTarget& t, const Response& r) -> std::string {
                   if (!isHttps(t)) return {};
                   const std::string v = lower(headerOr(r, "Strict-Transport-Security"));
                   if (v.find("max-age=") != std::string::npos && v.find("max-age=0") == std::string::npos) return {};
                   return v.empty() ? "No Strict-Transport-Security header on an HTTPS response."
                                    : "Strict-Transport-Security without a positive max-age: `" + v + "`.";
               },
               "header:Strict-Transport-Security");
    addPassive(out,
               passiveInfo("header-referrer-policy", "Referrer-Policy missing on HTML", Severity::Info, 693,
                           "Send `Referrer-Policy: no-referrer` (or strict-origin-when-cross-origin).",
                           "HTML responses should carry a Referrer-Policy."),
               [](const ScanTarget&, const Response& r) -> std::string {
                   if (!isHtml(r) || r.header("Referrer-Policy")) return {};
                   return "An HTML response without Referrer-Policy.";
               },
               "header:Referrer-Policy");
    addPassive(out,
               passiveInfo("header-cache-auth", "Authenticated response may be cached", Severity::Low, 525,
                           "Send `Cache-Control: no-store` on responses to authenticated requests.",
                           "A 2xx response to a request with credentials must say `Cache-Control: no-store` (or private)."),
               [](const ScanTarget& t, const Response& r) -> std::string {
                   if (!isSuccess(r) || !authenticated(t.request)) return {};
                   const std::string cc = lower(headerOr(r, "Cache-Control"));
                   if (cc.find("no-store") != std::string::npos || cc.find("private") != std::string::npos) return {};
                   return "A response to an authenticated request without `Cache-Control: no-store`" +
                          (cc.empty() ? std::string(" (no Cache-Control).") : " (Cache-Control: " + cc + ").");
               },
               "header:Cache-Control");
    addPassive(out,
               passiveInfo("cookie-flags", "Cookie without security flags", Severity::Low, 1004,
                           "Set cookies with HttpOnly, SameSite=Lax or Strict, and Secure (on HTTPS).",
                           "Every Set-Cookie must have HttpOnly and SameSite, and Secure on HTTPS."),
               [](const ScanTarget& t, const Response& r) -> std::string {
                   std::string problems;
                   for (const auto& c : r.headerValues("Set-Cookie")) {
                       const std::string l = lower(c);
                       std::string missing;
                       if (l.find("httponly") == std::string::npos) missing += " HttpOnly";
                       if (l.find("samesite") == std::string::npos) missing += " SameSite";
                       if (isHttps(t) && l.find("secure") == std::string::npos) missing += " Secure";
                       if (!missing.empty()) problems += "`" + c.substr(0, c.find('=')) + "` lacks" + missing + ". ";
                   }
                   return problems;
               },
               "header:Set-Cookie");
    addPassive(out,
               passiveInfo("version-banner", "Software version disclosed in headers", Severity::Info, 497,
                           "Remove version numbers from Server and drop X-Powered-By / X-AspNet-Version headers.",
                           "Server, X-Powered-By, X-AspNet-Version, X-AspNetMvc-Version with a version number."),
               [](const ScanTarget&, const Response& r) -> std::string {
                   for (const char* h : {"Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version"}) {
                       const std::string v = headerOr(r, h);
                       if (!v.empty() && hasVersion(v)) return std::string(h) + ": `" + v + "` discloses a version.";
                   }
                   return {};
               },
               "header:Server");
    addPassive(out,
               passiveInfo("stack-trace", "Stack trace or debug page disclosed", Severity::Low, 209,
                           "Return generic error bodies; log details server-side; turn debug mode off in production.",
                           "Framework stack-trace signatures (Python, Java, .NET, Node, PHP, Go, Ruby) in the body."),
               [](const ScanTarget&, const Response& r) -> std::string {
                   static const char* sigs[] = {"Traceback (most recent call last)", "Exception in thread \"",
                                                "\tat java.", "    at java.", "System.NullReferenceException",
                                                "Server Error in '/' Application", "    at Object.<anonymous>",
                                                "node:internal/", "PHP Fatal error", "Stack trace:\n#0",
                                                "goroutine 1 [running]", "Werkzeug Debugger", "ActionController::"};
                   for (const char* s : sigs)
                       if (r.body.find(s) != std::string::npos) return std::string("The body contains `") + s + "`.";
                   return {};
               },
               "body");
}

}  // namespace sonde
