// The argument checks both backends make before they store or read anything, so that the memory
// and SQLite stores refuse the same inputs with the same messages.
#ifndef XIANJIE_STORE_INTERNAL_ARGUMENT_CHECKS_H_
#define XIANJIE_STORE_INTERNAL_ARGUMENT_CHECKS_H_

#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "rules/screening_store.h"

namespace xianjie::store::internal {

// kInvalidArgument if the standard has no content hash.
Status CheckStandard(const rules::StoredStandard& standard);

// kInvalidArgument unless every result names a household and the results are in strictly
// increasing household_id (byte) order.
Status CheckRunResults(std::span<const rules::HouseholdResult> results);

// The households a read of many takes (FactsOfHouseholds, CaseRowsOf, WarningsOfHouseholds):
// in byte order, each once, as both backends return their rows.
std::vector<std::string> SortedDistinct(std::vector<std::string> ids);

// kInvalidArgument unless `instant` is a UTC ISO 8601 instant "YYYY-MM-DDTHH:MM:SSZ", the form
// batch times are stored in (which makes string order time order).
Status CheckUtcInstant(const std::string& instant);

}  // namespace xianjie::store::internal

#endif  // XIANJIE_STORE_INTERNAL_ARGUMENT_CHECKS_H_
