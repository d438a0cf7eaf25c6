// Opening the database from a --db spec: ":memory:", a SQLite file path, or a PostgreSQL URL. The
// composition roots (app/, cli/) call this; nothing else needs a backend.
#ifndef XIANJIE_STORE_OPEN_H_
#define XIANJIE_STORE_OPEN_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "store/database.h"

namespace xianjie::store {

class SqlStore;

enum class OpenMode {
  kCreate,    // create the database if it is missing (xianjie init, demo)
  kExisting,  // the database must exist already (every other command)
};

// Opens the store named by `spec`:
//   ":memory:"                        a new, empty MemoryStore (mode does not matter);
//   "postgresql://..." "postgres://..." a schema of a PostgreSQL database (see
//                                     PostgresStore::Open);
//   anything else                     a SQLite file (see SqliteStore::Open).
// Either mode brings the database to the latest schema. With kExisting a missing file is
// kNotFound ("database 'PATH' does not exist; create it with: xianjie init --db PATH"); in both
// modes a file that is not a SQLite database, or one that is not Xianjie's, is
// kFailedPrecondition, and so is a database whose schema is newer than this binary knows.
// An empty spec is kInvalidArgument.
Result<std::unique_ptr<Database>> OpenStore(const std::string& spec, OpenMode mode);

// OpenStore for the SQL backends, giving the SQL store itself (for migrate-store, whose copy
// works on tables). ":memory:" is kInvalidArgument: it keeps nothing to move.
Result<std::unique_ptr<SqlStore>> OpenSqlStore(const std::string& spec, OpenMode mode);

// `spec` as it may be shown in output and messages: a PostgreSQL URL without its password.
std::string DisplayName(const std::string& spec);

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_OPEN_H_
