// The vectorized executor against the scalar evaluator on random households: ScreenAll (one and
// two threads, several batches), ScreenRows on a scattered subset and Explain must give the same
// rules, types and risks, and both evaluators the same three-valued result of every rule, under
// the shipped standard and under one that uses every kind of expression.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/explain.h"
#include "rules/expression.h"
#include "rules/rules_test_support.h"
#include "rules/screen.h"
#include "rules/standard_toml.h"

namespace xianjie::rules {
namespace {

// Every node kind: if, between, in, is missing, arithmetic with mixed scales, aggregates over
// member and listed_member with household values inside, age_on with a computed date, rule
// references, risks and types naming later rules.
Standard EveryKindStandard() {
  Standard s = DefaultStandard("every_kind");
  s.parameters.push_back({"share", Decimal{75, 2}, false, ""});
  s.parameters.push_back({"day", CivilDate::FromYmd(2024, 9, 1), false, ""});
  s.parameters.push_back({"big", Money::FromYuan(20000), false, ""});
  auto rule = [&](std::string id, std::string when) {
    RuleDefinition r;
    r.id = std::move(id);
    r.when = std::move(when);
    s.rules.push_back(std::move(r));
  };
  rule("poor", "net_income < line * members");
  rule("drop", "prev_net_income > 0 and net_income < prev_net_income * share");
  rule("odd", "if(status = 'lifted', net_income, net_income * 0.9) - rigid_spending not between "
              "0 and big * 2");
  rule("kids", "count(member, age_on(if(poor, day, 2025-01-01)) < 18 and enrolled) >= 2");
  rule("old", "max(listed_member, age_on(day)) >= 70 or min(member, birth_date) < 1950-01-01");
  rule("wealth", "sum(member, if(labor in ('skilled', 'ordinary'), net_income * 0.01, -1)) > 100");
  rule("frail", "all(member, health != 'healthy' or not med_insured) and not drop");
  rule("miss", "prev_net_income is missing or prev_net_income * members > net_income * 2");
  rule("mix", "(poor or drop) and (kids or old or unknown) or any(listed_member, not "
              "shares_household and relation in ('spouse', '子女'))");
  s.rules[1].risks.push_back({"R07", "wage_income > business_income", 0});
  s.rules[1].risks.push_back({"R06", "mix", 0});
  s.rules[3].risks.push_back({"R02", "", 0});
  s.rules[8].risks.push_back({"R99", "miss or unknown", 0});
  s.types.push_back({"unstable_lifted", "poor and status = 'lifted'", 0});
  s.types.push_back({"marginal", "poor", 0});
  s.types.push_back({"sudden_hardship", "drop or odd or mix", 0});
  s.types.push_back({"guarantee_gap", "not poor", 0});
  return s;
}

void CheckAgreement(const Standard& standard, uint64_t seed) {
  auto compiled = Compile(standard);
  ASSERT_TRUE(compiled.ok()) << compiled.status().message();
  const CompiledStandard& c = **compiled;
  std::mt19937_64 rng(seed);
  std::vector<registry::HouseholdRecord> records;
  for (int i = 0; i < 2600; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "H%06d", i);
    records.push_back(RandomHousehold(rng, id));
  }
  auto snapshot = BuildTestSnapshot(std::move(records));
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  const registry::Snapshot& s = **snapshot;
  const auto n = static_cast<uint32_t>(s.households());

  const ScreenOutcome one = ScreenAll(s, c, 1);
  const ScreenOutcome two = ScreenAll(s, c, 2);
  EXPECT_EQ(one.fired, two.fired);
  EXPECT_EQ(one.type, two.type);
  EXPECT_EQ(one.risks, two.risks);
  EXPECT_EQ(one.screened, two.screened);

  std::vector<uint32_t> subset;
  for (uint32_t i = n; i-- > 0;) {
    if (rng() % 3 == 0) subset.push_back(i);
  }
  const ScreenOutcome some = ScreenRows(s, c, subset);
  for (size_t k = 0; k < subset.size(); ++k) {
    const uint32_t row = subset[k];
    ASSERT_EQ(some.fired[k], one.fired[row]) << s.household_id(row);
    ASSERT_EQ(some.type[k], one.type[row]) << s.household_id(row);
    ASSERT_EQ(some.risks[k], one.risks[row]) << s.household_id(row);
  }

  std::vector<uint32_t> all(n);
  for (uint32_t i = 0; i < n; ++i) all[i] = i;
  const auto vectorized = RuleTruths(s, c, all, true);
  const auto scalar = RuleTruths(s, c, all, false);
  int unknown = 0;
  int fired = 0;
  for (uint32_t i = 0; i < n; ++i) {
    ASSERT_EQ(vectorized[i], scalar[i]) << s.household_id(i);
    const HouseholdExplanation e = Explain(s, i, c);
    ASSERT_EQ(e.screened, one.screened[i] != 0);
    uint32_t bits = 0;
    for (size_t r = 0; r < e.rules.size(); ++r) {
      const Truth t = e.rules[r].result;
      if (e.screened) {
        const uint8_t expected = scalar[i][r];
        ASSERT_EQ(t == Truth::kTrue, expected == kTruthTrue) << s.household_id(i) << " " << c.rule_id(r);
        ASSERT_EQ(t == Truth::kUnknown, expected == kTruthUnknown) << s.household_id(i);
      }
      if (t == Truth::kTrue) bits |= uint32_t{1} << r;
      unknown += t == Truth::kUnknown ? 1 : 0;
    }
    ASSERT_EQ(bits, one.fired[i]) << s.household_id(i);
    fired += bits != 0 ? 1 : 0;
    const std::string type = one.type[i] == kNoType ? "" : c.type_code(one.type[i]);
    ASSERT_EQ(e.proposed_type, type) << s.household_id(i);
  }
  // The random registry exercises the interesting cases.
  EXPECT_GT(unknown, 100);
  EXPECT_GT(fired, 500);
  EXPECT_LT(fired, static_cast<int>(n));
}

TEST(Agreement, ShippedStandard) {
  const Standard* standard = FindBuiltinStandard("63", "", 2024);
  ASSERT_NE(standard, nullptr);
  CheckAgreement(*standard, 1);
}

TEST(Agreement, EveryKindOfExpression) { CheckAgreement(EveryKindStandard(), 2); }

TEST(Agreement, EveryKindOfExpressionOtherSeed) { CheckAgreement(EveryKindStandard(), 3); }

}  // namespace
}  // namespace xianjie::rules
