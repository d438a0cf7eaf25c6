// The PostgreSQL schema's migrations: the baseline (schema.cc) and, later, one per SQLite
// migration after 14, with the same number and name.
#include "store/postgres/migrations.h"

#include "store/postgres/schema.h"

namespace xianjie::store::postgres_internal {
namespace {

constexpr Migration kMigrations[] = {
    {14, "0014_baseline", kBaselineSchema},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace xianjie::store::postgres_internal
