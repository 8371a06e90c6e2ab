#pragma once
// HistoryRepository: the exchanges that were sent. Each entry keeps the request as sent (JSON), the
// response status, reason, headers and timings, and the body up to a configurable cap. Search by URL
// substring, method, status range and time range returns light summaries; get() returns one entry in
// full. A retention limit keeps the newest N entries. Callers redact before adding (fromExchange
// does it with a Redactor).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/response.h"
#include "core/store/database.h"
#include "core/vars/redactor.h"

namespace sonde {

struct HistoryOptions {
    std::size_t maxBodyBytes = 1024 * 1024;  // response body bytes kept per entry
    std::size_t retention = 10000;           // entries kept (newest); 0 = keep all
};

struct HistoryEntry {
    std::int64_t id = 0;
    std::int64_t sentAt = 0;    // Unix ms
    std::string collectionId;   // optional links to the stored request
    std::string requestId;
    SentRequest request;
    int status = 0;             // 0 when no response arrived (see error)
    std::string reason;
    std::vector<Header> responseHeaders;
    Timings timings;
    std::string body;           // at most HistoryOptions::maxBodyBytes
    std::uint64_t bodyBytes = 0;  // the full size
    bool bodyTruncated = false;
    std::string error;          // transport error message, when no response arrived
    // The request as the user wrote it ({{variables}} unresolved), redacted with redactWritten(); kept
    // inside request_json under "written" (no schema change). Absent in rows written before it existed.
    std::optional<RequestSpec> written;
};

struct HistorySummary {
    std::int64_t id = 0;
    std::int64_t sentAt = 0;
    std::string method;
    std::string url;
    int status = 0;
    double durationMs = 0;
    std::uint64_t bodyBytes = 0;
    std::string error;
};

struct HistoryFilter {
    std::string urlContains;   // case-sensitive substring of the URL
    std::string method;        // exact, case-insensitive
    int statusMin = -1;        // inclusive; -1: no bound
    int statusMax = -1;
    std::int64_t fromMs = 0;   // sentAt >= fromMs (0: no bound)
    std::int64_t toMs = 0;     // sentAt <= toMs (0: no bound)
    std::size_t limit = 100;   // newest first
    std::size_t offset = 0;
};

class HistoryRepository {
public:
    explicit HistoryRepository(Database& db, HistoryOptions options = {}) : db_(db), options_(options) {}

    // An entry for an exchange, redacted (secrets everywhere, credential headers masked).
    static HistoryEntry fromExchange(const Exchange& exchange, const Redactor& redactor, std::int64_t sentAtMs);
    // An entry for a request that got no response.
    static HistoryEntry fromError(const SentRequest& request, const Error& error, const Redactor& redactor,
                                  std::int64_t sentAtMs);
    // A written request made safe to store: secrets masked in every string, and credentials typed
    // literally (Authorization/Cookie headers, auth passwords, tokens, keys, a proxy's user:password,
    // unless they refer to a {{variable}}) replaced by the mask. {{variables}} stay as written.
    static RequestSpec redactWritten(RequestSpec request, const Redactor& redactor);

    Result<std::int64_t> add(HistoryEntry entry);  // caps the body, applies retention; returns the id
    Status addAll(std::vector<HistoryEntry> entries);  // one transaction (imports, benchmarks)
    Result<std::vector<HistorySummary>> search(const HistoryFilter& filter = {}) const;
    Result<std::int64_t> count(const HistoryFilter& filter = {}) const;
    Result<HistoryEntry> get(std::int64_t id) const;
    Status clear();
    Status applyRetention();

    const HistoryOptions& options() const { return options_; }

private:
    Status insert(Statement& st, Statement& details, HistoryEntry& entry);
    Database& db_;
    HistoryOptions options_;
};

}  // namespace sonde
