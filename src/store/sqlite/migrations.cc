// Schema migrations of the SQLite registry, as SQL text, and the runner that applies them.
//
// Conventions of the schema: money is INTEGER fen; booleans are INTEGER 0/1; dates are TEXT
// 'YYYY-MM-DD'; region codes are the 12-digit INTEGER; enumerations are stored as their code
// text of DOMAIN.md §13 ('head', 'M', 'lifted' ...), checked by the store when it reads them
// rather than by CHECK constraints, so that a new code never needs a table rebuild;
// content hashes are the int64 with the bits of the uint64.
#include "store/sqlite/migrations.h"

#include <string>

#include "store/internal/utc_now.h"
#include "store/sqlite/internal/connection.h"

namespace xianjie::store {
namespace {

using sqlite_internal::Annotate;
using sqlite_internal::Connection;

constexpr const char kRegistrySchema[] = R"sql(
CREATE TABLE region (
  code INTEGER PRIMARY KEY,  -- 12 digits, e.g. 630102001001
  name TEXT NOT NULL
);

-- One row per committed import; the row is written inside the batch's transaction, so a batch
-- that never committed leaves none.
CREATE TABLE batch (
  batch_id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  user_name TEXT NOT NULL,
  households_file TEXT NOT NULL,
  members_file TEXT NOT NULL,
  started_at TEXT NOT NULL,  -- UTC, ISO 8601
  finished_at TEXT,          -- set at commit
  as_of TEXT NOT NULL,       -- YYYY-MM-DD
  report_json TEXT           -- set at commit
);

-- The current version of each household, so that current reads need no MAX() and a new
-- version's number is checked by one keyed update. SUM(current_version) counts all versions.
CREATE TABLE household (
  household_id TEXT PRIMARY KEY,
  current_version INTEGER NOT NULL CHECK (current_version >= 1),
  current_hash INTEGER NOT NULL,
  current_members INTEGER NOT NULL CHECK (current_members >= 0)
) WITHOUT ROWID;

CREATE TABLE household_version (
  household_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  batch_id INTEGER NOT NULL REFERENCES batch (batch_id),
  content_hash INTEGER NOT NULL,
  village_code INTEGER NOT NULL,
  status TEXT NOT NULL,
  wage_income INTEGER NOT NULL,
  business_income INTEGER NOT NULL,
  property_income INTEGER NOT NULL,
  transfer_income INTEGER NOT NULL,
  production_costs INTEGER NOT NULL,
  prev_net_income INTEGER,  -- NULL: unknown
  rigid_medical INTEGER NOT NULL,
  rigid_education INTEGER NOT NULL,
  rigid_other INTEGER NOT NULL,
  housing_safe INTEGER NOT NULL CHECK (housing_safe IN (0, 1)),
  water_safe INTEGER NOT NULL CHECK (water_safe IN (0, 1)),
  PRIMARY KEY (household_id, version)
) WITHOUT ROWID;

CREATE TABLE member_version (
  household_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  seq INTEGER NOT NULL,  -- 0-based position in canonical order (the head first)
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  relation TEXT NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  labor TEXT NOT NULL,
  health TEXT NOT NULL,
  school_stage TEXT NOT NULL,
  enrolled INTEGER NOT NULL CHECK (enrolled IN (0, 1)),
  med_insured INTEGER NOT NULL CHECK (med_insured IN (0, 1)),
  pension_insured INTEGER NOT NULL CHECK (pension_insured IN (0, 1)),
  shares_household INTEGER NOT NULL CHECK (shares_household IN (0, 1)),
  PRIMARY KEY (household_id, version, seq),
  FOREIGN KEY (household_id, version) REFERENCES household_version (household_id, version)
) WITHOUT ROWID;

CREATE TABLE quarantine (
  batch_id INTEGER NOT NULL REFERENCES batch (batch_id),
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  column_name TEXT NOT NULL,  -- '' for a row-level rule
  rule TEXT NOT NULL,
  raw_value TEXT NOT NULL,
  message TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX quarantine_by_batch ON quarantine (batch_id, file, line);
)sql";

constexpr Migration kMigrations[] = {
    {1, "0001_registry", kRegistrySchema},
};

constexpr const char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

Status NewerSchema(const Connection& connection, int applied) {
  return FailedPrecondition("database '" + connection.path() + "' has schema version " +
                            std::to_string(applied) + ", newer than this xianjie knows (" +
                            std::to_string(LatestSchemaVersion()) +
                            "); open it with a newer xianjie");
}

// Applies `migration` unless another process did while we waited for the lock.
Status ApplyLocked(Connection& connection, const Migration& migration) {
  XJ_RETURN_IF_ERROR(connection.Exec(kCreateMigrationsTable));
  XJ_ASSIGN_OR_RETURN(int applied, AppliedSchemaVersion(connection));
  if (applied > LatestSchemaVersion()) return NewerSchema(connection, applied);
  if (applied >= migration.version) return Status::Ok();
  if (applied != migration.version - 1) {
    return Internal("migration " + std::string(migration.name) + " follows version " +
                    std::to_string(applied));
  }
  XJ_RETURN_IF_ERROR(connection.Exec(migration.sql));
  XJ_ASSIGN_OR_RETURN(
      auto insert,
      connection.Prepare(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)"));
  std::string now = internal::UtcNowIso8601();
  insert.Bind(1, migration.version);
  insert.BindText(2, migration.name);
  insert.BindText(3, now);
  return insert.Run();
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<bool> HasMigrationsTable(Connection& connection) {
  XJ_ASSIGN_OR_RETURN(auto exists,
                      connection.Prepare("SELECT count(*) FROM sqlite_schema "
                                         "WHERE type = 'table' AND name = 'schema_migrations'"));
  XJ_ASSIGN_OR_RETURN(bool row, exists.Step());
  return row && exists.Int(0) > 0;
}

Result<int> AppliedSchemaVersion(Connection& connection) {
  XJ_ASSIGN_OR_RETURN(bool has_table, HasMigrationsTable(connection));
  if (!has_table) return 0;
  XJ_ASSIGN_OR_RETURN(auto max_version,
                      connection.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
  XJ_ASSIGN_OR_RETURN(bool row, max_version.Step());
  return row ? static_cast<int>(max_version.Int(0)) : 0;
}

Status Migrate(Connection& connection) {
  // Read first, without the write lock: opening an up-to-date database must not wait for an
  // import that another process is running.
  XJ_ASSIGN_OR_RETURN(int applied, AppliedSchemaVersion(connection));
  if (applied > LatestSchemaVersion()) return NewerSchema(connection, applied);
  for (const Migration& migration : kMigrations) {
    if (migration.version <= applied) continue;
    std::string what = "applying schema migration " + std::string(migration.name);
    XJ_RETURN_IF_ERROR(Annotate(connection.Exec("BEGIN IMMEDIATE"), what));
    Status status = ApplyLocked(connection, migration);
    if (status.ok()) status = connection.Exec("COMMIT");
    if (!status.ok()) {
      if (connection.InTransaction()) (void)connection.Exec("ROLLBACK");
      return status.code() == StatusCode::kFailedPrecondition ? status : Annotate(status, what);
    }
  }
  return Status::Ok();
}

}  // namespace xianjie::store
