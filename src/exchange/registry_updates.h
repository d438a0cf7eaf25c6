// The registry fields a department row may set (a contract's [[update]]s, decision 0006): the
// members' health, school stage, enrolment and insurances, and the household's housing and water
// safety. Values are registry codes or labels ("serious", "大病") and booleans ("true", "1", "是").
#ifndef XIANJIE_EXCHANGE_REGISTRY_UPDATES_H_
#define XIANJIE_EXCHANGE_REGISTRY_UPDATES_H_

#include <span>
#include <string_view>

#include "base/status.h"
#include "ingest/source_contract.h"
#include "ingest/source_rows.h"
#include "registry/household.h"

namespace xianjie::exchange {

// "member.health", "member.school_stage", "member.enrolled", "member.med_insured",
// "member.pension_insured", "household.housing_safe", "household.water_safe".
std::span<const std::string_view> UpdatableFields();

// Checks every [[update]] of `contract` names an updatable field and, for a literal value, a
// value the field takes; kInvalidArgument naming the contract, the update and what to do.
Status CheckContractUpdates(const ingest::SourceContract& contract);

// Applies the contract's updates for one accepted row to `record`: member fields on the member
// whose ID number is `id_number` (nothing when the household does not list them), household
// fields on the household. An update from a column whose cell is empty is skipped.
// kInvalidArgument for a value the field does not take (CheckContractUpdates rules literal
// values out; a column's value is checked here).
Status ApplyRowUpdates(const ingest::SourceContract& contract, const ingest::MappedRow& row,
                       std::string_view id_number, registry::HouseholdRecord& record);

}  // namespace xianjie::exchange

#endif  // XIANJIE_EXCHANGE_REGISTRY_UPDATES_H_
