// Numbered schema migrations and the runner that applies them, for either driver. Each driver
// keeps its own list (store/sqlite/migrations.h, store/postgres/migrations.h) with the same
// numbers and names; a migration is SQL text frozen once released, and a change to the schema is
// a new migration in both lists.
#ifndef XIANJIE_STORE_SQL_MIGRATE_H_
#define XIANJIE_STORE_SQL_MIGRATE_H_

#include <span>
#include <string_view>

#include "base/status.h"

namespace xianjie::store {

namespace sql_internal {
class Connection;
}  // namespace sql_internal

struct Migration {
  int version;            // 1, 2, ... in order, without gaps
  std::string_view name;  // "0001_registry"
  const char* sql;        // one or more statements; run inside the migration's transaction
};

// Whether the database has a schema_migrations table: what marks it as Xianjie's.
Result<bool> HasMigrationsTable(sql_internal::Connection& connection);
// The highest version recorded in schema_migrations, or 0 when there is none (or no table).
Result<int> AppliedSchemaVersion(sql_internal::Connection& connection);

// Applies the pending migrations of `migrations` (in version order, without gaps after the
// first; the first may start above 1, and is then applied to a new database only: a baseline
// that stands for the versions up to its own), each in its own write transaction that also
// records it in schema_migrations(version, name, applied_at). Safe when several processes open
// the same new database at once: the version is re-read under the write lock. A database newer
// than the list gives kFailedPrecondition and is left untouched; kIoError if it is busy.
Status Migrate(sql_internal::Connection& connection, std::span<const Migration> migrations);

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_SQL_MIGRATE_H_
