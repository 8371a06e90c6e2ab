#include "core/runner/console_reporter.h"

#include <chrono>
#include <cstdio>

namespace sonde {

namespace {
constexpr const char* kGreen = "32";
constexpr const char* kRed = "31";
constexpr const char* kYellow = "33";
constexpr const char* kDim = "2";
constexpr const char* kBold = "1";

std::string pad(const std::string& s, std::size_t width, bool right = false) {
    if (s.size() >= width) return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}
}  // namespace

ConsoleReporter::ConsoleReporter(std::ostream& out, ConsoleOptions options) : out_(out), options_(options) {}

std::string ConsoleReporter::paint(const std::string& text, const char* code) const {
    if (!options_.color) return text;
    return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
}

void ConsoleReporter::clearBar() {
    if (!barShown_) return;
    out_ << "\r\x1b[2K";
    barShown_ = false;
}

void ConsoleReporter::drawBar() {
    if (!options_.tty || total_ <= 0) return;
    const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now().time_since_epoch())
                              .count();
    if (barShown_ && done_ < total_ && now - lastDrawMs_ < 50) return;
    lastDrawMs_ = now;
    constexpr int width = 30;
    const int filled = static_cast<int>(static_cast<long long>(done_) * width / total_);
    std::string bar = "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] ";
    out_ << "\r\x1b[2K" << bar << done_ << "/" << total_ << " requests";
    if (failed_) out_ << "  " << paint(std::to_string(failed_) + " failed", kRed);
    out_.flush();
    barShown_ = true;
}

void ConsoleReporter::runStarted(const RunPlan& plan) {
    iterations_ = plan.iterations;
    total_ = static_cast<int>(plan.requests.size()) * plan.iterations;
    out_ << paint(plan.collectionName, kBold);
    if (!plan.environmentName.empty()) out_ << paint(" (environment " + plan.environmentName + ")", kDim);
    out_ << ": " << plan.requests.size() << " request" << (plan.requests.size() == 1 ? "" : "s");
    if (plan.iterations > 1) out_ << " x " << plan.iterations << " iterations";
    if (plan.parallel > 1) out_ << ", " << plan.parallel << " in parallel";
    out_ << "\n";
    drawBar();
}

void ConsoleReporter::requestDone(const RequestResult& r) {
    ++done_;
    const bool ok = r.status == RequestStatus::Passed;
    if (!ok) ++failed_;
    const bool line = options_.tty ? !ok : (!options_.quiet || !ok);
    if (line) {
        clearBar();
        std::string mark;
        switch (r.status) {
        case RequestStatus::Passed: mark = paint(options_.tty ? "✓" : "PASS ", kGreen); break;
        case RequestStatus::Failed: mark = paint(options_.tty ? "✗" : "FAIL ", kRed); break;
        case RequestStatus::Error: mark = paint(options_.tty ? "!" : "ERROR", kYellow); break;
        case RequestStatus::Cancelled: mark = paint(options_.tty ? "-" : "SKIP ", kDim); break;
        }
        // One string, one write: a run of thousands of requests prints thousands of these lines.
        std::string text = "  " + mark + " ";
        text += describeRequest(r);
        if (iterations_ > 1) text += paint(" [" + std::to_string(r.iteration + 1) + "]", kDim);
        text += "  ";
        text += paint(r.method + " " + r.url, kDim);
        if (r.responseStatus) {
            text += "  ";
            text += std::to_string(r.responseStatus);
            text += "  ";
            text += formatMs(r.durationMs);
        }
        text += '\n';
        for (const auto& a : r.assertions)
            if (!a.passed) text += "      " + paint(a.description, kRed) + ": " + failureText(a) + "\n";
        if (r.error) text += "      " + paint(r.error->message(), kYellow) + "\n";
        out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    drawBar();
}

void ConsoleReporter::iterationDone(const IterationResult& it) {
    if (options_.tty || options_.quiet || iterations_ <= 1) return;
    out_ << paint("  iteration " + std::to_string(it.iteration + 1) + "/" + std::to_string(iterations_) + ": " +
                      (it.passed() ? "passed" : "failed"),
                  kDim)
         << "\n";
}

void ConsoleReporter::runDone(const RunResult& run) {
    clearBar();
    const auto& s = run.stats;
    out_ << "\n" << pad("", 14) << pad("total", 9, true) << pad("failed", 9, true) << "\n";
    auto row = [&](const char* name, int total, int failed) {
        out_ << "  " << pad(name, 12) << pad(std::to_string(total), 9, true)
             << pad(failed ? paint(std::to_string(failed), kRed) : std::to_string(failed),
                    failed && options_.color ? 18 : 9, true)
             << "\n";
    };
    row("iterations", s.iterations, 0);
    row("requests", s.requests, s.requestsFailed);
    row("assertions", s.assertions, s.assertionsFailed);
    out_ << "  total " << formatMs(s.totalMs) << ", response average " << formatMs(s.responseAvgMs) << " (min "
         << formatMs(s.responseMinMs) << ", max " << formatMs(s.responseMaxMs) << ")\n";

    int n = 0;
    for (const auto& it : run.iterations)
        for (const auto& r : it.requests) {
            if (r.status == RequestStatus::Passed) continue;
            if (n == 0) out_ << "\n" << paint("Failures", kBold) << "\n";
            ++n;
            out_ << "  " << n << ". " << describeRequest(r);
            if (iterations_ > 1) out_ << " [iteration " << r.iteration + 1 << "]";
            out_ << "  " << r.method << " " << r.url << "\n";
            for (const auto& a : r.assertions)
                if (!a.passed) {
                    out_ << "     " << paint(a.description, kRed) << "\n";
                    out_ << "       expected: " << a.expected << "\n       actual:   " << a.actual << "\n";
                    if (!a.message.empty()) out_ << "       " << a.message << "\n";
                }
            if (r.error) out_ << "     " << paint(r.error->message(), kYellow) << "\n";
            if (r.status == RequestStatus::Cancelled) out_ << "     cancelled\n";
        }
    out_ << "\n";
    switch (run.end) {
    case RunEnd::Completed:
        out_ << (run.passed() ? paint("PASSED", kGreen) : paint("FAILED", kRed)) << "\n";
        break;
    case RunEnd::Bailed: out_ << paint("FAILED (stopped at the first failure: --bail)", kRed) << "\n"; break;
    case RunEnd::Cancelled: out_ << paint("CANCELLED", kYellow) << "\n"; break;
    case RunEnd::DeadlineExceeded: out_ << paint("STOPPED: the run's deadline passed", kYellow) << "\n"; break;
    }
    out_.flush();
}

}  // namespace sonde
