// What changed between two versions of a household: the field-by-field difference that
// `xianjie history` shows and that the household file in the UI will show.
#ifndef XIANJIE_REGISTRY_HISTORY_H_
#define XIANJIE_REGISTRY_HISTORY_H_

#include <string>
#include <vector>

#include "registry/household.h"

namespace xianjie::registry {

struct FieldChange {
  // "household", or "member <masked ID> <name>" for a member's field.
  std::string subject;
  // A column of the exchange format ("wage_income", "labor" ...), or "member" when a whole
  // member was added (before empty) or removed (after empty).
  std::string field;
  std::string before;  // exchange-format text of the old value ("" = unknown/absent)
  std::string after;
};

// Differences from `before` to `after`, household fields first in exchange-format column
// order, then members matched by ID number (removed, changed, added; in ID order). ID numbers
// appear masked (first 6 and last 4 characters).
std::vector<FieldChange> DiffRecords(const HouseholdRecord& before, const HouseholdRecord& after);

// The exchange-format text of each household column, in the column order of
// registry/exchange_columns.h: (column name, value).
std::vector<std::pair<std::string, std::string>> HouseholdFields(const Household& h);
// The same for a member: every member column but household_id, which is the household's.
std::vector<std::pair<std::string, std::string>> MemberFields(const Member& m);

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_HISTORY_H_
