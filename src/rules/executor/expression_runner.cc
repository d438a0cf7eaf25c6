// The runner's dispatch and the constant kernel.
#include "rules/executor/expression_runner.h"

#include <algorithm>

namespace xianjie::rules {

ExpressionRunner::ExpressionRunner(const BoundExpression& plan, Batch* batch)
    : plan_(&plan), batch_(batch), states_(plan.nodes.size()) {}

Vec ExpressionRunner::Eval(int index, Sel sel) {
  const BoundNode& n = node(index);
  NodeState& st = states_[static_cast<size_t>(index)];
  switch (n.kind) {
    case BoundKind::kConstant:
    case BoundKind::kParameter:
      return ExecuteConstant(*this, n, st, sel);
    case BoundKind::kHouseholdField:
      return ExecuteHouseholdField(*this, n, st, sel);
    case BoundKind::kMemberField:
      return ExecuteMemberField(*this, n, st, sel);
    case BoundKind::kFactField:
      return ExecuteFactField(*this, n, st, sel);
    case BoundKind::kRuleRef:
      return ExecuteRuleRef(*this, n, st, sel);
    case BoundKind::kArithmetic:
      return ExecuteArithmetic(*this, n, st, sel);
    case BoundKind::kNegate:
      return ExecuteNegate(*this, n, st, sel);
    case BoundKind::kCompare:
      return ExecuteCompare(*this, n, st, sel);
    case BoundKind::kBetween:
      return ExecuteBetween(*this, n, st, sel);
    case BoundKind::kIn:
      return ExecuteIn(*this, n, st, sel);
    case BoundKind::kIsMissing:
      return ExecuteIsMissing(*this, n, st, sel);
    case BoundKind::kNot:
      return ExecuteNot(*this, n, st, sel);
    case BoundKind::kAnd:
      return ExecuteAnd(*this, n, st, sel);
    case BoundKind::kOr:
      return ExecuteOr(*this, n, st, sel);
    case BoundKind::kIf:
      return ExecuteIf(*this, n, st, sel);
    case BoundKind::kAgeOn:
      return ExecuteAgeOn(*this, n, st, sel);
    case BoundKind::kAggregate:
      return ExecuteAggregate(*this, n, st, sel);
    case BoundKind::kBroadcast:
      return ExecuteBroadcast(*this, n, st, sel);
    case BoundKind::kAgeRange:
      return ExecuteAgeRange(*this, n, st, sel);
  }
  return {};
}

// Constants are written once per capacity, not per batch.
Vec ExecuteConstant(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel /*sel*/) {
  const uint32_t cap = r.Capacity(n);
  if (n.type.kind == TypeKind::kBoolean) {
    uint8_t* t = st.Truth(cap);
    if (st.filled < cap) std::fill(t, t + cap, static_cast<uint8_t>(n.value));
    st.filled = cap;
    return {nullptr, nullptr, t, true, true};
  }
  int64_t* d = st.Data(cap);
  uint8_t* v = st.Valid(cap);
  if (st.filled < cap) {
    std::fill(d, d + cap, n.value);
    std::fill(v, v + cap, static_cast<uint8_t>(n.valid ? 1 : 0));
  }
  st.filled = cap;
  return {d, v, nullptr, n.valid, true};
}

}  // namespace xianjie::rules
