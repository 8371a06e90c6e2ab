#pragma once
// The CLI's option tables: every command and option is declared once, and --help and docs/cli.md are
// generated from the same table (`sonde-cli help --markdown`).
#include <map>
#include <string>
#include <vector>

#include "core/model/result.h"

namespace sonde::cli {

enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitTransport = 3, ExitInternal = 4 };

struct OptionDef {
    std::string shortName;  // "-X" or empty
    std::string longName;   // "--request"
    std::string arg;        // value placeholder ("METHOD"); empty for a flag
    std::string help;
    bool repeatable = false;
};

class ParsedArgs {
public:
    bool has(const std::string& longName) const { return values_.count(longName) > 0; }
    std::string get(const std::string& longName, const std::string& fallback = {}) const;
    const std::vector<std::string>& all(const std::string& longName) const;
    const std::vector<std::string>& positional() const { return positional_; }

private:
    friend Result<ParsedArgs> parseArgs(const struct CommandDef&, const std::vector<std::string>&);
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positional_;
};

struct CommandDef {
    std::string name;      // "send"
    std::string synopsis;  // "[options] URL"
    std::string summary;   // one line
    std::string details;   // paragraphs printed after the options (exit codes, examples)
    std::vector<OptionDef> options;
    int (*run)(const ParsedArgs&) = nullptr;
};

// Parses args (without the program and command names). "--" ends options; "--name=value" works.
Result<ParsedArgs> parseArgs(const CommandDef& cmd, const std::vector<std::string>& args);
std::string helpText(const CommandDef& cmd);
std::string overviewText(const std::vector<const CommandDef*>& commands);
std::string markdownReference(const std::vector<const CommandDef*>& commands);

// A usage error (exit 2) about the command line.
Error usageError(std::string title, std::string fix = {});
// Values of a repeatable option that may also hold comma-separated lists ("--tags a,b --tags c").
std::vector<std::string> splitCommaList(const std::vector<std::string>& values);

// Options shared by every command that builds one request (send, scan, graphql).
std::vector<OptionDef> requestOptionDefs();

}  // namespace sonde::cli
