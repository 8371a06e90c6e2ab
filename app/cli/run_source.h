#pragma once
// What `sonde-cli run` runs: a collection from a directory in the text format, a single request
// file, or the store (by name), with the chosen environment.
#include <memory>
#include <optional>
#include <string>

#include "core/formats/text_tree_importer.h"
#include "core/model/collection.h"
#include "core/model/result.h"
#include "core/store/database.h"

namespace sonde::cli {

struct RunSource {
    Collection collection;
    std::optional<Environment> environment;
    std::vector<RequestSource> sources;  // where each request is defined (text format only)
    std::unique_ptr<Database> store;  // set when the collection came from the store (the run is recorded)
    std::vector<std::string> warnings;  // what an import (Postman, HAR, curl file) could not carry over
};

// source: a directory, a request file, a Postman collection / HAR / curl file (docs/import.md), or a collection name in the store at dbPath (default path when
// empty). env: an environment file, or a name among the collection's environments, then the store's;
// empty: the collection's only environment when it has exactly one. Errors have code "input".
Result<RunSource> loadRunSource(const std::string& source, const std::string& dbPath, const std::string& env);

}  // namespace sonde::cli
