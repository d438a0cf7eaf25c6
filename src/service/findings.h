// Cross-check findings (疑点, decision 0006 "Checks and findings") through the service: the
// checks of config/checks.toml run over the workspace's registry and department facts, the
// findings listed by region for the officers who follow them up (ID numbers masked for the roles
// that do not see them whole), counted by state, and resolved by the village or township with a
// note. Running checks and resolving a finding are recorded in the audit log.
//
// Scope as in cases.h: an unknown finding is kNotFound for everyone; one outside the caller's
// scope is kPermissionDenied.
#ifndef XIANJIE_SERVICE_FINDINGS_H_
#define XIANJIE_SERVICE_FINDINGS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "access/role.h"
#include "base/status.h"
#include "exchange/check_run.h"
#include "exchange/exchange_store.h"
#include "service/common.h"
#include "service/coordination.h"
#include "service/workspace.h"

namespace xianjie::service {

// Runs the enabled checks of exchange::BuiltinChecks over the households of `region_prefix`
// (a village code prefix; "" = all) in the workspace's current view — or, when `upload_id` is
// not 0, over only the households that upload's rows matched — with the view's department facts,
// today = China's date of ws.Now(), and stores the findings. For the operator of the database
// (the CLI) and the upload pipeline: no authorization, no audit. Refresh the workspace first
// when the store may have changed. Errors: the stores', a check that does not compile.
Result<exchange::CheckRunReport> RunWorkspaceChecks(Workspace& ws, const std::string& region_prefix,
                                                    int64_t upload_id = 0);

struct ChecksRun {
  exchange::CheckRunReport data;    // the cross-checks Q…
  CoordinationSweep coordination;  // the plans' checks C01–C11
};
// check.run on `region` ("" = the caller's scope; else a region code of 2, 4, 6, 9 or 12
// digits inside it): refreshes the workspace, runs RunWorkspaceChecks and SweepCoordination
// over the region and records "check.run" with the region and the counts. kInvalidArgument for
// a bad code.
Result<ChecksRun> RunChecks(Workspace& ws, const access::Principal& principal,
                            const std::string& region);

// finding.read: the checks of config/checks.toml (exchange::BuiltinChecks), for the worklist's
// filter and its titles.
Result<const exchange::CheckSet*> ListChecks(const access::Principal& principal);

struct FindingQuery {
  std::string region;        // a region code prefix inside the scope; "" = the scope
  std::string check;         // "Q01", "C01" ...; "" = any
  // "data" (the cross-checks Q…, decision 0006) or "coordination" (the plans' checks C01–C11,
  // decision 0008); "" = both.
  std::string kind;
  std::string state;         // "open", "corrected", "confirmed", "justified"; "" = any
  std::string household_id;  // "" = any
  int64_t offset = 0;
  int64_t limit = 50;
};

struct FindingItem {
  // As stored, except that for roles that do not see whole ID numbers
  // (access::SeesFullIdNumbers) every ID number in `detail` and `evidence_key` is masked.
  exchange::Finding finding;
  // The check's titles (exchange::BuiltinChecks, or assist::BuiltinCoordination for C01–C11),
  // "" for an unknown check.
  std::string title_zh;
  std::string title_en;
  std::string village_name;  // from the region table; "" when it does not know the village
  std::string head_name;     // from the live snapshot; "" when the household has left it
  std::string source_title;  // the title of the evidence's source contract; "" when none
};

// finding.read: the findings of the query's region, open ones first (then by opening time and
// id), one page. kInvalidArgument for a bad region code, state or paging; kPermissionDenied
// for a region outside the scope.
Result<Page<FindingItem>> ListFindings(Workspace& ws, const access::Principal& principal,
                                       const FindingQuery& query);

struct FindingCounts {
  int64_t open = 0;
  int64_t corrected = 0;
  int64_t confirmed = 0;
  int64_t justified = 0;
};

// finding.read: how many findings of `region` ("" = the scope) are in each state.
Result<FindingCounts> CountFindings(Workspace& ws, const access::Principal& principal,
                                    const std::string& region);

// The household's coordination findings (C01–C11) that are open or justified, by id, as
// `principal` may see them — for the household's plan, whose reading the caller authorized.
Result<std::vector<FindingItem>> CoordinationFindingsOf(Workspace& ws,
                                                        const access::Principal& principal,
                                                        const std::string& household_id);

// finding.resolve on the finding's village (village and township officers): marks an open data
// finding `state` ("corrected": the data was wrong and has been corrected; "confirmed": the
// suspicion is real) with `note`, by the principal at ws.Now(); audited "finding.resolve" with
// the finding's id, state and note. kInvalidArgument for another state or an empty note (1..500
// characters), kNotFound for an unknown finding, kPermissionDenied outside the scope,
// kFailedPrecondition for one resolved before (saying by whom and how) and for a coordination
// finding (C01–C11: it closes when the plan is fixed, or the county justifies it). Returns the
// finding as the caller may see it.
Result<FindingItem> ResolveFinding(Workspace& ws, const access::Principal& principal,
                                   int64_t finding_id, std::string_view state,
                                   std::string_view note);

// plan.justify on the finding's village (county officers): marks an open coordination finding
// (C01–C11) justified with `note` — why the plan is right as it is — so that the plan may be
// completed; audited "plan.justify" with the finding's id, check, household and note. Errors as
// ResolveFinding's, and kFailedPrecondition for a data finding (the village resolves those).
Result<FindingItem> JustifyFinding(Workspace& ws, const access::Principal& principal,
                                   int64_t finding_id, std::string_view note);

// The same for the operator of the database (the CLI), as `user`: no role or scope; audited
// "finding.resolve" by `user`. Errors as ResolveFinding but kPermissionDenied.
Result<FindingItem> ResolveFindingAs(Workspace& ws, const std::string& user, int64_t finding_id,
                                     std::string_view state, std::string_view note);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_FINDINGS_H_
