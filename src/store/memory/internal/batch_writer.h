// The MemoryStore's BatchWriter: it stages versions and quarantine entries in itself and hands
// them to the store in one step at Commit. Private to store/memory.
#ifndef XIANJIE_STORE_MEMORY_INTERNAL_BATCH_WRITER_H_
#define XIANJIE_STORE_MEMORY_INTERNAL_BATCH_WRITER_H_

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
  MemoryBatchWriter(MemoryStore* store, registry::BatchInfo info)
      : BatchWriter(std::move(info)), store_(store) {}
  // Discards what is staged unless committed, and lets the store open another batch.
  ~MemoryBatchWriter() override;

  // The version is stored with this writer's batch id, whatever version.batch_id says.
  Status PutVersion(const registry::HouseholdVersion& version) override;
  Status PutQuarantine(const registry::QuarantineEntry& entry) override;
  // Applies the batch and closes it: the store may open the next batch at once.
  Status Commit(std::string report_json) override;

 private:
  Status Usable() const;

  MemoryStore* store_;
  bool committed_ = false;
  std::vector<MemoryStore::VersionPtr> versions_;
  std::map<std::string, int32_t> staged_current_;  // household_id -> latest staged version
  std::vector<registry::QuarantineEntry> quarantine_;
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_MEMORY_INTERNAL_BATCH_WRITER_H_
