#pragma once
// TextTreeExporter: writes a collection as a git-friendly directory (docs/collection-format.md):
//   collection.yaml            name, description, variables, the order of the root's entries and of
//                              the environments
//   <request-slug>.yaml        one small file per request
//   <folder-slug>/folder.yaml  name, description, order of the folder's entries (one dir per folder)
//   environments/<slug>.yaml   one per environment
// Keys come in a fixed order with one field per line; fields at their default are left out; bodies
// are literal block scalars. Secret variables are written with an empty value and `secret: true`:
// secret values never reach the files. Exporting into a directory that already holds a text tree
// replaces it (stale request files and folders of the old tree are removed; other files are kept).
#include <string>

#include "core/model/collection.h"
#include "core/model/result.h"

namespace sonde {

struct TextTreeExportOptions {
    bool environments = true;  // write environments/
};

class TextTreeExporter {
public:
    // dir is created when missing. It must be empty or hold a text tree (collection.yaml).
    static Status exportTo(const Collection& collection, const std::string& dir,
                           const TextTreeExportOptions& options = {});

    // The file contents, for tests and `collection show --format yaml`.
    static std::string requestYaml(const RequestSpec& request);
    static std::string collectionYaml(const Collection& collection, const std::vector<std::string>& order,
                                      const std::vector<std::string>& environmentFiles = {});
    static std::string folderYaml(const Folder& folder, const std::vector<std::string>& order);
    static std::string environmentYaml(const Environment& environment);

    // A file or directory name for a display name: lower case ASCII letters, digits and '-'.
    static std::string slug(const std::string& name, const std::string& fallback);
};

}  // namespace sonde
