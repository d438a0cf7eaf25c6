// `xianjie demo`, last step: the demo province's case workflow in every state, so that a newcomer
// finds worklists, timelines, notices, deadlines and eliminations to look at (see demo_cases.cc
// for what is staged and when).
#ifndef XIANJIE_CLI_DEMO_CASES_H_
#define XIANJIE_CLI_DEMO_CASES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cases/case.h"
#include "store/database.h"

namespace xianjie::cli {

struct DemoCasesSummary {
  int64_t households = 0;      // taken through the procedure by the staging
  int64_t outside_county = 0;  // of them, placed outside the demo county (too few households)
  int64_t applications = 0;    // submitted through the public page
  // Other townships of the demo county given a monitoring object and an elimination of their
  // own (those with households enough left).
  int64_t townships = 0;
  // Every case of the demo province (run leads included) by state, in cases::kAllStates order,
  // after the escalation sweep; and of them, those of the demo county, township and village.
  std::array<int64_t, cases::kAllStates.size()> province{}, county{}, township{}, village{};
  int64_t overdue = 0;    // open cases of the demo county overdue today
  int64_t escalated = 0;  // escalate events the sweep wrote (whole registry)
};

// Stages cases around the demo users' `village` (12 digits; its township and county are the
// other users' scopes) in `database`, which holds the screened demo registry: a few dozen
// households without a case, taken from the village first, then its township, its county (and,
// only when those run out, the prefecture and the province), are driven through the procedure
// with the service at past times before China's date of `now_utc` (UTC ISO 8601), as the demo
// users (village, township, county, department) or, outside their scopes, colleagues named after
// their region. Ends with the escalation sweep at `now_utc`. Deterministic for a registry: the
// households are chosen by id order, the dates counted back from today.
// Any refused step fails the whole staging with the step, the household and the reason.
Result<DemoCasesSummary> StageDemoCases(store::Database& database, const std::string& village,
                                        std::string_view now_utc);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_DEMO_CASES_H_
