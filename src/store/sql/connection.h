// The database driver interface of the SQL store (SqlStore): a connection that keeps its
// prepared statements, statements that reset themselves after each use, and transactions. Two
// drivers implement it, SQLite (store/sqlite) and PostgreSQL (store/postgres); the store's SQL
// is written once for both (decision 0011). Private to store/.
//
// The SQL the store hands to a driver uses SQLite's parameter syntax, `?1`, `?2` ... (or plain
// `?` in order); the PostgreSQL driver rewrites it to `$1`, `$2` .... Values are int64, double,
// text, blob or NULL; a driver reads any column as any of them where the value allows it.
#ifndef XIANJIE_STORE_SQL_CONNECTION_H_
#define XIANJIE_STORE_SQL_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xianjie::store::sql_internal {

// The text of every busy error, whoever holds the lock.
inline constexpr std::string_view kBusyMessage =
    "the database is busy with another import; try again when it has finished";

// Where the two SQL dialects differ, the store asks which one it speaks.
enum class Dialect { kSqlite, kPostgres };

// A prepared statement, owned by its Connection and kept until the connection closes. Used
// through a Statement, which resets it after each use.
class Query {
 public:
  virtual ~Query() = default;

  // Parameters are 1-based. Text and blobs are bound without a copy: they must stay valid until
  // the statement has been stepped for the last time. A failed bind is reported by Step.
  virtual void Bind(int index, int64_t value) = 0;
  virtual void BindText(int index, std::string_view text) = 0;
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual void BindNull(int index) = 0;
  virtual void BindDouble(int index, double value) = 0;

  // true: a row is ready; false: the statement is done.
  virtual Result<bool> Step() = 0;

  // Columns are 0-based and valid until the next Step.
  virtual int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string_view Text(int column) const = 0;
  virtual std::string_view Blob(int column) const = 0;
  virtual bool IsNull(int column) const = 0;

  // Ends the current use: the rest of the result is dropped and the bindings cleared.
  virtual void Reset() = 0;

  // The database the statement belongs to (a file, or a server and database), for messages.
  virtual const std::string& database() const = 0;
};

// One use of a Query: bind, step, read columns. When it goes out of scope the query is reset,
// so that a read never keeps its snapshot open after the call that made it. Not thread-safe
// (nor is its Connection).
class Statement {
 public:
  explicit Statement(Query* query) : query_(query) {}
  Statement(Statement&& other) noexcept : query_(other.query_) { other.query_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (query_ != nullptr) query_->Reset();
  }

  void Bind(int index, int64_t value) { query_->Bind(index, value); }
  void BindText(int index, std::string_view text) { query_->BindText(index, text); }
  void BindBlob(int index, std::string_view bytes) { query_->BindBlob(index, bytes); }
  void BindNull(int index) { query_->BindNull(index); }
  void BindDouble(int index, double value) { query_->BindDouble(index, value); }

  Result<bool> Step() { return query_->Step(); }
  // Steps a statement that returns no rows to its end.
  Status Run();
  // Steps an INSERT ... RETURNING <id> to its end and gives the id it returned, or 0 if it
  // inserted no row (ON CONFLICT DO NOTHING).
  Result<int64_t> RunForId();

  int64_t Int(int column) const { return query_->Int(column); }
  double Double(int column) const { return query_->Double(column); }
  std::string_view Text(int column) const { return query_->Text(column); }
  std::string_view Blob(int column) const { return query_->Blob(column); }
  bool IsNull(int column) const { return query_->IsNull(column); }

  const std::string& database() const { return query_->database(); }

 private:
  Query* query_;
};

// Rows appended to one table and written in bulk. Values are given as a Statement's are, with
// their column's 1-based position, in order, and EndRow closes a row. The generic implementation
// (SQLite's) runs a prepared INSERT at each EndRow; PostgreSQL's keeps the rows as COPY text and
// writes them at Flush, in one COPY command. Failures may show at EndRow or only at Flush. Used
// by one thread, on its Connection, which it must not outlive.
class BulkInsert {
 public:
  virtual ~BulkInsert() = default;
  virtual void Bind(int index, int64_t value) = 0;
  virtual void BindText(int index, std::string_view text) = 0;
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindNull(int index) = 0;
  virtual Status EndRow() = 0;
  // Writes the rows not written yet.
  virtual Status Flush() = 0;
  // Rows appended and not written yet.
  virtual size_t pending_rows() const = 0;
};

// One connection and its statement cache. Used by one thread at a time: the store hands each
// connection to a single owner (the open batch, or one read call) at once.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;
  // The database (a file, or a server and database without the password), for messages.
  virtual const std::string& database() const = 0;

  // Runs SQL that carries no values (schema, settings); it may hold several statements.
  virtual Status Exec(const std::string& sql) = 0;
  // The statement for `sql`, compiled on first use and kept until the connection closes. Only
  // one Statement per SQL text may be in use at a time.
  virtual Result<Query*> Compile(const std::string& sql) = 0;
  Result<Statement> Prepare(const std::string& sql) {
    XJ_ASSIGN_OR_RETURN(Query * query, Compile(sql));
    return Statement(query);
  }
  // A statement whose rows may be many (a scan of the registry): the driver streams them in
  // chunks where it needs to (PostgreSQL: a cursor) rather than holding them all. Use it inside
  // a transaction (BeginRead).
  virtual Result<Statement> PrepareScan(const std::string& sql) { return Prepare(sql); }

  // Rows changed by the last INSERT, UPDATE or DELETE.
  virtual int64_t Changes() const = 0;

  // Rows for `columns` of `table` (both the store's own names, never input), in bulk.
  virtual Result<std::unique_ptr<BulkInsert>> BeginBulkInsert(
      const std::string& table, const std::vector<std::string>& columns);

  // A write transaction that holds the one write lock from its start, as SQLite's
  // BEGIN IMMEDIATE does: writers in any process take turns, and one that waits longer than the
  // driver's busy timeout fails with kIoError kBusyMessage.
  virtual Status BeginWrite() = 0;
  // A read transaction: every statement in it sees one snapshot.
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual bool InTransaction() const = 0;

  // Around an import batch: a driver may size its caches for the batch's writes, and give the
  // memory back after.
  virtual Status EnterBulkWrite() { return Status::Ok(); }
  virtual void LeaveBulkWrite() {}
  // After the region table is written, in the same write transaction: a dialect that partitions
  // the registry tables by province makes the partitions of the provinces the table names
  // (PostgreSQL: postgres/partitions.h).
  virtual Status PartitionRegions() { return Status::Ok(); }
};

// Opens the connections of one database: the store's writers and its pool of readers.
class Driver {
 public:
  enum class Role {
    kWriter,  // batches, and the store's other writes
    kReader,  // reads only; refuses writes
  };
  virtual ~Driver() = default;
  virtual Result<std::unique_ptr<Connection>> Connect(Role role) = 0;
  virtual const std::string& database() const = 0;
};

// `status` with `what` (what was being done) in front of its message; OK stays OK.
Status Annotate(const Status& status, std::string_view what);
template <typename T>
Result<T> Annotate(Result<T> result, std::string_view what) {
  if (result.ok()) return result;
  return Annotate(result.status(), what);
}

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_CONNECTION_H_
