// A WHERE clause built from a list filter, with the texts it binds, and region prefixes as index
// ranges. Private to store/.
#ifndef XIANJIE_STORE_SQL_INTERNAL_WHERE_H_
#define XIANJIE_STORE_SQL_INTERNAL_WHERE_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

// The terms joined by AND and the texts bound to them, in order, as ?1, ?2, ...
struct Where {
  std::string sql;  // "" or "WHERE ..."
  std::vector<std::string> texts;

  void Add(const std::string& term) { sql += (sql.empty() ? "WHERE " : " AND ") + term; }
  // The placeholder of a new parameter bound to `value`.
  std::string Param(std::string value) {
    texts.push_back(std::move(value));
    return "?" + std::to_string(texts.size());
  }
  // `column` starts with `prefix` ("" adds nothing): [prefix, prefix with its last byte + 1),
  // a range of an index on the column ("6301" is [6301, 6302)).
  void AddPrefix(const std::string& column, const std::string& prefix) {
    if (prefix.empty()) return;
    std::string upper = prefix;
    if (static_cast<unsigned char>(upper.back()) == 0xFF) {
      // No text that starts so is UTF-8; the plain test keeps the answer right anyway.
      Add("substr(" + column + ", 1, " + std::to_string(prefix.size()) + ") = " + Param(prefix));
      return;
    }
    ++upper.back();
    Add(column + " >= " + Param(prefix) + " AND " + column + " < " + Param(upper));
  }
  // The number of the next parameter after the texts.
  int NextParam() const { return static_cast<int>(texts.size()) + 1; }
  void Bind(Statement& s) const {
    for (size_t i = 0; i < texts.size(); ++i) s.BindText(static_cast<int>(i) + 1, texts[i]);
  }
};

// Binds `LIMIT ?N OFFSET ?N+1` at `param`: a limit of 0 or less is no limit, the largest int64
// (SQLite's -1 and PostgreSQL's NULL for "no limit" are each refused by the other).
inline void BindPage(Statement& s, int param, int64_t limit, int64_t offset) {
  s.Bind(param, limit > 0 ? limit : std::numeric_limits<int64_t>::max());
  s.Bind(param + 1, offset);
}

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_WHERE_H_
