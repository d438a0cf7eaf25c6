// Screens batches under a compiled standard on one thread: the rules in order (each rule's
// result stays available to the later rules and to types and risks), then the proposed type of
// the households where something fired, then the risk each fired rule suggests.
#ifndef XIANJIE_RULES_EXECUTOR_STANDARD_RUNNER_H_
#define XIANJIE_RULES_EXECUTOR_STANDARD_RUNNER_H_

#include <cstdint>
#include <vector>

#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/executor/batch.h"
#include "rules/executor/expression_runner.h"
#include "rules/facts.h"

namespace xianjie::rules {

class StandardRunner {
 public:
  // All must outlive the runner. `facts` (aligned with `snapshot`, facts.h) may be null: every
  // fact then reads 0 / false.
  StandardRunner(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                 const FactColumns* facts = nullptr);
  StandardRunner(const StandardRunner&) = delete;
  StandardRunner& operator=(const StandardRunner&) = delete;

  // Screens the `sel` rows of the batch of household rows [base, base + count). Outputs are
  // indexed by batch row and written for every row of the batch (0 / kNoType where not
  // selected). `type` and `risks` may be null to skip types and risks. With `screened`
  // (indexed by batch row), rules run on every selected row but fire only where it is 1, and
  // types and risks follow the fired rules: ScreenAll evaluates whole batches densely that way.
  void Run(uint32_t base, uint32_t count, Sel sel, uint32_t* fired, uint8_t* type, uint16_t* risks,
           const uint8_t* screened = nullptr);

  // The batch, with the rules' results of the last Run (for extra expressions).
  Batch& batch() { return batch_; }

 private:
  void RunTypes(Sel sel, const uint32_t* fired, uint8_t* type);
  void RunRisks(Sel sel, const uint32_t* fired, uint16_t* risks);

  const CompiledStandard& standard_;
  Batch batch_;
  std::vector<ExpressionRunner> rules_;
  std::vector<ExpressionRunner> types_;
  std::vector<std::vector<ExpressionRunner>> risks_;  // per rule, per suggestion (always: unused)
  std::vector<uint32_t> rows_[3];                     // selection scratch
};

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_EXECUTOR_STANDARD_RUNNER_H_
