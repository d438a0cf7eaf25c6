// Member traits of demo households: health rising with age (more among lifted households),
// school stage and enrolment by age, labour capacity from age and health, insurance, and who
// lives away from the household.
#include <algorithm>

#include "demo/family.h"

namespace xianjie::demo {
namespace {

using registry::Health;
using registry::Labor;
using registry::Member;
using registry::Relation;
using registry::SchoolStage;

// Compulsory schooling: ages 6..15 on the school reference date (DOMAIN.md §4).
constexpr int kCompulsoryFrom = 6;
constexpr int kCompulsoryTo = 15;
// Share of compulsory-age children out of school.
constexpr double kDropout = 0.003;

Health DrawHealth(int age, bool lifted, Rng& rng) {
  const double f = lifted ? 1.5 : 1.0;
  const double serious = (0.003 + 0.0002 * age) * f;
  const double disabled = (0.010 + 0.0003 * age) * f;
  const double chronic = (0.02 + 0.003 * age) * f;
  const double u = rng.Uniform();
  if (u < serious) return Health::kSerious;
  if (u < serious + disabled) return Health::kDisabled;
  if (u < serious + disabled + chronic) return Health::kChronic;
  return Health::kHealthy;
}

SchoolStage DrawStage(int age, Rng& rng) {
  const double u = rng.Uniform();
  if (age >= 3 && age <= 5) return u < 0.9 ? SchoolStage::kPreschool : SchoolStage::kNone;
  if (age >= 6 && age <= 11) return SchoolStage::kPrimary;
  if (age >= 12 && age <= 14) return SchoolStage::kJunior;
  if (age == 15) {
    return u < 0.35 ? SchoolStage::kJunior
                    : (u < 0.80 ? SchoolStage::kSenior : SchoolStage::kVocational);
  }
  if (age >= 16 && age <= 17) {
    return u < 0.55 ? SchoolStage::kSenior
                    : (u < 0.85 ? SchoolStage::kVocational : SchoolStage::kNone);
  }
  if (age == 18) {
    return u < 0.2 ? SchoolStage::kSenior : (u < 0.55 ? SchoolStage::kCollege : SchoolStage::kNone);
  }
  if (age >= 19 && age <= 21) return u < 0.45 ? SchoolStage::kCollege : SchoolStage::kNone;
  if (age == 22) return u < 0.15 ? SchoolStage::kCollege : SchoolStage::kNone;
  return SchoolStage::kNone;
}

Labor DrawLabor(int age, Health health, bool student, Rng& rng) {
  if (age < 16 || student) return Labor::kNone;
  const double u = rng.Uniform();
  const bool sick = health == Health::kSerious || health == Health::kDisabled;
  if (age <= 59) {
    if (health == Health::kHealthy) {
      return u < 0.2 ? Labor::kSkilled : (u < 0.96 ? Labor::kOrdinary : Labor::kWeak);
    }
    if (health == Health::kChronic) {
      return u < 0.45 ? Labor::kOrdinary : (u < 0.9 ? Labor::kWeak : Labor::kLost);
    }
    return u < 0.35 ? Labor::kWeak : Labor::kLost;
  }
  if (age <= 69) {
    if (sick) return u < 0.6 ? Labor::kLost : Labor::kNone;
    return u < 0.3 ? Labor::kOrdinary : (u < 0.85 ? Labor::kWeak : Labor::kNone);
  }
  if (sick) return u < 0.3 ? Labor::kLost : Labor::kNone;
  return u < 0.3 ? Labor::kWeak : Labor::kNone;
}

// Grown children and their spouses often work and live elsewhere and are listed without
// sharing the household's income; the head always lives there.
double AwayChance(const Member& m, int age, bool student) {
  if (m.relation == Relation::kHead) return 0.0;
  const bool kin = m.relation == Relation::kChild || m.relation == Relation::kChildInLaw ||
                   m.relation == Relation::kSibling || m.relation == Relation::kGrandchild;
  return kin && age >= 18 && age <= 45 && !student ? 0.14 : 0.01;
}

}  // namespace

void DrawTraits(Rng& rng, DemoHousehold& h) {
  // A very few households are listed while nobody lives there (members = 0: not screened),
  // and a few have let their medical insurance lapse altogether.
  const bool whole_away = rng.Chance(0.0002);
  const bool whole_uninsured = rng.Chance(0.004);
  for (int i = 0; i < h.size; ++i) {
    Member& m = h.members[i];
    const int age = h.ages[i];
    m.health = DrawHealth(age, h.lifted(), rng);
    m.school_stage = DrawStage(age, rng);
    if (age >= kCompulsoryFrom && age <= kCompulsoryTo && rng.Chance(kDropout)) {
      m.school_stage = SchoolStage::kNone;
    }
    m.enrolled = m.school_stage != SchoolStage::kNone;
    const bool student = m.enrolled && m.school_stage >= SchoolStage::kSenior;
    m.labor = DrawLabor(age, m.health, student, rng);
    m.shares_household = !whole_away && !rng.Chance(AwayChance(m, age, student));
    m.med_insured = !whole_uninsured && !rng.Chance(age == 0 ? 0.05 : 0.004);
    const bool adult = age >= 16 && !student;
    m.pension_insured = adult && rng.Chance(age >= 60 ? 0.97 : 0.92);
  }
}

}  // namespace xianjie::demo
