// Measures (cases/measure.h): the codes of DOMAIN.md §7.1 both ways, the risk list's one stored
// spelling, and CheckMeasure naming each bad field.
#include "cases/measure.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "cases/workflow_fixtures.h"

namespace xianjie::cases {
namespace {

using testing::Contains;

Measure Valid() {
  Measure m;
  m.household_id = "H1";
  m.member_id_number = "";
  m.category = MeasureCategory::kEmployment;
  m.item = "转移就业补贴";
  m.department = "人社局";
  m.start = CivilDate::FromYmd(2026, 3, 1);
  m.end = CivilDate::FromYmd(2026, 12, 31);
  m.amount_fen = 150000;
  m.status = MeasureStatus::kInProgress;
  m.risks = "R01;R07";
  m.recorded_by = "cadre";
  m.recorded_at = "2026-03-01T02:00:00Z";
  return m;
}

TEST(MeasureTest, EveryCategoryOfDomainSevenOneHasADistinctCodeThatParsesBack) {
  std::set<std::string> codes;
  for (MeasureCategory c : kAllMeasureCategories) {
    const std::string code(MeasureCategoryCode(c));
    EXPECT_TRUE(codes.insert(code).second) << code;
    EXPECT_EQ(ParseMeasureCategory(code), c) << code;
  }
  EXPECT_EQ(codes, (std::set<std::string>{"industry", "employment", "finance", "public_post",
                                          "health", "compulsory_education", "other_education",
                                          "housing", "water", "social", "relocation",
                                          "living_conditions", "infrastructure", "safety_net"}));
  EXPECT_EQ(ParseMeasureCategory("Industry"), std::nullopt);
  EXPECT_EQ(ParseMeasureCategory(""), std::nullopt);
}

TEST(MeasureTest, StatusCodesParseBack) {
  for (MeasureStatus s : kAllMeasureStatuses) {
    EXPECT_EQ(ParseMeasureStatus(MeasureStatusCode(s)), s);
  }
  EXPECT_EQ(MeasureStatusCode(MeasureStatus::kInProgress), "in_progress");
  EXPECT_EQ(ParseMeasureStatus("finished"), std::nullopt);
}

TEST(MeasureTest, ImplementedMeansDoneOrInProgress) {
  Measure m = Valid();
  m.status = MeasureStatus::kPlanned;
  EXPECT_FALSE(IsImplemented(m));
  m.status = MeasureStatus::kInProgress;
  EXPECT_TRUE(IsImplemented(m));
  m.status = MeasureStatus::kDone;
  EXPECT_TRUE(IsImplemented(m));
  m.status = MeasureStatus::kStopped;
  EXPECT_FALSE(IsImplemented(m));
}

TEST(MeasureTest, RisksAreNormalizedToSortedDistinctCodes) {
  EXPECT_EQ(NormalizeMeasureRisks("R09, R01").value(), "R01;R09");
  EXPECT_EQ(NormalizeMeasureRisks("R12;R99;R02;").value(), "R02;R12;R99");
  EXPECT_EQ(NormalizeMeasureRisks("").value(), "");
  auto unknown = NormalizeMeasureRisks("R01;R13");
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(unknown.status().message(), "R13")) << unknown.status().message();
  auto twice = NormalizeMeasureRisks("R01;R01");
  EXPECT_EQ(twice.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(twice.status().message(), "twice")) << twice.status().message();
}

TEST(MeasureTest, AValidMeasurePasses) {
  EXPECT_TRUE(CheckMeasure(Valid()).ok()) << CheckMeasure(Valid()).ToString();
  Measure open_ended = Valid();
  open_ended.end.reset();
  open_ended.risks = "";
  open_ended.department = "";
  open_ended.amount_fen = 0;
  EXPECT_TRUE(CheckMeasure(open_ended).ok());
  Measure for_member = Valid();
  for_member.member_id_number = "11010519491231002X";
  EXPECT_TRUE(CheckMeasure(for_member).ok()) << CheckMeasure(for_member).ToString();
  Measure one_day = Valid();
  one_day.end = one_day.start;
  EXPECT_TRUE(CheckMeasure(one_day).ok());
}

TEST(MeasureTest, CheckNamesEachBadField) {
  struct Bad {
    void (*spoil)(Measure&);
    const char* field;
  };
  const Bad cases[] = {
      {[](Measure& m) { m.household_id = ""; }, "household_id"},
      {[](Measure& m) { m.member_id_number = "110105194912310021"; }, "member_id_number"},
      {[](Measure& m) { m.member_id_number = "张三"; }, "member_id_number"},
      {[](Measure& m) { m.item = "  "; }, "item"},
      {[](Measure& m) { m.end = CivilDate::FromYmd(2026, 2, 28); }, "end"},
      {[](Measure& m) { m.amount_fen = -1; }, "amount_fen"},
      {[](Measure& m) { m.risks = "R01;X"; }, "risks"},
      {[](Measure& m) { m.risks = "R07;R01"; }, "R01;R07"},  // not the stored spelling
      {[](Measure& m) { m.risks = "R01, R07"; }, "risks"},
      {[](Measure& m) { m.recorded_by = ""; }, "recorded_by"},
      {[](Measure& m) { m.recorded_at = ""; }, "recorded_at"},
  };
  for (const Bad& bad : cases) {
    Measure m = Valid();
    bad.spoil(m);
    const Status s = CheckMeasure(m);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad.field;
    EXPECT_TRUE(Contains(s.message(), bad.field)) << bad.field << ": " << s.message();
  }
}

}  // namespace
}  // namespace xianjie::cases
