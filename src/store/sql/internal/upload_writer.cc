// Writing one upload inside its batch's SQLite transaction.
//
// The upload row is inserted last, at Commit, with the final counts; the rows' and warnings'
// references to it are deferred foreign keys, checked when the transaction commits. The upload
// id is the highest + 1, read under the batch's write lock, so a rolled-back upload leaves no gap
// (as batches, and as the memory store numbers them).
#include "store/sql/internal/upload_writer.h"

#include <string>
#include <utility>

#include "base/clock.h"
#include "store/internal/exchange_checks.h"
#include "store/sql/internal/exchange_rows.h"

namespace xianjie::store::sql_internal {
namespace {

constexpr char kCommittedUpload[] =
    "SELECT upload_id FROM upload WHERE source = ?1 AND sha256 = ?2";
constexpr char kNextUploadId[] = "SELECT coalesce(max(upload_id), 0) + 1 FROM upload";
constexpr char kInsertFile[] =
    "INSERT INTO source_file (sha256, bytes, content, stored_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (sha256) DO NOTHING";

}  // namespace

SqlUploadWriter::SqlUploadWriter(std::unique_ptr<SqlBatchWriter> batch,
                                 exchange::UploadRecord upload)
    : UploadWriter(std::move(upload)),
      batch_(std::move(batch)),
      connection_(batch_->connection()) {}

Result<std::unique_ptr<SqlUploadWriter>> SqlUploadWriter::Begin(
    std::unique_ptr<SqlBatchWriter> batch, exchange::UploadRecord upload,
    std::string_view content) {
  Connection& connection = *batch->connection();
  {
    // Read under the write lock: another process cannot commit the same file meanwhile.
    XJ_ASSIGN_OR_RETURN(auto select, connection.Prepare(kCommittedUpload));
    select.BindText(1, upload.source);
    select.BindText(2, upload.sha256);
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (row) return internal::UploadExists(upload.source, upload.sha256, select.Int(0));
  }
  {
    XJ_ASSIGN_OR_RETURN(auto next, connection.Prepare(kNextUploadId));
    XJ_ASSIGN_OR_RETURN(bool row, next.Step());
    upload.id = row ? next.Int(0) : 1;
  }
  upload.batch_id = batch->info().batch_id;
  {
    std::string stored_at = UtcNowIso8601();
    XJ_ASSIGN_OR_RETURN(auto insert, connection.Prepare(kInsertFile));
    insert.BindText(1, upload.sha256);
    insert.Bind(2, static_cast<int64_t>(content.size()));
    insert.BindBlob(3, content);
    insert.BindText(4, stored_at);
    XJ_RETURN_IF_ERROR(Annotate(insert.Run(), "storing file '" + upload.file_name + "'"));
  }
  batch->BelongToUpload(upload.id);
  std::unique_ptr<SqlUploadWriter> writer(new SqlUploadWriter(std::move(batch), std::move(upload)));
  XJ_ASSIGN_OR_RETURN(writer->insert_row_, connection.Compile(kInsertDeptRow));
  XJ_ASSIGN_OR_RETURN(writer->insert_warning_, connection.Compile(kInsertWarning));
  return writer;
}

Status SqlUploadWriter::Usable() const {
  if (committed_) return internal::UploadCommitted(upload_.id);
  return batch_->Usable();
}

Status SqlUploadWriter::PutRow(const exchange::DeptRow& row) {
  XJ_RETURN_IF_ERROR(Usable());
  XJ_RETURN_IF_ERROR(internal::CheckRow(upload_, row));
  Statement insert(insert_row_);
  BindDeptRow(insert, row, upload_.id);
  Status status = insert.Run();
  if (!status.ok()) {
    return batch_->Break(Annotate(status, "writing row " + std::to_string(row.row) + " of upload " +
                                              std::to_string(upload_.id)));
  }
  if (connection_->Changes() == 0) return internal::RowRepeated(upload_.id, row.row);
  return Status::Ok();
}

Result<bool> SqlUploadWriter::PutWarning(const exchange::DeptWarning& warning) {
  XJ_RETURN_IF_ERROR(Usable());
  XJ_RETURN_IF_ERROR(internal::CheckWarning(upload_, warning));
  // The unique key sees the warnings committed before and those of this transaction alike.
  WarningValues values(warning, upload_.id, internal::RaisedAt(upload_, warning));
  Statement insert(insert_warning_);
  values.Bind(insert);
  Status status = insert.Run();
  if (!status.ok()) {
    return batch_->Break(Annotate(status, "writing a warning of row " +
                                              std::to_string(warning.row) + " of upload " +
                                              std::to_string(upload_.id)));
  }
  return connection_->Changes() > 0;
}

Status SqlUploadWriter::Commit(const exchange::UploadRecord& final_record) {
  XJ_RETURN_IF_ERROR(Usable());
  XJ_RETURN_IF_ERROR(internal::CheckFinalCounts(upload_, final_record));
  exchange::UploadRecord record = upload_;
  record.read = final_record.read;
  record.accepted = final_record.accepted;
  record.quarantined = final_record.quarantined;
  record.unmatched = final_record.unmatched;
  record.warnings = final_record.warnings;
  record.updated_households = final_record.updated_households;
  record.report_json = final_record.report_json;
  auto insert_upload = [&]() -> Status {
    XJ_ASSIGN_OR_RETURN(auto insert, connection_->Prepare(kInsertUpload));
    BindUpload(insert, record);
    return Annotate(insert.Run(), "recording upload " + std::to_string(record.id));
  };
  XJ_RETURN_IF_ERROR(batch_->CommitWith(record.report_json, insert_upload));
  committed_ = true;
  upload_ = std::move(record);
  return Status::Ok();
}

}  // namespace xianjie::store::sql_internal
