// SqliteStore: uploads, their rows and department warnings (exchange::ExchangeStore, migration
// 0010). An upload is written by a SqliteUploadWriter inside its batch's transaction; reads run
// on the pool and see committed uploads only.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/internal/argument_checks.h"
#include "store/internal/exchange_checks.h"
#include "store/sqlite/internal/batch_writer.h"
#include "store/sqlite/internal/connection.h"
#include "store/sqlite/internal/exchange_rows.h"
#include "store/sqlite/internal/reader.h"
#include "store/sqlite/internal/upload_writer.h"
#include "store/sqlite/internal/where.h"
#include "store/sqlite/sqlite_store.h"

namespace xianjie::store {
namespace {

using exchange::DeptRow;
using exchange::DeptWarning;
using exchange::UploadRecord;
using sqlite_internal::Statement;

// The matched rows in ForEachFact's order, served by the partial index dept_fact_by_source
// (whose condition the query repeats so that SQLite may use it). `period >= ''` holds for every
// period, so one text serves "all periods".
constexpr char kFactsOfSource[] =
    "WHERE household_id <> '' AND source = ?1 AND period >= ?2 "
    "ORDER BY source, period, upload_id, row";
constexpr char kFactsOfAllSources[] =
    "WHERE household_id <> '' AND period >= ?1 ORDER BY source, period, upload_id, row";
// Likewise over dept_fact_by_household.
constexpr char kFactsOfHousehold[] =
    "WHERE household_id = ?1 AND household_id <> '' ORDER BY source, period, upload_id, row";

Result<std::optional<UploadRecord>> ReadOneUpload(Statement& select) {
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<UploadRecord>();
  return std::optional<UploadRecord>(sqlite_internal::ReadUpload(select));
}

// Steps `select` to its end, appending each row read by `read` (which returns a T) to `rows`.
template <typename T, typename Read>
Status AppendRows(Statement& select, Read read, std::vector<T>& rows) {
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    rows.push_back(read(select));
  }
}

// A committed upload's report and its batch's: the upload's first, whose change count says
// whether the upload exists.
constexpr char kUpdateUploadReport[] = "UPDATE upload SET report_json = ?2 WHERE upload_id = ?1";
constexpr char kUpdateBatchReport[] =
    "UPDATE batch SET report_json = ?2 "
    "WHERE batch_id = (SELECT batch_id FROM upload WHERE upload_id = ?1)";

}  // namespace

Result<std::unique_ptr<exchange::UploadWriter>> SqliteStore::BeginUpload(registry::BatchInfo batch,
                                                                         UploadRecord upload,
                                                                         std::string_view content) {
  XJ_RETURN_IF_ERROR(internal::CheckNewUpload(upload, content));
  XJ_ASSIGN_OR_RETURN(auto batch_writer, OpenBatchWriter(std::move(batch)));
  XJ_ASSIGN_OR_RETURN(auto writer, sqlite_internal::SqliteUploadWriter::Begin(
                                       std::move(batch_writer), std::move(upload), content));
  return std::unique_ptr<exchange::UploadWriter>(std::move(writer));
}

Result<std::optional<UploadRecord>> SqliteStore::FindUpload(std::string_view source,
                                                            std::string_view sha256) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sqlite_internal::kSelectUpload) +
                                                   "WHERE source = ?1 AND sha256 = ?2"));
  select.BindText(1, source);
  select.BindText(2, sha256);
  return ReadOneUpload(select);
}

Result<std::optional<UploadRecord>> SqliteStore::GetUpload(int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sqlite_internal::kSelectUpload) +
                                                   "WHERE upload_id = ?1"));
  select.Bind(1, upload_id);
  return ReadOneUpload(select);
}

Status SqliteStore::UpdateUploadReport(int64_t upload_id, std::string_view report_json) {
  XJ_RETURN_IF_ERROR(internal::CheckReport(upload_id, report_json));
  const std::string what = "updating the report of upload " + std::to_string(upload_id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(sqlite_internal::Connection * connection, ScreeningWriter());
  XJ_RETURN_IF_ERROR(sqlite_internal::Annotate(connection->Exec("BEGIN IMMEDIATE"), what));
  auto update = [&]() -> Status {
    XJ_ASSIGN_OR_RETURN(auto upload, connection->Prepare(kUpdateUploadReport));
    upload.Bind(1, upload_id);
    upload.BindText(2, report_json);
    XJ_RETURN_IF_ERROR(sqlite_internal::Annotate(upload.Run(), what));
    if (connection->Changes() == 0) return internal::NoSuchUpload(upload_id);
    XJ_ASSIGN_OR_RETURN(auto batch, connection->Prepare(kUpdateBatchReport));
    batch.Bind(1, upload_id);
    batch.BindText(2, report_json);
    XJ_RETURN_IF_ERROR(sqlite_internal::Annotate(batch.Run(), what));
    return sqlite_internal::Annotate(connection->Exec("COMMIT"), what);
  };
  const Status status = update();
  if (!status.ok() && connection->InTransaction()) (void)connection->Exec("ROLLBACK");
  return status;
}

Result<std::vector<UploadRecord>> SqliteStore::ListUploads(const exchange::UploadFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckUploadFilter(filter));
  sqlite_internal::Where where;
  if (!filter.source.empty()) where.Add("source = " + where.Param(filter.source));
  where.AddPrefix("region_code", filter.region_prefix);
  const int limit_param = where.NextParam();
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sqlite_internal::kSelectUpload) +
                                                   where.sql + " ORDER BY upload_id DESC LIMIT ?" +
                                                   std::to_string(limit_param) + " OFFSET ?" +
                                                   std::to_string(limit_param + 1)));
  where.Bind(select);
  select.Bind(limit_param, filter.limit > 0 ? filter.limit : -1);  // -1: no limit
  select.Bind(limit_param + 1, filter.offset);
  std::vector<UploadRecord> uploads;
  XJ_RETURN_IF_ERROR(AppendRows(select, sqlite_internal::ReadUpload, uploads));
  return uploads;
}

Result<std::optional<std::string>> SqliteStore::FileContent(std::string_view sha256) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare("SELECT content FROM source_file WHERE sha256 = ?1"));
  select.BindText(1, sha256);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(select.Blob(0)));
}

Result<std::vector<DeptRow>> SqliteStore::UploadRows(int64_t upload_id, bool unmatched_only) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare(std::string(sqlite_internal::kSelectDeptRow) + "WHERE upload_id = ?1" +
                      (unmatched_only ? " AND household_id = ''" : "") + " ORDER BY row"));
  select.Bind(1, upload_id);
  std::vector<DeptRow> rows;
  XJ_RETURN_IF_ERROR(AppendRows(select, sqlite_internal::ReadDeptRow, rows));
  return rows;
}

Status SqliteStore::ForEachFact(std::string_view source, std::string_view min_period,
                                const std::function<void(const DeptRow&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(sqlite_internal::kSelectDeptRow) +
                                      (source.empty() ? kFactsOfAllSources : kFactsOfSource)));
  if (source.empty()) {
    select.BindText(1, min_period);
  } else {
    select.BindText(1, source);
    select.BindText(2, min_period);
  }
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    fn(sqlite_internal::ReadDeptRow(select));
  }
}

Result<std::vector<DeptRow>> SqliteStore::FactsOfHouseholds(
    const std::vector<std::string>& household_ids) {
  const std::vector<std::string> ids = internal::SortedDistinct(household_ids);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sqlite_internal::ReadTransaction snapshot(*reader);
  XJ_RETURN_IF_ERROR(snapshot.Begin());
  std::vector<DeptRow> rows;
  for (const std::string& id : ids) {
    XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sqlite_internal::kSelectDeptRow) +
                                                     kFactsOfHousehold));
    select.BindText(1, id);
    XJ_RETURN_IF_ERROR(AppendRows(select, sqlite_internal::ReadDeptRow, rows));
  }
  return rows;
}

Result<std::vector<DeptWarning>> SqliteStore::WarningsOf(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sqlite_internal::kSelectWarning) +
                                                   "WHERE household_id = ?1 ORDER BY warning_id"));
  select.BindText(1, household_id);
  std::vector<DeptWarning> warnings;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return warnings;
    XJ_ASSIGN_OR_RETURN(DeptWarning warning, sqlite_internal::ReadWarning(select));
    warnings.push_back(std::move(warning));
  }
}

Result<std::vector<DeptWarning>> SqliteStore::WarningsOfHouseholds(
    const std::vector<std::string>& household_ids) {
  const std::vector<std::string> ids = internal::SortedDistinct(household_ids);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sqlite_internal::ReadTransaction snapshot(*reader);
  XJ_RETURN_IF_ERROR(snapshot.Begin());
  std::vector<DeptWarning> warnings;
  for (const std::string& id : ids) {
    XJ_ASSIGN_OR_RETURN(auto select,
                        reader->Prepare(std::string(sqlite_internal::kSelectWarning) +
                                        "WHERE household_id = ?1 ORDER BY warning_id"));
    select.BindText(1, id);
    for (;;) {
      XJ_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      XJ_ASSIGN_OR_RETURN(DeptWarning warning, sqlite_internal::ReadWarning(select));
      warnings.push_back(std::move(warning));
    }
  }
  return warnings;
}

Result<std::vector<DeptWarning>> SqliteStore::Warnings(int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sqlite_internal::kSelectWarning) +
                                                   (upload_id == 0 ? "" : "WHERE upload_id = ?1") +
                                                   " ORDER BY warning_id"));
  if (upload_id != 0) select.Bind(1, upload_id);
  std::vector<DeptWarning> warnings;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return warnings;
    XJ_ASSIGN_OR_RETURN(DeptWarning warning, sqlite_internal::ReadWarning(select));
    warnings.push_back(std::move(warning));
  }
}

}  // namespace xianjie::store
