#include "core/runner/junit_reporter.h"

#include <cstdio>
#include <fstream>
#include <map>

namespace sonde {

namespace {

std::string seconds(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
    return buf;
}

std::string classNameFor(const std::string& collection, const std::string& folder) {
    std::string c = collection.empty() ? "collection" : collection;
    if (!folder.empty()) {
        std::string f = folder;
        for (auto& ch : f)
            if (ch == '/') ch = '.';
        c += "." + f;
    }
    return c;
}

struct Suite {
    std::string name;
    std::vector<const RequestResult*> cases;
    int failures = 0, errors = 0, skipped = 0;
    double ms = 0;
};

}  // namespace

std::string xmlEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\t': out += "&#9;"; break;
        case '\r': out += "&#13;"; break;
        default:
            if (c < 0x20) break;  // illegal in XML 1.0
            out += ch;
        }
    }
    return out;
}

JunitReporter::JunitReporter(std::string path, std::string hostname)
    : path_(std::move(path)), hostname_(std::move(hostname)) {}

std::string JunitReporter::render(const RunResult& run, const std::string& hostname) {
    // One suite per folder, in the order folders first appear in the plan.
    std::vector<Suite> suites;
    std::map<std::string, std::size_t> byFolder;
    for (const auto& it : run.iterations)
        for (const auto& r : it.requests) {
            auto [pos, added] = byFolder.emplace(r.folder, suites.size());
            if (added) {
                Suite s;
                s.name = run.collectionName + (r.folder.empty() ? "" : "/" + r.folder);
                suites.push_back(std::move(s));
            }
            Suite& s = suites[pos->second];
            s.cases.push_back(&r);
            s.ms += r.durationMs;
            if (r.status == RequestStatus::Failed) ++s.failures;
            if (r.status == RequestStatus::Error) ++s.errors;
            if (r.status == RequestStatus::Cancelled) ++s.skipped;
        }
    int tests = 0, failures = 0, errors = 0, skipped = 0;
    for (const auto& s : suites) {
        tests += static_cast<int>(s.cases.size());
        failures += s.failures;
        errors += s.errors;
        skipped += s.skipped;
    }
    const bool manyIterations = run.stats.iterations > 1;
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<testsuites name=\"" + xmlEscape(run.collectionName) + "\" tests=\"" + std::to_string(tests) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" +
         std::to_string(skipped) + "\" time=\"" + seconds(run.stats.totalMs) + "\">\n";
    std::string timestamp = run.startedAt.substr(0, 19);
    for (const auto& s : suites) {
        x += "  <testsuite name=\"" + xmlEscape(s.name) + "\" tests=\"" + std::to_string(s.cases.size()) +
             "\" failures=\"" + std::to_string(s.failures) + "\" errors=\"" + std::to_string(s.errors) +
             "\" skipped=\"" + std::to_string(s.skipped) + "\" time=\"" + seconds(s.ms) + "\" timestamp=\"" +
             xmlEscape(timestamp) + "\"" + (hostname.empty() ? "" : " hostname=\"" + xmlEscape(hostname) + "\"") +
             ">\n";
        x += "    <properties><property name=\"environment\" value=\"" + xmlEscape(run.environmentName) +
             "\"/><property name=\"iterations\" value=\"" + std::to_string(run.stats.iterations) + "\"/></properties>\n";
        for (const RequestResult* r : s.cases) {
            std::string name = r->name;
            if (manyIterations) name += " [iteration " + std::to_string(r->iteration + 1) + "]";
            x += "    <testcase classname=\"" + xmlEscape(classNameFor(run.collectionName, r->folder)) +
                 "\" name=\"" + xmlEscape(name) + "\"" +
                 (r->file.empty() ? std::string() : " file=\"" + xmlEscape(r->file) + "\"") + " time=\"" +
                 seconds(r->durationMs) + "\"";
            std::string inner;
            for (const auto& a : r->assertions)
                if (!a.passed)
                    inner += "      <failure type=\"AssertionFailure\" message=\"" +
                             xmlEscape(a.description + ": " + failureText(a)) + "\">" +
                             xmlEscape(a.description + "\nexpected: " + a.expected + "\nactual: " + a.actual +
                                       (a.message.empty() ? "" : "\n" + a.message)) +
                             "</failure>\n";
            if (r->status == RequestStatus::Error && r->error)
                inner += "      <error type=\"" + xmlEscape(r->error->code.empty() ? "TransportError" : r->error->code) +
                         "\" message=\"" + xmlEscape(r->error->message()) + "\">" + xmlEscape(r->error->message()) +
                         "</error>\n";
            if (r->status == RequestStatus::Cancelled)
                inner += "      <skipped message=\"cancelled\"/>\n";
            std::string out = r->method + " " + r->url;
            if (r->responseStatus) out += " -> " + std::to_string(r->responseStatus);
            out += " (" + formatMs(r->durationMs) + ")";
            inner += "      <system-out>" + xmlEscape(out) + "</system-out>\n";
            x += ">\n" + inner + "    </testcase>\n";
        }
        x += "  </testsuite>\n";
    }
    x += "</testsuites>\n";
    return x;
}

void JunitReporter::runDone(const RunResult& run) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    if (!out) return fail("Cannot write the JUnit report", path_);
    out << render(run, hostname_);
    if (!out.flush()) fail("Cannot finish writing the JUnit report", path_);
}

}  // namespace sonde
