#pragma once
// TextTreeImporter: reads a directory written by TextTreeExporter (or by hand, see
// docs/collection-format.md) back into a Collection, with no database. Entries missing from an
// `order` list are appended in file-name order (a teammate may add a file without editing the list);
// names listed but missing are reported as warnings. Every Error names the file and line.
// Alongside the collection it returns where each request came from (file and the line of its
// `method:` key, else `url:`), for reports that point into the repository (SARIF, JUnit).
#include <string>
#include <vector>

#include "core/model/collection.h"
#include "core/model/result.h"

namespace sonde {

struct RequestSource {
    std::string requestId;   // as in the file (may be empty)
    std::string name;
    std::string folderPath;  // "Users/Admin" ("" at the root), as forEachRequest gives it
    std::string file;        // path of the request's .yaml file
    int line = 0;            // 1-based line of `method:` (or `url:`) in that file
};

struct TextTreeImport {
    Collection collection;
    std::vector<RequestSource> sources;  // one per request, in forEachRequest order
    std::vector<std::string> warnings;   // "file:line: message"

    // The source of a request by pointer identity into collection (nullptr when not found).
    const RequestSource* sourceOf(const std::string& folderPath, const std::string& requestName) const;
};

class TextTreeImporter {
public:
    // dir is the directory holding collection.yaml (a path to collection.yaml itself is accepted).
    static Result<TextTreeImport> importDirectory(const std::string& dir);
    // One request file's text; file is used in errors.
    static Result<RequestSpec> parseRequest(const std::string& yamlText, const std::string& file);
    static Result<Environment> parseEnvironment(const std::string& yamlText, const std::string& file);
    // True when dir looks like a text tree (holds collection.yaml).
    static bool isTextTree(const std::string& dir);
};

}  // namespace sonde
