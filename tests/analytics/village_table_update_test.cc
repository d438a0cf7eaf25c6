// UpdateVillageTable (analytics/village_table.h) against BuildVillageTable: random case data for
// forty households (some not in the snapshot, some naming villages it does not hold), then many
// rounds of random writes to a few households each — rows added, changed, removed — after each
// of which the table brought up to date must equal, village by village and field by field, the
// table built from scratch over the whole case data. And the refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "analytics/analytics_test_support.h"
#include "analytics/village_table.h"
#include "assist/catalog.h"
#include "assist/coordination.h"
#include "base/id_number.h"
#include "registry/household.h"

namespace xianjie::analytics {
namespace {

using testing::D;
CivilDate Plus(CivilDate d, int days) {
  return CivilDate::FromDays(static_cast<int32_t>(d.ToDays() + days));
}

// Villages of the snapshot, and two only the case data names.
const std::vector<std::string> kSnapshotVillages = {"630121100201", "630121100202",
                                                    "630121101201"};
const std::vector<std::string> kCaseVillages = {"630121100201", "630121100202", "630121101201",
                                                "632221100201", "630121100299"};
constexpr int kHouseholds = 40;
constexpr int kInSnapshot = 30;  // H00 … H29

std::string HouseholdId(int h) { return (h < 10 ? "H0" : "H") + std::to_string(h); }

std::shared_ptr<const registry::Snapshot> RandomSnapshot(std::mt19937& rng) {
  registry::SnapshotBuilder builder;
  int sequence = 0;
  for (int h = 0; h < kInSnapshot; ++h) {
    registry::HouseholdRecord r;
    r.household.household_id = HouseholdId(h);
    const std::string village = kSnapshotVillages[rng() % kSnapshotVillages.size()];
    r.household.village_code = *RegionCode::Parse(village);
    r.household.status =
        rng() % 3 == 0 ? registry::HouseholdStatus::kLifted : registry::HouseholdStatus::kOrdinary;
    const int members = static_cast<int>(rng() % 4);
    for (int i = 0; i < members; ++i) {
      registry::Member& m = r.members.emplace_back();
      m.birth_date = D(1960 + static_cast<int>(rng() % 60), 5, 1);
      m.id_number = MakeIdNumber(village.substr(0, 6), m.birth_date, ++sequence % 1000);
      m.name = "成员" + std::to_string(i);
      m.relation = i == 0 ? registry::Relation::kHead : registry::Relation::kChild;
      m.shares_household = rng() % 5 != 0;
      m.labor = rng() % 2 == 0 ? registry::Labor::kNone : registry::Labor::kOrdinary;
    }
    registry::Canonicalize(r);
    EXPECT_TRUE(builder.Add(r).ok());
  }
  return builder.Finish();
}

// One household's case data, and its eliminated episodes with a quality problem.
struct HouseholdRows {
  std::vector<cases::Episode> episodes;
  std::vector<cases::CaseRecord> cases;
  std::vector<cases::Measure> measures;
  std::vector<cases::Lead> leads;
  std::vector<exchange::DeptWarning> warnings;
  std::vector<int64_t> problems;
};

class RandomCaseData {
 public:
  explicit RandomCaseData(uint32_t seed) : rng_(seed) {}
  std::mt19937& rng() { return rng_; }

  HouseholdRows Make(int h) {
    HouseholdRows rows;
    const std::string id = HouseholdId(h);
    const int episodes = Pick(4);
    for (int i = 0; i < episodes; ++i) {
      cases::Episode& e = rows.episodes.emplace_back();
      e.id = ++next_id_;
      e.household_id = id;
      e.village_code = Village();
      e.identified_on = Day();
      if (Pick(2) == 0) {
        e.eliminated_on = Plus(e.identified_on, Pick(200));
        e.method = "by_assistance";
        if (Pick(3) == 0) rows.problems.push_back(e.id);
      }
      static const char* kTypes[] = {"unstable_lifted", "marginal", "sudden_hardship", "other"};
      e.type = kTypes[Pick(4)];
      static const char* kRisks[] = {"R01", "R01;R09", "R12;R99", "", "R05;bogus"};
      e.risks = kRisks[Pick(5)];
    }
    const int case_count = Pick(4);
    for (int i = 0; i < case_count; ++i) {
      cases::CaseRecord& c = rows.cases.emplace_back();
      c.id = ++next_id_;
      c.household_id = id;
      c.village_code = Village();
      c.kind = Pick(3) == 0 ? cases::CaseKind::kElimination : cases::CaseKind::kIdentification;
      c.state = cases::kAllStates[Pick(static_cast<int>(cases::kAllStates.size()))];
      c.opened_on = Day();
      if (Pick(4) != 0) c.closed_at = Time(Plus(c.opened_on, Pick(70)));
      c.paused_days = Pick(6);
    }
    const int measures = Pick(5);
    for (int i = 0; i < measures; ++i) {
      cases::Measure& m = rows.measures.emplace_back();
      m.id = ++next_id_;
      m.household_id = id;
      m.category = cases::kAllMeasureCategories[Pick(cases::kAllMeasureCategories.size())];
      m.status = cases::kAllMeasureStatuses[Pick(cases::kAllMeasureStatuses.size())];
      m.start = Day();
      if (Pick(2) == 0) m.end = Plus(m.start, Pick(300));
      m.item = "item";
    }
    const int warnings = Pick(3);
    for (int i = 0; i < warnings; ++i) {
      exchange::DeptWarning& w = rows.warnings.emplace_back();
      w.id = ++next_id_;
      w.source = "medical_insurance";
      w.person_key = "p" + std::to_string(w.id);
      w.household_id = id;
      w.village_code = Village();
      w.period = "2024-0" + std::to_string(1 + i);
      w.raised_at = Time(Day());
      if (Pick(3) == 0) continue;  // no lead
      cases::Lead& l = rows.leads.emplace_back();
      l.id = ++next_id_;
      l.household_id = id;
      l.channel = Pick(5) == 0 ? cases::Channel::kCadreVisit : cases::Channel::kDepartmentWarning;
      l.source = "dept:medical_insurance:" + w.period;
      l.at = Time(Day());
      // Its household's own case, or recorded on an episode.
      if (!rows.cases.empty() && Pick(2) == 0) {
        l.case_id = rows.cases[Pick(rows.cases.size())].id;
      } else if (!rows.episodes.empty()) {
        l.episode_id = rows.episodes[Pick(rows.episodes.size())].id;
      }
    }
    return rows;
  }

 private:
  int Pick(size_t n) { return static_cast<int>(rng_() % n); }
  std::string Village() { return kCaseVillages[Pick(kCaseVillages.size())]; }
  CivilDate Day() { return Plus(D(2023, 6, 1), Pick(560)); }  // to the end of 2024
  static std::string Time(CivilDate d) { return d.ToString() + "T" + "17:30:00Z"; }

  std::mt19937 rng_;
  int64_t next_id_ = 0;
};

// Rows of many households, flattened as the service reads them.
struct Flat {
  std::vector<cases::Episode> episodes;
  std::vector<cases::CaseRecord> cases;
  std::vector<cases::Measure> measures;
  std::vector<cases::Lead> leads;
  std::vector<exchange::DeptWarning> warnings;
  std::vector<int64_t> problems;

  void Add(const HouseholdRows& r) {
    episodes.insert(episodes.end(), r.episodes.begin(), r.episodes.end());
    cases.insert(cases.end(), r.cases.begin(), r.cases.end());
    measures.insert(measures.end(), r.measures.begin(), r.measures.end());
    leads.insert(leads.end(), r.leads.begin(), r.leads.end());
    warnings.insert(warnings.end(), r.warnings.begin(), r.warnings.end());
    problems.insert(problems.end(), r.problems.begin(), r.problems.end());
  }
  VillageTableInput Input(const registry::Snapshot& snapshot) const {
    VillageTableInput in;
    in.year = 2024;
    in.as_of = D(2024, 8, 15);
    in.snapshot = &snapshot;
    in.school = {D(2024, 9, 1), 6, 15};
    in.rules = CountingRulesOf(assist::BuiltinMeasureCatalog(), assist::BuiltinCoordination());
    in.overall_days = {{"63", 20}};
    in.episodes = episodes;
    in.cases = cases;
    in.measures = measures;
    in.leads = leads;
    in.warnings = warnings;
    in.problem_episodes = problems;
    return in;
  }
};

void ExpectSameTable(const VillageTable& updated, const VillageTable& built, int round) {
  ASSERT_EQ(std::vector<std::string>(updated.village_codes().begin(),
                                     updated.village_codes().end()),
            std::vector<std::string>(built.village_codes().begin(), built.village_codes().end()))
      << "round " << round;
  for (size_t v = 0; v < built.rows().size(); ++v) {
    EXPECT_TRUE(updated.rows()[v] == built.rows()[v])
        << "round " << round << ", village " << built.village_codes()[v];
  }
}

TEST(UpdateVillageTableTest, EqualsTheTableBuiltAgainAfterEveryRoundOfRandomWrites) {
  RandomCaseData data(20261130);
  const auto snapshot = RandomSnapshot(data.rng());
  std::map<int, HouseholdRows> rows;
  for (int h = 0; h < kHouseholds; ++h) rows[h] = data.Make(h);
  auto whole = [&] {
    Flat flat;
    for (const auto& [h, r] : rows) flat.Add(r);
    return flat;
  };
  const Flat first = whole();
  auto table = BuildVillageTable(first.Input(*snapshot));
  ASSERT_TRUE(table.ok()) << table.status().ToString();

  for (int round = 0; round < 200; ++round) {
    Flat before;
    Flat after;
    std::set<int> changed;
    const size_t count = 1 + data.rng()() % 4;
    while (changed.size() < count) changed.insert(static_cast<int>(data.rng()() % kHouseholds));
    for (int h : changed) {
      before.Add(rows[h]);
      // Sometimes every row of the household goes (a correction), else new rows.
      rows[h] = data.rng()() % 6 == 0 ? HouseholdRows{} : data.Make(h);
      after.Add(rows[h]);
    }
    auto updated = UpdateVillageTable(*table, before.Input(*snapshot), after.Input(*snapshot));
    ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    const Flat now = whole();
    auto built = BuildVillageTable(now.Input(*snapshot));
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    ExpectSameTable(*updated, *built, round);
    if (HasFatalFailure()) return;
    table = std::move(updated);
  }
}

TEST(UpdateVillageTableTest, AVillageNoLongerNamedIsDroppedAndANewOneAdded) {
  RandomCaseData data(7);
  const auto snapshot = RandomSnapshot(data.rng());
  HouseholdRows outside;
  cases::CaseRecord& c = outside.cases.emplace_back();
  c.id = 1;
  c.household_id = "H35";
  c.village_code = "639999999999";
  c.state = cases::CaseState::kLead;
  c.opened_on = D(2024, 3, 1);
  Flat none;
  Flat with;
  with.Add(outside);
  auto table = BuildVillageTable(none.Input(*snapshot));
  ASSERT_TRUE(table.ok());
  auto added = UpdateVillageTable(*table, none.Input(*snapshot), with.Input(*snapshot));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->village_codes().back(), "639999999999");
  EXPECT_EQ(added->village_codes().size(), table->village_codes().size() + 1);
  auto removed = UpdateVillageTable(*added, with.Input(*snapshot), none.Input(*snapshot));
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  ExpectSameTable(*removed, *table, 0);
}

TEST(UpdateVillageTableTest, RefusesRowsOfAnotherDayOrVillagesTheTableDoesNotHold) {
  RandomCaseData data(8);
  const auto snapshot = RandomSnapshot(data.rng());
  Flat none;
  auto table = BuildVillageTable(none.Input(*snapshot));
  ASSERT_TRUE(table.ok());

  VillageTableInput other_day = none.Input(*snapshot);
  other_day.as_of = D(2024, 8, 16);
  auto day = UpdateVillageTable(*table, none.Input(*snapshot), other_day);
  ASSERT_FALSE(day.ok());
  EXPECT_EQ(day.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(day.status().message().find("as of 2024-08-16"), std::string::npos)
      << day.status().message();

  Flat unknown;
  HouseholdRows r;
  cases::Episode& e = r.episodes.emplace_back();
  e.id = 5;
  e.household_id = "H01";
  e.village_code = "639999999999";
  e.identified_on = D(2024, 2, 1);
  unknown.Add(r);
  auto village = UpdateVillageTable(*table, unknown.Input(*snapshot), none.Input(*snapshot));
  ASSERT_FALSE(village.ok());
  EXPECT_EQ(village.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(village.status().message().find("village 639999999999, which the table does not hold"),
            std::string::npos)
      << village.status().message();

  Flat bad;
  r.episodes[0].village_code = "63012110020";  // 11 digits
  bad.Add(r);
  auto code = UpdateVillageTable(*table, none.Input(*snapshot), bad.Input(*snapshot));
  ASSERT_FALSE(code.ok());
  EXPECT_NE(code.status().message().find("episode 5 has village code '63012110020'"),
            std::string::npos)
      << code.status().message();
}

}  // namespace
}  // namespace xianjie::analytics
