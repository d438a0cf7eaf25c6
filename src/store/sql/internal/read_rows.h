// Stepping a prepared SELECT and reading its rows with a function that returns T, or a Result<T>
// when it may refuse a row (e.g. a RowDecoder's kDataLoss). Private to store/.
#ifndef XIANJIE_STORE_SQL_INTERNAL_READ_ROWS_H_
#define XIANJIE_STORE_SQL_INTERNAL_READ_ROWS_H_

#include <optional>
#include <utility>
#include <vector>

#include "base/status.h"
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

// Steps `select` to its end, reading each row with `read`; the first error of a step or a read
// is returned.
template <typename T, typename Read>
Result<std::vector<T>> ReadRows(Statement& select, Read read) {
  std::vector<T> rows;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return rows;
    XJ_ASSIGN_OR_RETURN(T value, Result<T>(read(select)));
    rows.push_back(std::move(value));
  }
}

// Steps `select` once: its row read with `read`, or nullopt if it has none.
template <typename T, typename Read>
Result<std::optional<T>> ReadOneRow(Statement& select, Read read) {
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<T>();
  XJ_ASSIGN_OR_RETURN(T value, Result<T>(read(select)));
  return std::optional<T>(std::move(value));
}

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_READ_ROWS_H_
