// SqliteStore: opening and checking the file, the reader pool, batches, regions and counts.
// Household reads are in sqlite_household_reads.cc.
#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "store/internal/open_batch_error.h"
#include "store/sqlite/internal/batch_writer.h"
#include "store/sqlite/internal/connection.h"
#include "store/sqlite/internal/reader.h"
#include "store/sqlite/migrations.h"

namespace xianjie::store {
namespace {

using registry::BatchInfo;
using registry::Region;
using sqlite_internal::Annotate;
using sqlite_internal::Connection;

// Idle read connections kept open for the next call; more are opened when calls overlap.
constexpr size_t kMaxIdleReaders = 4;
// A WAL file that grew during a big batch is cut back to this size after a checkpoint.
constexpr char kJournalSizeLimit[] = "PRAGMA journal_size_limit = 67108864";

constexpr char kBatchColumns[] =
    "SELECT batch_id, source, user_name, households_file, members_file, started_at, "
    "coalesce(finished_at, ''), as_of, coalesce(report_json, '') FROM batch";

// Checks that the file is a Xianjie database, or (with kCreate) an empty one to initialize.
Status CheckIdentity(Connection& connection, OpenMode mode) {
  const std::string& path = connection.path();
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
    return IoError(
        "database '" + connection.path() + "' cannot use write-ahead logging (journal mode is " +
        std::string(row ? mode.Text(0) : "unknown") + "); put it on a local file system");
  }
  return Status::Ok();
}

Result<BatchInfo> ReadBatch(const sqlite_internal::Statement& row) {
  BatchInfo b;
  b.batch_id = row.Int(0);
  b.source.assign(row.Text(1));
  b.user.assign(row.Text(2));
  b.households_file.assign(row.Text(3));
  b.members_file.assign(row.Text(4));
  b.started_at.assign(row.Text(5));
  b.finished_at.assign(row.Text(6));
  auto as_of = ParseDate(row.Text(7));
  if (!as_of.ok()) {
    return DataLoss("database '" + row.path() + "' holds batch " + std::to_string(b.batch_id) +
                    " with an invalid as-of date; restore the database from a backup");
  }
  b.as_of = *as_of;
  b.report_json.assign(row.Text(8));
  return b;
}

}  // namespace

SqliteStore::SqliteStore(std::string path, SqliteOptions options)
    : path_(std::move(path)), options_(options) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, OpenMode mode,
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
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, options));
  XJ_ASSIGN_OR_RETURN(store->writer_connection_,
                      Connection::Open(path, {.create = mode == OpenMode::kCreate,
                                              .busy_timeout_ms = options.busy_timeout_ms}));
  Connection& connection = *store->writer_connection_;
  XJ_RETURN_IF_ERROR(CheckIdentity(connection, mode));
  XJ_RETURN_IF_ERROR(SwitchToWal(connection));
  XJ_RETURN_IF_ERROR(connection.Exec(kJournalSizeLimit));
  XJ_RETURN_IF_ERROR(Migrate(connection));
  return store;
}

Result<SqliteStore::Reader> SqliteStore::AcquireReader() {
  {
    std::lock_guard lock(pool_mu_);
    if (!idle_readers_.empty()) {
      Reader reader(this, std::move(idle_readers_.back()));
      idle_readers_.pop_back();
      return reader;
    }
  }
  XJ_ASSIGN_OR_RETURN(
      auto connection,
      Connection::Open(path_, {.query_only = true, .busy_timeout_ms = options_.busy_timeout_ms}));
  return Reader(this, std::move(connection));
}

void SqliteStore::ReturnReader(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(pool_mu_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(connection));
}

Status SqliteStore::ReplaceRegions(std::span<const Region> regions) {
  std::vector<uint64_t> codes;
  codes.reserve(regions.size());
  for (const Region& r : regions) {
    if (!r.code.valid()) return InvalidArgument("region '" + r.name + "' has no code");
    codes.push_back(r.code.value());
  }
  std::sort(codes.begin(), codes.end());
  auto twice = std::adjacent_find(codes.begin(), codes.end());
  if (twice != codes.end()) {
    return InvalidArgument("region code " + std::to_string(*twice) + " is given twice");
  }
  std::lock_guard lock(write_mu_);
  if (batch_open_) {
    return FailedPrecondition("cannot replace the regions while batch " +
                              std::to_string(open_batch_.batch_id) + " is open");
  }
  Connection& connection = *writer_connection_;
  XJ_RETURN_IF_ERROR(Annotate(connection.Exec("BEGIN IMMEDIATE"), "replacing the regions"));
  auto write = [&]() -> Status {
    XJ_RETURN_IF_ERROR(connection.Exec("DELETE FROM region"));
    for (const Region& r : regions) {
      XJ_ASSIGN_OR_RETURN(auto insert,
                          connection.Prepare("INSERT INTO region (code, name) VALUES (?1, ?2)"));
      insert.Bind(1, static_cast<int64_t>(r.code.value()));
      insert.BindText(2, r.name);
      XJ_RETURN_IF_ERROR(insert.Run());
    }
    return connection.Exec("COMMIT");
  };
  Status status = write();
  if (!status.ok() && connection.InTransaction()) (void)connection.Exec("ROLLBACK");
  return Annotate(status, "replacing the regions");
}

Result<std::vector<Region>> SqliteStore::LoadRegions() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare("SELECT code, name FROM region ORDER BY code"));
  std::vector<Region> regions;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    auto code = RegionCode::Parse(std::to_string(select.Int(0)));
    if (!code.ok()) {
      return DataLoss("database '" + path_ + "' holds an invalid region code " +
                      std::to_string(select.Int(0)) + "; restore the database from a backup");
    }
    regions.push_back(Region{*code, std::string(select.Text(1))});
  }
  return regions;
}

Result<std::unique_ptr<registry::BatchWriter>> SqliteStore::BeginBatch(BatchInfo info) {
  XJ_ASSIGN_OR_RETURN(auto writer, OpenBatchWriter(std::move(info)));
  return std::unique_ptr<registry::BatchWriter>(std::move(writer));
}

Result<std::unique_ptr<sqlite_internal::SqliteBatchWriter>> SqliteStore::OpenBatchWriter(
    BatchInfo info) {
  {
    std::lock_guard lock(write_mu_);
    if (batch_open_) {
      return internal::BatchStillOpen(open_batch_);
    }
    if (writer_connection_->InTransaction()) (void)writer_connection_->Exec("ROLLBACK");
    batch_open_ = true;
  }
  // From here until on_close the connection belongs to the writer; the lock is not held, so a
  // writer that fails to begin can run on_close.
  auto on_close = [this] {
    std::lock_guard lock(write_mu_);
    batch_open_ = false;
  };
  XJ_ASSIGN_OR_RETURN(auto writer, sqlite_internal::SqliteBatchWriter::Begin(
                                       writer_connection_.get(), std::move(info),
                                       options_.batch_cache_kib, std::move(on_close)));
  {
    std::lock_guard lock(write_mu_);
    open_batch_ = writer->info();
  }
  return writer;
}

Result<std::optional<BatchInfo>> SqliteStore::GetBatch(int64_t batch_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kBatchColumns) + " WHERE batch_id = ?1"));
  select.Bind(1, batch_id);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<BatchInfo>();
  XJ_ASSIGN_OR_RETURN(BatchInfo batch, ReadBatch(select));
  return std::optional<BatchInfo>(std::move(batch));
}

Result<std::vector<BatchInfo>> SqliteStore::ListBatches() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kBatchColumns) + " ORDER BY batch_id"));
  std::vector<BatchInfo> batches;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    XJ_ASSIGN_OR_RETURN(BatchInfo batch, ReadBatch(select));
    batches.push_back(std::move(batch));
  }
  return batches;
}

Result<std::vector<registry::QuarantineEntry>> SqliteStore::Quarantine(int64_t batch_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare("SELECT batch_id, file, line, column_name, rule, raw_value, message, "
                      "record FROM quarantine WHERE batch_id = ?1 ORDER BY file, line, rowid"));
  select.Bind(1, batch_id);
  std::vector<registry::QuarantineEntry> entries;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    entries.push_back({select.Int(0), std::string(select.Text(1)), select.Int(2),
                       std::string(select.Text(3)), std::string(select.Text(4)),
                       std::string(select.Text(5)), std::string(select.Text(6)),
                       std::string(select.Text(7))});
  }
  return entries;
}

Result<registry::RegistryCounts> SqliteStore::Counts() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // One statement, one snapshot. Versions are numbered 1..current without gaps, so their
  // number is the sum of the current versions.
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare("SELECT count(*), coalesce(sum(current_members), 0), "
                      "coalesce(sum(current_version), 0), (SELECT count(*) FROM batch), "
                      "(SELECT count(*) FROM quarantine), (SELECT count(*) FROM region) "
                      "FROM household"));
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return Internal("database '" + path_ + "': counting returned no row");
  return registry::RegistryCounts{select.Int(0), select.Int(1), select.Int(2),
                                  select.Int(3), select.Int(4), select.Int(5)};
}

}  // namespace xianjie::store
