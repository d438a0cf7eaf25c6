// exchange/warning_rules.h: the shipped contracts' warnings compile against the shipped
// standards, and ContractWarnings decides a person's warning from their facts, the household's
// status and the standard's parameters.
#include "exchange/warning_rules.h"

#include <gtest/gtest.h>

#include "rules/compile.h"
#include "rules/standard_toml.h"
#include "service/service_test_support.h"

namespace xianjie::exchange {
namespace {

TEST(WarningRulesTest, EveryShippedWarningCompilesAgainstEveryShippedStandard) {
  for (const rules::Standard& standard : rules::BuiltinStandards()) {
    auto compiled = rules::Compile(standard);
    ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
    for (const ingest::SourceContract& contract : ingest::BuiltinContracts()) {
      const Status s = CheckContractWarnings(contract, **compiled);
      EXPECT_TRUE(s.ok()) << standard.province << "-" << standard.year << ": " << s.ToString();
    }
  }
}

TEST(WarningRulesTest, FactFieldsAreTypedForRules) {
  const ingest::SourceContract* medical = ingest::FindBuiltinContract("medical_insurance");
  ASSERT_NE(medical, nullptr);
  const std::vector<rules::FactField> fields = FactFieldsOf(*medical);
  ASSERT_GE(fields.size(), 2u);
  EXPECT_EQ(fields[0].name, "medical_out_of_pocket_12m");
  EXPECT_EQ(fields[0].type, rules::ValueType::Money(2));
  EXPECT_EQ(fields[1].name, "medical_stay_cost_max_12m");
}

TEST(WarningRulesTest, DecidesByFactsStatusAndTheStandardsParameters) {
  service::testing::World world = service::testing::MakeWorld();
  // Household 0 lifted out of poverty, household 1 ordinary.
  registry::HouseholdRecord lifted = world.records[0];
  lifted.household.status = registry::HouseholdStatus::kLifted;
  registry::HouseholdRecord ordinary = world.records[1];
  ordinary.household.status = registry::HouseholdStatus::kOrdinary;
  service::testing::Commit(*world.db, {lifted, ordinary});
  ASSERT_TRUE(world.ws->Refresh().ok());
  const auto view = world.ws->view();
  const registry::Snapshot& snapshot = view->index->snapshot();
  const ingest::SourceContract* medical = ingest::FindBuiltinContract("medical_insurance");
  ContractWarnings warnings(
      *medical, snapshot,
      [&](std::string_view county) -> Result<std::shared_ptr<const rules::CompiledStandard>> {
        XJ_ASSIGN_OR_RETURN(auto resolved,
                            world.ws->StandardOnOrBefore("63", std::string(county), 2026));
        return resolved->compiled;
      });
  const WarningTest test = warnings.Test();

  // 2025 standard: rural_income_prev_year 16,200; shares 0.5 (lifted) and 1.0 (ordinary).
  auto facts = [](int64_t out_of_pocket_yuan, int64_t stay_max_yuan) {
    std::vector<FactValue> f = {{true, out_of_pocket_yuan * 100, ""},
                                {stay_max_yuan > 0, stay_max_yuan * 100, ""},
                                {false, 0, ""}};
    return f;
  };
  const auto h0 = static_cast<uint32_t>(snapshot.Find(world.records[0].household.household_id));
  const auto h1 = static_cast<uint32_t>(snapshot.Find(world.records[1].household.household_id));
  const uint32_t m0 = snapshot.member_begin()[h0];
  const uint32_t m1 = snapshot.member_begin()[h1];
  EXPECT_EQ(*test(h0, m0, facts(8200, 0)), 0);   // lifted, over half of 16,200
  EXPECT_EQ(*test(h0, m0, facts(8000, 0)), -1);  // lifted, under half
  EXPECT_EQ(*test(h1, m1, facts(8200, 0)), -1);  // ordinary: needs the whole 16,200
  EXPECT_EQ(*test(h1, m1, facts(16300, 0)), 1);
  EXPECT_EQ(*test(h0, m0, facts(0, 6500)), 2);   // lifted: a stay over 6,000
  EXPECT_EQ(*test(h1, m1, facts(0, 6500)), -1);  // ordinary: over 10,000 only
  EXPECT_EQ(*test(h1, m1, facts(0, 10500)), 2);
  // The columns are cleared after each person: the next evaluation does not see the last one's.
  EXPECT_EQ(*test(h0, m0, facts(0, 0)), -1);
}

TEST(WarningRulesTest, CodeFactsCompareWithTheEnumsValues) {
  service::testing::World world = service::testing::MakeWorld();
  const auto view = world.ws->view();
  const registry::Snapshot& snapshot = view->index->snapshot();
  const ingest::SourceContract* education = ingest::FindBuiltinContract("education");
  ASSERT_NE(education, nullptr);
  const std::vector<rules::FactField> fields = FactFieldsOf(*education);
  ASSERT_EQ(fields[0].name, "school_status");
  EXPECT_EQ(fields[0].codes, (std::vector<std::string>{"enrolled", "dropout", "out_of_school",
                                                       "suspended", "home_taught"}));
  ContractWarnings warnings(
      *education, snapshot,
      [&](std::string_view county) -> Result<std::shared_ptr<const rules::CompiledStandard>> {
        XJ_ASSIGN_OR_RETURN(auto resolved,
                            world.ws->StandardOnOrBefore("63", std::string(county), 2026));
        return resolved->compiled;
      });
  const WarningTest test = warnings.Test();
  auto facts = [](bool present, const std::string& status) {
    return std::vector<FactValue>{{present, 0, status}, {true, 0, ""}};
  };
  const uint32_t h = 0;
  const uint32_t m = snapshot.member_begin()[0];
  EXPECT_EQ(*test(h, m, facts(true, "dropout")), 0);
  EXPECT_EQ(*test(h, m, facts(true, "out_of_school")), 0);
  EXPECT_EQ(*test(h, m, facts(true, "enrolled")), -1);
  EXPECT_EQ(*test(h, m, facts(false, "")), -1);        // no school record: no warning
  EXPECT_EQ(*test(h, m, facts(true, "unheard")), -1);  // not one of the contract's values
}

}  // namespace
}  // namespace xianjie::exchange
