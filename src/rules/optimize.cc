// The optimizer: from a bound plan to the plan the vectorized executor runs. It folds every
// maximal constant subtree (parameters are constants) with the scalar evaluator, turns code
// equality and 'in' lists into sets, and count(member) into the members column.
#include <algorithm>
#include <utility>
#include <vector>

#include "rules/binder.h"
#include "rules/names.h"
#include "rules/scalar_eval.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

class Optimizer {
 public:
  explicit Optimizer(const BoundExpression& in) : in_(in), folder_(in, ScalarInputs{}) {
    out_.text = in.text;
    out_.optimized = true;
  }

  BoundExpression Run() {
    out_.root = Copy(in_.root);
    for (const BoundNode& n : out_.nodes) {
      if (n.kind == BoundKind::kAggregate) out_.has_aggregates = true;
      if (n.kind == BoundKind::kBroadcast) out_.has_broadcast = true;
    }
    return std::move(out_);
  }

 private:
  const BoundNode& In(int i) const { return in_.nodes[static_cast<size_t>(i)]; }

  int Emit(BoundNode n) {
    out_.nodes.push_back(std::move(n));
    return static_cast<int>(out_.nodes.size() - 1);
  }

  int Copy(int index) {
    const BoundNode& src = In(index);
    if (src.constant) {
      BoundNode c;
      c.kind = BoundKind::kConstant;
      c.type = src.type;
      c.domain = src.domain;
      c.span = src.span;
      c.constant = true;
      const ScalarValue v = folder_.Eval(index, -1);
      c.value = v.value;
      c.valid = v.valid;
      c.name = src.name;
      return Emit(std::move(c));
    }
    BoundNode n = src;
    for (int32_t& child : n.children) child = Copy(child);
    if (n.kind == BoundKind::kCompare) return CompareToSet(std::move(n));
    if (n.kind == BoundKind::kIn) return InToSet(std::move(n));
    if (n.kind == BoundKind::kAggregate && n.children.empty() &&
        static_cast<AggregateKind>(n.op) == AggregateKind::kCount) {
      n.kind = BoundKind::kHouseholdField;
      n.field = static_cast<uint8_t>(n.listed ? HouseholdField::kListedMembers
                                              : HouseholdField::kMembers);
    }
    return Emit(std::move(n));
  }

  const BoundNode& Out(int i) const { return out_.nodes[static_cast<size_t>(i)]; }

  // code = 'c' and code != 'c' become a one-code set.
  int CompareToSet(BoundNode n) {
    const auto op = static_cast<CompareOp>(n.op);
    const BoundNode& a = Out(n.children[0]);
    const BoundNode& b = Out(n.children[1]);
    if (a.type.kind != TypeKind::kCode || (op != CompareOp::kEqual && op != CompareOp::kNotEqual) ||
        (!a.constant && !b.constant)) {
      return Emit(std::move(n));
    }
    const BoundNode& c = a.constant ? a : b;
    n.kind = BoundKind::kIn;
    n.negated = op == CompareOp::kNotEqual;
    n.mask = c.valid ? uint64_t{1} << c.value : 0;
    n.set_has_missing = !c.valid;
    n.children = {a.constant ? n.children[1] : n.children[0]};
    n.factor[0] = 1;
    return Emit(std::move(n));
  }

  int InToSet(BoundNode n) {
    const ValueType tx = Out(n.children[0]).type;
    int scale = tx.numeric() ? tx.scale : 0;
    for (size_t i = 1; i < n.children.size(); ++i) {
      const ValueType t = Out(n.children[i]).type;
      if (t.numeric()) scale = std::max<int>(scale, t.scale);
    }
    n.factor[0] = tx.numeric() ? Pow10(scale - tx.scale) : 1;
    for (size_t i = 1; i < n.children.size(); ++i) {
      const BoundNode& v = Out(n.children[i]);
      if (!v.valid) {
        n.set_has_missing = true;
        continue;
      }
      if (tx.kind == TypeKind::kCode) {
        n.mask |= uint64_t{1} << v.value;
      } else {
        const int64_t f = v.type.numeric() ? Pow10(scale - v.type.scale) : 1;
        n.set.push_back(static_cast<Int128>(v.value) * f);
      }
    }
    n.children.resize(1);
    return Emit(std::move(n));
  }

  const BoundExpression& in_;
  ScalarEvaluator folder_;
  BoundExpression out_;
};

}  // namespace

BoundExpression Optimize(const BoundExpression& bound) { return Optimizer(bound).Run(); }

}  // namespace xianjie::rules
