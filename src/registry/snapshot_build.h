// Building the columnar snapshot (snapshot.h) from the registry's current versions (DB mode) or
// from a list of household records.
#ifndef XIANJIE_REGISTRY_SNAPSHOT_BUILD_H_
#define XIANJIE_REGISTRY_SNAPSHOT_BUILD_H_

#include <memory>
#include <span>

#include "base/status.h"
#include "registry/household.h"
#include "registry/snapshot.h"
#include "registry/store.h"

namespace xianjie::registry {

// The current version of every household of `store`, read with Store::ScanCurrent (which
// yields households in id order). Fails with the store's Status if the scan fails, and with
// kDataLoss if the store yields households out of id order or a stored ID number that is not
// 18 valid characters. Safe to call while other threads read the store.
Result<std::shared_ptr<const Snapshot>> BuildSnapshot(Store& store);

// The given records, in any order; a record whose members are not in canonical order is
// canonicalized (the caller's records are not modified). Fails with kInvalidArgument if a
// household id is empty or appears twice, or if an ID number is not 18 valid characters.
Result<std::shared_ptr<const Snapshot>> BuildSnapshot(std::span<const HouseholdRecord> records);

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_SNAPSHOT_BUILD_H_
