// The coordination checks C01–C11 (assist/coordination.h): each check on both sides of each of
// its boundaries, the shipped file against DOMAIN.md §7.2, and every refusal of the parser with
// the place and what to do.
#include "assist/coordination.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace xianjie::assist {
namespace {

using cases::Measure;
using cases::MeasureCategory;
using cases::MeasureStatus;
using registry::Labor;

CivilDate Day(int y, int m, int d) { return CivilDate::FromYmd(y, m, d); }

constexpr char kHead[] = "632122198001010011";   // ordinary labour
constexpr char kWife[] = "632122198203040022";   // none
constexpr char kChild[] = "632122201005060033";  // none

registry::Member Person(const std::string& id, const std::string& name, Labor labor) {
  registry::Member m;
  m.id_number = id;
  m.name = name;
  m.labor = labor;
  return m;
}

// A household of three counted, insured members: the head with ordinary labour, his wife and
// child without; episode 7 approved on 2026-01-10 with no risk; today 2026-01-20; no measure.
CoordinationInput Base() {
  CoordinationInput in;
  in.household.household.household_id = "632122101201-0007";
  in.household.members = {Person(kHead, "王建国", Labor::kOrdinary),
                          Person(kWife, "李桂兰", Labor::kNone),
                          Person(kChild, "王小明", Labor::kNone)};
  in.episode.id = 7;
  in.episode.household_id = in.household.household.household_id;
  in.episode.identified_on = Day(2026, 1, 10);
  in.episode.type = "marginal";
  in.today = Day(2026, 1, 20);
  return in;
}

// A household without labour capacity (every counted member `lost` or `none`).
CoordinationInput NoLabour() {
  CoordinationInput in = Base();
  in.household.members[0].labor = Labor::kLost;
  return in;
}

Measure M(int64_t id, MeasureCategory category, const std::string& member = "",
          MeasureStatus status = MeasureStatus::kPlanned, const std::string& item = "") {
  Measure m;
  m.id = id;
  m.household_id = "632122101201-0007";
  m.member_id_number = member;
  m.category = category;
  m.item = item.empty() ? "item " + std::to_string(id) : item;
  m.start = Day(2026, 1, 15);
  m.status = status;
  return m;
}

// The problems of one check under the shipped file.
std::vector<CoordinationProblem> Of(const CoordinationInput& in, std::string_view check,
                                    const Coordination& c = BuiltinCoordination()) {
  std::vector<CoordinationProblem> out;
  for (CoordinationProblem& p : CheckCoordination(in, c)) {
    if (p.check == check) out.push_back(std::move(p));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The shipped file.

TEST(CoordinationFileTest, TheShippedFileHasTheChecksOfDomainTable) {
  const Coordination& c = BuiltinCoordination();
  EXPECT_EQ(c.origin, "config/coordination.toml");
  ASSERT_EQ(c.checks.size(), kCoordinationCheckIds.size());
  using C = MeasureCategory;
  // DOMAIN.md §7.2, the categories that satisfy each check.
  const std::vector<std::set<C>> expected = {
      {C::kIndustry, C::kEmployment},                             // C01
      {C::kHealth, C::kSocial, C::kSafetyNet},                    // C02
      {C::kCompulsoryEducation, C::kOtherEducation, C::kSocial},  // C03
      {C::kSocial, C::kSafetyNet},                                // C04
      {C::kHousing},                                              // C05
      {C::kCompulsoryEducation},                                  // C06
      {C::kWater},                                                // C07
      {C::kHealth, C::kSocial},                                   // C08
      {},                                                         // C09
      {},                                                         // C10
      {C::kSafetyNet},                                            // C11
  };
  for (size_t i = 0; i < c.checks.size(); ++i) {
    const CoordinationCheck& check = c.checks[i];
    EXPECT_EQ(check.id, kCoordinationCheckIds[i]);
    EXPECT_TRUE(check.enabled) << check.id;
    EXPECT_FALSE(check.title_zh.empty() || check.title_en.empty() || check.action_zh.empty() ||
                 check.action_en.empty())
        << check.id;
    EXPECT_EQ(std::set<C>(check.categories.begin(), check.categories.end()), expected[i])
        << check.id;
    EXPECT_EQ(check.categories.size(), expected[i].size()) << check.id;
  }
  EXPECT_EQ(c.Find("C01")->only_categories, std::vector<C>{C::kSafetyNet});
  EXPECT_EQ(c.Find("C09")->months, 1);
  EXPECT_EQ(c.Find("C12"), nullptr);
  EXPECT_EQ(c.counted_statuses,
            (std::vector<MeasureStatus>{MeasureStatus::kPlanned, MeasureStatus::kInProgress,
                                        MeasureStatus::kDone}));
  EXPECT_EQ(c.labour_capacity,
            (std::vector<Labor>{Labor::kSkilled, Labor::kOrdinary, Labor::kWeak}));
}

TEST(CoordinationFileTest, CountedStatusesAndLabourCapacity) {
  const Coordination& c = BuiltinCoordination();
  for (MeasureStatus s : cases::kAllMeasureStatuses) {
    EXPECT_EQ(c.Counts(M(1, MeasureCategory::kHealth, "", s)), s != MeasureStatus::kStopped)
        << cases::MeasureStatusCode(s);
  }
  registry::Member m = Person(kHead, "王建国", Labor::kWeak);
  EXPECT_TRUE(c.HasLabourCapacity(m));
  m.labor = Labor::kLost;
  EXPECT_FALSE(c.HasLabourCapacity(m));
  m.labor = Labor::kNone;
  EXPECT_FALSE(c.HasLabourCapacity(m));
  m.labor = Labor::kSkilled;
  m.shares_household = false;  // listed, not counted
  EXPECT_FALSE(c.HasLabourCapacity(m));
}

// ---------------------------------------------------------------------------------------------
// C01

TEST(CoordinationC01Test, LabourCapacityWithOnlySafetyNetNeedsIndustryOrEmployment) {
  CoordinationInput in = Base();
  in.measures = {M(3, MeasureCategory::kSafetyNet), M(4, MeasureCategory::kSafetyNet, kWife)};
  std::vector<CoordinationProblem> p = Of(in, "C01");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].evidence, "episode:7");
  EXPECT_EQ(p[0].member_id_number, "");
  EXPECT_TRUE(p[0].measure_ids.empty());
  EXPECT_NE(p[0].detail.find("只有综合保障"), std::string::npos) << p[0].detail;
  EXPECT_NE(p[0].detail.find("产业帮扶或就业帮扶"), std::string::npos) << p[0].detail;

  in.measures.push_back(M(5, MeasureCategory::kEmployment, kHead));
  EXPECT_TRUE(Of(in, "C01").empty());
  in.measures.back().category = MeasureCategory::kIndustry;
  EXPECT_TRUE(Of(in, "C01").empty());
  in.measures.back().status = MeasureStatus::kStopped;  // a stopped one does not count
  EXPECT_EQ(Of(in, "C01").size(), 1u);
  in.measures.back().status = MeasureStatus::kDone;
  EXPECT_TRUE(Of(in, "C01").empty());
}

TEST(CoordinationC01Test, AnyOtherCategoryBesideTheSafetyNetIsNotOnlySafetyNet) {
  CoordinationInput in = Base();
  in.measures = {M(3, MeasureCategory::kSafetyNet), M(4, MeasureCategory::kHealth)};
  EXPECT_TRUE(Of(in, "C01").empty());
}

TEST(CoordinationC01Test, NoCountedMeasureIsC09sNotC01s) {
  CoordinationInput in = Base();
  EXPECT_TRUE(Of(in, "C01").empty());
  in.measures = {M(3, MeasureCategory::kSafetyNet, "", MeasureStatus::kStopped)};
  EXPECT_TRUE(Of(in, "C01").empty());
}

TEST(CoordinationC01Test, WeakLabourCountsLostDoesNotNorAMemberNotLivingThere) {
  CoordinationInput in = Base();
  in.measures = {M(3, MeasureCategory::kSafetyNet)};
  in.household.members[0].labor = Labor::kWeak;
  EXPECT_EQ(Of(in, "C01").size(), 1u);
  in.household.members[0].labor = Labor::kLost;
  EXPECT_TRUE(Of(in, "C01").empty());
  in.household.members[0].labor = Labor::kSkilled;
  in.household.members[0].shares_household = false;
  EXPECT_TRUE(Of(in, "C01").empty());
}

// ---------------------------------------------------------------------------------------------
// C02–C07

struct RiskCase {
  std::string_view check;
  std::string_view risk;
  std::set<MeasureCategory> satisfying;  // DOMAIN.md §7.2
};

std::vector<RiskCase> RiskCases() {
  using C = MeasureCategory;
  return {{"C02", "R01", {C::kHealth, C::kSocial, C::kSafetyNet}},
          {"C03", "R02", {C::kCompulsoryEducation, C::kOtherEducation, C::kSocial}},
          {"C04", "R03", {C::kSocial, C::kSafetyNet}},
          {"C05", "R09", {C::kHousing}},
          {"C06", "R10", {C::kCompulsoryEducation}},
          {"C07", "R11", {C::kWater}}};
}

TEST(CoordinationRiskTest, WithoutTheRiskNothingIsAsked) {
  CoordinationInput in = Base();
  in.episode.risks = "R04;R05;R06;R07;R08";
  for (const RiskCase& rc : RiskCases()) EXPECT_TRUE(Of(in, rc.check).empty()) << rc.check;
}

TEST(CoordinationRiskTest, TheRiskWithoutAMeasureIsAProblem) {
  for (const RiskCase& rc : RiskCases()) {
    CoordinationInput in = Base();
    in.episode.risks = "R04;" + std::string(rc.risk);
    in.measures = {M(3, MeasureCategory::kIndustry, kHead)};
    std::vector<CoordinationProblem> p = Of(in, rc.check);
    ASSERT_EQ(p.size(), 1u) << rc.check;
    EXPECT_EQ(p[0].evidence, "episode:7:risk:" + std::string(rc.risk));
    EXPECT_EQ(p[0].member_id_number, "");
    EXPECT_NE(p[0].detail.find("（" + std::string(rc.risk) + "）"), std::string::npos)
        << p[0].detail;
  }
}

TEST(CoordinationRiskTest, ExactlyTheCategoriesOfTheTableSatisfyEachCheck) {
  for (const RiskCase& rc : RiskCases()) {
    for (MeasureCategory category : cases::kAllMeasureCategories) {
      CoordinationInput in = Base();
      in.episode.risks = std::string(rc.risk);
      in.measures = {M(3, category, kChild)};  // for one member: answers the risk as well
      EXPECT_EQ(Of(in, rc.check).empty(), rc.satisfying.contains(category))
          << rc.check << " " << cases::MeasureCategoryCode(category);
    }
  }
}

TEST(CoordinationRiskTest, AStoppedMeasureDoesNotAnswerTheRisk) {
  for (const RiskCase& rc : RiskCases()) {
    CoordinationInput in = Base();
    in.episode.risks = std::string(rc.risk);
    in.measures = {M(3, *rc.satisfying.begin(), "", MeasureStatus::kStopped)};
    EXPECT_EQ(Of(in, rc.check).size(), 1u) << rc.check;
    in.measures[0].status = MeasureStatus::kInProgress;
    EXPECT_TRUE(Of(in, rc.check).empty()) << rc.check;
  }
}

// ---------------------------------------------------------------------------------------------
// C08

TEST(CoordinationC08Test, EachUninsuredMemberNeedsAMeasureForThemOrTheHousehold) {
  CoordinationInput in = Base();
  in.episode.risks = "R12";
  in.household.members[1].med_insured = false;
  in.household.members[2].med_insured = false;
  std::vector<CoordinationProblem> p = Of(in, "C08");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].member_id_number, kWife);
  EXPECT_EQ(p[0].evidence, "episode:7:member:" + std::string(kWife));
  EXPECT_NE(p[0].detail.find("李桂兰"), std::string::npos) << p[0].detail;
  EXPECT_NE(p[0].detail.find("健康帮扶或社会帮扶"), std::string::npos) << p[0].detail;
  EXPECT_EQ(p[1].member_id_number, kChild);

  in.measures = {M(3, MeasureCategory::kHealth, kWife)};  // answers the wife only
  p = Of(in, "C08");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].member_id_number, kChild);

  in.measures = {M(3, MeasureCategory::kSocial, kHead)};  // someone else's: answers no one
  EXPECT_EQ(Of(in, "C08").size(), 2u);

  in.measures = {M(3, MeasureCategory::kSocial)};  // the whole household's: answers both
  EXPECT_TRUE(Of(in, "C08").empty());

  in.measures = {M(3, MeasureCategory::kSafetyNet)};  // not a category of C08
  EXPECT_EQ(Of(in, "C08").size(), 2u);

  in.measures = {M(3, MeasureCategory::kHealth, "", MeasureStatus::kStopped)};
  EXPECT_EQ(Of(in, "C08").size(), 2u);
}

TEST(CoordinationC08Test, WithoutR12NothingIsAsked) {
  CoordinationInput in = Base();
  in.episode.risks = "R01";
  in.household.members[1].med_insured = false;
  EXPECT_TRUE(Of(in, "C08").empty());
}

TEST(CoordinationC08Test, AnUninsuredMemberNotLivingThereIsNotAsked) {
  CoordinationInput in = Base();
  in.episode.risks = "R12";
  in.household.members[1].med_insured = false;
  in.household.members[1].shares_household = false;
  in.household.members[2].med_insured = false;
  std::vector<CoordinationProblem> p = Of(in, "C08");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].member_id_number, kChild);
}

TEST(CoordinationC08Test, R12WithNoUninsuredMemberNeedsOneMeasureForTheHousehold) {
  CoordinationInput in = Base();
  in.episode.risks = "R01;R12";
  std::vector<CoordinationProblem> p = Of(in, "C08");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].member_id_number, "");
  EXPECT_EQ(p[0].evidence, "episode:7:risk:R12");
  EXPECT_NE(p[0].detail.find("核实"), std::string::npos) << p[0].detail;

  in.measures = {M(3, MeasureCategory::kHealth, kChild)};  // anyone's answers it
  EXPECT_TRUE(Of(in, "C08").empty());
  in.measures = {M(3, MeasureCategory::kWater)};
  EXPECT_EQ(Of(in, "C08").size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// C09

TEST(CoordinationC09Test, LateTheDayAfterOneMonth) {
  CoordinationInput in = Base();  // approved 2026-01-10
  in.today = Day(2026, 2, 10);
  EXPECT_TRUE(Of(in, "C09").empty());
  in.today = Day(2026, 2, 11);
  std::vector<CoordinationProblem> p = Of(in, "C09");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].evidence, "episode:7");
  EXPECT_NE(p[0].detail.find("2026-01-10"), std::string::npos) << p[0].detail;
  EXPECT_NE(p[0].detail.find("2026-02-10"), std::string::npos) << p[0].detail;
}

TEST(CoordinationC09Test, TheMonthEndIsClamped) {
  CoordinationInput in = Base();
  in.episode.identified_on = Day(2025, 1, 31);  // + 1 month = 2025-02-28
  in.today = Day(2025, 2, 28);
  EXPECT_TRUE(Of(in, "C09").empty());
  in.today = Day(2025, 3, 1);
  EXPECT_EQ(Of(in, "C09").size(), 1u);

  in.episode.identified_on = Day(2024, 1, 31);  // a leap year: 2024-02-29
  in.today = Day(2024, 2, 29);
  EXPECT_TRUE(Of(in, "C09").empty());
  in.today = Day(2024, 3, 1);
  EXPECT_EQ(Of(in, "C09").size(), 1u);
}

TEST(CoordinationC09Test, AnyCountedMeasureIsEnoughAStoppedOneIsNot) {
  CoordinationInput in = Base();
  in.today = Day(2026, 6, 1);
  in.measures = {M(3, MeasureCategory::kInfrastructure, "", MeasureStatus::kStopped)};
  EXPECT_EQ(Of(in, "C09").size(), 1u);
  in.measures[0].status = MeasureStatus::kPlanned;
  EXPECT_TRUE(Of(in, "C09").empty());
}

TEST(CoordinationC09Test, TheMonthsAreAParameter) {
  Coordination c = BuiltinCoordination();
  const_cast<CoordinationCheck*>(c.Find("C09"))->months = 3;
  CoordinationInput in = Base();
  in.today = Day(2026, 4, 10);
  EXPECT_TRUE(Of(in, "C09", c).empty());
  in.today = Day(2026, 4, 11);
  EXPECT_EQ(Of(in, "C09", c).size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// C10

// Two measures of the same item for the head: the first 2026-03-01..2026-03-31.
CoordinationInput TwoOfTheSameItem(CivilDate second_start, std::optional<CivilDate> second_end) {
  CoordinationInput in = Base();
  Measure a = M(5, MeasureCategory::kPublicPost, kHead, MeasureStatus::kInProgress, "护林员岗位");
  a.start = Day(2026, 3, 1);
  a.end = Day(2026, 3, 31);
  Measure b = M(3, MeasureCategory::kPublicPost, kHead, MeasureStatus::kPlanned, "护林员岗位");
  b.start = second_start;
  b.end = second_end;
  in.measures = {a, b};
  return in;
}

TEST(CoordinationC10Test, OverlappingByOneDayIsAProblemAdjacentIsNot) {
  CoordinationInput in = TwoOfTheSameItem(Day(2026, 3, 31), Day(2026, 4, 30));
  std::vector<CoordinationProblem> p = Of(in, "C10");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].evidence, "measures:3,5");
  EXPECT_EQ(p[0].measure_ids, (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(p[0].member_id_number, kHead);
  EXPECT_NE(p[0].detail.find("护林员岗位"), std::string::npos) << p[0].detail;
  EXPECT_NE(p[0].detail.find("王建国"), std::string::npos) << p[0].detail;

  in = TwoOfTheSameItem(Day(2026, 4, 1), Day(2026, 4, 30));
  EXPECT_TRUE(Of(in, "C10").empty());
  in = TwoOfTheSameItem(Day(2026, 2, 1), Day(2026, 2, 28));  // before, adjacent
  EXPECT_TRUE(Of(in, "C10").empty());
  in = TwoOfTheSameItem(Day(2026, 2, 1), Day(2026, 3, 1));  // before, one day
  EXPECT_EQ(Of(in, "C10").size(), 1u);
}

TEST(CoordinationC10Test, AMissingEndIsOpenEnded) {
  CoordinationInput in = TwoOfTheSameItem(Day(2027, 1, 1), std::nullopt);
  EXPECT_TRUE(Of(in, "C10").empty());  // starts after the first ends
  in.measures[0].end.reset();          // now the first never ends
  EXPECT_EQ(Of(in, "C10").size(), 1u);
  in = TwoOfTheSameItem(Day(2026, 1, 1), std::nullopt);  // open-ended, starting before
  EXPECT_EQ(Of(in, "C10").size(), 1u);
}

TEST(CoordinationC10Test, OnlyTheSameItemForTheSamePersonBothCounted) {
  CoordinationInput in = TwoOfTheSameItem(Day(2026, 3, 15), Day(2026, 4, 30));
  ASSERT_EQ(Of(in, "C10").size(), 1u);
  in.measures[1].member_id_number = "";  // the household's, not the head's
  EXPECT_TRUE(Of(in, "C10").empty());
  in.measures[0].member_id_number = "";  // both the household's
  std::vector<CoordinationProblem> p = Of(in, "C10");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].member_id_number, "");
  EXPECT_NE(p[0].detail.find("全户"), std::string::npos) << p[0].detail;
  in.measures[1].item = "保洁岗位";
  EXPECT_TRUE(Of(in, "C10").empty());
  in.measures[1].item = "护林员岗位";
  in.measures[1].status = MeasureStatus::kStopped;
  EXPECT_TRUE(Of(in, "C10").empty());
}

TEST(CoordinationC10Test, TheItemCodeTakesPrecedenceWhenBothHaveOne) {
  CoordinationInput in = TwoOfTheSameItem(Day(2026, 3, 15), Day(2026, 4, 30));
  in.measures[0].item_code = "ecological_ranger";
  in.measures[1].item_code = "ecological_ranger";
  in.measures[1].item = "生态管护员";  // named otherwise, the same catalogue item
  EXPECT_EQ(Of(in, "C10").size(), 1u);
  in.measures[1].item = "护林员岗位";
  in.measures[1].item_code = "village_public_post";  // named alike, another catalogue item
  EXPECT_TRUE(Of(in, "C10").empty());
  in.measures[1].item_code = "";  // recorded before the catalogue: by the item as written
  EXPECT_EQ(Of(in, "C10").size(), 1u);
  in.measures[1].item = "生态管护员";
  EXPECT_TRUE(Of(in, "C10").empty());
}

TEST(CoordinationC10Test, OneProblemPerPair) {
  CoordinationInput in = TwoOfTheSameItem(Day(2026, 3, 15), Day(2026, 4, 30));
  Measure c = in.measures[0];
  c.id = 4;
  in.measures.push_back(c);
  std::vector<CoordinationProblem> p = Of(in, "C10");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].evidence, "measures:3,4");
  EXPECT_EQ(p[1].evidence, "measures:3,5");
  EXPECT_EQ(p[2].evidence, "measures:4,5");
}

// ---------------------------------------------------------------------------------------------
// C11

TEST(CoordinationC11Test, NoLabourCapacityNeedsTheSafetyNet) {
  CoordinationInput in = NoLabour();
  in.measures = {M(3, MeasureCategory::kHealth)};
  std::vector<CoordinationProblem> p = Of(in, "C11");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].evidence, "episode:7");
  EXPECT_NE(p[0].detail.find("综合保障"), std::string::npos) << p[0].detail;

  in.measures.push_back(M(4, MeasureCategory::kSafetyNet, kWife));  // anyone's
  EXPECT_TRUE(Of(in, "C11").empty());
  in.measures.back().status = MeasureStatus::kStopped;
  EXPECT_EQ(Of(in, "C11").size(), 1u);
}

TEST(CoordinationC11Test, WeakLabourIsCapacityLostIsNot) {
  CoordinationInput in = NoLabour();
  EXPECT_EQ(Of(in, "C11").size(), 1u);
  in.household.members[2].labor = Labor::kWeak;
  EXPECT_TRUE(Of(in, "C11").empty());
}

TEST(CoordinationC11Test, ACapableMemberNotLivingThereGivesNoCapacity) {
  CoordinationInput in = Base();
  EXPECT_TRUE(Of(in, "C11").empty());
  in.household.members[0].shares_household = false;
  EXPECT_EQ(Of(in, "C11").size(), 1u);
}

TEST(CoordinationC11Test, AHouseholdWithNoCountedMemberIsNotJudged) {
  CoordinationInput in = NoLabour();
  for (registry::Member& m : in.household.members) m.shares_household = false;
  EXPECT_TRUE(Of(in, "C11").empty());
}

// ---------------------------------------------------------------------------------------------
// All checks together

// Two households that fail every check between them (C01 needs labour capacity, C11 its
// absence): turning one check off removes its problems and only its.
TEST(CoordinationTest, ADisabledCheckNeverReports) {
  CoordinationInput capable = Base();
  capable.episode.risks = "R01;R02;R03;R09;R10";
  capable.household.members[1].med_insured = false;
  capable.measures = TwoOfTheSameItem(Day(2026, 3, 15), std::nullopt).measures;
  for (Measure& m : capable.measures) m.category = MeasureCategory::kSafetyNet;
  CoordinationInput incapable = NoLabour();
  incapable.episode.risks = "R01;R03;R11;R12";
  incapable.today = Day(2026, 3, 1);

  std::set<std::string> all;
  for (const CoordinationInput* in : {&capable, &incapable}) {
    for (const CoordinationProblem& p : CheckCoordination(*in, BuiltinCoordination())) {
      all.insert(p.check);
    }
  }
  ASSERT_EQ(all.size(), kCoordinationCheckIds.size());
  for (std::string_view id : kCoordinationCheckIds) {
    Coordination c = BuiltinCoordination();
    const_cast<CoordinationCheck*>(c.Find(id))->enabled = false;
    std::set<std::string> seen;
    for (const CoordinationInput* in : {&capable, &incapable}) {
      for (const CoordinationProblem& p : CheckCoordination(*in, c)) seen.insert(p.check);
    }
    EXPECT_FALSE(seen.contains(std::string(id))) << id;
    EXPECT_EQ(seen.size(), kCoordinationCheckIds.size() - 1) << id;
  }
}

TEST(CoordinationTest, ProblemsComeInTheOrderOfTheChecksAndAgainAlike) {
  CoordinationInput in = NoLabour();
  in.episode.risks = "R09;R01";
  in.today = Day(2026, 3, 1);
  const std::vector<CoordinationProblem> p = CheckCoordination(in, BuiltinCoordination());
  std::vector<std::string> checks;
  for (const CoordinationProblem& x : p) checks.push_back(x.check);
  EXPECT_EQ(checks, (std::vector<std::string>{"C02", "C05", "C09", "C11"}));
  EXPECT_EQ(CheckCoordination(in, BuiltinCoordination()), p);
}

TEST(CoordinationTest, NothingToAskOfAWellCoveredHousehold) {
  CoordinationInput in = Base();
  in.episode.risks = "R01;R09";
  in.today = Day(2026, 6, 1);
  in.measures = {M(3, MeasureCategory::kHealth, kWife), M(4, MeasureCategory::kHousing),
                 M(5, MeasureCategory::kEmployment, kHead, MeasureStatus::kDone)};
  EXPECT_TRUE(CheckCoordination(in, BuiltinCoordination()).empty());
}

// ---------------------------------------------------------------------------------------------
// Refusals of the parser

// A valid file in parts, each check's table separately, to be edited by a test.
struct File {
  std::string top =
      "counted_statuses = [\"planned\", \"in_progress\", \"done\"]\n"
      "labour_capacity = [\"skilled\", \"ordinary\", \"weak\"]\n";
  std::vector<std::string> checks;

  File() {
    for (std::string_view id : kCoordinationCheckIds) {
      std::string t =
          "\n[[check]]\nid = \"" + std::string(id) +
          "\"\ntitle_zh = \"题\"\ntitle_en = \"T\"\naction_zh = \"做\"\naction_en = \"Do\"\n";
      if (id == "C01") {
        t += "categories = [\"industry\"]\nonly_categories = [\"safety_net\"]\n";
      } else if (id == "C09") {
        t += "months = 1\n";
      } else if (id != "C10") {
        t += "categories = [\"health\"]\n";
      }
      checks.push_back(std::move(t));
    }
  }
  // The table of check `i` with `from` replaced by `to`.
  File& Replace(size_t i, const std::string& from, const std::string& to) {
    const size_t at = checks[i].find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) checks[i].replace(at, from.size(), to);
    return *this;
  }
  std::string Text() const {
    std::string text = top;
    for (const std::string& c : checks) text += c;
    return text;
  }
};

std::string Error(const File& file) {
  auto parsed = ParseCoordination(file.Text(), "c.toml");
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.status().message();
}

#define EXPECT_HAS(text, part) \
  EXPECT_NE((text).find(part), std::string::npos) << "expected: " << (part) << "\nin: " << (text)

TEST(CoordinationParseTest, AMinimalFileParses) {
  auto parsed = ParseCoordination(File().Text(), "c.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->origin, "c.toml");
  EXPECT_EQ(parsed->checks.size(), 11u);
  EXPECT_TRUE(parsed->Find("C10")->enabled);  // absent: enabled
  EXPECT_TRUE(parsed->Find("C10")->categories.empty());

  File f;
  f.Replace(4, "title_en", "enabled = false\ntitle_en");
  auto disabled = ParseCoordination(f.Text(), "c.toml");
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_FALSE(disabled->Find("C05")->enabled);
}

TEST(CoordinationParseTest, TomlSyntaxAndARepeatedKey) {
  File f;
  f.top += "[[check]\n";
  std::string e = Error(f);
  EXPECT_HAS(e, "c.toml:3:");
  EXPECT_HAS(e, "TOML syntax");
  EXPECT_HAS(e, "config/coordination.toml is a complete file");

  e = Error(File().Replace(2, "title_en = \"T\"\n", "title_en = \"T\"\ntitle_en = \"U\"\n"));
  EXPECT_HAS(e, "TOML syntax");
  EXPECT_HAS(e, "write each key once");
}

TEST(CoordinationParseTest, UnknownKeys) {
  File f;
  f.top += "countd = 1\n";
  std::string e = Error(f);
  EXPECT_HAS(e, "c.toml:3:1: countd: unknown key");
  EXPECT_HAS(e, "the keys here are counted_statuses, labour_capacity, check");

  e = Error(File().Replace(0, "title_zh", "enabeld = true\ntitle_zh"));
  EXPECT_HAS(e, "check[0].enabeld: unknown key; did you mean 'enabled'?");

  // A parameter of another check: each check allows only its own.
  e = Error(File().Replace(8, "months = 1\n", "months = 1\ncategories = [\"health\"]\n"));
  EXPECT_HAS(e, "check[8].categories: unknown key");
  EXPECT_HAS(e, "the keys here are id, title_zh, title_en, action_zh, action_en, enabled, months");
  e = Error(File().Replace(1, "categories", "months = 1\ncategories"));
  EXPECT_HAS(e, "check[1].months: unknown key");
  e = Error(
      File().Replace(9, "action_en = \"Do\"\n", "action_en = \"Do\"\ncategories = [\"health\"]\n"));
  EXPECT_HAS(e, "check[9].categories: unknown key");
  e = Error(File().Replace(2, "categories", "only_categories = [\"water\"]\ncategories"));
  EXPECT_HAS(e, "check[2].only_categories: unknown key");
}

TEST(CoordinationParseTest, ChecksUnknownRepeatedOrMissing) {
  std::string e = Error(File().Replace(10, "\"C11\"", "\"C12\""));
  EXPECT_HAS(e, "check[10].id: 'C12' is not a coordination check");
  EXPECT_HAS(e, "the checks are those of DOMAIN.md §7.2: C01, C02");

  e = Error(File().Replace(10, "\"C11\"", "\"C1\""));
  EXPECT_HAS(e, "'C1' is not a coordination check; did you mean");

  e = Error(File().Replace(4, "\"C05\"", "\"C04\""));
  EXPECT_HAS(e, "check[4].id: check 'C04' is given twice (first at line");
  EXPECT_HAS(e, "keep one [[check]] for it");

  File f;
  f.checks.erase(f.checks.begin() + 4);
  e = Error(f);
  EXPECT_HAS(e, "c.toml:1:1: check: check 'C05' is missing");
  EXPECT_HAS(e, "add a [[check]] with id = \"C05\" (write enabled = false to turn it off)");

  f = File();
  f.checks.clear();
  EXPECT_HAS(Error(f), "check 'C01' is missing");

  e = Error(File().Replace(3, "id = \"C04\"\n", ""));
  EXPECT_HAS(e, "check[3].id: missing; add id = \"C01\"");

  f = File();
  f.checks.clear();
  f.top += "check = 1\n";
  EXPECT_HAS(Error(f), "check: must be an array of tables, not an integer");
}

TEST(CoordinationParseTest, TitlesAndActions) {
  std::string e = Error(File().Replace(3, "title_en = \"T\"\n", ""));
  EXPECT_HAS(e, "check[3].title_en: missing; add title_en = ");
  e = Error(File().Replace(3, "action_zh = \"做\"", "action_zh = \" \""));
  EXPECT_HAS(e, "check[3].action_zh: is empty; write action_zh = ");
  e = Error(File().Replace(3, "action_en = \"Do\"", "action_en = 1"));
  EXPECT_HAS(e, "check[3].action_en: must be a string, not an integer");
  e = Error(File().Replace(3, "title_en = \"T\"\n", "title_en = \"T\"\nenabled = \"yes\"\n"));
  EXPECT_HAS(e, "check[3].enabled: must be true or false, not a string; write enabled = true");
}

TEST(CoordinationParseTest, Categories) {
  std::string e = Error(File().Replace(1, "[\"health\"]", "[\"helth\"]"));
  EXPECT_HAS(e,
             "check[1].categories[0]: 'helth' is not a measure category of DOMAIN.md §7.1; "
             "did you mean 'health'? use one of industry, employment");

  e = Error(File().Replace(1, "[\"health\"]", "[\"health\", \"social\", \"health\"]"));
  EXPECT_HAS(e,
             "check[1].categories[2]: 'health' is given twice; name each once (first as "
             "check[1].categories[0])");

  e = Error(File().Replace(1, "[\"health\"]", "[]"));
  EXPECT_HAS(e, "check[1].categories: is empty; name at least one");

  e = Error(File().Replace(1, "categories = [\"health\"]\n", ""));
  EXPECT_HAS(e, "check[1].categories: missing; add categories = [\"health\", \"social\"]");

  e = Error(File().Replace(1, "[\"health\"]", "\"health\""));
  EXPECT_HAS(e, "check[1].categories: must be an array of measure category codes, not a string");

  e = Error(File().Replace(1, "[\"health\"]", "[1]"));
  EXPECT_HAS(e, "check[1].categories[0]: must be a string, not an integer");

  e = Error(File().Replace(0, "only_categories = [\"safety_net\"]\n", ""));
  EXPECT_HAS(e, "check[0].only_categories: missing");

  e = Error(File().Replace(0, "[\"safety_net\"]", "[\"safety_net\", \"industry\"]"));
  EXPECT_HAS(e,
             "check[0].only_categories: 'industry' is also one of the categories that "
             "satisfy the check; remove it from one of the two lists");
}

TEST(CoordinationParseTest, Months) {
  std::string e = Error(File().Replace(8, "months = 1", "months = 0"));
  EXPECT_HAS(e,
             "check[8].months: 0 is not a number of months; give a whole number of months "
             "from 1 to 120");
  EXPECT_HAS(Error(File().Replace(8, "months = 1", "months = 121")), "121 is not a number");
  EXPECT_TRUE(ParseCoordination(File().Replace(8, "months = 1", "months = 120").Text(), "c").ok());
  e = Error(File().Replace(8, "months = 1", "months = \"1\""));
  EXPECT_HAS(e, "check[8].months: must be an integer, not a string; write months = 1");
  e = Error(File().Replace(8, "months = 1", "months = 1.5"));
  EXPECT_HAS(e, "must be an integer, not a floating-point number");
  e = Error(File().Replace(8, "months = 1\n", ""));
  EXPECT_HAS(e, "check[8].months: missing; add months = 1");
}

TEST(CoordinationParseTest, StatusesAndLabourCodes) {
  File f;
  f.top = "counted_statuses = [\"planned\", \"finished\"]\nlabour_capacity = [\"weak\"]\n";
  std::string e = Error(f);
  EXPECT_HAS(e, "c.toml:1:");
  EXPECT_HAS(e, "counted_statuses[1]: 'finished' is not a measure status");
  EXPECT_HAS(e, "use one of planned, in_progress, done, stopped");

  f.top = "counted_statuses = [\"done\", \"done\"]\nlabour_capacity = [\"weak\"]\n";
  EXPECT_HAS(Error(f), "counted_statuses[1]: 'done' is given twice");

  f.top = "counted_statuses = []\nlabour_capacity = [\"weak\"]\n";
  EXPECT_HAS(Error(f), "counted_statuses: is empty");

  f.top = "labour_capacity = [\"weak\"]\n";
  EXPECT_HAS(Error(f),
             "c.toml:1:1: counted_statuses: missing; add counted_statuses = "
             "[\"planned\", \"in_progress\", \"done\"]");

  f.top = "counted_statuses = [\"done\"]\nlabour_capacity = [\"strong\"]\n";
  e = Error(f);
  EXPECT_HAS(e, "c.toml:2:");
  EXPECT_HAS(e, "labour_capacity[0]: 'strong' is not a labour code of DOMAIN.md §13");
  EXPECT_HAS(e, "use one of skilled, ordinary, weak, lost, none");

  f.top = "counted_statuses = [\"done\"]\nlabour_capacity = [\"weak\", \"waek\"]\n";
  EXPECT_HAS(Error(f), "'waek' is not a labour code of DOMAIN.md §13; did you mean 'weak'?");

  f.top = "counted_statuses = [\"done\"]\nlabour_capacity = [\"weak\", \"weak\"]\n";
  EXPECT_HAS(Error(f), "labour_capacity[1]: 'weak' is given twice");

  f.top = "counted_statuses = [\"done\"]\n";
  EXPECT_HAS(Error(f), "labour_capacity: missing");

  f.top = "counted_statuses = [\"done\"]\nlabour_capacity = \"weak\"\n";
  EXPECT_HAS(Error(f), "labour_capacity: must be an array of labour codes, not a string");
}

}  // namespace
}  // namespace xianjie::assist
