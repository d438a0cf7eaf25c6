// The SQLite registry: a whole Database in one SQLite file, the default system of record. The
// store itself is the SQL store (store/sql/sql_store.h) over the SQLite driver; this is how it
// is opened. WAL journal, one write transaction at a time, any number of concurrent readers.
#ifndef XIANJIE_STORE_SQLITE_SQLITE_STORE_H_
#define XIANJIE_STORE_SQLITE_SQLITE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "store/open.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {

struct SqliteOptions {
  // How long a write waits for another process's write lock before failing with kIoError.
  int busy_timeout_ms = 5000;
  // Page cache of the writing connection while a batch is open, in KiB; given back when the
  // batch ends. It must hold the pages a batch touches at random: those of the household table
  // and of the version index, about 80 MiB for a million households whose ids come in random
  // order (in id order, a few MiB would do).
  int64_t batch_cache_kib = 128 * 1024;
};

class SqliteStore {
 public:
  // Opens (kCreate: creating if missing) the database file at `path`, switches it to WAL and
  // applies pending migrations. Errors: kNotFound if kExisting and the file is missing;
  // kFailedPrecondition if the file is not a SQLite database, is a SQLite database that is not
  // Xianjie's (no schema_migrations table; with kCreate an empty database is initialized), or
  // has a newer schema than this binary; kIoError if it cannot be opened or is busy.
  static Result<std::unique_ptr<SqlStore>> Open(const std::string& path, OpenMode mode,
                                                SqliteOptions options = {});
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_SQLITE_SQLITE_STORE_H_
