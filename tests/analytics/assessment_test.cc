// Tests of the assessment (analytics/assessment.h): the shipped file, every refusal of the
// parser with its place, the scoring rule at each boundary (achieved == target, above, below,
// zero_at), KPIs not assessed (zero denominators, no sample, the registry of another year) and
// their weight shared out, ranks with ties within the prefecture and the province, the trend
// over the years on record, and the refusals of Assess.
#include "analytics/assessment.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "base/id_number.h"
#include "registry/household.h"

namespace xianjie::analytics {
namespace {

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string Shipped() { return std::string(BuiltinAssessmentText()); }

// The message of a refused file (the test fails if it is accepted).
std::string Refusal(const std::string& text) {
  auto c = ParseAssessmentConfig(text, "a.toml");
  EXPECT_FALSE(c.ok());
  return c.ok() ? std::string() : c.status().message();
}

// ---- the shipped file

TEST(AssessmentConfigTest, TheShippedFileIsTheBuiltInOneAndMatchesTheTable) {
  std::ifstream in(std::string(XJ_SOURCE_DIR) + "/config/assessment.toml");
  std::stringstream file;
  file << in.rdbuf();
  EXPECT_EQ(file.str(), BuiltinAssessmentText());
  const AssessmentConfig& c = BuiltinAssessmentConfig();
  ASSERT_EQ(c.kpis.size(), kKpiCount);
  int sum = 0;
  for (size_t i = 0; i < kKpiCount; ++i) {
    EXPECT_EQ(c.kpis[i].kpi, kAllKpis[i]);
    sum += c.kpis[i].weight;
  }
  EXPECT_EQ(sum, 100);
  // The guarantees' target is 0 (DOMAIN.md §10); approval's the national 2021 rate.
  for (Kpi k : {Kpi::kDropouts, Kpi::kUninsured, Kpi::kUnsafeHouses, Kpi::kUnsafeWater}) {
    EXPECT_EQ(c.Of(k).direction, Direction::kLower);
    EXPECT_EQ(c.Of(k).target, 0);
  }
  EXPECT_EQ(c.Of(Kpi::kApproval).target, 0.949);
  EXPECT_EQ(c.Of(Kpi::kTimeliness).weight, 15);
  EXPECT_EQ(c.Of(Kpi::kOmission).zero_at, 0.05);
  EXPECT_EQ(c.Of(Kpi::kTimeliness).zero_at, 1);  // not given: 1
}

TEST(AssessmentConfigTest, KpiCodesRoundTrip) {
  for (Kpi k : kAllKpis) EXPECT_EQ(ParseKpi(KpiCode(k)), k);
  EXPECT_FALSE(ParseKpi("Timeliness"));
  EXPECT_TRUE(IsSampleKpi(Kpi::kApproval));
  EXPECT_FALSE(IsSampleKpi(Kpi::kCoverage));
  EXPECT_TRUE(IsRegistryKpi(Kpi::kUnsafeWater));
  EXPECT_FALSE(IsRegistryKpi(Kpi::kRelapse));
}

// ---- refusals

TEST(AssessmentConfigTest, WeightsNotAddingUpTo100AreRefusedWithTheirSum) {
  const std::string m = Refusal(Replace(Shipped(), "weight = 15", "weight = 14"));
  EXPECT_NE(m.find("the weights add up to 99, not 100"), std::string::npos) << m;
  EXPECT_NE(m.find("add up to exactly 100"), std::string::npos) << m;
  EXPECT_NE(Refusal(Replace(Shipped(), "weight = 15", "weight = 16")).find("101, not 100"),
            std::string::npos);
}

TEST(AssessmentConfigTest, AnUnknownKpiIsRefusedWithTheClosest) {
  const std::string m = Refusal(Replace(Shipped(), "id = \"relapse\"", "id = \"relaps\""));
  EXPECT_NE(m.find("'relaps' is not a KPI"), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean 'relapse'"), std::string::npos) << m;
  EXPECT_NE(m.find("a.toml:"), std::string::npos) << m;
}

TEST(AssessmentConfigTest, ABadDirectionIsRefused) {
  const std::string m =
      Refusal(Replace(Shipped(), "direction = \"higher\"", "direction = \"up\""));
  EXPECT_NE(m.find("kpi[0].direction: 'up' is not a direction"), std::string::npos) << m;
  EXPECT_NE(m.find("\"higher\""), std::string::npos) << m;
}

TEST(AssessmentConfigTest, AKpiGivenTwiceOrMissingIsRefused) {
  const std::string twice = Refusal(Replace(Shipped(), "id = \"relapse\"", "id = \"coverage\""));
  EXPECT_NE(twice.find("KPI 'coverage' is given twice (first at line"), std::string::npos)
      << twice;
  // Drop approval's table and give its weight to timeliness: approval is missing.
  std::string text = Shipped();
  text = text.substr(0, text.rfind("[[kpi]]"));
  text = Replace(text, "weight = 15", "weight = 20");
  const std::string missing = Refusal(text);
  EXPECT_NE(missing.find("KPI 'approval' is missing"), std::string::npos) << missing;
  EXPECT_NE(missing.find("weight = 0"), std::string::npos) << missing;
}

TEST(AssessmentConfigTest, UnknownKeysAreRefused) {
  std::string m = Refusal(Replace(Shipped(), "target = 0.95", "target = 0.95\ntarge = 1"));
  EXPECT_NE(m.find("kpi[0].targe: unknown key"), std::string::npos) << m;
  m = Refusal("year = 2024\n" + Shipped());
  EXPECT_NE(m.find("year: unknown key"), std::string::npos) << m;
}

TEST(AssessmentConfigTest, BadWeightsAreRefused) {
  std::string m = Refusal(Replace(Shipped(), "weight = 15", "weight = 15.0"));
  EXPECT_NE(m.find("kpi[0].weight: must be a whole number, not a floating-point number"),
            std::string::npos)
      << m;
  m = Refusal(Replace(Shipped(), "weight = 15", "weight = -1"));
  EXPECT_NE(m.find("-1 is not a weight"), std::string::npos) << m;
  m = Refusal(Replace(Shipped(), "weight = 15", "weight = 101"));
  EXPECT_NE(m.find("101 is not a weight"), std::string::npos) << m;
  m = Refusal(Replace(Shipped(), "weight = 15\n", ""));
  EXPECT_NE(m.find("kpi[0].weight: missing"), std::string::npos) << m;
}

TEST(AssessmentConfigTest, BadTargetsAreRefused) {
  std::string m = Refusal(Replace(Shipped(), "target = 0.95", "target = \"95%\""));
  EXPECT_NE(m.find("kpi[0].target: must be a number, not a string"), std::string::npos) << m;
  m = Refusal(Replace(Shipped(), "target = 0.95", "target = 95"));
  EXPECT_NE(m.find("95 is not a share"), std::string::npos) << m;
  m = Refusal(Replace(Shipped(), "target = 0.95", "target = 0"));
  EXPECT_NE(m.find("0 is not a target for a higher-is-better KPI"), std::string::npos) << m;
  m = Refusal(Replace(Shipped(), "target = 0.95\n", ""));
  EXPECT_NE(m.find("kpi[0].target: missing"), std::string::npos) << m;
  // An integer target is a number: 1 for a higher KPI is accepted.
  EXPECT_TRUE(ParseAssessmentConfig(Replace(Shipped(), "target = 0.95", "target = 1"), "a")
                  .ok());
}

TEST(AssessmentConfigTest, ZeroAtIsOnlyForLowerAndAboveTheTarget) {
  std::string m = Refusal(Replace(Shipped(), "target = 0.95", "target = 0.95\nzero_at = 0.5"));
  EXPECT_NE(m.find("kpi[0].zero_at: applies only to direction = \"lower\""), std::string::npos)
      << m;
  m = Refusal(Replace(Shipped(), "zero_at = 0.1", "zero_at = 0"));
  EXPECT_NE(m.find("zero_at: 0 is not above the target 0 and at most 1"), std::string::npos) << m;
  m = Refusal(Replace(Shipped(), "zero_at = 0.1", "zero_at = 1.5"));
  EXPECT_NE(m.find("1.5 is not above the target 0 and at most 1"), std::string::npos) << m;
  // A lower KPI with target 1 and no zero_at has nothing left to score.
  m = Refusal(Replace(Shipped(), "target = 0\nzero_at = 0.1", "target = 1"));
  EXPECT_NE(m.find("give a target below 1"), std::string::npos) << m;
}

TEST(AssessmentConfigTest, TomlSyntaxAndRepeatedKeys) {
  std::string m = Refusal(Replace(Shipped(), "weight = 15", "weight = 15\nweight = 15"));
  EXPECT_NE(m.find("write each key once"), std::string::npos) << m;
  m = Refusal("[[kpi]\n");
  EXPECT_NE(m.find("TOML syntax"), std::string::npos) << m;
}

// ---- scores

KpiSetting Higher(double target) { return {Kpi::kCoverage, 10, Direction::kHigher, target, 1}; }
KpiSetting Lower(double target, double zero_at) {
  return {Kpi::kRelapse, 10, Direction::kLower, target, zero_at};
}

TEST(KpiScoreTest, HigherIsAchievedOverTargetCappedAt1) {
  EXPECT_EQ(KpiScore(Higher(0.8), 0.8), 1.0);  // achieved == target
  EXPECT_EQ(KpiScore(Higher(0.8), 0.9), 1.0);  // above
  EXPECT_DOUBLE_EQ(KpiScore(Higher(0.8), 0.6), 0.75);
  EXPECT_EQ(KpiScore(Higher(0.8), 0.0), 0.0);
  EXPECT_EQ(KpiScore(Higher(1.0), 1.0), 1.0);
}

TEST(KpiScoreTest, LowerIsFullUpToTheTargetAndNothingFromZeroAt) {
  EXPECT_EQ(KpiScore(Lower(0.02, 0.1), 0.02), 1.0);  // achieved == target
  EXPECT_EQ(KpiScore(Lower(0.02, 0.1), 0.0), 1.0);   // below
  EXPECT_EQ(KpiScore(Lower(0.02, 0.1), 0.1), 0.0);   // achieved == zero_at
  EXPECT_EQ(KpiScore(Lower(0.02, 0.1), 0.5), 0.0);   // beyond
  EXPECT_DOUBLE_EQ(KpiScore(Lower(0.02, 0.1), 0.06), 0.5);
  // Target 0 and zero_at 1: 1 − achieved.
  EXPECT_DOUBLE_EQ(KpiScore(Lower(0, 1), 0.25), 0.75);
  EXPECT_EQ(KpiScore(Lower(0, 1), 0), 1.0);
}

// A config with the given weights (the others 0) and the shipped directions and targets.
AssessmentConfig Weights(std::map<Kpi, int> weights) {
  AssessmentConfig c = BuiltinAssessmentConfig();
  for (KpiSetting& s : c.kpis) {
    auto it = weights.find(s.kpi);
    s.weight = it == weights.end() ? 0 : it->second;
  }
  return c;
}

const KpiResult& Of(const Scorecard& card, Kpi kpi) { return card.kpis[static_cast<size_t>(kpi)]; }

TEST(ScoreUnitTest, ZeroDenominatorsAreNotAssessedAndTheirWeightIsSharedOut) {
  const AssessmentConfig c = Weights({{Kpi::kTimeliness, 50}, {Kpi::kCoverage, 30},
                                      {Kpi::kWarningHandling, 20}});
  VillageFigures f;
  f.approved = 10;
  f.approved_within_limit = 9;  // 0.9 of a target 0.95: 0.947…
  f.objects = 4;
  f.objects_with_measure = 4;  // 1.0
  // No warnings: not assessed.
  const Scorecard card = ScoreUnit(c, "630121", 2024, f, nullptr, true);
  EXPECT_EQ(Of(card, Kpi::kWarningHandling).reason, NotAssessed::kNoDenominator);
  EXPECT_EQ(NotAssessedCode(Of(card, Kpi::kWarningHandling).reason), "no_denominator");
  EXPECT_EQ(Of(card, Kpi::kWarningHandling).points, 0);
  EXPECT_EQ(card.assessed_weight, 80);
  const double timeliness = 0.9 / 0.95;
  EXPECT_DOUBLE_EQ(Of(card, Kpi::kTimeliness).achieved, 0.9);
  EXPECT_DOUBLE_EQ(Of(card, Kpi::kTimeliness).score, timeliness);
  EXPECT_EQ(Of(card, Kpi::kTimeliness).numerator, 9);
  EXPECT_EQ(Of(card, Kpi::kTimeliness).denominator, 10);
  ASSERT_TRUE(card.total);
  EXPECT_DOUBLE_EQ(*card.total, 100 * (50 * timeliness + 30 * 1.0) / 80);
  EXPECT_DOUBLE_EQ(Of(card, Kpi::kTimeliness).points + Of(card, Kpi::kCoverage).points,
                   *card.total);
}

TEST(ScoreUnitTest, EveryTableKpiReadsItsFigures) {
  VillageFigures f;
  f.warnings = 2;
  f.warnings_answered = 1;
  f.labour_capable_objects = 5;
  f.labour_capable_with_development = 4;
  f.cumulative_objects = 10;
  f.eliminated_objects = 3;
  f.eliminated_by_month[0] = 2;
  f.eliminated_by_month[5] = 2;
  f.eliminations_with_problems = 1;
  f.ever_eliminated = 8;
  f.relapses = 2;
  f.lifted_households = 50;
  f.lifted_identified = 5;
  f.school_age_members = 20;
  f.dropouts = 1;
  f.persons = 100;
  f.uninsured = 3;
  f.screenable_households = 40;
  f.unsafe_houses = 2;
  f.unsafe_water = 4;
  const Scorecard card = ScoreUnit(BuiltinAssessmentConfig(), "630121", 2024, f, nullptr, true);
  auto share = [&](Kpi k) {
    EXPECT_TRUE(Of(card, k).assessed()) << KpiCode(k);
    return Of(card, k).achieved;
  };
  EXPECT_DOUBLE_EQ(share(Kpi::kWarningHandling), 0.5);
  EXPECT_DOUBLE_EQ(share(Kpi::kDevelopmentCoverage), 0.8);
  EXPECT_DOUBLE_EQ(share(Kpi::kEliminationRate), 0.3);
  EXPECT_DOUBLE_EQ(share(Kpi::kEliminationQuality), 0.25);
  EXPECT_DOUBLE_EQ(share(Kpi::kRelapse), 0.25);
  EXPECT_DOUBLE_EQ(share(Kpi::kLiftedIdentified), 0.1);
  EXPECT_DOUBLE_EQ(share(Kpi::kDropouts), 0.05);
  EXPECT_DOUBLE_EQ(share(Kpi::kUninsured), 0.03);
  EXPECT_DOUBLE_EQ(share(Kpi::kUnsafeHouses), 0.05);
  EXPECT_DOUBLE_EQ(share(Kpi::kUnsafeWater), 0.1);
  EXPECT_EQ(Of(card, Kpi::kTimeliness).reason, NotAssessed::kNoDenominator);
  EXPECT_EQ(Of(card, Kpi::kCoverage).reason, NotAssessed::kNoDenominator);
}

TEST(ScoreUnitTest, SampleKpisNeedTheCountysEstimates) {
  const AssessmentConfig c = Weights({{Kpi::kOmission, 40}, {Kpi::kApproval, 30},
                                      {Kpi::kWrongInclusion, 30}});
  const Scorecard none = ScoreUnit(c, "630121", 2024, {}, nullptr, true);
  EXPECT_EQ(Of(none, Kpi::kOmission).reason, NotAssessed::kNoSample);
  EXPECT_FALSE(none.total);  // nothing of positive weight assessed
  EXPECT_EQ(none.assessed_weight, 0);

  SampleEstimates s;
  s.omission = RatioEstimate{.households = 120, .villages = 10, .estimate = 0.025,
                             .lower = 0.01, .upper = 0.04};
  s.approval = RatioEstimate{.households = 290, .villages = 10, .estimate = 0.949};
  const Scorecard card = ScoreUnit(c, "630121", 2024, {}, &s, true);
  EXPECT_EQ(Of(card, Kpi::kWrongInclusion).reason, NotAssessed::kNoSample);  // no estimate
  EXPECT_DOUBLE_EQ(Of(card, Kpi::kOmission).score, 0.5);  // halfway from 0 to 0.05
  EXPECT_EQ(Of(card, Kpi::kOmission).denominator, 120);
  ASSERT_TRUE(Of(card, Kpi::kOmission).estimate);
  EXPECT_EQ(Of(card, Kpi::kOmission).estimate->upper, 0.04);
  EXPECT_EQ(Of(card, Kpi::kApproval).score, 1.0);  // achieved == target
  ASSERT_TRUE(card.total);
  EXPECT_DOUBLE_EQ(*card.total, 100 * (40 * 0.5 + 30 * 1.0) / 70);
}

TEST(ScoreUnitTest, GuaranteesOfAnotherYearThanTheRegistrysAreNotAssessed) {
  const AssessmentConfig c = Weights({{Kpi::kUninsured, 60}, {Kpi::kCoverage, 40}});
  VillageFigures f;
  f.persons = 10;
  f.objects = 1;
  const Scorecard card = ScoreUnit(c, "630121", 2023, f, nullptr, false);
  EXPECT_EQ(Of(card, Kpi::kUninsured).reason, NotAssessed::kRegistryNow);
  EXPECT_EQ(NotAssessedCode(NotAssessed::kRegistryNow), "registry_now");
  EXPECT_EQ(card.assessed_weight, 40);
  EXPECT_EQ(*card.total, 0);  // one object, no measure
}

TEST(ScoreUnitTest, AWeightOfZeroIsShownButAddsNothing) {
  const AssessmentConfig c = Weights({{Kpi::kCoverage, 100}});
  VillageFigures f;
  f.objects = 2;
  f.objects_with_measure = 1;
  f.approved = 1;
  const Scorecard card = ScoreUnit(c, "630121", 2024, f, nullptr, true);
  EXPECT_TRUE(Of(card, Kpi::kTimeliness).assessed());
  EXPECT_EQ(Of(card, Kpi::kTimeliness).points, 0);
  EXPECT_EQ(Of(card, Kpi::kTimeliness).score, 0);  // none within the limit
  EXPECT_DOUBLE_EQ(*card.total, 50);
}

// ---- ranks and trend over village tables

std::shared_ptr<const registry::Snapshot> EmptySnapshot() {
  return registry::SnapshotBuilder().Finish();
}

// A table of `year` with, per village, `objects` open objects of which `covered` have a measure.
struct Village {
  std::string code;
  int objects = 0;
  int covered = 0;
};
VillageTable Table(int year, const std::vector<Village>& villages,
                   const registry::Snapshot& snapshot) {
  std::vector<cases::Episode> episodes;
  std::vector<cases::Measure> measures;
  int64_t id = 0;
  for (const Village& v : villages) {
    for (int i = 0; i < v.objects; ++i) {
      cases::Episode e;
      e.id = ++id;
      e.household_id = v.code + "-" + std::to_string(i);
      e.village_code = v.code;
      e.identified_on = CivilDate::FromYmd(year, 1, 1);
      e.type = "marginal";
      e.risks = "R01";
      episodes.push_back(e);
      if (i < v.covered) {
        cases::Measure m;
        m.id = id;
        m.household_id = e.household_id;
        m.category = cases::MeasureCategory::kHealth;
        m.status = cases::MeasureStatus::kDone;
        m.start = e.identified_on;
        m.item = "x";
        measures.push_back(m);
      }
    }
  }
  VillageTableInput in;
  in.year = year;
  in.as_of = CivilDate::FromYmd(year, 12, 31);
  in.snapshot = &snapshot;
  in.school.reference_date = CivilDate::FromYmd(year, 9, 1);
  in.rules = CountingRulesOf(assist::BuiltinMeasureCatalog(), assist::BuiltinCoordination());
  in.episodes = episodes;
  in.measures = measures;
  auto t = BuildVillageTable(in);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *std::move(t) : VillageTable{};
}

TEST(AssessTest, RanksWithinThePrefectureAndTheProvinceShareTiesAndSkipUnassessed) {
  const auto snapshot = EmptySnapshot();
  // Coverage only: 630121 1/2, 630122 2/2, 630123 2/2 (tie with 630122), 632221 1/4,
  // 632222 no objects (not assessed).
  const VillageTable t = Table(2024, {{"630121100201", 2, 1}, {"630122100201", 2, 2},
                                      {"630123100201", 1, 1}, {"632221100201", 4, 1}},
                               *snapshot);
  const AssessmentConfig c = Weights({{Kpi::kCoverage, 100}});
  AssessmentInput in;
  in.config = &c;
  in.year = 2024;
  in.units = {"630121", "630122", "630123", "632221", "632222"};
  in.tables = {{2024, &t}};
  in.registry_year = 2024;
  auto cards = Assess(in);
  ASSERT_TRUE(cards.ok()) << cards.status().ToString();
  ASSERT_EQ(cards->size(), 5u);
  const std::vector<Scorecard>& s = *cards;
  EXPECT_DOUBLE_EQ(*s[0].total, 50);
  EXPECT_EQ(s[1].rank_parent, (Rank{1, 3}));
  EXPECT_EQ(s[2].rank_parent, (Rank{1, 3}));
  EXPECT_EQ(s[0].rank_parent, (Rank{3, 3}));
  EXPECT_EQ(s[3].rank_parent, (Rank{1, 1}));
  EXPECT_EQ(s[4].rank_parent, (Rank{0, 0}));
  EXPECT_FALSE(s[4].total);
  EXPECT_EQ(s[1].rank_province, (Rank{1, 4}));
  EXPECT_EQ(s[0].rank_province, (Rank{3, 4}));
  EXPECT_EQ(s[3].rank_province, (Rank{4, 4}));
  EXPECT_EQ(s[4].rank_province, (Rank{0, 0}));
}

TEST(AssessTest, TownshipsRankWithinTheirCounty) {
  const auto snapshot = EmptySnapshot();
  const VillageTable t = Table(2024, {{"630121100201", 2, 2}, {"630121101201", 2, 1},
                                      {"630122100201", 2, 0}},
                               *snapshot);
  const AssessmentConfig c = Weights({{Kpi::kCoverage, 100}});
  AssessmentInput in;
  in.config = &c;
  in.year = 2024;
  in.units = {"630121100", "630121101", "630122100"};
  in.tables = {{2024, &t}};
  in.samples[2024]["630121"] = SampleEstimates{};  // a county's sample: not a township's
  auto cards = Assess(in);
  ASSERT_TRUE(cards.ok()) << cards.status().ToString();
  EXPECT_EQ((*cards)[0].rank_parent, (Rank{1, 2}));
  EXPECT_EQ((*cards)[1].rank_parent, (Rank{2, 2}));
  EXPECT_EQ((*cards)[2].rank_parent, (Rank{1, 1}));
  EXPECT_EQ((*cards)[2].rank_province, (Rank{3, 3}));
  EXPECT_EQ(Of((*cards)[0], Kpi::kApproval).reason, NotAssessed::kNoSample);
}

TEST(AssessTest, TheTrendCoversTheYearsOnRecord) {
  const auto snapshot = EmptySnapshot();
  const VillageTable y2022 = Table(2022, {}, *snapshot);  // nothing on record
  const VillageTable y2023 = Table(2023, {{"630121100201", 4, 1}}, *snapshot);
  const VillageTable y2024 = Table(2024, {{"630121100201", 4, 3}}, *snapshot);
  const AssessmentConfig c = Weights({{Kpi::kCoverage, 100}});
  AssessmentInput in;
  in.config = &c;
  in.year = 2024;
  in.units = {"630121", "630122"};
  in.tables = {{2022, &y2022}, {2023, &y2023}, {2024, &y2024}};
  in.registry_year = 2024;
  auto cards = Assess(in);
  ASSERT_TRUE(cards.ok()) << cards.status().ToString();
  const std::vector<TrendPoint>& trend = (*cards)[0].trend;
  ASSERT_EQ(trend.size(), 2u);
  EXPECT_EQ(trend[0].year, 2023);
  EXPECT_DOUBLE_EQ(*trend[0].total, 25);
  EXPECT_EQ(trend[1].year, 2024);
  EXPECT_DOUBLE_EQ(*trend[1].total, 75);
  // A county with nothing in either year: on record (the province is), without totals.
  ASSERT_EQ((*cards)[1].trend.size(), 2u);
  EXPECT_FALSE((*cards)[1].trend[0].total);
}

TEST(AssessTest, RefusalsNameWhatIsWrong) {
  const auto snapshot = EmptySnapshot();
  const VillageTable t = Table(2024, {}, *snapshot);
  const AssessmentConfig& c = BuiltinAssessmentConfig();
  auto refused = [&](auto&& change) {
    AssessmentInput in;
    in.config = &c;
    in.year = 2024;
    in.units = {"630121"};
    in.tables = {{2024, &t}};
    change(in);
    auto r = Assess(in);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(refused([](auto& in) { in.config = nullptr; }).find("KPI settings"),
            std::string::npos);
  EXPECT_NE(refused([](auto& in) { in.tables.clear(); }).find("no village table for 2024"),
            std::string::npos);
  EXPECT_NE(refused([&](auto& in) { in.tables = {{2024, &t}, {2023, &t}}; })
                .find("given for 2023 is of 2024"),
            std::string::npos);
  EXPECT_NE(refused([](auto& in) { in.units.clear(); }).find("no county or township"),
            std::string::npos);
  EXPECT_NE(refused([](auto& in) { in.units = {"630121", "630121100"}; }).find("not a mix"),
            std::string::npos);
  EXPECT_NE(refused([](auto& in) { in.units = {"6301"}; }).find("'6301' is not a county"),
            std::string::npos);
  EXPECT_NE(refused([](auto& in) { in.units = {"630121", "640121"}; }).find("two provinces"),
            std::string::npos);
  EXPECT_NE(refused([](auto& in) { in.units = {"630121", "630121"}; }).find("given twice"),
            std::string::npos);
}

}  // namespace
}  // namespace xianjie::analytics
