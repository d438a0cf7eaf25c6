// The optimizer: from a bound plan to the plan the vectorized executor runs. It folds every
// maximal constant subtree (parameters are constants) with the scalar evaluator, turns code
// equality and 'in' lists into sets, count(member) into the members column, and 'not' of a
// boolean field or fact into a negated read.
#include <algorithm>
#include <climits>
#include <optional>
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
    out_.member_context = in.member_context;
    out_.facts = in.facts;
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
    if (n.kind == BoundKind::kNot) {
      // not <boolean field>: read the column negated, one pass instead of two.
      BoundNode& c = out_.nodes[static_cast<size_t>(n.children[0])];
      if ((c.kind == BoundKind::kHouseholdField || c.kind == BoundKind::kMemberField ||
           c.kind == BoundKind::kFactField) &&
          !c.negated) {
        c.negated = true;
        c.span = n.span;
        return n.children[0];
      }
    }
    if (n.kind == BoundKind::kBetween || n.kind == BoundKind::kCompare) {
      const int range = AgeRange(n);
      if (range >= 0) return range;
    }
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

  // A present integer constant (scale 0), or nullopt.
  std::optional<int64_t> Integer(int index) const {
    const BoundNode& c = Out(index);
    if (c.kind != BoundKind::kConstant || !c.valid || c.type.kind != TypeKind::kNumber ||
        c.type.scale != 0) {
      return std::nullopt;
    }
    return c.value;
  }
  // The constant date of age_on(constant date), or nullopt.
  std::optional<int64_t> AgeOnConstant(int index) const {
    const BoundNode& a = Out(index);
    if (a.kind != BoundKind::kAgeOn) return std::nullopt;
    const BoundNode& d = Out(a.children[0]);
    if (d.kind != BoundKind::kConstant || !d.valid) return std::nullopt;
    return d.value;
  }

  // age_on(D) between lo and hi, or compared with a constant, becomes a range of birth dates:
  // with YearsOn(D, B) = (D - B) / 10000 (0 before the birth), age >= lo <=> B <= D - lo*10000
  // (always when lo <= 0) and age <= hi <=> B > D - (hi+1)*10000 (never when hi < 0). One
  // comparison of the int32 birth column instead of computing ages. -1 if the shape differs.
  int AgeRange(const BoundNode& n) {
    constexpr Int128 kInf = Int128{1} << 80;
    std::optional<int64_t> date;
    Int128 lo = -kInf;
    Int128 hi = kInf;
    bool negated = n.negated;
    if (n.kind == BoundKind::kBetween) {
      date = AgeOnConstant(n.children[0]);
      const std::optional<int64_t> a = Integer(n.children[1]);
      const std::optional<int64_t> b = Integer(n.children[2]);
      if (!date || !a || !b) return -1;
      lo = *a;
      hi = *b;
    } else {
      auto op = static_cast<CompareOp>(n.op);
      std::optional<int64_t> k = Integer(n.children[1]);
      date = AgeOnConstant(n.children[0]);
      if (!date) {  // constant op age: mirror it
        date = AgeOnConstant(n.children[1]);
        k = Integer(n.children[0]);
        op = op == CompareOp::kLess           ? CompareOp::kGreater
             : op == CompareOp::kLessEqual    ? CompareOp::kGreaterEqual
             : op == CompareOp::kGreater      ? CompareOp::kLess
             : op == CompareOp::kGreaterEqual ? CompareOp::kLessEqual
                                              : op;
      }
      if (!date || !k) return -1;
      switch (op) {
        case CompareOp::kEqual:
          lo = hi = *k;
          break;
        case CompareOp::kNotEqual:
          lo = hi = *k;
          negated = true;
          break;
        case CompareOp::kLess:
          hi = Int128{*k} - 1;
          break;
        case CompareOp::kLessEqual:
          hi = *k;
          break;
        case CompareOp::kGreater:
          lo = Int128{*k} + 1;
          break;
        case CompareOp::kGreaterEqual:
          lo = *k;
          break;
      }
    }
    const Int128 d = *date;
    const Int128 low = hi >= kInf ? -kInf : hi < 0 ? kInf : d - (hi + 1) * 10000;
    const Int128 high = lo <= 0 ? kInf : d - lo * 10000;
    auto clamp = [](Int128 v) {
      return static_cast<int32_t>(std::clamp<Int128>(v, INT32_MIN, INT32_MAX));
    };
    BoundNode r;
    r.kind = BoundKind::kAgeRange;
    r.type = ValueType::Boolean();
    r.domain = n.domain;
    r.span = n.span;
    r.uses_member = true;
    r.negated = negated;
    r.low = clamp(low);
    r.high = clamp(high);
    return Emit(std::move(r));
  }

  // code = 'c' and code != 'c' become a one-code set (codes that fit the mask).
  int CompareToSet(BoundNode n) {
    const auto op = static_cast<CompareOp>(n.op);
    const BoundNode& a = Out(n.children[0]);
    const BoundNode& b = Out(n.children[1]);
    if (a.type.kind != TypeKind::kCode || !out_.CodesInMask(a.type) ||
        (op != CompareOp::kEqual && op != CompareOp::kNotEqual) || (!a.constant && !b.constant)) {
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
      if (tx.kind == TypeKind::kCode && out_.CodesInMask(tx)) {
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
