// A screening run over the registry (DB mode, issue #3 §4): evaluate the registry's snapshot
// under a standard, compare with the previous run of the same province, county and year to mark
// new warnings, and store the run with its results. Incremental when the previous run used the
// same standard: only households changed since that run are evaluated (docs/decisions/0002).
#ifndef XIANJIE_RULES_SCREENING_RUN_H_
#define XIANJIE_RULES_SCREENING_RUN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/snapshot.h"
#include "registry/store.h"
#include "rules/compiled_standard.h"
#include "rules/screening.h"
#include "rules/screening_store.h"

namespace xianjie::rules {

struct ScreeningRequest {
  std::string user;
  bool allow_incremental = true;  // false: evaluate every household
  bool store_run = true;          // false: evaluate and compare, store nothing
  int threads = 2;
  std::string started_at;  // UTC ISO 8601 the run is stamped with; "" = the system clock now
  // The department facts dept.<fact> reads, aligned with the snapshot screened (facts.h);
  // nullptr: every fact reads 0 / false. A standard that names a fact is always screened in
  // full: facts change without a registry version (uploads, windows moving with the day).
  const FactColumns* facts = nullptr;
};

// Whether a condition of `standard` (a rule's, a risk suggestion's or a type's) reads a
// department fact, dept.<fact>: only then do the facts given to screening matter.
bool NamesFacts(const CompiledStandard& standard);

struct ScreeningRunResult {
  ScreeningRun run;  // run_id is 0 when not stored
  FullOutcome outcome;
  std::vector<HouseholdResult> results;  // flagged households, id order, new_warning set
  ScreeningTotals totals;
};

// Screens `snapshot` — the households of the standard's province (or county) as of
// `registry_batch`, the last batch committed before the snapshot was read — under `standard`.
// When the run is stored, its standard is stored too (PutStandard: once per content).
// Errors: those of the stores; kDataLoss if the previous run's results do not parse under its
// own standard.
Result<ScreeningRunResult> RunScreening(registry::Store& registry, ScreeningStore& runs,
                                        const registry::Snapshot& snapshot,
                                        int64_t registry_batch, const CompiledStandard& standard,
                                        const ScreeningRequest& request);

// Re-evaluates `changed_rows` and overwrites their results in `outcome` (the previous run's,
// aligned with `snapshot`): what an incremental run computes. Exposed for the benchmark.
void Rescreen(const registry::Snapshot& snapshot, const CompiledStandard& standard,
              std::span<const uint32_t> changed_rows, FullOutcome& outcome,
              const FactColumns* facts = nullptr);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_SCREENING_RUN_H_
