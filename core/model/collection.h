#pragma once
// Collections, folders, environments and variables as values.
#include <string>
#include <vector>

#include "core/model/request.h"

namespace sonde {

struct Variable {
    std::string name;
    std::string value;
    bool enabled = true;
    bool secret = false;  // masked in the GUI, redacted in history, reports and exports
    bool operator==(const Variable&) const = default;
};

struct Environment {
    std::string id;
    std::string name;
    std::vector<Variable> variables;
    bool operator==(const Environment&) const = default;
};

// A folder holds sub-folders and requests, each list in the user's order (folders are shown first).
struct Folder {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Folder> folders;
    std::vector<RequestSpec> requests;
    bool operator==(const Folder&) const = default;
};

struct Collection {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Variable> variables;       // collection scope
    std::vector<Environment> environments; // environments that belong to this collection
    Folder root;                           // root.name is unused
    bool operator==(const Collection&) const = default;
};

// Walks every request with the path of folder names above it ("Users/Admin").
template <typename F>
void forEachRequest(const Folder& folder, F&& f, const std::string& path = {}) {
    for (const auto& r : folder.requests) f(r, path);
    for (const auto& sub : folder.folders)
        forEachRequest(sub, f, path.empty() ? sub.name : path + "/" + sub.name);
}

}  // namespace sonde
