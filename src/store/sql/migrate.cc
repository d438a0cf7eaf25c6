// Applying the numbered migrations of either driver.
#include "store/sql/migrate.h"

#include <string>

#include "base/clock.h"
#include "store/sql/connection.h"

namespace xianjie::store {
namespace {

using sql_internal::Annotate;
using sql_internal::Connection;
using sql_internal::Dialect;

// The same text in both dialects.
constexpr const char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

int Latest(std::span<const Migration> migrations) { return migrations.back().version; }

Status NewerSchema(const Connection& connection, int applied, int latest) {
  return FailedPrecondition("database '" + connection.database() + "' has schema version " +
                            std::to_string(applied) + ", newer than this xianjie knows (" +
                            std::to_string(latest) + "); open it with a newer xianjie");
}

// Applies `migration` unless another process did while we waited for the lock. `previous` is
// the version the database must be at for it.
Status ApplyLocked(Connection& connection, const Migration& migration, int previous, int latest) {
  XJ_RETURN_IF_ERROR(connection.Exec(kCreateMigrationsTable));
  XJ_ASSIGN_OR_RETURN(int applied, AppliedSchemaVersion(connection));
  if (applied > latest) return NewerSchema(connection, applied, latest);
  if (applied >= migration.version) return Status::Ok();
  if (applied != previous) {
    return Internal("migration " + std::string(migration.name) + " follows version " +
                    std::to_string(applied));
  }
  XJ_RETURN_IF_ERROR(connection.Exec(migration.sql));
  XJ_ASSIGN_OR_RETURN(
      auto insert,
      connection.Prepare(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)"));
  std::string now = UtcNowIso8601();
  insert.Bind(1, migration.version);
  insert.BindText(2, migration.name);
  insert.BindText(3, now);
  return insert.Run();
}

}  // namespace

Result<bool> HasMigrationsTable(Connection& connection) {
  const char* sql = connection.dialect() == Dialect::kSqlite
                        ? "SELECT count(*) FROM sqlite_schema "
                          "WHERE type = 'table' AND name = 'schema_migrations'"
                        : "SELECT count(*) FROM pg_catalog.pg_tables "
                          "WHERE schemaname = current_schema() AND tablename = "
                          "'schema_migrations'";
  XJ_ASSIGN_OR_RETURN(auto exists, connection.Prepare(sql));
  XJ_ASSIGN_OR_RETURN(bool row, exists.Step());
  return row && exists.Int(0) > 0;
}

Result<int> AppliedSchemaVersion(Connection& connection) {
  XJ_ASSIGN_OR_RETURN(bool has_table, HasMigrationsTable(connection));
  if (!has_table) return 0;
  XJ_ASSIGN_OR_RETURN(
      auto max_version,
      connection.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
  XJ_ASSIGN_OR_RETURN(bool row, max_version.Step());
  return row ? static_cast<int>(max_version.Int(0)) : 0;
}

Status Migrate(Connection& connection, std::span<const Migration> migrations) {
  const int latest = Latest(migrations);
  // Read first, without the write lock: opening an up-to-date database must not wait for an
  // import that another process is running.
  XJ_ASSIGN_OR_RETURN(int applied, AppliedSchemaVersion(connection));
  if (applied > latest) return NewerSchema(connection, applied, latest);
  for (size_t i = 0; i < migrations.size(); ++i) {
    const Migration& migration = migrations[i];
    if (migration.version <= applied) continue;
    const int previous = i == 0 ? 0 : migrations[i - 1].version;
    std::string what = "applying schema migration " + std::string(migration.name);
    XJ_RETURN_IF_ERROR(Annotate(connection.BeginWrite(), what));
    Status status = ApplyLocked(connection, migration, previous, latest);
    if (status.ok()) status = connection.Commit();
    if (!status.ok()) {
      if (connection.InTransaction()) (void)connection.Rollback();
      return status.code() == StatusCode::kFailedPrecondition ? status : Annotate(status, what);
    }
  }
  return Status::Ok();
}

}  // namespace xianjie::store
