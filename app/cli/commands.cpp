#include "commands.h"

namespace sonde::cli {

std::vector<const CommandDef*> allCommands() {
    return {
        &sendCommand(),
        &runCommand(),
        &graphqlCommand(),
    };
}

}  // namespace sonde::cli
