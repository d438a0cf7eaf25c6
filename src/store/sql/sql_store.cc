// SqlStore: the reader pool, batches, regions and counts. Household reads are in
// sql_household_reads.cc.
#include "store/sql/sql_store.h"

#include <algorithm>
#include <utility>

#include "store/internal/open_batch_error.h"
#include "store/sql/connection.h"
#include "store/sql/internal/batch_writer.h"
#include "store/sql/internal/reader.h"

namespace xianjie::store {
namespace {

using registry::BatchInfo;
using registry::Region;
using sql_internal::Annotate;
using sql_internal::Connection;

// Idle read connections kept open for the next call; more are opened when calls overlap.
constexpr size_t kMaxIdleReaders = 4;

constexpr char kBatchColumns[] =
    "SELECT batch_id, source, user_name, households_file, members_file, started_at, "
    "coalesce(finished_at, ''), as_of, coalesce(report_json, '') FROM batch";

Result<BatchInfo> ReadBatch(const sql_internal::Statement& row) {
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
    return DataLoss("database '" + row.database() + "' holds batch " + std::to_string(b.batch_id) +
                    " with an invalid as-of date; restore the database from a backup");
  }
  b.as_of = *as_of;
  b.report_json.assign(row.Text(8));
  return b;
}

}  // namespace

SqlStore::SqlStore(std::unique_ptr<sql_internal::Driver> driver, std::unique_ptr<Connection> writer)
    : driver_(std::move(driver)), writer_connection_(std::move(writer)) {}

SqlStore::~SqlStore() = default;

const std::string& SqlStore::database() const { return driver_->database(); }

Result<SqlStore::Reader> SqlStore::AcquireReader() {
  {
    std::lock_guard lock(pool_mu_);
    if (!idle_readers_.empty()) {
      Reader reader(this, std::move(idle_readers_.back()));
      idle_readers_.pop_back();
      return reader;
    }
  }
  XJ_ASSIGN_OR_RETURN(auto connection, driver_->Connect(sql_internal::Driver::Role::kReader));
  return Reader(this, std::move(connection));
}

void SqlStore::ReturnReader(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(pool_mu_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(connection));
}

Status SqlStore::ReplaceRegions(std::span<const Region> regions) {
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
  XJ_RETURN_IF_ERROR(Annotate(connection.BeginWrite(), "replacing the regions"));
  auto write = [&]() -> Status {
    XJ_RETURN_IF_ERROR(connection.Exec("DELETE FROM region"));
    // In bulk: a province's table is some 5,000 rows, one COPY on PostgreSQL.
    XJ_ASSIGN_OR_RETURN(auto insert, connection.BeginBulkInsert("region", {"code", "name"}));
    for (const Region& r : regions) {
      insert->Bind(1, static_cast<int64_t>(r.code.value()));
      insert->BindText(2, r.name);
      XJ_RETURN_IF_ERROR(insert->EndRow());
    }
    XJ_RETURN_IF_ERROR(insert->Flush());
    XJ_RETURN_IF_ERROR(connection.PartitionRegions());
    return connection.Commit();
  };
  Status status = write();
  if (!status.ok() && connection.InTransaction()) (void)connection.Rollback();
  return Annotate(status, "replacing the regions");
}

Result<std::vector<Region>> SqlStore::LoadRegions() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare("SELECT code, name FROM region ORDER BY code"));
  std::vector<Region> regions;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    auto code = RegionCode::Parse(std::to_string(select.Int(0)));
    if (!code.ok()) {
      return DataLoss("database '" + database() + "' holds an invalid region code " +
                      std::to_string(select.Int(0)) + "; restore the database from a backup");
    }
    regions.push_back(Region{*code, std::string(select.Text(1))});
  }
  return regions;
}

Result<std::unique_ptr<registry::BatchWriter>> SqlStore::BeginBatch(BatchInfo info) {
  XJ_ASSIGN_OR_RETURN(auto writer, OpenBatchWriter(std::move(info)));
  return std::unique_ptr<registry::BatchWriter>(std::move(writer));
}

Result<std::unique_ptr<sql_internal::SqlBatchWriter>> SqlStore::OpenBatchWriter(BatchInfo info) {
  {
    std::lock_guard lock(write_mu_);
    if (batch_open_) {
      return internal::BatchStillOpen(open_batch_);
    }
    if (writer_connection_->InTransaction()) (void)writer_connection_->Rollback();
    batch_open_ = true;
  }
  // From here until on_close the connection belongs to the writer; the lock is not held, so a
  // writer that fails to begin can run on_close.
  auto on_close = [this] {
    std::lock_guard lock(write_mu_);
    batch_open_ = false;
  };
  XJ_ASSIGN_OR_RETURN(auto writer,
                      sql_internal::SqlBatchWriter::Begin(writer_connection_.get(), std::move(info),
                                                          std::move(on_close)));
  {
    std::lock_guard lock(write_mu_);
    open_batch_ = writer->info();
  }
  return writer;
}

Result<std::optional<BatchInfo>> SqlStore::GetBatch(int64_t batch_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kBatchColumns) + " WHERE batch_id = ?1"));
  select.Bind(1, batch_id);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<BatchInfo>();
  XJ_ASSIGN_OR_RETURN(BatchInfo batch, ReadBatch(select));
  return std::optional<BatchInfo>(std::move(batch));
}

Result<std::vector<BatchInfo>> SqlStore::ListBatches() {
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

Result<std::vector<registry::QuarantineEntry>> SqlStore::Quarantine(int64_t batch_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // Entries of one line in the order they were written: SQLite's rowid, PostgreSQL's entry_id.
  const bool sqlite = reader->dialect() == sql_internal::Dialect::kSqlite;
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare(std::string("SELECT batch_id, file, line, column_name, rule, raw_value, "
                                  "message, record FROM quarantine WHERE batch_id = ?1 "
                                  "ORDER BY file, line, ") +
                      (sqlite ? "rowid" : "entry_id")));
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

Result<registry::RegistryCounts> SqlStore::Counts() {
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
  if (!row) return Internal("database '" + database() + "': counting returned no row");
  return registry::RegistryCounts{select.Int(0), select.Int(1), select.Int(2),
                                  select.Int(3), select.Int(4), select.Int(5)};
}

}  // namespace xianjie::store
