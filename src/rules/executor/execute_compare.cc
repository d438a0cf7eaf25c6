// Comparisons and 'between'. A missing operand makes the comparison unknown. Equal scales
// compare int64 directly; different scales compare exactly in 128 bits.
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

template <typename Cmp>
void CompareLoop(const Vec& a, const Vec& b, uint8_t* out, Sel sel, Cmp cmp) {
  const int64_t* __restrict x = a.data;
  const int64_t* __restrict y = b.data;
  const uint8_t* __restrict vx = a.valid;
  const uint8_t* __restrict vy = b.valid;
  ForEach(sel, [&](uint32_t i) {
    const uint8_t holds = static_cast<uint8_t>(cmp(x[i], y[i]) ? kTruthTrue : kTruthFalse);
    out[i] = (vx[i] & vy[i]) != 0 ? holds : kTruthUnknown;
  });
}

template <typename Sign>
void CompareOpLoop(CompareOp op, const Vec& a, const Vec& b, uint8_t* out, Sel sel, Sign sign) {
  switch (op) {
    case CompareOp::kEqual:
      return CompareLoop(a, b, out, sel, [&](int64_t x, int64_t y) { return sign(x, y) == 0; });
    case CompareOp::kNotEqual:
      return CompareLoop(a, b, out, sel, [&](int64_t x, int64_t y) { return sign(x, y) != 0; });
    case CompareOp::kLess:
      return CompareLoop(a, b, out, sel, [&](int64_t x, int64_t y) { return sign(x, y) < 0; });
    case CompareOp::kLessEqual:
      return CompareLoop(a, b, out, sel, [&](int64_t x, int64_t y) { return sign(x, y) <= 0; });
    case CompareOp::kGreater:
      return CompareLoop(a, b, out, sel, [&](int64_t x, int64_t y) { return sign(x, y) > 0; });
    case CompareOp::kGreaterEqual:
      return CompareLoop(a, b, out, sel, [&](int64_t x, int64_t y) { return sign(x, y) >= 0; });
  }
}

// a op b into out: direct when the scales agree, else through CompareScaled.
void Compare(CompareOp op, const Vec& a, int64_t fa, const Vec& b, int64_t fb, uint8_t* out,
             Sel sel) {
  if (fa == 1 && fb == 1) {
    CompareOpLoop(op, a, b, out, sel, [](int64_t x, int64_t y) { return (x > y) - (x < y); });
  } else {
    CompareOpLoop(op, a, b, out, sel,
                  [fa, fb](int64_t x, int64_t y) { return CompareScaled(x, fa, y, fb); });
  }
}

}  // namespace

Vec ExecuteCompare(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec a = r.Eval(n.children[0], sel);
  const Vec b = r.Eval(n.children[1], sel);
  uint8_t* out = st.Truth(r.Capacity(n));
  const auto op = static_cast<CompareOp>(n.op);
  if (a.truth != nullptr) {  // booleans: = and != only
    ForEach(sel, [&](uint32_t i) {
      const uint8_t x = a.truth[i];
      const uint8_t y = b.truth[i];
      const bool holds = (x == y) == (op == CompareOp::kEqual);
      out[i] = x == kTruthUnknown || y == kTruthUnknown ? kTruthUnknown : TruthOf(holds);
    });
    return {nullptr, nullptr, out};
  }
  Compare(op, a, n.factor[0], b, n.factor[1], out, sel);
  return {nullptr, nullptr, out};
}

Vec ExecuteBetween(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec x = r.Eval(n.children[0], sel);
  const Vec low = r.Eval(n.children[1], sel);
  const Vec high = r.Eval(n.children[2], sel);
  const uint32_t cap = r.Capacity(n);
  uint8_t* out = st.Truth(cap);
  uint8_t* upper = st.Valid(cap);  // scratch: x <= high
  Compare(CompareOp::kGreaterEqual, x, n.factor[0], low, n.factor[1], out, sel);
  Compare(CompareOp::kLessEqual, x, n.factor[2], high, n.factor[3], upper, sel);
  const bool negated = n.negated;
  ForEach(sel, [&](uint32_t i) {
    const uint8_t t = KleeneAnd(out[i], upper[i]);
    out[i] = negated ? KleeneNot(t) : t;
  });
  return {nullptr, nullptr, out};
}

}  // namespace xianjie::rules
