// Risk elimination through the service (service/elimination.h): a household identified through
// the procedure in January 2026, its registry versions dated by their batches' as_of, a measure
// recorded; then the candidates on 29 November, a proposal refused and accepted, the elimination
// case driven to eliminated closing the episode, the line of the standard in force, and each
// quality check firing over eliminations recorded in the store.
#include "service/elimination.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cases/leads.h"
#include "cases/workflow.h"
#include "rules/screening_store.h"
#include "rules/standard_toml.h"
#include "service/cases.h"
#include "service/service_test_support.h"
#include "service/standards.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::Event;
using testing::kVillageA;
using testing::kVillageB;
using testing::MakeWorld;
using testing::Officer;
using testing::World;

constexpr char kHousehold[] = "E01";  // the household the story follows, in village A
const CivilDate kToday = CivilDate::FromYmd(2026, 11, 29);

CivilDate Day(int y, int m, int d) { return CivilDate::FromYmd(y, m, d); }
// Noon in China on `d`, as UTC.
std::string Noon(CivilDate d) { return d.ToString() + "T04:00:00Z"; }

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

const access::Principal kCadre = Officer(Role::kVillage, kVillageA, "cadre");
const access::Principal kTownship = Officer(Role::kTownship, "630102001", "township");
const access::Principal kCounty = Officer(Role::kCounty, "630102", "county");

// The line the shipped standards give for `year` in Qinghai.
int64_t ShippedLine(int year) {
  const rules::Standard* s = rules::FindBuiltinStandard("63", "", year);
  EXPECT_NE(s, nullptr) << year;
  return s == nullptr ? 0 : s->line.fen();
}

// Writes the household's next version in a batch of its own whose facts date from `as_of`:
// `per_capita_yuan` of wage income per counted member, nothing else earned or spent, housing
// and water safe, every member insured and enrolled, every member able to work.
void WriteVersion(World& w, const std::string& household, CivilDate as_of, int64_t per_capita_yuan,
                  const std::string& village = kVillageA) {
  const std::string ids[] = {household};
  auto current = w.db->GetCurrent(ids);
  ASSERT_TRUE(current.ok());
  registry::HouseholdRecord record = current->empty()
                                         ? testing::MakeHousehold(household, village, 3, false, 41)
                                         : current->front().record;
  registry::Household& h = record.household;
  h.wage_income = Money::FromYuan(per_capita_yuan * registry::CountedMembers(record));
  h.business_income = h.property_income = h.transfer_income = h.production_costs = Money();
  h.rigid_medical = h.rigid_education = h.rigid_other = Money();
  h.housing_safe = h.water_safe = true;
  for (registry::Member& m : record.members) {
    m.med_insured = true;
    m.enrolled = true;
    m.labor = registry::Labor::kOrdinary;
  }
  registry::Canonicalize(record);
  registry::HouseholdVersion v;
  v.version = current->empty() ? 1 : current->front().version + 1;
  v.record = record;
  v.content_hash = registry::ContentHash(record);
  registry::BatchInfo info;
  info.source = "survey";
  info.user = "tester";
  info.started_at = "2026-11-29T01:00:00Z";
  info.as_of = as_of;
  auto writer = w.db->BeginBatch(info);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->PutVersion(v).ok());
  ASSERT_TRUE((*writer)->Commit("{}").ok());
}

void Act(World& w, const access::Principal& who, int64_t id, const CaseAction& action,
         CivilDate on) {
  auto after = ActOnCase(*w.ws, who, id, action, Noon(on));
  ASSERT_TRUE(after.ok()) << action.event << ": " << after.status().ToString();
}

// The home visit form with `total_yuan` of wage income and nothing else.
cases::Fields VisitForm(int64_t total_yuan) {
  return {{"wage_income", std::to_string(total_yuan)},
          {"business_income", "0"},
          {"property_income", "0"},
          {"transfer_income", "0"},
          {"production_costs", "0"},
          {"rigid_medical", "0"},
          {"rigid_education", "0"},
          {"rigid_other", "0"},
          {"housing_safe", "1"},
          {"water_safe", "1"},
          {"findings", "家庭收入已稳定"}};
}

// A self-application on `start` taken through the procedure to a monitoring object; returns the
// episode. The comparison, appraisal and notice follow on the next days; the county approves
// ten days after the application.
cases::Episode Identify(World& w, const std::string& household, CivilDate start) {
  cases::Lead lead;
  lead.household_id = household;
  lead.channel = cases::Channel::kSelfApplication;
  lead.source = "application:" + household;
  lead.proposed_type = "marginal";
  lead.proposed_risks = "R01;R07";
  cases::Actor cadre;
  cadre.principal = kCadre;
  auto id = cases::TakeLead(*w.db, lead, kVillageA, cadre, Noon(start));
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  if (!id.ok()) return {};
  auto plus = [&](int days) { return CivilDate::FromDays(start.ToDays() + days); };
  Act(w, kCadre, *id, Event("apply", {{"authorization_signed", "1"}, {"applicant", "户主"}}),
      start);
  Act(w, kCadre, *id, Event("record_home_visit", VisitForm(6000)), plus(1));
  Act(w, kCounty, *id, Event("record_comparison", {{"result", "consistent"}, {"findings", "无"}}),
      plus(2));
  Act(w, kCadre, *id,
      Event("record_appraisal", {{"held_on", plus(3).ToString()},
                                 {"attendance", "20"},
                                 {"minutes", "同意纳入监测"},
                                 {"result", "agreed"}}),
      plus(3));
  Act(w, kCadre, *id, Event("close_notice"), plus(8));
  Act(w, kTownship, *id, Event("township_approve"), plus(9));
  Act(w, kCounty, *id, Event("county_approve", {{"type", "marginal"}, {"risks", "R01;R07"}}),
      plus(10));
  auto episodes = w.db->EpisodesOf(household);
  EXPECT_TRUE(episodes.ok() && episodes->size() == 1);
  return episodes.ok() && !episodes->empty() ? episodes->back() : cases::Episode{};
}

cases::Measure PublicPost(const std::string& household) {
  cases::Measure m;
  m.household_id = household;
  m.category = cases::MeasureCategory::kPublicPost;
  m.item = "生态护林员";
  m.department = "县林草局";
  m.start = Day(2026, 2, 1);
  m.status = cases::MeasureStatus::kInProgress;
  m.risks = "R07";
  m.amount_fen = 1000000;
  return m;
}

// E01: 5,000 yuan per person in December 2025, identified on 15 January 2026 (the home visit of
// 6 January found 6,000 yuan for the household), 9,500 per person from April and 9,800 from
// September: above the line for more than six months by 29 November.
struct Story {
  World w = MakeWorld();
  cases::Episode episode;
  Story() {
    WriteVersion(w, kHousehold, Day(2025, 12, 1), 5000);
    episode = Identify(w, kHousehold, Day(2026, 1, 5));
    WriteVersion(w, kHousehold, Day(2026, 4, 1), 9500);
    WriteVersion(w, kHousehold, Day(2026, 9, 1), 9800);
    const Status refreshed = w.ws->Refresh();
    EXPECT_TRUE(refreshed.ok()) << refreshed.ToString();
  }

  std::vector<EliminationCandidate> Candidates(const access::Principal& who = kCounty,
                                               const std::string& region = "",
                                               CivilDate today = kToday) {
    auto list = ListEliminationCandidates(*w.ws, who, region, today);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    return list.ok() ? *list : std::vector<EliminationCandidate>{};
  }
  std::optional<EliminationCandidate> CandidateOf(const std::string& household,
                                                  CivilDate today = kToday) {
    for (EliminationCandidate& c : Candidates(kCounty, "", today)) {
      if (c.episode.household_id == household) return c;
    }
    return std::nullopt;
  }
  std::multiset<std::string> AuditActions(const std::string& user) {
    std::multiset<std::string> actions;
    EXPECT_TRUE(w.db->ForEach([&](const access::AuditEntry& e) {
                      if (e.user == user) actions.insert(e.action);
                      return Status::Ok();
                    })
                    .ok());
    return actions;
  }
};

const cases::Condition& ConditionOf(const cases::EliminationCheck& check, std::string_view code) {
  static const cases::Condition kNone;
  for (const cases::Condition& c : check.conditions) {
    if (c.code == code) return c;
  }
  ADD_FAILURE() << "no condition " << code;
  return kNone;
}

TEST(EliminationService, TheIdentifiedHouseholdIsACandidateWantingOnlyAMeasure) {
  Story s;
  ASSERT_EQ(s.episode.identified_on, Day(2026, 1, 15));
  auto c = s.CandidateOf(kHousehold);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->episode.id, s.episode.id);
  EXPECT_EQ(c->village_name, "北关社区居民委员会");
  EXPECT_TRUE(c->head_name.starts_with(kHousehold)) << c->head_name;
  // No standard of 2026 exists: the line of 2025, the latest before it, is applied.
  EXPECT_EQ(c->line.year, 2025);
  EXPECT_EQ(c->line.fen, ShippedLine(2025));
  EXPECT_FALSE(c->check.eligible);
  EXPECT_EQ(c->check.method, "natural");
  for (const cases::Condition& cond : c->check.conditions) {
    EXPECT_EQ(cond.met, cond.code != "measure_implemented") << cond.code << ": " << cond.why;
  }
  // Income is judged on the versions by their as_of dates: in force on 29 May is April's.
  EXPECT_TRUE(Contains(ConditionOf(c->check, "income_stable_above_line").why, "9800.00"))
      << ConditionOf(c->check, "income_stable_above_line").why;
}

TEST(EliminationService, InJulyTheIncomeWindowReachesTheLowVersionsOfTheIdentification) {
  Story s;
  ASSERT_TRUE(RecordMeasure(*s.w.ws, kCadre, PublicPost(kHousehold)).ok());
  // On 1 July the six months reach back to 1 January: the home visit's 2,000 per person of
  // 6 January is in force then. Monitored for less than six months as well.
  auto c = s.CandidateOf(kHousehold, Day(2026, 7, 1));
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(ConditionOf(c->check, "monitored_long_enough").met);
  EXPECT_FALSE(ConditionOf(c->check, "income_stable_above_line").met);
  EXPECT_TRUE(Contains(ConditionOf(c->check, "income_stable_above_line").why, "2026-01-06"))
      << ConditionOf(c->check, "income_stable_above_line").why;
  EXPECT_TRUE(ConditionOf(c->check, "measure_implemented").met);
}

TEST(EliminationService, AScreeningRunThatFoundIncomeBelowTheLineInTheWindowCounts) {
  Story s;
  ASSERT_TRUE(RecordMeasure(*s.w.ws, kCadre, PublicPost(kHousehold)).ok());
  rules::ScreeningRun run;
  run.standard_hash = "test";
  run.province = "63";
  run.year = 2025;
  run.started_at = "2026-07-01T02:00:00Z";
  rules::HouseholdResult flagged;
  flagged.household_id = kHousehold;
  flagged.rules = "income_below_line";
  flagged.proposed_type = "marginal";
  auto id = s.w.db->PutRun(run, std::vector<rules::HouseholdResult>{flagged});
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto c = s.CandidateOf(kHousehold);
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(c->check.eligible);
  const std::string why = ConditionOf(c->check, "income_stable_above_line").why;
  EXPECT_TRUE(Contains(why, "screening run " + std::to_string(*id))) << why;
}

TEST(EliminationService, ALoadedStandardOfTheYearGivesTheLine) {
  Story s;
  ASSERT_TRUE(RecordMeasure(*s.w.ws, kCadre, PublicPost(kHousehold)).ok());
  rules::Standard next = *rules::FindBuiltinStandard("63", "", 2025);
  next.year = 2026;
  next.name = "青海省2026年防止返贫监测标准";
  next.line_definition = rules::LineDefinition{};
  next.line_definition.amount = Money::FromYuan(9600);
  auto loaded =
      LoadStandard(*s.w.ws, Officer(Role::kProvince, "63"), rules::FormatStandardToml(next));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto c = s.CandidateOf(kHousehold);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->line.year, 2026);
  EXPECT_EQ(c->line.fen, 960000);
  // April's 9,500 per person is in force at the window's start, below 9,600.
  EXPECT_FALSE(ConditionOf(c->check, "income_stable_above_line").met);
  EXPECT_TRUE(Contains(ConditionOf(c->check, "income_stable_above_line").why, "9500.00"));
}

TEST(EliminationService, CandidatesAreThoseOfTheRegionInScope) {
  Story s;
  EXPECT_EQ(s.Candidates(kCadre).size(), 1u);
  EXPECT_TRUE(s.Candidates(Officer(Role::kVillage, kVillageB)).empty());
  auto outside = ListEliminationCandidates(*s.w.ws, kCadre, "630121", kToday);
  EXPECT_EQ(outside.status().code(), StatusCode::kPermissionDenied);
  auto bad = ListEliminationCandidates(*s.w.ws, kCounty, "63a", kToday);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  auto auditor = ListEliminationCandidates(*s.w.ws, Officer(Role::kAuditor, "63"), "", kToday);
  EXPECT_TRUE(auditor.ok());
  auto admin = ListEliminationCandidates(*s.w.ws, Officer(Role::kAdmin, "63"), "", kToday);
  EXPECT_EQ(admin.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s.AuditActions("county").count("case.elimination_candidates"), 0u);
  s.Candidates();
  EXPECT_EQ(s.AuditActions("county").count("case.elimination_candidates"), 1u);
}

TEST(EliminationService, RecordingAMeasureChecksRoleScopeHouseholdAndMember) {
  Story s;
  auto id = RecordMeasure(*s.w.ws, kCadre, PublicPost(kHousehold));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto stored = s.w.db->MeasuresOf(kHousehold);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().id, *id);
  EXPECT_EQ(stored->front().recorded_by, "cadre");
  EXPECT_FALSE(stored->front().recorded_at.empty());
  EXPECT_EQ(s.AuditActions("cadre").count("measure.record"), 1u);

  cases::Measure m = PublicPost(kHousehold);
  m.risks = "R07, R01";
  m.recorded_by = "someone else";
  ASSERT_TRUE(RecordMeasure(*s.w.ws, kTownship, m).ok());
  stored = s.w.db->MeasuresOf(kHousehold);
  ASSERT_TRUE(stored.ok() && stored->size() == 2);
  EXPECT_EQ(stored->back().risks, "R01;R07");
  EXPECT_EQ(stored->back().recorded_by, "township");

  EXPECT_EQ(RecordMeasure(*s.w.ws, Officer(Role::kDepartment, "630102"), m).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(RecordMeasure(*s.w.ws, Officer(Role::kVillage, kVillageB), m).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(RecordMeasure(*s.w.ws, Officer(Role::kProvince, "63"), m).status().code(),
            StatusCode::kPermissionDenied);
  cases::Measure unknown = m;
  unknown.household_id = "Z99";
  EXPECT_EQ(RecordMeasure(*s.w.ws, kCounty, unknown).status().code(), StatusCode::kNotFound);
  cases::Measure stranger = m;
  stranger.member_id_number = "11010519491231002X";  // valid, but not of this household
  auto refused = RecordMeasure(*s.w.ws, kCounty, stranger);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(refused.status().message(), "member_id_number"));
  cases::Measure member = m;
  const std::string ids[] = {kHousehold};
  member.member_id_number = s.w.db->GetCurrent(ids)->front().record.members.back().id_number;
  EXPECT_TRUE(RecordMeasure(*s.w.ws, kCounty, member).ok());
  cases::Measure bad = m;
  bad.item = "";
  EXPECT_EQ(RecordMeasure(*s.w.ws, kCounty, bad).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.w.db->MeasuresOf(kHousehold)->size(), 3u);
}

TEST(EliminationService, AProposalIsRefusedUntilEligibleAndOnlyATownshipOrCountyMakesIt) {
  Story s;
  const std::string now = Noon(kToday);
  auto early = ProposeElimination(*s.w.ws, kTownship, kHousehold, now);
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(early.status().message(), "measure_implemented"))
      << early.status().message();
  EXPECT_FALSE(Contains(early.status().message(), "monitored_long_enough"))
      << early.status().message();

  ASSERT_TRUE(RecordMeasure(*s.w.ws, kCadre, PublicPost(kHousehold)).ok());
  EXPECT_EQ(ProposeElimination(*s.w.ws, kCadre, kHousehold, now).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ProposeElimination(*s.w.ws, Officer(Role::kCounty, "630121"), kHousehold, now)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ProposeElimination(*s.w.ws, kCounty, "Z99", now).status().code(),
            StatusCode::kNotFound);
  // A household that is not monitored.
  EXPECT_EQ(ProposeElimination(*s.w.ws, kCounty, "A01", now).status().code(),
            StatusCode::kFailedPrecondition);
  auto none = s.w.db->OpenCaseOf(kHousehold);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value()) << "refusals open nothing";
}

TEST(EliminationService, AnEligibleHouseholdIsProposedAndEliminatedByAssistance) {
  Story s;
  ASSERT_TRUE(RecordMeasure(*s.w.ws, kCadre, PublicPost(kHousehold)).ok());
  auto c = s.CandidateOf(kHousehold);
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->check.eligible);
  EXPECT_EQ(c->check.method, "by_assistance");

  auto proposed = ProposeElimination(*s.w.ws, kTownship, kHousehold, Noon(kToday));
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  EXPECT_EQ(proposed->kind, cases::CaseKind::kElimination);
  EXPECT_EQ(proposed->state, cases::CaseState::kHomeVisit);
  EXPECT_EQ(proposed->episode_id, s.episode.id);
  EXPECT_EQ(proposed->village_code, kVillageA);
  EXPECT_EQ(proposed->proposed_risks, "R01;R07");
  auto events = s.w.db->CaseEvents(proposed->id);
  ASSERT_TRUE(events.ok() && events->size() == 1);
  EXPECT_EQ(events->front().fields.at("proposed_method"), "by_assistance");
  EXPECT_EQ(events->front().actor, "township");
  EXPECT_EQ(s.AuditActions("township").count("case.propose_elimination"), 1u);
  // Proposed once: the open case stands in the way of a second, and of the candidate list.
  EXPECT_EQ(ProposeElimination(*s.w.ws, kCounty, kHousehold, Noon(kToday)).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_FALSE(s.CandidateOf(kHousehold).has_value());

  const int64_t id = proposed->id;
  Act(s.w, kCadre, id, Event("record_home_visit", VisitForm(30000)), Day(2026, 12, 1));
  Act(s.w, kCadre, id,
      Event("record_appraisal", {{"held_on", "2026-12-02"},
                                 {"attendance", "18"},
                                 {"minutes", "同意风险消除"},
                                 {"result", "agreed"}}),
      Day(2026, 12, 2));
  Act(s.w, kCadre, id, Event("close_notice"), Day(2026, 12, 7));
  Act(s.w, kTownship, id, Event("township_approve"), Day(2026, 12, 8));
  Act(s.w, kCounty, id, Event("county_approve", {{"method", "by_assistance"}}), Day(2026, 12, 9));
  auto episodes = s.w.db->EpisodesOf(kHousehold);
  ASSERT_TRUE(episodes.ok() && episodes->size() == 1);
  EXPECT_EQ(episodes->front().eliminated_on, Day(2026, 12, 9));
  EXPECT_EQ(episodes->front().method, "by_assistance");
  EXPECT_EQ(episodes->front().elimination_case, id);
  // No longer monitored: no candidate, and nothing wrong with this elimination.
  EXPECT_FALSE(s.CandidateOf(kHousehold, Day(2026, 12, 10)).has_value());
  auto quality = EliminationQuality(*s.w.ws, kCounty, "");
  ASSERT_TRUE(quality.ok()) << quality.status().ToString();
  EXPECT_TRUE(quality->empty());
  // A proposal for a household no longer monitored is refused.
  EXPECT_EQ(
      ProposeElimination(*s.w.ws, kCounty, kHousehold, Noon(Day(2026, 12, 10))).status().code(),
      StatusCode::kFailedPrecondition);
}

// ---- quality checks ---------------------------------------------------------------------------

// Records through the store an identification approved on `identified` and its elimination on
// `eliminated` by `method`, as an older system might have left them (ProposeElimination would
// refuse such an elimination).
void RecordedElimination(World& w, const std::string& household, const std::string& village,
                         CivilDate identified, CivilDate eliminated, const std::string& method,
                         const std::string& risks) {
  cases::Actor county;
  county.principal = kCounty;
  auto move = [&](cases::Applied opened, cases::CaseState to, CivilDate on,
                  std::optional<cases::Episode> open, std::optional<cases::Episode> close) {
    cases::Lead lead;
    lead.household_id = household;
    lead.channel = cases::Channel::kCadreVisit;
    lead.source = "old:" + on.ToString();
    auto ids = w.db->OpenCases({cases::NewCase{opened.next, opened.record, lead}});
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    auto c = w.db->GetCase(ids->front());
    ASSERT_TRUE(c.ok() && c->has_value());
    cases::EventWrite write;
    write.expected_version = (*c)->version;
    write.next = **c;
    write.next.state = to;
    write.next.closed_at = Noon(on);
    write.next.method = method;
    write.record.seq = (*c)->version + 1;
    write.record.event = cases::EventType::kCountyApprove;
    write.record.from = (*c)->state;
    write.record.to = to;
    write.record.actor = "county";
    write.record.actor_role = "county";
    write.record.at = Noon(on);
    write.record.on = on;
    write.open_episode = open;
    write.close_episode = close;
    ASSERT_TRUE(w.db->AppendEvent(write).ok());
  };
  cases::Episode episode;
  episode.household_id = household;
  episode.village_code = village;
  episode.identified_on = identified;
  episode.type = "marginal";
  episode.risks = risks;
  move(cases::OpenCase(cases::CaseKind::kIdentification, household, village,
                       cases::Channel::kCadreVisit, county, Noon(identified), {}),
       cases::CaseState::kMonitored, identified, episode, std::nullopt);
  auto episodes = w.db->EpisodesOf(household);
  ASSERT_TRUE(episodes.ok() && !episodes->empty());
  cases::Episode closing = episodes->back();
  closing.eliminated_on = eliminated;
  closing.method = method;
  move(cases::OpenCase(cases::CaseKind::kElimination, household, village,
                       cases::Channel::kCadreVisit, county, Noon(eliminated),
                       {{"episode_id", std::to_string(closing.id)}}),
       cases::CaseState::kEliminated, eliminated, std::nullopt, closing);
}

std::set<std::pair<std::string, std::string>> Problems(const std::vector<QualityItem>& items) {
  std::set<std::pair<std::string, std::string>> out;
  for (const QualityItem& i : items) out.emplace(i.problem.household_id, i.problem.code);
  return out;
}

TEST(EliminationService, EachQualityCheckFires) {
  Story s;
  // B01: identified on 1 September, eliminated "by assistance" on 20 October without any
  // measure, with 3,000 yuan per person on file since 15 September.
  WriteVersion(s.w, "B01", Day(2026, 9, 15), 3000, kVillageB);
  RecordedElimination(s.w, "B01", kVillageB, Day(2026, 9, 1), Day(2026, 10, 20), "by_assistance",
                      "R01");
  // E01 is eliminated through the procedure, then applies again for the same risk R07.
  ASSERT_TRUE(RecordMeasure(*s.w.ws, kCadre, PublicPost(kHousehold)).ok());
  auto proposed = ProposeElimination(*s.w.ws, kCounty, kHousehold, Noon(kToday));
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  const int64_t id = proposed->id;
  Act(s.w, kCadre, id, Event("record_home_visit", VisitForm(30000)), Day(2026, 12, 1));
  Act(s.w, kCadre, id,
      Event("record_appraisal", {{"held_on", "2026-12-02"},
                                 {"attendance", "18"},
                                 {"minutes", "同意"},
                                 {"result", "agreed"}}),
      Day(2026, 12, 2));
  Act(s.w, kCadre, id, Event("close_notice"), Day(2026, 12, 7));
  Act(s.w, kTownship, id, Event("township_approve"), Day(2026, 12, 8));
  Act(s.w, kCounty, id, Event("county_approve", {{"method", "by_assistance"}}), Day(2026, 12, 9));
  cases::Lead again;
  again.household_id = kHousehold;
  again.channel = cases::Channel::kSelfApplication;
  again.source = "application:again";
  again.proposed_risks = "R07;R09";
  cases::Actor cadre;
  cadre.principal = kCadre;
  auto relapse = cases::TakeLead(*s.w.db, again, kVillageA, cadre, Noon(Day(2027, 3, 1)));
  ASSERT_TRUE(relapse.ok()) << relapse.status().ToString();
  ASSERT_TRUE(s.w.db->GetCase(*relapse)->value().relapse);

  auto quality = EliminationQuality(*s.w.ws, kCounty, "");
  ASSERT_TRUE(quality.ok()) << quality.status().ToString();
  EXPECT_EQ(Problems(*quality), (std::set<std::pair<std::string, std::string>>{
                                    {"B01", "eliminated_by_assistance_without_measure"},
                                    {"B01", "eliminated_too_early"},
                                    {"B01", "eliminated_below_line"},
                                    {kHousehold, "relapse_same_risk"}}));
  for (const QualityItem& i : *quality) {
    EXPECT_EQ(i.village_code, i.problem.household_id == "B01" ? kVillageB : kVillageA);
    EXPECT_FALSE(i.village_name.empty());
    if (i.problem.code == "eliminated_below_line") {
      EXPECT_TRUE(
          Contains(i.problem.message, Money::FromFen(ShippedLine(2025)).ToYuanCentsString()))
          << i.problem.message;
    }
  }
  // A village sees its own village's problems only; the audit log has the read.
  auto village_b = EliminationQuality(*s.w.ws, Officer(Role::kVillage, kVillageB, "b"), "");
  ASSERT_TRUE(village_b.ok());
  EXPECT_EQ(village_b->size(), 3u);
  EXPECT_EQ(s.AuditActions("b").count("case.elimination_quality"), 1u);
  EXPECT_EQ(
      EliminationQuality(*s.w.ws, Officer(Role::kVillage, kVillageB), "630121").status().code(),
      StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace xianjie::service
