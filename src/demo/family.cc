// Family composition of demo households: relations consistent with the head's age, ages and
// birth dates, sexes, unique ID numbers and names.
#include "demo/family.h"

#include <algorithm>
#include <cmath>

#include "base/id_number.h"
#include "demo/names.h"

namespace xianjie::demo {
namespace {

using registry::Member;
using registry::Relation;
using registry::Sex;

// Listed members per household, 1..8; the mean is 3.46 (DOMAIN.md §12).
constexpr double kSizeWeights[] = {0.13, 0.20, 0.21, 0.21, 0.12, 0.07, 0.04, 0.02};
constexpr int kCodesPerDay = 499;

int Round(double x) { return static_cast<int>(std::lround(x)); }

// The relation of a member after the head (and spouse), by the head's stage of life: young
// heads live with their parents, old heads with grandchildren and a child's spouse.
Relation DrawKin(int head_age, Rng& rng) {
  double r = rng.Uniform();
  if (r >= 0.985) return Relation::kOther;
  if (r >= 0.97) return Relation::kSibling;
  if (head_age < 45) {
    if (r < 0.30) return Relation::kParent;
    if (r < 0.33 && head_age < 35) return Relation::kGrandparent;
    return Relation::kChild;
  }
  if (head_age < 60) {
    if (r < 0.25) return Relation::kGrandchild;
    if (r < 0.35) return Relation::kChildInLaw;
    if (r < 0.40) return Relation::kParent;
    return Relation::kChild;
  }
  if (r < 0.50) return Relation::kGrandchild;
  if (r < 0.65) return Relation::kChildInLaw;
  return Relation::kChild;
}

// The age of a relative of a head aged `a`, or -1 if the relation cannot hold at that age.
int KinAge(Relation relation, int a, bool head_male, Rng& rng) {
  double u = rng.Uniform();
  switch (relation) {
    case Relation::kHead:
      return a;
    case Relation::kSpouse: {
      int gap = Round(rng.Normal(2.5, 3.0));  // husbands are a little older
      return std::clamp(head_male ? a - gap : a + gap, 18, 100);
    }
    case Relation::kChild:
      return a - Round(20 + u * std::min(18, a - 20));
    case Relation::kChildInLaw:
      return a < 38 ? -1 : std::clamp(a - Round(20 + u * 15), 18, 100);
    case Relation::kGrandchild:
      return a < 38 ? -1 : a - Round(38 + u * std::min(24, a - 38));
    case Relation::kParent:
      return a > 78 ? -1 : std::min(100, a + Round(20 + u * 15));
    case Relation::kGrandparent:
      return a > 55 ? -1 : std::min(100, a + Round(42 + u * 12));
    case Relation::kSibling:
      return std::clamp(a + Round(u * 16 - 8), 16, 100);
    case Relation::kOther:
      return Round(u * 80);
  }
  return -1;
}

// Men and women by relation; of two parents (or grandparents) one is a man and one a woman.
bool DrawMale(Relation relation, bool head_male, const DemoHousehold& h, int upto, Rng& rng) {
  switch (relation) {
    case Relation::kHead:
      return head_male;
    case Relation::kSpouse:
      return !head_male;
    case Relation::kChildInLaw:
      return rng.Chance(0.1);
    case Relation::kParent:
    case Relation::kGrandparent:
      for (int i = 1; i < upto; ++i) {
        if (h.members[i].relation == relation) return h.members[i].sex == Sex::kFemale;
      }
      return rng.Chance(0.4);  // widowed mothers outnumber widowed fathers
    default:
      return rng.Chance(0.515);
  }
}

// Children and grandchildren carry the family name, and so do the men of the head's line.
bool CarriesFamilyName(Relation relation, bool male, bool head_male) {
  switch (relation) {
    case Relation::kChild:
    case Relation::kGrandchild:
      return true;
    case Relation::kSibling:
      return head_male;
    case Relation::kHead:
    case Relation::kSpouse:
    case Relation::kParent:
    case Relation::kGrandparent:
      return male;
    default:
      return false;
  }
}

void WriteDigits(int value, int width, char* out) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

}  // namespace

CivilDate YearsBefore(CivilDate date, int years) {
  int y = date.year() - years;
  int d = date.day();
  if (!CivilDate::IsValid(y, date.month(), d)) d = 28;  // 29 February in a common year
  return CivilDate::FromYmd(y, date.month(), d);
}

IdSequences::IdSequences(int counties, CivilDate reference)
    : first_day_(YearsBefore(reference, 101).ToDays() + 1),
      days_(reference.ToDays() - first_day_ + 1),
      used_(static_cast<size_t>(counties) * static_cast<size_t>(days_) * 2, 0) {}

void IdSequences::Assign(int county_index, std::string_view county6, bool male, CivilDate& birth,
                         std::string& out) {
  const int32_t last_day = first_day_ + days_ - 1;
  const int32_t wanted = std::clamp(birth.ToDays(), first_day_, last_day);
  for (int32_t step = 0; step < days_; ++step) {
    for (int32_t day : {wanted - step, wanted + step}) {
      if (day < first_day_ || day > last_day) continue;
      size_t cell = (static_cast<size_t>(county_index) * static_cast<size_t>(days_) +
                     static_cast<size_t>(day - first_day_)) *
                        2 +
                    (male ? 1 : 0);
      if (used_[cell] >= kCodesPerDay) continue;
      // Start each cell at a scattered code, so that sequences are not all 001, 002 ...
      uint64_t mix = cell;
      int k = static_cast<int>((SplitMix64(mix) % kCodesPerDay + used_[cell]) % kCodesPerDay);
      ++used_[cell];
      birth = CivilDate::FromDays(day);
      char id[18];
      county6.copy(id, 6);
      WriteDigits(birth.ToYmdNumber(), 8, id + 6);
      WriteDigits(male ? 2 * k + 1 : 2 * k + 2, 3, id + 14);
      id[17] = IdCheckCharacter(std::string_view(id, 17));
      out.assign(id, 18);
      return;
    }
  }
  out.clear();  // every code of 101 years used up: impossible below ~100 million people
}

void DrawFamily(const Village& village, const County& county, CivilDate reference, Rng& rng,
                IdSequences& ids, DemoHousehold& h) {
  h.size = rng.Pick(kSizeWeights) + 1;
  const bool single = h.size == 1;
  const int head_age = single ? std::clamp(Round(rng.Normal(64, 14)), 18, 95)
                              : std::clamp(Round(rng.Normal(50, 13)), 20, 92);
  const bool head_male = rng.Chance(single ? 0.55 : 0.82);
  const std::string_view family_name = DrawSurname(h.name_style, rng);
  int parents = 0;
  int grandparents = 0;
  for (int i = 0; i < h.size; ++i) {
    Member& m = h.members[i];
    Relation rel = Relation::kHead;
    if (i == 1 && rng.Chance(0.88)) {
      rel = Relation::kSpouse;
    } else if (i > 0) {
      rel = DrawKin(head_age, rng);
      if ((rel == Relation::kParent && parents == 2) ||
          (rel == Relation::kGrandparent && grandparents == 2)) {
        rel = Relation::kChild;
      }
    }
    int age = KinAge(rel, head_age, head_male, rng);
    if (age < 0) {
      rel = Relation::kChild;
      age = KinAge(rel, head_age, head_male, rng);
    }
    parents += rel == Relation::kParent;
    grandparents += rel == Relation::kGrandparent;
    m.relation = rel;
    const bool male = DrawMale(rel, head_male, h, i, rng);
    m.sex = male ? Sex::kMale : Sex::kFemale;

    // A birth date uniform over the year of life that gives exactly `age` on the reference day.
    const int32_t latest = YearsBefore(reference, age).ToDays();
    const int32_t earliest = YearsBefore(reference, age + 1).ToDays() + 1;
    CivilDate birth = CivilDate::FromDays(earliest + rng.Below(latest - earliest + 1));
    ids.Assign(village.county_index, county.code6, male, birth, m.id_number);
    m.birth_date = birth;
    h.ages[i] = AgeOn(birth, reference);

    std::string_view surname =
        CarriesFamilyName(rel, male, head_male) ? family_name : DrawSurname(h.name_style, rng);
    DrawName(h.name_style, surname, male, rng, m.name);
  }
}

}  // namespace xianjie::demo
