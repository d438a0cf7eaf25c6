// The authorization matrix (issue 4, point 3): every route the server installs × every role ×
// a request inside and outside the role's scope, and without a session, against the roles
// table of docs/decisions/0004 written here independently of access/authorize.cc. A route added
// to the server without a row here fails EveryRouteHasARow.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "analytics/assessment.h"
#include "assist/catalog.h"
#include "cases/case.h"
#include "server/elimination_fixture.h"
#include "server/server_harness.h"
#include "service/assist.h"
#include "service/cases.h"
#include "service/exchange.h"
#include "service/sample.h"
#include "support/temp_files.h"

namespace xianjie::server::testing {
namespace {

using access::Role;

// The roles column of 0004 for each operation; "session": any signed-in user; "public": anyone.
const std::map<std::string, std::set<Role>>& Allowed() {
  static const auto* table = [] {
    const std::set<Role> all(access::kAllRoles.begin(), access::kAllRoles.end());
    const std::set<Role> readers = {Role::kProvince, Role::kPrefecture, Role::kCounty,
                                    Role::kTownship, Role::kVillage,  Role::kAuditor};
    const std::set<Role> managers = {Role::kProvince, Role::kPrefecture, Role::kCounty};
    return new std::map<std::string, std::set<Role>>{
        {"public", all},
        {"session", all},
        {"dashboard.read", all},
        {"household.list", readers},
        {"household.read", readers},
        {"warning.list", readers},
        {"run.list", all},
        {"standard.read", all},
        {"screening.run", managers},
        {"standard.whatif", managers},
        {"standard.load", {Role::kProvince}},
        {"registry.import", managers},
        {"import.read", managers},
        {"export", managers},
        {"audit.read", {Role::kAdmin, Role::kAuditor}},
        {"user.admin", {Role::kAdmin}},
        // decision 0005
        {"case.read", {Role::kProvince, Role::kPrefecture, Role::kCounty, Role::kTownship,
                       Role::kVillage, Role::kDepartment, Role::kAuditor}},
        {"case.act", {Role::kCounty, Role::kTownship, Role::kVillage, Role::kDepartment}},
        {"workflow.limits", {Role::kProvince}},
        // Narrower than case.act by the service (service/elimination.h): the township reviews
        // and the county approves an elimination, so only they propose one; measures are the
        // work of those who assist the household.
        {"elimination.propose", {Role::kTownship, Role::kCounty}},
        {"measure.record", {Role::kVillage, Role::kTownship, Role::kCounty}},
        // decision 0006
        {"source.read", {Role::kProvince, Role::kPrefecture, Role::kCounty, Role::kTownship,
                         Role::kDepartment, Role::kAuditor}},
        {"source.upload", {Role::kProvince, Role::kPrefecture, Role::kCounty, Role::kDepartment}},
        {"quality.read", {Role::kProvince, Role::kPrefecture, Role::kCounty, Role::kDepartment,
                          Role::kAuditor}},
        {"finding.read", readers},
        {"finding.resolve", {Role::kTownship, Role::kVillage}},
        {"check.run", managers},
        // decision 0008
        {"plan.write", {Role::kCounty, Role::kTownship, Role::kVillage}},
        {"plan.justify", {Role::kCounty}},
        {"measure.catalog", {Role::kProvince}},
        {"assessment.read", {Role::kProvince, Role::kPrefecture, Role::kCounty, Role::kAuditor}},
        {"assessment.config", {Role::kProvince}},
        {"sample.draw", {Role::kProvince, Role::kPrefecture}},
        {"sample.record", {Role::kProvince, Role::kPrefecture, Role::kCounty}},
    };
  }();
  return *table;
}

enum class Scope { kInside, kOutside };

struct Call {
  std::string method;
  std::string path;
  std::string body;  // JSON unless multipart is set
  httplib::MultipartFormDataItems multipart;
};

class Matrix;
// Builds the request of a cell; nullopt when the cell does not exist (no outside for a route
// without a region, or for a user whose scope is the whole province). `session` is null for
// the request without a session.
using Builder = std::function<std::optional<Call>(Matrix&, const TestUser&, const Session*, Scope)>;

struct Row {
  const char* method;
  const char* pattern;
  const char* op;
  Builder build;
};

// The shared server and what the builders need from it.
class Matrix {
 public:
  Matrix() {
    toml_ = xianjie::testing::ReadFile(std::string(XJ_SOURCE_DIR) + "/config/standards/63-2024.toml");
    EXPECT_FALSE(toml_.empty());
    if (!h_.ok()) return;
    EXPECT_TRUE(h_.accounts()
                    .AddUser("matrix", "target", "target-password", Role::kVillage,
                             ServerHarness::kInVillage)
                    .ok());
    Session province = h_.Login(h_.User(Role::kProvince));
    auto list = h_.Client().Get("/api/v1/standards", ServerHarness::Headers(province));
    const nlohmann::json body = BodyJson(list);
    if (body.is_object() && body.contains("items")) {
      for (const auto& item : body["items"]) hash_ = item.value("content_hash", "");
    }
    EXPECT_FALSE(hash_.empty()) << (list ? list->body : "no response");
    // A standard of village A's county, so that a county officer's run is the county's own (a
    // county without one is screened with its province, which only the province may run).
    std::string county_toml = toml_;
    const size_t at = county_toml.find("province = \"63\"\n");
    EXPECT_NE(at, std::string::npos);
    if (at != std::string::npos) {
      county_toml.insert(at + 16, "county = \"" + std::string(ServerHarness::kInVillage, 6) +
                                      "\"\n");
    }
    auto loaded = h_.Client().Post("/api/v1/standards", ServerHarness::Headers(province),
                                   nlohmann::json({{"toml", county_toml}}).dump(),
                                   "application/json");
    EXPECT_TRUE(loaded && loaded->status == 201) << (loaded ? loaded->body : "no response");
    // A case with an attachment in village A and one in village D (outside every scope but the
    // province's), opened by self-applications of each village's cadre.
    OpenCaseWithAttachment(ServerHarness::kInVillage, h_.in_household, &case_in_,
                           &attachment_in_);
    OpenCaseWithAttachment(h_.out_village, h_.out_household, &case_out_, &attachment_out_);
    // Two monitoring objects of village A eligible for elimination today: one for each role
    // that may propose one.
    const CivilDate today = cases::ChinaDateOf(h_.workspace().Now());
    for (const char* id : {"E01", "E02"}) {
      auto episode = AddEligibleHousehold(h_.workspace(), id, ServerHarness::kInVillage, today);
      EXPECT_TRUE(episode.ok()) << id << ": " << episode.status().ToString();
      if (episode.ok()) eligible_.push_back(id);
    }
    // A department upload made for village A (whose rows every reader of sources inside the
    // scope may read) and one for village D outside.
    upload_in_ = DepartmentUpload(ServerHarness::kInVillage, h_.in_household);
    upload_out_ = DepartmentUpload(h_.out_village, h_.out_household);
    // Monitoring objects with assistance plans (decision 0008): one of village A and one of
    // village D read by every cell; for each role that may write plans, one of village A
    // without a plan, one with a draft plan and one with an active plan that has a measure.
    plan_in_ = AssistPlan("M01", ServerHarness::kInVillage, PlanStage::kDraft);
    plan_out_ = AssistPlan("M02", h_.out_village, PlanStage::kDraft);
    for (int i = 0; i < 3; ++i) {
      const std::string n = std::to_string(i);
      AssistPlan("MN" + n, ServerHarness::kInVillage, PlanStage::kNone);
      planless_.push_back("MN" + n);
      drafts_.push_back(AssistPlan("MD" + n, ServerHarness::kInVillage, PlanStage::kDraft));
      actives_.push_back(AssistPlan("MA" + n, ServerHarness::kInVillage, PlanStage::kActive));
    }
    // Verification samples (decision 0008): this year's of village A's county and of village
    // D's, read and recorded by every cell; two earlier years' of village A's county, one for
    // each role that may close a sample.
    const int year = cases::ChinaDateOf(h_.workspace().Now()).year();
    sample_in_ = SampleOf(std::string(ServerHarness::kInVillage).substr(0, 6), year);
    sample_out_ = SampleOf(h_.out_village.substr(0, 6), year);
    for (int y : {year - 2, year - 3}) {
      closable_.push_back(SampleOf(std::string(ServerHarness::kInVillage).substr(0, 6), y));
    }
  }

  ServerHarness& harness() { return h_; }
  const std::string& toml() const { return toml_; }
  // The case (and its attachment) of village A, or of village D outside.
  int64_t case_id(Scope scope) const { return scope == Scope::kInside ? case_in_ : case_out_; }
  int64_t attachment_id(Scope scope) const {
    return scope == Scope::kInside ? attachment_in_ : attachment_out_;
  }
  // A household inside `scope` without an open case (a lead opens one there, which every role
  // that may act may do; joining an open case is the village's and township's alone).
  std::string HouseholdWithoutCase(const std::string& scope) {
    const auto view = h_.workspace().view();
    const registry::Snapshot& snapshot = view->snapshot();
    for (uint32_t h = 0; h < snapshot.households(); ++h) {
      const std::string id(snapshot.household_id(h));
      if (!std::to_string(snapshot.village_code()[h]).starts_with(scope)) continue;
      auto open = h_.database().OpenCaseOf(id);
      if (open.ok() && !open->has_value()) return id;
    }
    ADD_FAILURE() << "no household without a case in " << scope;
    return "";
  }
  // A household of village A eligible for elimination, not proposed before.
  std::string NextEligible() {
    if (eligible_.empty()) {
      ADD_FAILURE() << "no eligible household is left to propose";
      return "";
    }
    std::string id = eligible_.back();
    eligible_.pop_back();
    return id;
  }
  // The plan read by every cell: of village A, or of village D outside.
  int64_t plan_id(Scope scope) const { return scope == Scope::kInside ? plan_in_ : plan_out_; }
  const std::string& plan_household(Scope scope) const {
    static const std::string in = "M01", out = "M02";
    return scope == Scope::kInside ? in : out;
  }
  // A monitoring object of village A without a plan, a draft plan, an active plan with a
  // measure: one for each cell that changes one.
  std::string NextPlanless() { return Pop(planless_, std::string("MN0")); }
  int64_t NextDraft() { return Pop(drafts_, plan_in_); }
  int64_t NextActive() { return Pop(actives_, plan_in_); }
  // This year's sample of village A's county, or of village D's outside, and a household it drew.
  int64_t sample_id(Scope scope) const {
    return scope == Scope::kInside ? sample_in_ : sample_out_;
  }
  std::string SampleHousehold(Scope scope) {
    auto units = h_.database().DrawUnits(sample_id(scope));
    EXPECT_TRUE(units.ok() && !units->empty());
    return units.ok() && !units->empty() ? units->front().household_id : "";
  }
  // An open sample of village A's county for each cell that closes one.
  int64_t NextClosable() { return Pop(closable_, sample_in_); }
  const std::string& hash() const { return hash_; }
  int next() { return ++counter_; }
  int64_t upload_id(Scope scope) const {
    return scope == Scope::kInside ? upload_in_ : upload_out_;
  }
  // A new open finding of `check` (a data check; "C01" a coordination check) on the household
  // of village A, or of village D outside: each cell resolves one of its own.
  int64_t NewFinding(Scope scope, const std::string& check = "Q10") {
    const bool inside = scope == Scope::kInside;
    exchange::Finding f;
    f.check = check;
    f.household_id = inside ? h_.in_household : h_.out_household;
    f.village_code = inside ? std::string(ServerHarness::kInVillage) : h_.out_village;
    f.evidence_key = "matrix:" + std::to_string(next());
    f.detail = "matrix";
    f.opened_at = "2026-01-01T00:00:00Z";
    std::vector<exchange::Finding> findings = {f};
    auto put = h_.database().PutFindings(findings);
    EXPECT_TRUE(put.ok() && *put == 1) << (put.ok() ? "" : put.status().ToString());
    return findings[0].id;
  }
  // A medical insurance file of one row of the household's first member, dated today.
  std::string MedicalCsv(const std::string& household) {
    const std::vector<std::string> ids = {household};
    auto current = h_.database().GetCurrent(ids);
    EXPECT_TRUE(current.ok() && !current->empty()) << household;
    if (!current.ok() || current->empty()) return "";
    const registry::Member& m = current->front().record.members.front();
    return "身份证号,姓名,医疗费用总额（元）,个人自付金额（元）,结算日期\n" + m.id_number + "," +
           m.name + ",100,abc," + cases::ChinaDateOf(h_.workspace().Now()).ToString() + "\n";
  }

  // A region outside the user's scope at the scope's own level; nullopt for province scopes.
  std::optional<std::string> Outside(const TestUser& u) const {
    if (u.scope.size() <= 2) return std::nullopt;
    return h_.out_village.substr(0, u.scope.size());
  }
  // The scope itself, or the region outside it.
  std::optional<std::string> Region(const TestUser& u, Scope scope) const {
    return scope == Scope::kInside ? std::optional<std::string>(u.scope) : Outside(u);
  }

  // Starts an import as the session's user and waits for it; the job id, or 0.
  int64_t ImportAndWait(const Session& s) {
    Call call = ImportCall();
    auto res = h_.Client().Post("/api/v1/imports", ServerHarness::Headers(s), call.multipart);
    if (!res || res->status != 202) return 0;
    const int64_t job = BodyJson(res).value("job_id", int64_t{0});
    WaitForImport(s, job);
    return job;
  }
  void WaitForImport(const Session& s, int64_t job) {
    for (int i = 0; i < 200; ++i) {
      auto res = h_.Client().Get("/api/v1/imports/jobs/" + std::to_string(job),
                                 ServerHarness::Headers(s));
      if (!res || res->status != 200) return;
      const std::string state = BodyJson(res).value("state", "");
      if (state == "done" || state == "failed") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  static Call ImportCall() {
    Call call{"POST", "/api/v1/imports", "", {}};
    call.multipart = {{"households", "household_id\n", "households.csv", "text/csv"},
                      {"members", "id_number\n", "members.csv", "text/csv"}};
    return call;
  }

 private:
  int64_t DepartmentUpload(const std::string& region, const std::string& household) {
    service::DepartmentFile file;
    file.source = "medical_insurance";
    file.file_name = household + ".csv";
    file.content = MedicalCsv(household);
    auto report = service::UploadDepartmentFile(h_.workspace(), "matrix", region, file);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? report->upload.id : 0;
  }
  void OpenCaseWithAttachment(const std::string& village, const std::string& household,
                              int64_t* case_id, int64_t* attachment_id) {
    const access::Principal cadre{"matrix", Role::kVillage, village};
    auto opened = service::AddLead(h_.workspace(), cadre, household, "self_application", "",
                                   "", h_.workspace().Now());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    *case_id = *opened;
    auto attached = service::PutCaseAttachment(h_.workspace(), cadre, *case_id, "form.pdf", "",
                                               "%PDF-1.4 matrix", h_.workspace().Now());
    ASSERT_TRUE(attached.ok()) << attached.status().ToString();
    *attachment_id = attached->id;
  }

  enum class PlanStage { kNone, kDraft, kActive };
  // A monitoring object of `village` (elimination_fixture.h) taken to `stage` by an officer of
  // the village; the plan's id (0 for kNone).
  int64_t AssistPlan(const std::string& id, const std::string& village, PlanStage stage) {
    service::Workspace& ws = h_.workspace();
    auto episode = AddEligibleHousehold(ws, id, village, cases::ChinaDateOf(ws.Now()));
    EXPECT_TRUE(episode.ok()) << id << ": " << episode.status().ToString();
    if (!episode.ok() || stage == PlanStage::kNone) return 0;
    const access::Principal cadre{"matrix", Role::kVillage, village};
    auto plan = service::CreatePlan(ws, cadre, id, "matrix");
    EXPECT_TRUE(plan.ok()) << id << ": " << plan.status().ToString();
    if (!plan.ok()) return 0;
    if (stage == PlanStage::kActive) {
      cases::Measure m;
      m.category = cases::MeasureCategory::kHealth;
      m.item_code = "medical_assistance";
      m.start = CivilDate::FromYmd(2026, 1, 1);
      EXPECT_TRUE(service::RecordPlanMeasure(ws, cadre, plan->plan.id, m).ok()) << id;
      EXPECT_TRUE(service::ActivatePlan(ws, cadre, plan->plan.id).ok()) << id;
    }
    return plan->plan.id;
  }
  // A sample of `county` for `year` drawn by the province; its id.
  int64_t SampleOf(const std::string& county, int year) {
    service::DrawRequest request;
    request.county = county;
    request.year = year;
    auto file = service::DrawSample(h_.workspace(), {"matrix", Role::kProvince, "63"}, request);
    EXPECT_TRUE(file.ok()) << county << " " << year << ": " << file.status().ToString();
    return file.ok() ? file->draw.id : 0;
  }
  template <typename T>
  static T Pop(std::vector<T>& pool, T fallback) {
    if (pool.empty()) {
      ADD_FAILURE() << "the matrix's pool of plans is used up";
      return fallback;
    }
    T next = pool.back();
    pool.pop_back();
    return next;
  }

  ServerHarness h_;
  std::string toml_;
  std::string hash_;
  int counter_ = 0;
  int64_t case_in_ = 0, case_out_ = 0, attachment_in_ = 0, attachment_out_ = 0;
  int64_t upload_in_ = 0, upload_out_ = 0;
  std::vector<std::string> eligible_;
  int64_t plan_in_ = 0, plan_out_ = 0;
  std::vector<std::string> planless_;
  std::vector<int64_t> drafts_, actives_;
  int64_t sample_in_ = 0, sample_out_ = 0;
  std::vector<int64_t> closable_;
};

Call Get(const std::string& path) { return {"GET", path, "", {}}; }
Call Post(const std::string& path, const nlohmann::json& body) {
  return {"POST", path, body.dump(), {}};
}
Call Put(const std::string& path, const nlohmann::json& body) {
  return {"PUT", path, body.dump(), {}};
}
std::optional<Call> Inside(Scope scope, Call call) {
  if (scope == Scope::kOutside) return std::nullopt;
  return call;
}

// GET path?param=<scope or outside region>.
Builder ByRegion(const std::string& path, const std::string& param) {
  return [path, param](Matrix& m, const TestUser& u, const Session*, Scope scope)
             -> std::optional<Call> {
    auto region = m.Region(u, scope);
    if (!region) return std::nullopt;
    return Get(path + "?" + param + "=" + *region);
  };
}
// GET path with the household of village A, or D outside.
Builder ByHousehold(const std::string& suffix) {
  return [suffix](Matrix& m, const TestUser& u, const Session*, Scope scope)
             -> std::optional<Call> {
    if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
    ServerHarness& h = m.harness();
    return Get("/api/v1/households/" +
               (scope == Scope::kInside ? h.in_household : h.out_household) + suffix);
  };
}
// GET /api/v1/uploads/<id><suffix> of the upload made for village A, or for D outside.
Builder ByUpload(const std::string& suffix) {
  return [suffix](Matrix& m, const TestUser& u, const Session*, Scope scope)
             -> std::optional<Call> {
    if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
    return Get("/api/v1/uploads/" + std::to_string(m.upload_id(scope)) + suffix);
  };
}
// A request about the case of village A, or of village D outside: `make` gets its path
// "/api/v1/cases/<id>".
using CaseCall = std::function<Call(const std::string& case_path, Matrix& m, Scope scope)>;
Builder ByCase(CaseCall make) {
  return [make](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
    if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
    return make("/api/v1/cases/" + std::to_string(m.case_id(scope)), m, scope);
  };
}
Builder Fixed(Call call) {
  return [call](Matrix&, const TestUser&, const Session*, Scope scope) {
    return Inside(scope, call);
  };
}

// The public page's POST as a script would send it: a fresh challenge, the honeypot filled. The
// answer is the 202 of every submission, and nothing is stored, so that the limits of the
// shared server are not used up by the matrix.
Call DroppedApplication(Matrix& m) {
  auto res = m.harness().Client().Get(std::string("/api/v1/public/challenge?village=") +
                                      ServerHarness::kInVillage);
  const nlohmann::json c = BodyJson(res);
  return Post("/api/v1/public/applications",
              {{"challenge", c.value("challenge", "")}, {"nonce", "0"},
               {"village", ServerHarness::kInVillage}, {"name", "matrix"},
               {"phone", "13900000000"}, {"relation", "self"}, {"text", "matrix"},
               {"website", "http://spam.example/"}});
}
// An unmatched application of `village`, stored directly; its id.
int64_t StoredApplication(Matrix& m, const std::string& village) {
  cases::Application a;
  a.reference = "MTRX-" + std::to_string(m.next());
  a.village_code = village;
  a.received_at = "2026-11-29T00:00:00Z";
  a.applicant_name = "matrix";
  a.phone = "13900000000";
  a.text = "matrix";
  a.status = cases::ApplicationStatus::kUnmatched;
  auto id = m.harness().database().PutApplication(a);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

const std::vector<Row>& Rows() {
  static const auto* rows = new std::vector<Row>{
      // --- the server's own routes
      {"GET", "/healthz", "public", Fixed(Get("/healthz"))},
      {"GET", "/metrics", "public", Fixed(Get("/metrics"))},
      {"GET", "/api/v1/openapi.yaml", "public", Fixed(Get("/api/v1/openapi.yaml"))},
      {"POST", "/api/v1/login", "public",
       [](Matrix&, const TestUser& u, const Session*, Scope scope) {
         return Inside(scope, Post("/api/v1/login",
                                   {{"username", u.username}, {"password", u.password}}));
       }},
      {"POST", "/api/v1/logout", "session", Fixed(Post("/api/v1/logout", nullptr))},
      {"GET", "/api/v1/me", "session", Fixed(Get("/api/v1/me"))},
      {"POST", "/api/v1/me/password", "session",
       [](Matrix&, const TestUser& u, const Session*, Scope scope) {
         return Inside(scope, Post("/api/v1/me/password", {{"old_password", u.password},
                                                           {"new_password", u.password}}));
       }},
      {"GET", "/api/v1/users", "user.admin", Fixed(Get("/api/v1/users"))},
      {"POST", "/api/v1/users", "user.admin",
       [](Matrix& m, const TestUser&, const Session*, Scope scope) {
         return Inside(scope, Post("/api/v1/users",
                                   {{"username", "added" + std::to_string(m.next())},
                                    {"password", "added-password"},
                                    {"role", "village"},
                                    {"scope", ServerHarness::kInVillage}}));
       }},
      {"POST", "/api/v1/users/:name/password", "user.admin",
       Fixed(Post("/api/v1/users/target/password", {{"password", "target-password"}}))},
      {"POST", "/api/v1/users/:name/disabled", "user.admin",
       Fixed(Post("/api/v1/users/target/disabled", {{"disabled", false}}))},
      {"GET", "/api/v1/audit", "audit.read", Fixed(Get("/api/v1/audit"))},
      {"GET", "/api/v1/audit/verify", "audit.read", Fixed(Get("/api/v1/audit/verify"))},
      // --- the data routes (api_data.h)
      {"GET", "/api/v1/regions", "session", ByRegion("/api/v1/regions", "parent")},
      {"GET", "/api/v1/dashboard", "dashboard.read", ByRegion("/api/v1/dashboard", "region")},
      {"GET", "/api/v1/households", "household.list",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         return Get("/api/v1/households?village=" +
                    (scope == Scope::kInside ? std::string(ServerHarness::kInVillage)
                                             : m.harness().out_village));
       }},
      {"GET", "/api/v1/households/export", "export",
       ByRegion("/api/v1/households/export", "region")},
      {"GET", "/api/v1/households/:id", "household.read", ByHousehold("")},
      {"GET", "/api/v1/households/:id/history", "household.read", ByHousehold("/history")},
      {"GET", "/api/v1/households/:id/explanation", "household.read",
       ByHousehold("/explanation")},
      {"GET", "/api/v1/warnings", "warning.list", ByRegion("/api/v1/warnings", "region")},
      {"GET", "/api/v1/runs", "run.list", Fixed(Get("/api/v1/runs"))},
      {"POST", "/api/v1/runs", "screening.run",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         // Village A's county (which has a standard of its own), or the county of village D.
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         const std::string county = scope == Scope::kInside
                                        ? std::string(ServerHarness::kInVillage).substr(0, 6)
                                        : m.harness().out_village.substr(0, 6);
         return Post("/api/v1/runs", {{"province", "63"}, {"county", county}, {"year", 2024}});
       }},
      {"GET", "/api/v1/standards", "standard.read", Fixed(Get("/api/v1/standards"))},
      {"GET", "/api/v1/standards/:hash", "standard.read",
       [](Matrix& m, const TestUser&, const Session*, Scope scope) {
         return Inside(scope, Get("/api/v1/standards/" + m.hash()));
       }},
      {"POST", "/api/v1/standards/check", "standard.whatif",
       [](Matrix& m, const TestUser&, const Session*, Scope scope) {
         return Inside(scope, Post("/api/v1/standards/check", {{"toml", m.toml()}}));
       }},
      {"POST", "/api/v1/whatif", "standard.whatif",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         auto region = m.Region(u, scope);
         if (!region) return std::nullopt;
         return Post("/api/v1/whatif", {{"toml", m.toml()}, {"region", *region}});
       }},
      {"POST", "/api/v1/standards", "standard.load",
       [](Matrix& m, const TestUser&, const Session*, Scope scope) {
         return Inside(scope, Post("/api/v1/standards", {{"toml", m.toml()}}));
       }},
      {"POST", "/api/v1/imports", "registry.import",
       [](Matrix&, const TestUser&, const Session*, Scope scope) {
         return Inside(scope, Matrix::ImportCall());
       }},
      {"GET", "/api/v1/imports/jobs/:id", "registry.import",
       [](Matrix& m, const TestUser& u, const Session* s, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside) return std::nullopt;
         // Only a job's own user sees it: start one as this user when the role may.
         int64_t job = 1;
         if (s != nullptr && Allowed().at("registry.import").count(u.role) > 0) {
           job = m.ImportAndWait(*s);
         }
         return Get("/api/v1/imports/jobs/" + std::to_string(job));
       }},
      {"GET", "/api/v1/imports", "import.read", Fixed(Get("/api/v1/imports"))},
      {"GET", "/api/v1/imports/:batch/quarantine", "import.read",
       Fixed(Get("/api/v1/imports/1/quarantine"))},
      // --- public notices (decision 0005)
      {"GET", "/api/v1/notices/:village", "case.read",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         return Get("/api/v1/notices/" + (scope == Scope::kInside
                                              ? std::string(ServerHarness::kInVillage)
                                              : m.harness().out_village));
       }},
      // --- the cases (api_cases.cc, decision 0005)
      {"GET", "/api/v1/cases", "case.read", ByRegion("/api/v1/cases", "region")},
      {"GET", "/api/v1/cases/timeliness", "case.read",
       ByRegion("/api/v1/cases/timeliness", "region")},
      {"GET", "/api/v1/cases/:id", "case.read",
       ByCase([](const std::string& path, Matrix&, Scope) { return Get(path); })},
      {"POST", "/api/v1/cases/:id/events", "case.act",
       ByCase([](const std::string& path, Matrix&, Scope) {
         return Post(path + "/events", {{"event", "comment"}, {"comment", "matrix"}});
       })},
      {"POST", "/api/v1/cases/:id/attachments", "case.act",
       ByCase([](const std::string& path, Matrix&, Scope) {
         Call call{"POST", path + "/attachments", "", {}};
         call.multipart = {{"file", "%PDF-1.4 matrix", "form.pdf", "application/pdf"}};
         return call;
       })},
      {"GET", "/api/v1/cases/:id/attachments/:aid", "case.read",
       ByCase([](const std::string& path, Matrix& m, Scope scope) {
         return Get(path + "/attachments/" + std::to_string(m.attachment_id(scope)));
       })},
      {"POST", "/api/v1/leads", "case.act",
       [](Matrix& m, const TestUser& u, const Session* s, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         std::string household = m.harness().out_household;
         if (scope == Scope::kInside) {
           // Village and township officers may join a lead to the open case of village A's
           // household; the county and departments may only open one, so they get a household
           // without a case. The others are refused before the household matters.
           const bool opens = s != nullptr && (u.role == Role::kCounty ||
                                               u.role == Role::kDepartment);
           household = opens ? m.HouseholdWithoutCase(u.scope) : m.harness().in_household;
         }
         return Post("/api/v1/leads", {{"household_id", household},
                                       {"channel", "self_application"},
                                       {"note", "matrix"}});
       }},
      {"GET", "/api/v1/deadlines", "case.read", ByRegion("/api/v1/deadlines", "region")},
      {"GET", "/api/v1/workflow/limits/:province", "case.read",
       [](Matrix&, const TestUser&, const Session*, Scope scope) {
         // Every user's scope is in province 63; 62 is outside them all.
         return Get(std::string("/api/v1/workflow/limits/") +
                    (scope == Scope::kInside ? "63" : "62"));
       }},
      {"PUT", "/api/v1/workflow/limits/:province", "workflow.limits",
       [](Matrix&, const TestUser&, const Session*, Scope scope) {
         return Put(std::string("/api/v1/workflow/limits/") +
                        (scope == Scope::kInside ? "63" : "62"),
                    {{"overall_days", 15}});
       }},
      // --- risk elimination (api_elimination.cc, DOMAIN.md §8)
      {"GET", "/api/v1/elimination/candidates", "case.read",
       ByRegion("/api/v1/elimination/candidates", "region")},
      {"POST", "/api/v1/elimination/proposals", "elimination.propose",
       [](Matrix& m, const TestUser& u, const Session* s, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         std::string household = m.harness().out_household;
         if (scope == Scope::kInside) {
           // A township or county officer proposes an eligible household of its own; the
           // others are refused before the household matters.
           const bool proposes =
               s != nullptr && Allowed().at("elimination.propose").count(u.role) > 0;
           household = proposes ? m.NextEligible() : m.harness().in_household;
         }
         return Post("/api/v1/elimination/proposals", {{"household_id", household}});
       }},
      {"GET", "/api/v1/households/:id/measures", "case.read", ByHousehold("/measures")},
      {"POST", "/api/v1/households/:id/measures", "measure.record",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         ServerHarness& h = m.harness();
         return Post("/api/v1/households/" +
                         (scope == Scope::kInside ? h.in_household : h.out_household) +
                         "/measures",
                     {{"category", "industry"}, {"item", "matrix"}, {"start", "2026-01-01"}});
       }},
      {"GET", "/api/v1/elimination/quality", "case.read",
       ByRegion("/api/v1/elimination/quality", "region")},
      // --- the public application page and the inbox (api_public.cc, decision 0005)
      {"GET", "/api/v1/public/villages/:code", "public",
       Fixed(Get(std::string("/api/v1/public/villages/") + ServerHarness::kInVillage))},
      {"GET", "/api/v1/public/challenge", "public",
       Fixed(Get(std::string("/api/v1/public/challenge?village=") + ServerHarness::kInVillage))},
      {"POST", "/api/v1/public/applications", "public",
       [](Matrix& m, const TestUser&, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside) return std::nullopt;
         return DroppedApplication(m);
       }},
      {"GET", "/api/v1/applications", "case.read", ByRegion("/api/v1/applications", "region")},
      // --- department sources (decision 0006)
      {"GET", "/api/v1/sources", "source.read", Fixed(Get("/api/v1/sources"))},
      {"GET", "/api/v1/sources/:name", "source.read",
       Fixed(Get("/api/v1/sources/medical_insurance"))},
      {"GET", "/api/v1/sources/:name/uploads", "source.read",
       Fixed(Get("/api/v1/sources/medical_insurance/uploads"))},
      {"POST", "/api/v1/sources/:name/uploads", "source.upload",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         // For the uploader's own scope: no request names another region. The same file again
         // is the first upload's report (200).
         if (scope == Scope::kOutside) return std::nullopt;
         Call call{"POST", "/api/v1/sources/medical_insurance/uploads", "", {}};
         call.multipart = {
             {"file", m.MedicalCsv(m.harness().in_household), u.username + ".csv", "text/csv"}};
         return call;
       }},
      {"GET", "/api/v1/uploads/:id", "source.read", ByUpload("")},
      {"GET", "/api/v1/uploads/:id/quarantine", "source.read", ByUpload("/quarantine")},
      {"GET", "/api/v1/uploads/:id/unmatched", "source.read", ByUpload("/unmatched")},
      {"GET", "/api/v1/uploads/:id/file", "import.read", ByUpload("/file")},
      {"GET", "/api/v1/quality/sources", "quality.read", Fixed(Get("/api/v1/quality/sources"))},
      {"GET", "/api/v1/quality/sources.xlsx", "quality.read",
       Fixed(Get("/api/v1/quality/sources.xlsx"))},
      // --- cross-check findings (api_findings.cc, decision 0006)
      {"GET", "/api/v1/checks", "finding.read", Fixed(Get("/api/v1/checks"))},
      {"GET", "/api/v1/findings", "finding.read", ByRegion("/api/v1/findings", "region")},
      {"POST", "/api/v1/findings/:id/resolve", "finding.resolve",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         return Post("/api/v1/findings/" + std::to_string(m.NewFinding(scope)) + "/resolve",
                     {{"state", "corrected"}, {"note", "matrix"}});
       }},
      {"POST", "/api/v1/findings/:id/justify", "plan.justify",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         return Post("/api/v1/findings/" + std::to_string(m.NewFinding(scope, "C01")) + "/justify",
                     {{"note", "matrix"}});
       }},
      {"POST", "/api/v1/checks/run", "check.run",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         auto region = m.Region(u, scope);
         if (!region) return std::nullopt;
         return Post("/api/v1/checks/run", {{"region", *region}});
       }},
      {"POST", "/api/v1/applications/:id/link", "case.act",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         // Village A's household has an open case: the applicant's lead joins it, whoever links.
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         ServerHarness& h = m.harness();
         const bool inside = scope == Scope::kInside;
         const int64_t id =
             StoredApplication(m, inside ? std::string(ServerHarness::kInVillage) : h.out_village);
         return Post("/api/v1/applications/" + std::to_string(id) + "/link",
                     {{"household_id", inside ? h.in_household : h.out_household}});
       }},
      {"POST", "/api/v1/applications/:id/close", "case.act",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         const std::string village = scope == Scope::kInside
                                         ? std::string(ServerHarness::kInVillage)
                                         : m.harness().out_village;
         return Post("/api/v1/applications/" + std::to_string(StoredApplication(m, village)) +
                         "/close",
                     {{"reason", "matrix"}});
       }},
      // --- analytics (api_analytics.cc, decision 0008): aggregates only
      {"GET", "/api/v1/analytics/poverty", "dashboard.read",
       ByRegion("/api/v1/analytics/poverty", "region")},
      {"GET", "/api/v1/analytics/overview", "dashboard.read",
       ByRegion("/api/v1/analytics/overview", "region")},
      {"GET", "/api/v1/assessment/scorecards", "assessment.read",
       ByRegion("/api/v1/assessment/scorecards", "region")},
      // The settings of the users' province, or of another one outside.
      {"GET", "/api/v1/assessment/config", "assessment.read",
       [](Matrix&, const TestUser&, const Session*, Scope scope) -> std::optional<Call> {
         return Get(std::string("/api/v1/assessment/config?province=") +
                    (scope == Scope::kInside ? "63" : "64"));
       }},
      {"PUT", "/api/v1/assessment/config", "assessment.config",
       [](Matrix&, const TestUser&, const Session*, Scope scope) -> std::optional<Call> {
         return Put("/api/v1/assessment/config",
                    {{"province", scope == Scope::kInside ? "63" : "64"},
                     {"toml", std::string(analytics::BuiltinAssessmentText())}});
       }},
      // --- assistance (api_assist.cc, decision 0008)
      {"POST", "/api/v1/households/:id/plan", "plan.write",
       [](Matrix& m, const TestUser& u, const Session* s, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         // A writer inside creates the plan of a monitoring object without one; the others are
         // refused before the household matters.
         std::string household = m.plan_household(Scope::kOutside);
         if (scope == Scope::kInside) {
           const bool writes = s != nullptr && Allowed().at("plan.write").count(u.role) > 0;
           household = writes ? m.NextPlanless() : m.plan_household(Scope::kInside);
         }
         return Post("/api/v1/households/" + household + "/plan", {{"note", "matrix"}});
       }},
      {"GET", "/api/v1/households/:id/plan", "case.read",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         return Get("/api/v1/households/" + m.plan_household(scope) + "/plan");
       }},
      {"GET", "/api/v1/plans", "case.read", ByRegion("/api/v1/plans", "region")},
      {"GET", "/api/v1/plans/:id", "case.read",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         return Get("/api/v1/plans/" + std::to_string(m.plan_id(scope)));
       }},
      {"POST", "/api/v1/plans/:id/measures", "plan.write",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         return Post("/api/v1/plans/" + std::to_string(m.plan_id(scope)) + "/measures",
                     {{"category", "health"}, {"item_code", "medical_assistance"},
                      {"start", "2026-01-01"}});
       }},
      {"POST", "/api/v1/plans/:id/activate", "plan.write",
       [](Matrix& m, const TestUser& u, const Session* s, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         int64_t plan = m.plan_id(scope);
         if (scope == Scope::kInside && s != nullptr &&
             Allowed().at("plan.write").count(u.role) > 0) {
           plan = m.NextDraft();
         }
         return Post("/api/v1/plans/" + std::to_string(plan) + "/activate", nullptr);
       }},
      {"POST", "/api/v1/plans/:id/complete", "plan.write",
       [](Matrix& m, const TestUser& u, const Session* s, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         int64_t plan = m.plan_id(scope);
         if (scope == Scope::kInside && s != nullptr &&
             Allowed().at("plan.write").count(u.role) > 0) {
           plan = m.NextActive();
         }
         return Post("/api/v1/plans/" + std::to_string(plan) + "/complete", nullptr);
       }},
      {"GET", "/api/v1/households/:id/responsible", "case.read", ByHousehold("/responsible")},
      {"PUT", "/api/v1/households/:id/responsible", "plan.write",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         ServerHarness& h = m.harness();
         // Each assignment starts a day after the one before.
         const std::string from =
             CivilDate::FromDays(CivilDate::FromYmd(2026, 1, 1).ToDays() + m.next()).ToString();
         return Put("/api/v1/households/" +
                        (scope == Scope::kInside ? h.in_household : h.out_household) +
                        "/responsible",
                    {{"name", "matrix"}, {"unit", "matrix"}, {"phone", "13800000000"},
                     {"from", from}});
       }},
      {"GET", "/api/v1/households/:id/visits", "case.read", ByHousehold("/visits")},
      {"POST", "/api/v1/households/:id/visits", "plan.write",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         ServerHarness& h = m.harness();
         return Post("/api/v1/households/" +
                         (scope == Scope::kInside ? h.in_household : h.out_household) + "/visits",
                     {{"visited_on", "2026-01-01"}, {"visitor", "matrix"}, {"found", "matrix"}});
       }},
      {"GET", "/api/v1/visits", "case.read", ByRegion("/api/v1/visits", "region")},
      {"GET", "/api/v1/responsibility", "case.read", ByRegion("/api/v1/responsibility", "region")},
      {"GET", "/api/v1/measure-catalog", "case.read", Fixed(Get("/api/v1/measure-catalog"))},
      {"PUT", "/api/v1/measure-catalog", "measure.catalog",
       Fixed(Put("/api/v1/measure-catalog",
                 {{"toml", std::string(assist::BuiltinMeasureCatalogText())}}))},
      // --- the verification sample (api_sample.cc, decision 0008)
      {"POST", "/api/v1/samples", "sample.draw",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         // Last year's sample of the scope's county (a redraw, so that each cell draws), or of
         // village D's county outside.
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         const std::string county = scope == Scope::kInside
                                        ? std::string(ServerHarness::kInVillage).substr(0, 6)
                                        : m.harness().out_village.substr(0, 6);
         const int year = cases::ChinaDateOf(m.harness().workspace().Now()).year() - 1;
         return Post("/api/v1/samples", {{"county", county}, {"year", year}, {"redraw", true}});
       }},
      {"GET", "/api/v1/samples", "assessment.read", ByRegion("/api/v1/samples", "region")},
      {"GET", "/api/v1/samples/:id", "assessment.read",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         return Get("/api/v1/samples/" + std::to_string(m.sample_id(scope)));
       }},
      {"PUT", "/api/v1/samples/:id/units/:household", "sample.record",
       [](Matrix& m, const TestUser& u, const Session*, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         const std::string today = cases::ChinaDateOf(m.harness().workspace().Now()).ToString();
         return Put("/api/v1/samples/" + std::to_string(m.sample_id(scope)) + "/units/" +
                        m.SampleHousehold(scope),
                    {{"satisfied", true}, {"visited_on", today}, {"visitor", "matrix"}});
       }},
      {"POST", "/api/v1/samples/:id/close", "sample.draw",
       [](Matrix& m, const TestUser& u, const Session* s, Scope scope) -> std::optional<Call> {
         if (scope == Scope::kOutside && !m.Outside(u)) return std::nullopt;
         int64_t id = m.sample_id(scope);
         if (scope == Scope::kInside && s != nullptr &&
             Allowed().at("sample.draw").count(u.role) > 0) {
           id = m.NextClosable();
         }
         return Post("/api/v1/samples/" + std::to_string(id) + "/close", nullptr);
       }},
  };
  return *rows;
}

Matrix* g_matrix = nullptr;

class AuthorizationMatrixTest : public ::testing::TestWithParam<Row> {
 protected:
  static void SetUpTestSuite() { g_matrix = new Matrix(); }
  static void TearDownTestSuite() {
    delete g_matrix;
    g_matrix = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(g_matrix->harness().ok()); }

  static httplib::Result Send(const Call& call, const Session* session) {
    ServerHarness& h = g_matrix->harness();
    httplib::Headers headers;
    if (session != nullptr) headers = ServerHarness::Headers(*session);
    if (call.method == "GET") return h.Client().Get(call.path, headers);
    if (call.method == "PUT") {
      return h.Client().Put(call.path, headers, call.body, "application/json");
    }
    if (!call.multipart.empty()) return h.Client().Post(call.path, headers, call.multipart);
    return h.Client().Post(call.path, headers, call.body, "application/json");
  }
};

TEST_P(AuthorizationMatrixTest, StatusFollowsTheRolesTable) {
  const Row& row = GetParam();
  const std::set<Role>& allowed = Allowed().at(row.op);
  const bool is_public = std::string(row.op) == "public";
  ServerHarness& h = g_matrix->harness();

  // Without a session.
  {
    auto call = row.build(*g_matrix, h.User(Role::kProvince), nullptr, Scope::kInside);
    ASSERT_TRUE(call.has_value());
    auto res = Send(*call, nullptr);
    ASSERT_TRUE(res) << call->path;
    if (is_public) {
      EXPECT_EQ(res->status / 100, 2) << call->path << " " << res->body;
    } else {
      EXPECT_EQ(res->status, 401) << call->path << " " << res->body;
    }
  }
  for (const TestUser& user : h.users()) {
    for (Scope scope : {Scope::kInside, Scope::kOutside}) {
      Session session = h.Login(user);
      auto call = row.build(*g_matrix, user, &session, scope);
      if (!call) continue;
      auto res = Send(*call, &session);
      ASSERT_TRUE(res) << call->path;
      const bool may = allowed.count(user.role) > 0;
      const char* where = scope == Scope::kInside ? "inside" : "outside";
      if (may && scope == Scope::kInside) {
        EXPECT_EQ(res->status / 100, 2) << user.username << " " << where << " " << call->method
                                        << " " << call->path << ": " << res->body;
      } else {
        EXPECT_EQ(res->status, 403) << user.username << " " << where << " " << call->method
                                    << " " << call->path << ": " << res->body;
        EXPECT_EQ(ErrorCode(res), "PERMISSION_DENIED") << user.username << " " << call->path;
      }
      // An import started by an allowed cell must finish before the next may start.
      if (row.pattern == std::string("/api/v1/imports") && res->status == 202) {
        g_matrix->WaitForImport(session, BodyJson(res).value("job_id", int64_t{0}));
      }
    }
  }
}

std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  std::string name = std::string(info.param.method) + info.param.pattern;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Routes, AuthorizationMatrixTest, ::testing::ValuesIn(Rows()), RowName);

// Hostile text (issue 8, security tests): every route that takes a JSON body gets its valid
// body of the matrix once per string in it, that string replaced by text an attacker would send
// — SQL that closes a quote, markup, a path out of a directory, format directives, a NUL, text of
// a hundred thousand characters. Each answer must be a 2xx (the text stored as text) or a 4xx in
// the error shape, never a 5xx; where a 2xx echoes the field, the echo is the text sent, byte
// for byte. Afterwards the registry has every household it had and the audit chain
// verifies (TearDownTestSuite). Runs on every backend (XJ_TEST_STORE, tests/server/CMakeLists.txt).
const std::vector<std::string>& HostileTexts() {
  static const auto* texts = new std::vector<std::string>{
      "'; DROP TABLE household; --",
      "x' OR '1'='1",
      "\" OR 1=1; SELECT pg_sleep(10); --",
      "<script>alert(document.cookie)</script>",
      "../../../../etc/passwd",
      "%s%s%n%x ?1 $1 \\N \\x00",
      std::string("before\0after", 12),
      "\t\r\n\x01\x7f",
      "户主'); DELETE FROM audit_log; --",
      std::string(100'000, 'A'),
  };
  return *texts;
}

// The JSON pointers of the strings in `body`.
void StringLeaves(const nlohmann::json& body, const nlohmann::json::json_pointer& at,
                  std::vector<nlohmann::json::json_pointer>& out) {
  if (body.is_string()) {
    out.push_back(at);
  } else if (body.is_object()) {
    for (const auto& [key, value] : body.items()) StringLeaves(value, at / key, out);
  } else if (body.is_array()) {
    for (size_t i = 0; i < body.size(); ++i) StringLeaves(body[i], at / i, out);
  }
}

class InjectionTest : public ::testing::TestWithParam<Row> {
 protected:
  static void SetUpTestSuite() {
    g_matrix = new Matrix();
    households_ = g_matrix->harness().database().Counts()->households;
  }
  // After every route has had its hostile body: the registry has every household it had, the
  // audit chain verifies, and the server answers.
  static void TearDownTestSuite() {
    ServerHarness& h = g_matrix->harness();
    auto counts = h.database().Counts();
    EXPECT_TRUE(counts.ok()) << counts.status().ToString();
    if (counts.ok()) {
      EXPECT_EQ(counts->households, households_);
    }
    auto chain = access::VerifyAuditChain(h.database());
    EXPECT_TRUE(chain.ok()) << chain.status().ToString();
    if (chain.ok()) {
      EXPECT_EQ(chain->first_bad_seq, 0) << chain->reason;
      EXPECT_GT(chain->entries, 0);
    }
    auto health = h.Client().Get("/healthz");
    EXPECT_TRUE(health && health->status == 200);
    std::printf("hostile and odd bodies: %d taken, %d refused (4xx), %d echoes checked\n", stored_,
                refused_, echoes_);
    delete g_matrix;
    g_matrix = nullptr;
  }
  // The route's valid call by the first user whose role may make it, inside their scope, and
  // its body; file uploads are skipped (the upload tests have them).
  void SetUp() override {
    const Row& row = GetParam();
    ServerHarness& h = g_matrix->harness();
    const std::set<Role>& allowed = Allowed().at(row.op);
    for (const TestUser& user : h.users()) {
      if (allowed.count(user.role) > 0) {
        session_ = h.Login(user);
        call_ = row.build(*g_matrix, user, &session_, Scope::kInside);
        break;
      }
    }
    ASSERT_TRUE(call_.has_value()) << row.pattern;
    if (!call_->multipart.empty()) GTEST_SKIP() << "a file upload: see the upload tests";
    valid_ = nlohmann::json::parse(call_->body, nullptr, false);
  }
  // Sends `body` to the route in place of the valid one.
  httplib::Result Send(const std::string& body) {
    httplib::Headers headers = ServerHarness::Headers(session_);
    httplib::Client client = g_matrix->harness().Client();
    return call_->method == "PUT" ? client.Put(call_->path, headers, body, "application/json")
                                  : client.Post(call_->path, headers, body, "application/json");
  }
  Session session_;
  std::optional<Call> call_;
  nlohmann::json valid_;
  static int64_t households_;
  static int stored_, refused_, echoes_;
};
int64_t InjectionTest::households_ = 0;
int InjectionTest::stored_ = 0, InjectionTest::refused_ = 0, InjectionTest::echoes_ = 0;

TEST_P(InjectionTest, HostileTextIsRefusedOrStoredAsTextNeverAnError) {
  const nlohmann::json& valid = valid_;
  std::vector<nlohmann::json::json_pointer> leaves;
  StringLeaves(valid, nlohmann::json::json_pointer(), leaves);
  static size_t next = 0;
  // One request per string of the body, that string hostile and the others as they were, so
  // that free text reaches the store past the checks of codes and dates.
  for (const auto& leaf : leaves) {
    const std::string& text = HostileTexts()[next++ % HostileTexts().size()];
    nlohmann::json body = valid;
    body[leaf] = text;
    httplib::Result res = Send(body.dump());
    ASSERT_TRUE(res) << call_->path;
    const std::string shown = text.size() > 60 ? text.substr(0, 60) + "..." : text;
    EXPECT_LT(res->status, 500) << call_->method << " " << call_->path << " with " << leaf << " = '"
                                << shown << "': " << res->body.substr(0, 500);
    const nlohmann::json answer = BodyJson(res);
    if (res->status >= 400) {
      ++refused_;
      EXPECT_FALSE(ErrorCode(res).empty()) << call_->path << ": " << res->body.substr(0, 300);
      continue;
    }
    ++stored_;
    const std::string key = leaf.back();
    if (leaf.parent_pointer().empty() && answer.is_object() && answer.contains(key) &&
        answer[key].is_string()) {
      ++echoes_;
      EXPECT_EQ(answer[key].get<std::string>(), text)
          << call_->path << " stored field " << key << " as something else than was sent";
    }
  }
}

// Values of other kinds and sizes than a field expects.
const std::vector<nlohmann::json>& OddValues() {
  static const auto* values = new std::vector<nlohmann::json>{
      nullptr,
      true,
      0,
      -1,
      std::numeric_limits<int64_t>::max(),
      std::numeric_limits<int64_t>::min(),
      std::numeric_limits<uint64_t>::max(),
      1.5,
      1e308,
      "",
      "x",
      nlohmann::json::array(),
      nlohmann::json::object(),
      nlohmann::json::array({1, "a", nullptr}),
      nlohmann::json{{"a", 1}},
  };
  return *values;
}

// Bodies that are not the JSON object a route expects.
const std::vector<std::string>& OddBodies() {
  static const auto* bodies = new std::vector<std::string>{
      "",
      "null",
      "[]",
      "\"text\"",
      "123",
      "{",
      "{\"a\":",
      "{\"a\":1,}",
      "{\"\xff\xfe\":1}",
      "\xef\xbb\xbf{}",
      std::string(50'000, '[') + std::string(50'000, ']'),
  };
  return *bodies;
}

// The JSON pointers of every value in `body` but the body itself.
void AllNodes(const nlohmann::json& body, const nlohmann::json::json_pointer& at,
              std::vector<nlohmann::json::json_pointer>& out) {
  if (!at.empty()) out.push_back(at);
  if (body.is_object()) {
    for (const auto& [key, value] : body.items()) AllNodes(value, at / key, out);
  } else if (body.is_array()) {
    for (size_t i = 0; i < body.size(); ++i) AllNodes(body[i], at / i, out);
  }
}

// The shapes a route does not expect: each value of its body in turn of another kind or size,
// each field left out, a field it does not know, and bodies that are not an object or not JSON.
// Each must be refused with a 4xx in the error shape, or taken; never a 5xx.
TEST_P(InjectionTest, ShapesARouteDoesNotExpectAreRefusedOrTakenNeverAnError) {
  const nlohmann::json& valid = valid_;
  std::vector<std::pair<std::string, std::string>> bodies;  // what was changed, the body
  for (const std::string& odd : OddBodies()) {
    bodies.emplace_back("the body '" + odd.substr(0, 12) + "'", odd);
  }
  if (valid.is_object()) {
    nlohmann::json extra = valid;
    extra["field_no_route_knows"] = 1;
    bodies.emplace_back("an unknown field", extra.dump());
  }
  std::vector<nlohmann::json::json_pointer> nodes;
  AllNodes(valid, nlohmann::json::json_pointer(), nodes);
  static size_t next = 0;
  for (const auto& node : nodes) {
    const nlohmann::json& value = OddValues()[next++ % OddValues().size()];
    nlohmann::json changed = valid;
    changed[node] = value;
    bodies.emplace_back(node.to_string() + " = " + value.dump(), changed.dump());
    if (valid[node.parent_pointer()].is_object()) {
      nlohmann::json without = valid;
      without[node.parent_pointer()].erase(node.back());
      bodies.emplace_back("without " + node.to_string(), without.dump());
    }
  }
  for (const auto& [what, body] : bodies) {
    httplib::Result res = Send(body);
    ASSERT_TRUE(res) << call_->path << " with " << what;
    EXPECT_LT(res->status, 500) << call_->method << " " << call_->path << " with " << what << ": "
                                << res->body.substr(0, 500);
    if (res->status >= 400) {
      ++refused_;
      EXPECT_FALSE(ErrorCode(res).empty()) << call_->path << ": " << res->body.substr(0, 300);
    } else {
      ++stored_;
    }
  }
}

std::vector<Row> RowsWithJsonBodies() {
  std::vector<Row> rows;
  for (const Row& r : Rows()) {
    const std::string method = r.method, pattern = r.pattern;
    // Login, passwords (which may be any text) and the public page: their own tests
    // (session_test.cc, admin_test.cc, public_routes_test.cc).
    if (method == "GET" || pattern == "/api/v1/login" || pattern == "/api/v1/logout" ||
        pattern.ends_with("/password") || pattern.starts_with("/api/v1/public/")) {
      continue;
    }
    rows.push_back(r);
  }
  return rows;
}

INSTANTIATE_TEST_SUITE_P(Routes, InjectionTest, ::testing::ValuesIn(RowsWithJsonBodies()), RowName);

TEST(AuthorizationMatrixCoverageTest, EveryRouteHasARowAndEveryRowARoute) {
  ServerHarness h;
  ASSERT_TRUE(h.ok());
  std::set<std::string> installed;
  for (const Route& r : h.server().routes()) installed.insert(r.method + " " + r.pattern);
  std::set<std::string> rows;
  for (const Row& r : Rows()) rows.insert(std::string(r.method) + " " + r.pattern);
  for (const std::string& route : installed) {
    EXPECT_TRUE(rows.count(route) > 0) << route << " has no row in the authorization matrix";
  }
  for (const std::string& row : rows) {
    EXPECT_TRUE(installed.count(row) > 0) << row << " is in the matrix but not installed";
  }
}

TEST(AuthorizationMatrixCoverageTest, PublicRowsAreExactlyThePublicRoutes) {
  ServerHarness h;
  ASSERT_TRUE(h.ok());
  for (const Route& r : h.server().routes()) {
    for (const Row& row : Rows()) {
      if (r.method != row.method || r.pattern != row.pattern) continue;
      EXPECT_EQ(r.access == Access::kPublic, std::string(row.op) == "public") << r.pattern;
    }
  }
}

}  // namespace
}  // namespace xianjie::server::testing
