// Realistic errors planted in generated rows (--corrupt-rate), so that an import has something
// to quarantine: the slips of clerks and the defects of old systems. Each corrupted row breaks
// exactly one rule of DOMAIN.md §13 and stays well-formed CSV.
#ifndef XIANJIE_DEMO_CORRUPTION_H_
#define XIANJIE_DEMO_CORRUPTION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "demo/random.h"
#include "demo/rows.h"
#include "registry/region.h"

namespace xianjie::demo {

enum class Corruption {
  kIdCheck,               // members: the ID number's check character is wrong
  kIdBirthDate,           // members: the ID number holds an impossible date (month 13..24)
  kSexMismatch,           // members: sex disagrees with the ID number
  kBirthDateMismatch,     // members: birth_date disagrees with the ID number
  kUnknownVillage,        // households: a village code the region table does not know
  kMalformedMoney,        // households: "12,345.00", "1.234", "abc", "不详"
  kDuplicateIdNumber,     // members: the ID number (with sex and birth date) of an earlier member
  kDuplicateHouseholdId,  // households: the id of an earlier household; its members keep the
                          // original id, which then names no household
  kEmptyName,             // members: the name is empty
  kBadEnum,     // either: a code or label that is not in the table ("母亲", "贫困户")
  kBadBoolean,  // either: a boolean that is not 1/0/是/否 ("Y", "2", "true")
};

inline constexpr size_t kCorruptionKinds = 11;

// All kinds, in declaration order.
std::span<const Corruption> AllCorruptions();
// The kind's key in GeneratorStats::corrupted: "id_check", "id_birth_date", "sex_mismatch",
// "birth_date_mismatch", "unknown_village", "malformed_money", "duplicate_id_number",
// "duplicate_household_id", "empty_name", "bad_enum", "bad_boolean".
std::string_view CorruptionName(Corruption kind);

// Decides row by row, with its own random stream, whether and how to corrupt. The stream is
// separate from the one that draws the data, so a run with a corruption rate writes the same
// rows as the run without, except the corrupted ones. Not thread-safe.
class Corruptor {
 public:
  // `rate` in [0, 1]; `regions` must outlive the Corruptor.
  Corruptor(double rate, uint64_t seed, const registry::RegionTable& regions);

  // With probability `rate`, corrupts one field of the row and returns the kind.
  std::optional<Corruption> MaybeCorrupt(HouseholdFields& fields);
  std::optional<Corruption> MaybeCorrupt(MemberFields& fields);

  // Records a household whose rows all went out intact; duplicates copy its id and the
  // identity (ID number, sex, birth date) of the member given.
  void RememberIntact(std::string_view household_id, const MemberFields& member);

 private:
  void UnknownVillage(std::string& code);
  void MalformedMoney(std::string& money);

  double rate_;
  Rng rng_;
  const registry::RegionTable& regions_;
  std::string intact_household_id_;
  std::string intact_id_number_;
  std::string intact_sex_;
  std::string intact_birth_date_;
};

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_CORRUPTION_H_
