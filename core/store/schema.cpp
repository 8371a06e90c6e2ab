#include "core/store/schema.h"

#include <string>

#include "core/store/database.h"

namespace sonde {

namespace {
// Version 1: workspaces, collections with nested folders and ordered requests, environments with
// variables, history. Never edit: add a migration instead.
const char* const kV1 = R"sql(
CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
INSERT INTO workspaces(name, created_at) VALUES ('Default', CAST(strftime('%s','now') AS INTEGER) * 1000);
CREATE TABLE collections (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  variables_json TEXT NOT NULL DEFAULT '[]',
  position INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
CREATE TABLE folders (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL,
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL
);
CREATE INDEX folders_by_parent ON folders(collection_id, parent_id, position);
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL,
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  folder_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  position INTEGER NOT NULL,
  spec_json TEXT NOT NULL
);
CREATE INDEX requests_by_folder ON requests(collection_id, folder_id, position);
CREATE INDEX requests_by_uid ON requests(uid);
CREATE TABLE environments (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  collection_id INTEGER REFERENCES collections(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE variables (
  id INTEGER PRIMARY KEY,
  environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  secret INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL
);
CREATE INDEX variables_by_environment ON variables(environment_id, position);
CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  sent_at INTEGER NOT NULL,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  status INTEGER NOT NULL,
  request_json TEXT NOT NULL,
  response_headers_json TEXT NOT NULL,
  timings_json TEXT NOT NULL,
  body BLOB,
  body_bytes INTEGER NOT NULL DEFAULT 0,
  body_truncated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX history_by_time ON history(sent_at);
)sql";

// Version 2: history is split so filters stay fast: the searchable columns stay in `history` (small
// rows, a scan of 100,000 is quick) and the request JSON, response headers, timings and body move to
// history_details. History gains the total time (backfilled from the timings JSON), transport errors,
// the reason phrase and links to the stored request. Runs are recorded.
const char* const kV2 = R"sql(
CREATE TABLE history_details (
  history_id INTEGER PRIMARY KEY REFERENCES history(id) ON DELETE CASCADE,
  request_json TEXT NOT NULL,
  response_headers_json TEXT NOT NULL,
  timings_json TEXT NOT NULL,
  body BLOB
);
INSERT INTO history_details(history_id, request_json, response_headers_json, timings_json, body)
  SELECT id, request_json, response_headers_json, timings_json, body FROM history;
ALTER TABLE history ADD COLUMN duration_ms REAL NOT NULL DEFAULT 0;
ALTER TABLE history ADD COLUMN error TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN collection_uid TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN request_uid TEXT NOT NULL DEFAULT '';
UPDATE history SET duration_ms = COALESCE(CAST(json_extract(timings_json, '$.total') AS REAL), 0);
ALTER TABLE history DROP COLUMN request_json;
ALTER TABLE history DROP COLUMN response_headers_json;
ALTER TABLE history DROP COLUMN timings_json;
ALTER TABLE history DROP COLUMN body;
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  collection TEXT NOT NULL,
  started_at TEXT NOT NULL,
  passed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  report_json TEXT NOT NULL
);
CREATE INDEX runs_by_start ON runs(started_at);
)sql";

// Version 3: GraphQL schemas cached per endpoint (the resolved URL), so an editor or the CLI has the
// schema at once and re-introspects only on request. `format` says what `body` holds: the
// introspection JSON or SDL text.
const char* const kV3 = R"sql(
CREATE TABLE graphql_schemas (
  endpoint TEXT PRIMARY KEY,
  format TEXT NOT NULL CHECK (format IN ('introspection', 'sdl')),
  body TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
);
)sql";
}  // namespace

const char* migrationSql(int toVersion) {
    switch (toVersion) {
        case 1: return kV1;
        case 2: return kV2;
        case 3: return kV3;
        default: return nullptr;
    }
}

const char* schemaV1Sql() { return kV1; }

Result<int> readUserVersion(const Database& db) {
    auto st = db.prepare("PRAGMA user_version");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    return static_cast<int>(st->int64(0));
}

Result<int> countTables(const Database& db) {
    auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    return static_cast<int>(st->int64(0));
}

Status migrate(Database& db, int from) {
    return db.transaction([&]() -> Status {
        // Re-read inside the write transaction: another process may have migrated meanwhile.
        auto now = readUserVersion(db);
        if (!now) return now.error();
        for (int v = *now > from ? *now : from; v < kSchemaVersion; ++v) {
            if (auto s = db.exec(migrationSql(v + 1)); !s) {
                Error e = s.error();
                e.title = "Could not upgrade the database to schema " + std::to_string(v + 1) + ": " + e.title;
                return e;
            }
            if (auto s = db.exec("PRAGMA user_version = " + std::to_string(v + 1)); !s) return s;
        }
        return {};
    });
}

}  // namespace sonde
