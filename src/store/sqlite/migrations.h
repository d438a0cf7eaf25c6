// The numbered schema migrations of the SQLite registry and the code that applies them. Each
// migration is SQL text frozen once released; a change to the schema is a new migration.
#ifndef XIANJIE_STORE_SQLITE_MIGRATIONS_H_
#define XIANJIE_STORE_SQLITE_MIGRATIONS_H_

#include <span>
#include <string_view>

#include "base/status.h"

namespace xianjie::store {

namespace sqlite_internal {
class Connection;
}  // namespace sqlite_internal

struct Migration {
  int version;            // 1, 2, ... in order, without gaps
  std::string_view name;  // "0001_registry"
  const char* sql;        // one or more statements; run inside the migration's transaction
};

// Every migration this binary knows, in version order.
std::span<const Migration> Migrations();
// The schema version this binary writes: the version of the last migration.
int LatestSchemaVersion();

// Whether the database has a schema_migrations table: what marks it as Xianjie's.
Result<bool> HasMigrationsTable(sqlite_internal::Connection& connection);
// The highest version recorded in schema_migrations, or 0 when there is none (or no table).
Result<int> AppliedSchemaVersion(sqlite_internal::Connection& connection);

// Applies the pending migrations, each in its own BEGIN IMMEDIATE transaction that also records
// it in schema_migrations(version, name, applied_at). Safe when several processes open the same
// new database at once: the version is re-read under the write lock. A database newer than
// this binary gives kFailedPrecondition and is left untouched; kIoError if it is busy.
Status Migrate(sqlite_internal::Connection& connection);

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_SQLITE_MIGRATIONS_H_
