// The PostgreSQL registry, the server option: a whole Database in one schema of a PostgreSQL
// database. The store itself is the SQL store (store/sql/sql_store.h) over the PostgreSQL
// driver; this is how it is opened. The registry tables are partitioned by province (decision
// 0011, docs/scale.md).
#ifndef XIANJIE_STORE_POSTGRES_POSTGRES_STORE_H_
#define XIANJIE_STORE_POSTGRES_POSTGRES_STORE_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/open.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {

struct PostgresOptions {
  // How long a write waits for another connection's write lock before failing with kIoError.
  int busy_timeout_ms = 5000;
};

class PostgresStore {
 public:
  // Whether `spec` is a PostgreSQL URL (postgresql://... or postgres://...).
  static bool IsUrl(std::string_view spec);
  // `url` without its password, for messages and logs.
  static std::string Redact(const std::string& url);

  // Connects to `url` (postgresql://USER[:PASSWORD]@HOST:PORT/DB, with libpq's parameters after
  // `?`; `options=-csearch_path%3DNAME` picks a schema other than public) and applies pending
  // migrations. Errors: kIoError if the server cannot be reached or the database does not
  // exist; kFailedPrecondition if the schema holds tables but is not a Xianjie registry, if it
  // is empty and `mode` is kExisting, or if it has a newer schema than this binary.
  static Result<std::unique_ptr<SqlStore>> Open(const std::string& url, OpenMode mode,
                                                PostgresOptions options = {});
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_POSTGRES_POSTGRES_STORE_H_
