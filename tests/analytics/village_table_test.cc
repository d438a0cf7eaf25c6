// Tests of the village table (analytics/village_table.h) over hand-built inputs: each figure on
// both sides of its boundary — the school age, counted and non-counted members, month edges and
// China's date of a UTC time, an episode eliminated before, on and after the as-of day, the
// buckets of days, paused days, stopped and out-of-period measures, labour capacity, relapses,
// warnings answered in time or not — and regions as sums, drill-downs and refusals.
#include "analytics/village_table.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "analytics/analytics_test_support.h"
#include "assist/catalog.h"
#include "assist/coordination.h"
#include "base/id_number.h"
#include "registry/household.h"

namespace xianjie::analytics {
namespace {

using cases::CaseKind;
using cases::CaseState;
using cases::MeasureCategory;
using cases::MeasureStatus;

constexpr char kV1[] = "630121100201";  // county 630121, township 630121100
constexpr char kV2[] = "630121100202";
constexpr char kV3[] = "630121101201";  // another township of the county
constexpr char kV4[] = "632221100201";  // another prefecture

using testing::D;

struct MemberSpec {
  CivilDate birth = D(1980, 5, 1);
  bool counted = true;
  bool enrolled = false;
  bool insured = true;
  registry::Labor labour = registry::Labor::kNone;
};

registry::HouseholdRecord Household(const std::string& id, const std::string& village,
                                    std::vector<MemberSpec> members,
                                    registry::HouseholdStatus status =
                                        registry::HouseholdStatus::kOrdinary,
                                    bool housing_safe = true, bool water_safe = true) {
  static int sequence = 0;
  registry::HouseholdRecord r;
  r.household.household_id = id;
  r.household.village_code = *RegionCode::Parse(village);
  r.household.status = status;
  r.household.housing_safe = housing_safe;
  r.household.water_safe = water_safe;
  for (size_t i = 0; i < members.size(); ++i) {
    registry::Member& m = r.members.emplace_back();
    m.birth_date = members[i].birth;
    m.id_number = MakeIdNumber(village.substr(0, 6), m.birth_date, ++sequence % 1000);
    m.name = "成员" + std::to_string(i);
    m.relation = i == 0 ? registry::Relation::kHead : registry::Relation::kChild;
    m.shares_household = members[i].counted;
    m.enrolled = members[i].enrolled;
    m.med_insured = members[i].insured;
    m.labor = members[i].labour;
  }
  registry::Canonicalize(r);
  return r;
}

std::shared_ptr<const registry::Snapshot> Snapshot(std::vector<registry::HouseholdRecord> records) {
  std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return a.household.household_id < b.household.household_id;
  });
  registry::SnapshotBuilder builder;
  for (const auto& r : records) EXPECT_TRUE(builder.Add(r).ok()) << r.household.household_id;
  return builder.Finish();
}

cases::Episode Episode(int64_t id, const std::string& household, const std::string& village,
                       CivilDate identified, std::optional<CivilDate> eliminated = std::nullopt,
                       const std::string& type = "marginal", const std::string& risks = "R01") {
  cases::Episode e;
  e.id = id;
  e.household_id = household;
  e.village_code = village;
  e.identified_on = identified;
  e.eliminated_on = eliminated;
  e.type = type;
  e.risks = risks;
  if (eliminated) e.method = "by_assistance";
  return e;
}

cases::CaseRecord Approved(int64_t id, const std::string& village, CivilDate opened,
                           const std::string& closed_at, int paused_days = 0) {
  cases::CaseRecord c;
  c.id = id;
  c.kind = CaseKind::kIdentification;
  c.household_id = "H" + std::to_string(id);
  c.village_code = village;
  c.state = CaseState::kMonitored;
  c.opened_on = opened;
  c.closed_at = closed_at;
  c.paused_days = paused_days;
  return c;
}

cases::Measure Measure(int64_t id, const std::string& household, MeasureCategory category,
                       MeasureStatus status, CivilDate start,
                       std::optional<CivilDate> end = std::nullopt) {
  cases::Measure m;
  m.id = id;
  m.household_id = household;
  m.category = category;
  m.status = status;
  m.start = start;
  m.end = end;
  m.item = "item";
  return m;
}

// The inputs of one test, with the shipped counting rules and the 2024 school age.
struct Fixture {
  std::shared_ptr<const registry::Snapshot> snapshot = Snapshot({});
  std::vector<cases::Episode> episodes;
  std::vector<cases::CaseRecord> cases;
  std::vector<cases::Measure> measures;
  std::vector<cases::Lead> leads;
  std::vector<exchange::DeptWarning> warnings;
  std::vector<int64_t> problems;
  int year = 2024;
  CivilDate as_of = D(2024, 9, 30);
  std::map<std::string, int, std::less<>> overall_days;

  VillageTableInput Input() const {
    VillageTableInput in;
    in.year = year;
    in.as_of = as_of;
    in.snapshot = snapshot.get();
    in.school = {D(2024, 9, 1), 6, 15};
    in.rules = CountingRulesOf(assist::BuiltinMeasureCatalog(), assist::BuiltinCoordination());
    in.overall_days = overall_days;
    in.episodes = episodes;
    in.cases = cases;
    in.measures = measures;
    in.leads = leads;
    in.warnings = warnings;
    in.problem_episodes = problems;
    return in;
  }
  VillageTable Table() const {
    auto t = BuildVillageTable(Input());
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *std::move(t) : VillageTable{};
  }
};

// ---- the registry

TEST(VillageTableRegistryTest, HouseholdsPersonsAndLiftedCountCountedMembersOnly) {
  Fixture f;
  f.snapshot = Snapshot({
      Household("H1", kV1, {{}, {}, {.counted = false}}, registry::HouseholdStatus::kLifted),
      Household("H2", kV1, {{}}),
      Household("H3", kV1, {{.counted = false}}),  // nobody lives there
  });
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.households, 3);
  EXPECT_EQ(v.persons, 3);
  EXPECT_EQ(v.screenable_households, 2);
  EXPECT_EQ(v.lifted_households, 1);
  EXPECT_EQ(v.lifted_persons, 2);
}

TEST(VillageTableRegistryTest, SchoolAgeIsCompletedYearsOnTheReferenceDateBothEndsIncluded) {
  Fixture f;  // reference date 2024-09-01, ages 6..15
  f.snapshot = Snapshot({Household("H1", kV1, {
      {.birth = D(1980, 1, 1)},                    // adult
      {.birth = D(2018, 9, 1)},                    // 6 on the day: school age, not enrolled
      {.birth = D(2018, 9, 2)},                    // 5 on the day: too young
      {.birth = D(2008, 9, 2), .enrolled = true},  // 15: school age, enrolled
      {.birth = D(2008, 9, 1)},                    // 16 on the day: too old
      {.birth = D(2012, 1, 1), .counted = false},  // 12 but not counted
  })});
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.school_age_members, 2);
  EXPECT_EQ(v.dropouts, 1);
}

TEST(VillageTableRegistryTest, UninsuredMembersAndUnsafeHomesCountOnlyWhereSomeoneLives) {
  Fixture f;
  f.snapshot = Snapshot({
      Household("H1", kV1, {{.insured = false}, {.counted = false, .insured = false}, {}},
                registry::HouseholdStatus::kOrdinary, /*housing_safe=*/false,
                /*water_safe=*/true),
      Household("H2", kV1, {{}}, registry::HouseholdStatus::kOrdinary, true, false),
      // Nobody counted: its unsafe house and its uninsured member are not counted.
      Household("H3", kV1, {{.counted = false, .insured = false}},
                registry::HouseholdStatus::kOrdinary, false, false),
  });
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.uninsured, 1);
  EXPECT_EQ(v.unsafe_houses, 1);
  EXPECT_EQ(v.unsafe_water, 1);
}

// ---- monitoring objects

TEST(VillageTableObjectsTest, OpenOnTheAsOfDayByTypeAndRiskWithPersons) {
  Fixture f;
  f.snapshot = Snapshot({Household("H1", kV1, {{}, {}, {.counted = false}}),
                         Household("H2", kV1, {{}}), Household("H3", kV1, {{}})});
  f.episodes = {
      Episode(1, "H1", kV1, D(2023, 5, 1), std::nullopt, "unstable_lifted", "R01;R09"),
      Episode(2, "H2", kV1, D(2024, 9, 30), std::nullopt, "sudden_hardship", "R04"),  // as_of
      Episode(3, "H3", kV1, D(2024, 10, 1), std::nullopt, "marginal", "R01"),  // after as_of
      Episode(4, "H4", kV1, D(2024, 2, 1), std::nullopt, "marginal", "R12"),   // not in registry
  };
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.objects, 3);
  EXPECT_EQ(v.object_persons, 3);  // H1's two counted members, H2's one, H4 none
  EXPECT_EQ(v.objects_by_type, (std::array<int64_t, 3>{1, 1, 1}));
  EXPECT_EQ(v.persons_by_type, (std::array<int64_t, 3>{2, 0, 1}));
  EXPECT_EQ(v.objects_by_risk[static_cast<size_t>(registry::RiskType::kR01)], 1);
  EXPECT_EQ(v.objects_by_risk[static_cast<size_t>(registry::RiskType::kR09)], 1);
  EXPECT_EQ(v.objects_by_risk[static_cast<size_t>(registry::RiskType::kR04)], 1);
  EXPECT_EQ(v.objects_by_risk[static_cast<size_t>(registry::RiskType::kR12)], 1);
  EXPECT_EQ(v.persons_by_risk[static_cast<size_t>(registry::RiskType::kR09)], 2);
  EXPECT_EQ(v.persons_by_risk[static_cast<size_t>(registry::RiskType::kR12)], 0);
}

TEST(VillageTableObjectsTest, AnEpisodeEliminatedBeforeOrOnTheAsOfDayIsNotOpenAfterItIs) {
  Fixture f;
  f.snapshot = Snapshot({Household("H1", kV1, {{}}), Household("H2", kV1, {{}}),
                         Household("H3", kV1, {{}})});
  f.episodes = {
      Episode(1, "H1", kV1, D(2023, 1, 1), D(2024, 9, 29)),  // before
      Episode(2, "H2", kV1, D(2023, 1, 1), D(2024, 9, 30)),  // on the day
      Episode(3, "H3", kV1, D(2023, 1, 1), D(2024, 10, 1)),  // after: still open on as_of
  };
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.objects, 1);
  EXPECT_EQ(v.eliminated_objects, 2);
  EXPECT_EQ(v.cumulative_objects, 3);
  EXPECT_EQ(v.ever_eliminated, 2);
  EXPECT_EQ(v.eliminated_by_month[8], 2);  // September
  EXPECT_EQ(v.eliminated_by_month[9], 0);  // October is after as_of
}

TEST(VillageTableObjectsTest, MonthsOfTheYearUpToTheAsOfDay) {
  Fixture f;
  f.as_of = D(2024, 12, 31);
  f.episodes = {
      Episode(1, "H1", kV1, D(2023, 12, 31)),               // last year
      Episode(2, "H2", kV1, D(2024, 1, 1)),                 // January
      Episode(3, "H3", kV1, D(2024, 1, 31)),                // January
      Episode(4, "H4", kV1, D(2024, 2, 1)),                 // February
      Episode(5, "H5", kV1, D(2024, 12, 31)),               // December, the as-of day
      Episode(6, "H6", kV1, D(2022, 3, 1), D(2024, 1, 1)),  // eliminated in January
      Episode(7, "H7", kV1, D(2022, 3, 1), D(2023, 12, 31)),
  };
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.identified_by_month,
            (std::array<int64_t, 12>{2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(v.eliminated_by_month,
            (std::array<int64_t, 12>{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(VillageTableObjectsTest, QualityProblemsCountForEliminationsOfTheYearOnly) {
  Fixture f;
  f.episodes = {
      Episode(1, "H1", kV1, D(2023, 1, 1), D(2024, 3, 1)),
      Episode(2, "H2", kV1, D(2023, 1, 1), D(2024, 3, 1)),
      Episode(3, "H3", kV1, D(2022, 1, 1), D(2023, 3, 1)),   // last year's
      Episode(4, "H4", kV1, D(2023, 1, 1), D(2024, 11, 1)),  // after as_of
  };
  f.problems = {1, 3, 4};
  EXPECT_EQ(f.Table().Sum(kV1).eliminations_with_problems, 1);
}

TEST(VillageTableObjectsTest, RelapseAndLiftedNewlyIdentified) {
  Fixture f;
  f.snapshot = Snapshot({
      Household("H1", kV1, {{}}, registry::HouseholdStatus::kLifted),
      Household("H2", kV1, {{}}, registry::HouseholdStatus::kLifted),
      Household("H3", kV1, {{}}, registry::HouseholdStatus::kLifted),
      Household("H4", kV1, {{}}),
      Household("H5", kV1, {{}}),
  });
  f.episodes = {
      // H1: eliminated in 2023, identified again in 2024: a relapse, not newly identified.
      Episode(1, "H1", kV1, D(2022, 1, 1), D(2023, 6, 1)),
      Episode(2, "H1", kV1, D(2024, 2, 1)),
      // H2: lifted, first identified in 2024.
      Episode(3, "H2", kV1, D(2024, 3, 1)),
      // H3: lifted, first identified in 2023: not new this year.
      Episode(4, "H3", kV1, D(2023, 3, 1)),
      // H4: eliminated and identified again last year: no relapse this year.
      Episode(5, "H4", kV1, D(2021, 1, 1), D(2022, 1, 1)),
      Episode(6, "H4", kV1, D(2023, 1, 1)),
      // H5: eliminated in 2024, identified again after the as-of day: not yet.
      Episode(7, "H5", kV1, D(2023, 1, 1), D(2024, 2, 1)),
      Episode(8, "H5", kV1, D(2024, 10, 1)),
  };
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.relapses, 1);
  EXPECT_EQ(v.lifted_identified, 1);
  EXPECT_EQ(v.cumulative_objects, 5);
  EXPECT_EQ(v.ever_eliminated, 3);     // H1, H4, H5
  EXPECT_EQ(v.eliminated_objects, 1);  // H5: its episode of October does not exist yet
  EXPECT_EQ(v.objects, 4);             // H1's second, H2, H3, H4's second
}

TEST(VillageTableObjectsTest, IdentifiedAgainOnTheDayOfTheEliminationIsARelapse) {
  Fixture f;
  f.episodes = {Episode(1, "H1", kV1, D(2023, 1, 1), D(2024, 3, 1)),
                Episode(2, "H1", kV1, D(2024, 3, 1))};
  EXPECT_EQ(f.Table().Sum(kV1).relapses, 1);
  f.episodes[0].eliminated_on = D(2024, 3, 2);  // overlapping: not after an elimination
  EXPECT_EQ(f.Table().Sum(kV1).relapses, 0);
}

TEST(VillageTableObjectsTest, HouseholdFiguresCountInTheLatestEpisodesVillage) {
  Fixture f;
  f.snapshot = Snapshot({Household("H1", kV2, {{}, {}})});
  f.episodes = {Episode(1, "H1", kV1, D(2021, 1, 1), D(2022, 1, 1)),
                Episode(2, "H1", kV2, D(2024, 5, 1))};
  const VillageTable t = f.Table();
  EXPECT_EQ(t.Sum(kV1).cumulative_objects, 0);
  EXPECT_EQ(t.Sum(kV2).cumulative_objects, 1);
  EXPECT_EQ(t.Sum(kV2).cumulative_persons, 2);
  EXPECT_EQ(t.Sum(kV2).relapses, 1);
  EXPECT_EQ(t.Sum(kV2).identified_by_month[4], 1);
}

// ---- identification cases

TEST(VillageTableCasesTest, DaysFromLeadToApprovalFallIntoBucketsAtTheirEdges) {
  Fixture f;
  const CivilDate opened = D(2024, 3, 1);
  auto closed = [&](int days) {
    return CivilDate::FromDays(opened.ToDays() + days).ToString() + "T02:00:00Z";
  };
  int64_t id = 0;
  for (int days : {0, 7, 8, 15, 16, 30, 31, 60, 61, 200}) {
    f.cases.push_back(Approved(++id, kV1, opened, closed(days)));
  }
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.approved, 10);
  EXPECT_EQ(v.approval_days, (std::array<int64_t, 5>{2, 2, 2, 2, 2}));
  EXPECT_EQ(v.approved_within_15_days, 4);
  EXPECT_EQ(v.approved_within_limit, 4);
  EXPECT_EQ(v.approval_days_total, 0 + 7 + 8 + 15 + 16 + 30 + 31 + 60 + 61 + 200);
}

TEST(VillageTableCasesTest, ThePausedDaysAndTheProvincesLimitDecideWithinTheLimit) {
  Fixture f;
  f.cases = {
      Approved(1, kV1, D(2024, 3, 1), "2024-03-21T02:00:00Z", 5),  // 20 days, 5 paused: 15
      Approved(2, kV1, D(2024, 3, 1), "2024-03-21T02:00:00Z", 4),  // 16 counted
      Approved(3, kV4, D(2024, 3, 1), "2024-03-21T02:00:00Z", 0),  // 20 ≤ province 63's 20
  };
  f.overall_days = {{"63", 20}};
  VillageFigures v = f.Table().Sum("");
  EXPECT_EQ(v.approved_within_limit, 3);
  EXPECT_EQ(v.approved_within_15_days, 0);
  f.overall_days.clear();
  v = f.Table().Sum("");
  EXPECT_EQ(v.approved_within_limit, 1);
}

TEST(VillageTableCasesTest, OnlyIdentificationsApprovedInTheYearByChinasDateCount) {
  Fixture f;
  f.cases = {
      Approved(1, kV1, D(2023, 12, 20), "2023-12-31T16:30:00Z"),  // 2024-01-01 in China
      Approved(2, kV1, D(2023, 12, 20), "2023-12-31T15:30:00Z"),  // 2023-12-31 in China
      Approved(3, kV1, D(2024, 9, 20), "2024-09-30T15:59:59Z"),   // the as-of day
      Approved(4, kV1, D(2024, 9, 20), "2024-09-30T16:00:00Z"),   // 1 October in China
  };
  cases::CaseRecord rejected = Approved(5, kV1, D(2024, 3, 1), "2024-03-05T02:00:00Z");
  rejected.state = CaseState::kRejected;
  cases::CaseRecord open = Approved(6, kV1, D(2024, 3, 1), "");
  open.state = CaseState::kCountyApproval;
  cases::CaseRecord elimination = Approved(7, kV1, D(2024, 3, 1), "2024-03-05T02:00:00Z");
  elimination.kind = CaseKind::kElimination;
  elimination.state = CaseState::kEliminated;
  f.cases.push_back(rejected);
  f.cases.push_back(open);
  f.cases.push_back(elimination);
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.approved, 2);
  EXPECT_EQ(v.approval_days, (std::array<int64_t, 5>{0, 2, 0, 0, 0}));  // 12 and 10 days
  EXPECT_EQ(v.approval_days_total, 22);
}

// ---- measures

TEST(VillageTableMeasuresTest, ByCategoryAndStatusAndObjectsWithACountedMeasure) {
  Fixture f;
  f.snapshot = Snapshot({Household("H1", kV1, {{}}), Household("H2", kV1, {{}}),
                         Household("H3", kV1, {{}}), Household("H9", kV1, {{}})});
  f.episodes = {Episode(1, "H1", kV1, D(2024, 1, 10)), Episode(2, "H2", kV1, D(2024, 1, 10)),
                Episode(3, "H3", kV1, D(2024, 1, 10))};
  f.measures = {
      Measure(1, "H1", MeasureCategory::kHealth, MeasureStatus::kDone, D(2024, 2, 1)),
      Measure(2, "H1", MeasureCategory::kHealth, MeasureStatus::kPlanned, D(2024, 2, 1)),
      // H2 has only a stopped measure: it counts by status but does not cover the object.
      Measure(3, "H2", MeasureCategory::kSafetyNet, MeasureStatus::kStopped, D(2024, 2, 1)),
      // H3: one ended the day before identification, one starting after as_of.
      Measure(4, "H3", MeasureCategory::kWater, MeasureStatus::kDone, D(2023, 1, 1),
              D(2024, 1, 9)),
      Measure(5, "H3", MeasureCategory::kWater, MeasureStatus::kPlanned, D(2024, 10, 1)),
      // H9 is not a monitoring object.
      Measure(6, "H9", MeasureCategory::kHealth, MeasureStatus::kDone, D(2024, 2, 1)),
  };
  VillageFigures v = f.Table().Sum(kV1);
  const auto health = static_cast<size_t>(MeasureCategory::kHealth);
  const auto safety = static_cast<size_t>(MeasureCategory::kSafetyNet);
  const auto water = static_cast<size_t>(MeasureCategory::kWater);
  EXPECT_EQ(v.measures[health][static_cast<size_t>(MeasureStatus::kDone)], 1);
  EXPECT_EQ(v.measures[health][static_cast<size_t>(MeasureStatus::kPlanned)], 1);
  EXPECT_EQ(v.measures[safety][static_cast<size_t>(MeasureStatus::kStopped)], 1);
  EXPECT_EQ(v.measures[water], (std::array<int64_t, 4>{0, 0, 0, 0}));
  EXPECT_EQ(v.objects, 3);
  EXPECT_EQ(v.objects_with_measure, 1);

  // The measure that ended on the day of identification still ran during the episode.
  f.measures[3].end = D(2024, 1, 10);
  v = f.Table().Sum(kV1);
  EXPECT_EQ(v.measures[water][static_cast<size_t>(MeasureStatus::kDone)], 1);
  EXPECT_EQ(v.objects_with_measure, 2);
}

TEST(VillageTableMeasuresTest, LabourCapableObjectsWithACountedDevelopmentMeasure) {
  Fixture f;
  f.snapshot = Snapshot({
      Household("H1", kV1, {{.labour = registry::Labor::kWeak}}),
      Household("H2", kV1, {{.labour = registry::Labor::kSkilled}}),
      Household("H3", kV1, {{.labour = registry::Labor::kOrdinary}}),
      // Capacity only in a member who does not share the household: not labour-capable.
      Household("H4", kV1, {{.labour = registry::Labor::kLost},
                            {.counted = false, .labour = registry::Labor::kSkilled}}),
  });
  for (int i = 1; i <= 4; ++i) {
    f.episodes.push_back(Episode(i, "H" + std::to_string(i), kV1, D(2024, 1, 10)));
  }
  f.measures = {
      Measure(1, "H1", MeasureCategory::kEmployment, MeasureStatus::kInProgress, D(2024, 2, 1)),
      Measure(2, "H2", MeasureCategory::kIndustry, MeasureStatus::kStopped, D(2024, 2, 1)),
      Measure(3, "H2", MeasureCategory::kSafetyNet, MeasureStatus::kDone, D(2024, 2, 1)),
      Measure(4, "H3", MeasureCategory::kPublicPost, MeasureStatus::kPlanned, D(2024, 2, 1)),
      Measure(5, "H4", MeasureCategory::kFinance, MeasureStatus::kDone, D(2024, 2, 1)),
  };
  const VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.labour_capable_objects, 3);
  EXPECT_EQ(v.labour_capable_with_development, 2);  // H1, H3; H2's industry measure stopped
  EXPECT_EQ(v.objects_with_measure, 4);
}

// ---- department warnings

exchange::DeptWarning Warning(int64_t id, const std::string& household, const std::string& period,
                              const std::string& raised_at) {
  exchange::DeptWarning w;
  w.id = id;
  w.source = "medical_insurance";
  w.person_key = "p" + std::to_string(id);
  w.household_id = household;
  w.village_code = kV1;
  w.period = period;
  w.raised_at = raised_at;
  return w;
}

cases::Lead DeptLead(const std::string& household, const std::string& period, int64_t case_id,
                     int64_t episode_id = 0, const std::string& at = "2024-03-01T02:00:00Z") {
  cases::Lead l;
  l.household_id = household;
  l.channel = cases::Channel::kDepartmentWarning;
  l.source = "dept:medical_insurance:" + period;
  l.at = at;
  l.case_id = case_id;
  l.episode_id = episode_id;
  return l;
}

TEST(VillageTableWarningsTest, AnsweredWhenTheCaseEndedWithinTheLimitOrTheHouseholdIsMonitored) {
  Fixture f;
  const std::string raised = "2024-03-01T02:00:00Z";
  f.warnings = {
      Warning(1, "H1", "2024-02", raised),  // case closed 15 days later: in time
      Warning(2, "H2", "2024-02", raised),  // 16 days later: late
      Warning(3, "H3", "2024-02", raised),  // case still open
      Warning(4, "H4", "2024-02", raised),  // recorded on the household's episode
      Warning(5, "H5", "2024-02", raised),  // no lead found
      Warning(6, "H6", "2024-02", raised),  // dismissed in 3 days: answered
      Warning(7, "H7", "2024-02", raised),  // closed after the as-of day
      Warning(8, "H1", "2023-11", "2023-12-01T02:00:00Z"),  // last year's
  };
  auto decided = [](int64_t id, const std::string& household, CaseState state,
                    const std::string& closed_at) {
    cases::CaseRecord c = Approved(id, kV1, D(2024, 3, 1), closed_at);
    c.household_id = household;
    c.state = state;
    return c;
  };
  f.cases = {decided(11, "H1", CaseState::kMonitored, "2024-03-16T02:00:00Z"),
             decided(12, "H2", CaseState::kRejected, "2024-03-17T02:00:00Z"),
             decided(13, "H3", CaseState::kTownshipReview, ""),
             decided(16, "H6", CaseState::kDismissed, "2024-03-04T02:00:00Z"),
             decided(17, "H7", CaseState::kMonitored, "2024-03-10T02:00:00Z")};
  f.leads = {DeptLead("H1", "2024-02", 11), DeptLead("H2", "2024-02", 12),
             DeptLead("H3", "2024-02", 13), DeptLead("H4", "2024-02", 0, 40),
             DeptLead("H6", "2024-02", 16), DeptLead("H7", "2024-02", 17)};
  f.as_of = D(2024, 9, 30);
  VillageFigures v = f.Table().Sum(kV1);
  EXPECT_EQ(v.warnings, 7);
  EXPECT_EQ(v.warnings_answered, 4);  // H1, H4, H6, H7

  f.as_of = D(2024, 3, 9);  // H7's case closed on the 10th; H1's on the 16th
  v = f.Table().Sum(kV1);
  EXPECT_EQ(v.warnings, 7);
  EXPECT_EQ(v.warnings_answered, 2);  // H4, H6
}

TEST(VillageTableWarningsTest, ALeadOfAnotherChannelOrSourceIsNotTheWarnings) {
  Fixture f;
  f.warnings = {Warning(1, "H1", "2024-02", "2024-03-01T02:00:00Z")};
  cases::CaseRecord c = Approved(11, kV1, D(2024, 3, 1), "2024-03-02T02:00:00Z");
  c.household_id = "H1";
  f.cases = {c};
  cases::Lead other_period = DeptLead("H1", "2024-01", 11);
  cases::Lead cadre = DeptLead("H1", "2024-02", 11);
  cadre.channel = cases::Channel::kCadreVisit;
  f.leads = {other_period, cadre};
  EXPECT_EQ(f.Table().Sum(kV1).warnings_answered, 0);
}

// ---- regions

TEST(VillageTableRegionsTest, AnyRegionIsTheSumOfItsVillagesAndDrillsDownOneLevel) {
  Fixture f;
  f.snapshot = Snapshot({Household("A1", kV1, {{}}), Household("A2", kV2, {{}, {}}),
                         Household("A3", kV3, {{}}), Household("A4", kV4, {{}})});
  f.episodes = {Episode(1, "A3", kV3, D(2024, 1, 1))};
  const VillageTable t = f.Table();
  ASSERT_EQ(t.village_codes().size(), 4u);
  EXPECT_EQ(t.Sum("").households, 4);
  EXPECT_EQ(t.Sum("63").persons, 5);
  EXPECT_EQ(t.Sum("630121").households, 3);
  EXPECT_EQ(t.Sum("630121100").persons, 3);
  EXPECT_EQ(t.Sum("630121101").objects, 1);
  EXPECT_EQ(t.Sum("64").households, 0);

  auto codes = [](const std::vector<AreaFigures>& areas) {
    std::vector<std::string> out;
    for (const auto& a : areas) out.push_back(a.code);
    return out;
  };
  EXPECT_EQ(codes(t.Children("")), (std::vector<std::string>{"63"}));
  EXPECT_EQ(codes(t.Children("63")), (std::vector<std::string>{"6301", "6322"}));
  EXPECT_EQ(codes(t.Children("6301")), (std::vector<std::string>{"630121"}));
  EXPECT_EQ(codes(t.Children("630121")), (std::vector<std::string>{"630121100", "630121101"}));
  EXPECT_EQ(codes(t.Children("630121100")), (std::vector<std::string>{kV1, kV2}));
  EXPECT_TRUE(t.Children(kV1).empty());
  const std::vector<AreaFigures> townships = t.Children("630121");
  EXPECT_EQ(townships[0].figures.persons, 3);
  EXPECT_EQ(townships[1].figures.objects, 1);
}

TEST(VillageTableRegionsTest, VillagesKnownOnlyFromEpisodesCasesOrWarningsHaveRows) {
  Fixture f;
  f.episodes = {Episode(1, "X1", kV2, D(2024, 1, 1))};
  f.cases = {Approved(1, kV3, D(2024, 1, 1), "2024-01-05T02:00:00Z")};
  f.warnings = {Warning(1, "X2", "2024-01", "2024-01-05T02:00:00Z")};  // kV1
  const VillageTable t = f.Table();
  EXPECT_EQ(std::vector<std::string>(t.village_codes().begin(), t.village_codes().end()),
            (std::vector<std::string>{kV1, kV2, kV3}));
  EXPECT_EQ(t.Sum(kV2).objects, 1);
  EXPECT_EQ(t.Sum(kV3).approved, 1);
  EXPECT_EQ(t.Sum(kV1).warnings, 1);
}

TEST(VillageTableRegionsTest, ChildCodeLengths) {
  EXPECT_EQ(ChildCodeLength(0), 2u);
  EXPECT_EQ(ChildCodeLength(2), 4u);
  EXPECT_EQ(ChildCodeLength(4), 6u);
  EXPECT_EQ(ChildCodeLength(6), 9u);
  EXPECT_EQ(ChildCodeLength(9), 12u);
  EXPECT_EQ(ChildCodeLength(12), 0u);
  EXPECT_EQ(ChildCodeLength(5), 0u);
}

TEST(VillageTableRegionsTest, SumsAddEveryField) {
  VillageFigures a;
  a.households = 1;
  a.measures[13][3] = 2;
  a.approval_days[4] = 3;
  a.warnings_answered = 4;
  a.persons_by_risk[12] = 5;
  VillageFigures b = a;
  b += a;
  EXPECT_EQ(b.households, 2);
  EXPECT_EQ(b.measures[13][3], 4);
  EXPECT_EQ(b.approval_days[4], 6);
  EXPECT_EQ(b.warnings_answered, 8);
  EXPECT_EQ(b.persons_by_risk[12], 10);
}

TEST(VillageTableRegionsTest, ARegistryPartGivesTheSameTableWithoutScanningAgain) {
  Fixture f;
  f.snapshot = Snapshot({
      Household("H1", kV1, {{.birth = D(2012, 1, 1)}, {.insured = false}},
                registry::HouseholdStatus::kLifted, false, true),
      Household("H2", kV2, {{}, {.counted = false}}, registry::HouseholdStatus::kOrdinary, true,
                false),
      Household("H3", kV4, {{.labour = registry::Labor::kSkilled}}),
  });
  f.episodes = {Episode(1, "H1", kV1, D(2024, 2, 1)), Episode(2, "H3", kV3, D(2023, 2, 1))};
  const VillageTable scanned = f.Table();
  VillageTableInput in = f.Input();
  const RegistryPart part = BuildRegistryPart(*f.snapshot, in.school);
  EXPECT_EQ(part.villages.size(), 3u);
  in.registry = &part;
  auto reused = BuildVillageTable(in);
  ASSERT_TRUE(reused.ok()) << reused.status().ToString();
  ASSERT_EQ(std::vector<std::string>(reused->village_codes().begin(), reused->village_codes().end()),
            std::vector<std::string>(scanned.village_codes().begin(), scanned.village_codes().end()));
  for (size_t v = 0; v < scanned.rows().size(); ++v) {
    EXPECT_EQ(reused->rows()[v], scanned.rows()[v]) << scanned.village_codes()[v];
  }
  EXPECT_EQ(reused->Sum("").dropouts, 1);
  EXPECT_EQ(reused->Sum("").unsafe_water, 1);
}

// ---- refusals

TEST(VillageTableRefusalsTest, EachNamesWhatIsWrong) {
  auto refused = [](const Fixture& f, auto&& change) {
    VillageTableInput in = f.Input();
    change(in);
    auto t = BuildVillageTable(in);
    EXPECT_FALSE(t.ok());
    return t.ok() ? std::string() : t.status().message();
  };
  Fixture f;
  EXPECT_NE(refused(f, [](auto& in) { in.year = 1999; }).find("year 1999"), std::string::npos);
  EXPECT_NE(refused(f, [](auto& in) { in.as_of = D(2025, 1, 1); }).find("give a day of 2024"),
            std::string::npos);
  EXPECT_NE(refused(f, [](auto& in) { in.snapshot = nullptr; }).find("snapshot"),
            std::string::npos);
  EXPECT_NE(refused(f, [](auto& in) { in.school.min_age = 16; }).find("compulsory school age"),
            std::string::npos);
  EXPECT_NE(refused(f, [](auto& in) { in.overall_days = {{"63", 0}}; }).find("at least 1"),
            std::string::npos);
  EXPECT_NE(refused(f, [](auto& in) { in.overall_days = {{"6x", 15}}; }).find("province code"),
            std::string::npos);
  const RegistryPart other_age = BuildRegistryPart(*f.snapshot, {D(2023, 9, 1), 6, 15});
  EXPECT_NE(refused(f, [&](auto& in) { in.registry = &other_age; })
                .find("counted for the school age 6..15 on 2023-09-01, not 6..15 on 2024-09-01"),
            std::string::npos);
  RegistryPart torn = BuildRegistryPart(*f.snapshot, {D(2024, 9, 1), 6, 15});
  torn.villages.push_back(630121100299);
  EXPECT_NE(refused(f, [&](auto& in) { in.registry = &torn; }).find("0 rows for 1 villages"),
            std::string::npos);
  f.episodes = {Episode(9, "H1", "6301", D(2024, 1, 1))};
  EXPECT_NE(refused(f, [](auto&) {}).find("episode 9 has village code '6301'"),
            std::string::npos);
  f.episodes.clear();
  f.cases = {Approved(8, "63012110020X", D(2024, 1, 1), "")};
  EXPECT_NE(refused(f, [](auto&) {}).find("case 8"), std::string::npos);
  f.cases.clear();
  f.warnings = {Warning(7, "H1", "2024-01", "2024-01-01T00:00:00Z")};
  f.warnings[0].village_code = "";
  EXPECT_NE(refused(f, [](auto&) {}).find("department warning 7"), std::string::npos);
}

TEST(VillageTableRefusalsTest, DayBucketsAndLabels) {
  EXPECT_EQ(DayBucket(-1), 0u);
  EXPECT_EQ(DayBucket(7), 0u);
  EXPECT_EQ(DayBucket(8), 1u);
  EXPECT_EQ(DayBucket(61), 4u);
  EXPECT_EQ(DayBucketLabel(0), "0-7");
  EXPECT_EQ(DayBucketLabel(4), "61+");
  EXPECT_EQ(DayBucketLabel(5), "");
}

}  // namespace
}  // namespace xianjie::analytics
