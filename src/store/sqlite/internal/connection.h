// A thin RAII layer over libsqlite3 for the SQLite store: a connection that keeps its prepared
// statements, statements that reset themselves after each use, and SQLite errors as Status
// values with messages an administrator can act on. Private to store/sqlite.
#ifndef XIANJIE_STORE_SQLITE_INTERNAL_CONNECTION_H_
#define XIANJIE_STORE_SQLITE_INTERNAL_CONNECTION_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

namespace xianjie::store::sqlite_internal {

// The text of every busy error, whoever holds the lock.
inline constexpr std::string_view kBusyMessage =
    "the database is busy with another import; try again when it has finished";

class Connection;

// One use of a prepared statement borrowed from a Connection: bind, step, read columns. When
// it goes out of scope the statement is reset and its bindings cleared, so that a read never
// keeps its snapshot open after the call that made it. Not thread-safe (nor is its Connection).
class Statement {
 public:
  Statement(const Connection* connection, sqlite3_stmt* stmt)
      : connection_(connection), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based. Text is bound without a copy: it must stay valid until the
  // statement has been stepped for the last time. A failed bind is reported by the next Step.
  void Bind(int index, int64_t value);
  void BindText(int index, std::string_view text);
  void BindBlob(int index, std::string_view bytes);  // likewise without a copy
  void BindNull(int index);
  void BindDouble(int index, double value);

  // true: a row is ready; false: the statement is done.
  Result<bool> Step();
  // Steps a statement that returns no rows to its end.
  Status Run();

  // Columns are 0-based and valid until the next Step.
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string_view Text(int column) const;
  std::string_view Blob(int column) const;
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

  // The database file the statement belongs to, for messages.
  const std::string& path() const;

 private:
  const Connection* connection_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

// One sqlite3 connection and its statement cache. Used by one thread at a time: the store
// hands each connection to a single owner (the open batch, or one read call) at once.
class Connection {
 public:
  struct Settings {
    bool create = false;      // create the file if it is missing
    bool query_only = false;  // refuse writes (reading connections)
    int busy_timeout_ms = 5000;
  };

  // Opens `path` and applies the per-connection settings every Xianjie connection uses:
  // busy timeout, foreign_keys=ON, synchronous=FULL, temp_store=MEMORY. The file is not read
  // yet, so a file that is not a database is only detected by the first statement.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Settings settings);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs SQL that carries no values: schema, pragmas, BEGIN/COMMIT/ROLLBACK.
  Status Exec(const char* sql);
  // The statement for `sql`, compiled on first use and kept until the connection closes.
  // Only one Statement per SQL text may be in use at a time.
  Result<Statement> Prepare(const std::string& sql);
  // The compiled statement itself, for callers that use it many times (the batch writer):
  // wrap each use in Statement(connection, stmt). Owned by the connection.
  Result<sqlite3_stmt*> Compile(const std::string& sql);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t Changes() const { return sqlite3_changes64(db_); }
  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  // Gives back the page cache and other memory the connection can spare.
  void ReleaseMemory() { sqlite3_db_release_memory(db_); }

  // The Status for SQLite result code `rc` on this connection, with sqlite3_errmsg's detail.
  Status Error(int rc) const;
  const std::string& path() const { return path_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// `status` with `what` (what was being done) in front of its message; OK stays OK.
Status Annotate(const Status& status, std::string_view what);

}  // namespace xianjie::store::sqlite_internal

#endif  // XIANJIE_STORE_SQLITE_INTERNAL_CONNECTION_H_
