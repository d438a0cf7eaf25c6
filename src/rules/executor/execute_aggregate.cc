// Member aggregates and broadcasts. An aggregate evaluates its inner expression on the members
// of the selected households (all members of the batch as one dense range when every household
// is selected, else a list built from the CSR ranges), then folds each household's range,
// skipping members with shares_household = 0 unless it ranges over listed_member.
//
// any, all and count over the whole batch fold without a loop per household: a scan over the
// members adds each deciding member (true for any and count, false for all, or unknown) to its
// household's count word (true or false in the low 32 bits, unknown in the high 32). That
// avoids a mispredicted loop exit per household, and skips the common neutral members in
// blocks of eight. A broadcast evaluates a household-level
// subexpression for the aggregate's households and hands each member its household's value.
#include <cstring>

#include "registry/snapshot.h"
#include "rules/executor/expression_runner.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

// Members of the selected households, relative to the batch's first member.
Sel MemberSelection(Batch& b, Sel households, bool listed, NodeState& st) {
  if (households.dense()) return {nullptr, b.member_count()};
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

// Where a member counts: shares[m] for `member`, always for `listed_member`.
struct Members {
  const uint32_t* begin;  // CSR bounds of the batch's households, absolute
  const uint8_t* shares;  // relative to the batch's first member
  uint32_t first;         // the batch's first member
};

Members MembersOf(Batch& b) {
  return {b.snapshot().member_begin() + b.base(),
          b.snapshot().member_shares_household() + b.member_base(), b.member_base()};
}

// any / all / count for every household of the batch. `counted` is the truth counted in the
// low half (kTruthTrue for any and count, kTruthFalse for all).
// The count word of a truth: 1 in the low half if it is `counted`, 1 in the high half if unknown.
struct CountWords {
  uint64_t word[4];
  CountWords(uint8_t counted) : word{0, 0, 0, 0} {
    word[counted] |= 1;
    word[kTruthUnknown] |= uint64_t{1} << 32;
  }
};

// Counts for every household of the batch. Only members whose truth differs from `neutral`
// (the value that counts nothing: false for any and count, true for all) add to their
// household's count, and such members are rare in practice, so the scan skips eight members
// at a time while all eight are neutral.
template <bool kListed>
void CountTruths(Batch& b, const Members& ms, uint32_t households, const uint8_t* t,
                 uint8_t counted, uint64_t* out) {
  const CountWords words(counted);
  const uint8_t neutral = counted == kTruthTrue ? kTruthFalse : kTruthTrue;
  const uint32_t members = b.member_count();
  for (uint32_t i = 0; i < households; ++i) out[i] = 0;
  // Members come in household order: a cursor finds the household of each deciding member.
  uint32_t h = 0;
  const auto visit = [&](uint32_t m) {
    if (t[m] == neutral || (!kListed && ms.shares[m] == 0)) return;
    while (ms.begin[h + 1] - ms.first <= m) ++h;
    out[h] += words.word[t[m] & 3];
  };
  const uint64_t pattern = uint64_t{0x0101010101010101} * neutral;
  uint32_t m = 0;
  for (; m + 8 <= members; m += 8) {
    uint64_t eight = 0;
    std::memcpy(&eight, t + m, sizeof eight);
    if (eight == pattern) continue;
    for (uint32_t k = 0; k < 8; ++k) visit(m + k);
  }
  for (; m < members; ++m) visit(m);
}

// The same for selected households only, member by member.
template <bool kListed>
void CountTruthsSparse(const Members& ms, Sel sel, const uint8_t* t, uint8_t counted,
                       uint64_t* out) {
  const CountWords words(counted);
  ForEach(sel, [&](uint32_t i) {
    uint64_t c = 0;
    const uint32_t end = ms.begin[i + 1] - ms.first;
    for (uint32_t m = ms.begin[i] - ms.first; m < end; ++m) {
      const uint64_t mask = kListed ? ~uint64_t{0} : uint64_t{0} - ms.shares[m];
      c += words.word[t[m] & 3] & mask;
    }
    out[i] = c;
  });
}

// sum, min or max of the selected households: `step(acc, m)` over the counted members.
template <bool kListed, typename Step>
void FoldValues(const Members& ms, Sel sel, Step step) {
  ForEach(sel, [&](uint32_t i) {
    const uint32_t end = ms.begin[i + 1] - ms.first;
    for (uint32_t m = ms.begin[i] - ms.first; m < end; ++m) {
      if (kListed || ms.shares[m] != 0) step(i, m);
    }
  });
}

Vec AnyAllCount(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel, const Vec& v) {
  Batch& b = r.batch();
  const Members ms = MembersOf(b);
  const auto kind = static_cast<AggregateKind>(n.op);
  const uint8_t counted = kind == AggregateKind::kAll ? kTruthFalse : kTruthTrue;
  uint64_t* per_household = st.Counts(kBatchSize);
  if (v.truth == nullptr) {  // no member selected at all: every count is 0
    ForEach(sel, [&](uint32_t i) { per_household[i] = 0; });
  } else if (sel.dense()) {
    if (n.listed) {
      CountTruths<true>(b, ms, sel.count, v.truth, counted, per_household);
    } else {
      CountTruths<false>(b, ms, sel.count, v.truth, counted, per_household);
    }
  } else if (n.listed) {
    CountTruthsSparse<true>(ms, sel, v.truth, counted, per_household);
  } else {
    CountTruthsSparse<false>(ms, sel, v.truth, counted, per_household);
  }
  if (kind == AggregateKind::kCount) {
    int64_t* out = st.Data(kBatchSize);
    ForEach(sel,
            [&](uint32_t i) { out[i] = static_cast<int64_t>(per_household[i] & 0xFFFFFFFFu); });
    return {out, b.ones(), nullptr};
  }
  uint8_t* out = st.Truth(kBatchSize);
  // any: some true -> true, else some unknown -> unknown, else false; all mirrors it.
  const uint8_t decided = kind == AggregateKind::kAll ? kTruthFalse : kTruthTrue;
  const uint8_t otherwise = kind == AggregateKind::kAll ? kTruthTrue : kTruthFalse;
  ForEach(sel, [&](uint32_t i) {
    const uint64_t c = per_household[i];
    const bool some = (c & 0xFFFFFFFFu) != 0;
    const bool unknown = (c >> 32) != 0;
    out[i] = some ? decided : unknown ? kTruthUnknown : otherwise;
  });
  return {nullptr, nullptr, out};
}

template <bool kListed>
Vec SumMinMax(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel, const Vec& v) {
  Batch& b = r.batch();
  const Members ms = MembersOf(b);
  int64_t* out = st.Data(kBatchSize);
  uint8_t* valid = st.Valid(kBatchSize);
  uint8_t* seen = st.Truth(kBatchSize);
  const int64_t* d = v.data;
  const uint8_t* dv = v.valid;
  const auto kind = static_cast<AggregateKind>(n.op);
  ForEach(sel, [&](uint32_t i) {
    out[i] = 0;
    valid[i] = 1;
    seen[i] = 0;
  });
  if (kind == AggregateKind::kSum) {
    FoldValues<kListed>(ms, sel, [&](uint32_t i, uint32_t m) {
      int64_t next = 0;
      const bool ok = !__builtin_add_overflow(out[i], d[m], &next);
      out[i] = next;
      valid[i] = static_cast<uint8_t>(valid[i] & dv[m] & static_cast<uint8_t>(ok));
    });
    return {out, valid, nullptr};
  }
  const bool min = kind == AggregateKind::kMin;
  FoldValues<kListed>(ms, sel, [&](uint32_t i, uint32_t m) {
    if (seen[i] == 0 || (min ? d[m] < out[i] : d[m] > out[i])) out[i] = d[m];
    seen[i] = 1;
    valid[i] = static_cast<uint8_t>(valid[i] & dv[m]);
  });
  ForEach(sel, [&](uint32_t i) { valid[i] = static_cast<uint8_t>(valid[i] & seen[i]); });
  return {out, valid, nullptr};
}

}  // namespace

Vec ExecuteAggregate(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  Batch& b = r.batch();
  const Sel members = MemberSelection(b, sel, n.listed, st);
  Vec v;
  if (!n.children.empty() && members.count > 0) {
    const Sel saved = r.aggregate_rows();
    r.set_aggregate_rows(sel);
    v = r.Eval(n.children[0], members);
    r.set_aggregate_rows(saved);
  }
  const auto kind = static_cast<AggregateKind>(n.op);
  if (kind == AggregateKind::kAny || kind == AggregateKind::kAll || kind == AggregateKind::kCount) {
    if (n.children.empty()) {  // count(member): every member counts as true
      int64_t* out = st.Data(kBatchSize);
      const Members ms = MembersOf(b);
      ForEach(sel, [&](uint32_t i) {
        int64_t c = 0;
        for (uint32_t m = ms.begin[i] - ms.first; m < ms.begin[i + 1] - ms.first; ++m) {
          c += n.listed || ms.shares[m] != 0 ? 1 : 0;
        }
        out[i] = c;
      });
      return {out, b.ones(), nullptr};
    }
    return AnyAllCount(r, n, st, sel, v);
  }
  if (members.count == 0) {  // no member anywhere: sums 0, min and max missing
    int64_t* out = st.Data(kBatchSize);
    uint8_t* valid = st.Valid(kBatchSize);
    const uint8_t present = kind == AggregateKind::kSum ? 1 : 0;
    ForEach(sel, [&](uint32_t i) {
      out[i] = 0;
      valid[i] = present;
    });
    return {out, valid, nullptr};
  }
  return n.listed ? SumMinMax<true>(r, n, st, sel, v) : SumMinMax<false>(r, n, st, sel, v);
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
