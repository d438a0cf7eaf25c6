// The vectorized executor against the scalar evaluator on random households: ScreenAll (one and
// two threads, several batches), ScreenRows on a scattered subset and Explain must give the same
// rules, types and risks, and both evaluators the same three-valued result of every rule, under
// the shipped standard, under one that uses every kind of expression, and under one over random
// department facts. Member conditions (scalar only) agree with the executor's aggregates over
// the same condition.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/explain.h"
#include "rules/expression.h"
#include "rules/member_condition.h"
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
  rule("odd",
       "if(status = 'lifted', net_income, net_income * 0.9) - rigid_spending not between "
       "0 and big * 2");
  rule("kids", "count(member, age_on(if(poor, day, 2025-01-01)) < 18 and enrolled) >= 2");
  rule("old", "max(listed_member, age_on(day)) >= 70 or min(member, birth_date) < 1950-01-01");
  rule("wealth", "sum(member, if(labor in ('skilled', 'ordinary'), net_income * 0.01, -1)) > 100");
  rule("frail", "all(member, health != 'healthy' or not med_insured) and not drop");
  rule("miss", "prev_net_income is missing or prev_net_income * members > net_income * 2");
  rule("mix",
       "(poor or drop) and (kids or old or unknown) or any(listed_member, not "
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

// 70 codes: more than an optimized 'in' mask holds, so 'in' and '=' take the general paths.
std::vector<std::string> ManyCodes() {
  std::vector<std::string> codes;
  for (int i = 0; i < 70; ++i) codes.push_back("c" + std::to_string(i));
  return codes;
}

// Facts of every type, with rules over them in every aggregate, with household values, 'not'
// (a negated read), 'is missing', arithmetic, if(), a computed age, codes (in a mask, and too
// many for one) and dates.
std::vector<FactField> FactCatalogue() {
  return {{"medical", ValueType::Money()},
          {"fine", ValueType::Money(3)},
          {"dropout", ValueType::Boolean()},
          {"months", ValueType::Number(0)},
          {"score", ValueType::Number(2)},
          FactField::Code("state", {"new", "continuing", "ended"}),
          FactField::Code("grade", {"A", "B", "C", "D"}),
          FactField::Code("prior_state", {"new", "continuing", "ended"}),
          FactField::Code("place", ManyCodes()),
          {"changed_on", ValueType::Date()}};
}

Standard FactsStandard() {
  Standard s = DefaultStandard("facts");
  s.parameters.push_back({"day", CivilDate::FromYmd(2024, 9, 1), false, ""});
  s.parameters.push_back({"big", Money::FromYuan(20000), false, ""});
  auto rule = [&](std::string id, std::string when) {
    RuleDefinition r;
    r.id = std::move(id);
    r.when = std::move(when);
    s.rules.push_back(std::move(r));
  };
  rule("medical",
       "sum(member, dept.medical) > 0.5 * line or prev_net_income < "
       "sum(listed_member, dept.medical + dept.fine)");
  rule("dropout",
       "any(member, age_on(day) < 18 and dept.dropout) or "
       "all(listed_member, not dept.dropout and dept.months = 0)");
  rule("months",
       "max(member, dept.months) * 1000 > net_income or "
       "count(member, dept.dropout is missing) >= 2");
  rule("score", "min(listed_member, dept.score * 2 - dept.months) < -1 and not medical");
  rule("mixed",
       "sum(member, if(dept.dropout, dept.medical, dept.score * 100)) between 1000 "
       "and big or any(member, dept.fine > net_income * 0.1 and not dept.dropout)");
  rule("state",
       "count(listed_member, dept.state = 'new' or dept.grade in ('C', 'D')) >= 2 or "
       "any(member, dept.state != dept.prior_state and dept.grade not in ('A'))");
  rule("place",
       "any(member, dept.place in ('c3', 'c64', 'c69') or dept.place = 'c1') or "
       "all(listed_member, dept.place != 'c65' and if(dept.dropout, dept.state, 'ended') = "
       "'ended')");
  rule("changed",
       "max(listed_member, dept.changed_on) >= 2025-01-01 or any(member, dept.changed_on "
       "between 2023-06-01 and 2024-06-01 and dept.changed_on is not missing) or "
       "count(member, age_on(dept.changed_on) < 18) >= 2");
  s.rules[0].risks.push_back({"R01", "any(member, dept.medical > rigid_medical)", 0});
  s.rules[1].risks.push_back({"R02", "count(member, dept.dropout) >= 1", 0});
  s.rules[1].risks.push_back({"R99", "", 0});
  s.types.push_back({"sudden_hardship", "medical or mixed", 0});
  s.types.push_back({"guarantee_gap", "dropout or sum(member, dept.months) > 12", 0});
  return s;
}

void CheckAgreement(const Standard& standard, uint64_t seed, std::vector<FactField> facts = {}) {
  auto compiled = Compile(standard, facts);
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
  const FactColumns fact_columns = RandomFacts(rng, facts, s);
  const FactColumns* f = facts.empty() ? nullptr : &fact_columns;

  const ScreenOutcome one = ScreenAll(s, c, 1, f);
  const ScreenOutcome two = ScreenAll(s, c, 2, f);
  EXPECT_EQ(one.fired, two.fired);
  EXPECT_EQ(one.type, two.type);
  EXPECT_EQ(one.risks, two.risks);
  EXPECT_EQ(one.screened, two.screened);

  std::vector<uint32_t> subset;
  for (uint32_t i = n; i-- > 0;) {
    if (rng() % 3 == 0) subset.push_back(i);
  }
  const ScreenOutcome some = ScreenRows(s, c, subset, f);
  for (size_t k = 0; k < subset.size(); ++k) {
    const uint32_t row = subset[k];
    ASSERT_EQ(some.fired[k], one.fired[row]) << s.household_id(row);
    ASSERT_EQ(some.type[k], one.type[row]) << s.household_id(row);
    ASSERT_EQ(some.risks[k], one.risks[row]) << s.household_id(row);
  }

  std::vector<uint32_t> all(n);
  for (uint32_t i = 0; i < n; ++i) all[i] = i;
  const auto vectorized = RuleTruths(s, c, all, true, f);
  const auto scalar = RuleTruths(s, c, all, false, f);
  int unknown = 0;
  std::vector<int> fired_by_rule(c.rule_count());
  int fired = 0;
  for (uint32_t i = 0; i < n; ++i) {
    ASSERT_EQ(vectorized[i], scalar[i]) << s.household_id(i);
    const HouseholdExplanation e = Explain(s, i, c, f);
    ASSERT_EQ(e.screened, one.screened[i] != 0);
    uint32_t bits = 0;
    for (size_t r = 0; r < e.rules.size(); ++r) {
      const Truth t = e.rules[r].result;
      if (e.screened) {
        const uint8_t expected = scalar[i][r];
        ASSERT_EQ(t == Truth::kTrue, expected == kTruthTrue)
            << s.household_id(i) << " " << c.rule_id(r);
        ASSERT_EQ(t == Truth::kUnknown, expected == kTruthUnknown) << s.household_id(i);
      }
      if (t == Truth::kTrue) bits |= uint32_t{1} << r;
      unknown += t == Truth::kUnknown ? 1 : 0;
    }
    ASSERT_EQ(bits, one.fired[i]) << s.household_id(i);
    fired += bits != 0 ? 1 : 0;
    for (size_t r = 0; r < c.rule_count(); ++r) fired_by_rule[r] += (bits >> r) & 1;
    const std::string type = one.type[i] == kNoType ? "" : c.type_code(one.type[i]);
    ASSERT_EQ(e.proposed_type, type) << s.household_id(i);
  }
  // The random registry exercises the interesting cases.
  EXPECT_GT(unknown, 100);
  EXPECT_GT(fired, 500);
  for (size_t r = 0; r < c.rule_count(); ++r) {  // every rule decides something
    EXPECT_GT(fired_by_rule[r], 0) << c.rule_id(r);
    EXPECT_LT(fired_by_rule[r], static_cast<int>(n)) << c.rule_id(r);
  }
  EXPECT_LT(fired, static_cast<int>(n));
}

TEST(Agreement, ShippedStandard) {
  const Standard* standard = FindBuiltinStandard("63", "", 2024);
  ASSERT_NE(standard, nullptr);
  CheckAgreement(*standard, 1);
}

TEST(Agreement, EveryKindOfExpression) { CheckAgreement(EveryKindStandard(), 2); }

TEST(Agreement, EveryKindOfExpressionOtherSeed) { CheckAgreement(EveryKindStandard(), 3); }

TEST(Agreement, DepartmentFacts) { CheckAgreement(FactsStandard(), 4, FactCatalogue()); }

TEST(Agreement, DepartmentFactsOtherSeed) { CheckAgreement(FactsStandard(), 5, FactCatalogue()); }

// A member condition evaluated person by person (scalar) folds to what the executor computes
// for any / all / count over listed_member of the same condition; given the person's facts
// alone (person_facts) it has the same value as with the fact columns.
TEST(Agreement, MemberConditionsAgreeWithAggregates) {
  const std::vector<FactField> facts = FactCatalogue();
  auto compiled = Compile(FactsStandard(), facts);
  ASSERT_TRUE(compiled.ok()) << compiled.status().message();
  const CompiledStandard& c = **compiled;
  std::mt19937_64 rng(6);
  std::vector<registry::HouseholdRecord> records;
  for (int i = 0; i < 2300; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "M%06d", i);
    records.push_back(RandomHousehold(rng, id));
  }
  auto snapshot = BuildTestSnapshot(std::move(records));
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  const registry::Snapshot& s = **snapshot;
  const FactColumns columns = RandomFacts(rng, facts, s);
  const auto n = static_cast<uint32_t>(s.households());
  std::vector<uint32_t> all(n);
  for (uint32_t i = 0; i < n; ++i) all[i] = i;
  for (const char* condition :
       {"dept.medical > prev_net_income * 0.25", "not dept.dropout and age_on(2024-09-01) < 18",
        "dept.score * 100 + dept.months between net_income * 0.01 and line",
        "if(status = 'lifted', dept.fine, dept.medical) >= rigid_medical or dept.dropout",
        "dept.dropout is missing or health in ('serious', 'disabled') and dept.months > 3",
        "dept.state = 'new' or dept.grade in ('C', 'D') and dept.state != dept.prior_state",
        "dept.place not in ('c0', 'c63', 'c64') and dept.place != 'c69' and dept.state != 'ended'",
        "dept.changed_on < 2024-06-01 or age_on(dept.changed_on) >= 40 and dept.grade = 'A'"}) {
    auto member = CompileMemberCondition(condition, c, facts);
    ASSERT_TRUE(member.ok()) << member.status().message();
    const std::string text(condition);
    auto any = CompileExpression(c, "any(listed_member, " + text + ")");
    auto every = CompileExpression(c, "all(listed_member, " + text + ")");
    auto count = CompileExpression(c, "count(listed_member, " + text + ")");
    ASSERT_TRUE(any.ok() && every.ok() && count.ok()) << condition;
    const auto any_v = EvaluateVectorized(s, c, *any, all, &columns);
    const auto all_v = EvaluateVectorized(s, c, *every, all, &columns);
    const auto count_v = EvaluateVectorized(s, c, *count, all, &columns);
    int truths[3] = {0, 0, 0};
    std::vector<int64_t> person(facts.size());  // the person's facts alone, as warnings give them
    for (uint32_t h = 0; h < n; ++h) {
      uint8_t some = kTruthFalse;
      uint8_t each = kTruthTrue;
      int64_t holds = 0;
      for (uint32_t m = s.member_begin()[h]; m < s.member_begin()[h + 1]; ++m) {
        const Truth t = EvaluateMemberCondition(*member, s, &columns, h, m);
        for (size_t f = 0; f < facts.size(); ++f) person[f] = columns.Get(f, m);
        ASSERT_EQ(EvaluateMemberCondition(*member, s, person, h, m), t)
            << condition << " " << s.household_id(h) << " " << m;
        const uint8_t v = t == Truth::kTrue    ? kTruthTrue
                          : t == Truth::kFalse ? kTruthFalse
                                               : kTruthUnknown;
        some = std::max(some, v);
        each = std::min(each, v);
        holds += t == Truth::kTrue ? 1 : 0;
        ++truths[static_cast<int>(t)];
      }
      ASSERT_EQ(any_v[h].value, some) << condition << " " << s.household_id(h);
      ASSERT_EQ(all_v[h].value, each) << condition << " " << s.household_id(h);
      ASSERT_EQ(count_v[h].value, holds) << condition << " " << s.household_id(h);
    }
    EXPECT_GT(truths[static_cast<int>(Truth::kTrue)], 50) << condition;
    EXPECT_GT(truths[static_cast<int>(Truth::kFalse)], 50) << condition;
  }
}

}  // namespace
}  // namespace xianjie::rules
