// Comparisons and 'between'. A missing operand makes the comparison unknown. Equal scales
// compare int64 directly — with shorter loops when an operand is a constant or every row is
// present — and different scales compare exactly in 128 bits.
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

// out[i] = x[i] op y (y[i], or y[0] when kConstY); unknown where an operand is missing unless
// kAllValid. Branch-free.
template <bool kConstY, bool kAllValid, typename Cmp>
void CompareLoop(const Vec& a, const Vec& b, uint8_t* __restrict out, Sel sel, Cmp cmp) {
  const int64_t* __restrict x = a.data;
  const int64_t* __restrict y = b.data;
  const uint8_t* __restrict vx = a.valid;
  const uint8_t* __restrict vy = b.valid;
  const int64_t y0 = kConstY ? y[0] : 0;
  const uint8_t vy0 = kConstY ? vy[0] : 0;
  ForEach(sel, [&](uint32_t i) {
    const auto holds =
        static_cast<uint8_t>(cmp(x[i], kConstY ? y0 : y[i]) ? kTruthTrue : kTruthFalse);
    if (kAllValid) {
      out[i] = holds;
    } else {
      const auto ok = static_cast<uint8_t>(vx[i] & (kConstY ? vy0 : vy[i]));
      out[i] = static_cast<uint8_t>((holds & static_cast<uint8_t>(-ok)) | (ok ^ 1));
    }
  });
}

template <typename Cmp>
void CompareShapes(const Vec& a, const Vec& b, uint8_t* out, Sel sel, Cmp cmp) {
  const bool all_valid = a.all_valid && b.all_valid;
  if (b.constant) {
    if (all_valid) return CompareLoop<true, true>(a, b, out, sel, cmp);
    return CompareLoop<true, false>(a, b, out, sel, cmp);
  }
  if (all_valid) return CompareLoop<false, true>(a, b, out, sel, cmp);
  return CompareLoop<false, false>(a, b, out, sel, cmp);
}

// Each operator its own loop; tx and ty scale the operands (identity, or to 128 bits).
template <typename Tx, typename Ty>
void CompareOpLoop(CompareOp op, const Vec& a, const Vec& b, uint8_t* out, Sel sel, Tx tx, Ty ty) {
  switch (op) {
    case CompareOp::kEqual:
      return CompareShapes(a, b, out, sel, [=](int64_t x, int64_t y) { return tx(x) == ty(y); });
    case CompareOp::kNotEqual:
      return CompareShapes(a, b, out, sel, [=](int64_t x, int64_t y) { return tx(x) != ty(y); });
    case CompareOp::kLess:
      return CompareShapes(a, b, out, sel, [=](int64_t x, int64_t y) { return tx(x) < ty(y); });
    case CompareOp::kLessEqual:
      return CompareShapes(a, b, out, sel, [=](int64_t x, int64_t y) { return tx(x) <= ty(y); });
    case CompareOp::kGreater:
      return CompareShapes(a, b, out, sel, [=](int64_t x, int64_t y) { return tx(x) > ty(y); });
    case CompareOp::kGreaterEqual:
      return CompareShapes(a, b, out, sel, [=](int64_t x, int64_t y) { return tx(x) >= ty(y); });
  }
}

CompareOp Mirror(CompareOp op) {
  switch (op) {
    case CompareOp::kLess:
      return CompareOp::kGreater;
    case CompareOp::kLessEqual:
      return CompareOp::kGreaterEqual;
    case CompareOp::kGreater:
      return CompareOp::kLess;
    case CompareOp::kGreaterEqual:
      return CompareOp::kLessEqual;
    default:
      return op;
  }
}

// a op b into out: directly when the scales agree, else exactly in 128 bits.
void Compare(CompareOp op, const Vec& a, int64_t fa, const Vec& b, int64_t fb, uint8_t* out,
             Sel sel) {
  if (a.constant && !b.constant) return Compare(Mirror(op), b, fb, a, fa, out, sel);
  const auto same = [](int64_t v) { return v; };
  if (fa == 1 && fb == 1) return CompareOpLoop(op, a, b, out, sel, same, same);
  const auto wide_a = [fa](int64_t v) { return static_cast<Int128>(v) * fa; };
  const auto wide_b = [fb](int64_t v) { return static_cast<Int128>(v) * fb; };
  if (fb == 1) return CompareOpLoop(op, a, b, out, sel, wide_a, same);
  if (fa == 1) return CompareOpLoop(op, a, b, out, sel, same, wide_b);
  CompareOpLoop(op, a, b, out, sel, wide_a, wide_b);
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
  const uint8_t flip = n.negated ? kTruthTrue : 0;  // t -> 2 - t
  const bool plain = n.factor[0] == 1 && n.factor[1] == 1 && n.factor[2] == 1 && n.factor[3] == 1;
  if (plain && low.constant && high.constant && low.all_valid && high.all_valid) {
    // The usual shape, x between two constants: one loop.
    const int64_t lo = low.data[0];
    const int64_t hi = high.data[0];
    const int64_t* __restrict d = x.data;
    if (x.all_valid) {
      ForEach(sel, [&](uint32_t i) {
        const auto t = static_cast<uint8_t>(d[i] >= lo && d[i] <= hi ? kTruthTrue : kTruthFalse);
        out[i] = static_cast<uint8_t>(t ^ flip);
      });
    } else {
      const uint8_t* __restrict v = x.valid;
      ForEach(sel, [&](uint32_t i) {
        const auto t = static_cast<uint8_t>(d[i] >= lo && d[i] <= hi ? kTruthTrue : kTruthFalse);
        out[i] = v[i] != 0 ? static_cast<uint8_t>(t ^ flip) : kTruthUnknown;
      });
    }
    return {nullptr, nullptr, out};
  }
  uint8_t* upper = st.Valid(cap);  // scratch: x <= high
  Compare(CompareOp::kGreaterEqual, x, n.factor[0], low, n.factor[1], out, sel);
  Compare(CompareOp::kLessEqual, x, n.factor[2], high, n.factor[3], upper, sel);
  ForEach(sel, [&](uint32_t i) {
    const uint8_t t = KleeneAnd(out[i], upper[i]);
    out[i] = flip != 0 ? KleeneNot(t) : t;
  });
  return {nullptr, nullptr, out};
}

}  // namespace xianjie::rules
