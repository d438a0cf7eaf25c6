// The SQLite BatchWriter: one open write transaction (BEGIN IMMEDIATE ... COMMIT) on the store's
// writing connection, with its INSERT statements compiled once and reused for every row.
// Private to store/sqlite; SqliteStore::BeginBatch makes it.
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
  // connection back, so the store may open the next batch at once.
  Status Commit(std::string report_json) override;

 private:
  SqliteBatchWriter(Connection* connection, registry::BatchInfo info,
                    std::function<void()> on_close)
      : BatchWriter(std::move(info)), connection_(connection), on_close_(std::move(on_close)) {}

  Status CompileStatements();
  Status Usable() const;
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
  int64_t last_vid_ = 0;  // the last version row written, in this batch or before
  Status broken_;         // the failure that left the transaction unusable, if any
  sqlite3_stmt* insert_household_ = nullptr;
  sqlite3_stmt* advance_household_ = nullptr;
  sqlite3_stmt* current_version_ = nullptr;
  sqlite3_stmt* insert_version_ = nullptr;
  sqlite3_stmt* insert_member_ = nullptr;
  sqlite3_stmt* insert_quarantine_ = nullptr;
};

}  // namespace xianjie::store::sqlite_internal

#endif  // XIANJIE_STORE_SQLITE_INTERNAL_BATCH_WRITER_H_
