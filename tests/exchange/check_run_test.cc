// exchange::RunChecks: findings stored once per evidence (running again opens nothing new), a
// resolved finding staying resolved, a changed deciding value opening a new one, the scope of
// an upload's households, the counts per check and RowsOfUpload.
#include "exchange/check_run.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exchange/exchange_test_support.h"
#include "exchange/fact_table.h"
#include "ingest/source_contract.h"

namespace xianjie::exchange {
namespace {

using testing::Family;
using testing::MakeRegistry;
using testing::PutRows;
using testing::Registry;
using testing::Row;

class CheckRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), h3 = Family("H3", 3);
    h1.household.wage_income = Money::FromYuan(50);  // Q09, and Q10 (50 + 1,000 < 8,000)
    h2.members.push_back(h1.members[0]);             // Q02 in H1 and H2
    h2.members.back().relation = registry::Relation::kOther;
    h3.household.village_code = *RegionCode::Parse(testing::kOtherVillage);
    h3.household.wage_income = Money::FromYuan(60);  // Q09, Q10
    records_ = {h1, h2, h3};
    reg_ = MakeRegistry(records_);
    catalog_ = FactCatalog(ingest::BuiltinContracts());
  }

  Result<CheckRunReport> RunAll(const CheckScope& scope = {}) {
    EXPECT_TRUE(reg_.ws->Refresh().ok());
    auto view = reg_.ws->view();
    CheckContext context{*view->index, view->facts.get(), catalog_,      *reg_.db,
                         *reg_.db,     testing::Today(),  testing::kNow, 2};
    return RunChecks(BuiltinChecks(), context, scope);
  }

  static const CheckCount& Count(const CheckRunReport& r, const std::string& check) {
    for (const CheckCount& c : r.checks) {
      if (c.check == check) return c;
    }
    static const CheckCount none;
    ADD_FAILURE() << "no count for " << check;
    return none;
  }

  std::vector<Finding> Stored(const std::string& check) {
    FindingFilter filter;
    filter.check = check;
    auto list = reg_.db->ListFindings(filter);
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<Finding>{};
  }

  std::vector<registry::HouseholdRecord> records_;
  Registry reg_;
  std::vector<rules::FactField> catalog_;
};

TEST_F(CheckRunTest, StoresWhatItFindsWithCountsPerCheck) {
  auto report = RunAll();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->households, 3);
  ASSERT_EQ(report->checks.size(), 13u);
  EXPECT_EQ(report->checks[0].check, "Q01");
  EXPECT_EQ(Count(*report, "Q02").found, 2);
  EXPECT_EQ(Count(*report, "Q09").found, 2);
  EXPECT_EQ(Count(*report, "Q09").opened, 2);
  EXPECT_EQ(Count(*report, "Q10").found, 2);
  EXPECT_EQ(report->found, 6);
  EXPECT_EQ(report->opened, 6);
  EXPECT_EQ(Stored("Q09").size(), 2u);
  const nlohmann::json j = nlohmann::json::parse(report->ToJson());
  EXPECT_EQ(j["opened"], 6);
  EXPECT_EQ(j["households"], 3);
  EXPECT_EQ(j["checks"][1]["check"], "Q02");
  EXPECT_EQ(j["checks"][1]["found"], 2);
}

TEST_F(CheckRunTest, RunningTwiceOpensNothingNew) {
  ASSERT_TRUE(RunAll().ok());
  auto again = RunAll();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->found, 6);
  EXPECT_EQ(again->opened, 0);
  EXPECT_EQ(Count(*again, "Q02").opened, 0);
  FindingFilter all;
  auto count = reg_.db->CountFindings(all);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 6);
}

TEST_F(CheckRunTest, AResolvedFindingStaysResolvedWhileItsEvidenceStays) {
  ASSERT_TRUE(RunAll().ok());
  std::vector<Finding> q09 = Stored("Q09");
  ASSERT_EQ(q09.size(), 2u);
  ASSERT_TRUE(reg_.db
                  ->ResolveFinding(q09[0].id, FindingState::kConfirmed, "li", "确有其事",
                                   "2026-11-21T01:00:00Z")
                  .ok());
  auto again = RunAll();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->opened, 0);
  auto stored = reg_.db->GetFinding(q09[0].id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->state, FindingState::kConfirmed);
}

TEST_F(CheckRunTest, ANewDecidingValueOpensANewFinding) {
  ASSERT_TRUE(RunAll().ok());
  const std::vector<Finding> before = Stored("Q09");
  ASSERT_EQ(before.size(), 2u);
  ASSERT_TRUE(reg_.db
                  ->ResolveFinding(before[0].id, FindingState::kCorrected, "li", "已更正",
                                   "2026-11-21T01:00:00Z")
                  .ok());
  // The village corrected H1's wages, but not enough: the check still fails on a new value.
  registry::HouseholdRecord h1 = records_[0];
  h1.household.wage_income = Money::FromYuan(80);
  service::testing::Commit(*reg_.db, {h1});
  auto again = RunAll();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Count(*again, "Q09").opened, 1);
  const std::vector<Finding> after = Stored("Q09");
  ASSERT_EQ(after.size(), 3u);
  int h1_findings = 0;
  for (const Finding& f : after) h1_findings += f.household_id == "H1" ? 1 : 0;
  EXPECT_EQ(h1_findings, 2);
}

TEST_F(CheckRunTest, ARegionLimitsTheHouseholds) {
  CheckScope scope;
  scope.region_prefix = "630121";
  auto report = RunAll(scope);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->households, 1);
  EXPECT_EQ(Count(*report, "Q09").found, 1);
  EXPECT_EQ(Count(*report, "Q02").found, 0);
  for (const Finding& f : Stored("")) EXPECT_EQ(f.household_id, "H3");
}

TEST_F(CheckRunTest, RowsLimitTheHouseholdsToThoseGiven) {
  CheckScope scope;
  scope.rows = std::vector<uint32_t>{1};  // H2
  auto report = RunAll(scope);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->households, 1);
  EXPECT_EQ(report->found, 1);  // Q02 in H2 only
  EXPECT_EQ(Count(*report, "Q02").found, 1);
  EXPECT_EQ(Stored("Q02").front().household_id, "H2");
}

TEST_F(CheckRunTest, RowsOfUploadAreTheMatchedHouseholds) {
  DeptRow unmatched = Row("vehicles", records_[0].members[1], "", "2020-01-01", "{}");
  unmatched.village_code = "";
  const int64_t upload =
      PutRows(*reg_.db, "vehicles",
              {Row("vehicles", records_[2].members[0], "H3", "2020-01-01", "{}"),
               Row("vehicles", records_[0].members[0], "H1", "2020-01-01", "{}"),
               Row("vehicles", records_[0].members[1], "H1", "2020-01-01", "{}"), unmatched},
              1);
  ASSERT_TRUE(reg_.ws->Refresh().ok());
  auto rows = RowsOfUpload(*reg_.db, reg_.ws->view()->snapshot(), upload);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (std::vector<uint32_t>{0, 2}));
}

TEST_F(CheckRunTest, ACheckThatDoesNotCompileFailsTheRun) {
  CheckSet broken = BuiltinChecks();
  broken.checks[8].when = "wage_income < nothing";
  auto view = reg_.ws->view();
  CheckContext context{*view->index, view->facts.get(), catalog_,      *reg_.db,
                       *reg_.db,     testing::Today(),  testing::kNow, 1};
  auto report = RunChecks(broken, context, CheckScope{});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find("check Q09, when: unknown name 'nothing'"),
            std::string::npos)
      << report.status().message();
  FindingFilter all;
  EXPECT_EQ(*reg_.db->CountFindings(all), 0);
}

}  // namespace
}  // namespace xianjie::exchange
