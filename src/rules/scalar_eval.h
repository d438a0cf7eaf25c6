// The scalar evaluator: one household at a time, straight down the bound plan, every node
// evaluated (no short cuts). It is the reference the vectorized executor is tested against,
// folds constants for the optimizer, and traces values for explanations.
#ifndef XIANJIE_RULES_SCALAR_EVAL_H_
#define XIANJIE_RULES_SCALAR_EVAL_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "registry/snapshot.h"
#include "rules/bound_plan.h"
#include "rules/explain.h"
#include "rules/facts.h"

namespace xianjie::rules {

// A value of any type: booleans hold their truth in `value` (valid is then always true).
struct ScalarValue {
  int64_t value = 0;
  bool valid = true;
  bool operator==(const ScalarValue&) const = default;
};

// The Truth of a boolean's `value` (kTruthFalse, kTruthUnknown or kTruthTrue).
inline Truth ToTruth(int64_t t) {
  return t == kTruthTrue ? Truth::kTrue : t == kTruthFalse ? Truth::kFalse : Truth::kUnknown;
}

// Where the inputs come from. Without a snapshot only constant plans can be evaluated.
struct ScalarInputs {
  const registry::Snapshot* snapshot = nullptr;
  uint32_t row = 0;
  std::span<const uint8_t> rule_truth;  // truth of each earlier rule for this household
  // The department facts of the snapshot's members (aligned with `snapshot`); nullptr: every
  // fact reads no value (0, false, missing dates, no code).
  const FactColumns* facts = nullptr;
  // A member condition's person: a member row of household `row`, whose values the member
  // fields outside aggregates read. -1 for household expressions.
  int64_t member = -1;
  // Instead of `facts`, the facts of the person `member` alone, one value per fact of the
  // plan's catalogue (BoundExpression::facts) in FactColumns' representation; then facts are
  // read only for that person (the facts of other members read no value).
  const int64_t* person_facts = nullptr;
};

class ScalarEvaluator {
 public:
  ScalarEvaluator(const BoundExpression& plan, const ScalarInputs& inputs)
      : plan_(plan), in_(inputs) {}

  // The value of node `index` (the root by default) for the household; `member` is the
  // member row inside an aggregate (or the person of a member condition), -1 outside. With
  // `term`, also describes the node and its sub-terms (broadcasts are transparent; an
  // aggregate's children are its members). Evaluate starts at inputs.member.
  ScalarValue Evaluate(ExplainedTerm* term = nullptr) { return Eval(plan_.root, in_.member, term); }
  ScalarValue Eval(int index, int64_t member, ExplainedTerm* term = nullptr);

  // Values of the nodes evaluated so far outside aggregates (indexed by node): the household's,
  // and in a member condition the person's; for renderers.
  const std::vector<ScalarValue>& household_values() const { return household_values_; }

 private:
  ScalarValue EvalNode(const BoundNode& n, int64_t member, ExplainedTerm* term);
  ScalarValue Field(const BoundNode& n, int64_t member) const;
  ScalarValue Aggregate(const BoundNode& n, ExplainedTerm* term);
  ScalarValue Child(const BoundNode& n, size_t i, int64_t member, ExplainedTerm* term);

  const BoundExpression& plan_;
  ScalarInputs in_;
  std::vector<ScalarValue> household_values_;
  int aggregate_depth_ = 0;  // > 0 while an aggregate evaluates its members
};

// The value as explanations and tests write it: "true", "false", "unknown", "missing",
// money as yuan with two decimals or more if its scale has more ("7500.00", "-0.50",
// "7499.995"), numbers with their scale ("0.5", "2"), dates "2024-09-01", codes "lifted". A
// fact's codes are named by `facts` (the plan's catalogue): the code ("new"), or "(none)" for
// a person without the fact.
std::string FormatValue(ValueType type, ScalarValue value, std::span<const FactField> facts = {});

// The one-line explanation of a plan evaluated by a ScalarEvaluator (its household_values()):
// leaves with their values, operands of and/or/not with theirs in brackets, then the result:
// "net_income 14999.99 < line 7500.00 × members 2 → true". Implemented in explain.cc.
std::string Because(const BoundExpression& plan, const std::vector<ScalarValue>& values);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_SCALAR_EVAL_H_
