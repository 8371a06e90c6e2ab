#include "store_access.h"

#include <chrono>

#include "core/store/history_repository.h"

namespace sonde::cli {

OptionDef dbOptionDef() {
    return {"", "--db", "PATH", "The SQLite store (default: $SONDE_DB, else $XDG_DATA_HOME/sonde/sonde.db)"};
}

Result<Database> openStore(const ParsedArgs& a, bool readOnly) {
    DatabaseOptions o;
    o.readOnly = readOnly;
    o.create = !readOnly;
    std::string path = a.get("--db", defaultDatabasePath());
    auto db = Database::open(path, o);
    if (!db && readOnly && db.error().code != "corrupt" && db.error().code != "newer-schema") {
        o.readOnly = false, o.create = true;  // a first run: create the empty store
        return Database::open(path, o);
    }
    return db;
}

Status recordHistory(const ParsedArgs& a, const RequestSpec& request, const ExchangeResult& result) {
    auto db = openStore(a, false);
    if (!db) return db.error();
    HistoryRepository history(*db);
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch()).count();
    const Auth& au = request.auth;
    Redactor redactor(std::vector<std::string>{au.password, au.token, au.keyValue, au.secretKey, au.sessionToken});
    SentRequest attempted{request.method, request.url, {}, {}, false};
    auto entry = result.ok() ? HistoryRepository::fromExchange(*result, redactor, now)
                             : HistoryRepository::fromError(attempted, result.error(), redactor, now);
    auto id = history.add(std::move(entry));
    if (!id) return id.error();
    return {};
}

}  // namespace sonde::cli
