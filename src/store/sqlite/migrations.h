// The numbered schema migrations of the SQLite registry (store/sql/migrate.h applies them).
#ifndef XIANJIE_STORE_SQLITE_MIGRATIONS_H_
#define XIANJIE_STORE_SQLITE_MIGRATIONS_H_

#include <span>

#include "store/sql/migrate.h"

namespace xianjie::store {

// Every migration of the SQLite schema, in version order.
std::span<const Migration> Migrations();
// The schema version this binary writes: the version of the last migration.
int LatestSchemaVersion();

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_SQLITE_MIGRATIONS_H_
