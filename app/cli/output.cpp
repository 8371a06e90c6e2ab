#include "output.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_options.h"

namespace sonde::cli {

bool stdoutIsTty() { return isatty(STDOUT_FILENO) == 1; }
bool useColor() { return stdoutIsTty() && !std::getenv("NO_COLOR"); }

void printError(const Error& e) {
    std::cerr << "sonde-cli: error: " << e.title;
    if (!e.where.empty()) std::cerr << "\n  at: " << e.where;
    if (!e.fix.empty()) std::cerr << "\n  fix: " << e.fix;
    std::cerr << "\n";
}

int exitCodeFor(const Error& e) {
    static const char* input[] = {"usage", "url", "file", "parse", "format", "input", "not-found", "introspection-disabled", "introspection"};
    for (const char* k : input)
        if (e.code == k) return ExitUsage;
    if (e.code == "internal") return ExitInternal;
    return ExitTransport;
}

namespace {
void colorize(const std::string& s, std::string& out) {
    const char *key = "\x1b[34;1m", *str = "\x1b[32m", *num = "\x1b[36m", *lit = "\x1b[35m", *reset = "\x1b[0m";
    for (size_t i = 0; i < s.size();) {
        char c = s[i];
        if (c == '"') {
            size_t j = i + 1;
            while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
            ++j;
            size_t k = j;
            while (k < s.size() && s[k] == ' ') ++k;
            bool isKey = k < s.size() && s[k] == ':';
            out += isKey ? key : str;
            out.append(s, i, j - i);
            out += reset;
            i = j;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t j = i;
            while (j < s.size() && std::string("-+.eE0123456789").find(s[j]) != std::string::npos) ++j;
            out += num;
            out.append(s, i, j - i);
            out += reset;
            i = j;
        } else if (s.compare(i, 4, "true") == 0 || s.compare(i, 4, "null") == 0 || s.compare(i, 5, "false") == 0) {
            size_t n = s[i] == 'f' ? 5 : 4;
            out += lit;
            out.append(s, i, n);
            out += reset;
            i += n;
        } else {
            out += c;
            ++i;
        }
    }
}
}  // namespace

bool prettyJson(const std::string& text, bool color, std::string& out) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return false;
    std::string pretty = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!color) {
        out = std::move(pretty);
        return true;
    }
    out.clear();
    colorize(pretty, out);
    return true;
}

std::string bodyOf(const Response& r) {
    if (r.bodyFile.empty()) return r.body;
    std::ifstream in(r.bodyFile, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace sonde::cli
