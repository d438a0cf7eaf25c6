// The coordination checks C01–C11 (decision 0008) kept in step with the plans: after every write
// that can change their answer for a household (a measure, its plan, its episode, its registry
// record) the checks run for that household alone and its coordination findings follow — a
// problem found is a finding opened (once per check and evidence), a finding whose problem is
// gone is closed by the system as corrected. A sweep runs them over a region (nightly in the
// server: C09 turns late with time alone). Findings live in the findings store of decision 0006
// with the C ids; the county may justify one (service::JustifyFinding), after which it no longer
// blocks the plan's completion.
#ifndef XIANJIE_SERVICE_COORDINATION_H_
#define XIANJIE_SERVICE_COORDINATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "exchange/exchange_store.h"
#include "service/workspace.h"

namespace xianjie::service {

struct CoordinationSync {
  int64_t opened = 0;  // findings opened by this run
  int64_t closed = 0;  // open findings closed because their problem is gone
  // The household's coordination findings that are open after the run, by id.
  std::vector<exchange::Finding> open;
};

// Runs the checks of assist::BuiltinCoordination for the household's open monitoring episode
// (the latest episode without an elimination) over the measures of its plan — those recorded in
// the episode's plan and those recorded without a plan — its registry record in the workspace's
// view (the store's current version when the view does not have it yet) and China's date of
// ws.Now(). Then, among the household's C findings: each problem not open nor justified for its
// evidence is opened (a problem that comes back after it was corrected opens anew, its evidence
// key numbered "…#2", "…#3"); each open finding whose problem is gone — or all of them when the
// household has no open episode — is resolved as corrected by "system" with a note saying so.
// A justified finding stays justified. No authorization, no audit: the callers (the service's
// writes, the sweep) have done theirs. Errors: the stores'.
Result<CoordinationSync> SyncCoordination(Workspace& ws, const std::string& household_id);

// Whether the household's plan may be completed: runs SyncCoordination, then
// kFailedPrecondition naming every open finding (its check, title and what to do) — "fix the
// plan, or ask the county to justify the finding" — when one is left; OK otherwise.
Status CoordinationGate(Workspace& ws, const std::string& household_id);

struct CoordinationSweep {
  int64_t households = 0;  // households looked at
  int64_t opened = 0;
  int64_t closed = 0;
};
// SyncCoordination for every household with an open episode in the region (a village code
// prefix; "" = all), and for every household of the region with an open C finding (so that an
// episode that ended closes its findings). For the server's nightly task and the CLI.
Result<CoordinationSweep> SweepCoordination(Workspace& ws, const std::string& region_prefix);

// SyncCoordination for every household with an open episode whose registry record changed in a
// batch after `batch_id` (an import's or an upload's batch: batch_id − 1).
Result<CoordinationSweep> SyncChangedSince(Workspace& ws, int64_t batch_id);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_COORDINATION_H_
