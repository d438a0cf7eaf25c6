#include "service/coordination.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "assist/coordination.h"
#include "cases/case.h"
#include "registry/snapshot.h"
#include "service/internal/assist_common.h"

namespace xianjie::service {
namespace {

constexpr char kSystem[] = "system";
// The note of a finding the system closes: the plan no longer fails the check.
constexpr char kFixedNote[] = "系统复核：帮扶计划已不再触发此项检查（自动关闭）";
constexpr char kEndedNote[] = "系统复核：该户已无正在进行的监测，此项检查不再适用（自动关闭）";

// The evidence a finding's key numbers: "episode:3#2" → "episode:3".
std::string_view BaseEvidence(std::string_view key) {
  const size_t hash = key.rfind('#');
  return hash == std::string_view::npos ? key : key.substr(0, hash);
}

Result<std::optional<registry::HouseholdRecord>> CurrentRecord(Workspace& ws,
                                                               const std::string& household_id) {
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const int64_t row = view->snapshot().Find(household_id);
  if (row >= 0) return std::optional(view->snapshot().Record(static_cast<uint32_t>(row)));
  const std::string ids[] = {household_id};
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> current,
                      ws.database().GetCurrent(ids));
  if (current.empty()) return std::optional<registry::HouseholdRecord>();
  return std::optional(std::move(current.front().record));
}

// The problems the checks find for the household now; none without an open episode or a
// registry record.
Result<std::vector<assist::CoordinationProblem>> Problems(Workspace& ws,
                                                          const std::string& household_id,
                                                          std::string* village_code) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.EpisodesOf(household_id));
  std::optional<cases::Episode> episode = assist_internal::OpenEpisode(episodes);
  if (!episode) return std::vector<assist::CoordinationProblem>{};
  XJ_ASSIGN_OR_RETURN(std::optional<registry::HouseholdRecord> record,
                      CurrentRecord(ws, household_id));
  if (!record) return std::vector<assist::CoordinationProblem>{};
  XJ_ASSIGN_OR_RETURN(std::optional<assist::Plan> plan, db.PlanOfEpisode(episode->id));
  const int64_t plan_id = plan ? plan->id : -1;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> all, db.MeasuresOf(household_id));
  assist::CoordinationInput input;
  input.household = std::move(*record);
  for (cases::Measure& m : all) {
    if (m.plan_id == 0 || m.plan_id == plan_id) input.measures.push_back(std::move(m));
  }
  input.today = cases::ChinaDateOf(ws.Now());
  *village_code = episode->village_code;
  input.episode = std::move(*episode);
  return assist::CheckCoordination(input, assist::BuiltinCoordination());
}

}  // namespace

Result<CoordinationSync> SyncCoordination(Workspace& ws, const std::string& household_id) {
  store::Database& db = ws.database();
  std::string village_code;
  XJ_ASSIGN_OR_RETURN(std::vector<assist::CoordinationProblem> problems,
                      Problems(ws, household_id, &village_code));
  exchange::FindingFilter of_household;
  of_household.household_id = household_id;
  of_household.check_prefix = "C";
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::Finding> existing, db.ListFindings(of_household));

  // Per (check, evidence): how many findings it has had, and whether one still holds (open or
  // justified).
  struct History {
    int count = 0;
    bool holds = false;
  };
  std::map<std::pair<std::string, std::string>, History, std::less<>> history;
  for (const exchange::Finding& f : existing) {
    History& h = history[{f.check, std::string(BaseEvidence(f.evidence_key))}];
    h.count += 1;
    h.holds = h.holds || f.state == exchange::FindingState::kOpen ||
              f.state == exchange::FindingState::kJustified;
  }

  CoordinationSync sync;
  const std::string now = ws.Now();
  std::vector<exchange::Finding> fresh;
  std::set<std::pair<std::string, std::string>> found;
  for (assist::CoordinationProblem& p : problems) {
    found.insert({p.check, p.evidence});
    const History& h = history[{p.check, p.evidence}];
    if (h.holds) continue;
    exchange::Finding f;
    f.check = p.check;
    f.household_id = household_id;
    f.village_code = village_code;
    f.evidence_key = h.count == 0 ? p.evidence : p.evidence + "#" + std::to_string(h.count + 1);
    f.detail = std::move(p.detail);
    f.opened_at = now;
    fresh.push_back(std::move(f));
  }
  if (!fresh.empty()) {
    XJ_ASSIGN_OR_RETURN(sync.opened, db.PutFindings(fresh));
  }
  const bool monitored = !village_code.empty();
  for (const exchange::Finding& f : existing) {
    if (f.state != exchange::FindingState::kOpen) continue;
    if (found.contains({f.check, std::string(BaseEvidence(f.evidence_key))})) continue;
    XJ_RETURN_IF_ERROR(db.ResolveFinding(f.id, exchange::FindingState::kCorrected, kSystem,
                                         monitored ? kFixedNote : kEndedNote, now));
    sync.closed += 1;
  }
  of_household.state = exchange::FindingState::kOpen;
  XJ_ASSIGN_OR_RETURN(sync.open, db.ListFindings(of_household));
  std::sort(sync.open.begin(), sync.open.end(),
            [](const exchange::Finding& a, const exchange::Finding& b) { return a.id < b.id; });
  return sync;
}

Status CoordinationGate(Workspace& ws, const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(CoordinationSync sync, SyncCoordination(ws, household_id));
  if (sync.open.empty()) return Status::Ok();
  std::string message = "the plan cannot be completed while coordination checks fail:";
  for (const exchange::Finding& f : sync.open) {
    const assist::CoordinationCheck* c = assist::BuiltinCoordination().Find(f.check);
    message += " " + f.check + " (finding " + std::to_string(f.id) + ") " +
               (c != nullptr ? c->title_en + " — " + c->action_en : f.detail) + ";";
  }
  message += " fix the plan, or ask the county to justify the finding";
  return FailedPrecondition(std::move(message));
}

Result<CoordinationSweep> SweepCoordination(Workspace& ws, const std::string& region_prefix) {
  store::Database& db = ws.database();
  std::set<std::string> households;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> open, db.ListEpisodes(region_prefix, true));
  for (const cases::Episode& e : open) households.insert(e.household_id);
  exchange::FindingFilter findings;
  findings.region_prefix = region_prefix;
  findings.check_prefix = "C";
  findings.state = exchange::FindingState::kOpen;
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::Finding> pending, db.ListFindings(findings));
  for (const exchange::Finding& f : pending) households.insert(f.household_id);
  CoordinationSweep sweep;
  for (const std::string& household_id : households) {
    XJ_ASSIGN_OR_RETURN(CoordinationSync sync, SyncCoordination(ws, household_id));
    sweep.households += 1;
    sweep.opened += sync.opened;
    sweep.closed += sync.closed;
  }
  return sweep;
}

Result<CoordinationSweep> SyncChangedSince(Workspace& ws, int64_t batch_id) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> open, db.ListEpisodes("", true));
  std::set<std::string> monitored;
  for (const cases::Episode& e : open) monitored.insert(e.household_id);
  std::vector<std::string> changed;
  if (!monitored.empty()) {
    XJ_RETURN_IF_ERROR(db.ForEachChangedSince(batch_id, [&](const std::string& household_id) {
      if (monitored.contains(household_id)) changed.push_back(household_id);
    }));
  }
  CoordinationSweep sweep;
  for (const std::string& household_id : changed) {
    XJ_ASSIGN_OR_RETURN(CoordinationSync sync, SyncCoordination(ws, household_id));
    sweep.households += 1;
    sweep.opened += sync.opened;
    sweep.closed += sync.closed;
  }
  return sweep;
}

}  // namespace xianjie::service
