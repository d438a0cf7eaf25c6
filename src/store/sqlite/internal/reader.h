// SqliteStore::Reader, a read connection borrowed from the store's pool for one call, and a
// read transaction that gives a multi-statement read one snapshot. Private to store/sqlite.
#ifndef XIANJIE_STORE_SQLITE_INTERNAL_READER_H_
#define XIANJIE_STORE_SQLITE_INTERNAL_READER_H_

#include <memory>
#include <utility>

#include "store/sqlite/internal/connection.h"
#include "store/sqlite/sqlite_store.h"

namespace xianjie::store {

class SqliteStore::Reader {
 public:
  Reader(SqliteStore* store, std::unique_ptr<sqlite_internal::Connection> connection)
      : store_(store), connection_(std::move(connection)) {}
  Reader(Reader&&) = default;
  Reader& operator=(Reader&&) = delete;
  ~Reader() {
    if (connection_ != nullptr) store_->ReturnReader(std::move(connection_));
  }

  sqlite_internal::Connection* operator->() { return connection_.get(); }
  sqlite_internal::Connection& operator*() { return *connection_; }

 private:
  SqliteStore* store_;
  std::unique_ptr<sqlite_internal::Connection> connection_;
};

namespace sqlite_internal {

// BEGIN on construction, COMMIT (which for reads only ends the snapshot) on destruction.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& connection) : connection_(connection) {}
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction() {
    if (began_) (void)connection_.Exec("COMMIT");
  }
  Status Begin() {
    XJ_RETURN_IF_ERROR(connection_.Exec("BEGIN"));
    began_ = true;
    return Status::Ok();
  }

 private:
  Connection& connection_;
  bool began_ = false;
};

}  // namespace sqlite_internal
}  // namespace xianjie::store

#endif  // XIANJIE_STORE_SQLITE_INTERNAL_READER_H_
