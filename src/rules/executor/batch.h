// One batch of the executor: a range of household rows of the snapshot, the range of their
// members (the CSR rows member_begin[base] .. member_begin[base + count]), and what every
// expression evaluated on it shares: the rules' results so far, an all-valid vector, the
// member-to-household map, the department facts. One Batch per thread, reused from batch to
// batch.
#ifndef XIANJIE_RULES_EXECUTOR_BATCH_H_
#define XIANJIE_RULES_EXECUTOR_BATCH_H_

#include <cstdint>
#include <vector>

#include "registry/snapshot.h"
#include "rules/executor/vector.h"
#include "rules/facts.h"

namespace xianjie::rules {

class Batch {
 public:
  // `facts` (may be null: every fact reads 0 / false) must be aligned with `snapshot`
  // (facts.h) and outlive the batch.
  Batch(const registry::Snapshot& snapshot, size_t rules, const FactColumns* facts = nullptr);

  // Starts the batch of household rows [base, base + count), count <= kBatchSize.
  void Start(uint32_t base, uint32_t count);

  const registry::Snapshot& snapshot() const { return *snapshot_; }
  const FactColumns* facts() const { return facts_; }
  uint32_t base() const { return base_; }
  uint32_t count() const { return count_; }
  uint32_t member_base() const { return member_base_; }
  uint32_t member_count() const { return member_count_; }
  // Rows a member-domain vector must hold (>= member_count(); only grows).
  uint32_t member_capacity() const { return member_capacity_; }

  // 1 for every row of either domain.
  const uint8_t* ones() const { return ones_.data(); }
  // Batch row of each member of the batch (built on first use in a batch).
  const uint32_t* member_rows();

  // The result of rule r for this batch's rows, set when the rule has run.
  const uint8_t* rule_truth(size_t r) const { return rule_truth_[r]; }
  void set_rule_truth(size_t r, const uint8_t* truth) { rule_truth_[r] = truth; }

 private:
  const registry::Snapshot* snapshot_;
  const FactColumns* facts_;
  uint32_t base_ = 0;
  uint32_t count_ = 0;
  uint32_t member_base_ = 0;
  uint32_t member_count_ = 0;
  uint32_t member_capacity_ = 0;
  std::vector<uint8_t> ones_;
  std::vector<uint32_t> member_rows_;
  bool member_rows_ready_ = false;
  std::vector<const uint8_t*> rule_truth_;
};

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_EXECUTOR_BATCH_H_
