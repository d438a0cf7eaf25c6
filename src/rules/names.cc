// Tables of the names of the rule language.
#include "rules/names.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "rules/diagnostic.h"

namespace xianjie::rules {
namespace {

using HF = HouseholdField;
using MF = MemberField;

constexpr std::array<FieldInfo, 16> kHouseholdFields = {{
    {"status", ValueType::Code(CodeSet::kStatus), static_cast<uint8_t>(HF::kStatus)},
    {"wage_income", ValueType::Money(), static_cast<uint8_t>(HF::kWageIncome)},
    {"business_income", ValueType::Money(), static_cast<uint8_t>(HF::kBusinessIncome)},
    {"property_income", ValueType::Money(), static_cast<uint8_t>(HF::kPropertyIncome)},
    {"transfer_income", ValueType::Money(), static_cast<uint8_t>(HF::kTransferIncome)},
    {"production_costs", ValueType::Money(), static_cast<uint8_t>(HF::kProductionCosts)},
    {"prev_net_income", ValueType::Money(), static_cast<uint8_t>(HF::kPrevNetIncome)},
    {"rigid_medical", ValueType::Money(), static_cast<uint8_t>(HF::kRigidMedical)},
    {"rigid_education", ValueType::Money(), static_cast<uint8_t>(HF::kRigidEducation)},
    {"rigid_other", ValueType::Money(), static_cast<uint8_t>(HF::kRigidOther)},
    {"housing_safe", ValueType::Boolean(), static_cast<uint8_t>(HF::kHousingSafe)},
    {"water_safe", ValueType::Boolean(), static_cast<uint8_t>(HF::kWaterSafe)},
    {"net_income", ValueType::Money(), static_cast<uint8_t>(HF::kNetIncome)},
    {"rigid_spending", ValueType::Money(), static_cast<uint8_t>(HF::kRigidSpending)},
    {"members", ValueType::Number(0), static_cast<uint8_t>(HF::kMembers)},
    {"listed_members", ValueType::Number(0), static_cast<uint8_t>(HF::kListedMembers)},
}};

constexpr std::array<FieldInfo, 10> kMemberFields = {{
    {"relation", ValueType::Code(CodeSet::kRelation), static_cast<uint8_t>(MF::kRelation)},
    {"sex", ValueType::Code(CodeSet::kSex), static_cast<uint8_t>(MF::kSex)},
    {"birth_date", ValueType::Date(), static_cast<uint8_t>(MF::kBirthDate)},
    {"labor", ValueType::Code(CodeSet::kLabor), static_cast<uint8_t>(MF::kLabor)},
    {"health", ValueType::Code(CodeSet::kHealth), static_cast<uint8_t>(MF::kHealth)},
    {"school_stage", ValueType::Code(CodeSet::kSchoolStage),
     static_cast<uint8_t>(MF::kSchoolStage)},
    {"enrolled", ValueType::Boolean(), static_cast<uint8_t>(MF::kEnrolled)},
    {"med_insured", ValueType::Boolean(), static_cast<uint8_t>(MF::kMedInsured)},
    {"pension_insured", ValueType::Boolean(), static_cast<uint8_t>(MF::kPensionInsured)},
    {"shares_household", ValueType::Boolean(), static_cast<uint8_t>(MF::kSharesHousehold)},
}};

constexpr std::array<std::string_view, 8> kFunctions = {"if",    "age_on", "any", "all",
                                                        "count", "sum",    "min", "max"};

constexpr std::array<std::string_view, 13> kReserved = {
    "and",   "or",      "not",    "between",       "in",  "is", "missing", "true",
    "false", "unknown", "member", "listed_member", "dept"};

}  // namespace

std::span<const FieldInfo> HouseholdFields() { return kHouseholdFields; }
std::span<const FieldInfo> MemberFields() { return kMemberFields; }

const FieldInfo* FindHouseholdField(std::string_view name) {
  for (const FieldInfo& f : kHouseholdFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const FieldInfo* FindMemberField(std::string_view name) {
  for (const FieldInfo& f : kMemberFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool IsReservedName(std::string_view name) {
  for (std::string_view r : kReserved) {
    if (r == name) return true;
  }
  for (std::string_view f : kFunctions) {
    if (f == name) return true;
  }
  return false;
}

std::span<const std::string_view> FunctionNames() { return kFunctions; }

std::span<const registry::CodeEntry> CodeEntries(CodeSet set) {
  switch (set) {
    case CodeSet::kStatus:
      return registry::CodesOf(registry::HouseholdStatus{});
    case CodeSet::kRelation:
      return registry::CodesOf(registry::Relation{});
    case CodeSet::kSex:
      return registry::CodesOf(registry::Sex{});
    case CodeSet::kLabor:
      return registry::CodesOf(registry::Labor{});
    case CodeSet::kHealth:
      return registry::CodesOf(registry::Health{});
    case CodeSet::kSchoolStage:
      return registry::CodesOf(registry::SchoolStage{});
    case CodeSet::kFact:  // the fact's own codes (FactField::codes)
    case CodeSet::kNone:
      break;
  }
  return {};
}

std::optional<uint8_t> ParseCodeIn(CodeSet set, std::string_view text) {
  auto as_byte = [](auto value) -> std::optional<uint8_t> {
    if (!value) return std::nullopt;
    return static_cast<uint8_t>(*value);
  };
  switch (set) {
    case CodeSet::kStatus:
      return as_byte(registry::ParseCode<registry::HouseholdStatus>(text));
    case CodeSet::kRelation:
      return as_byte(registry::ParseCode<registry::Relation>(text));
    case CodeSet::kSex:
      return as_byte(registry::ParseCode<registry::Sex>(text));
    case CodeSet::kLabor:
      return as_byte(registry::ParseCode<registry::Labor>(text));
    case CodeSet::kHealth:
      return as_byte(registry::ParseCode<registry::Health>(text));
    case CodeSet::kSchoolStage:
      return as_byte(registry::ParseCode<registry::SchoolStage>(text));
    case CodeSet::kFact:
    case CodeSet::kNone:
      break;
  }
  return std::nullopt;
}

std::string_view CodeName(CodeSet set, int64_t value) {
  auto entries = CodeEntries(set);
  if (value < 0 || static_cast<size_t>(value) >= entries.size()) return "?";
  return entries[static_cast<size_t>(value)].code;
}

std::string ClosestName(std::string_view name, const std::vector<std::string_view>& candidates) {
  std::string_view best;
  size_t best_distance = SIZE_MAX;
  for (std::string_view c : candidates) {
    const size_t d = EditDistance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  const size_t limit = std::max<size_t>(1, CodePoints(name).size() / 3);
  if (best.empty() || best_distance > limit) return "";
  return std::string(best);
}

std::string TypeName(ValueType type) {
  switch (type.kind) {
    case TypeKind::kBoolean:
      return "boolean";
    case TypeKind::kNumber:
      return "number";
    case TypeKind::kMoney:
      return "money";
    case TypeKind::kDate:
      return "date";
    case TypeKind::kCode:
      return CodeSetName(type.code) + " code";
  }
  return "?";
}

std::string TypeWithArticle(ValueType type) {
  if (type.kind == TypeKind::kMoney) return "money";
  return "a " + TypeName(type);
}

std::string CodeSetName(CodeSet set) {
  switch (set) {
    case CodeSet::kStatus:
      return "status";
    case CodeSet::kRelation:
      return "relation";
    case CodeSet::kSex:
      return "sex";
    case CodeSet::kLabor:
      return "labor";
    case CodeSet::kHealth:
      return "health";
    case CodeSet::kSchoolStage:
      return "school_stage";
    case CodeSet::kFact:
      return "fact";
    case CodeSet::kNone:
      break;
  }
  return "?";
}

}  // namespace xianjie::rules
