// One write of the SQLite store as one transaction: every write path that is not a batch (cases,
// findings, plans, samples, versioned settings) runs through InWriteTransaction.
#ifndef XIANJIE_STORE_SQL_INTERNAL_TRANSACTION_H_
#define XIANJIE_STORE_SQL_INTERNAL_TRANSACTION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

// Runs `write` in one BEGIN IMMEDIATE transaction: COMMIT if it succeeds, ROLLBACK otherwise.
// Failures of the database are annotated with `what`; refusals keep the message both backends
// give.
template <typename T, typename Write>
Result<T> InWriteTransaction(Connection& connection, const std::string& what, Write write) {
  XJ_RETURN_IF_ERROR(Annotate(connection.BeginWrite(), what));
  Result<T> result = write();
  Status status = result.ok() ? connection.Commit() : result.status();
  if (status.ok()) return result;
  if (connection.InTransaction()) (void)connection.Rollback();
  const StatusCode code = status.code();
  if (code == StatusCode::kIoError || code == StatusCode::kInternal ||
      code == StatusCode::kDataLoss) {
    return Annotate(status, what);
  }
  return status;
}

// Inserts the next version (the province's highest + 1, from 1) of a versioned text — a measures
// catalogue, assessment settings — into `table` (province, version, text, created_by,
// created_at), inside the caller's transaction; returns its number. `table` is one of the
// store's own table names, never input.
Result<int64_t> InsertNextVersion(Connection& connection, std::string_view table,
                                  const std::string& province, const std::string& text,
                                  const std::string& created_by, const std::string& created_at);

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_TRANSACTION_H_
