// sonde-cli scan: security probes against one request (send's options) or a collection's requests,
// with console, SARIF, JSON, JUnit and HTML reports, baselines and a --fail-on gate.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli_options.h"
#include "commands.h"
#include "core/formats/text_tree_importer.h"
#include "core/http/engine.h"
#include "core/runner/iteration_vars.h"
#include "core/security/report.h"
#include "core/security/scanner.h"
#include "interrupt_guard.h"
#include "output.h"
#include "request_args.h"
#include "run_source.h"

namespace sonde::cli {

namespace {

namespace fs = std::filesystem;

bool isReportSpec(const std::string& s) {
    for (const char* k : {"sarif=", "json=", "junit=", "html="})
        if (s.rfind(k, 0) == 0) return true;
    return false;
}

class Progress : public ScanObserver {
public:
    explicit Progress(bool on) : on_(on) {}
    void onCheckStarted(const std::string& id, const ScanTarget& t, int step, int steps) override {
        if (on_) std::cerr << "\r\x1b[K[" << step + 1 << "/" << steps << "] " << id << " " << t.request.method << " " << t.request.url << std::flush;
    }
    void onFinding(const Finding& f) override {
        if (on_) std::cerr << "\r\x1b[K";
        std::cerr << "found: " << f.checkId << " " << f.method << " " << f.pathTemplate << " (" << f.parameter << ")\n";
    }
    ~Progress() override {
        if (on_) std::cerr << "\r\x1b[K" << std::flush;
    }

private:
    bool on_;
};

int listChecks() {
    std::printf("%-28s %-10s %-9s %-8s %s\n", "ID", "FAMILY", "SEVERITY", "TIER", "TITLE");
    for (const auto& c : catalogueInfo())
        std::printf("%-28s %-10s %-9s %-8s %s%s\n", c.id.c_str(), c.family.c_str(), toString(c.severity),
                    toString(c.tier), c.title.c_str(), c.optIn ? " (opt-in: name it in --checks)" : "");
    return ExitOk;
}

// The requests of a collection source, resolved with its environment; file+line for directories.
Result<std::vector<ScanTarget>> collectionTargets(const ParsedArgs& a, std::vector<std::string>& secrets) {
    const std::string src = a.get("--collection");
    auto source = loadRunSource(src, a.get("--db"), a.get("--env"));
    if (!source) return source.error();
    std::vector<RequestSource> sources;
    std::error_code ec;
    if (fs::is_directory(src, ec))
        if (auto imported = TextTreeImporter::importDirectory(src)) sources = imported->sources;
    RunOptions ro;
    ro.environment = source->environment;
    for (const auto& v : source->collection.variables)
        if (v.secret && !v.value.empty()) secrets.push_back(v.value);
    if (source->environment)
        for (const auto& v : source->environment->variables)
            if (v.secret && !v.value.empty()) secrets.push_back(v.value);
    IterationVars vars(source->collection, ro, nullptr);
    std::vector<ScanTarget> out;
    std::optional<Error> failed;
    const std::string folder = a.get("--folder");
    std::size_t index = 0;
    forEachRequest(source->collection.root, [&](const RequestSpec& r, const std::string& path) {
        const std::size_t i = index++;
        if (failed || (!folder.empty() && path != folder && path.rfind(folder + "/", 0) != 0)) return;
        auto resolved = vars.resolve(r);
        if (!resolved) {
            failed = resolved.error();
            return;
        }
        ScanTarget t;
        t.request = std::move(*resolved);
        if (i < sources.size()) {
            std::error_code rel;
            auto p = fs::relative(sources[i].file, fs::current_path(), rel);
            t.sourceFile = rel ? sources[i].file : p.generic_string();
            t.sourceLine = sources[i].line;
        }
        out.push_back(std::move(t));
    });
    if (failed) return *failed;
    if (out.empty()) return makeError("No request to scan", src, folder.empty() ? "" : "check --folder", "input");
    return out;
}

bool writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

int runScan(const ParsedArgs& a) {
    if (a.has("--list-checks")) return listChecks();

    ScanOptions o;
    o.checks = splitCommaList(a.all("--checks"));
    o.excludeChecks = splitCommaList(a.all("--exclude-checks"));
    o.allowUnsafe = a.has("--allow-unsafe");
    o.headers = splitCommaList(a.all("--header-point"));
    o.secrets = a.all("--secret");
    std::set<std::string> known;
    for (const auto& c : catalogueInfo()) {
        known.insert(c.id);
        known.insert(c.family);
    }
    for (const auto& list : {o.checks, o.excludeChecks})
        for (const auto& c : list)
            if (!known.count(c)) {
                printError(usageError("Unknown check or family '" + c + "'", "See sonde-cli scan --list-checks"));
                return ExitUsage;
            }
    try {
        if (a.has("--rps")) o.rps = std::stod(a.get("--rps"));
        if (a.has("--budget")) o.requestBudget = std::stoi(a.get("--budget"));
        if (a.has("--time-delay")) o.timeDelaySeconds = std::stod(a.get("--time-delay"));
        if (a.has("--check-timeout")) o.checkTimeoutMs = static_cast<long>(std::stod(a.get("--check-timeout")) * 1000);
    } catch (const std::exception&) {
        printError(usageError("--rps, --budget, --time-delay and --check-timeout take numbers"));
        return ExitUsage;
    }
    Severity failOn = Severity::Medium;
    Confidence minConfidence = Confidence::Firm;
    if (a.has("--fail-on") && !severityFromString(a.get("--fail-on"), failOn)) {
        printError(usageError("--fail-on takes info, low, medium, high or critical"));
        return ExitUsage;
    }
    if (a.has("--min-confidence") && !confidenceFromString(a.get("--min-confidence"), minConfidence)) {
        printError(usageError("--min-confidence takes tentative, firm or certain"));
        return ExitUsage;
    }

    // Reports: --report KIND=FILE (repeatable, comma-separated) and bare KIND=FILE words after it.
    std::vector<std::string> reportSpecs = splitCommaList(a.all("--report"));
    std::vector<std::string> urls;
    for (const auto& p : a.positional()) (isReportSpec(p) ? reportSpecs : urls).push_back(p);
    for (const auto& r : reportSpecs)
        if (!isReportSpec(r) || r.find('=') + 1 == r.size()) {
            printError(usageError("Report '" + r + "' is not KIND=FILE", "KIND is sarif, json, junit or html"));
            return ExitUsage;
        }

    std::set<std::string> baseline;
    if (a.has("--baseline")) {
        std::ifstream in(a.get("--baseline"), std::ios::binary);
        if (!in) {
            printError(makeError("Cannot read the baseline file", a.get("--baseline"), "Write one with --write-baseline", "input"));
            return ExitUsage;
        }
        std::stringstream ss;
        ss << in.rdbuf();
        auto parsed = parseBaseline(ss.str(), a.get("--baseline"));
        if (!parsed) {
            printError(parsed.error());
            return ExitUsage;
        }
        baseline = std::move(*parsed);
    }

    std::vector<ScanTarget> targets;
    if (a.has("--collection")) {
        if (!urls.empty()) {
            printError(usageError("Give either a URL or --collection, not both"));
            return ExitUsage;
        }
        auto t = collectionTargets(a, o.secrets);
        if (!t) {
            printError(t.error());
            return exitCodeFor(t.error());
        }
        targets = std::move(*t);
    } else {
        if (urls.size() != 1) {
            printError(usageError(urls.empty() ? "No URL given" : "More than one URL given", "Run sonde-cli scan --help"));
            return ExitUsage;
        }
        auto req = requestFromArgs(a, urls[0]);
        if (!req) {
            printError(req.error());
            return exitCodeFor(req.error());
        }
        if (req->auth.kind == AuthKind::Bearer) o.secrets.push_back(req->auth.token);
        if (!req->auth.password.empty()) o.secrets.push_back(req->auth.password);
        ScanTarget t;
        t.request = std::move(*req);
        t.sourceFile = a.get("--source-file");
        if (a.has("--source-line")) t.sourceLine = std::atoi(a.get("--source-line").c_str());
        targets.push_back(std::move(t));
    }

    InterruptGuard signals;  // before the engine starts its thread
    EngineOptions eo;
    eo.cookies = false;  // every probe carries exactly the request's own Cookie header
    Engine engine(eo);
    // Reachability first: a scan of an API that does not answer is a transport error, not "clean".
    {
        RequestSpec ping = targets.front().request;
        ping.options.followRedirects = false;
        const std::string m = ping.method;
        if (o.allowUnsafe || (m != "DELETE" && m != "PUT" && m != "PATCH")) {
            auto r = engine.send(ping);
            if (!r) {
                printError(r.error());
                return ExitTransport;
            }
        }
    }
    Scanner scanner(engine, o);
    signals.start("scan", [&scanner] { scanner.cancel(); });
    ScanResult result;
    {
        Progress progress(isatty(2) && !a.has("--quiet"));
        result = scanner.run(targets, &progress);
    }
    const ScanReport report = makeReport(result, targets, o, baseline);
    ReportOptions ro;
    ro.secrets = o.secrets;
    std::cout << consoleReport(report);

    int code = ExitOk;
    for (const auto& spec : reportSpecs) {
        const std::string kind = spec.substr(0, spec.find('=')), path = spec.substr(spec.find('=') + 1);
        const std::string text = kind == "sarif" ? sarifReport(report, ro)
                                 : kind == "json" ? jsonReport(report, ro)
                                 : kind == "junit" ? junitReport(report, ro)
                                                   : htmlReport(report, ro);
        if (!writeFile(path, text)) {
            printError(makeError("Cannot write the " + kind + " report", path, "Check the path", "file"));
            code = ExitUsage;
        }
    }
    if (a.has("--write-baseline") && !writeFile(a.get("--write-baseline"), writeBaseline(result.findings))) {
        printError(makeError("Cannot write the baseline", a.get("--write-baseline"), "Check the path", "file"));
        code = ExitUsage;
    }
    if (code != ExitOk) return code;
    if (signals.interrupted() || result.cancelled) return 130;
    return thresholdMet(report.findings, failOn, minConfidence) ? ExitFailed : ExitOk;
}

}  // namespace

const CommandDef& scanCommand() {
    static const CommandDef def = [] {
        CommandDef d;
        d.name = "scan";
        d.synopsis = "[options] URL | --collection DIR|FILE|NAME";
        d.summary = "Probe a request (or a collection's requests) for security problems and report the findings.";
        d.options = requestOptionDefs();
        d.options.push_back({"", "--collection", "DIR|FILE|NAME", "Scan a collection directory, a request file or a stored collection"});
        d.options.push_back({"-e", "--env", "NAME|FILE", "Environment for --collection"});
        d.options.push_back({"", "--folder", "PATH", "Only the requests of this folder of --collection"});
        d.options.push_back({"", "--db", "FILE", "The store (for a stored collection)"});
        d.options.push_back({"", "--checks", "IDS", "Run only these checks or families (comma-separated; see --list-checks)", true});
        d.options.push_back({"", "--exclude-checks", "IDS", "Skip these checks or families", true});
        d.options.push_back({"", "--list-checks", "", "Print the catalogue of checks and exit"});
        d.options.push_back({"", "--report", "KIND=FILE", "Write a report: sarif, json, junit or html (repeatable)", true});
        d.options.push_back({"", "--fail-on", "SEVERITY", "Exit 1 when a finding reaches info|low|medium|high|critical (default medium)"});
        d.options.push_back({"", "--min-confidence", "LEVEL", "Only findings at tentative|firm|certain count for --fail-on (default firm)"});
        d.options.push_back({"", "--baseline", "FILE", "Accept the findings listed in FILE (only new ones are reported)"});
        d.options.push_back({"", "--write-baseline", "FILE", "Write every finding of this scan to FILE as a baseline"});
        d.options.push_back({"", "--rps", "N", "At most N requests per second"});
        d.options.push_back({"", "--budget", "N", "At most N requests in total (default 20000)"});
        d.options.push_back({"", "--check-timeout", "SECONDS", "Time limit of one check on one request (default 60)"});
        d.options.push_back({"", "--time-delay", "SECONDS", "Delay of time-based probes (default 1; the confirmation doubles it)"});
        d.options.push_back({"", "--allow-unsafe", "", "Also probe DELETE, PUT and PATCH requests"});
        d.options.push_back({"", "--header-point", "NAME", "Also inject into this request header", true});
        d.options.push_back({"", "--secret", "VALUE", "Redact VALUE from every report", true});
        d.options.push_back({"", "--source-file", "FILE", "SARIF location of the scanned request (repository path)"});
        d.options.push_back({"", "--source-line", "N", "Line in --source-file"});
        d.options.push_back({"-q", "--quiet", "", "No progress line on stderr"});
        d.details =
            "Only the hosts of the scanned requests are contacted; redirects are never followed. DELETE, PUT\n"
            "and PATCH requests are not probed without --allow-unsafe. Every finding is confirmed by a\n"
            "second, different probe and carries the exchanges that prove it. The catalogue and each check's\n"
            "payloads and limits: docs/security-checks.md.\n\n"
            "Exit codes: 0 no finding at the --fail-on/--min-confidence threshold, 1 at least one new finding\n"
            "at the threshold, 2 usage or input error, 3 the target did not answer, 130 interrupted (reports\n"
            "are still written).\n\n"
            "Examples:\n"
            "  sonde-cli scan 'http://127.0.0.1:8088/api/items?id=1'\n"
            "  sonde-cli scan --bearer $TOKEN --checks sqli,jwt --report sarif=scan.sarif html=scan.html URL\n"
            "  sonde-cli scan --collection api/ -e staging --baseline .sonde/baseline.json --fail-on high";
        d.run = &runScan;
        return d;
    }();
    return def;
}

}  // namespace sonde::cli
