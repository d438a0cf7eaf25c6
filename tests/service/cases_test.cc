// Cases through the service (service/cases.h): leads from a province run, a case taken from lead
// to monitoring object by the roles the procedure names (with the home visit written to the
// registry and the episode opened), scope, audit, worklists and deadlines.
#include "service/cases.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "cases/workflow.h"
#include "service/screening.h"
#include "service/service_test_support.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::kVillageA;
using testing::kVillageB;
using testing::MakeWorld;
using testing::Officer;
using testing::World;

int NewestYear() { return 2024; }

// A province run with its leads taken; returns the flagged households.
std::set<std::string> RunAndTakeLeads(World& w) {
  auto run = StartRun(*w.ws, Officer(Role::kProvince, "63"), "63", "", NewestYear());
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  std::set<std::string> flagged;
  if (!run.ok()) return flagged;
  auto results = w.db->RunResults(run->run_id);
  EXPECT_TRUE(results.ok());
  for (const auto& r : *results) flagged.insert(r.household_id);
  return flagged;
}

// The open case of a household, through the store.
cases::CaseRecord OpenCase(World& w, const std::string& household) {
  auto c = w.db->OpenCaseOf(household);
  EXPECT_TRUE(c.ok() && c->has_value()) << household;
  return c.ok() && c->has_value() ? **c : cases::CaseRecord{};
}

// UTC noon of a day counted from 2026-12-01 (China's date is the same day).
std::string Noon(int day) {
  const CivilDate d = CivilDate::FromDays(CivilDate::FromYmd(2026, 12, 1).ToDays() + day);
  return d.ToString() + "T04:00:00Z";
}

CaseAction Event(const std::string& event, cases::Fields fields = {}) {
  CaseAction a;
  a.event = event;
  a.fields = std::move(fields);
  return a;
}

cases::Fields HomeVisitFields() {
  return {{"wage_income", "3000"},      {"business_income", "1200.50"},
          {"property_income", "0"},     {"transfer_income", "800"},
          {"production_costs", "300"},  {"rigid_medical", "15000"},
          {"rigid_education", "0"},     {"rigid_other", "0"},
          {"housing_safe", "1"},        {"water_safe", "0"},
          {"findings", "主要劳动力患病，医疗支出大"}};
}

TEST(CasesService, AProvinceRunOpensOneLeadCasePerFlaggedHousehold) {
  World w = MakeWorld();
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  ASSERT_FALSE(flagged.empty());
  CaseQuery q;
  q.limit = 500;
  auto page = ListCases(*w.ws, Officer(Role::kProvince, "63"), q, CivilDate::FromYmd(2026, 12, 1));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  std::multiset<std::string> with_case;
  for (const CaseItem& item : page->items) {
    with_case.insert(item.record.household_id);
    EXPECT_EQ(item.record.state, cases::CaseState::kLead);
    EXPECT_EQ(item.record.channel, cases::Channel::kDepartmentWarning);
    EXPECT_FALSE(item.record.proposed_type.empty()) << item.record.household_id;
  }
  EXPECT_EQ(std::set<std::string>(with_case.begin(), with_case.end()), flagged);
  EXPECT_EQ(with_case.size(), flagged.size());  // exactly one each

  // A second run flags the same households: no new warnings, no new leads.
  RunAndTakeLeads(w);
  auto again = ListCases(*w.ws, Officer(Role::kProvince, "63"), q, CivilDate::FromYmd(2026, 12, 1));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->total, static_cast<int64_t>(flagged.size()));
}

TEST(CasesService, ALeadBecomesAMonitoringObject) {
  World w = MakeWorld();
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  auto in_a = std::find_if(flagged.begin(), flagged.end(),
                           [](const std::string& h) { return h.starts_with("A"); });
  ASSERT_NE(in_a, flagged.end()) << "the test world flags a household of village A";
  const std::string household = *in_a;
  const int64_t id = OpenCase(w, household).id;
  const access::Principal village = Officer(Role::kVillage, kVillageA, "cadre");
  const access::Principal township = Officer(Role::kTownship, "630102001", "township");
  const access::Principal county = Officer(Role::kCounty, "630102", "county");

  ASSERT_TRUE(ActOnCase(*w.ws, village, id,
                        Event("apply", {{"authorization_signed", "1"}, {"applicant", "户主"}}),
                        Noon(0))
                  .ok());
  auto batches_before = w.db->ListBatches();
  ASSERT_TRUE(batches_before.ok());
  auto visited = ActOnCase(*w.ws, village, id, Event("record_home_visit", HomeVisitFields()), Noon(1));
  ASSERT_TRUE(visited.ok()) << visited.status().ToString();
  EXPECT_EQ(visited->state, cases::CaseState::kDataComparison);
  // The form is the household's new registry version, from a batch of source home_visit.
  const std::string ids[] = {household};
  auto current = w.db->GetCurrent(ids);
  ASSERT_TRUE(current.ok() && current->size() == 1);
  EXPECT_EQ(current->front().record.household.rigid_medical, Money::FromYuan(15000));
  EXPECT_FALSE(current->front().record.household.water_safe);
  auto batches = w.db->ListBatches();
  ASSERT_TRUE(batches.ok());
  ASSERT_EQ(batches->size(), batches_before->size() + 1);
  EXPECT_EQ(batches->back().source, "home_visit");
  EXPECT_EQ(batches->back().user, "cadre");

  // The comparison is the county's (or a department's), not the village's.
  auto by_village = ActOnCase(*w.ws, village, id,
                              Event("record_comparison",
                                    {{"result", "consistent"}, {"findings", "无车辆、无工商登记"}}),
                              Noon(2));
  EXPECT_EQ(by_village.status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(ActOnCase(*w.ws, county, id,
                        Event("record_comparison",
                              {{"result", "consistent"}, {"findings", "无车辆、无工商登记"}}),
                        Noon(2))
                  .ok());
  ASSERT_TRUE(ActOnCase(*w.ws, village, id,
                        Event("record_appraisal", {{"held_on", "2026-12-04"},
                                                   {"attendance", "23"},
                                                   {"minutes", "全体同意纳入监测"},
                                                   {"result", "agreed"}}),
                        Noon(3))
                  .ok());
  // The notice lasts five days: closing it on the fourth is refused and changes nothing.
  auto early = ActOnCase(*w.ws, village, id, Event("close_notice"), Noon(7));
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(OpenCase(w, household).state, cases::CaseState::kPublicNotice);
  ASSERT_TRUE(ActOnCase(*w.ws, village, id, Event("close_notice"), Noon(8)).ok());
  ASSERT_TRUE(ActOnCase(*w.ws, township, id, Event("township_approve"), Noon(9)).ok());
  auto before = GetDashboard(*w.ws, county, "630102");
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->monitoring_objects, 0);
  auto approved = ActOnCase(*w.ws, county, id,
                            Event("county_approve", {{"type", "sudden_hardship"},
                                                     {"risks", "R01;R11"}}),
                            Noon(10));
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->state, cases::CaseState::kMonitored);
  auto episodes = w.db->EpisodesOf(household);
  ASSERT_TRUE(episodes.ok());
  ASSERT_EQ(episodes->size(), 1u);
  EXPECT_EQ(episodes->front().type, "sudden_hardship");
  EXPECT_EQ(episodes->front().risks, "R01;R11");
  EXPECT_EQ(episodes->front().identified_on, CivilDate::FromYmd(2026, 12, 11));
  EXPECT_FALSE(episodes->front().eliminated_on.has_value());
  EXPECT_EQ(approved->episode_id, episodes->front().id);
  // The dashboard counts the new monitoring object at once (not after its cache's 5 seconds),
  // in the county and the province, not in another county.
  EXPECT_EQ(GetDashboard(*w.ws, county, "630102")->monitoring_objects, 1);
  EXPECT_EQ(GetDashboard(*w.ws, Officer(Role::kProvince, "63"), "63")->monitoring_objects, 1);
  EXPECT_EQ(GetDashboard(*w.ws, Officer(Role::kProvince, "63"), "630121")->monitoring_objects, 0);

  // Every event taken is in the audit log under its user.
  std::multiset<std::string> actions;
  ASSERT_TRUE(w.db->ForEach([&](const access::AuditEntry& e) {
                    if (e.subject == "case:" + std::to_string(id)) actions.insert(e.user + " " + e.action);
                    return Status::Ok();
                  }).ok());
  for (const char* expected :
       {"cadre case.apply", "cadre case.record_home_visit", "county case.record_comparison",
        "cadre case.record_appraisal", "cadre case.close_notice", "township case.township_approve",
        "county case.county_approve"}) {
    EXPECT_EQ(actions.count(expected), 1u) << expected;
  }
  EXPECT_EQ(actions.count("cadre case.close_notice"), 1u);  // the refused one is not there
}

TEST(CasesService, ScopeAndExistence) {
  World w = MakeWorld();
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  auto in_a = std::find_if(flagged.begin(), flagged.end(),
                           [](const std::string& h) { return h.starts_with("A"); });
  ASSERT_NE(in_a, flagged.end());
  const int64_t id = OpenCase(w, *in_a).id;
  const CivilDate today = CivilDate::FromYmd(2026, 12, 1);
  // A cadre of another village: the case exists but is not theirs.
  auto other = GetCase(*w.ws, Officer(Role::kVillage, kVillageB), id, today);
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
  auto act = ActOnCase(*w.ws, Officer(Role::kVillage, kVillageB), id,
                       Event("apply", {{"authorization_signed", "1"}, {"applicant", "x"}}), Noon(0));
  EXPECT_EQ(act.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(OpenCase(w, *in_a).state, cases::CaseState::kLead);
  // No case 999999 for anyone.
  EXPECT_EQ(GetCase(*w.ws, Officer(Role::kProvince, "63"), 999999, today).status().code(),
            StatusCode::kNotFound);
  // An auditor reads cases but takes no event.
  auto audited = GetCase(*w.ws, Officer(Role::kAuditor, "63"), id, today);
  ASSERT_TRUE(audited.ok());
  EXPECT_TRUE(audited->available.empty());
  EXPECT_EQ(ActOnCase(*w.ws, Officer(Role::kAuditor, "63"), id, Event("comment"), Noon(0))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  // The cadre of the village sees what they may do.
  auto mine = GetCase(*w.ws, Officer(Role::kVillage, kVillageA), id, today);
  ASSERT_TRUE(mine.ok());
  EXPECT_NE(std::find(mine->available.begin(), mine->available.end(), "apply"),
            mine->available.end());
  EXPECT_EQ(mine->events.size(), 1u);  // the open event
  // Bad queries.
  CaseQuery bad;
  bad.state = "pending";
  EXPECT_EQ(ListCases(*w.ws, Officer(Role::kProvince, "63"), bad, today).status().code(),
            StatusCode::kInvalidArgument);
  CaseQuery outside;
  outside.region = "630121";
  EXPECT_EQ(ListCases(*w.ws, Officer(Role::kVillage, kVillageA), outside, today).status().code(),
            StatusCode::kPermissionDenied);
}

TEST(CasesService, OverdueLeadsEscalateToTheTownshipWorklist) {
  World w = MakeWorld();
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  const int64_t in_a = std::count_if(flagged.begin(), flagged.end(),
                                     [](const std::string& h) { return h.starts_with("A"); });
  ASSERT_GT(in_a, 0);
  CaseQuery work;
  work.worklist = true;
  const cases::CaseRecord any = OpenCase(w, *flagged.begin());
  const CivilDate opened = any.opened_on;
  const access::Principal township = Officer(Role::kTownship, "630102001");
  // On the day they opened, leads wait for the village: not on the township's list.
  auto fresh = ListCases(*w.ws, township, work, opened);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->total, 0);
  auto village_list = ListCases(*w.ws, Officer(Role::kVillage, kVillageA), work, opened);
  ASSERT_TRUE(village_list.ok());
  EXPECT_EQ(village_list->total, in_a);
  // Three days later the two-day application limit has passed: escalated to the township.
  const CivilDate later = CivilDate::FromDays(opened.ToDays() + 3);
  auto escalated = ListCases(*w.ws, township, work, later);
  ASSERT_TRUE(escalated.ok());
  EXPECT_GE(escalated->total, in_a);
  for (const CaseItem& item : escalated->items) {
    EXPECT_EQ(item.due.overdue_days, 1);
    EXPECT_EQ(item.due.escalated_to, Role::kTownship);
  }
}

TEST(CasesService, LimitsArePerProvinceAndOnlyTheProvinceSetsThem) {
  World w = MakeWorld();
  cases::WorkflowLimits limits;
  limits.overall_days = 12;
  EXPECT_EQ(SetLimits(*w.db, Officer(Role::kCounty, "630102"), "63", limits).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(SetLimits(*w.db, Officer(Role::kProvince, "63"), "6", limits).code(),
            StatusCode::kInvalidArgument);
  limits.notice_min_days = 3;  // below the law's five days
  EXPECT_EQ(SetLimits(*w.db, Officer(Role::kProvince, "63"), "63", limits).code(),
            StatusCode::kInvalidArgument);
  limits.notice_min_days = 5;
  ASSERT_TRUE(SetLimits(*w.db, Officer(Role::kProvince, "63"), "63", limits).ok());
  auto stored = LimitsFor(*w.db, "63");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->overall_days, 12);
  auto other = LimitsFor(*w.db, "62");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, cases::WorkflowLimits{});
}

}  // namespace
}  // namespace xianjie::service
