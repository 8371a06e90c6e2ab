// Path traversal / local file inclusion (CWE-22).
#include "core/security/checks/check_util.h"

namespace sonde {
namespace {

struct Target {
    const char* unixPath;  // without leading slash
    const char* signature;
    const char* signature2;
};

bool hasSignature(const std::string& body, const Target& t) {
    return body.find(t.signature) != std::string::npos && (!t.signature2[0] || body.find(t.signature2) != std::string::npos);
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

CheckInfo info() {
    CheckInfo i;
    i.id = "path-traversal";
    i.family = "traversal";
    i.title = "Path traversal (file read outside the intended folder)";
    i.severity = Severity::High;
    i.confidence = Confidence::Certain;
    i.cwe = 22;
    i.owasp = kOwaspInjection;
    i.remediation = "Resolve the requested path (realpath/canonical form) and refuse anything outside the allowed "
                    "folder; better, map identifiers to files through a lookup table instead of using names "
                    "from the request.";
    i.description = "Replaces each insertion point with traversal sequences to /etc/passwd and win.ini at "
                    "several depths and encodings (../, ....//, ..\\, double-encoded %2f, absolute path) and "
                    "looks for the file's signature (`root:x:0:0:`, `[fonts]`+`[extensions]`) absent from the "
                    "baseline. Confirmed by a second, different variant (another depth with a `./` segment).";
    return i;
}

void run(ProbeContext& ctx) {
    const Exchange* base = ctx.baseline();
    if (!base) return;
    static const std::vector<Target> targets = {{"etc/passwd", "root:x:0:0:", ""},
                                                {"windows/win.ini", "[fonts]", "[extensions]"}};
    for (const auto& point : ctx.insertionPoints()) {
        bool done = false;
        for (const auto& t : targets) {
            if (done || hasSignature(base->response.body, t)) continue;
            const std::string file = t.unixPath;
            std::vector<std::string> variants = {repeat("../", 8) + file, "/" + file, repeat("....//", 8) + file,
                                                 repeat("..%2f", 8) + file, repeat("..\\", 8) + file};
            for (const auto& v : variants) {
                if (ctx.stopped()) return;
                auto ex = probe(ctx, inject(ctx.request(), point, v));
                if (!ex || !hasSignature(ex->response.body, t)) continue;
                // Confirm with a different depth and a "./" segment, in the same style as the hit.
                std::string confirm = v;
                auto slash = confirm.rfind('/');
                auto back = confirm.rfind('\\');
                const bool windowsStyle = back != std::string::npos && (slash == std::string::npos || back > slash);
                if (confirm[0] == '/') confirm = "/./" + file;
                else if (v.rfind("....//", 0) == 0) confirm = repeat("....//", 11) + "./" + file;
                else if (v.rfind("..%2f", 0) == 0) confirm = repeat("..%2f", 11) + ".%2f" + file;
                else if (windowsStyle) confirm = repeat("..\\", 11) + ".\\" + file;
                else confirm = repeat("../", 11) + "./" + file;
                auto ex2 = probe(ctx, inject(ctx.request(), point, confirm));
                if (!ex2 || !hasSignature(ex2->response.body, t)) continue;
                Finding f = ctx.finding();
                f.parameter = point.label();
                f.payload = v;
                f.detail = "`" + v + "` and `" + confirm + "` in " + point.label() + " returned the content of /" + file +
                           " (signature `" + t.signature + "`), which the baseline does not contain.";
                f.evidence = {*base, std::move(*ex), std::move(*ex2)};
                ctx.report(std::move(f));
                done = true;
                break;
            }
        }
    }
}

}  // namespace

void addTraversalChecks(std::vector<std::unique_ptr<Check>>& out) { addCheck(out, info(), run); }

}  // namespace sonde
