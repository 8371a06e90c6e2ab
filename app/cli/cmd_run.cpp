// sonde-cli run: runs a collection (from the store by name, a collection directory in the text format,
// or a single request file) with the core Runner, reporters and exit codes of DESIGN.md.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "cli_options.h"
#include "commands.h"
#include "core/http/engine.h"
#include "core/runner/console_reporter.h"
#include "core/runner/html_reporter.h"
#include "core/runner/json_reporter.h"
#include "core/runner/junit_reporter.h"
#include "core/runner/runner.h"
#include "core/store/collection_repository.h"
#include "core/store/database.h"
#include "core/store/environment_repository.h"
#include "core/store/run_repository.h"
#include "interrupt_guard.h"
#include "output.h"
#include "run_source.h"

namespace sonde::cli {

namespace {

namespace fs = std::filesystem;

Error usage(const std::string& title, const std::string& fix = "Run sonde-cli run --help") { return usageError(title, fix); }

// "250", "250ms", "2s", "1m" -> milliseconds.
Result<long> parseDuration(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    long value = -1;
    try {
        value = std::stol(text, &used);
    } catch (...) {
    }
    const std::string unit = text.substr(used);
    long factor = unit.empty() || unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : -1;
    if (value < 0 || factor < 0 || used == 0)
        return usage(option + " takes a duration in milliseconds (e.g. 500, 2s, 1m), not '" + text + "'");
    return value * factor;
}

Result<int> parseCount(const std::string& option, const std::string& text, int min) {
    try {
        std::size_t used = 0;
        const int v = std::stoi(text, &used);
        if (used == text.size() && v >= min) return v;
    } catch (...) {
    }
    return usage(option + " takes a whole number of at least " + std::to_string(min) + ", not '" + text + "'");
}

struct ReporterSpec {
    std::string kind, path;
};

Result<std::vector<ReporterSpec>> reporterSpecs(const ParsedArgs& a) {
    std::vector<ReporterSpec> out;
    for (const auto& r : a.all("--reporter")) {
        const auto eq = r.find('=');
        const std::string kind = r.substr(0, eq);
        const std::string path = eq == std::string::npos ? "" : r.substr(eq + 1);
        if (kind == "console" || kind == "cli") continue;  // always on
        if (kind != "json" && kind != "junit" && kind != "html")
            return usage("Unknown reporter '" + kind + "'", "use console, json=FILE, junit=FILE or html=FILE");
        if (path.empty()) return usage("The " + kind + " reporter needs a file: --reporter " + kind + "=FILE");
        out.push_back({kind, path});
    }
    for (const char* kind : {"json", "junit", "html"})
        for (const char* prefix : {"--reporter-", "--report-"})
            for (const auto& path : a.all(std::string(prefix) + kind)) out.push_back({kind, path});
    return out;
}

int exitCodeForRun(const RunResult& run, bool interrupted) {
    if (interrupted || run.end == RunEnd::Cancelled) return 130;  // as shells report SIGINT
    if (run.stats.transportErrors > 0 || run.end == RunEnd::DeadlineExceeded) return ExitTransport;
    if (run.stats.requestsFailed > 0) return ExitFailed;
    return ExitOk;
}

// Ends the process once the run is over and every report is written and flushed: tearing down the engine
// and the signal thread costs a thread switch each (several ms on a busy machine, half of a one-request
// run's wall time here) and libcurl/OpenSSL clean-up nobody needs. Sanitizer builds exit normally, so
// their leak check still runs.
void quickExit(int code) {
#if defined(__SANITIZE_ADDRESS__)
    (void)code;
#else
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(code);
#endif
}

int runRun(const ParsedArgs& a) {
    if (a.positional().size() != 1) {
        printError(usage(a.positional().empty() ? "No collection given" : "More than one collection given"));
        return ExitUsage;
    }
    RunOptions o;
    for (const auto& kv : a.all("--var")) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
            printError(usage("--var takes NAME=VALUE, not '" + kv + "'"));
            return ExitUsage;
        }
        o.vars.push_back(Variable{kv.substr(0, eq), kv.substr(eq + 1)});
    }
    auto count = [&](const char* opt, int& out, int min) {
        if (!a.has(opt)) return true;
        auto v = parseCount(opt, a.get(opt), min);
        if (!v) printError(v.error());
        else out = *v;
        return v.ok();
    };
    auto duration = [&](const char* opt, long& out) {
        if (!a.has(opt)) return true;
        auto v = parseDuration(opt, a.get(opt));
        if (!v) printError(v.error());
        else out = *v;
        return v.ok();
    };
    if (!count("--iterations", o.iterations, 1) || !count("--parallel", o.parallel, 1) ||
        !duration("--delay", o.delayMs) || !duration("--timeout", o.timeoutMs) || !duration("--deadline", o.deadlineMs))
        return ExitUsage;
    o.bail = a.has("--bail");
    o.insecure = a.has("--insecure");
    o.folder = a.get("--folder");
    o.tags = splitCommaList(a.all("--tags"));
    o.excludeTags = splitCommaList(a.all("--exclude-tags"));
    if (a.has("--data")) {
        auto rows = loadDataFile(a.get("--data"));
        if (!rows) {
            printError(rows.error());
            return ExitUsage;
        }
        o.data = std::move(*rows);
        if (!a.has("--iterations")) o.iterations = 0;  // one per row
    }
    auto reporters = reporterSpecs(a);
    if (!reporters) {
        printError(reporters.error());
        return ExitUsage;
    }

    auto source = loadRunSource(a.positional()[0], a.get("--db"), a.get("--env"));
    if (!source) {
        printError(source.error());
        return exitCodeFor(source.error());
    }
    o.environment = source->environment;
    if (!source->sources.empty())
        o.sourceFile = [sources = source->sources](const std::string& folder, const std::string& name) {
            for (const auto& s : sources)
                if (s.folderPath == folder && s.name == name) return s.file;
            return std::string();
        };

    InterruptGuard signals;  // before the engine starts its threads
    // Parallel iterations may spread over several engine workers (each its own libcurl multi handle and
    // thread), one per two cores: on a 2-core machine a second worker cost 20% more CPU for no faster run
    // (the server and the other worker need the cores; bench/runner/README.md), so there it stays one.
    EngineOptions eo;
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    const int workers = std::min({std::max(1, o.parallel), o.effectiveIterations(), std::max(1, cores / 2)});
    eo.threads = o.delayMs > 0 ? 1 : workers;
    Engine engine(eo);
    Runner runner(engine, source->collection, o);
    ConsoleOptions co;
    co.tty = stdoutIsTty();
    co.color = useColor();
    co.quiet = a.has("--quiet");
    ConsoleReporter console(std::cout, co);
    runner.addObserver(&console);
    std::vector<std::unique_ptr<Reporter>> files;
    for (const auto& r : *reporters) {
        if (r.kind == "json") files.push_back(std::make_unique<JsonReporter>(r.path));
        if (r.kind == "junit") {
            char host[256] = {};
            gethostname(host, sizeof host - 1);
            files.push_back(std::make_unique<JunitReporter>(r.path, host));
        }
        if (r.kind == "html") files.push_back(std::make_unique<HtmlReporter>(r.path));
        runner.addObserver(files.back().get());
    }
    signals.start("run", [&runner] { runner.cancel(); });
    auto result = runner.run();
    if (!result) {
        printError(result.error());
        return exitCodeFor(result.error());
    }
    int code = exitCodeForRun(*result, signals.interrupted());
    for (const auto& f : files)
        if (f->error()) {
            printError(*f->error());
            code = ExitUsage;
        }
    if (source->store) {
        RunRecord record;
        record.collection = source->collection.name;
        record.startedAt = result->startedAt;
        record.passed = result->stats.requests - result->stats.requestsFailed;
        record.failed = result->stats.requestsFailed;
        record.durationMs = result->stats.totalMs;
        record.reportJson = JsonReporter::render(*result);
        RunRepository runs(*source->store);
        if (auto saved = runs.save(record); !saved)
            std::cerr << "sonde-cli: warning: the run was not recorded in the store: " << saved.error().message() << "\n";
        return code;  // the store closes in order
    }
    quickExit(code);
    return code;
}

}  // namespace

const CommandDef& runCommand() {
    static const CommandDef def = [] {
        CommandDef d;
        d.name = "run";
        d.synopsis = "[options] COLLECTION|DIR|FILE";
        d.summary = "Run a collection's requests with their assertions and captures, and report the results.";
        d.options = {
            {"", "--folder", "NAME", "Run only this folder (a name, or a path such as Users/Admin)"},
            {"-e", "--env", "NAME|FILE", "Environment: a name (the collection's, or the store's) or a file"},
            {"", "--var", "NAME=VALUE", "Set a variable (overrides the environment and data rows)", true},
            {"-n", "--iterations", "N", "Run the collection N times (default 1, or once per data row)"},
            {"-d", "--data", "FILE", "CSV or JSON data file: one iteration per row, columns become variables"},
            {"", "--bail", "", "Stop at the first failed request"},
            {"", "--delay", "MS", "Wait MS milliseconds between requests"},
            {"", "--timeout", "MS", "Time limit of each request (default: the request's own, 30 s)"},
            {"", "--deadline", "MS", "Time limit of the whole run (500, 30s, 5m)"},
            {"-k", "--insecure", "", "Do not verify TLS certificates"},
            {"", "--tags", "TAG[,TAG]", "Run only the requests carrying one of these tags", true},
            {"", "--exclude-tags", "TAG[,TAG]", "Skip the requests carrying any of these tags", true},
            {"", "--parallel", "N", "Run up to N iterations at once (requests of one iteration stay in order)"},
            {"-r", "--reporter", "console|json=FILE|junit=FILE|html=FILE", "Add a reporter (console is always on)", true},
            {"", "--reporter-json", "FILE", "Same as --reporter json=FILE", true},
            {"", "--reporter-junit", "FILE", "Same as --reporter junit=FILE (bru's spelling)", true},
            {"", "--reporter-html", "FILE", "Same as --reporter html=FILE", true},
            {"", "--report-junit", "FILE", "Same as --reporter junit=FILE (hurl's spelling)", true},
            {"", "--db", "FILE", "The store to find collections in and record the run to (default: Sonde's)"},
            {"-q", "--quiet", "", "Print only failures and the summary"},
        };
        d.details =
            "SOURCE is a collection directory in Sonde's text format, a single request file, or the name of a\n"
            "collection in the store (the run is then recorded in the store for the GUI's run history). It may\n"
            "also be a Postman collection, an Insomnia export, an OpenAPI document, a .http file, a HAR or\n"
            "curl file, or a Bruno collection directory, imported in memory (docs/import.md; what cannot be\n"
            "carried over is listed on stderr); -e then also takes a Postman environment file.\n"
            "Secrets (variables marked secret, {{$env.NAME}} values, Authorization and Cookie headers) are\n"
            "redacted in every report. Ctrl+C stops the run cleanly and still writes the reports.\n\n"
            "Exit codes: 0 every request passed, 1 an assertion failed, 2 usage or input error (bad option,\n"
            "unreadable collection, data or environment file, unknown folder, unwritable report), 3 a network or\n"
            "transport error (refused, DNS, TLS, timeout) or the --deadline stopped the run, 130 interrupted.\n\n"
            "Examples:\n"
            "  sonde-cli run resources/sample -e local\n"
            "  sonde-cli run resources/sample -e local --var baseUrl=http://127.0.0.1:9000 --reporter junit=junit.xml\n"
            "  sonde-cli run export.postman_collection.json -e staging.postman_environment.json\n"
            "  sonde-cli run \"Shop API\" --folder Users -n 10 --parallel 4 -d users.csv --bail";
        d.run = &runRun;
        return d;
    }();
    return def;
}

}  // namespace sonde::cli
