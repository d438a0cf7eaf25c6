// Kleene 'not', 'and', 'or' on truth bytes (false 0 < unknown 1 < true 2: 'and' is min, 'or'
// max). 'and' and 'or' narrow the selection for their right side to the rows the left side
// has not decided; when nothing is decided the right side keeps the caller's (dense)
// selection.
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

// `decided`: the left value that settles the row (kTruthFalse for 'and', kTruthTrue for 'or').
template <typename Combine>
Vec ShortCircuit(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel, uint8_t decided,
                 Combine combine) {
  const Vec left = r.Eval(n.children[0], sel);
  const uint32_t cap = r.Capacity(n);
  uint8_t* out = st.Truth(cap);
  uint32_t* rest = st.Rows(0, cap);
  uint32_t k = 0;
  const uint8_t* l = left.truth;
  ForEach(sel, [&](uint32_t i) {
    out[i] = l[i];
    rest[k] = i;
    k += l[i] != decided ? 1 : 0;
  });
  if (k == 0) return {nullptr, nullptr, out};
  const Sel right_sel = k == sel.count ? sel : Sel{rest, k};
  const Vec right = r.Eval(n.children[1], right_sel);
  const uint8_t* rt = right.truth;
  ForEach(right_sel, [&](uint32_t i) { out[i] = combine(out[i], rt[i]); });
  return {nullptr, nullptr, out};
}

}  // namespace

Vec ExecuteNot(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec x = r.Eval(n.children[0], sel);
  uint8_t* out = st.Truth(r.Capacity(n));
  const uint8_t* t = x.truth;
  ForEach(sel, [&](uint32_t i) { out[i] = KleeneNot(t[i]); });
  return {nullptr, nullptr, out};
}

Vec ExecuteAnd(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  return ShortCircuit(r, n, st, sel, kTruthFalse,
                      [](uint8_t a, uint8_t b) { return KleeneAnd(a, b); });
}

Vec ExecuteOr(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  return ShortCircuit(r, n, st, sel, kTruthTrue,
                      [](uint8_t a, uint8_t b) { return KleeneOr(a, b); });
}

}  // namespace xianjie::rules
