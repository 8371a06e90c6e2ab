#pragma once
// RunRepository: one row per collection run (a summary plus the JSON report of its results).
#include <cstdint>
#include <string>
#include <vector>

#include "core/store/database.h"

namespace sonde {

struct RunRecord {
    std::string collection;  // name or id of the collection that ran
    std::string startedAt;   // ISO 8601 UTC, as the runner reports it
    int passed = 0;
    int failed = 0;
    double durationMs = 0;
    std::string reportJson;  // the run's JSON report (already redacted by the runner)
    std::int64_t id = 0;     // given by save()
};

class RunRepository {
public:
    explicit RunRepository(Database& db) : db_(db) {}
    Result<std::int64_t> save(const RunRecord& run);
    // Newest first; the report JSON is left empty unless withReports.
    Result<std::vector<RunRecord>> list(std::size_t limit = 50, bool withReports = false) const;
    Result<RunRecord> get(std::int64_t id) const;

private:
    Database& db_;
};

}  // namespace sonde
