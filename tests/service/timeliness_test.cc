// The timeliness KPI through the service (service::Timeliness, DOMAIN.md §10): identification
// cases driven through the procedure at chosen dates — approved on the 15th day (within the
// overall limit), on the 16th (not), on the 17th after an objection held the case for three days
// (within: paused days do not count), rejected, dismissed, still open, and decided just outside
// the period — then every figure in total and per area, the period's boundaries, the province's
// own limit, and each refusal.
#include <gtest/gtest.h>

#include <string>

#include "cases/case.h"
#include "service/cases.h"
#include "service/service_test_support.h"

namespace xianjie::service::timeliness_test {
namespace {

using access::Role;
using testing::kVillageA;
using testing::kVillageB;
using testing::kVillageC;
using testing::MakeWorld;
using testing::Officer;
using testing::World;

constexpr char kTownship[] = "630102001";  // villages A and B
constexpr char kCountyAB[] = "630102";
constexpr char kCountyC[] = "630121";

// Day `n` of the story: n days after 2 March 2026.
CivilDate Day(int n) { return CivilDate::FromDays(CivilDate::FromYmd(2026, 3, 2).ToDays() + n); }
// Noon in China on day `n`, as UTC.
std::string Noon(int n) { return Day(n).ToString() + "T04:00:00Z"; }

access::Principal Cadre(const std::string& village) {
  return Officer(Role::kVillage, village, "cadre");
}
access::Principal TownshipOf(const std::string& village) {
  return Officer(Role::kTownship, village.substr(0, 9), "township");
}
access::Principal CountyOf(const std::string& village) {
  return Officer(Role::kCounty, village.substr(0, 6), "county");
}

// Takes one event on day `day`; a refusal fails the test with the event's name.
void Act(World& w, const access::Principal& who, int64_t id, const std::string& event,
         cases::Fields fields, int day) {
  CaseAction action;
  action.event = event;
  action.fields = std::move(fields);
  auto after = ActOnCase(*w.ws, who, id, action, Noon(day));
  EXPECT_TRUE(after.ok()) << "case " << id << " " << event << " on day " << day << ": "
                          << after.status().ToString();
}

cases::Fields HomeVisit() {
  return {{"wage_income", "900"},      {"business_income", "0"}, {"property_income", "0"},
          {"transfer_income", "0"},    {"production_costs", "0"}, {"rigid_medical", "20000"},
          {"rigid_education", "0"},    {"rigid_other", "0"},      {"housing_safe", "1"},
          {"water_safe", "1"},         {"findings", "因病支出大"}};
}

// A self-application for `household` of `village` recorded by its cadre on day 0 (the overall
// clock starts then); returns the new case's id.
int64_t Open(World& w, const std::string& household, const std::string& village) {
  auto id = AddLead(*w.ws, Cadre(village), household, "self_application", "", "", Noon(0));
  EXPECT_TRUE(id.ok()) << household << ": " << id.status().ToString();
  return id.ok() ? *id : 0;
}

// Opens a case on day 0 and takes it to the public notice: the application on day 0, the home
// visit on day 1, the county's comparison on day 2, the appraisal on day 3 (the notice runs
// until day 8).
int64_t ToNotice(World& w, const std::string& household, const std::string& village) {
  const int64_t id = Open(w, household, village);
  Act(w, Cadre(village), id, "apply", {{"authorization_signed", "1"}, {"applicant", "户主"}}, 0);
  Act(w, Cadre(village), id, "record_home_visit", HomeVisit(), 1);
  Act(w, CountyOf(village), id, "record_comparison",
      {{"result", "consistent"}, {"findings", "无"}}, 2);
  Act(w, Cadre(village), id, "record_appraisal",
      {{"held_on", Day(3).ToString()},
       {"attendance", "18"},
       {"minutes", "同意纳入监测"},
       {"result", "agreed"}},
      3);
  return id;
}

// From the notice: closed on day 8, the township's review on `township_day`, the county's
// approval on `county_day`.
void Approve(World& w, int64_t id, const std::string& village, int township_day,
             int county_day) {
  Act(w, Cadre(village), id, "close_notice", {}, 8);
  Act(w, TownshipOf(village), id, "township_approve", {}, township_day);
  Act(w, CountyOf(village), id, "county_approve", {{"type", "marginal"}, {"risks", "R01"}},
      county_day);
}

// The story, all cases opened on day 0. The period the tests ask for is days 10 to 17.
struct Story {
  World w = MakeWorld();
  int64_t a01 = 0, a02 = 0, a03 = 0, a04 = 0, b01 = 0, b02 = 0, b03 = 0, c01 = 0, c02 = 0;

  Story() {
    // Village A: approved on day 15 (15 days: within), day 16 (16 days: late), day 18 (after
    // the period); rejected by the county on day 9 (before it).
    a01 = ToNotice(w, "A01", kVillageA);
    Approve(w, a01, kVillageA, 9, 15);
    a02 = ToNotice(w, "A02", kVillageA);
    Approve(w, a02, kVillageA, 9, 16);
    a03 = ToNotice(w, "A03", kVillageA);
    Approve(w, a03, kVillageA, 9, 18);
    a04 = ToNotice(w, "A04", kVillageA);
    Act(w, Cadre(kVillageA), a04, "close_notice", {}, 8);
    Act(w, TownshipOf(kVillageA), a04, "township_approve", {}, 8);
    Act(w, CountyOf(kVillageA), a04, "reject", {{"reason", "收入高于标准"}}, 9);
    // Village B: an objection open from day 4 to day 7 (three days paused), approved on day 17
    // (17 days, 14 of them running: within); rejected by the township on day 10 (the period's
    // first day); a lead dismissed on day 12 (not a decision on the household).
    b01 = ToNotice(w, "B01", kVillageB);
    Act(w, Cadre(kVillageB), b01, "raise_objection", {{"objection", "邻居反映有车辆"}}, 4);
    Act(w, Cadre(kVillageB), b01, "dismiss_objection", {{"reason", "车辆已报废，核实无误"}}, 7);
    Approve(w, b01, kVillageB, 9, 17);
    b02 = ToNotice(w, "B02", kVillageB);
    Act(w, Cadre(kVillageB), b02, "close_notice", {}, 8);
    Act(w, TownshipOf(kVillageB), b02, "reject", {{"reason", "复核不符合条件"}}, 10);
    b03 = Open(w, "B03", kVillageB);
    Act(w, Cadre(kVillageB), b03, "dismiss", {{"reason", "重复申报"}}, 12);
    // Village C, in another county: approved on day 12 (12 days); C02's lead still open.
    c01 = ToNotice(w, "C01", kVillageC);
    Approve(w, c01, kVillageC, 9, 12);
    c02 = Open(w, "C02", kVillageC);
  }

  Result<RegionTimeliness> Ask(const access::Principal& who, const std::string& region,
                               int from = 10, int to = 17) {
    return Timeliness(*w.ws, who, region, Day(from), Day(to));
  }
};

// Expects the five figures; share and mean follow from them.
void ExpectFigures(const TimelinessFigures& f, int64_t approved, int64_t within,
                   int64_t total_days, int64_t max_days, int64_t rejected,
                   const std::string& where) {
  EXPECT_EQ(f.approved, approved) << where;
  EXPECT_EQ(f.within_limit, within) << where;
  EXPECT_EQ(f.total_days, total_days) << where;
  EXPECT_EQ(f.max_days, max_days) << where;
  EXPECT_EQ(f.rejected, rejected) << where;
}

const RegionTimeliness::Area* AreaOf(const RegionTimeliness& t, const std::string& code) {
  for (const RegionTimeliness::Area& a : t.by_area) {
    if (a.code == code) return &a;
  }
  ADD_FAILURE() << "no area " << code << " in " << t.region_code;
  return nullptr;
}

TEST(Timeliness, TheStoryIsAsTheTestsAssume) {
  Story s;
  ASSERT_FALSE(::testing::Test::HasFailure()) << "the story's procedure was refused";
  auto b01 = s.w.db->GetCase(s.b01);
  ASSERT_TRUE(b01.ok() && b01->has_value());
  EXPECT_EQ((*b01)->state, cases::CaseState::kMonitored);
  EXPECT_EQ((*b01)->opened_on, Day(0));
  EXPECT_EQ((*b01)->paused_days, 3);
  EXPECT_EQ(cases::ChinaDateOf((*b01)->closed_at), Day(17));
  auto b03 = s.w.db->GetCase(s.b03);
  ASSERT_TRUE(b03.ok() && b03->has_value());
  EXPECT_EQ((*b03)->state, cases::CaseState::kDismissed);
  auto a04 = s.w.db->GetCase(s.a04);
  ASSERT_TRUE(a04.ok() && a04->has_value());
  EXPECT_EQ((*a04)->state, cases::CaseState::kRejected);
}

TEST(Timeliness, EveryFigureOfTheTownshipInTotalAndPerVillage) {
  Story s;
  auto t = s.Ask(Officer(Role::kTownship, kTownship), "");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->region_code, kTownship);  // "" is the caller's scope
  EXPECT_EQ(t->region_level, "township");
  EXPECT_EQ(t->region_name, s.w.ws->view()->RegionName(kTownship));
  EXPECT_FALSE(t->region_name.empty());
  EXPECT_EQ(t->from, Day(10));
  EXPECT_EQ(t->to, Day(17));
  // A01 (15 days, within) and A02 (16, late); A03 after the period, A04 rejected before it.
  const RegionTimeliness::Area* a = AreaOf(*t, kVillageA);
  ASSERT_NE(a, nullptr);
  ExpectFigures(a->figures, 2, 1, 31, 16, 0, "village A");
  EXPECT_DOUBLE_EQ(a->figures.share_within_limit(), 0.5);
  EXPECT_DOUBLE_EQ(a->figures.mean_days(), 15.5);
  // B01 (17 days, 3 paused: within) and B02 rejected; B03 dismissed is not a decision.
  const RegionTimeliness::Area* b = AreaOf(*t, kVillageB);
  ASSERT_NE(b, nullptr);
  ExpectFigures(b->figures, 1, 1, 17, 17, 1, "village B");
  EXPECT_DOUBLE_EQ(b->figures.share_within_limit(), 1.0);
  EXPECT_DOUBLE_EQ(b->figures.mean_days(), 17.0);
  ExpectFigures(t->total, 3, 2, 48, 17, 1, "total");
  EXPECT_DOUBLE_EQ(t->total.share_within_limit(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(t->total.mean_days(), 16.0);
  // Every other village of the township is there, with nothing.
  EXPECT_GT(t->by_area.size(), 2u);
  for (const RegionTimeliness::Area& area : t->by_area) {
    EXPECT_TRUE(area.code.starts_with(kTownship)) << area.code;
    EXPECT_EQ(area.code.size(), 12u);
    if (area.code == kVillageA || area.code == kVillageB) continue;
    ExpectFigures(area.figures, 0, 0, 0, 0, 0, area.code);
    EXPECT_DOUBLE_EQ(area.figures.share_within_limit(), 0.0);
    EXPECT_DOUBLE_EQ(area.figures.mean_days(), 0.0);
  }
}

TEST(Timeliness, TheCountyAndThePrefectureCountTheirOwnAreas) {
  Story s;
  auto county = s.Ask(CountyOf(kVillageA), "");
  ASSERT_TRUE(county.ok()) << county.status().ToString();
  EXPECT_EQ(county->region_code, kCountyAB);
  EXPECT_EQ(county->region_level, "county");
  ExpectFigures(county->total, 3, 2, 48, 17, 1, "county 630102");  // not C01 of 630121
  const RegionTimeliness::Area* township = AreaOf(*county, kTownship);
  ASSERT_NE(township, nullptr);
  ExpectFigures(township->figures, 3, 2, 48, 17, 1, "township");
  for (const RegionTimeliness::Area& area : county->by_area) {
    if (area.code != kTownship) ExpectFigures(area.figures, 0, 0, 0, 0, 0, area.code);
  }

  auto prefecture = s.Ask(Officer(Role::kProvince, "63"), "6301");
  ASSERT_TRUE(prefecture.ok()) << prefecture.status().ToString();
  EXPECT_EQ(prefecture->region_level, "prefecture");
  ExpectFigures(prefecture->total, 4, 3, 60, 17, 1, "prefecture 6301");
  const RegionTimeliness::Area* ab = AreaOf(*prefecture, kCountyAB);
  const RegionTimeliness::Area* c = AreaOf(*prefecture, kCountyC);
  ASSERT_NE(ab, nullptr);
  ASSERT_NE(c, nullptr);
  ExpectFigures(ab->figures, 3, 2, 48, 17, 1, "county 630102 in 6301");
  ExpectFigures(c->figures, 1, 1, 12, 12, 0, "county 630121 in 6301");

  // A village has no child areas: its figures are the total's.
  auto village = s.Ask(Cadre(kVillageA), "");
  ASSERT_TRUE(village.ok()) << village.status().ToString();
  EXPECT_EQ(village->region_level, "village");
  EXPECT_TRUE(village->by_area.empty());
  ExpectFigures(village->total, 2, 1, 31, 16, 0, "village A alone");
}

TEST(Timeliness, BothEndsOfThePeriodAreIncluded) {
  Story s;
  const access::Principal township = Officer(Role::kTownship, kTownship);
  // Only the last day: B01.
  auto last = s.Ask(township, "", 17, 17);
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  ExpectFigures(last->total, 1, 1, 17, 17, 0, "day 17 only");
  // Only the first day: B02's rejection.
  auto first = s.Ask(township, "", 10, 10);
  ASSERT_TRUE(first.ok());
  ExpectFigures(first->total, 0, 0, 0, 0, 1, "day 10 only");
  EXPECT_DOUBLE_EQ(first->total.share_within_limit(), 0.0);
  EXPECT_DOUBLE_EQ(first->total.mean_days(), 0.0);
  // One day more at the end: A03, approved on day 18 after 18 days.
  auto longer = s.Ask(township, "", 10, 18);
  ASSERT_TRUE(longer.ok());
  ExpectFigures(longer->total, 4, 2, 66, 18, 1, "days 10 to 18");
  // One day more at the start: A04, rejected by the county on day 9.
  auto earlier = s.Ask(township, "", 9, 17);
  ASSERT_TRUE(earlier.ok());
  ExpectFigures(earlier->total, 3, 2, 48, 17, 2, "days 9 to 17");
  // Before anything was decided, and after everything.
  auto before = s.Ask(township, "", 0, 8);
  ASSERT_TRUE(before.ok());
  ExpectFigures(before->total, 0, 0, 0, 0, 0, "days 0 to 8");
  auto after = s.Ask(township, "", 19, 400);
  ASSERT_TRUE(after.ok());
  ExpectFigures(after->total, 0, 0, 0, 0, 0, "days 19 to 400");
}

TEST(Timeliness, TheLimitIsTheProvincesOwn) {
  Story s;
  cases::WorkflowLimits limits;
  limits.overall_days = 16;
  ASSERT_TRUE(SetLimits(*s.w.db, Officer(Role::kProvince, "63"), "63", limits).ok());
  auto t = s.Ask(Officer(Role::kTownship, kTownship), "");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  // A02's 16 days are within 16; the days themselves do not change.
  ExpectFigures(t->total, 3, 3, 48, 17, 1, "overall limit 16");
  limits.overall_days = 14;
  ASSERT_TRUE(SetLimits(*s.w.db, Officer(Role::kProvince, "63"), "63", limits).ok());
  auto strict = s.Ask(Officer(Role::kTownship, kTownship), "");
  ASSERT_TRUE(strict.ok());
  // Only B01's 14 running days are within 14.
  ExpectFigures(strict->total, 3, 1, 48, 17, 1, "overall limit 14");
}

TEST(Timeliness, RefusalsNameWhatIsWrong) {
  Story s;
  const access::Principal township = Officer(Role::kTownship, kTownship);
  // Another county, and a region above the caller's scope.
  auto other = s.Ask(township, kCountyC);
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(other.status().message().find(kCountyC), std::string::npos)
      << other.status().message();
  EXPECT_EQ(s.Ask(township, kCountyAB).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s.Ask(Cadre(kVillageA), kTownship).status().code(), StatusCode::kPermissionDenied);
  // The administrator reads no cases.
  EXPECT_EQ(s.Ask(Officer(Role::kAdmin, "63"), "63").status().code(),
            StatusCode::kPermissionDenied);
  // A malformed code.
  auto bad = s.Ask(Officer(Role::kProvince, "63"), "63x");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("region"), std::string::npos) << bad.status().message();
  // A period that ends before it begins, naming both dates.
  auto reversed = s.Ask(township, "", 17, 10);
  EXPECT_EQ(reversed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(reversed.status().message().find(Day(10).ToString()), std::string::npos)
      << reversed.status().message();
  EXPECT_NE(reversed.status().message().find(Day(17).ToString()), std::string::npos)
      << reversed.status().message();
  // A well-formed code the region table does not know.
  auto unknown = s.Ask(Officer(Role::kProvince, "63"), "639999");
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("639999"), std::string::npos)
      << unknown.status().message();
}

}  // namespace
}  // namespace xianjie::service::timeliness_test
