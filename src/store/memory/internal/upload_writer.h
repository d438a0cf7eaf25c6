// The MemoryStore's UploadWriter: it stages the upload's rows, warnings and file in itself, next
// to its batch writer's versions and quarantine, and hands all of them to the store in one step
// under the store's lock at Commit. Private to store/memory.
#ifndef XIANJIE_STORE_MEMORY_INTERNAL_UPLOAD_WRITER_H_
#define XIANJIE_STORE_MEMORY_INTERNAL_UPLOAD_WRITER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "exchange/exchange_store.h"
#include "store/memory/internal/batch_writer.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {

// Used by one thread at a time, like every writer.
class MemoryUploadWriter final : public exchange::UploadWriter {
 public:
  // `content` is the file's bytes, or nullopt when the store holds them already.
  MemoryUploadWriter(MemoryStore* store, exchange::UploadRecord upload,
                     std::unique_ptr<MemoryBatchWriter> batch, std::optional<std::string> content)
      : UploadWriter(std::move(upload)),
        store_(store),
        batch_(std::move(batch)),
        content_(std::move(content)) {}
  // Destroying the batch writer discards it and lets the store open another.
  ~MemoryUploadWriter() override = default;

  registry::BatchWriter& batch() override { return *batch_; }
  // kAlreadyExists for a row number given before (the writer stays usable).
  Status PutRow(const exchange::DeptRow& row) override;
  Result<bool> PutWarning(const exchange::DeptWarning& warning) override;
  // A refused final record (kInvalidArgument) writes nothing and leaves the writer usable.
  Status Commit(const exchange::UploadRecord& final_record) override;

 private:
  Status Usable() const;

  MemoryStore* store_;
  std::unique_ptr<MemoryBatchWriter> batch_;
  std::optional<std::string> content_;
  bool committed_ = false;
  std::vector<MemoryStore::RowPtr> rows_;
  std::unordered_set<int64_t> row_numbers_;
  std::vector<exchange::DeptWarning> warnings_;
  std::set<MemoryStore::WarningKey> warning_keys_;  // those of warnings_
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_MEMORY_INTERNAL_UPLOAD_WRITER_H_
