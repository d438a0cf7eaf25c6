// Assessment through the service (service/assessment.h): the counties of a province or
// prefecture and the townships of a county scored from the store's cases, with ranks and trend;
// a province's own settings put, used and refused; scope and refusals; the JSON and workbook.
#include "service/assessment.h"

#include <cstdio>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service/service_test_support.h"
#include "store/case_builders.h"

namespace xianjie::service::assessment_test {
namespace {

using access::Role;
using analytics::Kpi;
using cases::CaseState;
using cases::EventType;
using testing::At;
using testing::D;
using testing::Officer;

// An identification case opened on `opened` and approved at `approved_at`: an episode opens.
void Monitor(store::Database& db, const std::string& household, const std::string& village,
             CivilDate opened, const std::string& approved_at) {
  cases::NewCase c = store::testing::MakeNewCase(household, "run:" + household, village);
  c.record.opened_on = opened;
  auto ids = db.OpenCases({c});
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  auto stored = db.GetCase((*ids)[0]);
  cases::EventWrite w;
  w.expected_version = (*stored)->version;
  w.next = **stored;
  w.next.state = CaseState::kMonitored;
  w.next.closed_at = approved_at;
  w.next.version = w.expected_version + 1;
  w.record = store::testing::MakeEvent(EventType::kCountyApprove, CaseState::kCountyApproval,
                                       CaseState::kMonitored, w.next.version);
  w.record.case_id = w.next.id;
  cases::Episode e = store::testing::MakeEpisode(household, village);
  e.identified_on = cases::ChinaDateOf(approved_at);
  w.open_episode = e;
  ASSERT_TRUE(db.AppendEvent(w).ok());
}

void Measure(store::Database& db, const std::string& household) {
  cases::Measure m;
  m.household_id = household;
  m.category = cases::MeasureCategory::kHealth;
  m.item = "措施";
  m.start = D(2026, 5, 1);
  m.status = cases::MeasureStatus::kDone;
  m.recorded_by = "li.si";
  m.recorded_at = "2026-05-01T02:00:00Z";
  ASSERT_TRUE(db.PutMeasure(m).ok());
}

// County 630102 (villages A and B): A01 approved in 5 days with a measure, B01 in 20 without;
// county 630121 (village C): C01 approved in 2025 in 3 days, no measure.
struct Fixture {
  testing::World w = testing::MakeWorld();
  std::unique_ptr<Workspace> ws = At(*w.db);
  Fixture() {
    Monitor(*w.db, "A01", testing::kVillageA, D(2026, 3, 1), "2026-03-06T02:00:00Z");
    Measure(*w.db, "A01");
    Monitor(*w.db, "B01", testing::kVillageB, D(2026, 3, 1), "2026-03-21T02:00:00Z");
    Monitor(*w.db, "C01", testing::kVillageC, D(2025, 3, 1), "2025-03-04T02:00:00Z");
  }
  ScorecardSet Get(const std::string& region, int year = 2026, Role role = Role::kProvince,
                   const std::string& scope = "63") {
    auto s = Scorecards(*ws, Officer(role, scope), region, year);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : ScorecardSet{};
  }
};

const analytics::Scorecard* CardOf(const ScorecardSet& set, const std::string& region) {
  for (const analytics::Scorecard& c : set.cards) {
    if (c.region == region) return &c;
  }
  return nullptr;
}

const analytics::KpiResult& Of(const analytics::Scorecard& c, Kpi kpi) {
  return c.kpis[static_cast<size_t>(kpi)];
}

TEST(ScorecardsTest, TheCountiesOfAProvinceFromTheirCases) {
  Fixture f;
  const ScorecardSet set = f.Get("63");
  EXPECT_EQ(set.unit_level, "county");
  EXPECT_EQ(set.settings_version, 0);
  EXPECT_EQ(set.as_of, D(2026, 6, 15));
  const analytics::Scorecard* c = CardOf(set, "630102");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(Of(*c, Kpi::kTimeliness).numerator, 1);  // 5 days; 20 is over 15
  EXPECT_EQ(Of(*c, Kpi::kTimeliness).denominator, 2);
  EXPECT_EQ(Of(*c, Kpi::kCoverage).achieved, 0.5);
  EXPECT_EQ(Of(*c, Kpi::kOmission).reason, analytics::NotAssessed::kNoSample);
  EXPECT_EQ(Of(*c, Kpi::kWarningHandling).reason, analytics::NotAssessed::kNoDenominator);
  // The registry is this year's: its guarantees are assessed.
  EXPECT_TRUE(Of(*c, Kpi::kUninsured).assessed());
  ASSERT_TRUE(c->total);
  // Computed again from the table's figures, as analytics::ScoreUnit does.
  const analytics::Scorecard* c2 = CardOf(set, "630121");
  ASSERT_NE(c2, nullptr);
  ASSERT_TRUE(c2->total);
  EXPECT_EQ(Of(*c2, Kpi::kTimeliness).reason, analytics::NotAssessed::kNoDenominator);
  EXPECT_EQ(Of(*c2, Kpi::kCoverage).achieved, 0.0);
  // Ranked among the province's counties with a total, and within Xining (6301).
  EXPECT_GT(c->rank_province.of, 0);
  EXPECT_EQ(c->rank_parent.of, c2->rank_parent.of);
  EXPECT_LT(c->rank_parent.rank, c2->rank_parent.rank);  // coverage 0.5 against 0
  // Counties without a household: no total, no rank.
  const analytics::Scorecard* empty = CardOf(set, "632221");
  ASSERT_NE(empty, nullptr);
  EXPECT_FALSE(empty->total);
  EXPECT_EQ(empty->rank_province.rank, 0);
  // The trend: 2025 is on record (C01), 2024 is not.
  ASSERT_EQ(c2->trend.size(), 2u);
  EXPECT_EQ(c2->trend[0].year, 2025);
  EXPECT_EQ(c2->trend[1].year, 2026);
}

TEST(ScorecardsTest, APrefectureGivesItsCountiesAndACountyItsTownships) {
  Fixture f;
  const ScorecardSet prefecture = f.Get("6301");
  for (const analytics::Scorecard& c : prefecture.cards) EXPECT_EQ(c.region.substr(0, 4), "6301");
  EXPECT_NE(CardOf(prefecture, "630102"), nullptr);
  EXPECT_EQ(CardOf(prefecture, "632221"), nullptr);
  const ScorecardSet county = f.Get("630102", 2026, Role::kCounty, "630102");
  EXPECT_EQ(county.unit_level, "township");
  const analytics::Scorecard* t = CardOf(county, "630102001");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(Of(*t, Kpi::kTimeliness).denominator, 2);
  EXPECT_EQ(county.names[0].empty(), false);
  // The county's own card, as the province's counties have it, beside its townships'.
  ASSERT_TRUE(county.region_card);
  const ScorecardSet province = f.Get("63");
  const analytics::Scorecard* own = CardOf(province, "630102");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(county.region_card->region, "630102");
  EXPECT_EQ(county.region_card->total, own->total);
  EXPECT_EQ(county.region_card->rank_province, own->rank_province);
  EXPECT_EQ(Of(*county.region_card, Kpi::kTimeliness).denominator, 2);
  // Other levels have none: a prefecture's counties, a township's own card in its list.
  EXPECT_FALSE(prefecture.region_card);
  EXPECT_FALSE(f.Get("630102001", 2026, Role::kCounty, "630102").region_card);
}

TEST(ScorecardsTest, ScopeAndRefusals) {
  Fixture f;
  auto refused = [&](Role role, const std::string& scope, const std::string& region) {
    auto s = Scorecards(*f.ws, Officer(role, scope), region, 2026);
    EXPECT_FALSE(s.ok());
    return s.ok() ? std::string() : s.status().message();
  };
  EXPECT_EQ(f.Get("", 2026, Role::kCounty, "630121").region, "630121");
  EXPECT_NE(refused(Role::kVillage, testing::kVillageA, "630102").find("assessment.read"),
            std::string::npos);
  EXPECT_NE(refused(Role::kCounty, "630121", "630102").find("630102"), std::string::npos);
  auto future = Scorecards(*f.ws, Officer(Role::kProvince, "63"), "63", 2027);
  EXPECT_FALSE(future.ok());
}

TEST(ScorecardsTest, ATownshipOrVillageGivesItsTownshipsOwnCard) {
  Fixture f;
  for (const std::string region : {"630102001", testing::kVillageA}) {
    const ScorecardSet set = f.Get(region, 2026, Role::kAuditor, "63");
    EXPECT_EQ(set.unit_level, "township");
    ASSERT_EQ(set.cards.size(), 1u) << region;
    EXPECT_EQ(set.cards[0].region, "630102001");
    EXPECT_EQ(set.cards[0].rank_parent.of, CardOf(f.Get("630102"), "630102001")->rank_parent.of);
  }
}

TEST(AssessmentSettingsTest, AProvincesOwnSettingsArePutAndUsed) {
  Fixture f;
  auto builtin = ReadAssessmentSettings(*f.ws, Officer(Role::kCounty, "630102"), "");
  ASSERT_TRUE(builtin.ok()) << builtin.status().ToString();
  EXPECT_EQ(builtin->province, "63");
  EXPECT_EQ(builtin->version, 0);
  EXPECT_EQ(builtin->text, analytics::BuiltinAssessmentText());

  // Everything on coverage.
  std::string toml;
  for (const analytics::KpiSetting& k : builtin->config.kpis) {
    toml += "[[kpi]]\nid = \"" + std::string(analytics::KpiCode(k.kpi)) + "\"\nweight = " +
            (k.kpi == Kpi::kCoverage ? "100" : "0") + "\ndirection = \"" +
            std::string(analytics::DirectionCode(k.direction)) + "\"\ntarget = " +
            (k.direction == analytics::Direction::kHigher ? "1" : "0") + "\n\n";
  }
  auto put = PutAssessmentSettings(*f.ws, Officer(Role::kProvince, "63", "prov"), "63", toml);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->version, 1);
  const ScorecardSet set = f.Get("63");
  EXPECT_EQ(set.settings_version, 1);
  const analytics::Scorecard* c = CardOf(set, "630102");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->total);
  EXPECT_DOUBLE_EQ(*c->total, 50);  // coverage 1 of 2
  auto read = ReadAssessmentSettings(*f.ws, Officer(Role::kProvince, "63"), "63");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(read->created_by, "prov");
  // Audited.
  bool audited = false;
  ASSERT_TRUE(f.w.db
                  ->ForEach([&](const access::AuditEntry& e) {
                    if (e.action == "assessment.config" && e.subject == "63") audited = true;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(audited);
}

TEST(AssessmentSettingsTest, BadSettingsAndOtherRolesAreRefused) {
  Fixture f;
  std::string text(analytics::BuiltinAssessmentText());
  text.replace(text.find("weight = 15"), 11, "weight = 14");
  auto bad = PutAssessmentSettings(*f.ws, Officer(Role::kProvince, "63"), "63", text);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("add up to 99, not 100"), std::string::npos);
  auto county = PutAssessmentSettings(*f.ws, Officer(Role::kCounty, "630102"), "63",
                                      std::string(analytics::BuiltinAssessmentText()));
  ASSERT_FALSE(county.ok());
  EXPECT_EQ(county.status().code(), StatusCode::kPermissionDenied);
  auto other = ReadAssessmentSettings(*f.ws, Officer(Role::kProvince, "63"), "62");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
  auto malformed = ReadAssessmentSettings(*f.ws, Officer(Role::kProvince, "63"), "6x");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), StatusCode::kInvalidArgument);
  auto latest = f.w.db->LatestAssessmentConfig("63");
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());  // nothing stored
}

TEST(ScorecardsTest, JsonAndWorkbook) {
  Fixture f;
  const ScorecardSet set = f.Get("6301");
  const auto j = nlohmann::json::parse(ScorecardsJson(set));
  EXPECT_EQ(j["region"], "6301");
  EXPECT_EQ(j["unit_level"], "county");
  ASSERT_EQ(j["cards"].size(), set.cards.size());
  const auto card = std::find_if(j["cards"].begin(), j["cards"].end(),
                                 [](const auto& c) { return c["region"] == "630102"; });
  ASSERT_NE(card, j["cards"].end());
  EXPECT_TRUE((*card)["total"].is_number());
  EXPECT_EQ((*card)["kpis"].size(), analytics::kKpiCount);
  EXPECT_EQ((*card)["kpis"][0]["kpi"], "timeliness");
  EXPECT_EQ((*card)["kpis"][0]["numerator"], 1);
  EXPECT_EQ((*card)["kpis"][2]["assessed"], false);
  EXPECT_EQ((*card)["kpis"][2]["reason"], "no_sample");
  EXPECT_TRUE((*card)["kpis"][2]["score"].is_null());
  EXPECT_TRUE(j["region_card"].is_null());
  // A county's: its own card first, as JSON and in each sheet of the workbook.
  const ScorecardSet county = f.Get("630102", 2026, Role::kCounty, "630102");
  const auto cj = nlohmann::json::parse(ScorecardsJson(county));
  EXPECT_EQ(cj["region_card"]["region"], "630102");
  EXPECT_EQ(cj["region_card"]["kpis"].size(), analytics::kKpiCount);
  auto xlsx = ScorecardsXlsx(county);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  for (const char* sheet : {"考核得分", "指标值", "趋势"}) {
    const auto rows = testing::SheetRows(*xlsx, sheet);
    ASSERT_EQ(rows.size(), county.cards.size() + 2) << sheet;  // the header, the county's own
    EXPECT_EQ(rows[0][0], "地区代码") << sheet;
    EXPECT_EQ(rows[1][0], "630102") << sheet;
    EXPECT_EQ(rows[1][1], county.region_name) << sheet;
    EXPECT_EQ(rows[2][0], county.cards[0].region) << sheet;
  }
  const auto scores = testing::SheetRows(*xlsx, "考核得分");
  char total[16];
  std::snprintf(total, sizeof total, "%.1f", *county.region_card->total);
  EXPECT_EQ(scores[1][2], total);
  auto settings = ReadAssessmentSettings(*f.ws, Officer(Role::kProvince, "63"), "63");
  ASSERT_TRUE(settings.ok());
  const auto s = nlohmann::json::parse(AssessmentSettingsJson(*settings));
  EXPECT_EQ(s["version"], 0);
  EXPECT_EQ(s["kpis"].size(), analytics::kKpiCount);
  EXPECT_EQ(s["kpis"][2]["zero_at"], 0.05);
}

}  // namespace
}  // namespace xianjie::service::assessment_test
