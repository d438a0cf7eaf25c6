// + - * and unary minus on int64 units with static scales. Overflow makes the row missing
// (semantics.h), never a wrapped number. Each operation has its own loop so that the common
// case (equal scales) is a plain checked add over two arrays.
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

template <typename Op>
Vec Loop(const Vec& a, const Vec& b, NodeState& st, uint32_t cap, Sel sel, Op op) {
  int64_t* out = st.Data(cap);
  uint8_t* valid = st.Valid(cap);
  const int64_t* __restrict x = a.data;
  const int64_t* __restrict y = b.data;
  const uint8_t* __restrict vx = a.valid;
  const uint8_t* __restrict vy = b.valid;
  ForEach(sel, [&](uint32_t i) {
    int64_t r = 0;
    const bool ok = op(x[i], y[i], &r);
    out[i] = r;
    valid[i] = static_cast<uint8_t>(vx[i] & vy[i] & static_cast<uint8_t>(ok));
  });
  return {out, valid, nullptr};
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
      return Loop(a, b, st, cap, sel, [](int64_t x, int64_t y, int64_t* out) {
        return !__builtin_mul_overflow(x, y, out);
      });
    case ArithmeticOp::kAdd:
      if (fa == 1 && fb == 1) {
        return Loop(a, b, st, cap, sel, [](int64_t x, int64_t y, int64_t* out) {
          return !__builtin_add_overflow(x, y, out);
        });
      }
      return Loop(a, b, st, cap, sel, [fa, fb](int64_t x, int64_t y, int64_t* out) {
        return ScaledAdd(x, fa, y, fb, false, out);
      });
    case ArithmeticOp::kSubtract:
      if (fa == 1 && fb == 1) {
        return Loop(a, b, st, cap, sel, [](int64_t x, int64_t y, int64_t* out) {
          return !__builtin_sub_overflow(x, y, out);
        });
      }
      return Loop(a, b, st, cap, sel, [fa, fb](int64_t x, int64_t y, int64_t* out) {
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
  ForEach(sel, [&](uint32_t i) {
    int64_t v = 0;
    const bool ok = Negate(a.data[i], &v);
    out[i] = v;
    valid[i] = static_cast<uint8_t>(a.valid[i] & static_cast<uint8_t>(ok));
  });
  return {out, valid, nullptr};
}

}  // namespace xianjie::rules
