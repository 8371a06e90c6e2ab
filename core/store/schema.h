#pragma once
// The store's schema and its forward migrations. PRAGMA user_version holds the schema version; each
// migration k takes a version k-1 database to version k inside one transaction, so a crash in the
// middle leaves the old version intact. A new database runs every migration from 1 (there is one path
// to the current schema, and it is the tested one). The version 1 SQL stays here forever: the
// migration test creates a version 1 database from it.
#include "core/model/result.h"

namespace sonde {

class Database;

constexpr int kSchemaVersion = 3;

// The SQL that takes a database from version toVersion-1 to toVersion (1..kSchemaVersion).
const char* migrationSql(int toVersion);
// Version 1, the first schema (what migrationSql(1) returns).
const char* schemaV1Sql();

Result<int> readUserVersion(const Database& db);
Result<int> countTables(const Database& db);  // tables in sqlite_schema (a fresh file has none)
// Runs the migrations from version `from` to kSchemaVersion in one transaction.
Status migrate(Database& db, int from);

}  // namespace sonde
