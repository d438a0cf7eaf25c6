// + - * and unary minus on int64 units with static scales. Overflow makes the row missing
// (semantics.h), never a wrapped number. Each operation has its own loop, with a constant
// operand kept in a register, so that the common cases (equal scales, money times a constant)
// are a plain checked operation over one or two arrays.
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

template <bool kConstY, typename Op>
Vec Loop(const Vec& a, const Vec& b, NodeState& st, uint32_t cap, Sel sel, Op op) {
  int64_t* __restrict out = st.Data(cap);
  uint8_t* __restrict valid = st.Valid(cap);
  const int64_t* __restrict x = a.data;
  const int64_t* __restrict y = b.data;
  const uint8_t* __restrict vx = a.valid;
  const uint8_t* __restrict vy = b.valid;
  const int64_t y0 = y[0];
  const uint8_t vy0 = vy[0];
  uint8_t all = 1;
  ForEach(sel, [&](uint32_t i) {
    int64_t r = 0;
    const bool ok = op(x[i], kConstY ? y0 : y[i], &r);
    out[i] = r;
    const auto v = static_cast<uint8_t>(vx[i] & (kConstY ? vy0 : vy[i]) & static_cast<uint8_t>(ok));
    valid[i] = v;
    all &= v;
  });
  return {out, valid, nullptr, all != 0};
}

template <typename Op>
Vec Shapes(const Vec& a, const Vec& b, NodeState& st, uint32_t cap, Sel sel, bool commutes, Op op) {
  if (b.constant) return Loop<true>(a, b, st, cap, sel, op);
  if (a.constant && commutes) return Loop<true>(b, a, st, cap, sel, op);
  return Loop<false>(a, b, st, cap, sel, op);
}

}  // namespace

Vec ExecuteArithmetic(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec a = r.Eval(n.children[0], sel);
  const Vec b = r.Eval(n.children[1], sel);
  const uint32_t cap = r.Capacity(n);
  const int64_t fa = n.factor[0];
  const int64_t fb = n.factor[1];
  switch (static_cast<ArithmeticOp>(n.op)) {
    case ArithmeticOp::kMultiply:
      return Shapes(a, b, st, cap, sel, true, [](int64_t x, int64_t y, int64_t* out) {
        return !__builtin_mul_overflow(x, y, out);
      });
    case ArithmeticOp::kAdd:
      if (fa == 1 && fb == 1) {
        return Shapes(a, b, st, cap, sel, true, [](int64_t x, int64_t y, int64_t* out) {
          return !__builtin_add_overflow(x, y, out);
        });
      }
      return Shapes(a, b, st, cap, sel, false, [fa, fb](int64_t x, int64_t y, int64_t* out) {
        return ScaledAdd(x, fa, y, fb, false, out);
      });
    case ArithmeticOp::kSubtract:
      if (fa == 1 && fb == 1) {
        return Shapes(a, b, st, cap, sel, false, [](int64_t x, int64_t y, int64_t* out) {
          return !__builtin_sub_overflow(x, y, out);
        });
      }
      return Shapes(a, b, st, cap, sel, false, [fa, fb](int64_t x, int64_t y, int64_t* out) {
        return ScaledAdd(x, fa, y, fb, true, out);
      });
  }
  return {};
}

Vec ExecuteNegate(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec a = r.Eval(n.children[0], sel);
  const uint32_t cap = r.Capacity(n);
  int64_t* out = st.Data(cap);
  uint8_t* valid = st.Valid(cap);
  uint8_t all = 1;
  ForEach(sel, [&](uint32_t i) {
    int64_t v = 0;
    const bool ok = Negate(a.data[i], &v);
    out[i] = v;
    valid[i] = static_cast<uint8_t>(a.valid[i] & static_cast<uint8_t>(ok));
    all &= valid[i];
  });
  return {out, valid, nullptr, all != 0};
}

}  // namespace xianjie::rules
