// The SQLite UploadWriter: an upload's rows, warnings and file written in the transaction of its
// registry batch (SqlBatchWriter), on the same connection, with its statements compiled once;
// the upload row last, and the batch's COMMIT makes everything visible at once. Private to
// store/sqlite; SqlStore::BeginUpload makes it.
#ifndef XIANJIE_STORE_SQL_INTERNAL_UPLOAD_WRITER_H_
#define XIANJIE_STORE_SQL_INTERNAL_UPLOAD_WRITER_H_

#include <memory>
#include <string_view>

#include "exchange/exchange_store.h"
#include "store/sql/connection.h"
#include "store/sql/internal/batch_writer.h"

namespace xianjie::store::sql_internal {

// Used by one thread at a time, like every writer.
class SqlUploadWriter final : public exchange::UploadWriter {
 public:
  // Takes over `batch`, just begun: refuses (kAlreadyExists) a (source, sha256) already
  // committed, numbers the upload (the highest id + 1), stores `content` unless a file with its
  // SHA-256 is stored, and compiles the statements. On failure `batch` is destroyed, which rolls
  // its transaction back. The upload's identity fields were checked by the caller.
  static Result<std::unique_ptr<SqlUploadWriter>> Begin(std::unique_ptr<SqlBatchWriter> batch,
                                                        exchange::UploadRecord upload,
                                                        std::string_view content);
  // Destroying the batch rolls everything back unless committed.
  ~SqlUploadWriter() override = default;

  registry::BatchWriter& batch() override { return *batch_; }
  // kAlreadyExists for a row number given before (the writer stays usable); any failure of the
  // database breaks the batch (as a failed PutVersion does).
  Status PutRow(const exchange::DeptRow& row) override;
  Result<bool> PutWarning(const exchange::DeptWarning& warning) override;
  // A refused final record (kInvalidArgument) writes nothing and leaves the writer usable.
  Status Commit(const exchange::UploadRecord& final_record) override;

 private:
  SqlUploadWriter(std::unique_ptr<SqlBatchWriter> batch, exchange::UploadRecord upload);
  Status Usable() const;

  std::unique_ptr<SqlBatchWriter> batch_;
  Connection* connection_;
  bool committed_ = false;
  sql_internal::Query* insert_row_ = nullptr;
  sql_internal::Query* insert_warning_ = nullptr;
};

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_UPLOAD_WRITER_H_
