#pragma once
// Presentation helpers shared by the CLI's commands: errors, colours, JSON pretty-printing.
#include <cstdio>
#include <string>

#include "core/model/response.h"

namespace sonde::cli {

bool stdoutIsTty();
bool useColor();  // a TTY and NO_COLOR unset
// Prints "sonde-cli: error: ..." with the place and the fix to stderr.
void printError(const Error& e);
// Exit code for an Error: usage/input kinds -> 2, transport kinds -> 3.
int exitCodeFor(const Error& e);
// Pretty JSON (2-space indent); coloured when `color`. Returns false if `text` is not JSON.
bool prettyJson(const std::string& text, bool color, std::string& out);
// Reads the body (from memory or the spill file).
std::string bodyOf(const Response& r);

}  // namespace sonde::cli
