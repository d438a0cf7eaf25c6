// Risk elimination through the service (DOMAIN.md §8; docs/decisions/0005, "Episodes and
// elimination"): which monitored households may be proposed for elimination and why, proposing
// one (an elimination case), recording the measures elimination rests on, and the quality checks
// over eliminated episodes. The facts come from the store: the registry's versions (dated by
// their batch's as_of), the screening runs of the household's province, the measures, and the
// monitoring line of the standard in force.
//
// Scope as in cases.h: a household outside the caller's scope is kPermissionDenied, an unknown
// one kNotFound.
#ifndef XIANJIE_SERVICE_ELIMINATION_H_
#define XIANJIE_SERVICE_ELIMINATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "base/date.h"
#include "base/status.h"
#include "cases/case.h"
#include "cases/elimination.h"
#include "cases/measure.h"
#include "service/workspace.h"

namespace xianjie::service {

// The monitoring line applied: that of the standard in force for the year asked, or, when no
// standard of that year exists (none shipped, none loaded), of the latest year before it.
struct LineApplied {
  int year = 0;     // the standard's year
  int64_t fen = 0;  // per person per year
};

struct EliminationCandidate {
  cases::Episode episode;  // the open episode
  std::string village_name;
  std::string head_name;  // "" when the household has left the registry
  LineApplied line;       // of the household's county or province, for today's year
  cases::EliminationCheck check;
};

// case.read: every open episode of households in `region` (a prefix inside the scope; "" = the
// scope) without an open case, assessed on `today` (cases::Assess), by episode id. Audited as
// "case.elimination_candidates" with the region: the answer shows incomes.
// kInvalidArgument for a bad region; kFailedPrecondition when no standard gives a line.
Result<std::vector<EliminationCandidate>> ListEliminationCandidates(
    Workspace& ws, const access::Principal& principal, const std::string& region, CivilDate today);

// case.act, by a township or county officer only: proposes the household for elimination at
// `now_utc` (UTC ISO 8601), opening an elimination case in home_visit (channel cadre_visit)
// whose episode_id is the household's open episode and whose open event carries the proposed
// method. kFailedPrecondition when the household has no open episode, has an open case, or is
// not eligible on the China date of `now_utc` (the message lists each unmet condition and why).
// Audited "case.propose_elimination" with the new case. Returns the case.
Result<cases::CaseRecord> ProposeElimination(Workspace& ws, const access::Principal& principal,
                                             const std::string& household_id,
                                             std::string_view now_utc);

// case.act, by a village, township or county officer: stores the measure (id 0: a new one;
// else it replaces that measure of the same household). The risks are normalized ("R09,R01" →
// "R01;R09"); recorded_by is the principal; recorded_at, when empty, is ws.Now(). The plan
// (docs/decisions/0008): a plan_id given must be a plan of the household; a replaced measure
// given none keeps its plan; a new one given none joins the plan of the household's open
// episode while that plan is draft or active. An item_code is checked against the province's
// catalogue in force (service::ApplyCatalogItem, which may fill item and department).
// kInvalidArgument as cases::CheckMeasure and ApplyCatalogItem say, for a plan that is not the
// household's, or for a member_id_number that is not a member of the household's current
// version. Audited "measure.record" with the household and the measure id.
Result<int64_t> RecordMeasure(Workspace& ws, const access::Principal& principal,
                              cases::Measure measure);

// RecordMeasure, then the measure as stored and as ListMeasures shows it to the principal (the
// member's ID number masked for roles that see masked numbers): what the API answers after a
// measure is recorded. Refusals as RecordMeasure's.
Result<cases::Measure> RecordMeasureItem(Workspace& ws, const access::Principal& principal,
                                         cases::Measure measure);

// case.read on the household's village: the household's measures, by id, each member's ID
// number shown as the principal may see it (ShownIdNumber). kNotFound for a household the
// registry does not hold, kPermissionDenied outside the scope. Audited "measure.list" with the
// household.
Result<std::vector<cases::Measure>> ListMeasures(Workspace& ws, const access::Principal& principal,
                                                 const std::string& household_id);

struct QualityItem {
  cases::QualityProblem problem;
  std::string village_code;  // the episode's
  std::string village_name;
};

// case.read: the quality problems of every eliminated episode in `region` ("" = the scope), by
// episode (cases::QualityProblems; the line of each elimination's year as LineApplied finds it).
// Audited as "case.elimination_quality" with the region.
Result<std::vector<QualityItem>> EliminationQuality(Workspace& ws,
                                                    const access::Principal& principal,
                                                    const std::string& region);

// The quality problems (cases::QualityProblems) of the eliminated episodes of each household of
// `histories`, given with its episodes, measures and cases of any kind (its registry versions
// are read here), in the order given: the line of each elimination's year as LineApplied finds
// it for the episode's village, the limits of the province of the household's last eliminated
// episode. No authorization and no audit: for the assessment's counts (service/analytics.h),
// which name no household.
Result<std::vector<cases::QualityProblem>> QualityProblemsOf(
    Workspace& ws, std::vector<cases::EliminationHistory> histories);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_ELIMINATION_H_
