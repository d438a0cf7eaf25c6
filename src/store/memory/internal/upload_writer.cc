// Staging an upload in memory and handing it to the MemoryStore with its batch at Commit.
#include "store/memory/internal/upload_writer.h"

#include <algorithm>
#include <utility>

#include "store/internal/exchange_checks.h"

namespace xianjie::store {

Status MemoryUploadWriter::Usable() const {
  if (committed_) return internal::UploadCommitted(upload_.id);
  return batch_->Usable();
}

Status MemoryUploadWriter::PutRow(const exchange::DeptRow& row) {
  XJ_RETURN_IF_ERROR(Usable());
  XJ_RETURN_IF_ERROR(internal::CheckRow(upload_, row));
  if (!row_numbers_.insert(row.row).second) return internal::RowRepeated(upload_.id, row.row);
  auto stored = std::make_shared<exchange::DeptRow>(row);
  stored->upload_id = upload_.id;
  rows_.push_back(std::move(stored));
  return Status::Ok();
}

Result<bool> MemoryUploadWriter::PutWarning(const exchange::DeptWarning& warning) {
  XJ_RETURN_IF_ERROR(Usable());
  XJ_RETURN_IF_ERROR(internal::CheckWarning(upload_, warning));
  MemoryStore::WarningKey key{warning.source, warning.person_key, warning.period};
  // Only an upload writes warnings, and one upload is open at a time: what is committed now is
  // still all that is committed when this one commits.
  if (warning_keys_.contains(key) || store_->WarningRecorded(key)) return false;
  exchange::DeptWarning& stored = warnings_.emplace_back(warning);
  stored.id = 0;  // numbered at Commit
  stored.upload_id = upload_.id;
  stored.raised_at = internal::RaisedAt(upload_, warning);
  warning_keys_.insert(std::move(key));
  return true;
}

Status MemoryUploadWriter::Commit(const exchange::UploadRecord& final_record) {
  XJ_RETURN_IF_ERROR(Usable());
  XJ_RETURN_IF_ERROR(internal::CheckFinalCounts(upload_, final_record));
  MemoryStore::StagedUpload staged;
  staged.record = upload_;
  staged.record.read = final_record.read;
  staged.record.accepted = final_record.accepted;
  staged.record.quarantined = final_record.quarantined;
  staged.record.unmatched = final_record.unmatched;
  staged.record.warnings = final_record.warnings;
  staged.record.updated_households = final_record.updated_households;
  staged.record.report_json = final_record.report_json;
  exchange::UploadRecord committed = staged.record;
  std::stable_sort(
      rows_.begin(), rows_.end(),
      [](const MemoryStore::RowPtr& a, const MemoryStore::RowPtr& b) { return a->row < b->row; });
  staged.content = std::move(content_);
  staged.rows = std::move(rows_);
  staged.warnings = std::move(warnings_);
  XJ_RETURN_IF_ERROR(batch_->CommitWith(committed.report_json,
                                        [&] { store_->ApplyUploadLocked(std::move(staged)); }));
  committed_ = true;
  upload_ = std::move(committed);
  rows_.clear();
  row_numbers_.clear();
  warnings_.clear();
  warning_keys_.clear();
  return Status::Ok();
}

}  // namespace xianjie::store
