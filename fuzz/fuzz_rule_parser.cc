// Fuzzes the rule language: any input is lexed, parsed and bound against the parameters, rules
// and department facts of a fixed standard without crashing; every error is kInvalidArgument
// with a caret message; and whatever binds is evaluated over a few fixed households (with facts)
// by the vectorized executor (dense and sparse) and the scalar evaluator, which must agree. The
// input is also compiled as a member condition; where it is one, its value for each person
// (scalar) must fold to the executor's any / count over listed_member of the same condition.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/id_number.h"
#include "base/money.h"
#include "registry/snapshot_build.h"
#include "rules/compiled_standard.h"
#include "rules/expression.h"
#include "rules/facts.h"
#include "rules/member_condition.h"
#include "rules/parser.h"
#include "rules/scalar_eval.h"

namespace {

using namespace xianjie;  // NOLINT(google-build-using-namespace): a fuzz target

void Check(bool ok) {
  if (!ok) std::abort();
}

std::vector<rules::FactField> FixedFacts() {
  return {{"medical", rules::ValueType::Money()},
          {"dropout", rules::ValueType::Boolean()},
          {"months", rules::ValueType::Number(0)},
          {"score", rules::ValueType::Number(2)},
          rules::FactField::Code("state", {"new", "continuing", "ended"}),
          {"changed_on", rules::ValueType::Date()}};
}

std::shared_ptr<const rules::CompiledStandard> FixedStandard() {
  rules::Standard s;
  s.origin = "fuzz";
  s.line = Money::FromYuan(7500);
  s.line_definition.amount = s.line;
  s.parameters = {
      {"income_drop_fraction", rules::Decimal{5, 1}, false, ""},
      {"share", rules::Decimal{125, 3}, false, ""},
      {"rural_income_prev_year", Money::FromYuan(15300), false, ""},
      {"school_reference_date", CivilDate::FromYmd(2024, 9, 1), false, ""},
      {"compulsory_age_min", int64_t{6}, false, ""},
      {"compulsory_age_max", int64_t{15}, false, ""},
      {"strict", true, false, ""},
  };
  s.rules.push_back({"poor", "", "", "net_income < line * members", {}, 1});
  s.rules.push_back({"drop",
                     "",
                     "",
                     "prev_net_income > 0 and net_income < prev_net_income * "
                     "(1 - income_drop_fraction)",
                     {},
                     2});
  s.rules.push_back({"sick", "", "", "sum(member, dept.medical) > 0.5 * line", {}, 3});
  auto compiled = rules::Compile(s, FixedFacts());
  Check(compiled.ok());
  return *compiled;
}

std::shared_ptr<const registry::Snapshot> FixedSnapshot() {
  std::vector<registry::HouseholdRecord> records;
  const int64_t wages[] = {0, 749999, 1500000, 100000000000000000, 3000000};
  for (int h = 0; h < 5; ++h) {
    registry::HouseholdRecord r;
    r.household.household_id = "H" + std::to_string(h);
    r.household.status =
        h % 2 ? registry::HouseholdStatus::kLifted : registry::HouseholdStatus::kOrdinary;
    r.household.wage_income = Money::FromFen(wages[h]);
    if (h != 1) r.household.prev_net_income = Money::FromFen(2000000 - 900000 * h);
    r.household.rigid_medical = Money::FromFen(h * 400000);
    r.household.housing_safe = h != 3;
    for (int m = 0; m < h; ++m) {
      registry::Member p;
      p.birth_date = CivilDate::FromYmd(2008 + m, m == 1 ? 2 : 9, m == 1 ? 29 : 1 + m);
      p.id_number = MakeIdNumber("630102", p.birth_date, h * 10 + m);
      p.relation = m == 0 ? registry::Relation::kHead : registry::Relation::kChild;
      p.labor = static_cast<registry::Labor>(m % 5);
      p.enrolled = m % 2 == 0;
      p.med_insured = m != 2;
      p.shares_household = m != 3;
      r.members.push_back(std::move(p));
    }
    registry::Canonicalize(r);
    records.push_back(std::move(r));
  }
  auto snapshot = registry::BuildSnapshot(records);
  Check(snapshot.ok());
  return *snapshot;
}

// Every fact for every member: 0 / false, values near the line, an overflowing pair, unknown,
// every code and no code, dates and no date.
std::shared_ptr<const rules::FactColumns> FixedFactColumns(const registry::Snapshot& snapshot) {
  auto facts = std::make_shared<rules::FactColumns>(FixedFacts(), snapshot.members());
  const int64_t medical[] = {0, 900000, 765001, INT64_MAX / 2 + 1, -150};
  const int64_t dropout[] = {rules::kTruthFalse, rules::kTruthTrue, rules::kTruthUnknown};
  for (uint32_t m = 0; m < snapshot.members(); ++m) {
    Check(facts->Set(0, m, medical[m % 5]).ok());
    Check(facts->Set(1, m, dropout[m % 3]).ok());
    Check(facts->Set(2, m, m % 4 == 0 ? 0 : m).ok());
    Check(facts->Set(3, m, 125 - 50 * static_cast<int64_t>(m)).ok());
    Check(facts->Set(4, m, m % 4).ok());
    Check(facts->Set(5, m, m % 3 == 0 ? 0 : 20230101 + 10000 * (m % 3) + m % 28).ok());
  }
  return facts;
}

rules::Truth TruthOf(int64_t t) {
  return t == rules::kTruthTrue    ? rules::Truth::kTrue
         : t == rules::kTruthFalse ? rules::Truth::kFalse
                                   : rules::Truth::kUnknown;
}

// The input as a member condition, against the executor's aggregates over the same condition,
// and given each person's facts alone (where it reads no fact inside an aggregate).
void CheckMemberCondition(std::string_view text, const rules::CompiledStandard& standard,
                          const registry::Snapshot& snapshot, const rules::FactColumns& facts,
                          const std::vector<uint32_t>& all) {
  auto member = rules::CompileMemberCondition(text, standard, FixedFacts());
  if (!member.ok()) {
    Check(member.status().code() == StatusCode::kInvalidArgument);
    Check(member.status().message().find('^') != std::string::npos);
    return;
  }
  const std::string inner(text);
  auto any = rules::CompileExpression(standard, "any(listed_member, (" + inner + "))");
  auto count = rules::CompileExpression(standard, "count(listed_member, (" + inner + "))");
  const bool comparable = any.ok() && count.ok();  // not when the condition has an aggregate
  std::vector<rules::ScalarValue> any_v, count_v;
  if (comparable) {
    any_v = rules::EvaluateVectorized(snapshot, standard, *any, all, &facts);
    count_v = rules::EvaluateVectorized(snapshot, standard, *count, all, &facts);
  }
  for (uint32_t h = 0; h < snapshot.households(); ++h) {
    int64_t some = rules::kTruthFalse;
    int64_t holds = 0;
    for (uint32_t m = snapshot.member_begin()[h]; m < snapshot.member_begin()[h + 1]; ++m) {
      const rules::Truth t = rules::EvaluateMemberCondition(*member, snapshot, &facts, h, m);
      const rules::MemberConditionExplanation e =
          rules::ExplainMemberCondition(*member, snapshot, &facts, h, m);
      Check(e.result == t);
      if (!rules::NeedsFactColumns(*member)) {
        std::vector<int64_t> person;
        for (size_t f = 0; f < facts.fields().size(); ++f) person.push_back(facts.Get(f, m));
        Check(rules::EvaluateMemberCondition(*member, snapshot, person, h, m) == t);
        Check(rules::ExplainMemberCondition(*member, snapshot, person, h, m).because == e.because);
      }
      const int64_t v = t == rules::Truth::kTrue    ? rules::kTruthTrue
                        : t == rules::Truth::kFalse ? rules::kTruthFalse
                                                    : rules::kTruthUnknown;
      some = std::max(some, v);
      holds += t == rules::Truth::kTrue ? 1 : 0;
    }
    if (comparable) {
      Check(TruthOf(any_v[h].value) == TruthOf(some));
      Check(count_v[h].value == holds);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto standard = FixedStandard();
  static const auto snapshot = FixedSnapshot();
  static const auto facts = FixedFactColumns(*snapshot);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::vector<uint32_t> all = {0, 1, 2, 3, 4};
  CheckMemberCondition(text, *standard, *snapshot, *facts, all);

  auto ast = rules::Parse(text);
  if (!ast.ok()) {
    Check(ast.status().code() == StatusCode::kInvalidArgument);
    Check(ast.status().message().find('^') != std::string::npos);
    return 0;
  }
  auto expression = rules::CompileExpression(*standard, text);
  if (!expression.ok()) {
    Check(expression.status().code() == StatusCode::kInvalidArgument);
    Check(expression.status().message().find('^') != std::string::npos);
    return 0;
  }
  const std::vector<uint32_t> some = {3, 1};
  const auto scalar = rules::EvaluateScalar(*snapshot, *standard, *expression, all, facts.get());
  const auto dense = rules::EvaluateVectorized(*snapshot, *standard, *expression, all, facts.get());
  const auto sparse =
      rules::EvaluateVectorized(*snapshot, *standard, *expression, some, facts.get());
  const rules::ValueType type = expression->type();
  const std::vector<rules::FactField>& f = expression->plans.bound.facts;
  for (size_t i = 0; i < all.size(); ++i) {
    Check(rules::FormatValue(type, scalar[i], f) == rules::FormatValue(type, dense[i], f));
  }
  for (size_t k = 0; k < some.size(); ++k) {
    Check(rules::FormatValue(type, scalar[some[k]], f) == rules::FormatValue(type, sparse[k], f));
  }
  return 0;
}
