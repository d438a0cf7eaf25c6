// Opening a SQLite registry: checking the file, WAL, migrations, and the driver that gives the
// SQL store its connections.
#include "store/sqlite/sqlite_store.h"

#include <filesystem>
#include <utility>

#include "store/sql/migrate.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_connection.h"

namespace xianjie::store {
namespace {

using sql_internal::Connection;
using sqlite_internal::SqliteConnection;

// A WAL file that grew during a big batch is cut back to this size after a checkpoint.
constexpr char kJournalSizeLimit[] = "PRAGMA journal_size_limit = 67108864";

class SqliteDriver final : public sql_internal::Driver {
 public:
  SqliteDriver(std::string path, SqliteOptions options)
      : path_(std::move(path)), options_(options) {}

  Result<std::unique_ptr<Connection>> Connect(Role role) override {
    XJ_ASSIGN_OR_RETURN(auto connection, Open(role, /*create=*/false));
    return std::unique_ptr<Connection>(std::move(connection));
  }
  const std::string& database() const override { return path_; }

  Result<std::unique_ptr<SqliteConnection>> Open(Role role, bool create) const {
    return SqliteConnection::Open(path_, {.create = create,
                                          .query_only = role == Role::kReader,
                                          .busy_timeout_ms = options_.busy_timeout_ms,
                                          .batch_cache_kib = options_.batch_cache_kib});
  }

 private:
  const std::string path_;
  const SqliteOptions options_;
};

// Checks that the file is a Xianjie database, or (with kCreate) an empty one to initialize.
Status CheckSqliteIdentity(Connection& connection, OpenMode mode) {
  const std::string& path = connection.database();
  XJ_ASSIGN_OR_RETURN(bool xianjie, HasMigrationsTable(connection));
  if (xianjie) return Status::Ok();
  XJ_ASSIGN_OR_RETURN(auto objects, connection.Prepare("SELECT count(*) FROM sqlite_schema"));
  XJ_ASSIGN_OR_RETURN(bool row, objects.Step());
  if (row && objects.Int(0) > 0) {
    return FailedPrecondition("'" + path +
                              "' is a SQLite database but not a Xianjie registry (it has no "
                              "schema_migrations table); check the --db path");
  }
  if (mode == OpenMode::kExisting) {
    return FailedPrecondition("'" + path +
                              "' is an empty SQLite database, not a Xianjie "
                              "registry; create it with: xianjie init --db " +
                              path);
  }
  return Status::Ok();
}

Status SwitchToWal(Connection& connection) {
  XJ_ASSIGN_OR_RETURN(auto mode, connection.Prepare("PRAGMA journal_mode = WAL"));
  XJ_ASSIGN_OR_RETURN(bool row, mode.Step());
  if (!row || mode.Text(0) != "wal") {
    return IoError("database '" + connection.database() +
                   "' cannot use write-ahead logging (journal mode is " +
                   std::string(row ? mode.Text(0) : "unknown") +
                   "); put it on a local file system");
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SqlStore>> SqliteStore::Open(const std::string& path, OpenMode mode,
                                                    SqliteOptions options) {
  std::error_code error;
  auto status = std::filesystem::status(path, error);
  bool exists = std::filesystem::exists(status);
  if (mode == OpenMode::kExisting && !exists) {
    return NotFound("database '" + path + "' does not exist; create it with: xianjie init --db " +
                    path);
  }
  if (std::filesystem::is_directory(status)) {
    return FailedPrecondition("'" + path + "' is a directory, not a database file");
  }
  auto driver = std::make_unique<SqliteDriver>(path, options);
  XJ_ASSIGN_OR_RETURN(auto connection, driver->Open(sql_internal::Driver::Role::kWriter,
                                                    /*create=*/mode == OpenMode::kCreate));
  XJ_RETURN_IF_ERROR(CheckSqliteIdentity(*connection, mode));
  XJ_RETURN_IF_ERROR(SwitchToWal(*connection));
  XJ_RETURN_IF_ERROR(connection->Exec(kJournalSizeLimit));
  XJ_RETURN_IF_ERROR(Migrate(*connection, Migrations()));
  return std::make_unique<SqlStore>(std::move(driver), std::move(connection));
}

}  // namespace xianjie::store
