// Assistance through the service (docs/decisions/0008; DOMAIN.md §7, §10): the plan of a
// monitoring object with its measures, the measures catalogue in force per province, the
// household's responsible person (帮扶责任人) and follow-up visits (走访), and the region's list
// of monitoring objects with who is responsible and when they were last visited.
//
// Authorization: writes are plan.write (village, township, county) in the household's (or the
// plan's) village; the catalogue is put with measure.catalog (province); reads are case.read
// and, as plans, persons and visits are personal data, audited like the other household reads
// (RecordRead). Scope as in cases.h: a household or plan outside the caller's scope is
// kPermissionDenied, an unknown one kNotFound. Phones are shown whole to village and township
// officers only (as ID numbers: access::SeesFullIdNumbers), else masked ("138****5678").
#ifndef XIANJIE_SERVICE_ASSIST_H_
#define XIANJIE_SERVICE_ASSIST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "assist/catalog.h"
#include "assist/plan.h"
#include "base/date.h"
#include "base/status.h"
#include "cases/case.h"
#include "cases/measure.h"
#include "service/common.h"
#include "service/findings.h"
#include "service/workspace.h"

namespace xianjie::service {

// How many of the household's visits a plan shows (newest first).
inline constexpr size_t kPlanVisits = 5;

// A plan with what the plan page shows beside it.
struct PlanFile {
  assist::Plan plan;
  cases::Episode episode;                // the monitoring episode it answers
  std::vector<cases::Measure> measures;  // of the plan (plan_id), by id; ID numbers as shown
  std::optional<assist::ResponsiblePerson> responsible;  // the current one; phone as shown
  std::vector<assist::Visit> visits;     // the household's last kPlanVisits, newest first
  std::string village_name;
  std::string head_name;  // "" when the household has left the registry
  // The household's coordination findings that are open or justified (CoordinationFindingsOf):
  // what the plan still fails, and what the county accepted.
  std::vector<FindingItem> checks;
};

// plan.write in the household's village: creates the draft plan of the household's open
// monitoring episode, with `note`. kFailedPrecondition when the household has no open episode
// (it is not a monitoring object: identify it first) or the episode has a plan already (naming
// it). Audited "plan.create" with the household.
Result<PlanFile> CreatePlan(Workspace& ws, const access::Principal& principal,
                            const std::string& household_id, const std::string& note);

// case.read on the plan's village: the plan by id (kNotFound for an unknown id). Audited
// "plan.read" with the household.
Result<PlanFile> GetPlan(Workspace& ws, const access::Principal& principal, int64_t plan_id);

// case.read on the household's village: the plan of the household's open episode, else of its
// latest episode that has one. kNotFound, saying what to do, when it has none. Audited
// "plan.read" with the household.
Result<PlanFile> PlanOfHousehold(Workspace& ws, const access::Principal& principal,
                                 const std::string& household_id);

struct PlanItem {
  assist::Plan plan;
  std::string village_name;
  std::string head_name;
  int64_t measures = 0;  // of the plan
};

// case.read: the plans of `region` (a prefix inside the scope; "" = the scope) in `state` ("" =
// any; else draft, active, complete or closed), by id, paged (CheckPaging). kInvalidArgument for
// a bad region, state or page. Audited "plan.list" with the region.
Result<Page<PlanItem>> ListPlans(Workspace& ws, const access::Principal& principal,
                                 const std::string& region, const std::string& state,
                                 int64_t offset, int64_t limit);

// plan.write on the plan's village: stores the measure in the plan (measure.id 0: a new one;
// else it replaces that measure, which must be of this plan). The measure is the household's
// (household_id is set from the plan), its item_code must name an item of the province's
// catalogue in force (ApplyCatalogItem), and the risks are normalized. kFailedPrecondition when
// the plan is complete or closed; kInvalidArgument for a missing item_code, a measure of
// another plan, and as ApplyCatalogItem and RecordMeasure say. Audited as RecordMeasure
// ("measure.record"). Returns the measure as shown.
Result<cases::Measure> RecordPlanMeasure(Workspace& ws, const access::Principal& principal,
                                         int64_t plan_id, cases::Measure measure);

// The catalogue item check of a measure recorded in `province`: an empty item_code passes
// unchanged (measures recorded without the catalogue). Otherwise kInvalidArgument when the code
// is no item of the catalogue in force (naming the closest code, if one is close, and what to
// do) or the item is of another category than the measure's; `item` when blank becomes the
// item's Chinese name and `department` when blank the item's department.
Status ApplyCatalogItem(Workspace& ws, const std::string& province, cases::Measure& measure);

// plan.write: draft → active. kFailedPrecondition from any other state. Audited
// "plan.activate".
Result<PlanFile> ActivatePlan(Workspace& ws, const access::Principal& principal, int64_t plan_id);

// The first gate a plan passes to be marked complete: the plan has at least one measure that is
// not stopped (kFailedPrecondition otherwise, saying what to do).
Status CompletionGate(const assist::Plan& plan, const std::vector<cases::Measure>& measures);

// plan.write: active → complete, if CompletionGate passes and then the coordination checks
// (service::CoordinationGate: none open without a justification); completed_by and
// completed_at are the principal and ws.Now(). kFailedPrecondition from any other state or when
// a gate refuses. Audited "plan.complete".
Result<PlanFile> CompletePlan(Workspace& ws, const access::Principal& principal, int64_t plan_id);

// Closes the plan of `episode_id`, if it has one that is not closed, at `now_utc`: called when
// the episode ends (an elimination's county approval, service::ActOnCase). No authorization:
// the caller's event was authorized.
Status ClosePlanOfEpisode(store::Database& db, int64_t episode_id, std::string_view now_utc);

// "138****5678": the first 3 and last 4 characters of a phone number kept, the others '*'
// (numbers of 7 characters or fewer keep only their last 2).
std::string MaskPhone(std::string_view phone);
// The phone as the principal may see it: whole for village and township officers.
std::string ShownPhone(const access::Principal& principal, std::string_view phone);

// plan.write in the household's village: makes `person` (name, unit, phone, from) the
// household's current responsible person, ending the current one the day before (see
// assist::ResponsiblePerson); assigned_by and assigned_at are the principal and ws.Now().
// kInvalidArgument as the store says (a bad field; a start not after the current one's).
// kNotFound for a household the registry does not hold. Audited "responsible.assign". Returns
// the person as shown.
Result<assist::ResponsiblePerson> AssignResponsible(Workspace& ws,
                                                    const access::Principal& principal,
                                                    const std::string& household_id,
                                                    assist::ResponsiblePerson person);

// case.read: the household's responsible persons, oldest first, the current one last (phones as
// shown). Audited "responsible.read".
Result<std::vector<assist::ResponsiblePerson>> ResponsibleHistory(
    Workspace& ws, const access::Principal& principal, const std::string& household_id);

// plan.write in the household's village: records a visit (visited_on, visitor, found,
// risks_seen) of the household; village_code, recorded_by and recorded_at are set here. A visit
// in the future (after China's today of ws.Now()) is kInvalidArgument. With `lead_reason` (one
// of the eight visit reasons of service::IsVisitReason) the visit also records a cadre-visit
// lead (service::AddLead, its note what was found) and keeps its id; refusals of AddLead are
// returned and then nothing is stored. Audited "visit.record". Returns the visit.
Result<assist::Visit> RecordVisit(Workspace& ws, const access::Principal& principal,
                                  const std::string& household_id, assist::Visit visit,
                                  const std::string& lead_reason = "");

// case.read: the household's visits, newest first. Audited "visit.list" with the household.
Result<std::vector<assist::Visit>> VisitsOf(Workspace& ws, const access::Principal& principal,
                                            const std::string& household_id);

struct VisitItem {
  assist::Visit visit;
  std::string village_name;
  std::string head_name;
};

// case.read: the visits in `region` ("" = the scope) from `from` to `to` (both included; none:
// no bound), by date, paged. kInvalidArgument for a bad region, page, or `to` before `from`.
// Audited "visit.list" with the region.
Result<Page<VisitItem>> ListVisits(Workspace& ws, const access::Principal& principal,
                                   const std::string& region, std::optional<CivilDate> from,
                                   std::optional<CivilDate> to, int64_t offset, int64_t limit);

// One line of the 责任人与走访 page: a monitoring object with its responsible person (or none),
// its last visit (or none) and its plan (id 0: none yet).
struct ResponsibilityItem {
  cases::Episode episode;
  std::string village_name;
  std::string head_name;
  std::optional<assist::ResponsiblePerson> responsible;  // phone as shown
  std::optional<CivilDate> last_visit;
  int64_t plan_id = 0;
  std::optional<assist::PlanState> plan_state;
};

// case.read: the open episodes of `region` ("" = the scope), by village then household, paged.
// Audited "responsibility.list" with the region.
Result<Page<ResponsibilityItem>> ResponsibilityList(Workspace& ws,
                                                    const access::Principal& principal,
                                                    const std::string& region, int64_t offset,
                                                    int64_t limit);

// The measures catalogue in force in a province: its latest stored version, else the built-in
// one (version 0).
struct CatalogInForce {
  std::string province;
  int64_t version = 0;  // 0: the built-in catalogue
  std::string text;     // the TOML
  std::string created_by;
  std::string created_at;
  assist::MeasureCatalog catalog;
};

// The catalogue in force in `province` (2 digits), without authorization (for the checks of
// measures). kInvalidArgument for a bad province; kDataLoss when a stored version no longer
// parses.
Result<CatalogInForce> CatalogOf(Workspace& ws, const std::string& province);

// case.read, for a principal whose scope lies in `province`: CatalogOf. (Not personal data: not
// audited.)
Result<CatalogInForce> ActiveCatalog(Workspace& ws, const access::Principal& principal,
                                     const std::string& province);

// measure.catalog on the province: parses `toml` with assist::ParseMeasureCatalog (its error
// returned as is, kInvalidArgument with the place and what to do) and stores it as the
// province's next version, in force at once. Audited "measure.catalog" with the province and
// the version. Returns the catalogue in force.
Result<CatalogInForce> PutCatalog(Workspace& ws, const access::Principal& principal,
                                  const std::string& province, const std::string& toml);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_ASSIST_H_
