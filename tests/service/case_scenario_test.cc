// A demo county through two simulated months of the procedure (issue 5; decision 0005): a
// synthetic province imported, screened, and its busiest county worked day by day from
// 1 September to 31 October 2026 by its village cadres, townships and county — warnings,
// officers' and public applications, cadre visits, the steps with their decisions, objections
// upheld and dismissed, late steps, notices, measures, a survey showing recovered incomes,
// eliminations, and households relapsing after elimination.
//
// The simulation decides what each case will go through when it opens (seeded, so the run is
// the same every time) and keeps its own ledger of what it did: the state every case must be
// in, the days paused, when each was decided, the episodes opened and closed. The system's
// answers — case lists, the leads a run takes, notices, deadlines, escalations, the dashboard,
// elimination candidates and the timeliness figures — are checked against the ledger, never
// against numbers written into the test.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cases/workflow.h"
#include "demo/generator.h"
#include "ingest/importer.h"
#include "registry/household.h"
#include "registry/region.h"
#include "service/applications.h"
#include "service/case_sweep.h"
#include "service/cases.h"
#include "service/elimination.h"
#include "service/notices.h"
#include "service/screening.h"
#include "service/service_test_support.h"
#include "store/open.h"
#include "support/temp_files.h"

namespace xianjie::service {
namespace {

using access::Role;
using cases::CaseKind;
using cases::CaseState;
using testing::Officer;

constexpr uint64_t kSeed = 20260901;
constexpr int64_t kHouseholds = 8000;
const CivilDate kStart = CivilDate::FromYmd(2026, 9, 1);  // day 0
constexpr int kDays = 61;                                 // day 60 is 31 October
constexpr int kScreeningYear = 2024;                      // the generated facts' standard
// A step taken late waits this many days in its state: more than any step's limit (at most 5),
// so the case is overdue and escalates.
constexpr int kLateDays = 9;

CivilDate DayDate(int day) { return CivilDate::FromDays(kStart.ToDays() + day); }
// 10:00 in China on `day` (the workday's events), and 18:00 (the evening's sweep).
std::string Morning(int day) { return DayDate(day).ToString() + "T02:00:00Z"; }
std::string Evening(int day) { return DayDate(day).ToString() + "T10:00:00Z"; }

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToYuanString(); }

// What the simulation decides for a case when it opens.
enum class Outcome { kDismiss, kRejectAtAppraisal, kRejectAtTownship, kRejectAtCounty, kApprove };
enum class Objection { kNone, kDismissed, kUpheld };

// The ledger's line for one case.
struct Track {
  int64_t id = 0;
  CaseKind kind = CaseKind::kIdentification;
  std::string household;
  std::string village;
  int opened = 0;  // day
  bool relapse = false;
  // The plan.
  Outcome outcome = Outcome::kApprove;
  Objection objection = Objection::kNone;
  bool comparison_first = false;  // the county compares before the home visit (in parallel)
  CaseState late_state = CaseState::kDismissed;  // the state whose step is taken late; a
                                                 // terminal state = none
  int objection_days = 0;
  // What the ledger expects.
  CaseState state = CaseState::kLead;
  int state_since = 0;
  int next_action = 0;  // the day the next step is taken
  bool comparison_done = false;
  bool objection_raised = false;
  bool objection_open = false;
  int objection_since = 0;
  int paused = 0;  // days paused by objections, closed pauses
  int notice_end = 0;
  int decided = -1;  // day of the terminal event
  bool was_late = false;
  bool terminal() const { return cases::IsTerminal(state); }
};

struct EpisodeTrack {
  int64_t id = 0;
  std::string household;
  std::string village;
  int identified = 0;
  std::optional<int> eliminated;
};

class CaseScenario : public ::testing::Test {
 protected:
  CaseScenario() : rng_(kSeed) {}

  void SetUp() override {
    auto db = store::OpenStore(":memory:", store::OpenMode::kCreate);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    const auto regions = registry::RegionTable::BuiltIn().all();
    ASSERT_TRUE(
        db_->ReplaceRegions(std::vector<registry::Region>(regions.begin(), regions.end())).ok());
    demo::GeneratorOptions g;
    g.households = kHouseholds;
    g.seed = kSeed;
    ASSERT_TRUE(demo::GenerateToDirectory(g, registry::RegionTable::BuiltIn(), dir_.path()).ok());
    ingest::ImportRequest request;
    request.households_path = dir_ / "households.csv";
    request.members_path = dir_ / "members.csv";
    request.user = "clerk";
    request.as_of = DayDate(-10);
    auto report = ingest::ImportExchangeFiles(*db_, registry::RegionTable::BuiltIn(), request);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->households.quarantined, 0);

    WorkspaceOptions options;
    options.clock = [this] { return now_; };
    ws_ = std::make_unique<Workspace>(*db_, options);
    ASSERT_TRUE(ws_->Refresh().ok());

    // The county with the most households is the demo county.
    std::map<std::string, int> per_county;
    ASSERT_TRUE(db_->ScanCurrent([&](const registry::HouseholdVersion& v) {
                     per_county[v.record.household.village_code.Prefix().substr(0, 6)] += 1;
                     return Status::Ok();
                   })
                    .ok());
    county_ =
        std::max_element(per_county.begin(), per_county.end(), [](const auto& a, const auto& b) {
          return a.second < b.second;
        })->first;
    ASSERT_TRUE(db_->ScanCurrent([&](const registry::HouseholdVersion& v) {
                     const std::string village = v.record.household.village_code.Prefix();
                     if (village.starts_with(county_)) {
                       county_households_.push_back(v.record.household.household_id);
                       village_of_[v.record.household.household_id] = village;
                     }
                     return Status::Ok();
                   })
                    .ok());
    std::sort(county_households_.begin(), county_households_.end());

    // Qinghai's limits, but a month of monitoring and of stable income before elimination, so
    // that eliminations happen within the two months.
    cases::WorkflowLimits limits;
    limits.elimination_min_months = 1;
    limits.stable_income_months = 1;
    limits.early_elimination_months = 1;
    ASSERT_TRUE(SetLimits(*db_, Officer(Role::kProvince, "63", "province"), "63", limits).ok());
    limits_ = limits;
  }

  // ---- principals

  access::Principal Cadre(const std::string& village) const {
    return Officer(Role::kVillage, village, "cadre-" + village);
  }
  access::Principal Township(const std::string& village) const {
    return Officer(Role::kTownship, village.substr(0, 9), "township-" + village.substr(0, 9));
  }
  access::Principal County() const { return Officer(Role::kCounty, county_, "county"); }

  // ---- the plan of a new case

  void Plan(Track& t) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double o = u(rng_);
    t.outcome = o < 0.10   ? Outcome::kDismiss
                : o < 0.15 ? Outcome::kRejectAtAppraisal
                : o < 0.22 ? Outcome::kRejectAtTownship
                : o < 0.28 ? Outcome::kRejectAtCounty
                           : Outcome::kApprove;
    const double obj = u(rng_);
    t.objection = obj < 0.08   ? Objection::kUpheld
                  : obj < 0.16 ? Objection::kDismissed
                               : Objection::kNone;
    t.objection_days = 1 + static_cast<int>(u(rng_) * 3);  // 1..3
    t.comparison_first = u(rng_) < 0.3;
    static constexpr CaseState kLateable[] = {
        CaseState::kLead, CaseState::kHomeVisit, CaseState::kVillageAppraisal,
        CaseState::kTownshipReview, CaseState::kCountyApproval};
    if (u(rng_) < 0.15) t.late_state = kLateable[static_cast<size_t>(u(rng_) * 5) % 5];
    t.next_action = t.opened + 1;
  }

  // A case the system opened for `household` on `day` through `channel`: checked against the
  // store and added to the ledger with its plan.
  void Opened(const std::string& household, int day, cases::Channel channel, bool relapse) {
    auto c = db_->OpenCaseOf(household);
    ASSERT_TRUE(c.ok() && c->has_value()) << household << " has no open case";
    const cases::CaseRecord& record = **c;
    EXPECT_EQ(record.state, CaseState::kLead);
    EXPECT_EQ(record.channel, channel) << household;
    EXPECT_EQ(record.relapse, relapse) << household;
    EXPECT_EQ(record.opened_on, DayDate(day));
    Track t;
    t.id = record.id;
    t.household = household;
    t.village = record.village_code;
    t.opened = day;
    t.relapse = relapse;
    t.state_since = day;
    Plan(t);
    open_case_[household] = t.id;
    tracks_.emplace(t.id, std::move(t));
  }

  // ---- leads

  // What a lead for `household` should do, by the ledger: 'j' join its open case, 'e' go onto
  // its open episode, 'n' open a new case (a relapse when its last episode was eliminated).
  char Expect(const std::string& household) const {
    if (open_case_.count(household) != 0) return 'j';
    auto e = episode_of_.find(household);
    if (e != episode_of_.end() && !episodes_[e->second].eliminated) return 'e';
    return 'n';
  }
  bool Relapse(const std::string& household) const {
    auto e = episode_of_.find(household);
    return e != episode_of_.end() && episodes_[e->second].eliminated.has_value();
  }

  // A province run on `day` (the demo county has no standard of its own): every new warning of
  // the county's households opens, joins or is recorded as the ledger says.
  void Screen(int day) {
    now_ = Morning(day);
    auto run = StartRun(*ws_, Officer(Role::kProvince, "63", "province"), "63", "", kScreeningYear);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    auto results = db_->RunResults(run->run_id);
    ASSERT_TRUE(results.ok());
    int64_t new_in_county = 0;
    flagged_.clear();
    flagged_rules_.clear();
    for (const rules::HouseholdResult& r : *results) {
      if (!village_of_.count(r.household_id)) continue;
      flagged_.insert(r.household_id);
      flagged_rules_[r.household_id] = r.rules;
      if (!r.new_warning) continue;
      ++new_in_county;
      auto leads = db_->LeadsOf(r.household_id);
      ASSERT_TRUE(leads.ok());
      const std::string source = "run:" + std::to_string(run->run_id);
      auto lead = std::find_if(leads->begin(), leads->end(),
                               [&](const cases::Lead& l) { return l.source == source; });
      ASSERT_NE(lead, leads->end()) << r.household_id << " has no lead of " << source;
      switch (Expect(r.household_id)) {
        case 'j':
          EXPECT_EQ(lead->case_id, open_case_.at(r.household_id)) << r.household_id;
          ++ledger_.joined;
          break;
        case 'e':
          EXPECT_EQ(lead->case_id, 0) << r.household_id;
          EXPECT_EQ(lead->episode_id, episodes_[episode_of_.at(r.household_id)].id);
          ++ledger_.on_episode;
          break;
        default:
          Opened(r.household_id, day, cases::Channel::kDepartmentWarning, Relapse(r.household_id));
          ++ledger_.warnings;
      }
    }
    runs_.push_back({day, new_in_county});
  }

  // An officer's lead (self_application entered for the household, or a cadre's visit).
  void OfficerLead(const std::string& household, int day, const std::string& channel) {
    now_ = Morning(day);
    const char expect = Expect(household);
    const bool relapse = Relapse(household);
    std::string outcome;
    auto id = AddLead(*ws_, Cadre(village_of_.at(household)), household, channel, "入户了解情况",
                      channel == "cadre_visit" ? "serious_illness" : "", now_, &outcome);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_EQ(outcome, expect == 'j' ? "joined" : expect == 'e' ? "episode" : "opened")
        << household;
    if (expect == 'j') {
      EXPECT_EQ(*id, open_case_.at(household));
      ++ledger_.joined;
    } else if (expect == 'e') {
      EXPECT_EQ(*id, 0);
      ++ledger_.on_episode;
    } else {
      Opened(
          household, day,
          channel == "cadre_visit" ? cases::Channel::kCadreVisit : cases::Channel::kSelfApplication,
          relapse);
      ++(channel == "cadre_visit" ? ledger_.visits : ledger_.applications);
    }
  }

  // An application on the public page, with the ID number of a member when `with_id`.
  void PublicApplication(const std::string& household, int day, bool with_id) {
    now_ = Morning(day);
    const std::string village = village_of_.at(household);
    auto challenge = IssueChallenge(*ws_, public_, village, now_);
    ASSERT_TRUE(challenge.ok()) << challenge.status().ToString();
    ApplicationForm form;
    form.challenge = challenge->challenge;
    for (int nonce = 0;; ++nonce) {
      if (public_.ProofHolds(form.challenge, std::to_string(nonce))) {
        form.nonce = std::to_string(nonce);
        break;
      }
    }
    form.village = village;
    form.name = "申请人";
    form.phone = "13800000000";
    form.relation = "self";
    form.text = "家中老人住院，医疗费用很高，申请纳入监测";
    if (with_id) {
      const std::string ids[] = {household};
      auto current = db_->GetCurrent(ids);
      ASSERT_TRUE(current.ok() && current->size() == 1);
      form.id_number = current->front().record.members.front().id_number;
    }
    const char expect = Expect(household);
    auto receipt =
        SubmitApplication(*ws_, public_, form, "10.0.0." + std::to_string(++clients_), now_);
    ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
    ASSERT_EQ(receipt->dropped, DropReason::kNone);
    if (!with_id) {
      ++ledger_.unmatched_applications;
      return;
    }
    ASSERT_EQ(expect, 'n') << "the scenario applies for households without a case or episode";
    Opened(household, day, cases::Channel::kSelfApplication, Relapse(household));
    ++ledger_.applications;
  }

  // ---- steps

  cases::Fields VisitForm(const std::string& household) {
    const std::string ids[] = {household};
    auto current = db_->GetCurrent(ids);
    EXPECT_TRUE(current.ok() && current->size() == 1);
    const registry::Household& h = current->front().record.household;
    // What the cadre finds is what the registry holds: the visit confirms the facts.
    return {{"wage_income", Yuan(h.wage_income.fen())},
            {"business_income", Yuan(h.business_income.fen())},
            {"property_income", Yuan(h.property_income.fen())},
            {"transfer_income", Yuan(h.transfer_income.fen())},
            {"production_costs", Yuan(h.production_costs.fen())},
            {"rigid_medical", Yuan(h.rigid_medical.fen())},
            {"rigid_education", Yuan(h.rigid_education.fen())},
            {"rigid_other", Yuan(h.rigid_other.fen())},
            {"housing_safe", h.housing_safe ? "1" : "0"},
            {"water_safe", h.water_safe ? "1" : "0"},
            {"findings", "入户核实"}};
  }

  // Takes `event` on the track's case on `day` and checks the state the system reached against
  // `expected`, which the ledger then holds.
  void Act(Track& t, const access::Principal& who, const std::string& event, cases::Fields fields,
           int day, CaseState expected) {
    now_ = Morning(day);
    CaseAction action;
    action.event = event;
    action.fields = std::move(fields);
    auto after = ActOnCase(*ws_, who, t.id, action, now_);
    ASSERT_TRUE(after.ok()) << "case " << t.id << " " << event << " on day " << day << ": "
                            << after.status().ToString();
    ASSERT_EQ(after->state, expected) << "case " << t.id << " after " << event;
    if (expected != t.state) {
      t.state = expected;
      t.state_since = day;
    }
    if (t.terminal()) {
      t.decided = day;
      open_case_.erase(t.household);
    }
  }

  // The day after `day` for a prompt step; the late one waits kLateDays in its state.
  int Next(Track& t, int day) {
    if (t.state == t.late_state && !t.was_late) {
      t.was_late = true;
      return std::max(day + 1, t.state_since + kLateDays);
    }
    return day + 1;
  }

  // One step of an identification case that is due today.
  void Step(Track& t, int day) {
    const std::string& v = t.village;
    switch (t.state) {
      case CaseState::kLead:
        if (t.outcome == Outcome::kDismiss) {
          Act(t, Cadre(v), "dismiss", {{"reason", "核实后家庭收入稳定，不属于监测范围"}}, day,
              CaseState::kDismissed);
        } else {
          Act(t, Cadre(v), "apply", {{"authorization_signed", "1"}, {"applicant", "户主"}}, day,
              CaseState::kHomeVisit);
        }
        break;
      case CaseState::kHomeVisit:
        if (t.comparison_first && !t.comparison_done) {
          Act(t, County(), "record_comparison",
              {{"result", "consistent"}, {"findings", "无车辆、无工商登记"}}, day,
              CaseState::kHomeVisit);
          t.comparison_done = true;
          return;  // the home visit follows the next day
        }
        Act(t, Cadre(v), "record_home_visit", VisitForm(t.household), day,
            t.comparison_done ? CaseState::kVillageAppraisal : CaseState::kDataComparison);
        break;
      case CaseState::kDataComparison:
        Act(t, County(), "record_comparison",
            {{"result", "consistent"}, {"findings", "无车辆、无工商登记"}}, day,
            CaseState::kVillageAppraisal);
        t.comparison_done = true;
        break;
      case CaseState::kVillageAppraisal:
        if (t.outcome == Outcome::kRejectAtAppraisal) {
          Act(t, Cadre(v), "record_appraisal",
              {{"held_on", DayDate(day).ToString()},
               {"attendance", "21"},
               {"minutes", "多数代表认为家庭有稳定收入"},
               {"result", "not_agreed"},
               {"reason", "家庭有稳定务工收入"}},
              day, CaseState::kRejected);
        } else {
          Act(t, Cadre(v), "record_appraisal",
              {{"held_on", DayDate(day).ToString()},
               {"attendance", "23"},
               {"minutes", "全体同意"},
               {"result", "agreed"}},
              day, CaseState::kPublicNotice);
          t.notice_end = day + limits_.notice_min_days;
          // An objection comes two days into the notice.
          t.next_action =
              t.objection != Objection::kNone && !t.objection_raised ? day + 2 : t.notice_end;
          return;
        }
        break;
      case CaseState::kPublicNotice:
        if (t.objection != Objection::kNone && !t.objection_raised) {
          Act(t, Cadre(v), "raise_objection", {{"objection", "邻居反映该户有经营收入"}}, day,
              CaseState::kPublicNotice);
          t.objection_raised = t.objection_open = true;
          t.objection_since = day;
          t.next_action = day + t.objection_days;
          return;
        }
        if (t.objection_open) {
          t.paused += day - t.objection_since;
          t.objection_open = false;
          if (t.objection == Objection::kUpheld) {
            Act(t, Township(v), "uphold_objection", {{"reason", "经核实异议属实，重新评议"}}, day,
                CaseState::kVillageAppraisal);
          } else {
            Act(t, Township(v), "dismiss_objection", {{"reason", "经核实异议不属实"}}, day,
                CaseState::kPublicNotice);
            t.next_action = std::max(day + 1, t.notice_end);
            return;
          }
          break;
        }
        Act(t, Cadre(v), "close_notice", {}, day, CaseState::kTownshipReview);
        break;
      case CaseState::kTownshipReview:
        if (t.outcome == Outcome::kRejectAtTownship) {
          Act(t, Township(v), "reject", {{"reason", "乡镇复核：收入高于监测范围"}}, day,
              CaseState::kRejected);
        } else {
          Act(t, Township(v), "township_approve", {}, day, CaseState::kCountyApproval);
        }
        break;
      case CaseState::kCountyApproval:
        if (t.outcome == Outcome::kRejectAtCounty) {
          Act(t, County(), "reject", {{"reason", "县级审定：比对发现不符合条件"}}, day,
              CaseState::kRejected);
        } else {
          Act(t, County(), "county_approve", {{"type", "sudden_hardship"}, {"risks", "R01;R07"}},
              day, CaseState::kMonitored);
          Identified(t, day);
        }
        break;
      default:
        ADD_FAILURE() << "no step for state " << cases::StateCode(t.state);
    }
    if (!t.terminal()) t.next_action = Next(t, day);
  }

  // The county approved: the episode opens; most households get a measure the next days.
  void Identified(const Track& t, int day) {
    auto episodes = db_->EpisodesOf(t.household);
    ASSERT_TRUE(episodes.ok() && !episodes->empty());
    const cases::Episode& e = episodes->back();
    EXPECT_EQ(e.identified_on, DayDate(day));
    EXPECT_FALSE(e.eliminated_on.has_value());
    episode_of_[t.household] = episodes_.size();
    episodes_.push_back({e.id, t.household, t.village, day, std::nullopt});
    std::uniform_real_distribution<double> u(0.0, 1.0);
    if (u(rng_) < 0.8) {
      cases::Measure m;
      m.household_id = t.household;
      m.category = cases::MeasureCategory::kEmployment;
      m.item = "公益性岗位";
      m.department = "人社局";
      m.start = DayDate(day + 1);
      m.status = cases::MeasureStatus::kInProgress;
      m.risks = "R07";
      m.recorded_at = Morning(day + 1);
      auto id = RecordMeasure(*ws_, Township(t.village), m);
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      with_measure_.insert(t.household);
    }
  }

  // An elimination case's step due today (home check → appraisal → notice → township → county).
  void EliminationStep(Track& t, int day) {
    const std::string& v = t.village;
    switch (t.state) {
      case CaseState::kHomeVisit:
        Act(t, Cadre(v), "record_home_visit", VisitForm(t.household), day,
            CaseState::kVillageAppraisal);
        break;
      case CaseState::kVillageAppraisal:
        Act(t, Cadre(v), "record_appraisal",
            {{"held_on", DayDate(day).ToString()},
             {"attendance", "19"},
             {"minutes", "同意消除风险"},
             {"result", "agreed"}},
            day, CaseState::kPublicNotice);
        t.notice_end = day + limits_.notice_min_days;
        t.next_action = t.notice_end;
        return;
      case CaseState::kPublicNotice:
        Act(t, Cadre(v), "close_notice", {}, day, CaseState::kTownshipReview);
        break;
      case CaseState::kTownshipReview:
        Act(t, Township(v), "township_approve", {}, day, CaseState::kCountyApproval);
        break;
      case CaseState::kCountyApproval: {
        const std::string method = with_measure_.count(t.household) ? "by_assistance" : "natural";
        Act(t, County(), "county_approve", {{"method", method}}, day, CaseState::kEliminated);
        EpisodeTrack& e = episodes_[episode_of_.at(t.household)];
        e.eliminated = day;
        auto stored = db_->EpisodesOf(t.household);
        ASSERT_TRUE(stored.ok() && !stored->empty());
        EXPECT_EQ(stored->back().eliminated_on, DayDate(day));
        EXPECT_EQ(stored->back().method, method);
        ++ledger_.eliminated;
        return;
      }
      default:
        ADD_FAILURE() << "no elimination step for state " << cases::StateCode(t.state);
    }
    t.next_action = day + 1;
  }

  // Every open case whose next step is due today takes it, in case id order.
  void WorkDay(int day) {
    for (auto& [id, t] : tracks_) {
      if (t.terminal() || t.next_action > day) continue;
      if (t.kind == CaseKind::kElimination) {
        EliminationStep(t, day);
      } else {
        Step(t, day);
      }
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

  // The evening: the sweep escalates what is overdue.
  void Sweep(int day) {
    auto swept = SweepEscalations(*ws_, Evening(day));
    ASSERT_TRUE(swept.ok()) << swept.status().ToString();
  }

  // ---- registry changes

  // A new version of each household in one batch dated `as_of`: recovered (a stable wage well
  // above the line, safe house and water, insured and enrolled) or fallen (almost no income).
  void Survey(const std::vector<std::string>& households, int as_of, bool recovered) {
    const std::vector<std::string> ids(households.begin(), households.end());
    auto current = db_->GetCurrent(ids);
    ASSERT_TRUE(current.ok());
    ASSERT_EQ(current->size(), households.size());
    registry::BatchInfo info;
    info.source = "survey";
    info.user = "county";
    info.started_at = Morning(as_of + 1);
    info.as_of = DayDate(as_of);
    auto writer = db_->BeginBatch(info);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (const registry::HouseholdVersion& old : *current) {
      registry::HouseholdRecord record = old.record;
      registry::Household& h = record.household;
      const int counted = std::max(1, registry::CountedMembers(record));
      h.wage_income = Money::FromYuan((recovered ? 20000 : 300) * counted);
      h.business_income = h.property_income = h.transfer_income = h.production_costs = Money();
      if (recovered) {
        // Last year's income no higher than this year's: no income drop.
        if (h.prev_net_income && *h.prev_net_income > h.wage_income)
          h.prev_net_income = h.wage_income;
        h.rigid_medical = h.rigid_education = h.rigid_other = Money();
        h.housing_safe = h.water_safe = true;
        for (registry::Member& m : record.members) {
          m.med_insured = true;
          m.enrolled = true;
          if (m.labor == registry::Labor::kNone) m.labor = registry::Labor::kOrdinary;
        }
      }
      registry::Canonicalize(record);
      registry::HouseholdVersion v;
      v.version = old.version + 1;
      v.record = record;
      v.content_hash = registry::ContentHash(record);
      ASSERT_TRUE((*writer)->PutVersion(v).ok());
    }
    ASSERT_TRUE((*writer)->Commit("{}").ok());
    ASSERT_TRUE(ws_->Refresh().ok());
  }

  // ---- checks against the ledger

  // Every case of the county, in the store and in the ledger, in the same state.
  void CheckStates(int day) {
    CaseQuery q;
    q.region = county_;
    q.open_only = false;
    q.limit = 200;
    std::map<int64_t, CaseState> listed;
    for (q.offset = 0;; q.offset += q.limit) {
      auto page = ListCases(*ws_, County(), q, DayDate(day));
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      for (const CaseItem& item : page->items) listed[item.record.id] = item.record.state;
      if (q.offset + q.limit >= page->total) break;
    }
    std::map<int64_t, CaseState> expected;
    for (const auto& [id, t] : tracks_) expected[id] = t.state;
    ASSERT_EQ(listed.size(), expected.size()) << "day " << day;
    for (const auto& [id, state] : expected) {
      EXPECT_EQ(cases::StateCode(listed[id]), cases::StateCode(state))
          << "case " << id << " on day " << day;
    }
    // The deadline view counts the same open cases by state.
    auto deadlines = DeadlineSummary(*ws_, County(), county_, DayDate(day));
    ASSERT_TRUE(deadlines.ok()) << deadlines.status().ToString();
    for (const RegionDeadlines::State& s : deadlines->by_state) {
      int64_t n = 0;
      for (const auto& [id, t] : tracks_) n += cases::StateCode(t.state) == s.state ? 1 : 0;
      EXPECT_EQ(s.open, n) << s.state << " on day " << day;
    }
    // The dashboard's monitoring objects are the open episodes.
    int64_t open_episodes = 0;
    for (const EpisodeTrack& e : episodes_) open_episodes += e.eliminated ? 0 : 1;
    auto dashboard = GetDashboard(*ws_, County(), county_);
    ASSERT_TRUE(dashboard.ok()) << dashboard.status().ToString();
    EXPECT_EQ(dashboard->monitoring_objects, open_episodes) << "day " << day;
  }

  // Each village's notice lists exactly the households the ledger has under notice.
  void CheckNotices(int day) {
    std::map<std::string, std::set<int64_t>> expected;  // village → case ids
    for (const auto& [id, t] : tracks_) {
      expected[t.village];  // every village with a case is looked at
      if (t.state == CaseState::kPublicNotice) expected[t.village].insert(id);
    }
    for (const auto& [village, ids] : expected) {
      auto notice = VillageNotice(*ws_, Cadre(village), village, DayDate(day));
      ASSERT_TRUE(notice.ok()) << notice.status().ToString();
      std::set<int64_t> shown;
      for (const cases::NoticeRow& row : notice->rows) shown.insert(row.case_id);
      EXPECT_EQ(shown, ids) << village << " on day " << day;
      for (const cases::NoticeRow& row : notice->rows) {
        const Track& t = tracks_.at(row.case_id);
        EXPECT_EQ(row.kind, t.kind);
        EXPECT_EQ(row.notice_end, DayDate(t.notice_end));
      }
    }
  }

  // The ledger's timeliness over decisions made from day `from` to day `to`.
  TimelinessFigures ExpectedTimeliness(int from, int to, const std::string& area) const {
    TimelinessFigures f;
    for (const auto& [id, t] : tracks_) {
      if (t.kind != CaseKind::kIdentification || t.decided < from || t.decided > to) continue;
      if (!t.village.starts_with(area)) continue;
      if (t.state == CaseState::kRejected) f.rejected += 1;
      if (t.state != CaseState::kMonitored) continue;
      const int days = t.decided - t.opened;
      f.approved += 1;
      f.within_limit += days - t.paused <= limits_.overall_days ? 1 : 0;
      f.total_days += days;
      f.max_days = std::max<int64_t>(f.max_days, days);
    }
    return f;
  }

  void CheckTimeliness(int from, int to) {
    auto got = Timeliness(*ws_, County(), county_, DayDate(from), DayDate(to));
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    auto same = [](const TimelinessFigures& a, const TimelinessFigures& b,
                   const std::string& where) {
      EXPECT_EQ(a.approved, b.approved) << where;
      EXPECT_EQ(a.within_limit, b.within_limit) << where;
      EXPECT_EQ(a.total_days, b.total_days) << where;
      EXPECT_EQ(a.max_days, b.max_days) << where;
      EXPECT_EQ(a.rejected, b.rejected) << where;
    };
    const std::string period = " from day " + std::to_string(from) + " to " + std::to_string(to);
    same(got->total, ExpectedTimeliness(from, to, county_), county_ + period);
    ASSERT_FALSE(got->by_area.empty());
    for (const RegionTimeliness::Area& area : got->by_area) {
      same(area.figures, ExpectedTimeliness(from, to, area.code), area.code + period);
    }
  }

  // Overdue steps escalated, prompt ones did not.
  void CheckEscalations() {
    for (const auto& [id, t] : tracks_) {
      auto events = db_->CaseEvents(id);
      ASSERT_TRUE(events.ok());
      const auto escalations = std::count_if(
          events->begin(), events->end(),
          [](const cases::EventRecord& e) { return e.event == cases::EventType::kEscalate; });
      if (t.was_late) {
        EXPECT_GE(escalations, 1) << "case " << id << " was late in "
                                  << cases::StateCode(t.late_state);
      } else {
        EXPECT_EQ(escalations, 0) << "case " << id << " was never late";
      }
    }
  }

  // ---- the simulation

  void Run();
  std::vector<std::string> Untouched(size_t n);

  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Workspace> ws_;
  xianjie::testing::TempDir dir_;
  std::string now_ = Morning(0);
  std::mt19937_64 rng_;
  PublicApplications public_{PublicLimits{.proof_bits = 6}};
  int clients_ = 0;
  cases::WorkflowLimits limits_;

  std::string county_;
  std::vector<std::string> county_households_;
  std::map<std::string, std::string> village_of_;
  std::set<std::string> flagged_;  // the county's households flagged by the latest run
  std::map<std::string, std::string> flagged_rules_;  // ... and the rules that fired
  std::set<std::string> touched_;  // households the simulation changed or applied for

  std::map<int64_t, Track> tracks_;           // by case id
  std::map<std::string, int64_t> open_case_;  // household → its open case
  std::vector<EpisodeTrack> episodes_;
  std::map<std::string, size_t> episode_of_;  // household → its latest episode
  std::set<std::string> with_measure_;
  struct RunCount {
    int day = 0;
    int64_t new_in_county = 0;
  };
  std::vector<RunCount> runs_;
  struct {
    int64_t warnings = 0, applications = 0, visits = 0, unmatched_applications = 0;
    int64_t joined = 0, on_episode = 0, eliminated = 0;
  } ledger_;
};

// Households of the county no case or episode concerns, not flagged, drawn at random.
std::vector<std::string> CaseScenario::Untouched(size_t n) {
  std::vector<std::string> pool;
  for (const std::string& h : county_households_) {
    if (Expect(h) == 'n' && flagged_.count(h) == 0 && episode_of_.count(h) == 0 &&
        touched_.count(h) == 0) {
      pool.push_back(h);
    }
  }
  std::shuffle(pool.begin(), pool.end(), rng_);
  if (pool.size() > n) pool.resize(n);
  for (const std::string& h : pool) touched_.insert(h);
  return pool;
}

void CaseScenario::Run() {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<std::string> recovered;  // the households the survey of day 14 finds recovered
  std::vector<std::string> relapsing;

  for (int day = 0; day < kDays; ++day) {
    now_ = Morning(day);
    if (day == 0) Screen(0);  // the first warnings
    if (HasFatalFailure()) return;

    // Applications, entered by the cadre or made on the public page, and cadre visits; some
    // for households with an open case (they join it) or a monitoring episode.
    if (day >= 1 && day <= 40) {
      if (u(rng_) < 0.6) {
        auto fresh = Untouched(1);
        if (!fresh.empty()) OfficerLead(fresh.front(), day, "self_application");
      }
      if (day % 5 == 0) {
        auto fresh = Untouched(1);
        if (!fresh.empty()) OfficerLead(fresh.front(), day, "cadre_visit");
      }
      if (day % 7 == 3 && !open_case_.empty()) {
        auto it = open_case_.begin();
        std::advance(it, static_cast<long>(u(rng_) * static_cast<double>(open_case_.size())));
        OfficerLead(it->first, day, "self_application");  // joins
      }
      if (day % 9 == 5) {  // a monitored household applies again: onto its episode
        for (const EpisodeTrack& e : episodes_) {
          if (!e.eliminated && open_case_.count(e.household) == 0 &&
              touched_.insert(e.household).second) {
            OfficerLead(e.household, day, "self_application");
            break;
          }
        }
      }
      if (day % 10 == 4) {
        auto fresh = Untouched(1);
        if (!fresh.empty()) PublicApplication(fresh.front(), day, /*with_id=*/true);
        PublicApplication(county_households_.front(), day, /*with_id=*/false);
      }
    }
    if (HasFatalFailure()) return;

    // Day 20: a survey (facts of day 14) finds a good half of the households identified by then
    // recovered, and five others fallen; the province screens again.
    if (day == 20) {
      for (const EpisodeTrack& e : episodes_) {
        if (e.identified <= 14 && with_measure_.count(e.household) && u(rng_) < 0.6) {
          recovered.push_back(e.household);
        }
      }
      ASSERT_FALSE(recovered.empty()) << "nobody was identified in the first two weeks";
      Survey(recovered, 14, /*recovered=*/true);
      Survey(Untouched(5), 14, /*recovered=*/false);
      if (HasFatalFailure()) return;
      Screen(20);
      for (const std::string& h : recovered) {
        EXPECT_EQ(flagged_.count(h), 0u) << h << " flagged by " << flagged_rules_[h];
      }
    }
    if (HasFatalFailure()) return;

    // Day 45: the candidates for elimination; the township proposes the recovered ones.
    if (day == 45) {
      auto candidates = ListEliminationCandidates(*ws_, County(), county_, DayDate(day));
      ASSERT_TRUE(candidates.ok()) << candidates.status().ToString();
      std::map<std::string, bool> eligible;
      for (const EliminationCandidate& c : *candidates) {
        eligible[c.episode.household_id] = c.check.eligible;
      }
      int64_t open_episodes = 0;
      for (const EpisodeTrack& e : episodes_) {
        if (e.eliminated || open_case_.count(e.household) != 0) continue;
        ++open_episodes;
        ASSERT_TRUE(eligible.count(e.household)) << e.household << " is not a candidate";
        const bool is_recovered =
            std::find(recovered.begin(), recovered.end(), e.household) != recovered.end();
        if (is_recovered) {
          EXPECT_TRUE(eligible[e.household]) << e.household << " recovered on day 14";
        }
        // Monitored less than a month, or income below the line by the latest run.
        const auto rules = flagged_rules_.find(e.household);
        if (DayDate(e.identified) > CivilDate::FromYmd(2026, 9, 16) ||
            (rules != flagged_rules_.end() &&
             rules->second.find("income_below_line") != std::string::npos)) {
          EXPECT_FALSE(eligible[e.household]) << e.household;
        }
      }
      EXPECT_EQ(static_cast<int64_t>(candidates->size()), open_episodes);
      for (const std::string& h : recovered) {
        auto proposed = ProposeElimination(*ws_, Township(village_of_.at(h)), h, now_);
        ASSERT_TRUE(proposed.ok()) << h << ": " << proposed.status().ToString();
        EXPECT_EQ(proposed->state, CaseState::kHomeVisit);
        Track t;
        t.id = proposed->id;
        t.kind = CaseKind::kElimination;
        t.household = h;
        t.village = proposed->village_code;
        t.opened = t.state_since = day;
        t.state = CaseState::kHomeVisit;
        t.next_action = day + 1;
        open_case_[h] = t.id;
        tracks_.emplace(t.id, std::move(t));
      }
    }

    // Day 56: two of the eliminated households fall back (facts of day 55) and are screened the
    // next day; a third applies itself on day 58.
    if (day == 56) {
      for (const EpisodeTrack& e : episodes_) {
        if (e.eliminated && relapsing.size() < 3) relapsing.push_back(e.household);
      }
      ASSERT_EQ(relapsing.size(), 3u) << "fewer than three eliminations";
      Survey({relapsing[0], relapsing[1]}, 55, /*recovered=*/false);
    }
    if (day == 57) Screen(57);
    if (day == 58) OfficerLead(relapsing[2], day, "self_application");
    if (HasFatalFailure()) return;

    WorkDay(day);
    if (HasFatalFailure()) return;
    Sweep(day);
    if (HasFatalFailure()) return;

    if (day == 6 || day == 30 || day == 50 || day == kDays - 1) {
      CheckStates(day);
      CheckNotices(day);
      if (HasFatalFailure()) return;
    }
  }
  // Each relapsing household has a new identification case marked as a relapse.
  for (const std::string& h : relapsing) {
    cases::CaseFilter filter;
    filter.household_id = h;
    auto cases = db_->ListCases(filter);
    ASSERT_TRUE(cases.ok());
    EXPECT_TRUE(std::any_of(cases->begin(), cases->end(), [](const cases::CaseRecord& c) {
      return c.kind == CaseKind::kIdentification && c.relapse;
    })) << h;
  }
}

TEST_F(CaseScenario, ADemoCountyThroughTwoMonths) {
  Run();
  if (HasFatalFailure()) return;

  // The simulation did what it set out to do, in numbers large enough to mean something.
  int64_t by_outcome[5] = {};
  int64_t objections_upheld = 0, objections_dismissed = 0, late = 0, relapses = 0;
  for (const auto& [id, t] : tracks_) {
    if (t.kind != CaseKind::kIdentification) continue;
    if (t.terminal()) by_outcome[static_cast<int>(t.outcome)] += 1;
    objections_upheld += t.objection_raised && t.objection == Objection::kUpheld ? 1 : 0;
    objections_dismissed += t.objection_raised && t.objection == Objection::kDismissed ? 1 : 0;
    late += t.was_late ? 1 : 0;
    relapses += t.relapse ? 1 : 0;
  }
  std::printf(
      "county %s: %zu cases; warnings %lld, applications %lld, visits %lld, joined %lld, "
      "on episode %lld, eliminated %lld; outcomes %lld/%lld/%lld/%lld/%lld; objections "
      "upheld %lld dismissed %lld; late %lld\n",
      county_.c_str(), tracks_.size(), (long long)ledger_.warnings, (long long)ledger_.applications,
      (long long)ledger_.visits, (long long)ledger_.joined, (long long)ledger_.on_episode,
      (long long)ledger_.eliminated, (long long)by_outcome[0], (long long)by_outcome[1],
      (long long)by_outcome[2], (long long)by_outcome[3], (long long)by_outcome[4],
      (long long)objections_upheld, (long long)objections_dismissed, (long long)late);
  for (int64_t n : by_outcome) EXPECT_GE(n, 1);
  EXPECT_GE(objections_upheld, 1);
  EXPECT_GE(objections_dismissed, 1);
  EXPECT_GE(late, 3);
  EXPECT_EQ(relapses, 3);
  EXPECT_GE(ledger_.warnings, 20);
  EXPECT_GE(ledger_.applications, 10);
  EXPECT_GE(ledger_.visits, 4);
  EXPECT_GE(ledger_.joined, 3);
  EXPECT_GE(ledger_.on_episode, 2);
  EXPECT_GE(ledger_.eliminated, 3);

  // Every case of the county and its timeline: the state the ledger expects, the cases still
  // open at the end, escalations exactly where a step was late.
  CheckEscalations();

  // Timeliness over the two months, over each month, and per township.
  CheckTimeliness(0, kDays - 1);
  CheckTimeliness(0, 29);
  CheckTimeliness(30, kDays - 1);
  const TimelinessFigures all = ExpectedTimeliness(0, kDays - 1, county_);
  EXPECT_GE(all.approved, 10);
  EXPECT_LT(all.within_limit, all.approved) << "the late cases make some approvals late";
  EXPECT_GT(all.within_limit, 0);

  // The applications without an ID number wait in the village's inbox.
  ApplicationQuery q;
  q.status = "unmatched";
  auto inbox = ListApplications(*ws_, County(), q);
  ASSERT_TRUE(inbox.ok()) << inbox.status().ToString();
  EXPECT_EQ(inbox->total, ledger_.unmatched_applications);

  // The episodes: opened by approvals, closed by eliminations, as the ledger has them.
  auto episodes = db_->ListEpisodes(county_, /*open_only=*/false);
  ASSERT_TRUE(episodes.ok());
  ASSERT_EQ(episodes->size(), episodes_.size());
  int64_t eliminated = 0;
  for (const cases::Episode& e : *episodes) eliminated += e.eliminated_on.has_value() ? 1 : 0;
  EXPECT_EQ(eliminated, ledger_.eliminated);

  // The eliminations break none of the quality checks but the relapses' own: each relapse is
  // checked for proposing a risk its eliminated episode had.
  auto quality = EliminationQuality(*ws_, County(), county_);
  ASSERT_TRUE(quality.ok()) << quality.status().ToString();
  for (const QualityItem& item : *quality) {
    EXPECT_NE(item.problem.code, cases::kEliminatedTooEarly) << item.problem.message;
    EXPECT_NE(item.problem.code, cases::kEliminatedBelowLine) << item.problem.message;
    EXPECT_NE(item.problem.code, cases::kEliminatedByAssistanceWithoutMeasure)
        << item.problem.message;
  }
}

}  // namespace
}  // namespace xianjie::service
