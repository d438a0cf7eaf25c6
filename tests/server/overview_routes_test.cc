// GET /api/v1/analytics/overview, GET /api/v1/assessment/scorecards and GET|PUT
// /api/v1/assessment/config over a real socket (api_analytics.cc, decision 0008): the service's
// answers as JSON and as workbooks, the scope, a province's own settings put and used, and the
// refusals with what to do.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "analytics/assessment.h"
#include "server/server_harness.h"
#include "service/analytics.h"
#include "service/assessment.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;

class OverviewRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_ = std::make_unique<ServerHarness>();
    ASSERT_TRUE(h_->ok());
  }
  httplib::Result Get(Role role, const std::string& path) {
    const Session session = h_->Login(h_->User(role));
    return h_->Client().Get(path, ServerHarness::Headers(session));
  }
  httplib::Result Put(Role role, const json& body, bool csrf = true) {
    const Session session = h_->Login(h_->User(role));
    return h_->Client().Put("/api/v1/assessment/config", ServerHarness::Headers(session, csrf),
                            body.dump(), "application/json");
  }
  static std::string Message(const httplib::Result& res) {
    const json body = BodyJson(res);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("message", "");
  }
  static access::Principal Province() { return {"x", Role::kProvince, "63"}; }
  std::unique_ptr<ServerHarness> h_;
};

TEST_F(OverviewRoutesTest, TheOverviewIsTheServicesForTheRegion) {
  auto res = Get(Role::kProvince, "/api/v1/analytics/overview?region=6301");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto expected = service::AnalyticsOverview(h_->workspace(), Province(), "6301", 0);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  EXPECT_EQ(BodyJson(res), json::parse(service::OverviewJson(*expected)));
  EXPECT_EQ(BodyJson(res)["region_level"], "prefecture");
  EXPECT_GT(BodyJson(res)["figures"]["households"].get<int64_t>(), 0);
}

TEST_F(OverviewRoutesTest, WithoutARegionTheScopeAndAsAWorkbook) {
  auto res = Get(Role::kVillage, "/api/v1/analytics/overview?format=xlsx");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(res->get_header_value("Content-Disposition").find(ServerHarness::kInVillage),
            std::string::npos);
  EXPECT_EQ(res->body.substr(0, 2), "PK");
}

TEST_F(OverviewRoutesTest, TheScorecardsOfAProvincesCountiesAsJsonAndWorkbook) {
  auto res = Get(Role::kProvince, "/api/v1/assessment/scorecards?region=6301");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto expected = service::Scorecards(h_->workspace(), Province(), "6301", 0);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  EXPECT_EQ(BodyJson(res), json::parse(service::ScorecardsJson(*expected)));
  EXPECT_EQ(BodyJson(res)["unit_level"], "county");
  auto county = Get(Role::kCounty, "/api/v1/assessment/scorecards");
  ASSERT_TRUE(county);
  ASSERT_EQ(county->status, 200) << county->body;
  EXPECT_EQ(BodyJson(county)["unit_level"], "township");
  auto xlsx = Get(Role::kAuditor, "/api/v1/assessment/scorecards?format=xlsx&region=6301");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
}

TEST_F(OverviewRoutesTest, RefusalsSayWhatToGive) {
  struct Case {
    Role role;
    std::string path;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {Role::kProvince, "/api/v1/analytics/overview?format=csv", 400,
       "query parameter 'format' must be json or xlsx, not 'csv'"},
      {Role::kProvince, "/api/v1/analytics/overview?year=1999", 400,
       "query parameter 'year' must be a whole number from 2000 to 2100"},
      {Role::kProvince, "/api/v1/analytics/overview?year=2100", 400, "2100 has not begun"},
      {Role::kProvince, "/api/v1/analytics/overview?region=639999", 404,
       "region 639999 is not in the region table"},
      {Role::kCounty, "/api/v1/analytics/overview?region=63", 403, "outside the user's scope"},
      {Role::kVillage, "/api/v1/assessment/scorecards", 403, "assessment.read"},
      {Role::kProvince, "/api/v1/assessment/scorecards?region=6x", 400,
       "region must be a region code"},
      {Role::kProvince, "/api/v1/assessment/config?province=630", 400,
       "'province' must be a province code of 2 digits"},
      {Role::kCounty, "/api/v1/assessment/config?province=64", 403,
       "of their own province only, not of 64"},
  };
  for (const Case& c : cases) {
    auto res = Get(c.role, c.path);
    ASSERT_TRUE(res) << c.path;
    EXPECT_EQ(res->status, c.status) << c.path << ": " << res->body;
    EXPECT_NE(Message(res).find(c.message), std::string::npos) << c.path << ": " << res->body;
  }
  auto anonymous = h_->Client().Get("/api/v1/assessment/scorecards");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

TEST_F(OverviewRoutesTest, AProvincePutsItsSettingsAndTheScorecardsUseThem) {
  auto builtin = Get(Role::kCounty, "/api/v1/assessment/config");
  ASSERT_TRUE(builtin);
  ASSERT_EQ(builtin->status, 200) << builtin->body;
  EXPECT_EQ(BodyJson(builtin)["version"], 0);
  EXPECT_EQ(BodyJson(builtin)["province"], "63");
  EXPECT_EQ(BodyJson(builtin)["kpis"].size(), analytics::kKpiCount);

  std::string toml(analytics::BuiltinAssessmentText());
  toml.replace(toml.find("weight = 15"), 11, "weight = 10");
  toml.replace(toml.find("weight = 5"), 10, "weight = 10");  // wrong_inclusion
  auto put = Put(Role::kProvince, {{"province", "63"}, {"toml", toml}});
  ASSERT_TRUE(put);
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(BodyJson(put)["version"], 1);
  EXPECT_EQ(BodyJson(put)["kpis"][0]["weight"], 10);
  EXPECT_EQ(h_->AuditEntries("assessment.config").size(), 1u);
  auto cards = Get(Role::kProvince, "/api/v1/assessment/scorecards?region=6301");
  ASSERT_TRUE(cards);
  EXPECT_EQ(BodyJson(cards)["settings_version"], 1);
  EXPECT_EQ(BodyJson(cards)["cards"][0]["kpis"][0]["weight"], 10);
  auto read = Get(Role::kAuditor, "/api/v1/assessment/config?province=63");
  ASSERT_TRUE(read);
  EXPECT_EQ(BodyJson(read)["text"], toml);
}

TEST_F(OverviewRoutesTest, BadSettingsAreRefusedAndNothingIsStored) {
  std::string toml(analytics::BuiltinAssessmentText());
  toml.replace(toml.find("direction = \"higher\""), 20, "direction = \"up\"");
  auto bad = Put(Role::kProvince, {{"province", "63"}, {"toml", toml}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
  EXPECT_NE(Message(bad).find("kpi[0].direction: 'up' is not a direction"), std::string::npos)
      << bad->body;
  auto missing = Put(Role::kProvince, {{"province", "63"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400) << missing->body;
  EXPECT_NE(Message(missing).find("toml"), std::string::npos) << missing->body;
  auto county = Put(Role::kCounty, {{"province", "63"},
                                    {"toml", std::string(analytics::BuiltinAssessmentText())}});
  ASSERT_TRUE(county);
  EXPECT_EQ(county->status, 403) << county->body;
  auto no_csrf = Put(Role::kProvince, {{"province", "63"},
                                       {"toml", std::string(analytics::BuiltinAssessmentText())}},
                     /*csrf=*/false);
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403) << no_csrf->body;
  auto latest = h_->database().LatestAssessmentConfig("63");
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
  EXPECT_TRUE(h_->AuditEntries("assessment.config").empty());
}

}  // namespace
}  // namespace xianjie::server::testing
