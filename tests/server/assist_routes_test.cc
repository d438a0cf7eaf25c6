// The assistance routes over a real socket (api_assist.cc; docs/decisions/0008): monitoring
// objects of village A made by the elimination fixture (identified months ago), then a plan
// created, read, given catalogue measures, activated and completed; a responsible person (the
// phone masked above the township), visits and the lead one records, the region's
// responsibility list, the visits of a period, the measures catalogue read and put, the
// household measures' plan_id and item_code; each with its errors.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "assist/catalog.h"
#include "cases/case.h"
#include "server/elimination_fixture.h"
#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;

class AssistRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    if (!harness_->ok()) return;
    service::Workspace& ws = harness_->workspace();
    const CivilDate today = cases::ChinaDateOf(ws.Now());
    setup_ = true;
    for (const char* id : {"P01", "P02", "P03"}) {
      auto episode = AddEligibleHousehold(ws, id, ServerHarness::kInVillage, today);
      EXPECT_TRUE(episode.ok()) << id << ": " << episode.status().ToString();
      setup_ = setup_ && episode.ok();
    }
  }
  static void TearDownTestSuite() {
    sessions_.clear();
    delete harness_;
    harness_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(harness_->ok());
    ASSERT_TRUE(setup_) << "the monitoring objects of the fixture could not be written";
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
  static httplib::Result Put(Role role, const std::string& path, const json& body) {
    return harness_->Client().Put(path, HeadersOf(role), body.dump(), "application/json");
  }
  static std::string Message(const httplib::Result& res) {
    const json body = BodyJson(res);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("message", "");
  }
  static json Ok(const httplib::Result& res, int status, const std::string& what) {
    EXPECT_TRUE(res) << what;
    if (!res) return nullptr;
    EXPECT_EQ(res->status, status) << what << ": " << res->body;
    return BodyJson(res);
  }
  static void ExpectError(const httplib::Result& res, int status, const std::string& code,
                          const std::string& mentions, const std::string& what) {
    ASSERT_TRUE(res) << what;
    EXPECT_EQ(res->status, status) << what << ": " << res->body;
    EXPECT_EQ(ErrorCode(res), code) << what;
    EXPECT_NE(Message(res).find(mentions), std::string::npos)
        << what << ": the message should mention '" << mentions << "': " << Message(res);
  }
  static std::multiset<std::string> AuditActions(const std::string& user) {
    std::multiset<std::string> out;
    for (const access::AuditEntry& e :
         harness_->AuditEntries([&](const access::AuditEntry& e) { return e.user == user; })) {
      out.insert(e.action);
    }
    return out;
  }
  // The plan of the household, created by the village cadre when it has none.
  static int64_t PlanOf(const std::string& household) {
    auto res = Get(Role::kVillage, "/api/v1/households/" + household + "/plan");
    if (res && res->status == 200) return BodyJson(res).value("id", int64_t{0});
    res = Post(Role::kVillage, "/api/v1/households/" + household + "/plan", {{"note", "x"}});
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return BodyJson(res).value("id", int64_t{0});
  }
  static json HealthMeasure(const std::string& item_code) {
    return {{"category", "health"}, {"item_code", item_code}, {"start", "2026-01-05"},
            {"status", "in_progress"}, {"risks", {"R01"}}};
  }

  static ServerHarness* harness_;
  static bool setup_;
  static std::map<Role, Session> sessions_;
};
ServerHarness* AssistRoutesTest::harness_ = nullptr;
bool AssistRoutesTest::setup_ = false;
std::map<Role, Session> AssistRoutesTest::sessions_;

TEST_F(AssistRoutesTest, APlanIsCreatedReadAndListed) {
  const json created = Ok(Post(Role::kTownship, "/api/v1/households/P01/plan",
                               {{"note", "先治病后就业"}}),
                          201, "create");
  ASSERT_TRUE(created.is_object());
  EXPECT_EQ(created["state"], "draft");
  EXPECT_EQ(created["household_id"], "P01");
  EXPECT_EQ(created["note"], "先治病后就业");
  EXPECT_EQ(created["episode"]["risks"], json({"R01", "R07"}));
  EXPECT_EQ(created["measures"], json::array());
  EXPECT_EQ(created["responsible"], nullptr);
  // Illness (R01) and no measure yet: coordination check C02 is open on the plan.
  bool c02 = false;
  for (const json& c : created["checks"]) {
    if (c["check"] != "C02") continue;
    c02 = true;
    EXPECT_EQ(c["state"], "open");
    EXPECT_FALSE(c["title_zh"].get<std::string>().empty());
    EXPECT_FALSE(c["detail"].get<std::string>().empty());
  }
  EXPECT_TRUE(c02) << created["checks"].dump();
  const int64_t id = created["id"];
  const json read = Ok(Get(Role::kCounty, "/api/v1/households/P01/plan"), 200, "read");
  EXPECT_EQ(read["id"], id);
  EXPECT_FALSE(read["village_name"].get<std::string>().empty());
  const json by_id = Ok(Get(Role::kAuditor, "/api/v1/plans/" + std::to_string(id)), 200, "by id");
  EXPECT_EQ(by_id["household_id"], "P01");
  const json list = Ok(Get(Role::kCounty, std::string("/api/v1/plans?region=") +
                                              ServerHarness::kInVillage + "&state=draft&limit=10"),
                       200, "list");
  bool listed = false;
  for (const json& item : list["items"]) listed = listed || item["id"] == id;
  EXPECT_TRUE(listed) << list.dump();
  EXPECT_GE(AuditActions("county").count("plan.read"), 1u);
  EXPECT_GE(AuditActions("county").count("plan.list"), 1u);
}

TEST_F(AssistRoutesTest, CreatingAndReadingPlansIsRefusedWithReasons) {
  PlanOf("P01");
  ExpectError(Post(Role::kVillage, "/api/v1/households/P01/plan", json::object()), 409,
              "FAILED_PRECONDITION", "already has a plan", "second plan");
  ExpectError(Post(Role::kVillage, "/api/v1/households/A01/plan", json::object()), 409,
              "FAILED_PRECONDITION", "not a monitoring object", "no episode");
  ExpectError(Post(Role::kProvince, "/api/v1/households/P02/plan", json::object()), 403,
              "PERMISSION_DENIED", "plan.write", "province");
  ExpectError(Get(Role::kVillage, "/api/v1/households/A01/plan"), 404, "NOT_FOUND",
              "never been a monitoring object", "no plan");
  ExpectError(Get(Role::kVillage, "/api/v1/plans/9999"), 404, "NOT_FOUND", "no plan 9999",
              "unknown plan");
  ExpectError(Get(Role::kVillage, "/api/v1/plans/x"), 400, "INVALID_ARGUMENT", "id", "bad id");
  ExpectError(Get(Role::kCounty, "/api/v1/plans?state=finished"), 400, "INVALID_ARGUMENT",
              "draft, active, complete or closed", "bad state");
  ExpectError(Post(Role::kVillage, "/api/v1/households/P02/plan", json::array()), 400,
              "INVALID_ARGUMENT", "object", "not an object");
}

TEST_F(AssistRoutesTest, APlansMeasuresNameCatalogueItemsAndItsStatesMoveOn) {
  const int64_t id = PlanOf("P02");
  const std::string plan = "/api/v1/plans/" + std::to_string(id);
  ExpectError(Post(Role::kVillage, plan + "/complete", json::object()), 409,
              "FAILED_PRECONDITION", "not active", "complete a draft");
  const json measure = Ok(Post(Role::kVillage, plan + "/measures",
                               HealthMeasure("serious_illness_treatment")),
                          201, "measure");
  const assist::CatalogItem* item =
      assist::BuiltinMeasureCatalog().FindItem("serious_illness_treatment");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(measure["plan_id"], id);
  EXPECT_EQ(measure["item_code"], "serious_illness_treatment");
  EXPECT_EQ(measure["item"], item->name_zh);
  EXPECT_EQ(measure["department"], item->department);
  ExpectError(Post(Role::kVillage, plan + "/measures", HealthMeasure("serious_ilness_treatment")),
              400, "INVALID_ARGUMENT", "did you mean 'serious_illness_treatment'", "typo");
  ExpectError(Post(Role::kVillage, plan + "/measures", HealthMeasure("ecological_ranger")), 400,
              "INVALID_ARGUMENT", "is of category public_post", "category");
  json no_code = HealthMeasure("");
  no_code["item"] = "某措施";
  ExpectError(Post(Role::kVillage, plan + "/measures", no_code), 400, "INVALID_ARGUMENT",
              "item_code is missing", "no code");
  json edit = HealthMeasure("serious_illness_treatment");
  edit["id"] = measure["id"];
  edit["status"] = "done";
  const json edited = Ok(Post(Role::kVillage, plan + "/measures", edit), 200, "edit");
  EXPECT_EQ(edited["status"], "done");
  EXPECT_EQ(edited["id"], measure["id"]);

  const json active = Ok(Post(Role::kTownship, plan + "/activate", json::object()), 200, "activate");
  EXPECT_EQ(active["state"], "active");
  ExpectError(Post(Role::kTownship, plan + "/activate", json::object()), 409,
              "FAILED_PRECONDITION", "not draft", "activate twice");
  const json complete = Ok(Post(Role::kCounty, plan + "/complete", json::object()), 200,
                           "complete");
  EXPECT_EQ(complete["state"], "complete");
  EXPECT_EQ(complete["completed_by"], "county");
  ASSERT_EQ(complete["measures"].size(), 1u);
  EXPECT_EQ(complete["checks"], json::array());  // the health measure answers C02
  ExpectError(Post(Role::kVillage, plan + "/measures", HealthMeasure("medical_assistance")), 409,
              "FAILED_PRECONDITION", "is complete", "measure on a complete plan");
  ExpectError(Post(Role::kAuditor, plan + "/activate", json::object()), 403, "PERMISSION_DENIED",
              "plan.write", "auditor");
}

TEST_F(AssistRoutesTest, TheGateRefusesToCompleteAPlanWithoutMeasures) {
  const int64_t id = PlanOf("P03");
  const std::string plan = "/api/v1/plans/" + std::to_string(id);
  Ok(Post(Role::kVillage, plan + "/activate", json::object()), 200, "activate");
  ExpectError(Post(Role::kVillage, plan + "/complete", json::object()), 409,
              "FAILED_PRECONDITION", "has no measure", "gate");
}

TEST_F(AssistRoutesTest, AHouseholdMeasureCarriesItsPlanAndItemCode) {
  const int64_t id = PlanOf("P01");
  const json stored = Ok(Post(Role::kVillage, "/api/v1/households/P01/measures",
                              HealthMeasure("medical_assistance")),
                         201, "measure");
  EXPECT_EQ(stored["plan_id"], id);
  EXPECT_EQ(stored["item_code"], "medical_assistance");
  EXPECT_FALSE(stored["item"].get<std::string>().empty());
  const json listed = Ok(Get(Role::kCounty, "/api/v1/households/P01/measures"), 200, "list");
  bool found = false;
  for (const json& m : listed["items"]) {
    if (m["id"] == stored["id"]) found = m["plan_id"] == id && m["item_code"] == "medical_assistance";
  }
  EXPECT_TRUE(found) << listed.dump();
  json bad = HealthMeasure("medical_asistance");
  ExpectError(Post(Role::kVillage, "/api/v1/households/P01/measures", bad), 400,
              "INVALID_ARGUMENT", "did you mean 'medical_assistance'", "typo");
  json neither = HealthMeasure("");
  ExpectError(Post(Role::kVillage, "/api/v1/households/P01/measures", neither), 400,
              "INVALID_ARGUMENT", "item", "neither item nor code");
}

TEST_F(AssistRoutesTest, AResponsiblePersonIsAssignedAndItsPhoneMaskedAboveTheTownship) {
  const std::string path = "/api/v1/households/P03/responsible";
  const json first = Ok(Put(Role::kVillage, path,
                            {{"name", "王五"}, {"unit", "驻村工作队"}, {"phone", "13812345678"},
                             {"from", "2026-01-01"}}),
                        200, "assign");
  EXPECT_EQ(first["phone"], "13812345678");
  EXPECT_EQ(first["to"], nullptr);
  const json second = Ok(Put(Role::kCounty, path,
                             {{"name", "李四"}, {"unit", "县农业农村局"}, {"phone", "13900001111"},
                              {"from", "2026-02-01"}}),
                         200, "reassign");
  EXPECT_EQ(second["phone"], "139****1111");
  const json county = Ok(Get(Role::kCounty, path), 200, "read");
  EXPECT_EQ(county["current"]["name"], "李四");
  ASSERT_EQ(county["items"].size(), 2u);
  EXPECT_EQ(county["items"][0]["to"], "2026-01-31");
  EXPECT_EQ(county["items"][0]["phone"], "138****5678");
  const json township = Ok(Get(Role::kTownship, path), 200, "read");
  EXPECT_EQ(township["items"][0]["phone"], "13812345678");
  ExpectError(Put(Role::kVillage, path,
                  {{"name", "赵六"}, {"unit", "u"}, {"phone", "13800000000"},
                   {"from", "2026-02-01"}}),
              400, "INVALID_ARGUMENT", "must start after the current one", "overlap");
  ExpectError(Put(Role::kVillage, path,
                  {{"name", "赵六"}, {"unit", "u"}, {"phone", "call me"}, {"from", "2026-03-01"}}),
              400, "INVALID_ARGUMENT", "phone", "bad phone");
  ExpectError(Put(Role::kVillage, path, {{"name", "赵六"}, {"unit", "u"}, {"phone", "13800000000"},
                                         {"from", "2026-3-1"}}),
              400, "INVALID_ARGUMENT", "from", "bad date");
  ExpectError(Put(Role::kProvince, path, {{"name", "赵六"}, {"unit", "u"},
                                          {"phone", "13800000000"}, {"from", "2026-03-01"}}),
              403, "PERMISSION_DENIED", "plan.write", "province");
  EXPECT_GE(AuditActions("county").count("responsible.read"), 1u);
}

TEST_F(AssistRoutesTest, VisitsAreRecordedWithTheirLeadAndListed) {
  const std::string path = "/api/v1/households/P02/visits";
  const json plain = Ok(Post(Role::kTownship, path,
                             {{"visited_on", "2026-01-10"}, {"visitor", "张三"},
                              {"found", "已住院治疗"}, {"risks_seen", {"R09", "R01"}}}),
                        201, "visit");
  EXPECT_EQ(plain["risks_seen"], json({"R01", "R09"}));
  EXPECT_EQ(plain["lead_id"], 0);
  const json with_lead = Ok(Post(Role::kVillage, path,
                                 {{"visited_on", "2026-01-20"}, {"visitor", "李四"},
                                  {"found", "病情加重"}, {"lead_reason", "serious_illness"}}),
                            201, "visit with lead");
  EXPECT_GT(with_lead["lead_id"].get<int64_t>(), 0);
  const json visits = Ok(Get(Role::kCounty, path), 200, "list");
  ASSERT_GE(visits["items"].size(), 2u);
  EXPECT_EQ(visits["items"][0]["id"], with_lead["id"]);  // newest first
  const json period = Ok(Get(Role::kCounty, std::string("/api/v1/visits?region=") +
                                                ServerHarness::kInVillage +
                                                "&from=2026-01-15&to=2026-01-31"),
                         200, "period");
  ASSERT_EQ(period["total"], 1);
  EXPECT_EQ(period["items"][0]["id"], with_lead["id"]);
  EXPECT_FALSE(period["items"][0]["head_name"].get<std::string>().empty());
  ExpectError(Post(Role::kVillage, path, {{"visited_on", "2099-01-01"}, {"visitor", "x"},
                                          {"found", "x"}}),
              400, "INVALID_ARGUMENT", "after today", "future");
  ExpectError(Post(Role::kVillage, path, {{"visited_on", "2026-01-01"}, {"visitor", "x"},
                                          {"found", "x"}, {"lead_reason", "curiosity"}}),
              400, "INVALID_ARGUMENT", "visit_reason", "bad reason");
  ExpectError(Post(Role::kVillage, path, {{"visited_on", "2026-01-01"}, {"visitor", "x"},
                                          {"found", "x"}, {"risks_seen", "R77"}}),
              400, "INVALID_ARGUMENT", "risks_seen", "bad risk");
  ExpectError(Get(Role::kCounty, "/api/v1/visits?from=2026-02-01&to=2026-01-01"), 400,
              "INVALID_ARGUMENT", "before", "backwards");
  ExpectError(Get(Role::kCounty, "/api/v1/visits?from=yesterday"), 400, "INVALID_ARGUMENT",
              "from", "bad date");
}

TEST_F(AssistRoutesTest, TheResponsibilityListShowsTheVillagesMonitoringObjects) {
  Ok(Put(Role::kVillage, "/api/v1/households/P01/responsible",
         {{"name", "孙七"}, {"unit", "驻村工作队"}, {"phone", "13700001111"},
          {"from", "2026-01-01"}}),
     200, "assign");
  Ok(Post(Role::kVillage, "/api/v1/households/P01/visits",
          {{"visited_on", "2026-01-03"}, {"visitor", "孙七"}, {"found", "正常"}}),
     201, "visit");
  const json page = Ok(Get(Role::kCounty, std::string("/api/v1/responsibility?region=") +
                                              ServerHarness::kInVillage + "&limit=50"),
                       200, "list");
  std::map<std::string, json> by_household;
  for (const json& item : page["items"]) by_household[item["household_id"]] = item;
  ASSERT_TRUE(by_household.count("P01")) << page.dump();
  const json& p01 = by_household["P01"];
  EXPECT_EQ(p01["responsible"]["phone"], "137****1111");
  EXPECT_EQ(p01["episode"]["risks"], json({"R01", "R07"}));
  EXPECT_FALSE(p01["last_visit"].is_null());
  ExpectError(Get(Role::kVillage, "/api/v1/responsibility?region=630102"), 403,
              "PERMISSION_DENIED", "outside", "wider than the scope");
  ExpectError(Get(Role::kCounty, "/api/v1/responsibility?limit=0"), 400, "INVALID_ARGUMENT",
              "limit", "bad limit");
}

TEST_F(AssistRoutesTest, TheCatalogueIsReadByEveryOfficerAndPutByTheProvince) {
  const json builtin = Ok(Get(Role::kVillage, "/api/v1/measure-catalog"), 200, "read");
  EXPECT_EQ(builtin["province"], "63");
  EXPECT_EQ(builtin["version"], 0);
  EXPECT_EQ(builtin["builtin"], true);
  EXPECT_EQ(builtin["categories"].size(), 14u);
  EXPECT_EQ(builtin["toml"], std::string(assist::BuiltinMeasureCatalogText()));
  ExpectError(Put(Role::kProvince, "/api/v1/measure-catalog", {{"toml", "[[category]]\nfoo = 1\n"}}),
              400, "INVALID_ARGUMENT", "foo", "bad toml");
  ExpectError(Put(Role::kCounty, "/api/v1/measure-catalog",
                  {{"toml", std::string(assist::BuiltinMeasureCatalogText())}}),
              403, "PERMISSION_DENIED", "measure.catalog", "county");
  ExpectError(Get(Role::kAdmin, "/api/v1/measure-catalog"), 403, "PERMISSION_DENIED", "case.read",
              "admin");
  ExpectError(Get(Role::kVillage, "/api/v1/measure-catalog?province=6"), 400, "INVALID_ARGUMENT",
              "province", "bad province");
  std::string text(assist::BuiltinMeasureCatalogText());
  const size_t at = text.find("\"contracted_doctor\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 19, "\"family_doctor\"");
  const json put = Ok(Put(Role::kProvince, "/api/v1/measure-catalog", {{"toml", text}}), 200, "put");
  EXPECT_EQ(put["version"], 1);
  EXPECT_EQ(put["builtin"], false);
  EXPECT_EQ(put["created_by"], "province");
  const json read = Ok(Get(Role::kCounty, "/api/v1/measure-catalog?province=63"), 200, "read");
  EXPECT_EQ(read["version"], 1);
  EXPECT_EQ(read["toml"], text);
  EXPECT_EQ(AuditActions("province").count("measure.catalog"), 1u);
}

}  // namespace
}  // namespace xianjie::server::testing
