// Member aggregates and broadcasts. An aggregate evaluates its inner expression on the members
// of the selected households (all members of the batch as one dense range when every household
// is selected, else a list built from the CSR ranges), then folds each household's range,
// skipping members with shares_household = 0 unless it ranges over listed_member. A broadcast
// evaluates a household-level subexpression for the aggregate's households and hands each
// member its household's value.
#include "registry/snapshot.h"
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

// Members of the selected households, relative to the batch's first member.
Sel MemberSelection(Batch& b, Sel households, bool listed, NodeState& st) {
  if (households.dense() && households.count == b.count()) return {nullptr, b.member_count()};
  const uint32_t* mb = b.snapshot().member_begin() + b.base();
  const uint8_t* shares = b.snapshot().member_shares_household() + b.member_base();
  const uint32_t first = b.member_base();
  uint32_t* rows = st.Rows(0, b.member_capacity());
  uint32_t k = 0;
  ForEach(households, [&](uint32_t i) {
    for (uint32_t m = mb[i] - first; m < mb[i + 1] - first; ++m) {
      rows[k] = m;
      k += (listed || shares[m] != 0) ? 1 : 0;
    }
  });
  return {rows, k};
}

// Folds the members of each selected household with `step(acc, member) -> acc`.
template <typename Acc, typename Step>
void Fold(Batch& b, Sel households, bool listed, Acc init, Step step, Acc* out) {
  const uint32_t* mb = b.snapshot().member_begin() + b.base();
  const uint8_t* shares = b.snapshot().member_shares_household() + b.member_base();
  const uint32_t first = b.member_base();
  ForEach(households, [&](uint32_t i) {
    Acc acc = init;
    const uint32_t end = mb[i + 1] - first;
    for (uint32_t m = mb[i] - first; m < end; ++m) {
      if (listed || shares[m] != 0) acc = step(acc, m);
    }
    out[i] = acc;
  });
}

struct Sum {
  int64_t value;
  bool valid;
};

}  // namespace

Vec ExecuteAggregate(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  Batch& b = r.batch();
  const bool listed = n.listed;
  const Sel members = MemberSelection(b, sel, listed, st);
  Vec v;
  if (!n.children.empty() && members.count > 0) {
    const Sel saved = r.aggregate_rows();
    r.set_aggregate_rows(sel);
    v = r.Eval(n.children[0], members);
    r.set_aggregate_rows(saved);
  }
  const uint32_t cap = kBatchSize;
  switch (static_cast<AggregateKind>(n.op)) {
    case AggregateKind::kAny:
    case AggregateKind::kAll: {
      uint8_t* out = st.Truth(cap);
      const bool any = static_cast<AggregateKind>(n.op) == AggregateKind::kAny;
      const uint8_t* t = v.truth;
      if (any) {
        Fold<uint8_t>(
            b, sel, listed, kTruthFalse, [t](uint8_t a, uint32_t m) { return KleeneOr(a, t[m]); },
            out);
      } else {
        Fold<uint8_t>(
            b, sel, listed, kTruthTrue, [t](uint8_t a, uint32_t m) { return KleeneAnd(a, t[m]); },
            out);
      }
      return {nullptr, nullptr, out};
    }
    case AggregateKind::kCount: {
      int64_t* out = st.Data(cap);
      const uint8_t* t = v.truth;
      if (t == nullptr) {
        Fold<int64_t>(
            b, sel, listed, 0, [](int64_t a, uint32_t) { return a + 1; }, out);
      } else {
        Fold<int64_t>(
            b, sel, listed, 0,
            [t](int64_t a, uint32_t m) { return a + (t[m] == kTruthTrue ? 1 : 0); }, out);
      }
      return {out, b.ones(), nullptr};
    }
    case AggregateKind::kSum: {
      int64_t* out = st.Data(cap);
      uint8_t* valid = st.Valid(cap);
      const int64_t* d = v.data;
      const uint8_t* dv = v.valid;
      const uint32_t* mb = b.snapshot().member_begin() + b.base();
      const uint8_t* shares = b.snapshot().member_shares_household() + b.member_base();
      const uint32_t first = b.member_base();
      ForEach(sel, [&](uint32_t i) {
        Sum acc{0, true};
        for (uint32_t m = mb[i] - first; m < mb[i + 1] - first; ++m) {
          if (!listed && shares[m] == 0) continue;
          int64_t next = 0;
          const bool ok = !__builtin_add_overflow(acc.value, d[m], &next);
          acc.value = next;
          acc.valid = acc.valid && ok && dv[m] != 0;
        }
        out[i] = acc.value;
        valid[i] = acc.valid ? 1 : 0;
      });
      return {out, valid, nullptr};
    }
    case AggregateKind::kMin:
    case AggregateKind::kMax: {
      int64_t* out = st.Data(cap);
      uint8_t* valid = st.Valid(cap);
      const bool min = static_cast<AggregateKind>(n.op) == AggregateKind::kMin;
      const int64_t* d = v.data;
      const uint8_t* dv = v.valid;
      const uint32_t* mb = b.snapshot().member_begin() + b.base();
      const uint8_t* shares = b.snapshot().member_shares_household() + b.member_base();
      const uint32_t first = b.member_base();
      ForEach(sel, [&](uint32_t i) {
        int64_t acc = 0;
        bool seen = false;
        bool ok = true;
        for (uint32_t m = mb[i] - first; m < mb[i + 1] - first; ++m) {
          if (!listed && shares[m] == 0) continue;
          ok = ok && dv[m] != 0;
          if (!seen || (min ? d[m] < acc : d[m] > acc)) acc = d[m];
          seen = true;
        }
        out[i] = acc;
        valid[i] = seen && ok ? 1 : 0;
      });
      return {out, valid, nullptr};
    }
  }
  return {};
}

Vec ExecuteBroadcast(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec h = r.Eval(n.children[0], r.aggregate_rows());
  Batch& b = r.batch();
  const uint32_t* row = b.member_rows();
  const uint32_t cap = b.member_capacity();
  if (h.truth != nullptr) {
    uint8_t* out = st.Truth(cap);
    ForEach(sel, [&](uint32_t m) { out[m] = h.truth[row[m]]; });
    return {nullptr, nullptr, out};
  }
  int64_t* out = st.Data(cap);
  uint8_t* valid = st.Valid(cap);
  ForEach(sel, [&](uint32_t m) {
    out[m] = h.data[row[m]];
    valid[m] = h.valid[row[m]];
  });
  return {out, valid, nullptr};
}

}  // namespace xianjie::rules
