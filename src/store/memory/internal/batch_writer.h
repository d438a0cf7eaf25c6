// The MemoryStore's BatchWriter: it stages versions and quarantine entries in itself and hands
// them to the store in one step at Commit. The batch of an upload is committed by its
// MemoryUploadWriter, with the upload's rows in the same step. Private to store/memory.
#ifndef XIANJIE_STORE_MEMORY_INTERNAL_BATCH_WRITER_H_
#define XIANJIE_STORE_MEMORY_INTERNAL_BATCH_WRITER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "registry/store.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {

// Used by one thread at a time, like every BatchWriter.
class MemoryBatchWriter final : public registry::BatchWriter {
 public:
  // `upload_id` is that of the upload the batch belongs to, or 0 for a plain batch.
  MemoryBatchWriter(MemoryStore* store, registry::BatchInfo info, int64_t upload_id = 0)
      : BatchWriter(std::move(info)), store_(store), upload_id_(upload_id) {}
  // Discards what is staged unless committed, and lets the store open another batch.
  ~MemoryBatchWriter() override;

  // The version is stored with this writer's batch id, whatever version.batch_id says.
  Status PutVersion(const registry::HouseholdVersion& version) override;
  Status PutQuarantine(const registry::QuarantineEntry& entry) override;
  // Applies the batch and closes it: the store may open the next batch at once.
  // kFailedPrecondition for the batch of an upload (MemoryUploadWriter::Commit commits it).
  Status Commit(std::string report_json) override;
  // Commits the batch (of an upload) as Commit does, running `apply_upload` under the store's
  // lock in the same step, so that no read sees the batch without the upload or the reverse.
  Status CommitWith(std::string report_json, const std::function<void()>& apply_upload);

  // kFailedPrecondition once committed.
  Status Usable() const;

 private:
  MemoryStore* store_;
  const int64_t upload_id_;
  bool committed_ = false;
  std::vector<MemoryStore::VersionPtr> versions_;
  std::map<std::string, int32_t> staged_current_;  // household_id -> latest staged version
  std::vector<registry::QuarantineEntry> quarantine_;
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_MEMORY_INTERNAL_BATCH_WRITER_H_
