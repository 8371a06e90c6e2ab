#pragma once
// Database and Statement: RAII owners of a SQLite connection and a prepared statement.
// Opening applies the house settings: WAL journal (https://www.sqlite.org/wal.html), foreign keys on,
// a busy timeout (https://www.sqlite.org/c3ref/busy_timeout.html), synchronous=FULL, and forward
// migrations up to the current schema (PRAGMA user_version, see schema.h). Bad states are reported,
// never made worse: a damaged file or a file that is not a SQLite database is refused with an Error
// naming it (code "corrupt") and is never written; a file from a newer schema is refused
// ("newer-schema"); a file locked by another process is waited for (busy timeout) and then reported
// ("locked", naming the file and, when the OS tells, the process holding it).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/model/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sonde {

// $SONDE_DB, else $XDG_DATA_HOME/sonde/sonde.db, else ~/.local/share/sonde/sonde.db. The GUI and the
// CLI use the same file; --db overrides it in the CLI.
std::string defaultDatabasePath();

struct DatabaseOptions {
    int busyTimeoutMs = 5000;  // how long a write waits for another process's lock
    bool readOnly = false;     // open without creating, migrating or writing
    bool create = true;        // create the file (and its directory) when it does not exist
};

class Database;

class Statement {
public:
    Statement() = default;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in sqlite3_bind_* (https://www.sqlite.org/c3ref/bind_blob.html).
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, std::string_view bytes);
    Statement& bindNull(int index);

    Result<bool> step();  // true: a row is available; false: done
    Status run();         // steps to the end (for INSERT/UPDATE/DELETE), then resets
    void reset();         // ready to run again; bindings are kept

    std::int64_t int64(int column) const;  // columns are 0-based
    double real(int column) const;
    std::string text(int column) const;
    std::string_view textView(int column) const;  // valid until the next step/reset
    bool isNull(int column) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* s, const void* owner) : stmt_(s), owner_(owner) {}
    sqlite3_stmt* stmt_ = nullptr;
    const void* owner_ = nullptr;  // Database::Impl, for error messages
};

class Database {
public:
    static Result<Database> open(const std::string& path, const DatabaseOptions& options = {});
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    const std::string& path() const;
    int schemaVersion() const;

    Result<Statement> prepare(std::string_view sql) const;
    Status exec(std::string_view sql);  // one or more statements without parameters

    // Runs work inside a write transaction (BEGIN IMMEDIATE ... COMMIT). If work returns an Error, or
    // throws, everything it wrote is rolled back. Nested calls become savepoints.
    Status transaction(const std::function<Status()>& work);

    std::int64_t lastInsertId() const;
    int changes() const;  // rows changed by the last INSERT/UPDATE/DELETE
    // "ok", or the list of problems PRAGMA integrity_check reports.
    Result<std::string> integrityCheck() const;

    sqlite3* handle() const;
    // An Error for a SQLite result code, naming the file; context says what was being done.
    Error error(int rc, const std::string& context) const;

    struct Impl;

private:
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

// Who holds a lock on the database file or its WAL index ("pid 1234 (sonde-cli)"), when another
// process does and the OS tells (/proc/locks). Empty when unknown.
std::string lockHolder(const std::string& path);

}  // namespace sonde
