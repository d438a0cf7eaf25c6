// The registry's domain model: a household (户) with its members, income components and
// indicators (DOMAIN.md §2, §3, §13), and the derived income figures of §3.
#ifndef XIANJIE_REGISTRY_HOUSEHOLD_H_
#define XIANJIE_REGISTRY_HOUSEHOLD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/region_code.h"
#include "registry/codes.h"

namespace xianjie::registry {

// Maximum length of a household id (DOMAIN.md §13), in bytes of UTF-8.
inline constexpr size_t kMaxHouseholdIdLength = 32;
// Maximum length of a member's name, in characters (code points).
inline constexpr size_t kMaxNameLength = 64;

// The household's own facts; money is for the 12-month window before the as-of date.
struct Household {
  std::string household_id;
  RegionCode village_code;
  HouseholdStatus status = HouseholdStatus::kOrdinary;
  Money wage_income;                     // 工资性收入
  Money business_income;                 // 生产经营性收入
  Money property_income;                 // 财产性收入
  Money transfer_income;                 // 转移性收入
  Money production_costs;                // 生产经营性支出
  std::optional<Money> prev_net_income;  // previous 12 months; nullopt = unknown
  Money rigid_medical;                   // eligible out-of-pocket spending (合规自付支出)
  Money rigid_education;
  Money rigid_other;
  bool housing_safe = true;
  bool water_safe = true;

  bool operator==(const Household&) const = default;
};

struct Member {
  std::string id_number;  // 18 characters, validated (GB 11643)
  std::string name;
  Relation relation = Relation::kOther;
  Sex sex = Sex::kMale;
  CivilDate birth_date;
  Labor labor = Labor::kNone;
  Health health = Health::kHealthy;
  SchoolStage school_stage = SchoolStage::kNone;
  bool enrolled = false;
  bool med_insured = true;
  bool pension_insured = false;
  bool shares_household = true;  // false: listed but does not live and share income here

  bool operator==(const Member&) const = default;
};

// A household and its listed members: the unit that is imported, versioned and screened.
struct HouseholdRecord {
  Household household;
  std::vector<Member> members;

  bool operator==(const HouseholdRecord&) const = default;
};

// Puts members in canonical order: the head first, then by ID number. Versions, hashes,
// exports and diffs all use this order, so a reordered file is not a change.
void Canonicalize(HouseholdRecord& record);

// A 64-bit hash of the canonical record's content (FNV-1a over a canonical encoding). Two
// records with equal content have equal hashes; used to skip unchanged households on re-import.
uint64_t ContentHash(const HouseholdRecord& record);

// Derived figures of DOMAIN.md §3.
Money NetIncome(const Household& h);      // wage + business + property + transfer − costs
Money RigidSpending(const Household& h);  // medical + education + other
int CountedMembers(const HouseholdRecord& record);  // members with shares_household

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_HOUSEHOLD_H_
