// Risk elimination through the service: the facts of cases/elimination.h gathered from the
// store. A registry version is dated by its batch's as_of (the date its facts refer to), not by
// when it was committed: an import of last June's survey in November tells about June. A run's
// flags come from its stored results: a run stores every household it flagged, so a run of the
// household's province without a result for it did not flag it.
#include "service/elimination.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "access/authorize.h"
#include "base/money.h"
#include "cases/workflow.h"
#include "registry/codes.h"
#include "registry/household.h"
#include "rules/standard_toml.h"
#include "service/assist.h"
#include "service/common.h"
#include "service/coordination.h"
#include "service/internal/assist_common.h"

namespace xianjie::service {
namespace {

using access::Operation;
using access::Role;

// Compulsory school age in completed years (DOMAIN.md §6 R10), as the shipped standards'
// dropout rule has it; a registry version is judged on its own as-of date.
constexpr int kCompulsoryAgeMin = 6;
constexpr int kCompulsoryAgeMax = 15;

// net / members rounded half away from zero, as the screening computes per_capita_fen.
int64_t PerCapitaFen(int64_t net, int members) {
  if (members <= 0) return 0;
  const int64_t half = members / 2;
  return net >= 0 ? (net + half) / members : -((-net + half) / members);
}

bool HasLabour(registry::Labor labor) {
  return labor == registry::Labor::kSkilled || labor == registry::Labor::kOrdinary ||
         labor == registry::Labor::kWeak;
}

cases::RegistryObservation Observe(const registry::HouseholdVersion& v, CivilDate on) {
  const registry::Household& h = v.record.household;
  cases::RegistryObservation o;
  o.on = on;
  o.batch_id = v.batch_id;
  o.net_income_fen = registry::NetIncome(h).fen();
  o.counted_members = registry::CountedMembers(v.record);
  o.per_capita_fen = PerCapitaFen(o.net_income_fen, o.counted_members);
  o.rigid_spending_fen = registry::RigidSpending(h).fen();
  o.housing_safe = h.housing_safe;
  o.water_safe = h.water_safe;
  for (const registry::Member& m : v.record.members) {
    if (!m.shares_household) continue;  // the rules range over counted members only
    if (!m.med_insured) o.member_uninsured = true;
    const int age = AgeOn(m.birth_date, on);
    if (age >= kCompulsoryAgeMin && age <= kCompulsoryAgeMax && !m.enrolled) {
      o.child_out_of_school = true;
    }
    if (HasLabour(m.labor)) ++o.labour_members;
  }
  return o;
}

// What one service call reads more than once: batches' dates, the runs, the lines.
struct Facts {
  explicit Facts(Workspace& w) : ws(w), db(w.database()) {}
  Workspace& ws;
  store::Database& db;
  std::map<int64_t, CivilDate> batch_dates;
  std::optional<std::vector<rules::ScreeningRun>> runs;
  std::map<std::pair<std::string, int>, LineApplied> lines;  // by (county, year)

  Result<std::vector<cases::RegistryObservation>> Registry(const std::string& household_id) {
    XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> versions, db.History(household_id));
    std::vector<cases::RegistryObservation> out;
    for (const registry::HouseholdVersion& v : versions) {
      auto date = batch_dates.find(v.batch_id);
      if (date == batch_dates.end()) {
        XJ_ASSIGN_OR_RETURN(std::optional<registry::BatchInfo> batch, db.GetBatch(v.batch_id));
        if (!batch) {
          return DataLoss("version " + std::to_string(v.version) + " of household " + household_id +
                          " names batch " + std::to_string(v.batch_id) +
                          ", which the registry does not have");
        }
        date = batch_dates.emplace(v.batch_id, batch->as_of).first;
      }
      out.push_back(Observe(v, date->second));
    }
    return out;
  }

  // Every run that screened the household's village (its province's, or its county's), flagged
  // as its stored results say.
  Result<std::vector<cases::ScreeningObservation>> Screening(const std::string& household_id,
                                                             const std::string& village) {
    if (!runs) {
      XJ_ASSIGN_OR_RETURN(std::vector<rules::ScreeningRun> all, db.ListRuns());
      runs = std::move(all);
    }
    XJ_ASSIGN_OR_RETURN(std::vector<rules::HouseholdResult> results,
                        db.HouseholdResults(household_id));
    std::map<int64_t, const rules::HouseholdResult*> by_run;
    for (const rules::HouseholdResult& r : results) by_run[r.run_id] = &r;
    std::vector<cases::ScreeningObservation> out;
    for (const rules::ScreeningRun& run : *runs) {
      if (run.province != village.substr(0, 2)) continue;
      if (!run.county.empty() && run.county != village.substr(0, 6)) continue;
      cases::ScreeningObservation o;
      o.on = cases::ChinaDateOf(run.started_at);
      o.run_id = run.run_id;
      o.registry_batch = run.registry_batch;
      if (auto r = by_run.find(run.run_id); r != by_run.end()) {
        o.flagged = true;
        o.rules = r->second->rules;
        o.proposed_type = r->second->proposed_type;
      }
      out.push_back(std::move(o));
    }
    return out;
  }

  // The line of the standard in force for the village's county (else its province) in `year`,
  // or of the latest earlier year that has one.
  Result<LineApplied> Line(const std::string& village, int year) {
    const std::string province = village.substr(0, 2);
    const std::string county = village.substr(0, 6);
    const auto key = std::make_pair(county, year);
    if (auto it = lines.find(key); it != lines.end()) return it->second;
    auto standard = ws.StandardOnOrBefore(province, county, year);
    if (!standard.ok()) return standard.status();
    LineApplied line{(*standard)->standard.year, (*standard)->standard.line.fen()};
    lines.emplace(key, line);
    return line;
  }

  // The input of cases::Assess for the household's open episode on `today`.
  Result<cases::EliminationInput> Input(const cases::Episode& episode, const std::string& village,
                                        CivilDate today, LineApplied* line) {
    cases::EliminationInput in;
    in.episode = episode;
    in.today = today;
    XJ_ASSIGN_OR_RETURN(in.measures, db.MeasuresOf(episode.household_id));
    XJ_ASSIGN_OR_RETURN(in.registry, Registry(episode.household_id));
    XJ_ASSIGN_OR_RETURN(in.screening, Screening(episode.household_id, village));
    XJ_ASSIGN_OR_RETURN(*line, Line(village, today.year()));
    in.line_fen = line->fen;
    XJ_ASSIGN_OR_RETURN(in.limits, LimitsOf(village));
    return in;
  }

  Result<cases::WorkflowLimits> LimitsOf(const std::string& village) {
    XJ_ASSIGN_OR_RETURN(std::optional<cases::WorkflowLimits> stored,
                        db.GetLimits(village.substr(0, 2)));
    return stored.value_or(cases::WorkflowLimits{});
  }
};

// The household's current version, with kNotFound for everyone and kPermissionDenied outside
// the scope, authorized for `op`.
Result<registry::HouseholdVersion> HouseholdInScope(store::Database& db,
                                                    const access::Principal& principal,
                                                    Operation op, const std::string& household_id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, ""));
  const std::string ids[] = {household_id};
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> current, db.GetCurrent(ids));
  if (current.empty()) {
    return NotFound("there is no household '" + household_id + "' in the registry");
  }
  XJ_RETURN_IF_ERROR(
      access::Authorize(principal, op, current.front().record.household.village_code.ToString()));
  return std::move(current.front());
}

// The plan a measure belongs to (docs/decisions/0008): one given must be the household's; a
// replaced measure given none keeps the one it had; a new one given none joins the plan of the
// household's open episode when that plan still takes measures (draft or active).
Status AttachToPlan(store::Database& db, cases::Measure& measure) {
  if (measure.plan_id != 0) {
    XJ_ASSIGN_OR_RETURN(std::optional<assist::Plan> plan, db.GetPlan(measure.plan_id));
    if (!plan || plan->household_id != measure.household_id) {
      return InvalidArgument("measure field plan_id: there is no plan " +
                             std::to_string(measure.plan_id) + " of household " +
                             measure.household_id);
    }
    return Status::Ok();
  }
  if (measure.id != 0) {
    XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> stored, db.MeasuresOf(measure.household_id));
    for (const cases::Measure& m : stored) {
      if (m.id == measure.id) measure.plan_id = m.plan_id;
    }
    return Status::Ok();
  }
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.EpisodesOf(measure.household_id));
  const std::optional<cases::Episode> open = assist_internal::OpenEpisode(episodes);
  if (!open) return Status::Ok();
  XJ_ASSIGN_OR_RETURN(std::optional<assist::Plan> plan, db.PlanOfEpisode(open->id));
  if (plan && (plan->state == assist::PlanState::kDraft ||
               plan->state == assist::PlanState::kActive)) {
    measure.plan_id = plan->id;
  }
  return Status::Ok();
}

std::string Unmet(const cases::EliminationCheck& check) {
  std::string out;
  for (const cases::Condition& c : check.conditions) {
    if (c.met) continue;
    if (!out.empty()) out += "; ";
    out += c.code + ": " + c.why;
  }
  return out;
}

}  // namespace

Result<std::vector<EliminationCandidate>> ListEliminationCandidates(
    Workspace& ws, const access::Principal& principal, const std::string& region, CivilDate today) {
  XJ_ASSIGN_OR_RETURN(const std::string scope,
                      assist_internal::RegionFor(principal, Operation::kCaseRead, region));
  store::Database& db = ws.database();
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  Facts facts(ws);
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.ListEpisodes(scope, true));
  std::vector<EliminationCandidate> out;
  for (cases::Episode& episode : episodes) {
    XJ_ASSIGN_OR_RETURN(std::optional<cases::CaseRecord> open, db.OpenCaseOf(episode.household_id));
    if (open) continue;  // a case is under way (an elimination proposed, a lead being checked)
    EliminationCandidate c;
    XJ_ASSIGN_OR_RETURN(cases::EliminationInput in,
                        facts.Input(episode, episode.village_code, today, &c.line));
    c.check = cases::Assess(in);
    c.village_name = view->RegionName(episode.village_code);
    c.head_name = view->HeadName(episode.household_id);
    c.episode = std::move(episode);
    out.push_back(std::move(c));
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "case.elimination_candidates", scope,
                                "{\"households\":" + std::to_string(out.size()) + "}"));
  return out;
}

Result<cases::CaseRecord> ProposeElimination(Workspace& ws, const access::Principal& principal,
                                             const std::string& household_id,
                                             std::string_view now_utc) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseAct, ""));
  // The township reviews and the county approves (DOMAIN.md §8 mirrors §5.2): a proposal comes
  // from one of them, not from the village that runs the home check, nor a department.
  if (principal.role != Role::kTownship && principal.role != Role::kCounty) {
    return PermissionDenied("role " + std::string(access::RoleName(principal.role)) +
                            " may not propose a household for elimination: a township or county "
                            "officer does");
  }
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(registry::HouseholdVersion current,
                      HouseholdInScope(db, principal, Operation::kCaseAct, household_id));
  const std::string village = current.record.household.village_code.ToString();
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.EpisodesOf(household_id));
  const std::optional<cases::Episode> episode = assist_internal::OpenEpisode(episodes);
  if (!episode) {
    return FailedPrecondition("household " + household_id +
                              " is not a monitoring object (it has no open episode): there is "
                              "no risk to eliminate");
  }
  XJ_ASSIGN_OR_RETURN(std::optional<cases::CaseRecord> open, db.OpenCaseOf(household_id));
  if (open) {
    return FailedPrecondition("household " + household_id + " already has an open case (case " +
                              std::to_string(open->id) + ", " +
                              std::string(cases::KindCode(open->kind)) + ", in " +
                              std::string(cases::StateCode(open->state)) + "); finish it first");
  }
  const CivilDate today = cases::ChinaDateOf(now_utc);
  Facts facts(ws);
  LineApplied line;
  XJ_ASSIGN_OR_RETURN(cases::EliminationInput in, facts.Input(*episode, village, today, &line));
  const cases::EliminationCheck check = cases::Assess(in);
  if (!check.eligible) {
    return FailedPrecondition("household " + household_id +
                              " cannot be proposed for elimination on " + today.ToString() + ": " +
                              Unmet(check));
  }

  // A proposal rejected before may be made again: the lead's source counts the proposals of
  // the episode, so that each is its own lead.
  cases::CaseFilter earlier;
  earlier.household_id = household_id;
  earlier.kind = cases::CaseKind::kElimination;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> before, db.ListCases(earlier));
  const auto proposals = std::count_if(before.begin(), before.end(),
                                       [&](const auto& c) { return c.episode_id == episode->id; });
  cases::Actor actor;
  actor.principal = principal;
  const cases::Fields fields = {{"episode_id", std::to_string(episode->id)},
                                {"proposed_type", episode->type},
                                {"proposed_risks", episode->risks},
                                {"proposed_method", check.method},
                                {"line", Money::FromFen(line.fen).ToYuanCentsString()},
                                {"line_year", std::to_string(line.year)}};
  cases::Applied opened = cases::OpenCase(cases::CaseKind::kElimination, household_id, village,
                                          cases::Channel::kCadreVisit, actor, now_utc, fields);
  cases::Lead lead;
  lead.household_id = household_id;
  lead.channel = cases::Channel::kCadreVisit;
  lead.source = "elimination:" + std::to_string(episode->id) + ":" + std::to_string(proposals + 1);
  lead.at = std::string(now_utc);
  lead.proposed_type = episode->type;
  lead.proposed_risks = episode->risks;
  lead.note = "proposed for elimination (" + check.method + ") by " + principal.username;
  XJ_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      db.OpenCases({cases::NewCase{opened.next, opened.record, lead}}));
  const int64_t id = ids.front();
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "case.propose_elimination",
                                "case:" + std::to_string(id), household_id));
  XJ_ASSIGN_OR_RETURN(std::optional<cases::CaseRecord> stored, db.GetCase(id));
  if (!stored) return Internal("case " + std::to_string(id) + " vanished after it was opened");
  return std::move(*stored);
}

Result<int64_t> RecordMeasure(Workspace& ws, const access::Principal& principal,
                              cases::Measure measure) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseAct, ""));
  // Measures are the work of those who assist the household; a department's part is its data.
  if (principal.role != Role::kVillage && principal.role != Role::kTownship &&
      principal.role != Role::kCounty) {
    return PermissionDenied("role " + std::string(access::RoleName(principal.role)) +
                            " may not record measures: a village, township or county officer "
                            "does");
  }
  if (measure.household_id.empty()) {
    return InvalidArgument("measure field household_id is missing");
  }
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(registry::HouseholdVersion current,
                      HouseholdInScope(db, principal, Operation::kCaseAct, measure.household_id));
  XJ_ASSIGN_OR_RETURN(measure.risks, cases::NormalizeMeasureRisks(measure.risks));
  if (!measure.member_id_number.empty()) {
    const bool member = std::any_of(
        current.record.members.begin(), current.record.members.end(),
        [&](const registry::Member& m) { return m.id_number == measure.member_id_number; });
    if (!member) {
      return InvalidArgument(
          "measure field member_id_number: " + ShownIdNumber(principal, measure.member_id_number) +
          " is not a member of household " + measure.household_id + " in the registry");
    }
  }
  XJ_RETURN_IF_ERROR(AttachToPlan(db, measure));
  XJ_RETURN_IF_ERROR(
      ApplyCatalogItem(ws, current.record.household.village_code.ToString().substr(0, 2), measure));
  measure.recorded_by = principal.username;
  if (measure.recorded_at.empty()) measure.recorded_at = ws.Now();
  XJ_ASSIGN_OR_RETURN(const int64_t id, db.PutMeasure(measure));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "measure.record", measure.household_id,
                                "measure:" + std::to_string(id)));
  // The coordination checks follow the plan's measures (decision 0008).
  const Result<CoordinationSync> synced = SyncCoordination(ws, measure.household_id);
  XJ_RETURN_IF_ERROR(synced.status());
  return id;
}

Result<cases::Measure> RecordMeasureItem(Workspace& ws, const access::Principal& principal,
                                         cases::Measure measure) {
  XJ_ASSIGN_OR_RETURN(const int64_t id, RecordMeasure(ws, principal, measure));
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> stored,
                      ws.database().MeasuresOf(measure.household_id));
  for (cases::Measure& m : stored) {
    if (m.id != id) continue;
    m.member_id_number = ShownIdNumber(principal, m.member_id_number);
    return std::move(m);
  }
  return Internal("measure " + std::to_string(id) + " of household " + measure.household_id +
                  " vanished after it was recorded");
}

Result<std::vector<cases::Measure>> ListMeasures(Workspace& ws, const access::Principal& principal,
                                                 const std::string& household_id) {
  store::Database& db = ws.database();
  XJ_RETURN_IF_ERROR(HouseholdInScope(db, principal, Operation::kCaseRead, household_id));
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> measures, db.MeasuresOf(household_id));
  for (cases::Measure& m : measures) {
    m.member_id_number = ShownIdNumber(principal, m.member_id_number);
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "measure.list", household_id,
                                "{\"measures\":" + std::to_string(measures.size()) + "}"));
  return measures;
}

Result<std::vector<QualityItem>> EliminationQuality(Workspace& ws,
                                                    const access::Principal& principal,
                                                    const std::string& region) {
  XJ_ASSIGN_OR_RETURN(const std::string scope,
                      assist_internal::RegionFor(principal, Operation::kCaseRead, region));
  store::Database& db = ws.database();
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  Facts facts(ws);
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> listed, db.ListEpisodes(scope, false));
  // The eliminated episodes in the region, by household; their village by episode.
  std::map<std::string, std::set<int64_t>> households;
  std::map<int64_t, std::string> village_of;
  for (const cases::Episode& e : listed) {
    if (!e.eliminated_on) continue;
    households[e.household_id].insert(e.id);
    village_of[e.id] = e.village_code;
  }
  std::vector<QualityItem> out;
  for (const auto& [household_id, in_region] : households) {
    cases::EliminationHistory history;
    history.household_id = household_id;
    // Every episode and case of the household, also those of another region: a relapse is
    // judged against the household's last elimination wherever it happened.
    XJ_ASSIGN_OR_RETURN(history.episodes, db.EpisodesOf(household_id));
    XJ_ASSIGN_OR_RETURN(history.measures, db.MeasuresOf(household_id));
    XJ_ASSIGN_OR_RETURN(history.registry, facts.Registry(household_id));
    cases::CaseFilter of_household;
    of_household.household_id = household_id;
    XJ_ASSIGN_OR_RETURN(history.cases, db.ListCases(of_household));
    std::map<int, int64_t> line_by_year;
    cases::WorkflowLimits limits;
    for (int64_t id : in_region) {
      const std::string& village = village_of[id];
      XJ_ASSIGN_OR_RETURN(limits, facts.LimitsOf(village));
      for (const cases::Episode& e : history.episodes) {
        if (e.id != id) continue;
        const int year = e.eliminated_on->year();
        XJ_ASSIGN_OR_RETURN(LineApplied line, facts.Line(village, year));
        line_by_year[year] = line.fen;
      }
    }
    for (cases::QualityProblem& p : cases::QualityProblems(history, line_by_year, limits)) {
      if (!in_region.contains(p.episode_id)) continue;
      QualityItem item;
      item.village_code = village_of[p.episode_id];
      item.village_name = view->RegionName(item.village_code);
      item.problem = std::move(p);
      out.push_back(std::move(item));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const QualityItem& a, const QualityItem& b) {
    return a.problem.episode_id < b.problem.episode_id;
  });
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "case.elimination_quality", scope,
                                "{\"problems\":" + std::to_string(out.size()) + "}"));
  return out;
}

Result<std::vector<cases::QualityProblem>> QualityProblemsOf(
    Workspace& ws, std::vector<cases::EliminationHistory> histories) {
  Facts facts(ws);
  std::vector<cases::QualityProblem> out;
  for (cases::EliminationHistory& history : histories) {
    std::map<int, int64_t> line_by_year;
    const cases::Episode* last = nullptr;
    for (const cases::Episode& e : history.episodes) {
      if (!e.eliminated_on) continue;
      XJ_ASSIGN_OR_RETURN(LineApplied line, facts.Line(e.village_code, e.eliminated_on->year()));
      line_by_year[e.eliminated_on->year()] = line.fen;
      if (last == nullptr || *last->eliminated_on < *e.eliminated_on) last = &e;
    }
    if (last == nullptr) continue;
    XJ_ASSIGN_OR_RETURN(const cases::WorkflowLimits limits, facts.LimitsOf(last->village_code));
    XJ_ASSIGN_OR_RETURN(history.registry, facts.Registry(history.household_id));
    for (cases::QualityProblem& p : cases::QualityProblems(history, line_by_year, limits)) {
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace xianjie::service
