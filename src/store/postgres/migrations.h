// The numbered schema migrations of the PostgreSQL registry (store/sql/migrate.h applies them).
// A PostgreSQL database starts at a baseline that stands for SQLite's migrations 1 to 14 (no
// PostgreSQL registry predates them); every later migration has the same number and name in
// both lists.
#ifndef XIANJIE_STORE_POSTGRES_MIGRATIONS_H_
#define XIANJIE_STORE_POSTGRES_MIGRATIONS_H_

#include <span>

#include "store/sql/migrate.h"

namespace xianjie::store::postgres_internal {

// Every migration of the PostgreSQL schema, in version order.
std::span<const Migration> Migrations();

}  // namespace xianjie::store::postgres_internal

#endif  // XIANJIE_STORE_POSTGRES_MIGRATIONS_H_
