// SqlStore: uploads, their rows and department warnings (exchange::ExchangeStore, migration
// 0010). An upload is written by a SqlUploadWriter inside its batch's transaction; reads run
// on the pool and see committed uploads only.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/internal/argument_checks.h"
#include "store/internal/exchange_checks.h"
#include "store/sql/connection.h"
#include "store/sql/internal/batch_writer.h"
#include "store/sql/internal/exchange_rows.h"
#include "store/sql/internal/reader.h"
#include "store/sql/internal/upload_writer.h"
#include "store/sql/internal/where.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using exchange::DeptRow;
using exchange::DeptWarning;
using exchange::UploadRecord;
using sql_internal::Statement;

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
  return std::optional<UploadRecord>(sql_internal::ReadUpload(select));
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

Result<std::unique_ptr<exchange::UploadWriter>> SqlStore::BeginUpload(registry::BatchInfo batch,
                                                                      UploadRecord upload,
                                                                      std::string_view content) {
  XJ_RETURN_IF_ERROR(internal::CheckNewUpload(upload, content));
  XJ_ASSIGN_OR_RETURN(auto batch_writer, OpenBatchWriter(std::move(batch)));
  XJ_ASSIGN_OR_RETURN(auto writer, sql_internal::SqlUploadWriter::Begin(
                                       std::move(batch_writer), std::move(upload), content));
  return std::unique_ptr<exchange::UploadWriter>(std::move(writer));
}

Result<std::optional<UploadRecord>> SqlStore::FindUpload(std::string_view source,
                                                         std::string_view sha256) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectUpload) +
                                                   "WHERE source = ?1 AND sha256 = ?2"));
  select.BindText(1, source);
  select.BindText(2, sha256);
  return ReadOneUpload(select);
}

Result<std::optional<UploadRecord>> SqlStore::GetUpload(int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectUpload) +
                                                   "WHERE upload_id = ?1"));
  select.Bind(1, upload_id);
  return ReadOneUpload(select);
}

Status SqlStore::UpdateUploadReport(int64_t upload_id, std::string_view report_json) {
  XJ_RETURN_IF_ERROR(internal::CheckReport(upload_id, report_json));
  const std::string what = "updating the report of upload " + std::to_string(upload_id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(sql_internal::Connection * connection, ScreeningWriter());
  XJ_RETURN_IF_ERROR(sql_internal::Annotate(connection->BeginWrite(), what));
  auto update = [&]() -> Status {
    XJ_ASSIGN_OR_RETURN(auto upload, connection->Prepare(kUpdateUploadReport));
    upload.Bind(1, upload_id);
    upload.BindText(2, report_json);
    XJ_RETURN_IF_ERROR(sql_internal::Annotate(upload.Run(), what));
    if (connection->Changes() == 0) return internal::NoSuchUpload(upload_id);
    XJ_ASSIGN_OR_RETURN(auto batch, connection->Prepare(kUpdateBatchReport));
    batch.Bind(1, upload_id);
    batch.BindText(2, report_json);
    XJ_RETURN_IF_ERROR(sql_internal::Annotate(batch.Run(), what));
    return sql_internal::Annotate(connection->Commit(), what);
  };
  const Status status = update();
  if (!status.ok() && connection->InTransaction()) (void)connection->Rollback();
  return status;
}

Result<std::vector<UploadRecord>> SqlStore::ListUploads(const exchange::UploadFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckUploadFilter(filter));
  sql_internal::Where where;
  if (!filter.source.empty()) where.Add("source = " + where.Param(filter.source));
  where.AddPrefix("region_code", filter.region_prefix);
  const int limit_param = where.NextParam();
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectUpload) +
                                                   where.sql + " ORDER BY upload_id DESC LIMIT ?" +
                                                   std::to_string(limit_param) + " OFFSET ?" +
                                                   std::to_string(limit_param + 1)));
  where.Bind(select);
  sql_internal::BindPage(select, limit_param, filter.limit, filter.offset);
  std::vector<UploadRecord> uploads;
  XJ_RETURN_IF_ERROR(AppendRows(select, sql_internal::ReadUpload, uploads));
  return uploads;
}

Result<std::optional<std::string>> SqlStore::FileContent(std::string_view sha256) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare("SELECT content FROM source_file WHERE sha256 = ?1"));
  select.BindText(1, sha256);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(select.Blob(0)));
}

Result<std::vector<DeptRow>> SqlStore::UploadRows(int64_t upload_id, bool unmatched_only) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare(std::string(sql_internal::kSelectDeptRow) + "WHERE upload_id = ?1" +
                      (unmatched_only ? " AND household_id = ''" : "") + " ORDER BY row"));
  select.Bind(1, upload_id);
  std::vector<DeptRow> rows;
  XJ_RETURN_IF_ERROR(AppendRows(select, sql_internal::ReadDeptRow, rows));
  return rows;
}

Status SqlStore::ForEachFact(std::string_view source, std::string_view min_period,
                             const std::function<void(const DeptRow&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // One snapshot; streamed (a cursor on PostgreSQL).
  sql_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->PrepareScan(std::string(sql_internal::kSelectDeptRow) +
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
    fn(sql_internal::ReadDeptRow(select));
  }
}

Result<std::vector<DeptRow>> SqlStore::FactsOfHouseholds(
    const std::vector<std::string>& household_ids) {
  const std::vector<std::string> ids = internal::SortedDistinct(household_ids);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sql_internal::ReadTransaction snapshot(*reader);
  XJ_RETURN_IF_ERROR(snapshot.Begin());
  std::vector<DeptRow> rows;
  for (const std::string& id : ids) {
    XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectDeptRow) +
                                                     kFactsOfHousehold));
    select.BindText(1, id);
    XJ_RETURN_IF_ERROR(AppendRows(select, sql_internal::ReadDeptRow, rows));
  }
  return rows;
}

Result<std::vector<DeptWarning>> SqlStore::WarningsOf(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectWarning) +
                                                   "WHERE household_id = ?1 ORDER BY warning_id"));
  select.BindText(1, household_id);
  std::vector<DeptWarning> warnings;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return warnings;
    XJ_ASSIGN_OR_RETURN(DeptWarning warning, sql_internal::ReadWarning(select));
    warnings.push_back(std::move(warning));
  }
}

Result<std::vector<DeptWarning>> SqlStore::WarningsOfHouseholds(
    const std::vector<std::string>& household_ids) {
  const std::vector<std::string> ids = internal::SortedDistinct(household_ids);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sql_internal::ReadTransaction snapshot(*reader);
  XJ_RETURN_IF_ERROR(snapshot.Begin());
  std::vector<DeptWarning> warnings;
  for (const std::string& id : ids) {
    XJ_ASSIGN_OR_RETURN(auto select,
                        reader->Prepare(std::string(sql_internal::kSelectWarning) +
                                        "WHERE household_id = ?1 ORDER BY warning_id"));
    select.BindText(1, id);
    for (;;) {
      XJ_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      XJ_ASSIGN_OR_RETURN(DeptWarning warning, sql_internal::ReadWarning(select));
      warnings.push_back(std::move(warning));
    }
  }
  return warnings;
}

Result<std::vector<DeptWarning>> SqlStore::Warnings(int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectWarning) +
                                                   (upload_id == 0 ? "" : "WHERE upload_id = ?1") +
                                                   " ORDER BY warning_id"));
  if (upload_id != 0) select.Bind(1, upload_id);
  std::vector<DeptWarning> warnings;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return warnings;
    XJ_ASSIGN_OR_RETURN(DeptWarning warning, sql_internal::ReadWarning(select));
    warnings.push_back(std::move(warning));
  }
}

}  // namespace xianjie::store
