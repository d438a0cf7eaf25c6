// Storage contract of analytics::SampleStore (migration 0013), run once per backend: a draw with
// its units (probabilities and weights exact, the seed's 64 bits, units by village and household),
// one latest draw per county and year (a second one refused unless redrawn; a redraw keeps the
// earlier draw), visit results recorded and replaced on the latest open draw only, closing, lists
// by region and year, and every refusal changing nothing.
#include <optional>
#include <string>
#include <vector>

#include "analytics/sample_store.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using analytics::SampleDraw;
using analytics::SampleDrawFilter;
using analytics::SampleResult;
using analytics::SampleUnit;
using analytics::Stratum;

constexpr char kCounty[] = "630121";

SampleDraw MakeDraw(const std::string& county = kCounty, int year = 2026, int households = 3) {
  SampleDraw d;
  d.county_code = county;
  d.year = year;
  d.seed = 0xFEDCBA9876543210ULL;  // above 2^63: the bits must survive a signed column
  d.parameters_json = R"({"villages":10,"households":300,"note":"抽样 \"x\" \\"})";
  d.drawn_by = "zhang.san";
  d.drawn_at = "2026-11-01T02:00:00Z";
  d.frame_households = 1234;
  d.villages = households >= 2 ? 2 : households;
  d.households = households;
  return d;
}

// `n` units (n ≤ 3) of `county`, given out of order: B02 in village B, A01 and A03 in A.
std::vector<SampleUnit> MakeUnits(const std::string& county = kCounty, int n = 3) {
  const std::string a = county + "100201", b = county + "100202";
  std::vector<SampleUnit> all = {
      {0, "B02", b, Stratum::kIllness, 1.0 / 3, 1.0 / 30, 30},
      {0, "A03", a, Stratum::kOther, 0.7, 0.07, 1 / 0.07},
      {0, "A01", a, Stratum::kUnstableLifted, 0.7, 0.35, 1 / 0.35},
  };
  all.resize(n);
  return all;
}

SampleResult MakeResult(int64_t draw, const std::string& household) {
  SampleResult r;
  r.draw_id = draw;
  r.household_id = household;
  r.meets_criteria = true;
  r.included = false;
  r.satisfied = true;  // comparison_passed left unanswered
  r.visited_on = CivilDate::FromYmd(2026, 11, 10);
  r.visitor = "第三方 \"评估\" 组";
  r.note = "户主外出 \\ 'A'";
  r.recorded_by = "li.si";
  r.recorded_at = "2026-11-10T08:00:00Z";
  return r;
}

class SampleStoreContractTest : public StoreContractTest {
 protected:
  int64_t Put(const SampleDraw& d, const std::vector<SampleUnit>& units, bool redraw = false) {
    auto id = store().PutDraw(d, units, redraw);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  SampleDraw Get(int64_t id) {
    auto d = store().GetDraw(id);
    EXPECT_TRUE(d.ok() && d->has_value()) << (d.ok() ? "none" : d.status().ToString());
    return d.ok() && d->has_value() ? **d : SampleDraw{};
  }
  std::vector<SampleDraw> List(SampleDrawFilter filter = {}) {
    auto list = store().ListDraws(filter);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    return list.ok() ? *list : std::vector<SampleDraw>{};
  }
  std::vector<SampleResult> Results(int64_t id) {
    auto r = store().DrawResults(id);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<SampleResult>{};
  }
};

TEST_P(SampleStoreContractTest, ADrawAndItsUnitsRoundTrip) {
  const int64_t id = Put(MakeDraw(), MakeUnits());
  EXPECT_EQ(id, 1);
  SampleDraw expected = MakeDraw();
  expected.id = 1;
  EXPECT_EQ(Get(id), expected);  // latest, open, nothing recorded
  auto units = store().DrawUnits(id);
  XJ_ASSERT_OK(units);
  ASSERT_EQ(units->size(), 3u);
  // By village, then household; the numbers exactly as given.
  std::vector<SampleUnit> want = MakeUnits();
  for (SampleUnit& u : want) u.draw_id = id;
  EXPECT_EQ((*units)[0], want[2]);
  EXPECT_EQ((*units)[1], want[1]);
  EXPECT_EQ((*units)[2], want[0]);
  // A village drawn in stage 1 may get no household in stage 2.
  SampleDraw more = MakeDraw(kCounty, 2025);
  more.villages = 5;
  EXPECT_EQ(Get(Put(more, MakeUnits())).villages, 5);
  auto none = store().GetDraw(3);
  XJ_ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  auto no_units = store().DrawUnits(3);
  XJ_ASSERT_OK(no_units);
  EXPECT_TRUE(no_units->empty());
}

TEST_P(SampleStoreContractTest, ASecondDrawOfACountyAndYearIsRefusedUnlessRedrawn) {
  const int64_t first = Put(MakeDraw(), MakeUnits());
  auto again = store().PutDraw(MakeDraw(), MakeUnits(), /*redraw=*/false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("county 630121 has a sample for 2026 already "
                                          "(sample draw 1"),
            std::string::npos)
      << again.status().message();
  EXPECT_NE(again.status().message().find("ask for a redraw"), std::string::npos);
  EXPECT_EQ(List().size(), 1u);
  // Another year and another county are draws of their own.
  Put(MakeDraw(kCounty, 2025), MakeUnits());
  Put(MakeDraw("630122"), MakeUnits("630122"));
  // A redraw replaces the first as the latest and keeps it.
  const int64_t second = Put(MakeDraw(kCounty, 2026, 2), MakeUnits(kCounty, 2), /*redraw=*/true);
  EXPECT_EQ(second, 4);
  EXPECT_FALSE(Get(first).latest);
  EXPECT_TRUE(Get(second).latest);
  auto kept = store().DrawUnits(first);
  XJ_ASSERT_OK(kept);
  EXPECT_EQ(kept->size(), 3u);
  std::vector<SampleDraw> latest = List({kCounty, 2026, true});
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].id, second);
  EXPECT_EQ(List({kCounty, 2026, false}).size(), 2u);
}

TEST_P(SampleStoreContractTest, DrawsAreListedByRegionAndYear) {
  Put(MakeDraw(kCounty, 2025), MakeUnits());
  Put(MakeDraw("630122", 2026), MakeUnits("630122"));
  Put(MakeDraw("632221", 2026), MakeUnits("632221"));
  std::vector<SampleDraw> all = List();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, 1);
  EXPECT_EQ(all[2].county_code, "632221");
  std::vector<SampleDraw> xining = List({"6301", 0, false});
  ASSERT_EQ(xining.size(), 2u);
  EXPECT_EQ(List({"6301", 2026, false}).size(), 1u);
  EXPECT_EQ(List({"630121", 2026, false}).size(), 0u);
  EXPECT_EQ(List({"63", 2026, true}).size(), 2u);
  auto bad = store().ListDraws({"63a", 0, false});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("'63a' is not a region code prefix"), std::string::npos);
}

TEST_P(SampleStoreContractTest, ResultsAreRecordedAndReplacedByHousehold) {
  const int64_t id = Put(MakeDraw(), MakeUnits());
  SampleResult b = MakeResult(id, "B02");
  SampleResult a = MakeResult(id, "A01");
  a.meets_criteria = std::nullopt;
  a.included = true;
  a.comparison_passed = false;
  a.satisfied = std::nullopt;
  XJ_ASSERT_OK(store().PutResult(b));
  XJ_ASSERT_OK(store().PutResult(a));
  std::vector<SampleResult> results = Results(id);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0], a);  // by household ID
  EXPECT_EQ(results[1], b);
  EXPECT_EQ(Get(id).recorded, 2);
  // Replaced, not added: the answers given now, unanswered ones cleared.
  SampleResult b2 = MakeResult(id, "B02");
  b2.meets_criteria = std::nullopt;
  b2.included = std::nullopt;
  b2.satisfied = false;
  b2.visited_on = CivilDate::FromYmd(2026, 11, 12);
  b2.visitor = "王五";
  b2.note = "";
  b2.recorded_by = "zhao.liu";
  XJ_ASSERT_OK(store().PutResult(b2));
  results = Results(id);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1], b2);
  EXPECT_EQ(Get(id).recorded, 2);
  EXPECT_TRUE(Results(id + 1).empty());
}

TEST_P(SampleStoreContractTest, AResultOutsideTheDrawIsRefused) {
  const int64_t id = Put(MakeDraw(), MakeUnits());
  auto refused = [&](const SampleResult& r, StatusCode code, const std::string& says) {
    Status s = store().PutResult(r);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), code) << s.message();
    EXPECT_NE(s.message().find(says), std::string::npos) << s.message();
  };
  refused(MakeResult(7, "A01"), StatusCode::kNotFound, "there is no sample draw 7");
  refused(MakeResult(id, "X99"), StatusCode::kNotFound,
          "household X99 was not drawn in sample draw 1");
  SampleResult r = MakeResult(id, "A01");
  r.draw_id = 0;
  refused(r, StatusCode::kInvalidArgument, "draw_id must name a draw");
  r = MakeResult(id, "");
  refused(r, StatusCode::kInvalidArgument, "household_id is missing");
  r = MakeResult(id, "A01");
  r.visitor = " ";
  refused(r, StatusCode::kInvalidArgument, "visitor is missing");
  r = MakeResult(id, "A01");
  r.recorded_by = "";
  refused(r, StatusCode::kInvalidArgument, "recorded_by is missing");
  r = MakeResult(id, "A01");
  r.recorded_at = "";
  refused(r, StatusCode::kInvalidArgument, "recorded_at is missing");
  EXPECT_TRUE(Results(id).empty());
}

TEST_P(SampleStoreContractTest, OnlyTheLatestOpenDrawTakesResults) {
  const int64_t first = Put(MakeDraw(), MakeUnits());
  XJ_ASSERT_OK(store().PutResult(MakeResult(first, "A01")));
  const int64_t second = Put(MakeDraw(), MakeUnits(), /*redraw=*/true);
  Status replaced = store().PutResult(MakeResult(first, "A03"));
  ASSERT_FALSE(replaced.ok());
  EXPECT_EQ(replaced.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(replaced.message().find("replaced by a redraw (sample draw 2)"), std::string::npos)
      << replaced.message();
  EXPECT_EQ(Results(first).size(), 1u);  // the earlier draw keeps its results
  XJ_ASSERT_OK(store().CloseDraw(second, "zhang.san", "2026-12-01T00:00:00Z"));
  const SampleDraw closed = Get(second);
  EXPECT_TRUE(closed.closed());
  EXPECT_EQ(closed.closed_by, "zhang.san");
  EXPECT_EQ(closed.closed_at, "2026-12-01T00:00:00Z");
  Status after = store().PutResult(MakeResult(second, "A01"));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(after.message().find("was closed by zhang.san"), std::string::npos);
  EXPECT_TRUE(Results(second).empty());
  // Closed twice, redrawn once closed, an unknown draw, a closing without who or when.
  Status twice = store().CloseDraw(second, "li.si", "2026-12-02T00:00:00Z");
  EXPECT_EQ(twice.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Get(second).closed_by, "zhang.san");
  auto redraw = store().PutDraw(MakeDraw(), MakeUnits(), /*redraw=*/true);
  ASSERT_FALSE(redraw.ok());
  EXPECT_EQ(redraw.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(redraw.status().message().find("cannot be replaced by a redraw"), std::string::npos);
  EXPECT_EQ(List().size(), 2u);
  EXPECT_EQ(store().CloseDraw(9, "li.si", "2026-12-02T00:00:00Z").code(), StatusCode::kNotFound);
  EXPECT_EQ(store().CloseDraw(first, "", "2026-12-02T00:00:00Z").code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(Get(first).closed());
}

TEST_P(SampleStoreContractTest, ABadDrawIsRefusedAndNothingStored) {
  auto refused = [&](const SampleDraw& d, const std::vector<SampleUnit>& units,
                     const std::string& says) {
    auto id = store().PutDraw(d, units, false);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(id.status().message().find(says), std::string::npos) << id.status().message();
  };
  SampleDraw d = MakeDraw();
  d.county_code = "6301";
  refused(d, MakeUnits(), "'6301' is not a county code");
  d = MakeDraw(kCounty, 1999);
  refused(d, MakeUnits(), "year: 1999");
  d = MakeDraw();
  d.parameters_json = "";
  refused(d, MakeUnits(), "parameters_json is missing");
  d = MakeDraw();
  d.drawn_by = "";
  refused(d, MakeUnits(), "drawn_by is missing");
  d = MakeDraw();
  d.households = 4;
  refused(d, MakeUnits(), "households: 4, but it has 3 units");
  d = MakeDraw();
  d.villages = 1;
  refused(d, MakeUnits(), "villages: 1, but its units are in 2 villages");
  d = MakeDraw();
  d.frame_households = -1;
  refused(d, MakeUnits(), "cannot be negative");
  std::vector<SampleUnit> units = MakeUnits();
  units[1].household_id = "B02";
  refused(MakeDraw(), units, "sample unit B02 is listed twice");
  units = MakeUnits();
  units[0].village_code = "630122100201";
  refused(MakeDraw(), units, "is not a village (12 digits) of county 630121");
  units = MakeUnits();
  units[0].probability = 0;
  refused(MakeDraw(), units, "probability: 0.000000 is not in (0, 1]");
  units = MakeUnits();
  units[0].village_probability = 1.5;
  refused(MakeDraw(), units, "village_probability: 1.500000 is not in (0, 1]");
  units = MakeUnits();
  units[1].probability = 0.8;
  refused(MakeDraw(), units, "is above its village's probability");
  units = MakeUnits();
  units[2].weight = 0.5;
  refused(MakeDraw(), units, "weight: 0.500000 is not a finite number of at least 1");
  EXPECT_TRUE(List().empty());
  // A draw refused for a unit does not leave its row behind: the next one is number 1.
  EXPECT_EQ(Put(MakeDraw(), MakeUnits()), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SampleStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
