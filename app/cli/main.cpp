// sonde-cli: argv -> command table -> core. No Qt here: this binary links only sonde_core.
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "output.h"

using namespace sonde::cli;

int main(int argc, char** argv) {
    const auto commands = allCommands();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || (args[0] == "help" && args.size() == 1)) {
        std::cout << overviewText(commands);
        return args.empty() ? ExitUsage : ExitOk;
    }
    if (args[0] == "--version" || args[0] == "version") {
        std::cout << "sonde-cli " << SONDE_VERSION << "\n";
        return ExitOk;
    }
    if (args[0] == "help" && args[1] == "--markdown") {
        std::cout << markdownReference(commands);
        return ExitOk;
    }
    std::string name = args[0] == "help" ? args[1] : args[0];
    const CommandDef* cmd = nullptr;
    for (const auto* c : commands)
        if (c->name == name) cmd = c;
    if (!cmd) {
        printError(sonde::makeError("Unknown command '" + name + "'", "command line", "Run sonde-cli --help", "usage"));
        return ExitUsage;
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "help") rest = {"--help"};
    for (const auto& a : rest) {
        if (a == "--") break;
        if (a == "--help" || a == "-h") {
            std::cout << helpText(*cmd);
            return ExitOk;
        }
    }
    auto parsed = parseArgs(*cmd, rest);
    if (!parsed) {
        printError(parsed.error());
        return ExitUsage;
    }
    try {
        return cmd->run(*parsed);
    } catch (const std::exception& e) {
        std::cerr << "sonde-cli: internal error: " << e.what() << "\n";
        return ExitInternal;
    }
}
