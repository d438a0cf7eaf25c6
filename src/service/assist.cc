// Plans and the measures catalogue through the service (assist.h). Responsible persons, visits
// and the region's responsibility list are in assist_people.cc.
#include "service/assist.h"

#include <algorithm>
#include <utility>

#include "access/authorize.h"
#include "base/closest_name.h"
#include "service/coordination.h"
#include "service/elimination.h"
#include "service/internal/assist_common.h"

namespace xianjie::service {
namespace {

using access::Operation;
using assist::Plan;
using assist::PlanState;

// The plan of `plan_id`, authorized for `op` on its village; kNotFound for an unknown id.
Result<Plan> PlanInScope(store::Database& db, const access::Principal& principal, Operation op,
                         int64_t plan_id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, ""));
  XJ_ASSIGN_OR_RETURN(std::optional<Plan> plan, db.GetPlan(plan_id));
  if (!plan) return NotFound("there is no plan " + std::to_string(plan_id));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, plan->village_code));
  return std::move(*plan);
}

// The plan with its episode, measures, responsible person and last visits, as the principal may
// see them.
Result<PlanFile> FileOf(Workspace& ws, const access::Principal& principal, Plan plan) {
  store::Database& db = ws.database();
  PlanFile file;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.EpisodesOf(plan.household_id));
  auto episode = std::find_if(episodes.begin(), episodes.end(),
                              [&](const cases::Episode& e) { return e.id == plan.episode_id; });
  if (episode == episodes.end()) {
    return DataLoss("plan " + std::to_string(plan.id) + " names monitoring episode " +
                    std::to_string(plan.episode_id) + ", which household " + plan.household_id +
                    " does not have");
  }
  file.episode = *episode;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> measures, db.MeasuresOf(plan.household_id));
  for (cases::Measure& m : measures) {
    if (m.plan_id != plan.id) continue;
    m.member_id_number = ShownIdNumber(principal, m.member_id_number);
    file.measures.push_back(std::move(m));
  }
  XJ_ASSIGN_OR_RETURN(file.responsible,
                      assist_internal::CurrentResponsible(db, principal, plan.household_id));
  XJ_ASSIGN_OR_RETURN(std::vector<assist::Visit> visits, db.VisitsOf(plan.household_id));
  if (visits.size() > kPlanVisits) visits.resize(kPlanVisits);
  file.visits = std::move(visits);
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  file.village_name = view->RegionName(plan.village_code);
  file.head_name = view->HeadName(plan.household_id);
  XJ_ASSIGN_OR_RETURN(file.checks, CoordinationFindingsOf(ws, principal, plan.household_id));
  file.plan = std::move(plan);
  return file;
}

// The plan after a change of state: stored with a compare-and-set on `expected`, audited, read
// back.
Result<PlanFile> ChangeState(Workspace& ws, const access::Principal& principal, Plan plan,
                             PlanState expected, const std::string& action) {
  store::Database& db = ws.database();
  plan.updated_at = ws.Now();
  XJ_RETURN_IF_ERROR(db.UpdatePlan(plan, expected));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, action, plan.household_id,
                                "plan:" + std::to_string(plan.id)));
  XJ_ASSIGN_OR_RETURN(std::optional<Plan> stored, db.GetPlan(plan.id));
  if (!stored) return Internal("plan " + std::to_string(plan.id) + " vanished after a change");
  return FileOf(ws, principal, std::move(*stored));
}

Status NotInState(const Plan& plan, std::string_view wanted, std::string_view action) {
  return FailedPrecondition("plan " + std::to_string(plan.id) + " is " +
                            std::string(assist::PlanStateCode(plan.state)) + ", not " +
                            std::string(wanted) + ": only a " + std::string(wanted) +
                            " plan can be " + std::string(action));
}

std::string CatalogName(const CatalogInForce& c) {
  return c.version == 0 ? "the built-in measures catalogue"
                        : "the measures catalogue of province " + c.province + " (version " +
                              std::to_string(c.version) + ")";
}

}  // namespace

Result<PlanFile> CreatePlan(Workspace& ws, const access::Principal& principal,
                            const std::string& household_id, const std::string& note) {
  store::Database& db = ws.database();
  XJ_RETURN_IF_ERROR(
      assist_internal::HouseholdInScope(db, principal, Operation::kPlanWrite, household_id));
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.EpisodesOf(household_id));
  const std::optional<cases::Episode> episode = assist_internal::OpenEpisode(episodes);
  if (!episode) {
    return FailedPrecondition("household " + household_id +
                              " is not a monitoring object (it has no open monitoring episode): "
                              "a plan answers the risks of an identified household; identify it "
                              "first");
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kPlanWrite, episode->village_code));
  XJ_ASSIGN_OR_RETURN(std::optional<Plan> existing, db.PlanOfEpisode(episode->id));
  if (existing) {
    return FailedPrecondition("household " + household_id + " already has a plan for its "
                              "monitoring episode " + std::to_string(episode->id) + " (plan " +
                              std::to_string(existing->id) + ", " +
                              std::string(assist::PlanStateCode(existing->state)) +
                              "); open that plan instead");
  }
  Plan plan;
  plan.household_id = household_id;
  plan.episode_id = episode->id;
  plan.village_code = episode->village_code;
  plan.state = PlanState::kDraft;
  plan.created_by = principal.username;
  plan.created_at = ws.Now();
  plan.updated_at = plan.created_at;
  plan.note = note;
  XJ_ASSIGN_OR_RETURN(plan.id, db.CreatePlan(plan));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "plan.create", household_id,
                                "plan:" + std::to_string(plan.id)));
  const Result<CoordinationSync> synced = SyncCoordination(ws, household_id);
  XJ_RETURN_IF_ERROR(synced.status());
  return FileOf(ws, principal, std::move(plan));
}

Result<PlanFile> GetPlan(Workspace& ws, const access::Principal& principal, int64_t plan_id) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(Plan plan, PlanInScope(db, principal, Operation::kCaseRead, plan_id));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "plan.read", plan.household_id,
                                "plan:" + std::to_string(plan.id)));
  return FileOf(ws, principal, std::move(plan));
}

Result<PlanFile> PlanOfHousehold(Workspace& ws, const access::Principal& principal,
                                 const std::string& household_id) {
  store::Database& db = ws.database();
  XJ_RETURN_IF_ERROR(
      assist_internal::HouseholdInScope(db, principal, Operation::kCaseRead, household_id));
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.EpisodesOf(household_id));
  if (episodes.empty()) {
    return NotFound("household " + household_id +
                    " has no plan: it has never been a monitoring object");
  }
  // The open episode's plan, else the latest episode's that has one.
  std::optional<Plan> plan;
  const std::optional<cases::Episode> open = assist_internal::OpenEpisode(episodes);
  if (open) {
    XJ_ASSIGN_OR_RETURN(plan, db.PlanOfEpisode(open->id));
  }
  for (auto e = episodes.rbegin(); !plan && !open && e != episodes.rend(); ++e) {
    XJ_ASSIGN_OR_RETURN(plan, db.PlanOfEpisode(e->id));
  }
  if (!plan) {
    return NotFound("household " + household_id + " has no plan yet" +
                    (open ? "; create one for its monitoring episode " + std::to_string(open->id)
                          : std::string()));
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "plan.read", household_id,
                                "plan:" + std::to_string(plan->id)));
  return FileOf(ws, principal, std::move(*plan));
}

Result<Page<PlanItem>> ListPlans(Workspace& ws, const access::Principal& principal,
                                 const std::string& region, const std::string& state,
                                 int64_t offset, int64_t limit) {
  XJ_ASSIGN_OR_RETURN(const std::string scope,
                      assist_internal::RegionFor(principal, Operation::kCaseRead, region));
  XJ_RETURN_IF_ERROR(CheckPaging(offset, limit));
  assist::PlanFilter filter;
  filter.region_prefix = scope;
  if (!state.empty()) {
    const std::optional<PlanState> parsed = assist::ParsePlanState(state);
    if (!parsed) {
      return InvalidArgument("state must be draft, active, complete or closed; got '" + state +
                             "'");
    }
    filter.states = {*parsed};
  }
  filter.offset = offset;
  filter.limit = limit;
  store::Database& db = ws.database();
  Page<PlanItem> page;
  page.offset = offset;
  page.limit = limit;
  XJ_ASSIGN_OR_RETURN(std::vector<Plan> plans, db.ListPlans(filter, &page.total));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  for (Plan& p : plans) {
    PlanItem item;
    XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> measures, db.MeasuresOf(p.household_id));
    item.measures = std::count_if(measures.begin(), measures.end(),
                                  [&](const cases::Measure& m) { return m.plan_id == p.id; });
    item.village_name = view->RegionName(p.village_code);
    item.head_name = view->HeadName(p.household_id);
    item.plan = std::move(p);
    page.items.push_back(std::move(item));
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "plan.list", scope,
                                "{\"plans\":" + std::to_string(page.items.size()) + "}"));
  return page;
}

Status ApplyCatalogItem(Workspace& ws, const std::string& province, cases::Measure& measure) {
  if (measure.item_code.empty()) return Status::Ok();
  XJ_ASSIGN_OR_RETURN(const CatalogInForce catalog, CatalogOf(ws, province));
  const assist::CatalogItem* item = catalog.catalog.FindItem(measure.item_code);
  if (item == nullptr) {
    std::vector<std::string_view> codes;
    for (const assist::CatalogCategory& c : catalog.catalog.categories) {
      for (const assist::CatalogItem& i : c.items) codes.push_back(i.code);
    }
    const std::string_view closest = ClosestName(measure.item_code, codes);
    std::string message = "measure field item_code: '" + measure.item_code +
                          "' is not an item of " + CatalogName(catalog);
    if (!closest.empty()) message += "; did you mean '" + std::string(closest) + "'?";
    return InvalidArgument(message +
                           " Choose an item of the catalogue (GET /api/v1/measure-catalog), or ask "
                           "the province to add it to the catalogue");
  }
  if (item->category != measure.category) {
    return InvalidArgument("measure field item_code: item '" + item->code + "' (" +
                           item->name_zh + ") is of category " +
                           std::string(cases::MeasureCategoryCode(item->category)) + ", not " +
                           std::string(cases::MeasureCategoryCode(measure.category)) +
                           "; give category " +
                           std::string(cases::MeasureCategoryCode(item->category)) +
                           " or choose an item of " +
                           std::string(cases::MeasureCategoryCode(measure.category)));
  }
  if (measure.item.find_first_not_of(" \t") == std::string::npos) measure.item = item->name_zh;
  if (measure.department.empty()) measure.department = item->department;
  return Status::Ok();
}

Result<cases::Measure> RecordPlanMeasure(Workspace& ws, const access::Principal& principal,
                                         int64_t plan_id, cases::Measure measure) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(const Plan plan, PlanInScope(db, principal, Operation::kPlanWrite, plan_id));
  if (plan.state != PlanState::kDraft && plan.state != PlanState::kActive) {
    return FailedPrecondition("plan " + std::to_string(plan.id) + " is " +
                              std::string(assist::PlanStateCode(plan.state)) +
                              ": its measures can no longer change (only a draft or active plan "
                              "takes measures)");
  }
  if (measure.item_code.empty()) {
    return InvalidArgument("measure field item_code is missing: a plan's measure names the item "
                           "of the measures catalogue it gives (GET /api/v1/measure-catalog)");
  }
  if (measure.id != 0) {
    XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> stored, db.MeasuresOf(plan.household_id));
    auto it = std::find_if(stored.begin(), stored.end(),
                           [&](const cases::Measure& m) { return m.id == measure.id; });
    if (it == stored.end() || it->plan_id != plan.id) {
      return InvalidArgument("measure " + std::to_string(measure.id) + " is not a measure of plan " +
                             std::to_string(plan.id) + "; give id 0 to add a new one");
    }
  }
  measure.household_id = plan.household_id;
  measure.plan_id = plan.id;
  // RecordMeasure checks the catalogue item (ApplyCatalogItem), the member and the fields, and
  // audits the write.
  return RecordMeasureItem(ws, principal, measure);
}

Result<PlanFile> ActivatePlan(Workspace& ws, const access::Principal& principal,
                              int64_t plan_id) {
  XJ_ASSIGN_OR_RETURN(Plan plan,
                      PlanInScope(ws.database(), principal, Operation::kPlanWrite, plan_id));
  if (plan.state != PlanState::kDraft) return NotInState(plan, "draft", "activated");
  plan.state = PlanState::kActive;
  return ChangeState(ws, principal, std::move(plan), PlanState::kDraft, "plan.activate");
}

Status CompletionGate(const assist::Plan& plan, const std::vector<cases::Measure>& measures) {
  const bool any = std::any_of(measures.begin(), measures.end(), [&](const cases::Measure& m) {
    return m.plan_id == plan.id && m.status != cases::MeasureStatus::kStopped;
  });
  if (!any) {
    return FailedPrecondition("plan " + std::to_string(plan.id) +
                              " has no measure (that is not stopped): record the measures that "
                              "answer the household's risks before marking the plan complete");
  }
  return Status::Ok();
}

Result<PlanFile> CompletePlan(Workspace& ws, const access::Principal& principal,
                              int64_t plan_id) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(Plan plan, PlanInScope(db, principal, Operation::kPlanWrite, plan_id));
  if (plan.state != PlanState::kActive) return NotInState(plan, "active", "marked complete");
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> measures, db.MeasuresOf(plan.household_id));
  XJ_RETURN_IF_ERROR(CompletionGate(plan, measures));
  XJ_RETURN_IF_ERROR(CoordinationGate(ws, plan.household_id));
  plan.state = PlanState::kComplete;
  plan.completed_by = principal.username;
  plan.completed_at = ws.Now();
  return ChangeState(ws, principal, std::move(plan), PlanState::kActive, "plan.complete");
}

Status ClosePlanOfEpisode(store::Database& db, int64_t episode_id, std::string_view now_utc) {
  XJ_ASSIGN_OR_RETURN(std::optional<Plan> plan, db.PlanOfEpisode(episode_id));
  if (!plan || plan->state == PlanState::kClosed) return Status::Ok();
  const PlanState before = plan->state;
  plan->state = PlanState::kClosed;
  plan->updated_at = std::string(now_utc);
  return db.UpdatePlan(*plan, before);
}

Result<CatalogInForce> CatalogOf(Workspace& ws, const std::string& province) {
  XJ_RETURN_IF_ERROR(assist_internal::CheckProvince(province));
  XJ_ASSIGN_OR_RETURN(std::optional<assist::CatalogVersion> stored,
                      ws.database().LatestCatalogVersion(province));
  CatalogInForce out;
  out.province = province;
  if (!stored) {
    out.text = std::string(assist::BuiltinMeasureCatalogText());
    out.catalog = assist::BuiltinMeasureCatalog();
    return out;
  }
  auto parsed = assist::ParseMeasureCatalog(
      stored->text, "measure catalogue " + province + " v" + std::to_string(stored->version));
  if (!parsed.ok()) {
    return DataLoss("the stored measures catalogue of province " + province + " (version " +
                    std::to_string(stored->version) + ") no longer reads: " +
                    parsed.status().message() + "; put a corrected catalogue");
  }
  out.version = stored->version;
  out.text = std::move(stored->text);
  out.created_by = std::move(stored->created_by);
  out.created_at = std::move(stored->created_at);
  out.catalog = std::move(*parsed);
  return out;
}

Result<CatalogInForce> ActiveCatalog(Workspace& ws, const access::Principal& principal,
                                     const std::string& province) {
  XJ_RETURN_IF_ERROR(assist_internal::CheckProvince(province));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseRead, ""));
  // Every officer of the province reads its catalogue: their scope lies inside it.
  if (!principal.scope.starts_with(province)) {
    return PermissionDenied("user " + principal.username + " (" +
                            std::string(access::RoleName(principal.role)) + " " +
                            principal.scope + ") may not read the measures catalogue of province " +
                            province + ": outside the user's scope");
  }
  return CatalogOf(ws, province);
}

Result<CatalogInForce> PutCatalog(Workspace& ws, const access::Principal& principal,
                                  const std::string& province, const std::string& toml) {
  XJ_RETURN_IF_ERROR(assist_internal::CheckProvince(province));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kMeasureCatalog, province));
  XJ_RETURN_IF_ERROR(assist::ParseMeasureCatalog(toml, "measure catalogue"));
  assist::CatalogVersion version;
  version.province = province;
  version.text = toml;
  version.created_by = principal.username;
  version.created_at = ws.Now();
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(const int64_t number, db.PutCatalogVersion(version));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "measure.catalog", "province:" + province,
                                "version:" + std::to_string(number)));
  return CatalogOf(ws, province);
}

}  // namespace xianjie::service
