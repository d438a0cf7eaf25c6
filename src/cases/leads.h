// Leads (DOMAIN.md §5.1; docs/decisions/0005, "Leads"): what a screening run, an application or
// a cadre's visit raises, and where it goes — a new case, the household's open case, or its
// monitoring episode.
#ifndef XIANJIE_CASES_LEADS_H_
#define XIANJIE_CASES_LEADS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cases/case.h"
#include "cases/case_store.h"
#include "rules/screening_store.h"

namespace xianjie::cases {

struct LeadsTaken {
  int64_t opened = 0;      // new cases in `lead`
  int64_t joined = 0;      // leads joined to an open case
  int64_t on_episode = 0;  // recorded on a household's open monitoring episode
  int64_t relapses = 0;    // of the opened, households whose last episode was eliminated
  int64_t already = 0;     // leads of this source recorded before (the call is idempotent)
  int64_t unknown = 0;     // households the village lookup does not know (not in the registry)
};

// The village code of a household ("" when unknown), for the case row.
using VillageOf = std::function<std::string(std::string_view household_id)>;

// A lead and the village of its household ("" when the registry does not know it).
struct LeadToTake {
  Lead lead;
  std::string village_code;
};

// Takes many leads at once, each to a new case, the household's open case (joined) or its open
// monitoring episode. A lead whose (household, source) was recorded before, or comes twice in
// the call, counts as `already`; one without a village as `unknown`. The store is read once for
// every household's standing and the new cases are opened in one store call (one transaction);
// joins and episode leads are written one by one. Two new leads of one household: the first
// opens the case and the second joins it.
Result<LeadsTaken> TakeLeads(CaseStore& store, std::vector<LeadToTake> leads,
                             std::string_view now_utc);

// Takes the leads of screening run `run_id`: each household of `results` with new_warning set
// (flagged now, not by the run before) becomes a lead of channel department_warning and source
// "run:<id>", carrying the result's proposed type and risks. The new cases are opened in one
// store call. Idempotent: a household with a lead of this source already is skipped.
Result<LeadsTaken> TakeLeadsFromRun(CaseStore& store, int64_t run_id,
                                    const std::vector<rules::HouseholdResult>& results,
                                    const VillageOf& village_of, std::string_view now_utc);

// One lead from an officer or the public page (self_application) or a cadre's visit
// (cadre_visit): opens a case, joins the open one, or is recorded on the open episode.
// `lead.source` must be unique for the household (kFailedPrecondition otherwise). Returns the
// case id (0 when recorded on an episode).
Result<int64_t> TakeLead(CaseStore& store, Lead lead, const std::string& village_code,
                         const Actor& actor, std::string_view now_utc);

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_LEADS_H_
