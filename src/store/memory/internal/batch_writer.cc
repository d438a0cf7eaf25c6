// Staging a batch in memory and handing it to the MemoryStore at Commit.
#include "store/memory/internal/batch_writer.h"

#include "base/clock.h"
#include "store/internal/exchange_checks.h"

namespace xianjie::store {

MemoryBatchWriter::~MemoryBatchWriter() {
  // A committed writer closed itself at Commit.
  if (!committed_) store_->CloseWriter();
}

Status MemoryBatchWriter::Usable() const {
  if (committed_) {
    return FailedPrecondition("batch " + std::to_string(info_.batch_id) +
                              " is already committed; start a new batch");
  }
  return Status::Ok();
}

Status MemoryBatchWriter::PutVersion(const registry::HouseholdVersion& version) {
  XJ_RETURN_IF_ERROR(Usable());
  const std::string& id = version.record.household.household_id;
  auto staged = staged_current_.find(id);
  int32_t current = staged != staged_current_.end() ? staged->second : store_->CurrentVersion(id);
  if (version.version != current + 1) {
    return FailedPrecondition("household " + id + ": cannot add version " +
                              std::to_string(version.version) + " when its current version is " +
                              std::to_string(current) + "; the next version must be " +
                              std::to_string(current + 1));
  }
  auto stored = std::make_shared<registry::HouseholdVersion>(version);
  stored->batch_id = info_.batch_id;
  versions_.push_back(std::move(stored));
  staged_current_[id] = version.version;
  return Status::Ok();
}

Status MemoryBatchWriter::PutQuarantine(const registry::QuarantineEntry& entry) {
  XJ_RETURN_IF_ERROR(Usable());
  registry::QuarantineEntry& stored = quarantine_.emplace_back(entry);
  stored.batch_id = info_.batch_id;
  return Status::Ok();
}

Status MemoryBatchWriter::Commit(std::string report_json) {
  XJ_RETURN_IF_ERROR(Usable());
  if (upload_id_ != 0) return internal::BatchOfUpload(info_.batch_id, upload_id_);
  return CommitWith(std::move(report_json), [] {});
}

Status MemoryBatchWriter::CommitWith(std::string report_json,
                                     const std::function<void()>& apply_upload) {
  XJ_RETURN_IF_ERROR(Usable());
  info_.finished_at = UtcNowIso8601();
  info_.report_json = std::move(report_json);
  store_->Apply(info_, std::move(versions_), std::move(quarantine_), apply_upload);
  versions_.clear();
  quarantine_.clear();
  staged_current_.clear();
  committed_ = true;
  return Status::Ok();
}

}  // namespace xianjie::store
