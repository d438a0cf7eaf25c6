// The PostgreSQL driver of the SQL store: libpq directly, with statements prepared once per
// connection, SQLite's `?N` parameters rewritten to `$N`, values sent and read as text (the
// server infers each parameter's type from where it stands), and SQLSTATEs turned into Status
// values with messages an administrator can act on. Private to store/.
#ifndef XIANJIE_STORE_POSTGRES_PG_CONNECTION_H_
#define XIANJIE_STORE_POSTGRES_PG_CONNECTION_H_

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "store/sql/connection.h"

namespace xianjie::store::postgres_internal {

class PgConnection;

// `sql` with SQLite's parameters (`?NNN`, or `?` numbered in order) as `$NNN`; `used` gets one
// entry per parameter up to the highest number, true for those the SQL names. Text in quotes
// and comments is left alone.
std::string RewriteParameters(std::string_view sql, std::vector<bool>* used);

class PgQuery final : public sql_internal::Query {
 public:
  // With `cursor`, the rows are fetched through a cursor in chunks (Connection::PrepareScan).
  PgQuery(PgConnection* connection, std::string name, std::string sql, std::vector<bool> used,
          bool cursor);
  ~PgQuery() override;

  void Bind(int index, int64_t value) override;
  void BindText(int index, std::string_view text) override;
  void BindBlob(int index, std::string_view bytes) override;
  void BindNull(int index) override;
  void BindDouble(int index, double value) override;
  Result<bool> Step() override;
  int64_t Int(int column) const override;
  double Double(int column) const override;
  std::string_view Text(int column) const override;
  std::string_view Blob(int column) const override;
  bool IsNull(int column) const override;
  void Reset() override;
  const std::string& database() const override;

 private:
  // Where parameter `index` (1-based) goes; records a bind error for Step if it is out of range.
  int Slot(int index);
  Status Execute();
  // The values of the current use, for PQexecPrepared or PQexecParams.
  struct Values {
    std::vector<Oid> types;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
  };
  Values CurrentValues() const;
  // Cursor mode: DECLARE at the first Step, then the next chunk whenever one is used up.
  Status Declare();
  Status FetchChunk();
  Status TakeResultOrError(PGresult* result);

  PgConnection* connection_;
  const std::string name_;  // of the prepared statement on the server
  const std::string sql_;   // with $N parameters
  const int parameters_;
  const std::vector<bool> used_;  // by the SQL, per parameter
  const bool cursor_;
  bool prepared_ = false;
  bool declared_ = false;   // cursor mode: the cursor is open
  bool exhausted_ = false;  // cursor mode: the last chunk came

  // The values of the current use: text (owned here, NUL-terminated) or bytes (binary format).
  std::vector<std::string> values_;
  std::vector<char> is_null_;
  std::vector<char> is_binary_;
  Status bind_error_;

  PGresult* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
  bool executed_ = false;
  mutable std::vector<std::string> decoded_;  // bytea columns of the current row, unescaped
  mutable std::vector<char> decoded_valid_;
};

class PgConnection final : public sql_internal::Connection {
 public:
  struct Settings {
    bool read_only = false;      // reading connections: every transaction READ ONLY
    int busy_timeout_ms = 5000;  // how long BeginWrite waits for the write lock
  };

  // Connects to `url` (postgresql://USER@HOST:PORT/DB[?options]); `database` names it in
  // messages (the URL without a password).
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url,
                                                    const std::string& database, Settings settings);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() override;

  sql_internal::Dialect dialect() const override { return sql_internal::Dialect::kPostgres; }
  const std::string& database() const override { return database_; }
  Status Exec(const std::string& sql) override;
  Result<sql_internal::Query*> Compile(const std::string& sql) override;
  // A cursor, fetched 10,000 rows at a time.
  Result<sql_internal::Statement> PrepareScan(const std::string& sql) override;
  int64_t Changes() const override { return changes_; }
  // COPY table (columns) FROM STDIN, text format, one command per Flush.
  Result<std::unique_ptr<sql_internal::BulkInsert>> BeginBulkInsert(
      const std::string& table, const std::vector<std::string>& columns) override;
  // BEGIN, then the transaction-scoped advisory lock that stands for SQLite's write lock: one
  // key per schema, waited for busy_timeout_ms (lock_timeout), then kIoError kBusyMessage.
  Status BeginWrite() override;
  Status BeginRead() override;
  Status Commit() override;
  Status Rollback() override;
  bool InTransaction() const override;
  Status PartitionRegions() override;

  PGconn* raw() { return conn_; }
  void set_changes(int64_t changes) { changes_ = changes; }
  // The Status for a failed result (or, with none, the connection's last error).
  Status Error(const PGresult* result) const;

 private:
  PgConnection(PGconn* conn, std::string database, Settings settings)
      : conn_(conn), database_(std::move(database)), settings_(settings) {}

  PGconn* conn_;
  std::string database_;
  Settings settings_;
  int64_t changes_ = 0;
  int64_t next_statement_ = 0;
  Result<PgQuery*> Find(const std::string& sql, bool cursor);

  std::unordered_map<std::string, std::unique_ptr<PgQuery>> statements_;
  std::unordered_map<std::string, std::unique_ptr<PgQuery>> cursors_;
};

}  // namespace xianjie::store::postgres_internal

#endif  // XIANJIE_STORE_POSTGRES_PG_CONNECTION_H_
