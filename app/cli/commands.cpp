#include "commands.h"

namespace sonde::cli {

std::vector<const CommandDef*> allCommands() {
    return {
        &sendCommand(),
        &runCommand(),
        &graphqlCommand(),
        &collectionCommand(),
        &envCommand(),
        &historyCommand(),
        &scanCommand(),
    };
}

}  // namespace sonde::cli
