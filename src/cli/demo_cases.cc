// `xianjie demo`: the demo province's case workflow in every state (demo_cases.h).
//
// After the screening, the run's flagged households wait in `lead` (opened today). This file adds
// what weeks and months of work would have left behind, around the demo users: each story below
// takes the next household without a case of its area — the demo village (V), the rest of its
// township (W), the rest of its county (C), or the next wider ring when that one has run out —
// and drives it through the procedure with the service, each event at 09:00–17:00 China time on a
// day counted back from today (T−n), by the officers of the household's village:
//
//   lead              V: a cadre's visit (mishap) T−1; a self-application T−5, left overdue;
//                     W: a cadre's visit (minimum allowance) T−2; V: a public application T−2
//   home_visit        V: applied T−2; W: applied T−1; V: applied T−9, the visit overdue
//   data_comparison   V: visited T−3; C: visited T−2; W: visited T−11, the comparison overdue
//   village_appraisal V: compared, then visited T−1; W: an objection upheld T−2 sends it back;
//                     V: an elimination proposed T−4, its home visit done T−2
//   public_notice     V: posted T−5, an objection raised T−2 and open (the clock paused);
//                     V: posted T−3; W: posted T−2; W: ended T−5 and never closed (overdue)
//   township_review   V: notice closed T−2; C: closed T−1; W: closed T−5 (overdue)
//   county_approval   V: approved by the township T−2; C: T−5 (overdue)
//   monitored         V: T−108 (an objection dismissed on the way), T−64; W: T−188, T−28;
//                     C: T−138; V: T−83 and W: T−158 on the minimum allowance alone, each a
//                     household able to work (C01 finds them); each with its plan (drafted by
//                     the cadre the day the measure starts) and a measure from the catalogue;
//                     and the two households below
//   rejected          V: at the appraisal T−45; W: by the township T−24; C: by the county T−48
//   dismissed         V: T−29; C: T−23
//   eliminated        V: identified T−319, assisted (a job), an income survey dated T−290 above
//                     the line, proposed by the county T−45, eliminated T−35 (its episode closed)
//   (elimination)     V: identified T−269, medical aid, a survey dated T−240, proposed T−4;
//                     W: identified T−250, a survey dated T−220: eligible, not yet proposed
//   each other township of the county with three households left: a monitoring object
//                     approved T−50…T−130 (TownshipPlans) and one identified T−300…, eliminated
//                     T−60…, so that every township's scorecard has figures
//
// plus an application from the village's public page that named no ID number and waits in the
// village's inbox. Then the escalation sweep runs at now, so overdue cases carry their escalate
// events. Everything goes through service:: as the web application's calls do (authorization,
// audit log, registry versions of home visits); any refusal stops the demo with its reason.
#include "cli/demo_cases.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "access/role.h"
#include "base/date.h"
#include "base/id_number.h"
#include "base/money.h"
#include "cases/deadlines.h"
#include "cases/elimination.h"
#include "cases/measure.h"
#include "cli/demo_staging.h"
#include "cli/demo_stories.h"
#include "registry/codes.h"
#include "registry/household.h"
#include "rules/standard_toml.h"
#include "service/applications.h"
#include "service/assist.h"
#include "service/case_sweep.h"
#include "service/cases.h"
#include "service/elimination.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

using access::Principal;
using access::Role;
using cases::Channel;
using cases::Fields;
using cases::MeasureCategory;
using cases::MeasureStatus;
using demo_stories::Area;
using demo_stories::ClosedPlans;
using demo_stories::Ending;
using demo_stories::Finding;
using demo_stories::kAreaCount;
using demo_stories::kIllness;
using demo_stories::kLowIncome;
using demo_stories::kNone;
using demo_stories::kRecovered;
using demo_stories::kSelf;
using demo_stories::kUnstableWork;
using demo_stories::kVisit;
using demo_stories::MeasurePlan;
using demo_stories::OpenPlans;
using demo_stories::Plan;

struct Household {
  std::string id;
  std::string village;
  int counted = 0;
  bool lifted = false;
  std::string head_name;
  std::string head_id_number;
  Area area = Area::kVillage;
  bool labour_capable = false;  // a counted member able to work (assist::Coordination's codes)
};

// The staging's state: the demo's clock, the households still free, the officers.
class Stager {
 public:
  Stager(service::Workspace& ws, DemoClock clock, std::string village, CivilDate today,
         int64_t line_yuan)
      : ws_(ws),
        clock_(std::move(clock)),
        village_(std::move(village)),
        today_(today),
        line_yuan_(line_yuan) {}

  service::Workspace& ws() { return ws_; }
  DemoClock& clock() { return clock_; }
  const std::string& village() const { return village_; }
  CivilDate Day(int days_ago) const { return CivilDate::FromDays(today_.ToDays() - days_ago); }
  int64_t line_yuan() const { return line_yuan_; }
  int64_t taken() const { return taken_; }
  int64_t outside_county() const { return outside_county_; }

  // Every household of the live registry with at least one counted member and no case, by ring
  // around the demo village; each ring interleaves its villages (one household of each in turn,
  // by id), so that stories spread over the villages.
  Status LoadPools() {
    cases::CaseFilter all;
    XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> existing, ws_.database().ListCases(all));
    std::set<std::string, std::less<>> with_case;
    for (const cases::CaseRecord& c : existing) with_case.insert(c.household_id);
    const std::shared_ptr<const service::WorkspaceView> view = ws_.view();
    const registry::Snapshot& s = view->snapshot();
    std::array<std::map<std::string, std::vector<uint32_t>>, kAreaCount> by_village;
    for (uint32_t h = 0; h < s.households(); ++h) {
      if (s.counted_members()[h] == 0 || with_case.count(s.household_id(h)) > 0) continue;
      const std::string code = std::to_string(s.village_code()[h]);
      by_village[static_cast<size_t>(RingOf(code))][code].push_back(h);
    }
    for (size_t ring = 0; ring < kAreaCount; ++ring) {
      for (size_t i = 0;; ++i) {
        bool any = false;
        for (const auto& [code, rows] : by_village[ring]) {
          if (i >= rows.size()) continue;
          any = true;
          pools_[ring].push_back(Describe(s, rows[i], code));
        }
        if (!any) break;
      }
    }
    return Status::Ok();
  }

  // The next free household of `preferred`'s ring, else of the next wider one; with
  // `labour_capable`, the next one with a member able to work, if any ring has one.
  Result<Household> Take(Area preferred, bool labour_capable = false) {
    if (labour_capable) {
      for (size_t ring = static_cast<size_t>(preferred); ring < kAreaCount; ++ring) {
        auto& pool = pools_[ring];
        auto it = std::find_if(pool.begin(), pool.end(),
                               [](const Household& h) { return h.labour_capable; });
        if (it != pool.end()) return TakeAt(pool, it);
      }
    }
    for (size_t ring = static_cast<size_t>(preferred); ring < kAreaCount; ++ring) {
      if (!pools_[ring].empty()) return TakeAt(pools_[ring], pools_[ring].begin());
    }
    return FailedPrecondition(
        "the demo registry has no household left without a case to stage "
        "the case workflow with; run the demo with more households");
  }
  // The townships of the demo county other than the demo township with at least `free`
  // households left, by code.
  std::vector<std::string> TownshipsWithFree(size_t free) const {
    std::map<std::string, size_t> count;
    for (const Household& h : pools_[static_cast<size_t>(Area::kCounty)]) {
      ++count[h.village.substr(0, 9)];
    }
    std::vector<std::string> out;
    for (const auto& [township, n] : count) {
      if (n >= free) out.push_back(township);
    }
    return out;
  }
  // The next free household of `township` (a township of the demo county's ring).
  Result<Household> TakeIn(const std::string& township) {
    auto& pool = pools_[static_cast<size_t>(Area::kCounty)];
    auto it = std::find_if(pool.begin(), pool.end(), [&](const Household& h) {
      return h.village.compare(0, township.size(), township) == 0;
    });
    if (it == pool.end()) {
      return FailedPrecondition("the demo township " + township + " has no household left");
    }
    return TakeAt(pool, it);
  }
  // The next free household of the demo village itself, if any.
  std::optional<Household> TakeInVillage() {
    auto& pool = pools_[static_cast<size_t>(Area::kVillage)];
    if (pool.empty()) return std::nullopt;
    Household h = std::move(pool.front());
    pool.pop_front();
    ++taken_;
    return h;
  }

  // The officer of `role` for `village`: the demo user when the village is in that user's scope,
  // else a colleague named after the region (an actor of the timeline, not a login).
  Principal Officer(Role role, const std::string& village) const {
    return DemoOfficer(role, village_, village);
  }

 private:
  Household TakeAt(std::deque<Household>& pool, std::deque<Household>::iterator it) {
    Household h = std::move(*it);
    pool.erase(it);
    ++taken_;
    if (h.area > Area::kCounty) ++outside_county_;
    return h;
  }

  Area RingOf(const std::string& code) const {
    if (code == village_) return Area::kVillage;
    if (code.compare(0, 9, village_, 0, 9) == 0) return Area::kTownship;
    if (code.compare(0, 6, village_, 0, 6) == 0) return Area::kCounty;
    if (code.compare(0, 4, village_, 0, 4) == 0) return Area::kPrefecture;
    return Area::kProvince;
  }

  Household Describe(const registry::Snapshot& s, uint32_t h, const std::string& code) const {
    Household out;
    out.id = std::string(s.household_id(h));
    out.village = code;
    out.counted = static_cast<int>(s.counted_members()[h]);
    out.lifted = s.status()[h] == static_cast<uint8_t>(registry::HouseholdStatus::kLifted);
    out.area = RingOf(code);
    out.labour_capable = LabourCapable(s, h);
    for (uint32_t m = s.member_begin()[h]; m < s.member_begin()[h + 1]; ++m) {
      if (s.member_relation()[m] == static_cast<uint8_t>(registry::Relation::kHead)) {
        out.head_name = std::string(s.member_name(m));
        out.head_id_number = UnpackIdNumber(s.member_id_number()[m]);
      }
    }
    return out;
  }

  service::Workspace& ws_;
  DemoClock clock_;
  std::string village_;
  CivilDate today_;
  int64_t line_yuan_;
  std::array<std::deque<Household>, kAreaCount> pools_;
  int64_t taken_ = 0;
  int64_t outside_county_ = 0;
};

// One household's case through the procedure. Events of the same day follow each other by the
// hour from 09:00 China time; every refusal names the story, the household, the event and day.
class Story {
 public:
  Story(Stager& s, std::string label, Household h)
      : s_(s), label_(std::move(label)), h_(std::move(h)) {}

  const Household& household() const { return h_; }
  int64_t case_id() const { return case_id_; }
  Principal Cadre() const { return s_.Officer(Role::kVillage, h_.village); }
  Principal Township() const { return s_.Officer(Role::kTownship, h_.village); }
  Principal County() const { return s_.Officer(Role::kCounty, h_.village); }
  Principal Department() const { return s_.Officer(Role::kDepartment, h_.village); }

  Status Open(Channel channel, const std::string& visit_reason, const std::string& note,
              int days_ago) {
    const std::string code(cases::ChannelCode(channel));
    auto id = service::AddLead(s_.ws(), Cadre(), h_.id, code, note, visit_reason, At(days_ago));
    if (!id.ok()) return Refused("lead (" + code + ")", days_ago, id.status());
    case_id_ = *id;
    return Status::Ok();
  }

  Status Act(const Principal& who, const std::string& event, Fields fields, int days_ago,
             const std::string& comment = "") {
    service::CaseAction action;
    action.event = event;
    action.fields = std::move(fields);
    action.comment = comment;
    auto after = service::ActOnCase(s_.ws(), who, case_id_, action, At(days_ago));
    if (!after.ok()) return Refused(event, days_ago, after.status());
    return Status::Ok();
  }

  // The home visit's form: what `f` finds, the income split as a farming household's is.
  Fields VisitForm(const Finding& f) const {
    const int64_t total = std::llround(f.lines * static_cast<double>(s_.line_yuan() * h_.counted));
    const int64_t transfer = total * 2 / 10;
    const int64_t business = total * 3 / 10;
    return {{"wage_income", std::to_string(total - transfer - business)},
            {"business_income", std::to_string(business)},
            {"property_income", "0"},
            {"transfer_income", std::to_string(transfer)},
            {"production_costs", "0"},
            {"rigid_medical", std::to_string(f.medical_yuan)},
            {"rigid_education", std::to_string(f.education_yuan)},
            {"rigid_other", "0"},
            {"housing_safe", f.housing_safe ? "1" : "0"},
            {"water_safe", "1"},
            {"findings", f.text}};
  }

  // The steps of `p` in order of their days; the ending last.
  Status Drive(const Plan& p) {
    XJ_RETURN_IF_ERROR(Open(p.channel, p.visit_reason, p.note, p.open));
    if (p.ending == Ending::kDismissed) {
      return Act(Cadre(), "dismiss", {{"reason", p.reason}}, p.dismiss);
    }
    if (p.apply != kNone) {
      XJ_RETURN_IF_ERROR(Act(Cadre(), "apply",
                             {{"authorization_signed", "1"}, {"applicant", h_.head_name}}, p.apply,
                             "已签署承诺授权书"));
    }
    const bool compare_first = p.compare != kNone && (p.visit == kNone || p.compare > p.visit);
    if (compare_first) XJ_RETURN_IF_ERROR(Compare(p.compare, p.inconsistency));
    if (p.visit != kNone) {
      XJ_RETURN_IF_ERROR(Act(Cadre(), "record_home_visit", VisitForm(p.finding), p.visit));
    }
    if (p.compare != kNone && !compare_first)
      XJ_RETURN_IF_ERROR(Compare(p.compare, p.inconsistency));
    if (p.appraise != kNone) {
      Fields f = {{"held_on", s_.Day(p.appraise).ToString()},
                  {"attendance", std::to_string(18 + h_.counted * 3)},
                  {"minutes", "村民代表会议评议，逐户发表意见并表决"}};
      if (p.ending == Ending::kRejectAppraisal) {
        f["result"] = "not_agreed";
        f["reason"] = p.reason;
      } else {
        f["result"] = "agreed";
      }
      XJ_RETURN_IF_ERROR(Act(Cadre(), "record_appraisal", std::move(f), p.appraise));
    }
    if (p.objection != kNone) {
      XJ_RETURN_IF_ERROR(Act(Cadre(), "raise_objection",
                             {{"objection", "村民反映该户子女在县城有稳定工作，收入未申报"}},
                             p.objection));
    }
    if (p.settle != kNone) {
      XJ_RETURN_IF_ERROR(
          p.upheld ? Act(Township(), "uphold_objection",
                         {{"reason", "经乡镇核实反映属实，退回村级重新评议"}}, p.settle)
                   : Act(Township(), "dismiss_objection",
                         {{"reason", "经乡镇核实，其子女在外务工收入不稳定且已计入家庭收入"}},
                         p.settle));
    }
    if (p.close != kNone) XJ_RETURN_IF_ERROR(Act(Cadre(), "close_notice", {}, p.close));
    if (p.township != kNone) {
      if (p.ending == Ending::kRejectTownship) {
        return Act(Township(), "reject", {{"reason", p.reason}}, p.township);
      }
      XJ_RETURN_IF_ERROR(Act(Township(), "township_approve", {}, p.township, "复核通过"));
    }
    if (p.county != kNone) {
      if (p.ending == Ending::kRejectCounty) {
        return Act(County(), "reject", {{"reason", p.reason}}, p.county);
      }
      XJ_RETURN_IF_ERROR(Act(
          County(), "county_approve",
          {{"type", h_.lifted ? "unstable_lifted" : p.finding.type}, {"risks", p.finding.risks}},
          p.county));
    }
    if (p.measure) XJ_RETURN_IF_ERROR(RecordMeasure(*p.measure));
    return Status::Ok();
  }

  // The plan of the household's new monitoring episode, drafted by its cadre the day the
  // measure starts, and the measure in it (a new measure joins the draft plan).
  Status RecordMeasure(const MeasurePlan& m) {
    At(m.start);  // the plan's time
    auto plan = service::CreatePlan(s_.ws(), Cadre(), h_.id, "按“缺什么补什么”制定帮扶计划");
    if (!plan.ok()) return Refused("plan", m.start, plan.status());
    cases::Measure measure;
    measure.household_id = h_.id;
    measure.category = m.category;
    measure.item = m.item;
    measure.department = m.department;
    measure.start = s_.Day(m.start);
    if (m.end != kNone) measure.end = s_.Day(m.end);
    measure.status = m.status;
    measure.risks = m.risks;
    measure.amount_fen = m.amount_yuan * 100;
    measure.item_code = m.item_code;
    measure.recorded_at = At(m.start);
    auto id = service::RecordMeasure(s_.ws(), Cadre(), std::move(measure));
    if (!id.ok()) return Refused("measure", m.start, id.status());
    return Status::Ok();
  }

  Status Propose(const Principal& who, int days_ago) {
    auto opened = service::ProposeElimination(s_.ws(), who, h_.id, At(days_ago));
    if (!opened.ok()) return Refused("propose_elimination", days_ago, opened.status());
    case_id_ = opened->id;
    return Status::Ok();
  }

  // A registry version of the household in a batch of its own whose facts date from `days_ago`
  // (an income survey): `per_capita_lines` lines of income per counted member, no rigid
  // spending, housing and water safe, and the children of compulsory school age at school.
  Status WriteSurvey(int days_ago, double per_capita_lines) {
    store::Database& db = s_.ws().database();
    const CivilDate as_of = s_.Day(days_ago);
    const std::string ids[] = {h_.id};
    XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> current, db.GetCurrent(ids));
    if (current.empty()) return Refused("income survey", days_ago, NotFound("not in registry"));
    registry::HouseholdRecord record = current.front().record;
    registry::Household& h = record.household;
    const int64_t total =
        std::llround(per_capita_lines * static_cast<double>(s_.line_yuan() * h_.counted));
    h.wage_income = Money::FromYuan(total * 6 / 10);
    h.business_income = Money::FromYuan(total - total * 6 / 10);
    h.property_income = h.transfer_income = h.production_costs = Money();
    h.rigid_medical = h.rigid_education = h.rigid_other = Money();
    h.housing_safe = h.water_safe = true;
    for (registry::Member& m : record.members) {
      const int age = AgeOn(m.birth_date, as_of);
      if (age >= 6 && age <= 15) m.enrolled = true;
    }
    registry::Canonicalize(record);
    registry::HouseholdVersion v;
    v.version = current.front().version + 1;
    v.record = std::move(record);
    v.content_hash = registry::ContentHash(v.record);
    registry::BatchInfo info;
    info.source = "income_survey";
    info.user = County().username;
    info.started_at = At(days_ago);
    info.as_of = as_of;
    XJ_ASSIGN_OR_RETURN(std::unique_ptr<registry::BatchWriter> writer, db.BeginBatch(info));
    XJ_RETURN_IF_ERROR(writer->PutVersion(v));
    return writer->Commit(R"({"source":"income_survey","households":1})");
  }

 private:
  // The department comparison: consistent, unless `inconsistency` says what it found.
  Status Compare(int days_ago, std::string_view inconsistency) {
    const bool consistent = inconsistency.empty();
    return Act(Department(), "record_comparison",
               {{"result", consistent ? "consistent" : "inconsistent"},
                {"findings", consistent ? "公安、人社、住建、市场监管、车管数据比对无异常"
                                        : std::string(inconsistency)}},
               days_ago);
  }

  // UTC ISO 8601 of the next event on the day `days_ago` days before today, which the
  // workspace's clock is set to (what the service stamps with ws.Now() happens then too).
  std::string At(int days_ago) {
    const CivilDate day = s_.Day(days_ago);
    hour_ = day == last_day_ ? std::min(hour_ + 1, 17) : 9;
    last_day_ = day;
    std::string at = UtcAt(day, hour_);
    s_.clock().Set(at);
    return at;
  }

  Status Refused(const std::string& what, int days_ago, const Status& why) const {
    return Status(why.code(), "staging the demo's cases: " + what + " on " +
                                  s_.Day(days_ago).ToString() + " for household " + h_.id + " (" +
                                  label_ + ", case " + std::to_string(case_id_) +
                                  ") was refused: " + why.message());
  }

  Stager& s_;
  std::string label_;
  Household h_;
  int64_t case_id_ = 0;
  CivilDate last_day_;
  int hour_ = 9;
};

// A monitoring object: `p`'s lead `identified` + 11 days ago, taken through the procedure to the
// county's approval `identified` days ago, with its measure; then an income survey dated `survey`
// days ago finds it well above the line. The start of both elimination stories.
Status IdentifyForElimination(Story& story, Plan p, int identified, int survey) {
  p.open = identified + 11;
  p.apply = identified + 10;
  p.visit = identified + 9;
  p.compare = identified + 8;
  p.appraise = identified + 7;
  p.close = identified + 2;
  p.township = identified + 1;
  p.county = identified;
  p.ending = Ending::kApproved;
  XJ_RETURN_IF_ERROR(story.Drive(p));
  return story.WriteSurvey(survey, 1.8);
}

// A public application through the village's page at `at`: the challenge, the proof of work a
// phone's browser would find, the form. Returns the receipt's drop reason.
Result<service::DropReason> Submit(service::Workspace& ws, service::PublicApplications& apps,
                                   service::ApplicationForm form, const std::string& at) {
  XJ_ASSIGN_OR_RETURN(service::Challenge challenge,
                      service::IssueChallenge(ws, apps, form.village, at));
  form.challenge = challenge.challenge;
  for (int64_t nonce = 0;; ++nonce) {
    if (apps.ProofHolds(form.challenge, std::to_string(nonce))) {
      form.nonce = std::to_string(nonce);
      break;
    }
  }
  XJ_ASSIGN_OR_RETURN(service::Receipt receipt,
                      service::SubmitApplication(ws, apps, form, "192.0.2.10", at));
  return receipt.dropped;
}

// The monitoring line in yuan of the province's standard for `year`, or of the latest earlier
// year that has one (as the elimination's checks take it).
Result<int64_t> LineYuan(const std::string& province, int year) {
  for (int y = year; y >= year - 20; --y) {
    if (const rules::Standard* s = rules::FindBuiltinStandard(province, "", y)) {
      return s->line.fen() / 100;
    }
  }
  return FailedPrecondition("no built-in standard of province " + province + " up to " +
                            std::to_string(year) + " gives the monitoring line");
}

// A monitoring object identified `identified` days ago (its income surveyed `survey` days ago)
// whose risk the county eliminates `proposed` − 10 days ago, by assistance: the elimination's
// home visit, appraisal and notice in between. Its plan closes with the episode.
Status Eliminate(Stager& stager, Household h, const Plan& p, int identified, int survey,
                 int proposed) {
  Story story(stager, "eliminated by assistance", std::move(h));
  Plan identify = p;
  if (identify.measure) identify.measure->start = identified - 4;
  XJ_RETURN_IF_ERROR(IdentifyForElimination(story, identify, identified, survey));
  XJ_RETURN_IF_ERROR(story.Propose(story.County(), proposed));
  XJ_RETURN_IF_ERROR(
      story.Act(story.Cadre(), "record_home_visit", story.VisitForm(kRecovered), proposed - 2));
  XJ_RETURN_IF_ERROR(story.Act(story.Cadre(), "record_appraisal",
                               {{"held_on", stager.Day(proposed - 3).ToString()},
                                {"attendance", "26"},
                                {"minutes", "村民代表一致同意该户风险消除"},
                                {"result", "agreed"}},
                               proposed - 3));
  XJ_RETURN_IF_ERROR(story.Act(story.Cadre(), "close_notice", {}, proposed - 8));
  XJ_RETURN_IF_ERROR(story.Act(story.Township(), "township_approve", {}, proposed - 9, "复核通过"));
  return story.Act(story.County(), "county_approve", {{"method", "by_assistance"}}, proposed - 10);
}

// The elimination stories: one carried to the end, closing its episode; one in progress; and a
// monitoring object eligible today that nobody has proposed yet (the candidates' list offers it).
Status StageEliminations(Stager& stager) {
  {
    XJ_ASSIGN_OR_RETURN(Household h, stager.Take(Area::kVillage));
    Plan p{.label = "",
           .area = Area::kVillage,
           .channel = kSelf,
           .visit_reason = "",
           .note = "户主到村委会申请",
           .finding = kUnstableWork,
           .open = 0};
    p.measure = MeasurePlan{MeasureCategory::kEmployment,
                            "转移就业（省外务工）",
                            "县人社局",
                            315,
                            kNone,
                            MeasureStatus::kInProgress,
                            "R07",
                            0,
                            "organized_labour_export"};
    XJ_RETURN_IF_ERROR(Eliminate(stager, std::move(h), p, 319, 290, 45));
  }
  {
    XJ_ASSIGN_OR_RETURN(Household h, stager.Take(Area::kVillage));
    Story story(stager, "elimination in progress", std::move(h));
    Plan p{.label = "",
           .area = Area::kVillage,
           .channel = kVisit,
           .visit_reason = "serious_illness",
           .note = "入户走访发现户主住院",
           .finding = kIllness,
           .open = 0};
    p.measure = MeasurePlan{MeasureCategory::kHealth,
                            "大病医疗救助",
                            "县医保局",
                            265,
                            kNone,
                            MeasureStatus::kInProgress,
                            "R01",
                            15000,
                            "medical_assistance"};
    XJ_RETURN_IF_ERROR(IdentifyForElimination(story, p, 269, 240));
    XJ_RETURN_IF_ERROR(story.Propose(story.Township(), 4));
    XJ_RETURN_IF_ERROR(
        story.Act(story.Cadre(), "record_home_visit", story.VisitForm(kRecovered), 2));
  }
  XJ_ASSIGN_OR_RETURN(Household h, stager.Take(Area::kTownship));
  Story story(stager, "eligible for elimination", std::move(h));
  Plan p{.label = "",
         .area = Area::kTownship,
         .channel = kVisit,
         .visit_reason = "low_income",
         .note = "收入监测走访",
         .finding = kLowIncome,
         .open = 0};
  p.measure = MeasurePlan{MeasureCategory::kIndustry,
                          "牦牛养殖产业扶持",
                          "县农牧局",
                          245,
                          kNone,
                          MeasureStatus::kInProgress,
                          "R08",
                          8000,
                          "livestock_subsidy"};
  return IdentifyForElimination(story, p, 250, 220);
}

// The other townships of the demo county, so that their scorecards have something to assess:
// in each with three households left, a monitoring object approved this year with its plan's
// measure and one whose risk was eliminated (a story of TownshipPlans(), turn by turn).
// Returns the townships.
Result<int64_t> StageTownships(Stager& stager) {
  const std::vector<Plan> plans = demo_stories::TownshipPlans();
  size_t turn = 0;
  for (const std::string& township : stager.TownshipsWithFree(3)) {
    const Plan& p = plans[turn++ % plans.size()];
    const int shift = static_cast<int>(turn % 5) * 3;
    {
      XJ_ASSIGN_OR_RETURN(Household h, stager.TakeIn(township));
      Plan monitored = p;
      for (int* day :
           {&monitored.open, &monitored.apply, &monitored.visit, &monitored.compare,
            &monitored.appraise, &monitored.close, &monitored.township, &monitored.county}) {
        if (*day != kNone) *day += shift;
      }
      monitored.measure->start += shift;
      Story story(stager, p.label, std::move(h));
      XJ_RETURN_IF_ERROR(story.Drive(monitored));
    }
    XJ_ASSIGN_OR_RETURN(Household h, stager.TakeIn(township));
    XJ_RETURN_IF_ERROR(Eliminate(stager, std::move(h), p, 300 + shift, 270, 70 + shift));
  }
  return static_cast<int64_t>(turn);
}

// The village's public page: an application naming a member's ID number (it becomes that
// household's self_application lead) when the village has a household left, and one without an
// ID number, which waits in the village's inbox. Returns how many were stored.
Result<int64_t> StageApplications(Stager& stager) {
  service::PublicApplications apps;
  service::Workspace& ws = stager.ws();
  const std::string& village = stager.village();
  auto at = [&](int days_ago, int china_hour) {
    std::string t = UtcAt(stager.Day(days_ago), china_hour);
    stager.clock().Set(t);
    return t;
  };
  int64_t matched = 0;
  if (std::optional<Household> h = stager.TakeInVillage()) {
    service::ApplicationForm form;
    form.village = village;
    form.name = h->head_name;
    form.id_number = h->head_id_number;
    form.phone = "13897001234";
    form.relation = "self";
    form.text = "家里老人生病住院，花了很多钱，孩子还在上学，想申请帮扶。";
    XJ_ASSIGN_OR_RETURN(service::DropReason dropped, Submit(ws, apps, form, at(2, 10)));
    if (dropped != service::DropReason::kNone) {
      return Internal("staging the demo's cases: the public application of household " + h->id +
                      " was dropped");
    }
    matched = 1;
  }
  service::ApplicationForm form;
  form.village = village;
  form.name = "马桂兰";
  form.phone = "139-0971-5678";
  form.relation = "proxy";
  form.text = "我替邻居申请：邻居家老人一个人住，房子漏雨，冬天取暖困难。";
  XJ_ASSIGN_OR_RETURN(service::DropReason dropped, Submit(ws, apps, form, at(1, 15)));
  if (dropped != service::DropReason::kNone) {
    return Internal(
        "staging the demo's cases: the public application without ID number was "
        "dropped");
  }
  cases::ApplicationFilter filter;
  filter.village_prefix = village;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Application> stored,
                      ws.database().ListApplications(filter));
  int64_t unmatched = 0, linked = 0;
  for (const cases::Application& a : stored) {
    if (a.status == cases::ApplicationStatus::kUnmatched) ++unmatched;
    if (a.status == cases::ApplicationStatus::kMatched && a.case_id != 0) ++linked;
  }
  if (unmatched != 1 || linked != matched) {
    return Internal("staging the demo's cases: the village's public applications are " +
                    std::to_string(unmatched) + " unmatched and " + std::to_string(linked) +
                    " matched with a case, not 1 and " + std::to_string(matched));
  }
  return 1 + matched;
}

}  // namespace

Result<DemoCasesSummary> StageDemoCases(store::Database& database, const std::string& village,
                                        std::string_view now_utc) {
  if (village.size() != 12) {
    return InvalidArgument("the demo's village must be a 12-digit code, not '" + village + "'");
  }
  const CivilDate today = cases::ChinaDateOf(now_utc);
  XJ_ASSIGN_OR_RETURN(const int64_t line_yuan, LineYuan(village.substr(0, 2), today.year()));
  DemoClock clock;
  service::Workspace ws(database, clock.Options());
  XJ_RETURN_IF_ERROR(ws.Refresh());
  Stager stager(ws, clock, village, today, line_yuan);
  XJ_RETURN_IF_ERROR(stager.LoadPools());
  DemoCasesSummary summary;

  for (const Plan& p : OpenPlans()) {
    XJ_ASSIGN_OR_RETURN(Household h, stager.Take(p.area, p.labour_capable));
    Story story(stager, p.label, std::move(h));
    XJ_RETURN_IF_ERROR(story.Drive(p));
  }
  XJ_RETURN_IF_ERROR(StageEliminations(stager));
  XJ_ASSIGN_OR_RETURN(summary.applications, StageApplications(stager));
  for (const Plan& p : ClosedPlans()) {
    XJ_ASSIGN_OR_RETURN(Household h, stager.Take(p.area, p.labour_capable));
    Story story(stager, p.label, std::move(h));
    XJ_RETURN_IF_ERROR(story.Drive(p));
  }
  XJ_ASSIGN_OR_RETURN(summary.townships, StageTownships(stager));
  clock.Clear();
  XJ_ASSIGN_OR_RETURN(service::SweepResult swept, service::SweepEscalations(ws, now_utc));
  summary.escalated = swept.escalated;
  summary.households = stager.taken();
  summary.outside_county = stager.outside_county();

  cases::CaseFilter filter;
  filter.region_prefix = village.substr(0, 2);
  XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> in_province, database.ListCases(filter));
  XJ_ASSIGN_OR_RETURN(const cases::WorkflowLimits limits,
                      service::LimitsFor(database, village.substr(0, 2)));
  for (const cases::CaseRecord& c : in_province) {
    const size_t i =
        static_cast<size_t>(std::find(cases::kAllStates.begin(), cases::kAllStates.end(), c.state) -
                            cases::kAllStates.begin());
    ++summary.province[i];
    if (c.village_code.compare(0, 6, village, 0, 6) != 0) continue;
    ++summary.county[i];
    if (c.village_code.compare(0, 9, village, 0, 9) == 0) ++summary.township[i];
    if (c.village_code == village) ++summary.village[i];
    if (cases::DueOf(c, limits, today).overdue_days > 0) ++summary.overdue;
  }
  return summary;
}

}  // namespace xianjie::cli
