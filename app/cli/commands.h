#pragma once
// The CLI's commands. Each command lives in its own cmd_<name>.cpp and exposes its CommandDef here;
// commands.cpp lists them in the order --help shows them.
#include <vector>

#include "cli_options.h"

namespace sonde::cli {

const CommandDef& sendCommand();
const CommandDef& runCommand();
const CommandDef& graphqlCommand();
const CommandDef& collectionCommand();
const CommandDef& envCommand();
const CommandDef& historyCommand();
const CommandDef& scanCommand();

std::vector<const CommandDef*> allCommands();

}  // namespace sonde::cli
