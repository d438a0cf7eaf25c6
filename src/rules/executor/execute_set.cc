// 'in' over a constant set (codes as a bit mask — a fact's codes only when they fit one —, other
// values as a sorted-free list compared exactly) and 'is missing'. 'x in (...)' is true if x equals
// a listed value, unknown if x is missing or a listed value is, else false — exactly 'x = v1 or x =
// v2 ...'.
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {

Vec ExecuteIn(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec x = r.Eval(n.children[0], sel);
  uint8_t* out = st.Truth(r.Capacity(n));
  const uint8_t not_found = n.set_has_missing ? kTruthUnknown : kTruthFalse;
  const uint8_t flip = n.negated ? kTruthTrue : 0;  // t -> 2 - t when negated
  auto finish = [flip](uint8_t t) { return static_cast<uint8_t>(flip != 0 ? kTruthTrue - t : t); };
  const ValueType tx = r.node(n.children[0]).type;
  if (tx.kind == TypeKind::kCode && r.plan().CodesInMask(tx)) {
    const uint64_t mask = n.mask;
    ForEach(sel, [&](uint32_t i) {
      const bool found = ((mask >> (static_cast<uint64_t>(x.data[i]) & 63)) & 1) != 0;
      const uint8_t t = x.valid[i] == 0 ? kTruthUnknown : found ? kTruthTrue : not_found;
      out[i] = finish(t);
    });
    return {nullptr, nullptr, out};
  }
  const int64_t fx = n.factor[0];
  const Int128* values = n.set.data();
  const size_t count = n.set.size();
  ForEach(sel, [&](uint32_t i) {
    uint8_t t = not_found;
    if (x.valid[i] == 0) {
      t = kTruthUnknown;
    } else {
      const Int128 v = static_cast<Int128>(x.data[i]) * fx;
      for (size_t k = 0; k < count; ++k) {
        if (values[k] == v) t = kTruthTrue;
      }
    }
    out[i] = finish(t);
  });
  return {nullptr, nullptr, out};
}

Vec ExecuteIsMissing(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec x = r.Eval(n.children[0], sel);
  uint8_t* out = st.Truth(r.Capacity(n));
  const bool negated = n.negated;
  if (x.truth != nullptr) {
    ForEach(sel, [&](uint32_t i) { out[i] = TruthOf((x.truth[i] == kTruthUnknown) != negated); });
  } else {
    ForEach(sel, [&](uint32_t i) { out[i] = TruthOf((x.valid[i] == 0) != negated); });
  }
  return {nullptr, nullptr, out};
}

}  // namespace xianjie::rules
