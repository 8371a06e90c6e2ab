#include "core/store/database.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/store/schema.h"

namespace sonde {

namespace fs = std::filesystem;

std::string defaultDatabasePath() {
    if (const char* p = std::getenv("SONDE_DB"); p && *p) return p;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x == '/') return std::string(x) + "/sonde/sonde.db";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/sonde/sonde.db";
}

namespace {
// Finds, in /proc/locks, a POSIX lock held by another process on file over [start, end] (inclusive).
// Reading /proc/locks touches neither file: opening and closing a descriptor of a file SQLite has
// open would drop this process's own POSIX locks on it (https://www.sqlite.org/howtocorrupt.html,
// section 2.2), so F_GETLK on a fresh descriptor is not an option.
pid_t lockOwner(const std::string& file, unsigned long long start, unsigned long long end, bool writeOnly) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return 0;
    std::ifstream locks("/proc/locks");
    std::string line;
    while (std::getline(locks, line)) {
        std::istringstream in(line);
        std::string id, type, advisory, mode, devIno, from, to;
        long pid = 0;
        in >> id >> type;
        if (type == "->") continue;  // a waiter, not a holder
        in >> advisory >> mode >> pid >> devIno >> from >> to;
        if (!in || (type != "POSIX" && type != "OFDLCK") || pid <= 0 || pid == ::getpid()) continue;
        if (writeOnly && mode != "WRITE") continue;
        unsigned int maj = 0, min = 0;
        unsigned long long ino = 0;
        if (std::sscanf(devIno.c_str(), "%x:%x:%llu", &maj, &min, &ino) != 3) continue;
        if (ino != st.st_ino || maj != major(st.st_dev) || min != minor(st.st_dev)) continue;
        unsigned long long lo = std::stoull(from);
        unsigned long long hi = to == "EOF" ? ~0ull : std::stoull(to);
        if (lo <= end && hi >= start) return static_cast<pid_t>(pid);
    }
    return 0;
}
}  // namespace

std::string lockHolder(const std::string& path) {
    // WAL mode: a writer holds the WAL_WRITE_LOCK byte (offset 120) of the -shm file. Rollback
    // mode: the PENDING/RESERVED/SHARED bytes of the database file from 0x40000000
    // (https://www.sqlite.org/lockingv3.html, os_unix.c). Then any write lock on the -shm file.
    pid_t pid = lockOwner(path + "-shm", 120, 120, true);
    if (!pid) pid = lockOwner(path, 0x40000000, 0x40000000 + 511, true);
    if (!pid) pid = lockOwner(path + "-shm", 120, 127, true);
    if (!pid) return {};
    std::string out = "pid " + std::to_string(pid);
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    if (comm && std::getline(comm, name) && !name.empty()) out += " (" + name + ")";
    return out;
}

struct Database::Impl {
    sqlite3* db = nullptr;
    std::string path;
    int version = 0;
    ~Impl() {
        if (db) sqlite3_close_v2(db);  // https://www.sqlite.org/c3ref/close.html
    }
    Error error(int rc, const std::string& context) const {
        int primary = rc & 0xFF;
        std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            std::string who = lockHolder(path);
            return makeError("The database is locked by another process" + (who.empty() ? "" : " (" + who + ")") +
                                 (context.empty() ? "" : "; could not " + context),
                             path,
                             "Close the other Sonde window or sonde-cli run that uses this file and try again, "
                             "or pass --db to use another file",
                             "locked");
        }
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
            return makeError("The database file is damaged or is not a Sonde database (" + detail + ")", path,
                             "Sonde did not change it. Restore a backup or move the file aside; pass --db or "
                             "set SONDE_DB to use another file",
                             "corrupt");
        if (primary == SQLITE_CANTOPEN || primary == SQLITE_PERM || primary == SQLITE_READONLY)
            return makeError("Cannot open the database for " + context + " (" + detail + ")", path,
                             "Check that the file and its directory exist and are writable", "io");
        if (primary == SQLITE_FULL || primary == SQLITE_IOERR)
            return makeError("Could not " + context + ": " + detail, path,
                             "Free disk space or check the disk; nothing was half-written", "io");
        return makeError("Could not " + context + ": " + detail, path, {}, "sqlite");
    }
};

// ---- Statement ----

Statement::Statement(Statement&& o) noexcept : stmt_(o.stmt_), owner_(o.owner_) { o.stmt_ = nullptr; }
Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        if (stmt_) sqlite3_finalize(stmt_);
        stmt_ = o.stmt_;
        owner_ = o.owner_;
        o.stmt_ = nullptr;
    }
    return *this;
}
Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);  // https://www.sqlite.org/c3ref/finalize.html
}

Statement& Statement::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
}
Statement& Statement::bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
}
Statement& Statement::bind(int i, std::string_view t) {
    sqlite3_bind_text64(stmt_, i, t.data() ? t.data() : "", t.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Statement& Statement::bindBlob(int i, std::string_view b) {
    sqlite3_bind_blob64(stmt_, i, b.data() ? b.data() : "", b.size(), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const auto* impl = static_cast<const Database::Impl*>(owner_);
    Error e = impl->error(rc, "run " + std::string(sqlite3_sql(stmt_)).substr(0, 40));
    sqlite3_reset(stmt_);
    return e;
}

Status Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) return r.error();
        if (!*r) break;
    }
    reset();
    return {};
}

void Statement::reset() { sqlite3_reset(stmt_); }

std::int64_t Statement::int64(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::real(int c) const { return sqlite3_column_double(stmt_, c); }
std::string_view Statement::textView(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_blob(stmt_, c));
    int n = sqlite3_column_bytes(stmt_, c);
    return p ? std::string_view(p, static_cast<size_t>(n)) : std::string_view{};
}
std::string Statement::text(int c) const { return std::string(textView(c)); }
bool Statement::isNull(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }

// ---- Database ----

Database::Database(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

const std::string& Database::path() const { return d->path; }
int Database::schemaVersion() const { return d->version; }
sqlite3* Database::handle() const { return d->db; }
std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(d->db); }
int Database::changes() const { return sqlite3_changes(d->db); }
Error Database::error(int rc, const std::string& context) const { return d->error(rc, context); }

Result<Statement> Database::prepare(std::string_view sql) const {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(d->db, sql.data(), static_cast<int>(sql.size()), 0, &s, nullptr);
    if (rc != SQLITE_OK) return d->error(rc, "prepare a query");
    return Statement(s, d.get());
}

Status Database::exec(std::string_view sql) {
    std::string s(sql);
    int rc = sqlite3_exec(d->db, s.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return d->error(rc, "update the database");
    return {};
}

Status Database::transaction(const std::function<Status()>& work) {
    // Nested: a savepoint inside the outer transaction (https://www.sqlite.org/lang_savepoint.html).
    const bool nested = sqlite3_get_autocommit(d->db) == 0;
    if (auto s = exec(nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE"); !s) return s;
    auto rollback = [&] {
        if (nested)
            sqlite3_exec(d->db, "ROLLBACK TO nested; RELEASE nested", nullptr, nullptr, nullptr);
        else if (sqlite3_get_autocommit(d->db) == 0)
            sqlite3_exec(d->db, "ROLLBACK", nullptr, nullptr, nullptr);
    };
    Status result;
    try {
        result = work();
    } catch (...) {
        rollback();
        throw;
    }
    if (!result) {
        rollback();
        return result;
    }
    if (auto s = exec(nested ? "RELEASE nested" : "COMMIT"); !s) {
        rollback();
        return s;
    }
    return {};
}

Result<std::string> Database::integrityCheck() const {
    auto st = prepare("PRAGMA integrity_check");
    if (!st) return st.error();
    std::string out;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        if (!out.empty()) out += "\n";
        out += st->text(0);
    }
    return out;
}

Result<Database> Database::open(const std::string& path, const DatabaseOptions& options) {
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (!exists) {
        if (options.readOnly || !options.create)
            return makeError("The database file does not exist", path, "Check the path given with --db or SONDE_DB",
                             "not-found");
        fs::path parent = fs::path(path).parent_path();
        if (!parent.empty() && !fs::exists(parent, ec) && !fs::create_directories(parent, ec))
            return makeError("Cannot create the directory for the database (" + ec.message() + ")", parent.string(),
                             "Check permissions, or pass --db to use another file", "io");
    }
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    int flags = (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr);
    if (rc != SQLITE_OK) return impl->error(rc, "reading and writing");
    sqlite3_extended_result_codes(impl->db, 1);
    sqlite3_busy_timeout(impl->db, options.busyTimeoutMs);
    Database db(std::move(impl));

    // Read the version first: this is the first read of the file, and fails on a damaged file or one
    // that is not a database before anything is written to it.
    auto version = readUserVersion(db);
    if (!version) return version.error();
    if (*version > kSchemaVersion)
        return makeError("This database was written by a newer version of Sonde (schema " + std::to_string(*version) +
                             ", this build knows up to " + std::to_string(kSchemaVersion) + ")",
                         path, "Upgrade Sonde, or pass --db to use another file; the file was not changed",
                         "newer-schema");
    if (*version == 0) {
        auto foreign = countTables(db);
        if (!foreign) return foreign.error();
        if (*foreign > 0)
            return makeError("This SQLite file is not a Sonde database (it has tables but no Sonde schema)", path,
                             "Pass --db to use another file; this one was not changed", "not-sonde");
    }
    db.d->version = *version;
    if (options.readOnly) {
        if (*version < kSchemaVersion)
            return makeError("The database needs an upgrade, which a read-only open cannot do", path,
                             "Open it once without read-only", "needs-migration");
        if (auto s = db.exec("PRAGMA foreign_keys=ON"); !s) return s.error();
        return db;
    }
    // https://www.sqlite.org/pragma.html#pragma_journal_mode ; synchronous=FULL also in WAL mode so a
    // committed transaction survives a power cut, not only a crash.
    if (auto s = db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"); !s)
        return s.error();
    if (*version < kSchemaVersion) {
        if (auto s = migrate(db, *version); !s) return s.error();
        db.d->version = kSchemaVersion;
    }
    return db;
}

}  // namespace sonde
