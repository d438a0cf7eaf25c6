// The per-province partitions of the registry tables on PostgreSQL (schema.cc, "Partitioning by
// province"; docs/scale.md).
#ifndef XIANJIE_STORE_POSTGRES_PARTITIONS_H_
#define XIANJIE_STORE_POSTGRES_PARTITIONS_H_

#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/sql/connection.h"

namespace xianjie::store::postgres_internal {

// The registry tables partitioned by province, in the order their partitions are attached:
// member_version references household_version.
inline constexpr const char* kPartitionedTables[] = {"household_version", "member_version",
                                                     "household"};

// `table`'s partition for `province` (11 to 99): household_version_p63.
std::string PartitionName(const char* table, int province);

// The keys of a registry table as a store's schema declares them on the parent table, spelled as
// pg_get_constraintdef spells them: a coordinator (shards.h) cannot hold them, so each shard's
// tables hold them instead. The foreign key to batch is not among them: batches stay on the
// coordinator.
std::vector<std::string> RegistryKeys(const char* table);

// The CHECK (false) constraint of a coordinator's default partitions (shards.cc): its name is how
// a coordinator is recognized, and how the driver tells a province without a shard.
inline constexpr char kNoShardConstraint[] = "province_has_no_shard";

// Whether the schema is a coordinator (shards.h): its registry rows live on shards, and its
// default partitions refuse rows.
Result<bool> IsCoordinator(sql_internal::Connection& connection);

// Gives each of `provinces` its own partition of every partitioned table, in the caller's write
// transaction on `connection`: household_pNN, household_version_pNN and member_version_pNN. A
// partition that exists is kept (the operator may have made it, e.g. a foreign partition on a
// coordinator); a coordinator gets no local ones. Rows of the province already in the DEFAULT
// partitions (a registry imported before its regions were loaded) move into the new partitions;
// PostgreSQL moves none itself.
Status MakeProvincePartitions(sql_internal::Connection& connection, std::span<const int> provinces);

}  // namespace xianjie::store::postgres_internal

#endif  // XIANJIE_STORE_POSTGRES_PARTITIONS_H_
