// SqlStore::Reader, a read connection borrowed from the store's pool for one call, and a
// read transaction that gives a multi-statement read one snapshot. Private to store/.
#ifndef XIANJIE_STORE_SQL_INTERNAL_READER_H_
#define XIANJIE_STORE_SQL_INTERNAL_READER_H_

#include <memory>
#include <utility>

#include "store/sql/connection.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {

class SqlStore::Reader {
 public:
  Reader(SqlStore* store, std::unique_ptr<sql_internal::Connection> connection)
      : store_(store), connection_(std::move(connection)) {}
  Reader(Reader&&) = default;
  Reader& operator=(Reader&&) = delete;
  ~Reader() {
    if (connection_ != nullptr) store_->ReturnReader(std::move(connection_));
  }

  sql_internal::Connection* operator->() { return connection_.get(); }
  sql_internal::Connection& operator*() { return *connection_; }

 private:
  SqlStore* store_;
  std::unique_ptr<sql_internal::Connection> connection_;
};

namespace sql_internal {

// BEGIN on construction, COMMIT (which for reads only ends the snapshot) on destruction.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& connection) : connection_(connection) {}
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction() {
    if (began_) (void)connection_.Commit();
  }
  Status Begin() {
    XJ_RETURN_IF_ERROR(connection_.BeginRead());
    began_ = true;
    return Status::Ok();
  }

 private:
  Connection& connection_;
  bool began_ = false;
};

}  // namespace sql_internal
}  // namespace xianjie::store

#endif  // XIANJIE_STORE_SQL_INTERNAL_READER_H_
