// Explain's tree of sub-terms, suggested risks and unscreened households; the one-line
// 'because' is tested in the .test files (explain directive).
#include "rules/explain.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/compiled_standard.h"
#include "rules/rules_test_support.h"

namespace xianjie::rules {
namespace {

class ExplainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Standard s = DefaultStandard("explain_test");
    std::vector<registry::HouseholdRecord> households;
    for (const char* line :
         {"rule poor net_income < line * members", "risk poor R01 rigid_medical > 0",
          "risk poor R99", "rule uninsured any(member, not med_insured)", "type marginal poor"}) {
      const std::string text(line);
      const size_t space = text.find(' ');
      ASSERT_TRUE(
          ApplySetup(text.substr(0, space), text.substr(space + 1), 1, &s, &households).ok());
    }
    for (const char* line :
         {"household a wage_income=1000", "member", "member med_insured=0 birth_date=2010-09-01",
          "household b", "member shares_household=0"}) {
      const std::string text(line);
      const size_t space = text.find(' ');
      ASSERT_TRUE(ApplySetup(text.substr(0, space),
                             space == std::string::npos ? "" : text.substr(space + 1), 1, &s,
                             &households)
                      .ok());
    }
    auto compiled = Compile(s);
    ASSERT_TRUE(compiled.ok()) << compiled.status().message();
    standard_ = *compiled;
    auto snapshot = BuildTestSnapshot(households);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
    snapshot_ = *snapshot;
  }
  std::shared_ptr<const CompiledStandard> standard_;
  std::shared_ptr<const registry::Snapshot> snapshot_;
};

TEST_F(ExplainTest, TreeHoldsEverySubTermWithItsValue) {
  const HouseholdExplanation e = Explain(*snapshot_, 0, *standard_);
  ASSERT_TRUE(e.screened);
  ASSERT_EQ(e.rules.size(), 2u);
  const ExplainedTerm& poor = e.rules[0].tree;
  EXPECT_EQ(poor.source, "net_income < line * members");
  EXPECT_EQ(poor.value, "true");
  ASSERT_EQ(poor.children.size(), 2u);
  EXPECT_EQ(poor.children[0].source, "net_income");
  EXPECT_EQ(poor.children[0].value, "1000.00");
  EXPECT_EQ(poor.children[1].source, "line * members");
  EXPECT_EQ(poor.children[1].value, "15000.00");
  ASSERT_EQ(poor.children[1].children.size(), 2u);
  EXPECT_EQ(poor.children[1].children[1].value, "2");
}

TEST_F(ExplainTest, AggregateChildrenAreTheMembers) {
  const HouseholdExplanation e = Explain(*snapshot_, 0, *standard_);
  const ExplainedTerm& any = e.rules[1].tree;
  EXPECT_EQ(any.value, "true");
  ASSERT_EQ(any.children.size(), 2u);
  EXPECT_EQ(any.children[0].source, "member 1 (head, born 1980-01-01)");
  EXPECT_EQ(any.children[0].value, "false");
  EXPECT_EQ(any.children[1].source, "member 2 (child, born 2010-09-01)");
  EXPECT_EQ(any.children[1].value, "true");
  ASSERT_EQ(any.children[1].children.size(), 1u);
  EXPECT_EQ(any.children[1].children[0].source, "not med_insured");
}

TEST_F(ExplainTest, FiredRulesNameTheirRiskAndTheType) {
  const HouseholdExplanation e = Explain(*snapshot_, 0, *standard_);
  EXPECT_EQ(e.rules[0].result, Truth::kTrue);
  EXPECT_EQ(e.rules[0].suggested_risk, "R99");
  EXPECT_EQ(e.rules[1].suggested_risk, "");
  EXPECT_EQ(e.proposed_type, "marginal");
  EXPECT_EQ(e.type_because, "poor true → true");
  EXPECT_EQ(e.household_id, "a");
  EXPECT_EQ(e.rules[0].when, "net_income < line * members");
}

TEST_F(ExplainTest, HouseholdWithoutCountedMemberIsNotScreened) {
  const HouseholdExplanation e = Explain(*snapshot_, 1, *standard_);
  EXPECT_FALSE(e.screened);
  ASSERT_EQ(e.rules.size(), 2u);
  EXPECT_EQ(e.rules[0].result, Truth::kFalse);
  EXPECT_EQ(e.rules[0].because,
            "not screened: no member shares the household (shares_household = 1)");
  EXPECT_EQ(e.proposed_type, "");
}

}  // namespace
}  // namespace xianjie::rules
