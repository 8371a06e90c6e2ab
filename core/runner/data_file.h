#pragma once
// Data files for iterations (newman's -d): one iteration per row, columns become variables.
// CSV (RFC 4180: header row, quoted fields, "" escapes, CRLF or LF) or JSON (an array of objects).
#include <string>
#include <vector>

#include "core/model/collection.h"
#include "core/model/result.h"

namespace sonde {

using DataRow = std::vector<Variable>;  // in column order

// Errors name the file and line ("users.csv:4").
Result<std::vector<DataRow>> parseCsvData(const std::string& text, const std::string& fileName);
// JSON values: strings as they are, numbers/booleans as JSON text, null as "", arrays/objects as JSON.
Result<std::vector<DataRow>> parseJsonData(const std::string& text, const std::string& fileName);
// Reads `path` and picks the parser by extension (.csv, .json), else by the first non-blank byte.
Result<std::vector<DataRow>> loadDataFile(const std::string& path);

}  // namespace sonde
