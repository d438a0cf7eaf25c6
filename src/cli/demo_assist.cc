// `xianjie demo`: the assistance around the staged monitoring objects (demo_assist.h). Each
// open episode, oldest first, gets, on days counted from its identification (I+n) and back from
// today (T−n), through the service as the officers of its village:
//
//   I+2    a responsible person (帮扶责任人): a generated name, a unit, a fake mobile number
//   I+3    the plan, unless the case staging drafted it with the first measure
//   I+10   a development measure (vocational training) for a household able to work that has
//          none, unless its only measure is the minimum allowance (C01 is meant to find it)
//   I+12   the plan activated — except the county's latest identified object: a draft
//   I+20   outside the demo village, the county justifies the first open C01 finding
//   T−5−30k  a visit a month by the responsible person (k = 0..5, after I+7); the demo village's
//          latest identified object's latest visit also records a cadre-visit lead
//   T−20…  objects identified over 90 days ago: every other plan completed (and the justified
//          ones), where CompletePlan's gates allow
//
// then the coordination sweep over the province at now.
#include "cli/demo_assist.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "access/role.h"
#include "cases/case.h"
#include "cli/demo_staging.h"
#include "demo/names.h"
#include "demo/random.h"
#include "service/assist.h"
#include "service/coordination.h"
#include "service/findings.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

using access::Principal;
using access::Role;
using cases::MeasureCategory;

constexpr int kVisitMonths = 6;
constexpr int kCompleteAfterDays = 90;

// A stable 64-bit hash of a text (FNV-1a): the seed of a household's generated person.
uint64_t Fnv1a(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

bool IsDevelopment(MeasureCategory c) {
  return c == MeasureCategory::kIndustry || c == MeasureCategory::kEmployment ||
         c == MeasureCategory::kFinance || c == MeasureCategory::kPublicPost;
}

class AssistStager {
 public:
  AssistStager(store::Database& db, std::string village, CivilDate today)
      : ws_(db, clock_.Options()), village_(std::move(village)), today_(today) {}

  service::Workspace& ws() { return ws_; }
  DemoAssistSummary& summary() { return summary_; }

  // The staging of one open episode; `draft`: leave its plan a draft; `complete`: try to
  // complete it; `lead`: its latest visit records a cadre-visit lead.
  Status Stage(const cases::Episode& e, bool draft, bool complete, bool lead) {
    e_ = e;
    XJ_ASSIGN_OR_RETURN(std::string person, Assign(2));
    XJ_ASSIGN_OR_RETURN(std::optional<assist::Plan> plan, ws_.database().PlanOfEpisode(e.id));
    if (!plan) {
      At(3);
      auto made = service::CreatePlan(ws_, Officer(Role::kVillage), e.household_id,
                                      "按“缺什么补什么”制定帮扶计划");
      if (!made.ok()) return Refused("plan", made.status());
      plan = made->plan;
    }
    XJ_ASSIGN_OR_RETURN(std::vector<cases::Measure> measures,
                        ws_.database().MeasuresOf(e.household_id));
    XJ_RETURN_IF_ERROR(AddDevelopment(plan->id, measures));
    if (!draft) {
      At(12);
      auto active = service::ActivatePlan(ws_, Officer(Role::kVillage), plan->id);
      if (!active.ok()) return Refused("plan activation", active.status());
    }
    bool justified = false;
    // One C01 finding justified by the county, outside the demo village: the others stay open
    // for the worklists (in a small demo both story households may lie outside the village).
    if (e.village_code != village_ && summary_.justified == 0) {
      XJ_ASSIGN_OR_RETURN(justified, JustifyC01());
    }
    const CivilDate complete_on = CivilDate::FromDays(today_.ToDays() - 20);
    const bool completing = !draft && (complete || justified) &&
                            today_.ToDays() - e.identified_on.ToDays() > kCompleteAfterDays;
    for (int k = kVisitMonths - 1; k >= 0; --k) {
      const CivilDate day = CivilDate::FromDays(today_.ToDays() - 5 - 30 * k);
      if (day.ToDays() <= e.identified_on.ToDays() + 7) continue;
      if (completing && k == 0) XJ_RETURN_IF_ERROR(Complete(plan->id, complete_on));
      XJ_RETURN_IF_ERROR(Visit(day, person, k == 0, lead && k == 0));
    }
    clock_.Clear();
    return Status::Ok();
  }

 private:
  Principal Officer(Role role) const { return DemoOfficer(role, village_, e_.village_code); }

  // The clock at `hour` o'clock on I+`days` (identification + days).
  CivilDate At(int days, int hour = 10) {
    const CivilDate day = CivilDate::FromDays(e_.identified_on.ToDays() + days);
    clock_.Set(UtcAt(day, hour));
    return day;
  }

  Result<std::string> Assign(int days) {
    demo::Rng rng(Fnv1a(e_.household_id), 7);
    const auto style = rng.Chance(0.7) ? demo::NameStyle::kHan : demo::NameStyle::kHui;
    std::string name;
    demo::DrawName(style, demo::DrawSurname(style, rng), rng.Chance(0.6), rng, name);
    static constexpr const char* kUnits[] = {"县农业农村局", "县人力资源和社会保障局",
                                             "驻村工作队",   "乡镇人民政府",
                                             "县民政局",     "县乡村振兴局"};
    std::string phone = "13" + std::to_string(5 + rng.Below(5));
    for (int i = 0; i < 8; ++i) phone += static_cast<char>('0' + rng.Below(10));
    assist::ResponsiblePerson person;
    person.name = name;
    person.unit = kUnits[rng.Below(static_cast<int>(std::size(kUnits)))];
    person.phone = phone;
    person.from = At(days);
    auto assigned =
        service::AssignResponsible(ws_, Officer(Role::kVillage), e_.household_id, person);
    if (!assigned.ok()) return Refused("responsible person", assigned.status());
    ++summary_.responsible;
    return name;
  }

  // Vocational training for a household able to work without a development measure, unless
  // its counted measures are all of the safety net (C01's story).
  Status AddDevelopment(int64_t plan_id, const std::vector<cases::Measure>& measures) {
    bool development = false, safety_net_only = !measures.empty();
    for (const cases::Measure& m : measures) {
      if (m.status == cases::MeasureStatus::kStopped) continue;
      development |= IsDevelopment(m.category);
      safety_net_only &= m.category == MeasureCategory::kSafetyNet;
    }
    if (development || safety_net_only || !LabourCapable()) return Status::Ok();
    cases::Measure m;
    m.category = MeasureCategory::kEmployment;
    m.item_code = "vocational_training";
    m.start = At(10);
    m.status = cases::MeasureStatus::kInProgress;
    m.risks = "R07";
    m.amount_fen = 150000;
    m.recorded_at = UtcAt(m.start, 11);
    auto recorded = service::RecordPlanMeasure(ws_, Officer(Role::kVillage), plan_id, m);
    if (!recorded.ok()) return Refused("measure", recorded.status());
    ++summary_.measures;
    return Status::Ok();
  }

  bool LabourCapable() const {
    const std::shared_ptr<const service::WorkspaceView> view = ws_.view();
    const int64_t h = view->snapshot().Find(e_.household_id);
    return h >= 0 && cli::LabourCapable(view->snapshot(), static_cast<uint32_t>(h));
  }

  // The county's justification of the household's open C01 finding, if it has one.
  Result<bool> JustifyC01() {
    exchange::FindingFilter filter;
    filter.household_id = e_.household_id;
    filter.check = "C01";
    filter.state = exchange::FindingState::kOpen;
    XJ_ASSIGN_OR_RETURN(std::vector<exchange::Finding> open, ws_.database().ListFindings(filter));
    for (const exchange::Finding& f : open) {
      At(20);
      auto done = service::JustifyFinding(ws_, Officer(Role::kCounty), f.id,
                                          "户主需长期照料卧床老人，无法外出务工，经县级核实，现阶段"
                                          "以低保兜底，待老人病情稳定后再安排就业帮扶");
      if (!done.ok()) return Refused("justification of C01", done.status());
      ++summary_.justified;
    }
    return !open.empty();
  }

  Status Complete(int64_t plan_id, CivilDate on) {
    clock_.Set(UtcAt(on, 15));
    auto done = service::CompletePlan(ws_, Officer(Role::kVillage), plan_id);
    // A gate that refuses (an open finding) leaves the plan active, as in the real work.
    if (!done.ok() && done.status().code() != StatusCode::kFailedPrecondition) {
      return Refused("plan completion", done.status());
    }
    return Status::Ok();
  }

  Status Visit(CivilDate day, const std::string& visitor, bool latest, bool lead) {
    clock_.Set(UtcAt(day, 14));
    assist::Visit v;
    v.household_id = e_.household_id;
    v.visited_on = day;
    v.visitor = visitor;
    std::string lead_reason;
    if (lead) {
      v.found = "户主反映务工工资被拖欠，家庭收入下降，需关注";
      v.risks_seen = "R07";
      lead_reason = "unstable_work";
    } else if (latest) {
      v.found = "帮扶措施落实到位，家庭生产生活正常";
    } else {
      v.found = "入户走访，了解帮扶措施落实和家庭收支情况";
      v.risks_seen = e_.risks;
    }
    auto recorded =
        service::RecordVisit(ws_, Officer(Role::kVillage), e_.household_id, v, lead_reason);
    if (!recorded.ok()) return Refused("visit", recorded.status());
    ++summary_.visits;
    if (!lead_reason.empty()) ++summary_.visit_leads;
    return Status::Ok();
  }

  Status Refused(const std::string& what, const Status& why) {
    const std::string at = ws_.Now();
    clock_.Clear();
    return Status(why.code(), "staging the demo's assistance: " + what + " at " + at +
                                  " for household " + e_.household_id + " (episode " +
                                  std::to_string(e_.id) + ") was refused: " + why.message());
  }

  DemoClock clock_;
  service::Workspace ws_;
  std::string village_;
  CivilDate today_;
  cases::Episode e_;
  DemoAssistSummary summary_;
};

}  // namespace

Result<DemoAssistSummary> StageDemoAssistance(store::Database& database, const std::string& village,
                                              std::string_view now_utc) {
  if (village.size() != 12) {
    return InvalidArgument("the demo's village must be a 12-digit code, not '" + village + "'");
  }
  const CivilDate today = cases::ChinaDateOf(now_utc);
  AssistStager stager(database, village, today);
  XJ_RETURN_IF_ERROR(stager.ws().Refresh());
  const std::string province = village.substr(0, 2), county = village.substr(0, 6);
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes,
                      database.ListEpisodes(province, /*open_only=*/true));
  std::stable_sort(episodes.begin(), episodes.end(),
                   [](const cases::Episode& a, const cases::Episode& b) {
                     return a.identified_on < b.identified_on;
                   });
  int64_t draft = 0;  // the county's latest identified
  for (const cases::Episode& e : episodes) {
    if (e.village_code.compare(0, 6, county) == 0) draft = e.id;
  }
  // The latest identified but the draft with a visit (identified over 12 days ago: visits
  // begin after I+7, on T−5 at the latest), of the demo village, else of its township, else of
  // its county (a small demo may have no object in the village).
  int64_t lead = 0;
  for (const size_t digits : {size_t{6}, size_t{9}, size_t{12}}) {
    for (const cases::Episode& e : episodes) {
      if (e.village_code.compare(0, digits, village, 0, digits) == 0 && e.id != draft &&
          today.ToDays() - e.identified_on.ToDays() > 12) {
        lead = e.id;  // a later one, or one nearer the village, replaces it
      }
    }
  }
  int old = 0;
  for (const cases::Episode& e : episodes) {
    const bool complete =
        today.ToDays() - e.identified_on.ToDays() > kCompleteAfterDays && old++ % 2 == 0;
    XJ_RETURN_IF_ERROR(stager.Stage(e, e.id == draft, complete, e.id == lead));
  }
  XJ_RETURN_IF_ERROR(service::SweepCoordination(stager.ws(), province));

  DemoAssistSummary summary = stager.summary();
  assist::PlanFilter plans;
  plans.region_prefix = province;
  XJ_ASSIGN_OR_RETURN(std::vector<assist::Plan> all, database.ListPlans(plans));
  for (const assist::Plan& p : all) ++summary.plans[static_cast<size_t>(p.state)];
  exchange::FindingFilter open;
  open.region_prefix = county;
  open.check_prefix = "C";
  open.state = exchange::FindingState::kOpen;
  XJ_ASSIGN_OR_RETURN(summary.open_findings, database.CountFindings(open));
  return summary;
}

}  // namespace xianjie::cli
