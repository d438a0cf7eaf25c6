// Runs one optimized plan (bound_plan.h) over the batches of a thread: the per-run state of the
// DuckDB-style executor. The plan is shared and immutable; each runner owns one NodeState per
// node (result buffers and selection scratch), allocated once and reused, so that nothing is
// allocated per row and (after the first batches) nothing per batch.
//
// Evaluation is lazy where the language allows it: 'and' evaluates its right side only on the
// rows where the left is not false, 'or' where it is not true, 'if' each branch only on its
// rows, member aggregates their inner expression only on the members of the selected
// households. One file per node kind holds its kernel (execute_*.cc).
#ifndef XIANJIE_RULES_EXECUTOR_EXPRESSION_RUNNER_H_
#define XIANJIE_RULES_EXECUTOR_EXPRESSION_RUNNER_H_

#include <cstdint>
#include <vector>

#include "rules/bound_plan.h"
#include "rules/executor/batch.h"
#include "rules/executor/vector.h"

namespace xianjie::rules {

// Buffers of one node, sized to its domain's capacity on demand.
struct NodeState {
  std::vector<int64_t> data;
  std::vector<uint8_t> valid;
  std::vector<uint8_t> truth;
  std::vector<uint32_t> rows[2];  // selection scratch
  std::vector<uint64_t> counts;   // aggregates: running counts over the members
  uint32_t filled = 0;            // constants: rows already filled

  int64_t* Data(uint32_t n) { return Grow(data, n); }
  uint8_t* Valid(uint32_t n) { return Grow(valid, n); }
  uint8_t* Truth(uint32_t n) { return Grow(truth, n); }
  uint32_t* Rows(int k, uint32_t n) { return Grow(rows[k], n); }
  uint64_t* Counts(uint32_t n) { return Grow(counts, n); }

 private:
  template <typename T>
  static T* Grow(std::vector<T>& v, uint32_t n) {
    if (v.size() < n) v.resize(n);
    return v.data();
  }
};

class ExpressionRunner {
 public:
  // `plan` must be optimized and outlive the runner; `batch` too.
  ExpressionRunner(const BoundExpression& plan, Batch* batch);

  // The root's value on the selected household rows of the current batch.
  Vec Run(Sel households) { return Eval(plan_->root, households); }

  // For the kernels.
  Vec Eval(int index, Sel sel);
  const BoundNode& node(int index) const { return plan_->nodes[static_cast<size_t>(index)]; }
  const BoundExpression& plan() const { return *plan_; }
  Batch& batch() { return *batch_; }
  // Rows a vector of the node's domain must hold.
  uint32_t Capacity(const BoundNode& n) const {
    return n.domain == Domain::kMember ? batch_->member_capacity() : kBatchSize;
  }
  // The household rows of the aggregate being evaluated (for broadcasts).
  Sel aggregate_rows() const { return aggregate_rows_; }
  void set_aggregate_rows(Sel rows) { aggregate_rows_ = rows; }

 private:
  const BoundExpression* plan_;
  Batch* batch_;
  std::vector<NodeState> states_;
  Sel aggregate_rows_;
};

// The kernels, one per node kind; each computes node `n` on `sel` into `st` (or returns
// pointers into the snapshot's columns when no computation is needed).
Vec ExecuteConstant(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteHouseholdField(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteMemberField(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteFactField(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteRuleRef(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteAgeOn(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteAgeRange(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteArithmetic(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteNegate(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteCompare(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteBetween(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteIn(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteIsMissing(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteNot(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteAnd(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteOr(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteIf(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteAggregate(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);
Vec ExecuteBroadcast(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_EXECUTOR_EXPRESSION_RUNNER_H_
