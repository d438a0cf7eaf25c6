// Cases through the service (service/cases.h): leads from a province run, a case taken from lead
// to monitoring object by the roles the procedure names (with the home visit written to the
// registry and the episode opened), scope, audit, worklists and deadlines; attachments, officers'
// leads, the deadline summary by area and reading limits (the API's additions).
#include "service/cases.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "access/audit.h"
#include "cases/workflow.h"
#include "service/screening.h"
#include "service/service_test_support.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::Event;
using testing::kVillageA;
using testing::kVillageB;
using testing::MakeWorld;
using testing::Noon;
using testing::Officer;
using testing::World;

constexpr int kRunYear = 2024;  // the year of the province's screening run

// A province run with its leads taken; returns the flagged households.
std::set<std::string> RunAndTakeLeads(World& w) {
  auto run = StartRun(*w.ws, Officer(Role::kProvince, "63"), "63", "", kRunYear);
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

// ---- the API's additions: attachments, officers' leads, deadlines by area, reading limits

const char kPdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

// The audit entries about `subject`, as "user action detail".
std::vector<std::string> AuditOf(World& w, const std::string& subject) {
  std::vector<std::string> out;
  EXPECT_TRUE(w.db->ForEach([&](const access::AuditEntry& e) {
                    if (e.subject == subject) out.push_back(e.user + " " + e.action + " " + e.detail);
                    return Status::Ok();
                  }).ok());
  return out;
}

// The open case of a flagged household of village A after a province run.
int64_t CaseInVillageA(World& w, std::string* household = nullptr) {
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  auto in_a = std::find_if(flagged.begin(), flagged.end(),
                           [](const std::string& h) { return h.starts_with("A"); });
  EXPECT_NE(in_a, flagged.end()) << "the test world flags a household of village A";
  if (in_a == flagged.end()) return 0;
  if (household != nullptr) *household = *in_a;
  return OpenCase(w, *in_a).id;
}

// Takes case `id` (of village A) from lead to the public notice, the appraisal held on day 3.
void ToPublicNotice(World& w, int64_t id) {
  const access::Principal village = Officer(Role::kVillage, kVillageA, "cadre");
  const access::Principal county = Officer(Role::kCounty, "630102", "county");
  auto step = [&](const access::Principal& who, const CaseAction& a, int day) {
    auto r = ActOnCase(*w.ws, who, id, a, Noon(day));
    ASSERT_TRUE(r.ok()) << a.event << ": " << r.status().ToString();
  };
  step(village, Event("apply", {{"authorization_signed", "1"}, {"applicant", "户主"}}), 0);
  step(village, Event("record_home_visit", HomeVisitFields()), 1);
  step(county, Event("record_comparison", {{"result", "consistent"}, {"findings", "无"}}), 2);
  step(village,
       Event("record_appraisal", {{"held_on", "2026-12-04"},
                                  {"attendance", "20"},
                                  {"minutes", "同意"},
                                  {"result", "agreed"}}),
       3);
}

TEST(CaseAttachments, AnUploadIsStoredAuditedAndReadBack) {
  World w = MakeWorld();
  const int64_t id = CaseInVillageA(w);
  ASSERT_GT(id, 0);
  const std::string content(kPdf);
  auto put = PutCaseAttachment(*w.ws, Officer(Role::kVillage, kVillageA, "cadre"), id,
                               "C:\\scans\\授权书.pdf", "text/html", content, Noon(0));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_GT(put->id, 0);
  EXPECT_EQ(put->case_id, id);
  EXPECT_EQ(put->filename, "授权书.pdf");            // the directory dropped
  EXPECT_EQ(put->content_type, "application/pdf");  // never the client's text/html
  EXPECT_EQ(put->sha256, access::Sha256Hex(content));
  EXPECT_EQ(put->bytes, static_cast<int64_t>(content.size()));
  EXPECT_EQ(put->uploaded_by, "cadre");
  EXPECT_EQ(put->uploaded_at, Noon(0));

  std::string back;
  auto got = GetCaseAttachment(*w.ws, Officer(Role::kCounty, "630102", "county"), id, put->id,
                               &back);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(back, content);
  EXPECT_EQ(*got, *put);
  const std::vector<std::string> audit = AuditOf(w, "case:" + std::to_string(id));
  const std::string attachment = "attachment:" + std::to_string(put->id);
  EXPECT_NE(std::find(audit.begin(), audit.end(),
                      "cadre case.attachment.upload " + attachment + " " + put->sha256),
            audit.end());
  EXPECT_NE(std::find(audit.begin(), audit.end(), "county case.attachment " + attachment),
            audit.end());
}

TEST(CaseAttachments, TheTypeComesFromTheNameElseTheContentType) {
  World w = MakeWorld();
  const int64_t id = CaseInVillageA(w);
  ASSERT_GT(id, 0);
  const access::Principal cadre = Officer(Role::kVillage, kVillageA, "cadre");
  const std::string png("\x89PNG\r\n\x1A\n....", 12);
  auto by_type = PutCaseAttachment(*w.ws, cadre, id, "photo", "image/png", png, Noon(0));
  ASSERT_TRUE(by_type.ok()) << by_type.status().ToString();
  EXPECT_EQ(by_type->content_type, "image/png");
  const std::string jpeg("\xFF\xD8\xFF\xE0 jfif", 9);
  auto upper = PutCaseAttachment(*w.ws, cadre, id, "IMG_0001.JPG", "", jpeg, Noon(0));
  ASSERT_TRUE(upper.ok()) << upper.status().ToString();
  EXPECT_EQ(upper->content_type, "image/jpeg");
  const std::string zip("PK\x03\x04rest", 8);
  auto xlsx = PutCaseAttachment(*w.ws, cadre, id, "收入.xlsx", "application/octet-stream", zip,
                                Noon(0));
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_EQ(xlsx->content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  auto docx = PutCaseAttachment(*w.ws, cadre, id, "纪要.docx", "", zip, Noon(0));
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  EXPECT_EQ(docx->content_type,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST(CaseAttachments, RefusalsNameWhatIsWrong) {
  World w = MakeWorld();
  const int64_t id = CaseInVillageA(w);
  ASSERT_GT(id, 0);
  const access::Principal cadre = Officer(Role::kVillage, kVillageA, "cadre");
  auto expect_invalid = [&](const std::string& name, const std::string& type,
                            const std::string& content, const std::string& says) {
    auto r = PutCaseAttachment(*w.ws, cadre, id, name, type, content, Noon(0));
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << name;
    EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
  };
  expect_invalid("notes.txt", "text/plain", "hello", "PDF (.pdf), JPEG (.jpg, .jpeg), PNG");
  expect_invalid("notes", "", "hello", "Excel (.xlsx)");
  expect_invalid("form.pdf", "application/pdf", "<html>not a pdf</html>", "is not a PDF file");
  expect_invalid("form.png", "", kPdf, "is not a PNG file");
  expect_invalid("form.pdf", "application/pdf", "", "is empty");
  expect_invalid("", "application/pdf", kPdf, "has no name");
  std::string big = kPdf;
  big.resize(static_cast<size_t>(kMaxAttachmentBytes) + 1, ' ');
  expect_invalid("big.pdf", "application/pdf", big, "larger than 20 MiB");
  big.resize(static_cast<size_t>(kMaxAttachmentBytes));
  EXPECT_TRUE(PutCaseAttachment(*w.ws, cadre, id, "big.pdf", "", big, Noon(0)).ok())
      << "exactly 20 MiB is accepted";
}

TEST(CaseAttachments, ScopeRoleAndOwnership) {
  World w = MakeWorld();
  const int64_t id = CaseInVillageA(w);
  ASSERT_GT(id, 0);
  const std::string content(kPdf);
  // Uploading is acting on the case: not for another village's cadre, nor for an auditor.
  EXPECT_EQ(PutCaseAttachment(*w.ws, Officer(Role::kVillage, kVillageB), id, "a.pdf", "",
                              content, Noon(0))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(PutCaseAttachment(*w.ws, Officer(Role::kAuditor, "63"), id, "a.pdf", "", content,
                              Noon(0))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(PutCaseAttachment(*w.ws, Officer(Role::kVillage, kVillageA), 999999, "a.pdf", "",
                              content, Noon(0))
                .status()
                .code(),
            StatusCode::kNotFound);
  auto put = PutCaseAttachment(*w.ws, Officer(Role::kVillage, kVillageA), id, "a.pdf", "",
                               content, Noon(0));
  ASSERT_TRUE(put.ok());
  // Reading it is reading the case: an auditor may, another village's cadre may not.
  EXPECT_TRUE(GetCaseAttachment(*w.ws, Officer(Role::kAuditor, "63"), id, put->id, nullptr).ok());
  EXPECT_EQ(GetCaseAttachment(*w.ws, Officer(Role::kVillage, kVillageB), id, put->id, nullptr)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  // An attachment is found only under its own case.
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  auto other_household = std::find_if(flagged.begin(), flagged.end(), [&](const std::string& h) {
    return OpenCase(w, h).id != id;
  });
  ASSERT_NE(other_household, flagged.end());
  const int64_t other = OpenCase(w, *other_household).id;
  auto wrong = GetCaseAttachment(*w.ws, Officer(Role::kProvince, "63"), other, put->id, nullptr);
  EXPECT_EQ(wrong.status().code(), StatusCode::kNotFound);
  EXPECT_NE(wrong.status().message().find("has no attachment"), std::string::npos);
  EXPECT_EQ(GetCaseAttachment(*w.ws, Officer(Role::kProvince, "63"), id, put->id + 1000, nullptr)
                .status()
                .code(),
            StatusCode::kNotFound);
  // A closed case takes no more attachments (no event could name them); its own stay readable.
  ASSERT_TRUE(ActOnCase(*w.ws, Officer(Role::kVillage, kVillageA), id,
                        Event("dismiss", {{"reason", "重复线索"}}), Noon(1))
                  .ok());
  auto late = PutCaseAttachment(*w.ws, Officer(Role::kVillage, kVillageA), id, "b.pdf", "",
                                content, Noon(2));
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(late.status().message().find("is closed (dismissed)"), std::string::npos)
      << late.status().message();
  EXPECT_TRUE(GetCaseAttachment(*w.ws, Officer(Role::kAuditor, "63"), id, put->id, nullptr).ok());
}

// A household of village A that the world's province run does not flag (no case).
std::string UnflaggedInA(World& w, const std::set<std::string>& flagged) {
  for (const auto& r : w.records) {
    const std::string& h = r.household.household_id;
    if (h.starts_with("A") && flagged.count(h) == 0) return h;
  }
  ADD_FAILURE() << "every household of village A is flagged";
  return "";
}

TEST(OfficerLeads, ASelfApplicationOpensACaseAndACadreVisitJoinsIt) {
  World w = MakeWorld();
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  const std::string household = UnflaggedInA(w, flagged);
  ASSERT_FALSE(household.empty());
  ASSERT_FALSE(w.db->OpenCaseOf(household)->has_value());
  const access::Principal cadre = Officer(Role::kVillage, kVillageA, "cadre");
  auto opened = AddLead(*w.ws, cadre, household, "self_application", "户主来村委会申请", "",
                        Noon(0));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  const cases::CaseRecord c = OpenCase(w, household);
  EXPECT_EQ(*opened, c.id);
  EXPECT_EQ(c.state, cases::CaseState::kLead);
  EXPECT_EQ(c.channel, cases::Channel::kSelfApplication);
  EXPECT_EQ(c.village_code, kVillageA);

  const access::Principal township = Officer(Role::kTownship, "630102001", "township");
  auto joined = AddLead(*w.ws, township, household, "cadre_visit", "家中有重病患者",
                        "serious_illness", Noon(1));
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(*joined, c.id);
  auto leads = w.db->LeadsOf(household);
  ASSERT_TRUE(leads.ok());
  ASSERT_EQ(leads->size(), 2u);
  EXPECT_EQ(leads->at(0).source, "self_application:cadre:" + Noon(0));
  EXPECT_EQ(leads->at(0).note, "户主来村委会申请");
  EXPECT_EQ(leads->at(1).channel, cases::Channel::kCadreVisit);
  EXPECT_EQ(leads->at(1).source, "cadre_visit:township:" + Noon(1));
  EXPECT_EQ(leads->at(1).note, "家中有重病患者");
  EXPECT_EQ(leads->at(1).visit_reason, "serious_illness");
  EXPECT_EQ(leads->at(1).case_id, c.id);
  auto events = w.db->CaseEvents(c.id);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->back().event, cases::EventType::kJoinLead);
  EXPECT_EQ(events->back().actor, "township");

  // The same lead twice (same user, channel and time) is refused and changes nothing.
  auto again = AddLead(*w.ws, township, household, "cadre_visit", "", "serious_illness", Noon(1));
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(w.db->LeadsOf(household)->size(), 2u);

  const std::vector<std::string> audit = AuditOf(w, household);
  EXPECT_NE(std::find(audit.begin(), audit.end(),
                      "cadre case.lead case:" + std::to_string(c.id) +
                          " self_application:cadre:" + Noon(0)),
            audit.end());
  EXPECT_EQ(std::count_if(audit.begin(), audit.end(),
                          [](const std::string& e) { return e.find(" case.lead ") !=
                                                            std::string::npos; }),
            2);
}

TEST(OfficerLeads, ALeadOfAMonitoredHouseholdGoesOnItsEpisode) {
  World w = MakeWorld();
  std::string household;
  const int64_t id = CaseInVillageA(w, &household);
  ASSERT_GT(id, 0);
  ToPublicNotice(w, id);
  const access::Principal village = Officer(Role::kVillage, kVillageA, "cadre");
  ASSERT_TRUE(ActOnCase(*w.ws, village, id, Event("close_notice"), Noon(8)).ok());
  ASSERT_TRUE(ActOnCase(*w.ws, Officer(Role::kTownship, "630102001"), id,
                        Event("township_approve"), Noon(9))
                  .ok());
  auto approved = ActOnCase(*w.ws, Officer(Role::kCounty, "630102"), id,
                            Event("county_approve", {{"type", "marginal"}, {"risks", "R01"}}),
                            Noon(10));
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  auto lead = AddLead(*w.ws, village, household, "cadre_visit", "", "mishap", Noon(20));
  ASSERT_TRUE(lead.ok()) << lead.status().ToString();
  EXPECT_EQ(*lead, 0);
  auto leads = w.db->LeadsOf(household);
  ASSERT_TRUE(leads.ok());
  EXPECT_EQ(leads->back().episode_id, approved->episode_id);
  EXPECT_EQ(leads->back().case_id, 0);
  EXPECT_FALSE(w.db->OpenCaseOf(household)->has_value());
}

TEST(OfficerLeads, RefusalsNameTheFieldOrTheScope) {
  World w = MakeWorld();
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  const std::string household = UnflaggedInA(w, flagged);
  ASSERT_FALSE(household.empty());
  const access::Principal cadre = Officer(Role::kVillage, kVillageA, "cadre");
  auto expect = [&](const access::Principal& who, const std::string& h, const std::string& channel,
                    const std::string& reason, StatusCode code, const std::string& says) {
    auto r = AddLead(*w.ws, who, h, channel, "", reason, Noon(0));
    EXPECT_EQ(r.status().code(), code) << h << " " << channel << " " << reason;
    EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
  };
  expect(cadre, household, "cadre_visit", "", StatusCode::kInvalidArgument, "visit_reason");
  expect(cadre, household, "cadre_visit", "poor", StatusCode::kInvalidArgument,
         "low_income, serious_illness, extreme_poverty, minimum_allowance, disability, "
         "many_children, unstable_work, mishap");
  expect(cadre, household, "department_warning", "", StatusCode::kInvalidArgument,
         "self_application or cadre_visit");
  expect(cadre, household, "phone", "", StatusCode::kInvalidArgument,
         "self_application or cadre_visit");
  expect(cadre, "Z99", "self_application", "", StatusCode::kNotFound, "no household Z99");
  expect(cadre, "", "self_application", "", StatusCode::kInvalidArgument, "household_id");
  // A household of village B is outside the cadre's village; a province officer does not act.
  expect(cadre, "B01", "self_application", "", StatusCode::kPermissionDenied, "outside");
  expect(Officer(Role::kProvince, "63"), household, "self_application", "",
         StatusCode::kPermissionDenied, "case.act");
  // Every visit reason of the eight is accepted by the check.
  for (const char* reason : {"low_income", "serious_illness", "extreme_poverty",
                             "minimum_allowance", "disability", "many_children", "unstable_work",
                             "mishap"}) {
    EXPECT_TRUE(IsVisitReason(reason)) << reason;
  }
  EXPECT_FALSE(IsVisitReason("Mishap"));
  EXPECT_FALSE(w.db->OpenCaseOf(household)->has_value()) << "no refusal opened a case";
}

// The open cases the world's run opened per village, from the run's results and the records.
std::map<std::string, int64_t> FlaggedByVillage(World& w, const std::set<std::string>& flagged) {
  std::map<std::string, int64_t> out;
  for (const auto& r : w.records) {
    if (flagged.count(r.household.household_id) > 0) {
      out[r.household.village_code.ToString()] += 1;
    }
  }
  return out;
}

TEST(CaseDeadlines, ByAreaCountsTheOpenCasesOfEachChild) {
  World w = MakeWorld();
  const std::set<std::string> flagged = RunAndTakeLeads(w);
  const std::map<std::string, int64_t> by_village = FlaggedByVillage(w, flagged);
  const CivilDate opened = OpenCase(w, *flagged.begin()).opened_on;
  const access::Principal township = Officer(Role::kTownship, "630102001");
  auto summary = DeadlineSummary(*w.ws, township, "", opened);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->region_code, "630102001");
  EXPECT_EQ(summary->region_level, "township");
  EXPECT_FALSE(summary->region_name.empty());
  int64_t total = 0;
  bool saw_a = false;
  for (const auto& area : summary->by_area) {
    EXPECT_EQ(area.code.size(), 12u);
    EXPECT_TRUE(area.code.starts_with("630102001"));
    auto it = by_village.find(area.code);
    const int64_t expected = it == by_village.end() ? 0 : it->second;
    EXPECT_EQ(area.counts.open, expected) << area.code;
    // On the day they open, leads are due in two days (the application limit).
    EXPECT_EQ(area.counts.due_within_2_days, expected) << area.code;
    EXPECT_EQ(area.counts.overdue, 0);
    EXPECT_EQ(area.counts.escalated, 0);
    EXPECT_EQ(area.counts.paused, 0);
    total += area.counts.open;
    saw_a = saw_a || area.code == kVillageA;
  }
  EXPECT_TRUE(saw_a);
  EXPECT_EQ(total, by_village.at(kVillageA) + (by_village.count(kVillageB) > 0
                                                   ? by_village.at(kVillageB)
                                                   : 0));
  ASSERT_EQ(summary->by_state.size(), 7u);  // the open states
  EXPECT_EQ(summary->by_state.front().state, "lead");
  EXPECT_EQ(summary->by_state.front().open, total);
  for (size_t i = 1; i < summary->by_state.size(); ++i) {
    EXPECT_EQ(summary->by_state[i].open, 0) << summary->by_state[i].state;
  }

  // Three days later every lead is overdue and escalated past the village.
  const CivilDate later = CivilDate::FromDays(opened.ToDays() + 3);
  auto overdue = DeadlineSummary(*w.ws, township, "630102001", later);
  ASSERT_TRUE(overdue.ok());
  for (const auto& area : overdue->by_area) {
    EXPECT_EQ(area.counts.overdue, area.counts.open) << area.code;
    EXPECT_EQ(area.counts.escalated, area.counts.open) << area.code;
    EXPECT_EQ(area.counts.due_within_2_days, 0) << area.code;
  }
  EXPECT_EQ(overdue->by_state.front().overdue, total);
}

TEST(CaseDeadlines, APausedCaseIsCountedAsPaused) {
  World w = MakeWorld();
  const int64_t id = CaseInVillageA(w);
  ASSERT_GT(id, 0);
  ToPublicNotice(w, id);
  ASSERT_TRUE(ActOnCase(*w.ws, Officer(Role::kVillage, kVillageA), id,
                        Event("raise_objection", {{"objection", "邻居反映收入不实"}}), Noon(4))
                  .ok());
  auto summary = DeadlineSummary(*w.ws, Officer(Role::kCounty, "630102"), "630102001",
                                 CivilDate::FromYmd(2026, 12, 6));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  int64_t paused = 0;
  for (const auto& area : summary->by_area) {
    paused += area.counts.paused;
    if (area.code == kVillageA) {
      EXPECT_EQ(area.counts.paused, 1);
    }
  }
  EXPECT_EQ(paused, 1);
  auto notice = std::find_if(summary->by_state.begin(), summary->by_state.end(),
                             [](const auto& s) { return s.state == "public_notice"; });
  ASSERT_NE(notice, summary->by_state.end());
  EXPECT_EQ(notice->open, 1);
}

TEST(CaseDeadlines, ScopeAndBadRegions) {
  World w = MakeWorld();
  RunAndTakeLeads(w);
  const CivilDate today = CivilDate::FromYmd(2026, 12, 1);
  EXPECT_EQ(DeadlineSummary(*w.ws, Officer(Role::kVillage, kVillageA), "630121", today)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(DeadlineSummary(*w.ws, Officer(Role::kAdmin, "63"), "63", today).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(DeadlineSummary(*w.ws, Officer(Role::kProvince, "63"), "63x", today).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(DeadlineSummary(*w.ws, Officer(Role::kProvince, "63"), "639999", today)
                .status()
                .code(),
            StatusCode::kNotFound);
  // A village has no children: its counts are in by_state only.
  auto village = DeadlineSummary(*w.ws, Officer(Role::kVillage, kVillageA), "", today);
  ASSERT_TRUE(village.ok());
  EXPECT_TRUE(village->by_area.empty());
  EXPECT_EQ(village->region_level, "village");
}

TEST(CaseLimits, ReadingIsForTheCaseReadersOfTheProvince) {
  World w = MakeWorld();
  cases::WorkflowLimits limits;
  limits.county_days = 4;
  ASSERT_TRUE(SetLimits(*w.db, Officer(Role::kProvince, "63"), "63", limits).ok());
  auto read = ReadLimits(*w.db, Officer(Role::kVillage, kVillageA), "63");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, limits);
  EXPECT_EQ(ReadLimits(*w.db, Officer(Role::kVillage, kVillageA), "62").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ReadLimits(*w.db, Officer(Role::kAdmin, "63"), "63").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ReadLimits(*w.db, Officer(Role::kProvince, "63"), "630102").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(CasesService, ActOnCaseItemAnswersWithNamesAndDueDates) {
  World w = MakeWorld();
  std::string household;
  const int64_t id = CaseInVillageA(w, &household);
  ASSERT_GT(id, 0);
  auto item = ActOnCaseItem(*w.ws, Officer(Role::kVillage, kVillageA), id,
                            Event("apply", {{"authorization_signed", "1"}, {"applicant", "户主"}}),
                            Noon(0));
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->record.state, cases::CaseState::kHomeVisit);
  EXPECT_EQ(item->head_name, household + "成员0");
  EXPECT_EQ(item->village_name, w.ws->view()->RegionName(kVillageA));
  ASSERT_TRUE(item->due.open);
  // The home visit is due three days after the application (the default limit).
  EXPECT_EQ(item->due.step_due, CivilDate::FromYmd(2026, 12, 4));
}

}  // namespace
}  // namespace xianjie::service
