// The SQL store's BatchWriter: one open write transaction (BeginWrite ... Commit) on the store's
// writing connection, with its INSERT statements compiled once and reused for every row. An
// upload (SqlUploadWriter) writes its own rows in the same transaction and commits the batch
// with them. Private to store/; SqlStore::BeginBatch and BeginUpload make it.
#ifndef XIANJIE_STORE_SQL_INTERNAL_BATCH_WRITER_H_
#define XIANJIE_STORE_SQL_INTERNAL_BATCH_WRITER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "registry/store.h"
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

class SqlBatchWriter final : public registry::BatchWriter {
 public:
  // Begins the transaction on `connection` (which the writer uses alone until it is
  // destroyed), readies it for bulk writes and inserts the batch row, which
  // assigns the batch id. `on_close` runs once, when the writer gives the connection back (at
  // Commit, or when destroyed without one). kIoError with the busy
  // message if another connection holds the write lock past the busy timeout.
  static Result<std::unique_ptr<SqlBatchWriter>> Begin(Connection* connection,
                                                       registry::BatchInfo info,
                                                       std::function<void()> on_close);
  // Rolls back unless committed, so the database is exactly as before the batch.
  ~SqlBatchWriter() override;

  // The version is stored with this writer's batch id, whatever version.batch_id says.
  // kFailedPrecondition on a wrong version number (the batch stays usable); any other failure
  // leaves the transaction in an unknown state, so the batch refuses further writes and Commit.
  Status PutVersion(const registry::HouseholdVersion& version) override;
  Status PutQuarantine(const registry::QuarantineEntry& entry) override;
  // Stamps finished_at and the report, then commits (durably) and gives the
  // connection back, so the store may open the next batch at once. kFailedPrecondition for the
  // batch of an upload: SqlUploadWriter::Commit commits it.
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
  SqlBatchWriter(Connection* connection, registry::BatchInfo info, std::function<void()> on_close)
      : BatchWriter(std::move(info)),
        connection_(connection),
        bulk_(connection->dialect() == Dialect::kPostgres),
        on_close_(std::move(on_close)) {}

  Status CompileStatements();
  // Inserts or advances the household row, pointing it at version row `vid`; changes nothing
  // if the version number is not the next one.
  Status AdvanceHousehold(int64_t vid, const registry::HouseholdVersion& version);
  // The row inserts of versions and members (bulk on PostgreSQL, one prepared INSERT per row on
  // SQLite), and PostgreSQL's staging table and current versions.
  Status BeginRows();
  Status WriteRows(int64_t vid, const registry::HouseholdVersion& version);
  // kFailedPrecondition for `version` when the household's current version is `current`.
  static Status WrongVersion(const registry::HouseholdVersion& version, int64_t current);
  // The same, reading the current version.
  Status WrongVersion(const registry::HouseholdVersion& version);

  // PostgreSQL (decision 0011): rows go in chunks by COPY, version numbers are checked against
  // current_versions_ (read once when the batch begins, then kept), and each chunk's household
  // rows are applied from a staging table. The registry tables are partitioned by province
  // there, and every row carries it.
  struct PendingHousehold {
    int64_t version, vid, hash, members, province;
  };
  Status PutVersionInBulk(const registry::HouseholdVersion& version);
  Status FlushBulk();
  // Ends the bulk write's settings on the connection.
  void RestoreConnection();

  Connection* connection_;
  const bool bulk_;  // PostgreSQL's way, below
  std::function<void()> on_close_;
  bool committed_ = false;
  int64_t upload_id_ = 0;  // the upload the batch belongs to; 0 for a plain batch
  int64_t last_vid_ = 0;   // the last version row written, in this batch or before
  Status broken_;          // the failure that left the transaction unusable, if any
  sql_internal::Query* insert_household_ = nullptr;
  sql_internal::Query* advance_household_ = nullptr;
  sql_internal::Query* current_version_ = nullptr;
  sql_internal::Query* insert_quarantine_ = nullptr;
  std::unique_ptr<BulkInsert> versions_bulk_, members_bulk_, households_bulk_;
  std::unordered_map<std::string, int64_t> current_versions_;
  std::unordered_map<std::string, PendingHousehold> pending_;  // of the chunk, the latest each
};

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_BATCH_WRITER_H_
