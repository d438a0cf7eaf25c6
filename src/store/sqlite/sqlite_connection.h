// The SQLite driver of the SQL store: a thin RAII layer over libsqlite3 whose errors become
// Status values with messages an administrator can act on. Private to store/.
#ifndef XIANJIE_STORE_SQLITE_SQLITE_CONNECTION_H_
#define XIANJIE_STORE_SQLITE_SQLITE_CONNECTION_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"
#include "store/sql/connection.h"

namespace xianjie::store::sqlite_internal {

class SqliteConnection;

class SqliteQuery final : public sql_internal::Query {
 public:
  SqliteQuery(const SqliteConnection* connection, sqlite3_stmt* stmt)
      : connection_(connection), stmt_(stmt) {}
  ~SqliteQuery() override { sqlite3_finalize(stmt_); }

  void Bind(int index, int64_t value) override;
  void BindText(int index, std::string_view text) override;
  void BindBlob(int index, std::string_view bytes) override;
  void BindNull(int index) override;
  void BindDouble(int index, double value) override;
  Result<bool> Step() override;
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string_view Text(int column) const override;
  std::string_view Blob(int column) const override;
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  void Reset() override;
  const std::string& database() const override;

 private:
  void Check(int rc) {
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }

  const SqliteConnection* connection_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

// One sqlite3 connection and its statement cache.
class SqliteConnection final : public sql_internal::Connection {
 public:
  struct Settings {
    bool create = false;      // create the file if it is missing
    bool query_only = false;  // refuse writes (reading connections)
    int busy_timeout_ms = 5000;
    // Page cache while an import batch is open, in KiB (see SqliteOptions::batch_cache_kib).
    int64_t batch_cache_kib = 128 * 1024;
  };

  // Opens `path` and applies the per-connection settings every Xianjie connection uses:
  // busy timeout, foreign_keys=ON, synchronous=FULL, temp_store=MEMORY. The file is not read
  // yet, so a file that is not a database is only detected by the first statement.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Settings settings);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() override;

  sql_internal::Dialect dialect() const override { return sql_internal::Dialect::kSqlite; }
  const std::string& database() const override { return path_; }
  Status Exec(const std::string& sql) override;
  Result<sql_internal::Query*> Compile(const std::string& sql) override;
  int64_t Changes() const override { return sqlite3_changes64(db_); }
  // BEGIN IMMEDIATE: SQLite's write lock is taken at once, or waited for busy_timeout_ms.
  Status BeginWrite() override { return Exec("BEGIN IMMEDIATE"); }
  Status BeginRead() override { return Exec("BEGIN"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override { return Exec("ROLLBACK"); }
  bool InTransaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  // A batch touches pages all over the household table and the version index: the page cache
  // grows to batch_cache_kib for it, and the memory is given back after.
  Status EnterBulkWrite() override;
  void LeaveBulkWrite() override;

  // The Status for SQLite result code `rc` on this connection, with sqlite3_errmsg's detail.
  Status Error(int rc) const;

 private:
  SqliteConnection(sqlite3* db, std::string path, int64_t batch_cache_kib)
      : db_(db), path_(std::move(path)), batch_cache_kib_(batch_cache_kib) {}

  sqlite3* db_;
  std::string path_;
  int64_t batch_cache_kib_;
  std::unordered_map<std::string, std::unique_ptr<SqliteQuery>> statements_;
};

}  // namespace xianjie::store::sqlite_internal

#endif  // XIANJIE_STORE_SQLITE_SQLITE_CONNECTION_H_
