#include "core/security/checks/check_util.h"

#include <cstdio>

namespace sonde {

std::optional<Exchange> probe(ProbeContext& ctx, const RequestSpec& request) {
    auto r = ctx.send(request);
    if (!r.ok()) return std::nullopt;
    return std::move(r.value());
}

std::string headerOr(const Response& r, const std::string& name, const std::string& fallback) {
    const std::string* v = r.header(name);
    return v ? *v : fallback;
}

bool isHtml(const Response& r) {
    const std::string ct = r.contentType();
    return ct == "text/html" || ct == "application/xhtml+xml";
}

std::string TimingVerdict::describe() const {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "baseline median %.0f ms (MAD %.1f ms); control %.0f ms; first delay %.0f ms; second delay %.0f ms",
                  baselineMedian, baselineMad, t0, t1, t2);
    return buf;
}

TimingVerdict judgeTiming(ProbeContext& ctx, const InsertionPoint& point,
                          const std::function<std::string(int)>& payloadFor,
                          const std::function<double(int)>& expectedMs) {
    TimingVerdict v;
    const TimingBaseline tb = ctx.timingBaseline();
    if (!tb.ok) return v;
    v.baselineMedian = tb.median;
    v.baselineMad = tb.mad;
    // A delay is significant when it clears the slowest baseline sample by a margin that grows with
    // the baseline's spread (median absolute deviation), never less than 40 ms.
    const double margin = std::max(40.0, 6.0 * tb.mad);
    auto significant = [&](double t, int level) {
        const double need = expectedMs(level) > 0 ? std::max(margin, 0.7 * expectedMs(level)) : margin;
        return t - tb.max >= need || (t - tb.median >= need && t > tb.max);
    };
    Exchange e1, e2, e0;
    const RequestSpec p1 = inject(ctx.request(), point, payloadFor(1));
    double t1 = ctx.timeOf(p1, 1, &e1);
    if (t1 < 0 || !significant(t1, 1)) return v;
    // Confirm: repeat level 1 (min of two), a longer level 2 and a zero-delay control.
    t1 = std::min(t1, ctx.timeOf(p1, 1, &e1));
    if (t1 < 0 || !significant(t1, 1)) return v;
    const RequestSpec p2 = inject(ctx.request(), point, payloadFor(2));
    const double t2 = ctx.timeOf(p2, 2, &e2);
    const RequestSpec p0 = inject(ctx.request(), point, payloadFor(0));
    const double t0 = ctx.timeOf(p0, 2, &e0);
    v.t0 = t0;
    v.t1 = t1;
    v.t2 = t2;
    if (t2 < 0 || t0 < 0) return v;
    const double d1 = t1 - tb.median, d2 = t2 - tb.median, d0 = t0 - tb.median;
    if (d2 < 1.5 * d1) return v;   // the second delay is about twice the first
    if (d0 > d1 / 2) return v;     // the control is not delayed
    v.positive = true;
    v.evidence = {e0, e1, e2};
    return v;
}

}  // namespace sonde
