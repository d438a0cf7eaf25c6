// Batch bookkeeping: member range, capacities, the member-to-household map.
#include "rules/executor/batch.h"

#include <algorithm>

namespace xianjie::rules {

Batch::Batch(const registry::Snapshot& snapshot, size_t rules, const FactColumns* facts)
    : snapshot_(&snapshot),
      facts_(facts),
      member_capacity_(4 * kBatchSize),
      rule_truth_(rules, nullptr) {
  CheckFactsAligned(snapshot, facts);
  ones_.assign(std::max(kBatchSize, member_capacity_), 1);
}

void Batch::Start(uint32_t base, uint32_t count) {
  base_ = base;
  count_ = count;
  const uint32_t* mb = snapshot_->member_begin();
  member_base_ = mb[base];
  member_count_ = mb[base + count] - member_base_;
  if (member_count_ > member_capacity_) {
    member_capacity_ = std::max(member_count_, member_capacity_ * 2);
    ones_.assign(std::max(kBatchSize, member_capacity_), 1);
  }
  member_rows_ready_ = false;
}

const uint32_t* Batch::member_rows() {
  if (!member_rows_ready_) {
    // Without a loop per household: mark where each household after the first begins, then a
    // running sum gives every member the number of households that began at or before it.
    member_rows_.resize(member_capacity_);
    uint32_t* rows = member_rows_.data();
    std::fill(rows, rows + member_count_, 0u);
    const uint32_t* mb = snapshot_->member_begin() + base_;
    for (uint32_t i = 1; i < count_; ++i) {
      const uint32_t start = mb[i] - member_base_;
      if (start < member_count_) ++rows[start];
    }
    uint32_t running = 0;
    for (uint32_t m = 0; m < member_count_; ++m) {
      running += rows[m];
      rows[m] = running;
    }
    member_rows_ready_ = true;
  }
  return member_rows_.data();
}

}  // namespace xianjie::rules
