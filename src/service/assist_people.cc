// The people around a monitoring object through the service (assist.h): its responsible person
// over time, follow-up visits (with the cadre-visit lead a visit may record), and the region's
// list of monitoring objects with their responsible person and last visit.
#include <algorithm>
#include <utility>

#include "access/authorize.h"
#include "cases/measure.h"
#include "cases/workflow.h"
#include "service/assist.h"
#include "service/cases.h"
#include "service/internal/assist_common.h"

namespace xianjie::service {
namespace {

using access::Operation;

}  // namespace

std::string MaskPhone(std::string_view phone) {
  std::string out(phone);
  const size_t keep_head = out.size() > 7 ? 3 : 0;
  const size_t keep_tail = out.size() > 7 ? 4 : std::min<size_t>(2, out.size());
  for (size_t i = keep_head; i + keep_tail < out.size(); ++i) out[i] = '*';
  return out;
}

std::string ShownPhone(const access::Principal& principal, std::string_view phone) {
  if (access::SeesFullIdNumbers(principal.role)) return std::string(phone);
  return MaskPhone(phone);
}

Result<assist::ResponsiblePerson> AssignResponsible(Workspace& ws,
                                                    const access::Principal& principal,
                                                    const std::string& household_id,
                                                    assist::ResponsiblePerson person) {
  store::Database& db = ws.database();
  XJ_RETURN_IF_ERROR(
      assist_internal::HouseholdInScope(db, principal, Operation::kPlanWrite, household_id));
  person.id = 0;
  person.household_id = household_id;
  person.to.reset();
  person.assigned_by = principal.username;
  person.assigned_at = ws.Now();
  XJ_ASSIGN_OR_RETURN(person.id, db.AssignResponsible(person));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "responsible.assign", household_id,
                                "responsible:" + std::to_string(person.id)));
  person.phone = ShownPhone(principal, person.phone);
  return person;
}

Result<std::vector<assist::ResponsiblePerson>> ResponsibleHistory(
    Workspace& ws, const access::Principal& principal, const std::string& household_id) {
  store::Database& db = ws.database();
  XJ_RETURN_IF_ERROR(
      assist_internal::HouseholdInScope(db, principal, Operation::kCaseRead, household_id));
  XJ_ASSIGN_OR_RETURN(std::vector<assist::ResponsiblePerson> history,
                      db.ResponsibleOf(household_id));
  for (assist::ResponsiblePerson& r : history) r.phone = ShownPhone(principal, r.phone);
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "responsible.read", household_id,
                                "{\"persons\":" + std::to_string(history.size()) + "}"));
  return history;
}

Result<assist::Visit> RecordVisit(Workspace& ws, const access::Principal& principal,
                                  const std::string& household_id, assist::Visit visit,
                                  const std::string& lead_reason) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(
      const registry::HouseholdVersion current,
      assist_internal::HouseholdInScope(db, principal, Operation::kPlanWrite, household_id));
  const std::string now = ws.Now();
  const CivilDate today = cases::ChinaDateOf(now);
  if (visit.visited_on > today) {
    return InvalidArgument("visit field visited_on (" + visit.visited_on.ToString() +
                           ") is after today (" + today.ToString() +
                           "); record a visit once it has been made");
  }
  visit.id = 0;
  visit.household_id = household_id;
  visit.village_code = current.record.household.village_code.ToString();
  visit.recorded_by = principal.username;
  visit.recorded_at = now;
  auto risks = cases::NormalizeMeasureRisks(visit.risks_seen);
  if (!risks.ok()) {
    std::string why = risks.status().message();
    constexpr std::string_view kMeasurePrefix = "measure field risks: ";
    if (why.starts_with(kMeasurePrefix)) why.erase(0, kMeasurePrefix.size());
    return InvalidArgument("visit field risks_seen: " + why);
  }
  visit.risks_seen = std::move(*risks);
  visit.lead_id = 0;
  // Refuse a bad visit before a lead is taken for it.
  XJ_RETURN_IF_ERROR(assist::CheckVisit(visit));
  if (!lead_reason.empty()) {
    XJ_RETURN_IF_ERROR(
        AddLead(ws, principal, household_id, "cadre_visit", visit.found, lead_reason, now));
    // AddLead's source names the officer and the instant: find the lead it recorded.
    const std::string source = "cadre_visit:" + principal.username + ":" + now;
    XJ_ASSIGN_OR_RETURN(std::vector<cases::Lead> leads, db.LeadsOf(household_id));
    for (const cases::Lead& l : leads) {
      if (l.source == source) visit.lead_id = l.id;
    }
    if (visit.lead_id == 0) {
      return Internal("the lead of the visit to household " + household_id +
                      " was recorded but cannot be found (" + source + ")");
    }
  }
  XJ_ASSIGN_OR_RETURN(visit.id, db.AddVisit(visit));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "visit.record", household_id,
                                "visit:" + std::to_string(visit.id)));
  return visit;
}

Result<std::vector<assist::Visit>> VisitsOf(Workspace& ws, const access::Principal& principal,
                                            const std::string& household_id) {
  store::Database& db = ws.database();
  XJ_RETURN_IF_ERROR(
      assist_internal::HouseholdInScope(db, principal, Operation::kCaseRead, household_id));
  XJ_ASSIGN_OR_RETURN(std::vector<assist::Visit> visits, db.VisitsOf(household_id));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "visit.list", household_id,
                                "{\"visits\":" + std::to_string(visits.size()) + "}"));
  return visits;
}

Result<Page<VisitItem>> ListVisits(Workspace& ws, const access::Principal& principal,
                                   const std::string& region, std::optional<CivilDate> from,
                                   std::optional<CivilDate> to, int64_t offset, int64_t limit) {
  XJ_ASSIGN_OR_RETURN(const std::string scope,
                      assist_internal::RegionFor(principal, Operation::kCaseRead, region));
  XJ_RETURN_IF_ERROR(CheckPaging(offset, limit));
  assist::VisitFilter filter;
  filter.region_prefix = scope;
  filter.from = from;
  filter.to = to;
  filter.offset = offset;
  filter.limit = limit;
  store::Database& db = ws.database();
  Page<VisitItem> page;
  page.offset = offset;
  page.limit = limit;
  XJ_ASSIGN_OR_RETURN(std::vector<assist::Visit> visits, db.ListVisits(filter, &page.total));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  for (assist::Visit& v : visits) {
    VisitItem item;
    item.village_name = view->RegionName(v.village_code);
    item.head_name = view->HeadName(v.household_id);
    item.visit = std::move(v);
    page.items.push_back(std::move(item));
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "visit.list", scope,
                                "{\"visits\":" + std::to_string(page.items.size()) + "}"));
  return page;
}

Result<Page<ResponsibilityItem>> ResponsibilityList(Workspace& ws,
                                                    const access::Principal& principal,
                                                    const std::string& region, int64_t offset,
                                                    int64_t limit) {
  XJ_ASSIGN_OR_RETURN(const std::string scope,
                      assist_internal::RegionFor(principal, Operation::kCaseRead, region));
  XJ_RETURN_IF_ERROR(CheckPaging(offset, limit));
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.ListEpisodes(scope, true));
  std::sort(episodes.begin(), episodes.end(), [](const cases::Episode& a, const cases::Episode& b) {
    if (a.village_code != b.village_code) return a.village_code < b.village_code;
    if (a.household_id != b.household_id) return a.household_id < b.household_id;
    return a.id < b.id;
  });
  Page<ResponsibilityItem> page;
  page.offset = offset;
  page.limit = limit;
  page.total = static_cast<int64_t>(episodes.size());
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  for (int64_t i = offset; i < page.total && i - offset < limit; ++i) {
    ResponsibilityItem item;
    item.episode = std::move(episodes[static_cast<size_t>(i)]);
    const std::string& household = item.episode.household_id;
    XJ_ASSIGN_OR_RETURN(item.responsible,
                        assist_internal::CurrentResponsible(db, principal, household));
    XJ_ASSIGN_OR_RETURN(std::vector<assist::Visit> visits, db.VisitsOf(household));
    if (!visits.empty()) item.last_visit = visits.front().visited_on;
    XJ_ASSIGN_OR_RETURN(std::optional<assist::Plan> plan, db.PlanOfEpisode(item.episode.id));
    if (plan) {
      item.plan_id = plan->id;
      item.plan_state = plan->state;
    }
    item.village_name = view->RegionName(item.episode.village_code);
    item.head_name = view->HeadName(household);
    page.items.push_back(std::move(item));
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "responsibility.list", scope,
                                "{\"households\":" + std::to_string(page.items.size()) + "}"));
  return page;
}

}  // namespace xianjie::service
