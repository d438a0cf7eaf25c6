// The SQLite BatchWriter: one open write transaction (BEGIN IMMEDIATE ... COMMIT) on the store's
// writing connection, with its INSERT statements compiled once and reused for every row. An
// upload (SqliteUploadWriter) writes its own rows in the same transaction and commits the batch
// with them. Private to store/sqlite; SqliteStore::BeginBatch and BeginUpload make it.
#ifndef XIANJIE_STORE_SQLITE_INTERNAL_BATCH_WRITER_H_
#define XIANJIE_STORE_SQLITE_INTERNAL_BATCH_WRITER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "registry/store.h"
#include "store/sqlite/internal/connection.h"

namespace xianjie::store::sqlite_internal {

class SqliteBatchWriter final : public registry::BatchWriter {
 public:
  // Begins the transaction on `connection` (which the writer uses alone until it is
  // destroyed), enlarges its page cache to `cache_kib` KiB and inserts the batch row, which
  // assigns the batch id. `on_close` runs once, when the writer gives the connection back (at
  // Commit, or when destroyed without one). kIoError with the busy
  // message if another connection holds the write lock past the busy timeout.
  static Result<std::unique_ptr<SqliteBatchWriter>> Begin(Connection* connection,
                                                          registry::BatchInfo info,
                                                          int64_t cache_kib,
                                                          std::function<void()> on_close);
  // Rolls back unless committed, so the database is exactly as before the batch.
  ~SqliteBatchWriter() override;

  // The version is stored with this writer's batch id, whatever version.batch_id says.
  // kFailedPrecondition on a wrong version number (the batch stays usable); any other failure
  // leaves the transaction in an unknown state, so the batch refuses further writes and Commit.
  Status PutVersion(const registry::HouseholdVersion& version) override;
  Status PutQuarantine(const registry::QuarantineEntry& entry) override;
  // Stamps finished_at and the report, then COMMITs (durably: synchronous=FULL) and gives the
  // connection back, so the store may open the next batch at once. kFailedPrecondition for the
  // batch of an upload: SqliteUploadWriter::Commit commits it.
  Status Commit(std::string report_json) override;

  // --- for the upload that the batch belongs to
  // Makes Commit refuse: the batch is upload `upload_id`'s.
  void BelongToUpload(int64_t upload_id) { upload_id_ = upload_id; }
  // The connection holding the transaction, until Commit or destruction.
  Connection* connection() const { return connection_; }
  // Commit, with `before_commit` run inside the transaction just before it commits (the upload's
  // own row); its failure is a failure of the commit.
  Status CommitWith(std::string report_json, const std::function<Status()>& before_commit);
  // Records a failure of a write made in the transaction by someone else (the upload's rows):
  // the transaction's state is unknown, so the batch refuses further writes and Commit.
  // Returns `status`.
  Status Break(const Status& status);
  // kFailedPrecondition once committed or after a failure that broke the transaction.
  Status Usable() const;

 private:
  SqliteBatchWriter(Connection* connection, registry::BatchInfo info,
                    std::function<void()> on_close)
      : BatchWriter(std::move(info)), connection_(connection), on_close_(std::move(on_close)) {}

  Status CompileStatements();
  // Inserts or advances the household row, pointing it at version row `vid`; changes nothing
  // if the version number is not the next one.
  Status AdvanceHousehold(int64_t vid, const registry::HouseholdVersion& version);
  Status WriteRows(int64_t vid, const registry::HouseholdVersion& version);
  Status WrongVersion(const registry::HouseholdVersion& version);
  // Ends the transaction's effects on the connection: default page cache, memory released.
  void RestoreConnection();

  Connection* connection_;
  std::function<void()> on_close_;
  bool committed_ = false;
  int64_t upload_id_ = 0;  // the upload the batch belongs to; 0 for a plain batch
  int64_t last_vid_ = 0;   // the last version row written, in this batch or before
  Status broken_;          // the failure that left the transaction unusable, if any
  sqlite3_stmt* insert_household_ = nullptr;
  sqlite3_stmt* advance_household_ = nullptr;
  sqlite3_stmt* current_version_ = nullptr;
  sqlite3_stmt* insert_version_ = nullptr;
  sqlite3_stmt* insert_member_ = nullptr;
  sqlite3_stmt* insert_quarantine_ = nullptr;
};

}  // namespace xianjie::store::sqlite_internal

#endif  // XIANJIE_STORE_SQLITE_INTERNAL_BATCH_WRITER_H_
