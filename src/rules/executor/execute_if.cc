// if(condition, a, b): each branch is evaluated only on its own rows (a where the condition is
// true; b where it is false or unknown), then merged, rescaled to the result's scale (an
// overflow there makes the row missing).
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {

Vec ExecuteIf(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec cond = r.Eval(n.children[0], sel);
  const uint32_t cap = r.Capacity(n);
  uint32_t* then_rows = st.Rows(0, cap);
  uint32_t* else_rows = st.Rows(1, cap);
  uint32_t nt = 0;
  uint32_t ne = 0;
  const uint8_t* c = cond.truth;
  ForEach(sel, [&](uint32_t i) {
    const bool pick = c[i] == kTruthTrue;
    then_rows[nt] = i;
    else_rows[ne] = i;
    nt += pick ? 1 : 0;
    ne += pick ? 0 : 1;
  });
  const Sel then_sel = nt == sel.count ? sel : Sel{then_rows, nt};
  const Sel else_sel = ne == sel.count ? sel : Sel{else_rows, ne};
  Vec a;
  Vec b;
  if (nt > 0) a = r.Eval(n.children[1], then_sel);
  if (ne > 0) b = r.Eval(n.children[2], else_sel);
  if (n.type.kind == TypeKind::kBoolean) {
    uint8_t* out = st.Truth(cap);
    if (nt > 0) ForEach(then_sel, [&](uint32_t i) { out[i] = a.truth[i]; });
    if (ne > 0) ForEach(else_sel, [&](uint32_t i) { out[i] = b.truth[i]; });
    return {nullptr, nullptr, out};
  }
  int64_t* out = st.Data(cap);
  uint8_t* valid = st.Valid(cap);
  auto copy = [&](const Vec& v, Sel rows, int64_t factor) {
    if (factor == 1) {
      ForEach(rows, [&](uint32_t i) {
        out[i] = v.data[i];
        valid[i] = v.valid[i];
      });
    } else {
      ForEach(rows, [&](uint32_t i) {
        int64_t x = 0;
        const bool ok = Multiply(v.data[i], factor, &x);
        out[i] = x;
        valid[i] = static_cast<uint8_t>(v.valid[i] & static_cast<uint8_t>(ok));
      });
    }
  };
  if (nt > 0) copy(a, then_sel, n.factor[0]);
  if (ne > 0) copy(b, else_sel, n.factor[1]);
  return {out, valid, nullptr};
}

}  // namespace xianjie::rules
