// Risk elimination (DOMAIN.md §8; cases/elimination.h): each condition met and unmet at its
// edges, the proposed method, and each quality check over eliminated episodes firing and not.
// The fixture is a household that meets every condition; each test changes one fact.
#include "cases/elimination.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "cases/workflow_fixtures.h"

namespace xianjie::cases {
namespace {

using testing::Contains;
using testing::Day;

constexpr int64_t kLine = 790000;  // 7,900 yuan per person per year, in fen

Measure MakeMeasure(int64_t id, MeasureCategory category, MeasureStatus status, CivilDate start,
                    std::optional<CivilDate> end = std::nullopt) {
  Measure m;
  m.id = id;
  m.household_id = "H1";
  m.category = category;
  m.item = "护林员岗位";
  m.department = "林草局";
  m.start = start;
  m.end = end;
  m.status = status;
  m.risks = "R07";
  m.recorded_by = "cadre";
  m.recorded_at = "2026-03-20T02:00:00Z";
  return m;
}

RegistryObservation Version(CivilDate on, int64_t batch, int64_t per_capita_fen, int members = 3) {
  RegistryObservation o;
  o.on = on;
  o.batch_id = batch;
  o.per_capita_fen = per_capita_fen;
  o.counted_members = members;
  o.net_income_fen = per_capita_fen * members;
  o.labour_members = 2;
  return o;
}

ScreeningObservation ScreeningRun(int64_t id, CivilDate on, int64_t registry_batch,
                                  const std::string& rules = "") {
  ScreeningObservation r;
  r.run_id = id;
  r.on = on;
  r.registry_batch = registry_batch;
  r.flagged = !rules.empty();
  r.rules = rules;
  r.proposed_type = rules.empty() ? "" : "marginal";
  return r;
}

// Identified on 1 March 2026, assessed on 29 November 2026 (almost 9 months later): a public
// post in progress since March; income 9,000 then 9,500 per person (line 7,900); the last run
// saw the last version and flagged nothing.
EliminationInput Eligible() {
  EliminationInput in;
  in.episode.id = 7;
  in.episode.household_id = "H1";
  in.episode.identified_on = Day(2026, 3, 1);
  in.episode.type = "marginal";
  in.episode.risks = "R01;R07";
  in.measures = {
      MakeMeasure(1, MeasureCategory::kPublicPost, MeasureStatus::kInProgress, Day(2026, 3, 15))};
  in.registry = {Version(Day(2025, 12, 31), 1, 900000), Version(Day(2026, 8, 1), 2, 950000)};
  in.screening = {ScreeningRun(1, Day(2026, 1, 5), 1), ScreeningRun(2, Day(2026, 9, 1), 2)};
  in.line_fen = kLine;
  in.today = Day(2026, 11, 29);
  return in;
}

const Condition& Find(const EliminationCheck& check, std::string_view code) {
  auto it = std::find_if(check.conditions.begin(), check.conditions.end(),
                         [&](const Condition& c) { return c.code == code; });
  EXPECT_NE(it, check.conditions.end()) << code;
  static const Condition kMissing;
  return it == check.conditions.end() ? kMissing : *it;
}

// Whether exactly `code` is unmet (and the household therefore not eligible).
void ExpectOnlyUnmet(const EliminationInput& in, std::string_view code,
                     std::string_view why_part = "") {
  const EliminationCheck check = Assess(in);
  EXPECT_FALSE(check.eligible);
  for (const Condition& c : check.conditions) {
    EXPECT_EQ(c.met, c.code != code) << c.code << ": " << c.why;
  }
  if (!why_part.empty()) {
    EXPECT_TRUE(Contains(Find(check, code).why, why_part)) << Find(check, code).why;
  }
}

// ---- the whole assessment -----------------------------------------------------------------

TEST(EliminationAssessTest, AHouseholdMeetingEveryConditionIsEligibleByAssistance) {
  const EliminationCheck check = Assess(Eligible());
  EXPECT_TRUE(check.eligible);
  EXPECT_EQ(check.method, "by_assistance");
  std::vector<std::string> codes;
  for (const Condition& c : check.conditions) {
    codes.push_back(c.code);
    EXPECT_TRUE(c.met) << c.code << ": " << c.why;
    EXPECT_FALSE(c.why.empty()) << c.code;
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"monitored_long_enough", "measure_implemented",
                                             "income_stable_above_line", "rigid_spending_resolved",
                                             "guarantees_secured", "not_safety_net_dependent"}));
}

// ---- 1. monitored long enough ---------------------------------------------------------------

TEST(EliminationAssessTest, SixMonthsOfMonitoringAreMetOnTheDayAndNotTheDayBefore) {
  EliminationInput in = Eligible();
  in.episode.identified_on = Day(2026, 5, 29);  // six months before 29 November
  EXPECT_TRUE(Find(Assess(in), kMonitoredLongEnough).met);
  in.episode.identified_on = Day(2026, 5, 30);
  in.measures[0].start = Day(2026, 6, 1);
  ExpectOnlyUnmet(in, kMonitoredLongEnough, "not before 2026-11-30");
}

TEST(EliminationAssessTest, TheMinimumMonitoringIsTheProvincesLimit) {
  EliminationInput in = Eligible();
  in.episode.identified_on = Day(2026, 8, 29);
  in.measures[0].start = Day(2026, 9, 1);
  ExpectOnlyUnmet(in, kMonitoredLongEnough);
  in.limits.elimination_min_months = 3;
  EXPECT_TRUE(Assess(in).eligible);
}

// ---- 2. a measure implemented, and the method ----------------------------------------------

TEST(EliminationAssessTest, WithoutAnyMeasureTheConditionIsUnmetAndTheMethodNatural) {
  EliminationInput in = Eligible();
  in.measures.clear();
  ExpectOnlyUnmet(in, kMeasureImplemented, "no measure is done or in progress");
  EXPECT_EQ(Assess(in).method, "natural");
}

TEST(EliminationAssessTest, PlannedAndStoppedMeasuresAreNotImplemented) {
  EliminationInput in = Eligible();
  in.measures = {
      MakeMeasure(1, MeasureCategory::kIndustry, MeasureStatus::kPlanned, Day(2026, 4, 1)),
      MakeMeasure(2, MeasureCategory::kEmployment, MeasureStatus::kStopped, Day(2026, 4, 1))};
  ExpectOnlyUnmet(in, kMeasureImplemented, "1 planned, 1 stopped");
  EXPECT_EQ(Assess(in).method, "natural");
}

TEST(EliminationAssessTest, ADoneMeasureIsImplemented) {
  EliminationInput in = Eligible();
  in.measures = {MakeMeasure(1, MeasureCategory::kIndustry, MeasureStatus::kDone, Day(2026, 4, 1),
                             Day(2026, 6, 30))};
  const EliminationCheck check = Assess(in);
  EXPECT_TRUE(check.eligible);
  EXPECT_EQ(check.method, "by_assistance");
  EXPECT_TRUE(Contains(Find(check, kMeasureImplemented).why, "护林员岗位")) << "names the item";
}

TEST(EliminationAssessTest, AMeasureEndedBeforeTheIdentificationOrStartingLaterDoesNotCount) {
  EliminationInput in = Eligible();
  in.measures = {MakeMeasure(1, MeasureCategory::kIndustry, MeasureStatus::kDone, Day(2025, 1, 1),
                             Day(2026, 2, 28))};  // the episode before
  ExpectOnlyUnmet(in, kMeasureImplemented);
  in.measures = {MakeMeasure(1, MeasureCategory::kIndustry, MeasureStatus::kInProgress,
                             Day(2026, 12, 1))};  // after today
  ExpectOnlyUnmet(in, kMeasureImplemented);
  in.measures[0].end = Day(2026, 3, 1);  // ends on the identification day: counts
  in.measures[0].start = Day(2026, 2, 1);
  EXPECT_TRUE(Assess(in).eligible);
}

// ---- 3. income stable above the line --------------------------------------------------------

TEST(EliminationAssessTest, AVersionWithinTheWindowBelowTheLineBreaksStability) {
  EliminationInput in = Eligible();
  in.registry.push_back(Version(Day(2026, 7, 1), 3, kLine - 1));
  ExpectOnlyUnmet(in, kIncomeStableAboveLine, "7899.99 by the version of 2026-07-01");
}

TEST(EliminationAssessTest, TheVersionInForceAtTheWindowsStartCounts) {
  EliminationInput in = Eligible();
  // The window starts on 29 May; the version of 31 December is in force then.
  in.registry[0].per_capita_fen = 500000;
  ExpectOnlyUnmet(in, kIncomeStableAboveLine, "2025-12-31");
}

TEST(EliminationAssessTest, VersionsBeforeTheOneInForceAtTheWindowsStartDoNotCount) {
  EliminationInput in = Eligible();
  in.registry.push_back(Version(Day(2025, 6, 1), 0, 100000));  // long before, below the line
  EXPECT_TRUE(Assess(in).eligible);
}

TEST(EliminationAssessTest, IncomeExactlyAtTheLineIsNotBelowIt) {
  EliminationInput in = Eligible();
  in.registry[1].per_capita_fen = kLine;
  in.registry[1].net_income_fen = kLine * 3;
  EXPECT_TRUE(Assess(in).eligible);
}

TEST(EliminationAssessTest, WithoutAVersionAsOldAsTheWindowIncomeIsNotShownStable) {
  EliminationInput in = Eligible();
  in.registry = {Version(Day(2026, 6, 1), 2, 950000)};  // the window starts on 29 May
  ExpectOnlyUnmet(in, kIncomeStableAboveLine, "dated on or before 2026-05-29");
}

TEST(EliminationAssessTest, TheStabilityWindowIsTheProvincesLimit) {
  EliminationInput in = Eligible();
  in.registry = {Version(Day(2026, 6, 1), 2, 950000)};
  in.limits.stable_income_months = 5;  // window from 29 June
  EXPECT_TRUE(Assess(in).eligible);
}

TEST(EliminationAssessTest, ARunInTheWindowThatFoundIncomeBelowTheLineBreaksStability) {
  EliminationInput in = Eligible();
  in.screening.push_back(ScreeningRun(3, Day(2026, 6, 15), 1, "income_below_line;uninsured"));
  ExpectOnlyUnmet(in, kIncomeStableAboveLine,
                  "screening run 3 of 2026-06-15 fired income_below_line");
}

TEST(EliminationAssessTest, ARunBeforeTheWindowDoesNotCount) {
  EliminationInput in = Eligible();
  in.screening[0].rules = "income_below_line";  // 5 January, before 29 May
  in.screening[0].flagged = true;
  EXPECT_TRUE(Assess(in).eligible);
}

TEST(EliminationAssessTest, FactsDatedAfterTodayAreNotSeen) {
  EliminationInput in = Eligible();
  RegistryObservation future = Version(Day(2026, 12, 15), 9, 100000);
  future.housing_safe = false;
  future.labour_members = 0;
  in.registry.push_back(future);
  in.screening.push_back(ScreeningRun(9, Day(2026, 12, 16), 9, "income_below_line;housing_unsafe"));
  EXPECT_TRUE(Assess(in).eligible);
}

// ---- 4. rigid spending resolved ---------------------------------------------------------------

TEST(EliminationAssessTest, RigidSpendingThatPushesIncomeBelowTheLineIsNotResolved) {
  EliminationInput in = Eligible();
  // 9,500 × 3 = 28,500 yuan; the line × 3 = 23,700; spending of 4,801 leaves 23,699.
  in.registry[1].rigid_spending_fen = 480100;
  ExpectOnlyUnmet(in, kRigidSpendingResolved, "23699.00");
  in.registry[1].rigid_spending_fen = 480000;  // leaves exactly the line
  EXPECT_TRUE(Assess(in).eligible);
}

TEST(EliminationAssessTest, TheLatestRunThatSawTheLatestVersionSpeaksForRigidSpending) {
  EliminationInput in = Eligible();
  in.screening[1].rules = "medical_burden";
  in.screening[1].flagged = true;
  ExpectOnlyUnmet(in, kRigidSpendingResolved, "medical_burden");
}

TEST(EliminationAssessTest, ARunThatDidNotSeeTheLatestVersionIsStale) {
  EliminationInput in = Eligible();
  in.screening[1].rules = "rigid_hardship;water_unsafe";
  in.screening[1].flagged = true;
  in.screening[1].registry_batch = 1;  // before the version of batch 2
  EXPECT_TRUE(Assess(in).eligible);
}

TEST(EliminationAssessTest, WithoutAnyVersionTheRegistryConditionsAreUnmet) {
  EliminationInput in = Eligible();
  in.registry.clear();
  const EliminationCheck check = Assess(in);
  EXPECT_FALSE(check.eligible);
  EXPECT_TRUE(Find(check, kMonitoredLongEnough).met);
  EXPECT_TRUE(Find(check, kMeasureImplemented).met);
  for (std::string_view code : {kIncomeStableAboveLine, kRigidSpendingResolved, kGuaranteesSecured,
                                kNotSafetyNetDependent}) {
    EXPECT_FALSE(Find(check, code).met) << code;
    EXPECT_TRUE(Contains(Find(check, code).why, "no version")) << Find(check, code).why;
  }
}

// ---- 5. guarantees and water secured ---------------------------------------------------------

TEST(EliminationAssessTest, EachGuaranteeMissingIsNamed) {
  struct Gap {
    bool RegistryObservation::*flag;
    bool value;
    const char* named;
  };
  const Gap gaps[] = {
      {&RegistryObservation::housing_safe, false, "housing is not safe"},
      {&RegistryObservation::water_safe, false, "drinking water is not safe"},
      {&RegistryObservation::member_uninsured, true, "no basic medical insurance"},
      {&RegistryObservation::child_out_of_school, true, "not enrolled"},
  };
  for (const Gap& gap : gaps) {
    EliminationInput in = Eligible();
    in.registry[1].*gap.flag = gap.value;
    ExpectOnlyUnmet(in, kGuaranteesSecured, gap.named);
  }
}

TEST(EliminationAssessTest, OnlyTheLatestVersionDecidesTheGuarantees) {
  EliminationInput in = Eligible();
  in.registry[0].housing_safe = false;  // fixed since
  EXPECT_TRUE(Assess(in).eligible);
}

TEST(EliminationAssessTest, AGuaranteeRuleOfTheLatestRunIsNamed) {
  EliminationInput in = Eligible();
  in.screening[1].rules = "dropout";
  in.screening[1].flagged = true;
  ExpectOnlyUnmet(in, kGuaranteesSecured, "dropout");
}

// ---- 6. not dependent on the safety net --------------------------------------------------------

TEST(EliminationAssessTest, NoLabourAndARunningSafetyNetKeepTheHouseholdMonitored) {
  EliminationInput in = Eligible();
  in.registry[1].labour_members = 0;
  in.measures.push_back(
      MakeMeasure(2, MeasureCategory::kSafetyNet, MeasureStatus::kInProgress, Day(2026, 4, 1)));
  ExpectOnlyUnmet(in, kNotSafetyNetDependent, "stays monitored");
}

TEST(EliminationAssessTest, NoLabourWithoutASafetyNetRunningTodayIsNotDependence) {
  EliminationInput in = Eligible();
  in.registry[1].labour_members = 0;
  EXPECT_TRUE(Assess(in).eligible);
  in.measures.push_back(MakeMeasure(2, MeasureCategory::kSafetyNet, MeasureStatus::kDone,
                                    Day(2026, 4, 1), Day(2026, 10, 31)));  // ended
  EXPECT_TRUE(Assess(in).eligible);
  in.measures.push_back(MakeMeasure(3, MeasureCategory::kSafetyNet, MeasureStatus::kPlanned,
                                    Day(2026, 11, 1)));  // not given yet
  EXPECT_TRUE(Assess(in).eligible);
  in.measures.push_back(MakeMeasure(4, MeasureCategory::kSafetyNet, MeasureStatus::kDone,
                                    Day(2026, 4, 1), Day(2026, 11, 29)));  // ends today
  ExpectOnlyUnmet(in, kNotSafetyNetDependent);
}

TEST(EliminationAssessTest, ASafetyNetWithLabourInTheHouseholdIsNotDependence) {
  EliminationInput in = Eligible();
  in.measures.push_back(
      MakeMeasure(2, MeasureCategory::kSafetyNet, MeasureStatus::kInProgress, Day(2026, 4, 1)));
  EXPECT_TRUE(Assess(in).eligible);
}

// ---- months -----------------------------------------------------------------------------------

TEST(EliminationMonthsTest, AddMonthsClampsToTheMonthsLastDay) {
  EXPECT_EQ(AddMonths(Day(2026, 3, 31), 1), Day(2026, 4, 30));
  EXPECT_EQ(AddMonths(Day(2024, 1, 31), 1), Day(2024, 2, 29));
  EXPECT_EQ(AddMonths(Day(2026, 11, 29), -6), Day(2026, 5, 29));
  EXPECT_EQ(AddMonths(Day(2026, 11, 29), 2), Day(2027, 1, 29));
  EXPECT_EQ(AddMonths(Day(2026, 1, 15), -1), Day(2025, 12, 15));
  EXPECT_EQ(AddMonths(Day(2026, 5, 31), -3), Day(2026, 2, 28));
}

// ---- quality checks ---------------------------------------------------------------------------

// Episode 3 of H1: identified 1 March 2026, eliminated by assistance on 1 October with a
// measure and income above the line; nothing wrong with it.
EliminationHistory CleanHistory() {
  EliminationHistory h;
  h.household_id = "H1";
  Episode e;
  e.id = 3;
  e.household_id = "H1";
  e.identified_on = Day(2026, 3, 1);
  e.risks = "R01;R07";
  e.type = "marginal";
  e.eliminated_on = Day(2026, 10, 1);
  e.method = "by_assistance";
  h.episodes = {e};
  h.measures = {MakeMeasure(1, MeasureCategory::kPublicPost, MeasureStatus::kDone, Day(2026, 3, 15),
                            Day(2026, 9, 30))};
  h.registry = {Version(Day(2026, 8, 1), 2, 950000)};
  return h;
}

const std::map<int, int64_t> kLines = {{2026, kLine}};

CaseRecord RelapseCase(int64_t id, CivilDate opened, const std::string& risks,
                       bool relapse = true) {
  CaseRecord c;
  c.id = id;
  c.household_id = "H1";
  c.relapse = relapse;
  c.opened_on = opened;
  c.proposed_risks = risks;
  return c;
}

std::vector<std::string> Codes(const std::vector<QualityProblem>& problems) {
  std::vector<std::string> codes;
  for (const QualityProblem& p : problems) codes.push_back(p.code);
  return codes;
}

TEST(EliminationQualityTest, ACleanEliminationHasNoProblem) {
  EXPECT_TRUE(QualityProblems(CleanHistory(), kLines, WorkflowLimits{}).empty());
}

TEST(EliminationQualityTest, OpenEpisodesAreNotChecked) {
  EliminationHistory h = CleanHistory();
  h.episodes[0].eliminated_on.reset();
  h.episodes[0].method = "";
  h.measures.clear();
  h.registry = {Version(Day(2026, 8, 1), 2, 1)};
  EXPECT_TRUE(QualityProblems(h, kLines, WorkflowLimits{}).empty());
}

TEST(EliminationQualityTest, ByAssistanceWithoutAMeasureIsAProblem) {
  EliminationHistory h = CleanHistory();
  h.measures.clear();
  const std::vector<QualityProblem> problems = QualityProblems(h, kLines, WorkflowLimits{});
  ASSERT_EQ(Codes(problems), std::vector<std::string>{"eliminated_by_assistance_without_measure"});
  EXPECT_EQ(problems[0].episode_id, 3);
  EXPECT_EQ(problems[0].household_id, "H1");
  EXPECT_TRUE(Contains(problems[0].message, "2026-10-01")) << problems[0].message;
}

TEST(EliminationQualityTest, OnlyAMeasureThatRanDuringTheEpisodeCounts) {
  EliminationHistory h = CleanHistory();
  h.measures[0].status = MeasureStatus::kPlanned;
  EXPECT_EQ(Codes(QualityProblems(h, kLines, WorkflowLimits{})),
            std::vector<std::string>{"eliminated_by_assistance_without_measure"});
  h.measures[0].status = MeasureStatus::kDone;
  h.measures[0].start = Day(2025, 1, 1);
  h.measures[0].end = Day(2026, 2, 28);  // before the identification
  EXPECT_EQ(Codes(QualityProblems(h, kLines, WorkflowLimits{})),
            std::vector<std::string>{"eliminated_by_assistance_without_measure"});
  h.measures[0].start = Day(2026, 10, 2);  // after the elimination
  h.measures[0].end.reset();
  EXPECT_EQ(Codes(QualityProblems(h, kLines, WorkflowLimits{})),
            std::vector<std::string>{"eliminated_by_assistance_without_measure"});
  h.measures[0].start = Day(2026, 9, 1);
  h.measures[0].status = MeasureStatus::kStopped;  // ran, then stopped
  EXPECT_TRUE(QualityProblems(h, kLines, WorkflowLimits{}).empty());
}

TEST(EliminationQualityTest, NaturalEliminationNeedsNoMeasure) {
  EliminationHistory h = CleanHistory();
  h.measures.clear();
  h.episodes[0].method = "natural";
  EXPECT_TRUE(QualityProblems(h, kLines, WorkflowLimits{}).empty());
}

TEST(EliminationQualityTest, EliminationWithinTwoMonthsOfIdentificationIsTooEarly) {
  EliminationHistory h = CleanHistory();
  h.episodes[0].eliminated_on = Day(2026, 4, 30);  // one day short of two months
  const std::vector<QualityProblem> problems = QualityProblems(h, kLines, WorkflowLimits{});
  ASSERT_EQ(Codes(problems), std::vector<std::string>{"eliminated_too_early"});
  EXPECT_TRUE(Contains(problems[0].message, "60 days")) << problems[0].message;
  h.episodes[0].eliminated_on = Day(2026, 5, 1);  // exactly two months
  EXPECT_TRUE(QualityProblems(h, kLines, WorkflowLimits{}).empty());
  WorkflowLimits limits;
  limits.early_elimination_months = 3;
  EXPECT_EQ(Codes(QualityProblems(h, kLines, limits)),
            std::vector<std::string>{"eliminated_too_early"});
}

TEST(EliminationQualityTest, IncomeBelowTheLineOnTheEliminationDateIsAProblem) {
  EliminationHistory h = CleanHistory();
  h.registry.push_back(Version(Day(2026, 9, 15), 3, kLine - 100));
  const std::vector<QualityProblem> problems = QualityProblems(h, kLines, WorkflowLimits{});
  ASSERT_EQ(Codes(problems), std::vector<std::string>{"eliminated_below_line"});
  EXPECT_TRUE(Contains(problems[0].message, "7899.00")) << problems[0].message;
  EXPECT_TRUE(Contains(problems[0].message, "7900.00")) << problems[0].message;
}

TEST(EliminationQualityTest, TheLineIsThatOfTheEliminationYear) {
  EliminationHistory h = CleanHistory();
  // 9,500 per person: above 2026's line, below a line of 10,000.
  EXPECT_EQ(Codes(QualityProblems(h, {{2026, 1000000}}, WorkflowLimits{})),
            std::vector<std::string>{"eliminated_below_line"});
  EXPECT_TRUE(QualityProblems(h, {{2025, 1000000}, {2026, kLine}}, WorkflowLimits{}).empty());
  EXPECT_TRUE(QualityProblems(h, {{2025, 1000000}}, WorkflowLimits{}).empty())
      << "a year without a line is not judged";
}

TEST(EliminationQualityTest, IncomeAfterTheEliminationDoesNotCountAgainstIt) {
  EliminationHistory h = CleanHistory();
  h.registry.push_back(Version(Day(2026, 10, 2), 3, 100000));
  EXPECT_TRUE(QualityProblems(h, kLines, WorkflowLimits{}).empty());
  h.registry = {Version(Day(2026, 10, 2), 3, 100000)};  // nothing known by then
  EXPECT_TRUE(QualityProblems(h, kLines, WorkflowLimits{}).empty());
}

TEST(EliminationQualityTest, ARelapseWithTheSameRiskIsAProblem) {
  EliminationHistory h = CleanHistory();
  h.cases = {RelapseCase(40, Day(2026, 11, 20), "R01;R09")};
  const std::vector<QualityProblem> problems = QualityProblems(h, kLines, WorkflowLimits{});
  ASSERT_EQ(Codes(problems), std::vector<std::string>{"relapse_same_risk"});
  EXPECT_TRUE(Contains(problems[0].message, "case 40")) << problems[0].message;
  EXPECT_TRUE(Contains(problems[0].message, "R01")) << problems[0].message;
  EXPECT_FALSE(Contains(problems[0].message, "R09")) << "R09 is new, not the same risk";
}

TEST(EliminationQualityTest, TheDecidedRisksOfARelapseCountToo) {
  EliminationHistory h = CleanHistory();
  CaseRecord c = RelapseCase(40, Day(2026, 11, 20), "R99");
  c.decided_risks = "R07";
  h.cases = {c};
  EXPECT_EQ(Codes(QualityProblems(h, kLines, WorkflowLimits{})),
            std::vector<std::string>{"relapse_same_risk"});
}

TEST(EliminationQualityTest, ANewRiskOrANonRelapseOrAnEarlierCaseIsNoRelapseProblem) {
  EliminationHistory h = CleanHistory();
  h.cases = {RelapseCase(40, Day(2026, 11, 20), "R09;R11"),     // a new risk type
             RelapseCase(41, Day(2026, 11, 21), "R01", false),  // not a relapse
             RelapseCase(12, Day(2026, 2, 1), "R01;R07")};      // before the elimination
  EXPECT_TRUE(QualityProblems(h, kLines, WorkflowLimits{}).empty());
}

TEST(EliminationQualityTest, ARelapseBelongsToTheLastEliminationBeforeIt) {
  EliminationHistory h = CleanHistory();
  Episode second;
  second.id = 5;
  second.household_id = "H1";
  second.identified_on = Day(2026, 10, 20);
  second.risks = "R03";
  second.eliminated_on = Day(2027, 6, 1);
  second.method = "natural";
  h.episodes.push_back(second);
  h.registry.push_back(Version(Day(2027, 5, 1), 4, 950000));
  // After the second elimination, a relapse with R01 (the first episode's) and R03 (the
  // second's): only the second episode is in question.
  h.cases = {RelapseCase(60, Day(2027, 7, 1), "R01;R03")};
  const std::vector<QualityProblem> problems =
      QualityProblems(h, {{2026, kLine}, {2027, kLine}}, WorkflowLimits{});
  ASSERT_EQ(Codes(problems), std::vector<std::string>{"relapse_same_risk"});
  EXPECT_EQ(problems[0].episode_id, 5);
}

TEST(EliminationQualityTest, ProblemsComeByEpisodeThenInTheOrderOfTheChecks) {
  EliminationHistory h = CleanHistory();
  h.measures.clear();
  h.episodes[0].eliminated_on = Day(2026, 4, 1);
  h.registry = {Version(Day(2026, 3, 20), 2, 100000)};
  h.cases = {RelapseCase(40, Day(2026, 5, 1), "R07")};
  Episode earlier = h.episodes[0];
  earlier.id = 1;
  earlier.identified_on = Day(2025, 1, 1);
  earlier.eliminated_on = Day(2025, 1, 20);
  earlier.method = "natural";
  h.episodes.insert(h.episodes.begin() + 0, earlier);
  std::reverse(h.episodes.begin(), h.episodes.end());  // given out of order
  const std::vector<QualityProblem> problems =
      QualityProblems(h, {{2025, 1}, {2026, kLine}}, WorkflowLimits{});
  std::vector<std::pair<int64_t, std::string>> got;
  for (const QualityProblem& p : problems) got.emplace_back(p.episode_id, p.code);
  EXPECT_EQ(got, (std::vector<std::pair<int64_t, std::string>>{
                     {1, "eliminated_too_early"},
                     {3, "eliminated_by_assistance_without_measure"},
                     {3, "eliminated_too_early"},
                     {3, "eliminated_below_line"},
                     {3, "relapse_same_risk"}}));
}

}  // namespace
}  // namespace xianjie::cases
