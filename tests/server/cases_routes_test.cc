// The cases' routes over a real socket (api_cases.cc, decision 0005): a province run through
// POST /runs opens lead cases; one is taken from lead to monitoring object by the roles the
// procedure names (the notice's end at the service level, since the server runs at real time);
// every refusal a user can meet — a field, the role, the scope, an unknown case, the state — and
// attachments, officers' leads, deadlines by area and the province's limits.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "access/audit.h"
#include "base/clock.h"
#include "cases/case.h"
#include "cases/deadlines.h"
#include "server/server_harness.h"
#include "service/cases.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;

const char kPdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

class CasesRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    if (!harness_->ok()) return;
    auto run = Post(Role::kProvince, "/api/v1/runs", {{"province", "63"}, {"year", 2024}});
    run_ok_ = run && run->status == 200;
    EXPECT_TRUE(run_ok_) << (run ? run->body : "no response");
  }
  static void TearDownTestSuite() {
    sessions_.clear();
    delete harness_;
    harness_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(harness_->ok());
    ASSERT_TRUE(run_ok_) << "the province run failed: there are no lead cases";
  }

  static httplib::Headers HeadersOf(Role role) {
    auto it = sessions_.find(role);
    if (it == sessions_.end()) {
      it = sessions_.emplace(role, harness_->Login(harness_->User(role))).first;
    }
    return ServerHarness::Headers(it->second);
  }
  static httplib::Result Get(Role role, const std::string& path) {
    return harness_->Client().Get(path, HeadersOf(role));
  }
  static httplib::Result Post(Role role, const std::string& path, const json& body) {
    return harness_->Client().Post(path, HeadersOf(role), body.dump(), "application/json");
  }
  static httplib::Result PostText(Role role, const std::string& path, const std::string& body) {
    return harness_->Client().Post(path, HeadersOf(role), body, "application/json");
  }
  static httplib::Result Put(Role role, const std::string& path, const json& body) {
    return harness_->Client().Put(path, HeadersOf(role), body.dump(), "application/json");
  }
  static httplib::Result Upload(Role role, int64_t case_id, const std::string& filename,
                                const std::string& content_type, const std::string& content) {
    httplib::MultipartFormDataItems items = {{"file", content, filename, content_type}};
    return harness_->Client().Post(CasePath(case_id) + "/attachments", HeadersOf(role), items);
  }
  static httplib::Result Act(Role role, int64_t case_id, const std::string& event,
                             const json& fields = json::object()) {
    return Post(role, CasePath(case_id) + "/events", {{"event", event}, {"fields", fields}});
  }

  static std::string CasePath(int64_t id) { return "/api/v1/cases/" + std::to_string(id); }
  static std::string Message(const httplib::Result& res) {
    const json body = BodyJson(res);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("message", "");
  }
  // The cases a role lists under `query` ("region=...&state=..."), up to 500.
  static json Cases(Role role, const std::string& query) {
    auto res = Get(role, "/api/v1/cases?limit=500&" + query);
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
    const json body = BodyJson(res);
    return body.is_object() ? body["items"] : json::array();
  }
  // A lead case of village A opened by the run (a department warning).
  static int64_t RunLeadInVillageA() {
    for (const json& c : Cases(Role::kVillage, "state=lead")) {
      if (c["channel"] == "department_warning") return c["id"].get<int64_t>();
    }
    ADD_FAILURE() << "the run opened no lead case in village A";
    return 0;
  }
  // An open case of village A, in whatever state other tests left it.
  static int64_t CaseInVillageA() {
    const json items = Cases(Role::kVillage, "");
    EXPECT_FALSE(items.empty()) << "village A has no open case";
    return items.empty() ? 0 : items.front()["id"].get<int64_t>();
  }
  // The case of village D (outside every scope but the province's), opened by the run.
  static int64_t CaseOutside() {
    const json items = Cases(Role::kProvince, "region=" + harness_->out_village);
    EXPECT_FALSE(items.empty()) << "the run flags the household of village D";
    return items.empty() ? 0 : items.front()["id"].get<int64_t>();
  }
  // The audit entries about `subject`, as "user action".
  static std::multiset<std::string> AuditOf(const std::string& subject) {
    std::multiset<std::string> out;
    for (const access::AuditEntry& e : harness_->AuditEntries(
             [&](const access::AuditEntry& e) { return e.subject == subject; })) {
      out.insert(e.user + " " + e.action);
    }
    return out;
  }

  static ServerHarness* harness_;
  static bool run_ok_;
  static std::map<Role, Session> sessions_;
};
ServerHarness* CasesRoutesTest::harness_ = nullptr;
bool CasesRoutesTest::run_ok_ = false;
std::map<Role, Session> CasesRoutesTest::sessions_;

CivilDate Today() { return cases::ChinaDateOf(UtcNowIso8601()); }

json HomeVisitFields() {
  return {{"wage_income", "3000"},     {"business_income", "1200.50"},
          {"property_income", "0"},    {"transfer_income", "800"},
          {"production_costs", "300"}, {"rigid_medical", "15000"},
          {"rigid_education", "0"},    {"rigid_other", "0"},
          {"housing_safe", "1"},       {"water_safe", "0"},
          {"findings", "主要劳动力患病，医疗支出大"}};
}

// ---- lists

TEST_F(CasesRoutesTest, TheRunsNewWarningsAreTheVillagesLeadCases) {
  auto warnings = Get(Role::kVillage, "/api/v1/warnings?new_only=1&limit=500&region=" +
                                          std::string(ServerHarness::kInVillage));
  ASSERT_TRUE(warnings && warnings->status == 200);
  std::set<std::string> warned;
  const json warning_list = BodyJson(warnings);
  for (const json& w : warning_list["items"]) warned.insert(w["household_id"]);
  ASSERT_FALSE(warned.empty());
  std::set<std::string> with_case;
  for (const json& c : Cases(Role::kVillage, "open=0")) {
    if (c["channel"] != "department_warning") continue;
    with_case.insert(c["household_id"]);
    EXPECT_EQ(c["village_code"], ServerHarness::kInVillage);
    EXPECT_FALSE(c["village_name"].get<std::string>().empty());
    EXPECT_FALSE(c["head_name"].get<std::string>().empty());
    EXPECT_TRUE(c["proposed_risks"].is_array());
    EXPECT_EQ(c["kind"], "identification");
  }
  EXPECT_EQ(with_case, warned);
}

TEST_F(CasesRoutesTest, AFreshLeadIsDueFromTheVillageInTwoDays) {
  const int64_t id = RunLeadInVillageA();
  auto res = Get(Role::kVillage, CasePath(id));
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  const json file = BodyJson(res);
  const json& c = file["case"];
  const CivilDate opened = cases::ChinaDateOf(c["opened_at"].get<std::string>());
  ASSERT_TRUE(c["due"].is_object());
  EXPECT_EQ(c["due"]["owner"], "village");
  EXPECT_EQ(c["due"]["step_due"],
            CivilDate::FromDays(opened.ToDays() + cases::WorkflowLimits{}.application_days)
                .ToString());
  EXPECT_EQ(c["notice_end"], nullptr);
  EXPECT_EQ(c["closed_at"], nullptr);
  ASSERT_EQ(file["events"].size(), 1u);
  EXPECT_EQ(file["events"][0]["event"], "open");
  EXPECT_EQ(file["events"][0]["actor"], "system");
  ASSERT_FALSE(file["leads"].empty());
  EXPECT_EQ(file["leads"][0]["source"].get<std::string>().rfind("run:", 0), 0u);
  const std::set<std::string> available(file["available"].begin(), file["available"].end());
  EXPECT_EQ(available.count("apply"), 1u);
  EXPECT_EQ(available.count("dismiss"), 1u);
  EXPECT_EQ(available.count("county_approve"), 0u);
  auto limits = Get(Role::kVillage, "/api/v1/workflow/limits/63");
  ASSERT_TRUE(limits && limits->status == 200);
  EXPECT_EQ(file["limits"], BodyJson(limits));
  // Reading a case is audited.
  EXPECT_GE(AuditOf("case:" + std::to_string(id)).count("village case.read"), 1u);
}

TEST_F(CasesRoutesTest, ListsKeepToTheScopeAndNameBadParameters) {
  EXPECT_FALSE(Cases(Role::kProvince, "region=" + harness_->out_village).empty());
  auto outside = Get(Role::kVillage, "/api/v1/cases?region=" + harness_->out_village);
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
  EXPECT_EQ(ErrorCode(outside), "PERMISSION_DENIED");
  for (const json& c : Cases(Role::kCounty, "")) {
    EXPECT_EQ(c["village_code"].get<std::string>().rfind("630102", 0), 0u) << c.dump();
  }
  EXPECT_TRUE(Cases(Role::kVillage, "state=county_approval").empty());
  const std::pair<std::string, std::string> bad[] = {
      {"state=pending", "state"}, {"kind=other", "kind"},         {"open=maybe", "open"},
      {"worklist=2", "worklist"}, {"overdue=yes", "overdue"},     {"limit=0", "limit"},
      {"offset=-1", "offset"},    {"region=6301x", "region"}};
  for (const auto& [query, parameter] : bad) {
    auto res = Get(Role::kProvince, "/api/v1/cases?" + query);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << query;
    EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT") << query;
    EXPECT_NE(Message(res).find(parameter), std::string::npos) << query << ": " << Message(res);
  }
  // The worklist of a fresh run: the village's leads, none on the county's list.
  EXPECT_FALSE(Cases(Role::kVillage, "worklist=1").empty());
  for (const json& c : Cases(Role::kCounty, "worklist=1")) {
    EXPECT_NE(c["state"], "lead") << c.dump();
  }
  auto admin = Get(Role::kAdmin, "/api/v1/cases");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 403);
}

// ---- the procedure

TEST_F(CasesRoutesTest, ALeadBecomesAMonitoringObjectThroughTheApi) {
  const int64_t id = RunLeadInVillageA();
  ASSERT_GT(id, 0);
  const std::string today = Today().ToString();

  // The signed authorization, uploaded first and named by the application.
  auto uploaded = Upload(Role::kVillage, id, "授权书.pdf", "application/pdf", kPdf);
  ASSERT_TRUE(uploaded && uploaded->status == 201) << (uploaded ? uploaded->body : "");
  const int64_t attachment = BodyJson(uploaded)["id"].get<int64_t>();

  // A missing field is refused and changes nothing.
  auto missing = Act(Role::kVillage, id, "apply", {{"applicant", "户主"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(ErrorCode(missing), "INVALID_ARGUMENT");
  EXPECT_NE(Message(missing).find("authorization_signed"), std::string::npos) << Message(missing);
  EXPECT_EQ(BodyJson(Get(Role::kVillage, CasePath(id)))["case"]["version"], 1);

  auto applied = Post(Role::kVillage, CasePath(id) + "/events",
                      {{"event", "apply"},
                       {"fields", {{"authorization_signed", "1"}, {"applicant", "户主"}}},
                       {"comment", "户主签字"},
                       {"attachments", json::array({attachment})}});
  ASSERT_TRUE(applied && applied->status == 200) << (applied ? applied->body : "");
  json c = BodyJson(applied);
  EXPECT_EQ(c["id"], id);
  EXPECT_EQ(c["state"], "home_visit");
  EXPECT_EQ(c["version"], 2);
  EXPECT_EQ(c["due"]["owner"], "village");
  EXPECT_FALSE(c["head_name"].get<std::string>().empty());

  auto visited = Act(Role::kVillage, id, "record_home_visit", HomeVisitFields());
  ASSERT_TRUE(visited && visited->status == 200) << (visited ? visited->body : "");
  EXPECT_EQ(BodyJson(visited)["state"], "data_comparison");
  EXPECT_EQ(BodyJson(visited)["due"]["owner"], "county");

  // The comparison is the county's: the village is refused by the table.
  const json comparison = {{"result", "consistent"}, {"findings", "无车辆、无工商登记"}};
  auto by_village = Act(Role::kVillage, id, "record_comparison", comparison);
  ASSERT_TRUE(by_village);
  EXPECT_EQ(by_village->status, 403);
  EXPECT_EQ(ErrorCode(by_village), "PERMISSION_DENIED");
  auto compared = Act(Role::kCounty, id, "record_comparison", comparison);
  ASSERT_TRUE(compared && compared->status == 200) << (compared ? compared->body : "");
  EXPECT_EQ(BodyJson(compared)["state"], "village_appraisal");

  auto appraised = Act(Role::kVillage, id, "record_appraisal",
                       {{"held_on", today},
                        {"attendance", "23"},
                        {"minutes", "全体同意纳入监测"},
                        {"result", "agreed"}});
  ASSERT_TRUE(appraised && appraised->status == 200) << (appraised ? appraised->body : "");
  c = BodyJson(appraised);
  EXPECT_EQ(c["state"], "public_notice");
  EXPECT_EQ(c["notice_start"], today);
  const std::string notice_end = c["notice_end"].get<std::string>();
  EXPECT_EQ(notice_end,
            CivilDate::FromDays(Today().ToDays() + cases::WorkflowLimits{}.notice_min_days)
                .ToString());

  // The notice lasts five days: closing it today is refused with the dates, and changes nothing.
  auto early = Act(Role::kVillage, id, "close_notice");
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 409);
  EXPECT_EQ(ErrorCode(early), "FAILED_PRECONDITION");
  EXPECT_NE(Message(early).find("the public notice runs until " + notice_end),
            std::string::npos)
      << Message(early);
  EXPECT_NE(Message(early).find("not on " + today), std::string::npos) << Message(early);
  EXPECT_EQ(BodyJson(Get(Role::kVillage, CasePath(id)))["case"]["state"], "public_notice");

  // The notice's end cannot come over HTTP at real time: the service closes it on its last day.
  service::CaseAction close;
  close.event = "close_notice";
  auto closed = service::ActOnCase(
      harness_->workspace(), {"village", Role::kVillage, ServerHarness::kInVillage}, id, close,
      notice_end + "T04:00:00Z");
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  ASSERT_EQ(closed->state, cases::CaseState::kTownshipReview);

  auto reviewed = Act(Role::kTownship, id, "township_approve");
  ASSERT_TRUE(reviewed && reviewed->status == 200) << (reviewed ? reviewed->body : "");
  EXPECT_EQ(BodyJson(reviewed)["state"], "county_approval");
  auto approved = Act(Role::kCounty, id, "county_approve",
                      {{"type", "sudden_hardship"}, {"risks", "R01;R11"}});
  ASSERT_TRUE(approved && approved->status == 200) << (approved ? approved->body : "");
  c = BodyJson(approved);
  EXPECT_EQ(c["state"], "monitored");
  EXPECT_EQ(c["decided_type"], "sudden_hardship");
  EXPECT_EQ(c["decided_risks"], json::array({"R01", "R11"}));
  EXPECT_EQ(c["due"], nullptr);
  EXPECT_TRUE(c["closed_at"].is_string());

  // The file: the timeline in order, the application with its attachment, the episode opened.
  auto file_res = Get(Role::kCounty, CasePath(id));
  ASSERT_TRUE(file_res && file_res->status == 200);
  const json file = BodyJson(file_res);
  std::vector<std::string> events;
  for (const json& e : file["events"]) events.push_back(e["event"]);
  EXPECT_EQ(events, (std::vector<std::string>{"open", "apply", "record_home_visit",
                                              "record_comparison", "record_appraisal",
                                              "close_notice", "township_approve",
                                              "county_approve"}));
  const json& apply = file["events"][1];
  EXPECT_EQ(apply["attachments"], json::array({attachment}));
  EXPECT_EQ(apply["fields"]["applicant"], "户主");
  EXPECT_EQ(apply["comment"], "户主签字");
  EXPECT_EQ(apply["actor"], "village");
  EXPECT_EQ(apply["actor_role"], "village");
  EXPECT_EQ(apply["from"], "lead");
  EXPECT_EQ(apply["to"], "home_visit");
  EXPECT_EQ(apply["on"], today);
  ASSERT_EQ(file["episodes"].size(), 1u);
  EXPECT_EQ(file["episodes"][0]["type"], "sudden_hardship");
  EXPECT_EQ(file["episodes"][0]["identification_case"], id);
  EXPECT_EQ(file["episodes"][0]["eliminated_on"], nullptr);
  EXPECT_EQ(file["case"]["episode_id"], file["episodes"][0]["id"]);
  EXPECT_TRUE(file["available"].empty());

  const std::multiset<std::string> audit = AuditOf("case:" + std::to_string(id));
  for (const char* expected :
       {"village case.attachment.upload", "village case.apply", "village case.record_home_visit",
        "county case.record_comparison", "village case.record_appraisal",
        "township case.township_approve", "county case.county_approve"}) {
    EXPECT_EQ(audit.count(expected), 1u) << expected;
  }
}

TEST_F(CasesRoutesTest, EventRefusalsNameTheFieldTheRoleTheScopeOrTheState) {
  const int64_t id = CaseInVillageA();
  const int64_t outside = CaseOutside();
  ASSERT_GT(id, 0);
  ASSERT_GT(outside, 0);
  const std::string events = CasePath(id) + "/events";
  struct BadBody {
    std::string body;
    std::string says;
  };
  const BadBody bad[] = {
      {"{not json", "not JSON"},
      {"[1, 2]", "object"},
      {R"({"fields": {}})", "event"},
      {R"({"event": 7})", "event"},
      {R"({"event": "apply", "fields": ["x"]})", "fields"},
      {R"({"event": "apply", "fields": {"attendance": 23}})", "attendance"},
      {R"({"event": "comment", "comment": "x", "attachments": "1"})", "attachments"},
      {R"({"event": "comment", "comment": "x", "attachments": [0]})", "attachments"},
      {R"({"event": "approve_everything"})", "approve_everything"},
      {R"({"event": "open"})", "not an event a user may take"},
      {R"({"event": "escalate"})", "not an event a user may take"},
      {R"({"event": "comment"})", "comment"},
  };
  const int64_t version = BodyJson(Get(Role::kVillage, CasePath(id)))["case"]["version"];
  for (const BadBody& b : bad) {
    auto res = PostText(Role::kVillage, events, b.body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << b.body << " " << res->body;
    EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT") << b.body;
    EXPECT_NE(Message(res).find(b.says), std::string::npos) << b.body << ": " << Message(res);
  }
  // An attachment of another case may not be named.
  auto foreign = Upload(Role::kCounty, id, "a.pdf", "", kPdf);
  ASSERT_TRUE(foreign && foreign->status == 201) << (foreign ? foreign->body : "");
  const int64_t other_case = [&] {
    for (const json& c : Cases(Role::kCounty, "")) {
      if (c["id"] != id) return c["id"].get<int64_t>();
    }
    return int64_t{0};
  }();
  ASSERT_GT(other_case, 0);
  auto named = Post(Role::kCounty, CasePath(other_case) + "/events",
                    {{"event", "comment"},
                     {"comment", "see the form"},
                     {"attachments", json::array({BodyJson(foreign)["id"]})}});
  ASSERT_TRUE(named);
  EXPECT_EQ(named->status, 400);
  EXPECT_NE(Message(named).find("does not belong to case"), std::string::npos) << Message(named);

  // The state: a lead awaits the application, not the township's approval.
  auto state = Act(Role::kTownship, id, "township_approve");
  ASSERT_TRUE(state);
  if (BodyJson(Get(Role::kVillage, CasePath(id)))["case"]["state"] == "lead") {
    EXPECT_EQ(state->status, 409);
    EXPECT_EQ(ErrorCode(state), "FAILED_PRECONDITION");
    EXPECT_NE(Message(state).find("lead"), std::string::npos) << Message(state);
  }
  // Role and scope.
  auto auditor = Act(Role::kAuditor, id, "comment", {{"comment", "x"}});
  ASSERT_TRUE(auditor);
  EXPECT_EQ(auditor->status, 403);
  EXPECT_EQ(ErrorCode(auditor), "PERMISSION_DENIED");
  auto other_village = Act(Role::kVillage, outside, "comment", {{"comment", "x"}});
  ASSERT_TRUE(other_village);
  EXPECT_EQ(other_village->status, 403);
  EXPECT_EQ(ErrorCode(other_village), "PERMISSION_DENIED");
  auto read_outside = Get(Role::kVillage, CasePath(outside));
  ASSERT_TRUE(read_outside);
  EXPECT_EQ(read_outside->status, 403);
  EXPECT_EQ(Get(Role::kProvince, CasePath(outside))->status, 200);
  // Nothing above moved the case.
  EXPECT_EQ(BodyJson(Get(Role::kVillage, CasePath(id)))["case"]["version"], version);
}

TEST_F(CasesRoutesTest, UnknownCasesAreNotFoundAndBadIdsAreBadRequests) {
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/cases/999999"},
           {"POST", "/api/v1/cases/999999/events"},
           {"GET", "/api/v1/cases/999999/attachments/1"}}) {
    auto res = method == "GET" ? Get(Role::kProvince, path)
                               : Post(Role::kVillage, path,
                                      {{"event", "comment"}, {"comment", "x"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(ErrorCode(res), "NOT_FOUND") << path;
    EXPECT_NE(Message(res).find("999999"), std::string::npos) << Message(res);
  }
  auto upload = Upload(Role::kVillage, 999999, "a.pdf", "", kPdf);
  ASSERT_TRUE(upload);
  EXPECT_EQ(upload->status, 404);
  for (const std::string& path : {std::string("/api/v1/cases/abc"),
                                  std::string("/api/v1/cases/0"),
                                  std::string("/api/v1/cases/1/attachments/x")}) {
    auto res = Get(Role::kProvince, path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << path;
    EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT") << path;
  }
}

// ---- attachments

TEST_F(CasesRoutesTest, AnAttachmentDownloadsAsUploadedAndIsAudited) {
  const int64_t id = CaseInVillageA();
  ASSERT_GT(id, 0);
  std::string content(kPdf);
  for (int i = 0; i < 256; ++i) content.push_back(static_cast<char>(i));  // every byte value
  auto uploaded = Upload(Role::kVillage, id, "入户核查表.pdf", "application/octet-stream", content);
  ASSERT_TRUE(uploaded && uploaded->status == 201) << (uploaded ? uploaded->body : "");
  const json meta = BodyJson(uploaded);
  EXPECT_EQ(meta["filename"], "入户核查表.pdf");
  EXPECT_EQ(meta["content_type"], "application/pdf");
  EXPECT_EQ(meta["sha256"], access::Sha256Hex(content));
  EXPECT_EQ(meta["bytes"], content.size());
  const int64_t aid = meta["id"].get<int64_t>();

  const std::string subject = "case:" + std::to_string(id);
  const size_t before = AuditOf(subject).count("auditor case.attachment");
  auto res = Get(Role::kAuditor, CasePath(id) + "/attachments/" + std::to_string(aid));
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  EXPECT_EQ(res->body, content);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf");
  const std::string disposition = res->get_header_value("Content-Disposition");
  EXPECT_EQ(disposition.rfind("attachment;", 0), 0u) << disposition;
  // The name is sent percent-encoded (RFC 5987); httplib's client decodes header values.
  EXPECT_NE(disposition.find("filename*=UTF-8''入户核查表.pdf"), std::string::npos) << disposition;
  EXPECT_EQ(AuditOf(subject).count("auditor case.attachment"), before + 1);

  // Not under another case, not an unknown one, not for another village's cadre.
  const int64_t outside = CaseOutside();
  auto wrong_case = Get(Role::kProvince, CasePath(outside) + "/attachments/" + std::to_string(aid));
  ASSERT_TRUE(wrong_case);
  EXPECT_EQ(wrong_case->status, 404);
  auto unknown = Get(Role::kProvince, CasePath(id) + "/attachments/999999");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto outside_upload = Upload(Role::kVillage, outside, "a.pdf", "", kPdf);
  ASSERT_TRUE(outside_upload);
  EXPECT_EQ(outside_upload->status, 403);
}

TEST_F(CasesRoutesTest, UploadRefusalsSayWhatIsAccepted) {
  const int64_t id = CaseInVillageA();
  ASSERT_GT(id, 0);
  auto text = Upload(Role::kVillage, id, "notes.txt", "text/plain", "hello");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 400);
  EXPECT_EQ(ErrorCode(text), "INVALID_ARGUMENT");
  EXPECT_NE(Message(text).find("PDF (.pdf), JPEG (.jpg, .jpeg), PNG (.png), Word (.docx) or "
                               "Excel (.xlsx)"),
            std::string::npos)
      << Message(text);
  auto disguised = Upload(Role::kVillage, id, "form.pdf", "application/pdf", "<script>");
  ASSERT_TRUE(disguised);
  EXPECT_EQ(disguised->status, 400);
  EXPECT_NE(Message(disguised).find("not a PDF file"), std::string::npos) << Message(disguised);
  std::string big(kPdf);
  big.resize(static_cast<size_t>(service::kMaxAttachmentBytes) + 1, ' ');
  auto too_big = Upload(Role::kVillage, id, "big.pdf", "application/pdf", big);
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 400);
  EXPECT_NE(Message(too_big).find("larger than 20 MiB"), std::string::npos) << Message(too_big);
  httplib::MultipartFormDataItems wrong_field = {{"upload", kPdf, "a.pdf", "application/pdf"}};
  auto no_file = harness_->Client().Post(CasePath(id) + "/attachments", HeadersOf(Role::kVillage),
                                         wrong_field);
  ASSERT_TRUE(no_file);
  EXPECT_EQ(no_file->status, 400);
  EXPECT_NE(Message(no_file).find("'file'"), std::string::npos) << Message(no_file);
  auto auditor = Upload(Role::kAuditor, id, "a.pdf", "", kPdf);
  ASSERT_TRUE(auditor);
  EXPECT_EQ(auditor->status, 403);
}

// ---- leads

// A household of village A without any case, from the household list and the cases.
std::string HouseholdWithoutCase(const json& households, const json& cases) {
  std::set<std::string> with_case;
  for (const json& c : cases) with_case.insert(c["household_id"]);
  for (const json& h : households) {
    if (with_case.count(h["household_id"]) == 0) return h["household_id"];
  }
  return "";
}

TEST_F(CasesRoutesTest, OfficersLeadsOpenAndJoinCases) {
  auto households = Get(Role::kVillage, std::string("/api/v1/households?village=") +
                                            ServerHarness::kInVillage);
  ASSERT_TRUE(households && households->status == 200);
  const std::string household = HouseholdWithoutCase(BodyJson(households)["items"],
                                                     Cases(Role::kVillage, "open=0"));
  ASSERT_FALSE(household.empty()) << "every household of village A has a case";

  auto opened = Post(Role::kVillage, "/api/v1/leads",
                     {{"household_id", household},
                      {"channel", "self_application"},
                      {"note", "户主来村委会申请"}});
  ASSERT_TRUE(opened && opened->status == 201) << (opened ? opened->body : "");
  const int64_t id = BodyJson(opened)["case_id"].get<int64_t>();
  ASSERT_GT(id, 0);
  EXPECT_EQ(BodyJson(opened)["outcome"], "opened");
  json file = BodyJson(Get(Role::kVillage, CasePath(id)));
  EXPECT_EQ(file["case"]["household_id"], household);
  EXPECT_EQ(file["case"]["state"], "lead");
  EXPECT_EQ(file["case"]["channel"], "self_application");
  ASSERT_EQ(file["leads"].size(), 1u);
  EXPECT_EQ(file["leads"][0]["source"].get<std::string>().rfind("self_application:village:", 0),
            0u);
  EXPECT_EQ(file["leads"][0]["note"], "户主来村委会申请");

  // A county officer may open a case but not join one: the table gives join_lead to the
  // village and the township.
  auto county = Post(Role::kCounty, "/api/v1/leads",
                     {{"household_id", household}, {"channel", "self_application"}});
  ASSERT_TRUE(county);
  EXPECT_EQ(county->status, 403);
  EXPECT_NE(Message(county).find("join_lead"), std::string::npos) << Message(county);

  auto joined = Post(Role::kTownship, "/api/v1/leads",
                     {{"household_id", household},
                      {"channel", "cadre_visit"},
                      {"visit_reason", "serious_illness"},
                      {"note", "家中有重病患者"}});
  ASSERT_TRUE(joined && joined->status == 201) << (joined ? joined->body : "");
  EXPECT_EQ(BodyJson(joined)["case_id"], id);
  EXPECT_EQ(BodyJson(joined)["outcome"], "joined");
  file = BodyJson(Get(Role::kVillage, CasePath(id)));
  ASSERT_EQ(file["leads"].size(), 2u);
  EXPECT_EQ(file["leads"][1]["channel"], "cadre_visit");
  EXPECT_EQ(file["leads"][1]["note"], "家中有重病患者");
  EXPECT_EQ(file["leads"][1]["visit_reason"], "serious_illness");
  EXPECT_EQ(file["leads"][0]["visit_reason"], "");
  EXPECT_EQ(file["events"].back()["event"], "join_lead");
  EXPECT_EQ(file["events"].back()["actor"], "township");
  EXPECT_EQ(AuditOf(household).count("township case.lead"), 1u);
}

TEST_F(CasesRoutesTest, LeadRefusalsNameTheField) {
  const std::string in = harness_->in_household;
  struct Bad {
    Role role;
    json body;
    int status;
    std::string says;
  };
  const Bad bad[] = {
      {Role::kVillage, {{"household_id", in}, {"channel", "cadre_visit"}}, 400, "visit_reason"},
      {Role::kVillage,
       {{"household_id", in}, {"channel", "cadre_visit"}, {"visit_reason", "poor"}},
       400,
       "low_income, serious_illness, extreme_poverty, minimum_allowance, disability, "
       "many_children, unstable_work, mishap"},
      {Role::kVillage,
       {{"household_id", in}, {"channel", "department_warning"}},
       400,
       "self_application or cadre_visit"},
      {Role::kVillage, {{"channel", "self_application"}}, 400, "household_id"},
      {Role::kVillage, {{"household_id", in}}, 400, "channel"},
      {Role::kVillage, {{"household_id", 12}, {"channel", "self_application"}}, 400,
       "household_id"},
      {Role::kVillage,
       {{"household_id", "Z99"}, {"channel", "self_application"}},
       404,
       "no household Z99"},
      {Role::kVillage,
       {{"household_id", harness_->out_household}, {"channel", "self_application"}},
       403,
       "outside"},
      {Role::kProvince, {{"household_id", in}, {"channel", "self_application"}}, 403, "case.act"},
  };
  for (const Bad& b : bad) {
    auto res = Post(b.role, "/api/v1/leads", b.body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, b.status) << b.body.dump() << " " << res->body;
    EXPECT_NE(Message(res).find(b.says), std::string::npos) << b.body.dump() << ": "
                                                            << Message(res);
  }
  auto not_json = PostText(Role::kVillage, "/api/v1/leads", "household_id=A01");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
}

// ---- deadlines and limits

TEST_F(CasesRoutesTest, DeadlinesCountEachAreasOpenCases) {
  const CivilDate today = Today();
  auto res = Get(Role::kTownship, "/api/v1/deadlines");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  const json d = BodyJson(res);
  EXPECT_EQ(d["region"]["code"], "630102001");
  EXPECT_EQ(d["region"]["level"], "township");
  ASSERT_FALSE(d["by_area"].empty());
  int64_t total = 0;
  for (const json& area : d["by_area"]) {
    // The same counts, from the cases of the area as the list gives them.
    const json cases = Cases(Role::kTownship, "region=" + area["code"].get<std::string>());
    int64_t overdue = 0, soon = 0, paused = 0, escalated = 0;
    for (const json& c : cases) {
      ASSERT_TRUE(c["due"].is_object()) << c.dump();
      const int days = c["due"]["overdue_days"].get<int>();
      const auto due = ParseDate(c["due"]["due"].get<std::string>());
      ASSERT_TRUE(due.ok());
      overdue += days > 0 ? 1 : 0;
      soon += days == 0 && due->ToDays() - today.ToDays() <= 2 ? 1 : 0;
      paused += c["due"]["paused"].get<bool>() ? 1 : 0;
      escalated += c["due"]["escalated_to"] != c["due"]["owner"] ? 1 : 0;
    }
    EXPECT_EQ(area["open"], cases.size()) << area.dump();
    EXPECT_EQ(area["overdue"], overdue) << area.dump();
    EXPECT_EQ(area["due_within_2_days"], soon) << area.dump();
    EXPECT_EQ(area["paused"], paused) << area.dump();
    EXPECT_EQ(area["escalated"], escalated) << area.dump();
    total += area["open"].get<int64_t>();
  }
  EXPECT_GT(total, 0);
  EXPECT_EQ(static_cast<size_t>(total), Cases(Role::kTownship, "").size());
  int64_t by_state = 0;
  for (const json& s : d["by_state"]) {
    by_state += s["open"].get<int64_t>();
    EXPECT_EQ(s["open"], Cases(Role::kTownship, "state=" + s["state"].get<std::string>()).size())
        << s.dump();
  }
  EXPECT_EQ(by_state, total);

  auto outside = Get(Role::kTownship, "/api/v1/deadlines?region=" + harness_->out_village);
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
  auto bad = Get(Role::kProvince, "/api/v1/deadlines?region=63x");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(Message(bad).find("region"), std::string::npos);
  auto unknown = Get(Role::kProvince, "/api/v1/deadlines?region=639999");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto admin = Get(Role::kAdmin, "/api/v1/deadlines?region=63");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 403);
}

TEST_F(CasesRoutesTest, OnlyTheProvinceSetsItsLimits) {
  const cases::WorkflowLimits defaults;
  auto read = Get(Role::kVillage, "/api/v1/workflow/limits/63");
  ASSERT_TRUE(read && read->status == 200);
  const json limits = BodyJson(read);
  // Every limit by the name cases::FormatLimits gives it, at its default.
  size_t named = 0;
  const std::string text = cases::FormatLimits(defaults);
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find(';', start), text.size());
    const std::string pair = text.substr(start, end - start);
    const size_t eq = pair.find('=');
    ASSERT_NE(eq, std::string::npos) << text;
    EXPECT_EQ(limits[pair.substr(0, eq)], std::stoi(pair.substr(eq + 1))) << pair;
    ++named;
    start = end + 1;
  }
  EXPECT_EQ(limits.size(), named);
  EXPECT_EQ(limits["overall_days"], defaults.overall_days);
  EXPECT_EQ(Get(Role::kVillage, "/api/v1/workflow/limits/62")->status, 403);
  EXPECT_EQ(Get(Role::kAdmin, "/api/v1/workflow/limits/63")->status, 403);
  auto bad_code = Get(Role::kProvince, "/api/v1/workflow/limits/630102");
  ASSERT_TRUE(bad_code);
  EXPECT_EQ(bad_code->status, 400);
  EXPECT_NE(Message(bad_code).find("province"), std::string::npos);

  auto set = Put(Role::kProvince, "/api/v1/workflow/limits/63",
                 {{"county_days", 4}, {"overall_days", 20}});
  ASSERT_TRUE(set && set->status == 200) << (set ? set->body : "");
  EXPECT_EQ(BodyJson(set)["county_days"], 4);
  EXPECT_EQ(BodyJson(set)["application_days"], defaults.application_days);  // not named
  const json stored = BodyJson(Get(Role::kCounty, "/api/v1/workflow/limits/63"));
  EXPECT_EQ(stored["county_days"], 4);
  EXPECT_EQ(stored["overall_days"], 20);
  EXPECT_GE(AuditOf("province:63").count("province workflow.limits"), 1u);

  struct Bad {
    Role role;
    std::string province;
    std::string body;
    int status;
    std::string says;
  };
  const Bad bad[] = {
      {Role::kProvince, "63", R"({"bogus_days": 3})", 400, "bogus_days"},
      {Role::kProvince, "63", R"({"county_days=9;overall_days": 3})", 400,
       "not the name of a workflow limit"},
      {Role::kProvince, "63", R"({"county_days": "4"})", 400, "county_days"},
      {Role::kProvince, "63", R"({"county_days": 2.5})", 400, "county_days"},
      {Role::kProvince, "63", R"({"notice_min_days": 3})", 400, "notice_min_days"},
      {Role::kProvince, "63", R"([1])", 400, "object"},
      {Role::kProvince, "63", "{", 400, "not JSON"},
      {Role::kProvince, "62", R"({"county_days": 4})", 403, "outside"},
      {Role::kCounty, "63", R"({"county_days": 4})", 403, "workflow.limits"},
      {Role::kAdmin, "63", R"({"county_days": 4})", 403, "workflow.limits"},
  };
  for (const Bad& b : bad) {
    auto res = harness_->Client().Put("/api/v1/workflow/limits/" + b.province, HeadersOf(b.role),
                                      b.body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, b.status) << b.body;
    EXPECT_NE(Message(res).find(b.says), std::string::npos) << b.body << ": " << Message(res);
  }
  EXPECT_EQ(BodyJson(Get(Role::kCounty, "/api/v1/workflow/limits/63")), stored)
      << "no refusal changed the limits";

  // Back to the defaults: every limit not named takes its default.
  auto reset = Put(Role::kProvince, "/api/v1/workflow/limits/63", json::object());
  ASSERT_TRUE(reset && reset->status == 200);
  EXPECT_EQ(BodyJson(reset), limits);
}

}  // namespace
}  // namespace xianjie::server::testing
