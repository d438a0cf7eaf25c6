// The names a rule expression can use besides parameters and rules: the household fields and
// member fields of docs/rules-language.md ("Names"), the reserved words, the functions, and the
// code tables behind the code types.
#ifndef XIANJIE_RULES_NAMES_H_
#define XIANJIE_RULES_NAMES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "registry/codes.h"
#include "rules/value_type.h"

namespace xianjie::rules {

enum class HouseholdField : uint8_t {
  kStatus,
  kWageIncome,
  kBusinessIncome,
  kPropertyIncome,
  kTransferIncome,
  kProductionCosts,
  kPrevNetIncome,
  kRigidMedical,
  kRigidEducation,
  kRigidOther,
  kHousingSafe,
  kWaterSafe,
  kNetIncome,
  kRigidSpending,
  kMembers,
  kListedMembers,
};

enum class MemberField : uint8_t {
  kRelation,
  kSex,
  kBirthDate,
  kLabor,
  kHealth,
  kSchoolStage,
  kEnrolled,
  kMedInsured,
  kPensionInsured,
  kSharesHousehold,
};

struct FieldInfo {
  std::string_view name;
  ValueType type;
  uint8_t id;  // HouseholdField or MemberField
};

std::span<const FieldInfo> HouseholdFields();
std::span<const FieldInfo> MemberFields();
const FieldInfo* FindHouseholdField(std::string_view name);
const FieldInfo* FindMemberField(std::string_view name);

// Keywords, function names, the aggregate ranges (member, listed_member) and `dept` (the prefix
// of department facts): no parameter or rule may take these names.
bool IsReservedName(std::string_view name);
std::span<const std::string_view> FunctionNames();

// The entries of a code set (code, Chinese label, alternatives). A fact's own codes
// (CodeSet::kFact) are not here but in its FactField (facts.h): none, nullopt, "?".
std::span<const registry::CodeEntry> CodeEntries(CodeSet set);
// The underlying value of `text` (a code or a label) in `set`, via registry::ParseCode.
std::optional<uint8_t> ParseCodeIn(CodeSet set, std::string_view text);
// The code name of a value ("lifted").
std::string_view CodeName(CodeSet set, int64_t value);

// The closest candidate to `name` by edit distance if it is close enough to be a likely typo
// (distance <= max(1, length / 3)), else "".
std::string ClosestName(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_NAMES_H_
