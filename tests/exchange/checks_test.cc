// The shipped checks Q01–Q13 one at a time over hand-built registries: for each, a household
// that fails it and one (or more) that does not, with the finding's evidence and detail.
#include "exchange/checks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "exchange/check_run.h"
#include "exchange/exchange_test_support.h"
#include "exchange/fact_table.h"

namespace xianjie::exchange {
namespace {

using registry::Labor;
using registry::Relation;
using registry::Sex;
using testing::Catalog;
using testing::Family;
using testing::MakeRegistry;
using testing::OpenEpisode;
using testing::Person;
using testing::PutRows;
using testing::Registry;
using testing::Row;

// The shipped checks with only `id` enabled.
CheckSet Only(const std::string& id) {
  CheckSet set = BuiltinChecks();
  for (CheckDefinition& c : set.checks) c.enabled = c.id == id;
  return set;
}

// The findings of check `id` alone over the whole registry (refreshed first).
std::vector<Finding> RunCheck(Registry& reg, const std::string& id) {
  EXPECT_TRUE(reg.ws->Refresh().ok());
  auto view = reg.ws->view();
  CheckContext context{*view->index, view->facts.get(), Catalog(),     *reg.db,
                       *reg.db,      testing::Today(),  testing::kNow, 1};
  auto found = FindFindings(Only(id), context, CheckScope{});
  EXPECT_TRUE(found.ok()) << found.status().ToString();
  return found.ok() ? *found : std::vector<Finding>{};
}

std::vector<std::string> Households(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  for (const Finding& f : findings) ids.push_back(f.household_id);
  return ids;
}

using Ids = std::vector<std::string>;

registry::Member Child(int seq, CivilDate birth, Labor labor = Labor::kNone) {
  registry::Member m = Person(seq, Relation::kChild, Sex::kFemale, birth, labor);
  return m;
}

TEST(CheckQ01Test, AMemberRegisteredAsDeceasedIsReportedWithTheDepartmentsRow) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2);
  Registry reg = MakeRegistry({h1, h2});
  const int64_t first = PutRows(*reg.db, "public_security",
                                {Row("public_security", h1.members[1], "H1", "2026-10-02",
                                     R"({"change":"death","changed_on":"2026-10-02"})"),
                                 Row("public_security", h2.members[1], "H2", "2026-10-02",
                                     R"({"change":"death","changed_on":"2026-10-02"})")},
                                1);
  // H2's wife: a later row says she moved in again (a death recorded by mistake, corrected).
  PutRows(*reg.db, "public_security",
          {Row("public_security", h2.members[1], "H2", "2026-10-09",
               R"({"change":"move_in","changed_on":"2026-10-09"})")},
          2);
  const std::vector<Finding> found = RunCheck(reg, "Q01");
  ASSERT_EQ(Households(found), Ids{"H1"});
  EXPECT_EQ(found[0].check, "Q01");
  EXPECT_EQ(found[0].village_code, testing::kVillage);
  EXPECT_EQ(found[0].evidence_key, "upload:" + std::to_string(first) + ":row:2");
  EXPECT_EQ(found[0].source, "public_security");
  EXPECT_EQ(found[0].upload_id, first);
  EXPECT_EQ(found[0].row, 2);
  EXPECT_EQ(found[0].detail, "身份证号 " + h1.members[1].id_number + "（" + h1.members[1].name +
                                 "）已由公安登记死亡（2026-10-02，上传 " + std::to_string(first) +
                                 " 第 2 行），仍在家庭成员中");
  EXPECT_EQ(found[0].opened_at, testing::kNow);
  EXPECT_EQ(found[0].state, FindingState::kOpen);
}

TEST(CheckQ01Test, OnlyTheUploadsHouseholdsWhenRowsAreGiven) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2);
  Registry reg = MakeRegistry({h1, h2});
  PutRows(*reg.db, "public_security",
          {Row("public_security", h1.members[0], "H1", "2026-10-02", R"({"change":"death"})"),
           Row("public_security", h2.members[0], "H2", "2026-10-02", R"({"change":"death"})")},
          1);
  auto view = reg.ws->view();
  CheckContext context{*view->index, view->facts.get(), Catalog(),     *reg.db,
                       *reg.db,      testing::Today(),  testing::kNow, 1};
  CheckScope scope;
  scope.rows = std::vector<uint32_t>{1};
  auto found = FindFindings(Only("Q01"), context, scope);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(Households(*found), Ids{"H2"});
}

TEST(CheckQ02Test, AnIdNumberListedInTwoHouseholdsIsReportedInBoth) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3);
  registry::Member twice = h1.members[1];
  twice.relation = Relation::kOther;
  h2.members.push_back(twice);
  h3.household.village_code = *RegionCode::Parse(testing::kOtherVillage);
  Registry reg = MakeRegistry({h1, h2, h3});
  const std::vector<Finding> found = RunCheck(reg, "Q02");
  ASSERT_EQ(Households(found), (Ids{"H1", "H2"}));
  EXPECT_EQ(found[0].evidence_key, "member:" + twice.id_number);
  EXPECT_EQ(found[1].evidence_key, "member:" + twice.id_number);
  EXPECT_EQ(found[0].detail, "身份证号 " + twice.id_number + "（" + twice.name +
                                 "）同时登记在 2 户：H1（630102001001）、H2（630102001001）");
  EXPECT_EQ(found[0].source, "");
}

TEST(CheckQ02Test, OnlyTheScopesHouseholdsAreReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2);
  h2.household.village_code = *RegionCode::Parse(testing::kOtherVillage);
  h2.members.push_back(h1.members[0]);
  h2.members.back().relation = Relation::kOther;
  Registry reg = MakeRegistry({h1, h2});
  auto view = reg.ws->view();
  CheckContext context{*view->index, view->facts.get(), Catalog(),     *reg.db,
                       *reg.db,      testing::Today(),  testing::kNow, 1};
  CheckScope region;
  region.region_prefix = "630121";
  auto in_region = FindFindings(Only("Q02"), context, region);
  ASSERT_TRUE(in_region.ok());
  EXPECT_EQ(Households(*in_region), Ids{"H2"});
  CheckScope rows;
  rows.rows = std::vector<uint32_t>{0};  // H1
  auto in_rows = FindFindings(Only("Q02"), context, rows);
  ASSERT_TRUE(in_rows.ok());
  EXPECT_EQ(Households(*in_rows), Ids{"H1"});
}

TEST(CheckQ03Test, ASpouseOfTheHeadsSexIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3);
  h1.members[1] = Person(11, Relation::kSpouse, Sex::kMale, CivilDate::FromYmd(1981, 1, 1));
  h3.members[0] = Person(30, Relation::kHead, Sex::kFemale, CivilDate::FromYmd(1981, 1, 1));
  h3.members[1] = Person(31, Relation::kSpouse, Sex::kFemale, CivilDate::FromYmd(1981, 1, 1));
  Registry reg = MakeRegistry({h1, h2, h3});
  EXPECT_EQ(Households(RunCheck(reg, "Q03")), (Ids{"H1", "H3"}));
}

TEST(CheckQ04Test, AChildUnder16WithLabourCapacityIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3);
  h1.members.push_back(Child(12, CivilDate::FromYmd(2014, 3, 1), Labor::kWeak));
  h2.members.push_back(Child(22, CivilDate::FromYmd(2014, 3, 1), Labor::kNone));
  h3.members.push_back(Child(32, CivilDate::FromYmd(2010, 11, 20), Labor::kOrdinary));  // 16 today
  Registry reg = MakeRegistry({h1, h2, h3});
  EXPECT_EQ(Households(RunCheck(reg, "Q04")), Ids{"H1"});
}

TEST(CheckQ05Test, BothMedicalInsurancesInTwelveMonthsAreReportedWithTheDecidingRow) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2);
  Registry reg = MakeRegistry({h1, h2});
  const std::string resident = R"({"insurance_type":"resident","total_cost":1,"out_of_pocket":1})";
  const std::string employee = R"({"insurance_type":"employee","total_cost":1,"out_of_pocket":1})";
  const int64_t first =
      PutRows(*reg.db, "medical_insurance",
              {Row("medical_insurance", h1.members[0], "H1", "2026-03-01", resident),
               Row("medical_insurance", h2.members[0], "H2", "2026-03-01", resident),
               Row("medical_insurance", h2.members[0], "H2", "2025-11-20", employee)},  // outside
              1);
  const int64_t second =
      PutRows(*reg.db, "medical_insurance",
              {Row("medical_insurance", h1.members[0], "H1", "2026-06-01", employee),
               Row("medical_insurance", h1.members[0], "H1", "2026-07-01", employee)},
              2);
  const std::vector<Finding> found = RunCheck(reg, "Q05");
  ASSERT_EQ(Households(found), Ids{"H1"});
  EXPECT_EQ(found[0].evidence_key, "upload:" + std::to_string(second) + ":row:2");
  EXPECT_EQ(found[0].source, "medical_insurance");
  EXPECT_EQ(found[0].upload_id, second);
  EXPECT_EQ(found[0].row, 2);
  EXPECT_EQ(found[0].detail, "身份证号 " + h1.members[0].id_number + "（" + h1.members[0].name +
                                 "）12个月内既有城乡居民医保结算（2026-03-01，上传 " +
                                 std::to_string(first) +
                                 " 第 2 行）又有职工医保结算（2026-06-01，上传 " +
                                 std::to_string(second) + " 第 2 行）");
}

TEST(CheckQ06Test, UnstableWorkWithoutAnyoneAbleToWorkIsReportedForMonitoredHouseholds) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3);
  for (auto* h : {&h1, &h3}) {
    for (registry::Member& m : h->members) m.labor = Labor::kLost;
  }
  Registry reg = MakeRegistry({h1, h2, h3});
  const int64_t episode = OpenEpisode(*reg.db, "H1", testing::kVillage, "R01;R07");
  OpenEpisode(*reg.db, "H2", testing::kVillage, "R07");
  // H3 cannot work either, but is not monitored.
  const std::vector<Finding> found = RunCheck(reg, "Q06");
  ASSERT_EQ(Households(found), Ids{"H1"});
  EXPECT_TRUE(found[0].evidence_key.starts_with("episode:" + std::to_string(episode) + ":rule:"))
      << found[0].evidence_key;
  EXPECT_NE(found[0].detail.find("风险 R01;R07"), std::string::npos) << found[0].detail;
}

TEST(CheckQ06Test, AnEpisodeWithoutTheRiskIsNotReported) {
  registry::HouseholdRecord h1 = Family("H1", 1);
  for (registry::Member& m : h1.members) m.labor = Labor::kNone;
  Registry reg = MakeRegistry({h1});
  OpenEpisode(*reg.db, "H1", testing::kVillage, "R01");
  EXPECT_TRUE(RunCheck(reg, "Q06").empty());
}

TEST(CheckQ07Test, IllnessWithoutIllMembersOrMedicalSpendingIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3);
  for (auto* h : {&h1, &h2, &h3}) h->household.rigid_medical = Money();
  h3.members[1].health = registry::Health::kChronic;
  Registry reg = MakeRegistry({h1, h2, h3});
  for (const char* id : {"H1", "H2", "H3"}) OpenEpisode(*reg.db, id, testing::kVillage, "R01");
  // H2's medical bills come from 医保.
  PutRows(*reg.db, "medical_insurance",
          {Row("medical_insurance", h2.members[0], "H2", "2026-05-01",
               R"({"insurance_type":"resident","total_cost":900,"out_of_pocket":300})")},
          1);
  EXPECT_EQ(Households(RunCheck(reg, "Q07")), Ids{"H1"});
}

TEST(CheckQ08Test, LackOfLabourWhereMostCanWorkIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2);
  h1.members.push_back(Child(12, CivilDate::FromYmd(2000, 1, 1), Labor::kOrdinary));
  h1.members.push_back(Child(13, CivilDate::FromYmd(2015, 1, 1), Labor::kNone));
  h2.members.push_back(Child(22, CivilDate::FromYmd(2014, 1, 1), Labor::kNone));
  h2.members.push_back(Child(23, CivilDate::FromYmd(2015, 1, 1), Labor::kNone));
  Registry reg = MakeRegistry({h1, h2});  // H1: 3 of 4 can work; H2: 2 of 4
  OpenEpisode(*reg.db, "H1", testing::kVillage, "R08");
  OpenEpisode(*reg.db, "H2", testing::kVillage, "R08");
  EXPECT_EQ(Households(RunCheck(reg, "Q08")), Ids{"H1"});
}

TEST(CheckQ09Test, WagesBetweenZeroAndOneHundredYuanAreReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3);
  h1.household.wage_income = Money::FromFen(5000);
  h2.household.wage_income = Money();
  h3.household.wage_income = Money::FromYuan(100);
  Registry reg = MakeRegistry({h1, h2, h3});
  const std::vector<Finding> found = RunCheck(reg, "Q09");
  ASSERT_EQ(Households(found), Ids{"H1"});
  EXPECT_EQ(found[0].detail,
            "工资性收入在0至100元之间（不合常理）：wage_income 50.00 > 0 [true] and wage_income "
            "50.00 < implausible_wage_max 100.00 [true] → true");
}

TEST(CheckQ10Test, NetIncomeBelowTheFormerPovertyLineIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2);
  h1.household.wage_income = Money::FromYuan(6999);
  h1.household.transfer_income = Money::FromYuan(1000);
  h2.household.wage_income = Money::FromYuan(7000);
  h2.household.transfer_income = Money::FromYuan(1000);
  Registry reg = MakeRegistry({h1, h2});  // two members each: the line is 8,000
  EXPECT_EQ(Households(RunCheck(reg, "Q10")), Ids{"H1"});
}

TEST(CheckQ11Test, ACompulsoryAgeChildOutOfSchoolWithoutAReasonIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3),
                            h4 = Family("H4", 4);
  const CivilDate ten = CivilDate::FromYmd(2016, 5, 5);
  h1.members.push_back(Child(12, ten));
  h2.members.push_back(Child(22, ten));
  h2.members.back().health = registry::Health::kDisabled;  // a recorded reason
  h3.members.push_back(Child(32, ten));
  h3.members.back().enrolled = true;
  h4.members.push_back(Child(42, CivilDate::FromYmd(2020, 5, 5)));  // six: not yet
  Registry reg = MakeRegistry({h1, h2, h3, h4});
  EXPECT_EQ(Households(RunCheck(reg, "Q11")), Ids{"H1"});
}

TEST(CheckQ11Test, ASchoolReportingTheChildTaughtAtHomeIsAReason) {
  registry::HouseholdRecord h1 = Family("H1", 1);
  h1.members.push_back(Child(12, CivilDate::FromYmd(2016, 5, 5)));
  Registry reg = MakeRegistry({h1});
  ASSERT_EQ(Households(RunCheck(reg, "Q11")), Ids{"H1"});
  PutRows(*reg.db, "education",
          {Row("education", h1.members[2], "H1", "2026-09-01", R"({"status":"home_taught"})")}, 1);
  EXPECT_TRUE(RunCheck(reg, "Q11").empty());
}

TEST(CheckQ12Test, AMonitoredHouseholdWithAVehicleOrCompanyIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3),
                            h4 = Family("H4", 4);
  Registry reg = MakeRegistry({h1, h2, h3, h4});
  for (const char* id : {"H1", "H3", "H4"}) OpenEpisode(*reg.db, id, testing::kVillage, "R01");
  PutRows(*reg.db, "vehicles",
          {Row("vehicles", h1.members[1], "H1", "2019-01-01", "{}"),
           Row("vehicles", h2.members[1], "H2", "2019-01-01", "{}")},  // not monitored
          1);
  PutRows(*reg.db, "market_regulation",
          {Row("market_regulation", h4.members[0], "H4", "2019-01-01", "{}")}, 2);
  EXPECT_EQ(Households(RunCheck(reg, "Q12")), (Ids{"H1", "H4"}));  // H3: nothing registered
}

TEST(CheckQ12Test, AMonitoredHouseholdWithAPublicEmployeeIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3);
  Registry reg = MakeRegistry({h1, h2, h3});
  for (const char* id : {"H1", "H2", "H3"}) OpenEpisode(*reg.db, id, testing::kVillage, "R07");
  PutRows(*reg.db, "human_resources",
          {Row("human_resources", h1.members[1], "H1", "2026-03-01",
               R"({"employment":"employed","employer_type":"public_institution"})"),
           Row("human_resources", h2.members[1], "H2", "2026-03-01",
               R"({"employment":"employed","employer_type":"state_enterprise"})"),
           // A public welfare post (公益性岗位) at a township government is assistance, not a
           // public employee.
           Row("human_resources", h3.members[1], "H3", "2026-03-01",
               R"({"employment":"public_post","employer_type":"government"})")},
          1);
  EXPECT_EQ(Households(RunCheck(reg, "Q12")), Ids{"H1"});
  // A later record replaces the earlier one: the member left the institution for a company.
  PutRows(*reg.db, "human_resources",
          {Row("human_resources", h1.members[1], "H1", "2026-06-01",
               R"({"employment":"employed","employer_type":"private"})")},
          2);
  EXPECT_TRUE(RunCheck(reg, "Q12").empty());
}

TEST(CheckQ13Test, TransferIncomeBelowWhatDepartmentsPaidIsReported) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2);
  h1.household.transfer_income = Money::FromYuan(1000);
  h2.household.transfer_income = Money::FromYuan(2900);
  Registry reg = MakeRegistry({h1, h2});
  std::vector<DeptRow> rows;
  for (const char* month : {"2026-04-01", "2026-05-01", "2026-06-01"}) {
    rows.push_back(Row("civil_affairs", h1.members[0], "H1", month,
                       R"({"assistance":"dibao","state":"continuing","amount":500})"));
    rows.push_back(Row("civil_affairs", h2.members[0], "H2", month,
                       R"({"assistance":"dibao","state":"continuing","amount":500})"));
  }
  PutRows(*reg.db, "civil_affairs", rows, 1);
  PutRows(*reg.db, "human_resources",
          {Row("human_resources", h1.members[1], "H1", "2026-08-01",
               R"({"employment":"employed","pension_monthly":300})"),
           Row("human_resources", h2.members[1], "H2", "2026-08-01",
               R"({"employment":"employed","pension_monthly":1400})")},
          2);
  // H1: 1,000 recorded, 1,800 paid; H2: 2,900 recorded, 2,900 paid.
  EXPECT_EQ(Households(RunCheck(reg, "Q13")), Ids{"H1"});
}

}  // namespace
}  // namespace xianjie::exchange
