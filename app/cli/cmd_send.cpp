// sonde-cli send: one request, curl-like.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_options.h"
#include "commands.h"
#include "core/http/engine.h"
#include "core/model/json.h"
#include "output.h"
#include "request_args.h"
#include "store_access.h"

namespace sonde::cli {

namespace {

void printTiming(const Response& r, std::ostream& out) {
    const Timings& t = r.timings;
    char line[160];
    std::snprintf(line, sizeof line,
                  "timing: dns %.2f ms, connect %.2f ms, tls %.2f ms, first byte %.2f ms, download %.2f ms, "
                  "total %.2f ms\n",
                  t.dns, t.connect, t.tls, t.firstByte, t.download, t.total);
    out << line;
    out << "size: sent " << r.sizes.headersSent << " B headers + " << r.sizes.bodySent << " B body, received "
        << r.sizes.headersReceived << " B headers + " << r.sizes.bodyReceived << " B body\n";
}

int runSend(const ParsedArgs& a) {
    if (a.positional().size() != 1) {
        printError(makeError(a.positional().empty() ? "No URL given" : "More than one URL given", "command line",
                             "Run sonde-cli send --help", "usage"));
        return ExitUsage;
    }
    auto req = requestFromArgs(a, a.positional()[0]);
    if (!req) {
        printError(req.error());
        return exitCodeFor(req.error());
    }
    if (a.has("--output")) req->options.maxBodyInMemory = 16ull << 20;  // stream big downloads to disk
    Engine engine;
    ExchangeResult res = engine.send(*req);
    if (a.has("--history")) {
        if (auto st = recordHistory(a, *req, res); !st) printError(st.error());
    }
    if (!res) {
        printError(res.error());
        return exitCodeFor(res.error());
    }
    const Exchange& ex = *res;
    const Response& r = ex.response;
    if (a.has("--json")) {
        nlohmann::json j = ex;
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        if (!r.bodyFile.empty()) std::filesystem::remove(r.bodyFile);
        return ExitOk;
    }
    const bool color = useColor();
    if (!a.has("--body-only")) {
        std::cout << (color ? "\x1b[1m" : "") << r.httpVersion << " " << r.status << " " << r.reason
                  << (color ? "\x1b[0m" : "") << "\n";
        for (const auto& h : r.headers)
            std::cout << (color ? "\x1b[36m" : "") << h.name << (color ? "\x1b[0m" : "") << ": " << h.value << "\n";
        std::cout << "\n";
    }
    if (a.has("--output")) {
        std::string path = a.get("--output");
        std::error_code ec;
        if (!r.bodyFile.empty()) {
            std::filesystem::copy_file(r.bodyFile, path, std::filesystem::copy_options::overwrite_existing, ec);
            std::filesystem::remove(r.bodyFile);
        } else {
            std::ofstream out(path, std::ios::binary);
            out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
            if (!out) ec = std::make_error_code(std::errc::io_error);
        }
        if (ec) {
            printError(makeError("Could not write the body to the file", path, "Check the path and free space", "file"));
            return ExitUsage;
        }
        std::cerr << "sonde-cli: body (" << r.bodyBytes << " bytes) written to " << path << "\n";
    } else {
        std::string body = bodyOf(r);
        if (!r.bodyFile.empty()) std::filesystem::remove(r.bodyFile);
        std::string pretty;
        bool isJson = r.contentType().find("json") != std::string::npos;
        if (isJson && !a.has("--raw") && prettyJson(body, color, pretty)) {
            std::cout << pretty << "\n";
        } else if (stdoutIsTty() && !isValidUtf8(body)) {
            std::cout << "[binary body, " << body.size() << " bytes: use -o FILE to save it]\n";
        } else {
            std::cout << body;
            if (!body.empty() && body.back() != '\n' && stdoutIsTty()) std::cout << "\n";
        }
    }
    if (a.has("--timing")) printTiming(r, a.has("--body-only") ? std::cerr : std::cout);
    return ExitOk;
}

}  // namespace

const CommandDef& sendCommand() {
    static const CommandDef def = [] {
        CommandDef d;
        d.name = "send";
        d.synopsis = "[options] URL";
        d.summary = "Send one HTTP request and print the status line, the headers and the body.";
        d.options = requestOptionDefs();
        d.options.push_back({"-o", "--output", "FILE", "Write the body to FILE (binary-safe) instead of printing it"});
        d.options.push_back({"", "--json", "", "Print the whole exchange (request, response, timings, TLS) as one JSON document"});
        d.options.push_back({"", "--timing", "", "Also print the timing breakdown and sizes"});
        d.options.push_back({"", "--body-only", "", "Print only the body (as curl does)"});
        d.options.push_back({"", "--raw", "", "Print JSON bodies as received, not pretty-printed"});
        d.options.push_back({"", "--history", "", "Record the exchange (redacted) in the store's history"});
        d.options.push_back(dbOptionDef());
        d.details =
            "Redirects are not followed unless -L is given (as curl). JSON bodies are pretty-printed, and\n"
            "coloured on a terminal (NO_COLOR turns colour off).\n\n"
            "Exit codes: 0 any HTTP response arrived (whatever its status), 2 usage or input error,\n"
            "3 transport error (refused, DNS, TLS, timeout, too many redirects, body over the cap).\n\n"
            "Examples:\n"
            "  sonde-cli send http://127.0.0.1:8088/api/users\n"
            "  sonde-cli send -X POST -H 'Content-Type: application/json' -d '{\"name\":\"Ada\"}' URL\n"
            "  sonde-cli send -F avatar=@me.png -F name=Ada URL\n"
            "  sonde-cli send --json --timing https://example.test/ -k";
        d.run = &runSend;
        return d;
    }();
    return def;
}

}  // namespace sonde::cli
