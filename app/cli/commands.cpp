#include "commands.h"

namespace sonde::cli {

std::vector<const CommandDef*> allCommands() {
    return {
        &sendCommand(),
        &graphqlCommand(),
    };
}

}  // namespace sonde::cli
