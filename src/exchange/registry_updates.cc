#include "exchange/registry_updates.h"

#include <algorithm>
#include <optional>
#include <string>

#include "registry/codes.h"

namespace xianjie::exchange {
namespace {

constexpr std::string_view kFields[] = {
    "member.health",        "member.school_stage",    "member.enrolled",
    "member.med_insured",   "member.pension_insured", "household.housing_safe",
    "household.water_safe",
};

std::optional<bool> BoolOf(std::string_view text) {
  if (text == "true" || text == "TRUE") return true;
  if (text == "false" || text == "FALSE") return false;
  return registry::ParseBool(text);
}

// Sets `field` of the member or household to `text`; false if the field does not take it.
bool Set(std::string_view field, std::string_view text, registry::Member* member,
         registry::Household& household) {
  if (field == "household.housing_safe" || field == "household.water_safe") {
    auto b = BoolOf(text);
    if (!b) return false;
    (field == "household.housing_safe" ? household.housing_safe : household.water_safe) = *b;
    return true;
  }
  registry::Member scratch;
  registry::Member& m = member != nullptr ? *member : scratch;
  if (field == "member.health") {
    auto health = registry::ParseCode<registry::Health>(text);
    if (!health) return false;
    m.health = *health;
  } else if (field == "member.school_stage") {
    auto stage = registry::ParseCode<registry::SchoolStage>(text);
    if (!stage) return false;
    m.school_stage = *stage;
  } else {
    auto b = BoolOf(text);
    if (!b) return false;
    if (field == "member.enrolled") {
      m.enrolled = *b;
    } else if (field == "member.med_insured") {
      m.med_insured = *b;
    } else if (field == "member.pension_insured") {
      m.pension_insured = *b;
    } else {
      return false;
    }
  }
  return true;
}

std::string Known() {
  std::string known;
  for (std::string_view f : kFields) {
    if (!known.empty()) known += ", ";
    known += f;
  }
  return known;
}

}  // namespace

std::span<const std::string_view> UpdatableFields() { return kFields; }

Status CheckContractUpdates(const ingest::SourceContract& contract) {
  for (size_t i = 0; i < contract.updates.size(); ++i) {
    const ingest::ContractUpdate& u = contract.updates[i];
    const std::string where = contract.origin + ": update[" + std::to_string(i) + "]: ";
    if (std::find(std::begin(kFields), std::end(kFields), u.field) == std::end(kFields)) {
      return InvalidArgument(where + "'" + u.field +
                             "' cannot be set by a department; use one of " + Known());
    }
    registry::Household household;
    registry::Member member;
    if (u.column.empty() && !Set(u.field, u.value, &member, household)) {
      return InvalidArgument(where + "'" + u.value + "' is not a value of " + u.field +
                             "; write a code or label of the registry");
    }
    // A column's values: an enum's must all be values of the field, a bool suits a bool field.
    const ingest::ContractColumn* column =
        u.column.empty() ? nullptr : contract.FindColumn(u.column);
    if (column != nullptr && column->type == ingest::ColumnType::kEnum) {
      for (const ingest::EnumValue& v : column->values) {
        if (!Set(u.field, v.value, &member, household)) {
          return InvalidArgument(where + "column '" + u.column + "' has the value '" + v.value +
                                 "', which is not a value of " + u.field +
                                 "; map its labels to the registry's codes");
        }
      }
    } else if (column != nullptr && column->type == ingest::ColumnType::kBool) {
      if (!Set(u.field, "true", &member, household)) {
        return InvalidArgument(where + "column '" + u.column + "' is yes/no but " + u.field +
                               " is not");
      }
    } else if (column != nullptr) {
      return InvalidArgument(where + "column '" + u.column + "' must be an enum or yes/no column");
    }
  }
  return Status::Ok();
}

Status ApplyRowUpdates(const ingest::SourceContract& contract, const ingest::MappedRow& row,
                       std::string_view id_number, registry::HouseholdRecord& record) {
  registry::Member* member = nullptr;
  for (registry::Member& m : record.members) {
    if (m.id_number == id_number) member = &m;
  }
  for (const ingest::ContractUpdate& u : contract.updates) {
    const bool member_field = u.field.starts_with("member.");
    if (member_field && member == nullptr) continue;
    std::string_view text = u.value;
    if (!u.column.empty()) {
      const ingest::ContractColumn* column = contract.FindColumn(u.column);
      if (column == nullptr) continue;
      const auto index = static_cast<size_t>(column - contract.columns.data());
      if (index >= row.values.size() || !row.values[index].present) continue;
      text = row.values[index].text;
    }
    if (!Set(u.field, text, member, record.household)) {
      return InvalidArgument("row " + std::to_string(row.number) + ": '" + std::string(text) +
                             "' is not a value of " + u.field + " (source '" + contract.name +
                             "'); the contract's column '" + u.column +
                             "' must hold registry codes");
    }
  }
  return Status::Ok();
}

}  // namespace xianjie::exchange
