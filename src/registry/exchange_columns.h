// The columns of the registry exchange format v1 (DOMAIN.md §13), defined once for the parser,
// the exporter, the demo generator and the version diff: the columns of households.csv and
// members.csv in the order of §13, their names, and the header lines Xianjie writes.
#ifndef XIANJIE_REGISTRY_EXCHANGE_COLUMNS_H_
#define XIANJIE_REGISTRY_EXCHANGE_COLUMNS_H_

#include <array>
#include <cstddef>
#include <string_view>

namespace xianjie::registry {

// The columns of households.csv, in the order of §13 (the order in which Xianjie writes them).
enum class HouseholdColumn {
  kHouseholdId,
  kVillageCode,
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
};

// The columns of members.csv, in the order of §13. The last one, shares_household, is optional
// in a file (default 1).
enum class MemberColumn {
  kIdNumber,
  kHouseholdId,
  kName,
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

// The position of a column in its file's column list.
constexpr size_t Index(HouseholdColumn column) { return static_cast<size_t>(column); }
constexpr size_t Index(MemberColumn column) { return static_cast<size_t>(column); }

// Counted from the last column of each enum.
inline constexpr size_t kHouseholdColumnCount = Index(HouseholdColumn::kWaterSafe) + 1;
inline constexpr size_t kMemberColumnCount = Index(MemberColumn::kSharesHousehold) + 1;

// The name of each column as the header row spells it, indexed by Index(column).
inline constexpr std::array<std::string_view, kHouseholdColumnCount> kHouseholdColumnNames = {
    "household_id",    "village_code",    "status",           "wage_income",     "business_income",
    "property_income", "transfer_income", "production_costs", "prev_net_income", "rigid_medical",
    "rigid_education", "rigid_other",     "housing_safe",     "water_safe",
};
inline constexpr std::array<std::string_view, kMemberColumnCount> kMemberColumnNames = {
    "id_number",
    "household_id",
    "name",
    "relation",
    "sex",
    "birth_date",
    "labor",
    "health",
    "school_stage",
    "enrolled",
    "med_insured",
    "pension_insured",
    "shares_household",
};

namespace exchange_columns_internal {

// Length of the names joined by commas.
template <size_t N>
constexpr size_t JoinedLength(const std::array<std::string_view, N>& names) {
  size_t length = N - 1;
  for (std::string_view name : names) length += name.size();
  return length;
}

// The names joined by commas; Length must be JoinedLength(names).
template <size_t Length, size_t N>
constexpr std::array<char, Length> Join(const std::array<std::string_view, N>& names) {
  std::array<char, Length> text{};
  size_t at = 0;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) text[at++] = ',';
    for (char c : names[i]) text[at++] = c;
  }
  return text;
}

// A name left out of an initializer list above would be an empty string_view.
template <size_t N>
constexpr bool AllNamed(const std::array<std::string_view, N>& names) {
  for (std::string_view name : names) {
    if (name.empty()) return false;
  }
  return true;
}
static_assert(AllNamed(kHouseholdColumnNames) && AllNamed(kMemberColumnNames));

inline constexpr auto kHouseholdHeaderText =
    Join<JoinedLength(kHouseholdColumnNames)>(kHouseholdColumnNames);
inline constexpr auto kMemberHeaderText =
    Join<JoinedLength(kMemberColumnNames)>(kMemberColumnNames);

}  // namespace exchange_columns_internal

// The header rows: every column name in order, joined by commas, without a line terminator.
inline constexpr std::string_view kHouseholdHeader(
    exchange_columns_internal::kHouseholdHeaderText.data(),
    exchange_columns_internal::kHouseholdHeaderText.size());
inline constexpr std::string_view kMemberHeader(
    exchange_columns_internal::kMemberHeaderText.data(),
    exchange_columns_internal::kMemberHeaderText.size());

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_EXCHANGE_COLUMNS_H_
