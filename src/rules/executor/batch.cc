// Batch bookkeeping: member range, capacities, the member-to-household map.
#include "rules/executor/batch.h"

#include <algorithm>

namespace xianjie::rules {

Batch::Batch(const registry::Snapshot& snapshot, size_t rules)
    : snapshot_(&snapshot), member_capacity_(4 * kBatchSize), rule_truth_(rules, nullptr) {
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
    member_rows_.resize(member_capacity_);
    const uint32_t* mb = snapshot_->member_begin() + base_;
    for (uint32_t i = 0; i < count_; ++i) {
      std::fill(member_rows_.begin() + (mb[i] - member_base_),
                member_rows_.begin() + (mb[i + 1] - member_base_), i);
    }
    member_rows_ready_ = true;
  }
  return member_rows_.data();
}

}  // namespace xianjie::rules
