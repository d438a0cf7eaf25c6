// The overview of a region through the service (service/analytics.h): the village table made
// from the store's cases, episodes and measures (figures for the region and each child area, the
// years as of today or their last day), the view's memo under the case data's change stamp (a
// write by this process or another is seen at once, quality judged again only where it
// changed), scope, refusals, the JSON and the workbook.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cases/case.h"
#include "service/analytics.h"
#include "service/service_test_support.h"
#include "store/case_builders.h"
#include "store/open.h"
#include "support/temp_files.h"

namespace xianjie::service {
namespace {

using access::Role;
using cases::CaseKind;
using cases::CaseState;
using cases::EventType;
using testing::At;
using testing::D;
using testing::Eliminate;
using testing::Monitor;
using testing::Officer;

int64_t PutMeasure(store::Database& db, const std::string& household,
                   cases::MeasureCategory category, CivilDate start) {
  cases::Measure m;
  m.household_id = household;
  m.category = category;
  m.item = "措施";
  m.start = start;
  m.status = cases::MeasureStatus::kDone;
  m.recorded_by = "li.si";
  m.recorded_at = "2026-03-15T02:00:00Z";
  auto id = db.PutMeasure(m);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

// The world with: A01 identified 10 March 2026 (9 days from its lead; marginal, R01) with a
// health measure; B01 identified 1 May (30 days; sudden hardship, R04 and R09); C02 identified
// 5 November 2025 (4 days; unstable lifted, R08) and eliminated by assistance on 1 February 2026
// without a measure (a quality problem).
struct Fixture {
  testing::World w = testing::MakeWorld();
  std::unique_ptr<Workspace> ws = At(*w.db);
  int64_t c02 = 0;
  Fixture() {
    Monitor(*w.db, "A01", testing::kVillageA, D(2026, 3, 1), "2026-03-10T02:00:00Z", "marginal",
            "R01");
    PutMeasure(*w.db, "A01", cases::MeasureCategory::kHealth, D(2026, 3, 15));
    Monitor(*w.db, "B01", testing::kVillageB, D(2026, 4, 1), "2026-05-01T02:00:00Z",
            "sudden_hardship", "R04;R09");
    c02 = Monitor(*w.db, "C02", testing::kVillageC, D(2025, 11, 1), "2025-11-05T02:00:00Z",
                  "unstable_lifted", "R08");
    Eliminate(*w.db, "C02", testing::kVillageC, c02, D(2026, 2, 1));
  }
  Overview Get(const std::string& region, int year, Role role = Role::kProvince,
               const std::string& scope = "63") {
    auto o = AnalyticsOverview(*ws, Officer(role, scope), region, year);
    EXPECT_TRUE(o.ok()) << o.status().ToString();
    return o.ok() ? *o : Overview{};
  }
};

TEST(OverviewTest, TheRegionsFiguresFromTheCasesEpisodesMeasuresAndRegistry) {
  Fixture f;
  const Overview o = f.Get("", 0);
  EXPECT_EQ(o.region, "63");
  EXPECT_EQ(o.region_name, "青海省");
  EXPECT_EQ(o.region_level, "province");
  EXPECT_EQ(o.year, 2026);
  EXPECT_EQ(o.as_of, D(2026, 6, 15));
  const analytics::VillageFigures& v = o.figures;
  EXPECT_EQ(v.households, 9);
  int64_t persons = 0;
  for (const auto& r : f.w.records) persons += registry::CountedMembers(r);
  EXPECT_EQ(v.persons, persons);
  EXPECT_EQ(v.objects, 2);
  EXPECT_EQ(v.objects_by_type, (std::array<int64_t, 3>{0, 1, 1}));
  EXPECT_EQ(v.objects_by_risk[static_cast<size_t>(registry::RiskType::kR09)], 1);
  EXPECT_EQ(v.identified_by_month[2], 1);  // March
  EXPECT_EQ(v.identified_by_month[4], 1);  // May
  EXPECT_EQ(v.eliminated_by_month[1], 1);  // February
  EXPECT_EQ(v.approved, 2);
  EXPECT_EQ(v.approval_days, (std::array<int64_t, 5>{0, 1, 1, 0, 0}));
  EXPECT_EQ(v.approved_within_limit, 1);
  EXPECT_EQ(v.objects_with_measure, 1);
  EXPECT_EQ(v.cumulative_objects, 3);
  EXPECT_EQ(v.eliminated_objects, 1);
  EXPECT_EQ(v.eliminations_with_problems, 1);  // by assistance without a measure
}

TEST(OverviewTest, ChildAreasOneLevelDownWithZerosWhereNothingIs) {
  Fixture f;
  const Overview province = f.Get("63", 2026);
  ASSERT_FALSE(province.areas.empty());
  for (const OverviewArea& a : province.areas) EXPECT_EQ(a.code.size(), 4u) << a.code;
  const auto xining = std::find_if(province.areas.begin(), province.areas.end(),
                                   [](const OverviewArea& a) { return a.code == "6301"; });
  ASSERT_NE(xining, province.areas.end());
  EXPECT_EQ(xining->name, "西宁市");
  EXPECT_EQ(xining->figures.objects, 2);
  EXPECT_EQ(xining->figures.households, 9);
  const auto other = std::find_if(province.areas.begin(), province.areas.end(),
                                  [](const OverviewArea& a) { return a.code == "6322"; });
  ASSERT_NE(other, province.areas.end());
  EXPECT_EQ(other->figures, analytics::VillageFigures{});

  const Overview county = f.Get("630102", 2026);
  const auto township = std::find_if(county.areas.begin(), county.areas.end(),
                                     [](const OverviewArea& a) { return a.code == "630102001"; });
  ASSERT_NE(township, county.areas.end());
  EXPECT_EQ(township->figures.objects, 2);
  EXPECT_EQ(township->figures.households, 7);
  const Overview village = f.Get(testing::kVillageA, 2026);
  EXPECT_TRUE(village.areas.empty());
  EXPECT_EQ(village.figures.objects, 1);
}

TEST(OverviewTest, AnEarlierYearIsTakenAsOfItsLastDay) {
  Fixture f;
  const Overview o = f.Get("63", 2025);
  EXPECT_EQ(o.as_of, D(2025, 12, 31));
  EXPECT_EQ(o.figures.objects, 1);  // C02: eliminated only in 2026
  EXPECT_EQ(o.figures.identified_by_month[10], 1);
  EXPECT_EQ(o.figures.approval_days[0], 1);
  EXPECT_EQ(o.figures.eliminations_with_problems, 0);
}

TEST(OverviewTest, TheTableIsRememberedUntilTheCaseDataChanges) {
  Fixture f;
  const std::shared_ptr<const WorkspaceView> view = f.ws->view();
  auto first = VillageTableOf(*f.ws, view, 2026, D(2026, 6, 15));
  auto again = VillageTableOf(*f.ws, view, 2026, D(2026, 6, 15));
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->get(), again->get());
  // A measure for C02 that ran during its episode: the table is made again, and the
  // elimination's quality is judged again.
  PutMeasure(*f.w.db, "C02", cases::MeasureCategory::kIndustry, D(2025, 12, 1));
  auto after = VillageTableOf(*f.ws, view, 2026, D(2026, 6, 15));
  ASSERT_TRUE(after.ok());
  EXPECT_NE(first->get(), after->get());
  EXPECT_EQ((*after)->Sum("63").eliminations_with_problems, 0);
  EXPECT_EQ((*first)->Sum("63").eliminations_with_problems, 1);
  // Another day is another table.
  auto tomorrow = VillageTableOf(*f.ws, view, 2026, D(2026, 6, 16));
  ASSERT_TRUE(tomorrow.ok());
  EXPECT_NE(after->get(), tomorrow->get());
}

TEST(OverviewTest, WarmingMakesTheTablesOfTheYearAndTheTwoBeforeAheadOfTheRequests) {
  Fixture f;
  ASSERT_TRUE(WarmAnalytics(*f.ws).ok());
  const std::shared_ptr<const WorkspaceView> view = f.ws->view();
  auto this_year = VillageTableOf(*f.ws, view, 2026, D(2026, 6, 15));
  auto two_before = VillageTableOf(*f.ws, view, 2024, D(2024, 12, 31));
  ASSERT_TRUE(this_year.ok() && two_before.ok());
  ASSERT_TRUE(WarmAnalytics(*f.ws).ok());  // nothing changed: the same tables
  EXPECT_EQ(VillageTableOf(*f.ws, view, 2026, D(2026, 6, 15))->get(), this_year->get());
  PutMeasure(*f.w.db, "B01", cases::MeasureCategory::kHousing, D(2026, 5, 10));
  ASSERT_TRUE(WarmAnalytics(*f.ws).ok());  // made again after the write
  auto after = VillageTableOf(*f.ws, view, 2026, D(2026, 6, 15));
  ASSERT_TRUE(after.ok());
  EXPECT_NE(after->get(), this_year->get());
  EXPECT_EQ((*after)->Sum("63").objects_with_measure, 2);
}

TEST(OverviewTest, AWriteByAnotherProcessIsSeenAtOnce) {
  xianjie::testing::TempDir dir;
  const std::string path = dir / "registry.db";
  auto mine = store::OpenStore(path, store::OpenMode::kCreate);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  const auto regions = registry::RegionTable::BuiltIn().all();
  ASSERT_TRUE(
      (*mine)->ReplaceRegions(std::vector<registry::Region>(regions.begin(), regions.end())).ok());
  testing::Commit(**mine, {testing::MakeHousehold("A01", testing::kVillageA, 2, true, 1)});
  auto ws = At(**mine);
  auto before = AnalyticsOverview(*ws, Officer(Role::kProvince, "63"), "63", 2026);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->figures.objects, 0);
  {
    auto other = store::OpenStore(path, store::OpenMode::kExisting);  // as another process
    ASSERT_TRUE(other.ok());
    Monitor(**other, "A01", testing::kVillageA, D(2026, 3, 1), "2026-03-10T02:00:00Z",
            "marginal", "R01");
  }
  auto after = AnalyticsOverview(*ws, Officer(Role::kProvince, "63"), "63", 2026);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->figures.objects, 1);
}

TEST(OverviewTest, ScopeAndRefusals) {
  Fixture f;
  auto refused = [&](Role role, const std::string& scope, const std::string& region, int year) {
    auto o = AnalyticsOverview(*f.ws, Officer(role, scope), region, year);
    EXPECT_FALSE(o.ok());
    return o.ok() ? StatusCode::kOk : o.status().code();
  };
  // The scope by default; a region inside it; outside it refused.
  EXPECT_EQ(f.Get("", 2026, Role::kVillage, testing::kVillageA).figures.objects, 1);
  EXPECT_EQ(f.Get("", 2026, Role::kCounty, "630121").figures.cumulative_objects, 1);
  EXPECT_EQ(refused(Role::kVillage, testing::kVillageA, testing::kVillageB, 2026),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(refused(Role::kCounty, "630121", "63", 2026), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused(Role::kProvince, "63", "63x", 2026), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused(Role::kProvince, "63", "639999", 2026), StatusCode::kNotFound);
  EXPECT_EQ(refused(Role::kProvince, "63", "63", 1999), StatusCode::kInvalidArgument);
  auto future = AnalyticsOverview(*f.ws, Officer(Role::kProvince, "63"), "63", 2027);
  ASSERT_FALSE(future.ok());
  EXPECT_NE(future.status().message().find("2027 has not begun"), std::string::npos);
}

TEST(OverviewTest, JsonAndWorkbook) {
  Fixture f;
  const Overview o = f.Get("630102", 2026);
  const auto j = nlohmann::json::parse(OverviewJson(o));
  EXPECT_EQ(j["region"], "630102");
  EXPECT_EQ(j["as_of"], "2026-06-15");
  EXPECT_EQ(j["figures"]["objects"], 2);
  EXPECT_EQ(j["figures"]["by_type"]["marginal"]["objects"], 1);
  EXPECT_EQ(j["figures"]["by_risk"]["R04"]["objects"], 1);
  EXPECT_EQ(j["figures"]["identified_by_month"].size(), 12u);
  EXPECT_EQ(j["figures"]["approval_days"]["8-15"], 1);
  EXPECT_EQ(j["figures"]["measures"]["health"]["done"], 1);
  EXPECT_EQ(j["areas"].size(), o.areas.size());
  auto xlsx = OverviewXlsx(o);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
}

}  // namespace
}  // namespace xianjie::service
