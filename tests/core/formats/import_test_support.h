#pragma once
// Shared by the importer tests: fixture paths and look-ups into an imported collection.
#include <QString>

#include <string>
#include <vector>

#include "core/formats/importer.h"

namespace sonde::testing {

inline std::string fixture(const char* name) { return std::string(SONDE_SOURCE_DIR "/tests/core/formats/import/") + name; }

inline const RequestSpec* findRequest(const Folder& root, const std::string& path, const std::string& name) {
    const RequestSpec* found = nullptr;
    forEachRequest(root, [&](const RequestSpec& r, const std::string& p) {
        if (p == path && r.name == name) found = &r;
    });
    return found;
}

inline bool hasWarning(const Imported& im, const std::string& where, const std::string& part) {
    for (const auto& w : im.warnings)
        if (w.where == where && w.message.find(part) != std::string::npos) return true;
    return false;
}

inline QString warningsText(const std::vector<ImportWarning>& ws) {
    QString s;
    for (const auto& w : ws) s += QString::fromStdString(w.text()) + "\n";
    return s;
}

}  // namespace sonde::testing
