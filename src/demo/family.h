// The members of a demo household: who they are to the head, their ages, sexes, ID numbers and
// names (family.cc), and their health, schooling, labour, insurance and whether they share the
// household's income (traits.cc).
#ifndef XIANJIE_DEMO_FAMILY_H_
#define XIANJIE_DEMO_FAMILY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "demo/random.h"
#include "demo/villages.h"
#include "registry/household.h"

namespace xianjie::demo {

inline constexpr int kMaxMembers = 8;

// What the income model decided beyond the registry's figures, for the department files
// (demo/departments.h). Set by DrawMoney.
struct HouseholdEvents {
  bool allowance = false;      // gets the minimum allowance (低保) or extreme-poverty support
  bool public_post = false;    // a member holds a public-welfare or ranger post
  bool lost_work = false;      // wages fell in the last twelve months: work was lost
  bool business_loss = false;  // a failed crop or herd, or a loss-making year
  bool illness = false;        // a serious illness or accident in the last twelve months
};

// One household while it is drawn. The generator keeps a single instance and redraws it for
// every household, so the strings inside keep their capacity (no allocation per household).
struct DemoHousehold {
  registry::Household household;
  std::array<registry::Member, kMaxMembers> members;
  std::array<int, kMaxMembers> ages{};  // completed years on the reference date
  int size = 0;                         // listed members, 1..kMaxMembers
  bool pastoral = false;                // lives from herding rather than farming
  NameStyle name_style = NameStyle::kHan;
  HouseholdEvents events;

  bool lifted() const { return household.status == registry::HouseholdStatus::kLifted; }
};

// Hands out the 3-digit sequence codes of ID numbers so that no two people of one run share a
// number: one counter per (county, birth date, sex), 499 codes each (odd for men, even for
// women). Memory: 2 bytes per county, day of the last 101 years and sex.
class IdSequences {
 public:
  IdSequences(int counties, CivilDate reference);

  // Replaces `out` with a valid ID number (GB 11643) for a person registered in county
  // `county_index` (address code `county6`) and born on `birth`. If the day's codes are used
  // up, `birth` moves to the nearest earlier (else later) day that has one; never past the
  // reference date. Requires `birth` within the 101 years before the reference date.
  void Assign(int county_index, std::string_view county6, bool male, CivilDate& birth,
              std::string& out);

 private:
  int32_t first_day_;
  int32_t days_;
  std::vector<uint16_t> used_;
};

// The date `years` years before `date` (29 February becomes 28 February).
CivilDate YearsBefore(CivilDate date, int years);

// Draws size, relations, ages, sexes, birth dates, ID numbers and names. Requires
// h.household.status and h.name_style to be set.
void DrawFamily(const Village& village, const County& county, CivilDate reference, Rng& rng,
                IdSequences& ids, DemoHousehold& h);

// Draws health, school stage and enrolment, labour, insurance and shares_household from each
// member's age and the household's status.
void DrawTraits(Rng& rng, DemoHousehold& h);

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_FAMILY_H_
