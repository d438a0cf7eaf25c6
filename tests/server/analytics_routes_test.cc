// GET /api/v1/analytics/poverty over a real socket (api_analytics.cc, decision 0008): the
// region's measures as the service computes them, the year left out, scope, and the refusals
// with what to do.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "rules/standard_toml.h"
#include "server/server_harness.h"
#include "service/analytics.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;

class AnalyticsRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_ = std::make_unique<ServerHarness>();
    ASSERT_TRUE(h_->ok());
  }
  httplib::Result Get(Role role, const std::string& query) {
    const Session session = h_->Login(h_->User(role));
    return h_->Client().Get("/api/v1/analytics/poverty" + query, ServerHarness::Headers(session));
  }
  static std::string Message(const httplib::Result& res) {
    const json body = BodyJson(res);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("message", "");
  }
  std::unique_ptr<ServerHarness> h_;
};

TEST_F(AnalyticsRoutesTest, AnswersTheServicesFiguresForTheRegion) {
  auto res = Get(Role::kProvince, "?region=6301&year=2024");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = BodyJson(res);
  auto expected = service::Poverty(h_->workspace(), access::Principal{"x", Role::kProvince, "63"},
                                   "6301", 2024);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  EXPECT_EQ(body, json::parse(service::PovertyJson(*expected)));
  EXPECT_EQ(body["region"], "6301");
  EXPECT_EQ(body["year"], 2024);
  EXPECT_EQ(body["line_fen"], 750000);
  EXPECT_GT(body["persons"].get<int64_t>(), 0);
  for (const char* fraction : {"p0", "p1", "p2", "gini"}) {
    EXPECT_GE(body[fraction].get<double>(), 0.0) << fraction;
    EXPECT_LE(body[fraction].get<double>(), 1.0) << fraction;
  }
}

TEST_F(AnalyticsRoutesTest, WithoutRegionAndYearTheScopeUnderTheLatestStandard) {
  auto res = Get(Role::kVillage, "");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = BodyJson(res);
  EXPECT_EQ(body["region"], ServerHarness::kInVillage);
  int newest = 0;
  for (const auto& s : rules::BuiltinStandards()) {
    if (s.province == "63" && s.county.empty()) newest = std::max(newest, s.year);
  }
  EXPECT_EQ(body["year"], newest);
}

TEST_F(AnalyticsRoutesTest, ARegionOutsideTheScopeIsForbidden) {
  auto res = Get(Role::kCounty, "?region=" + h_->out_village.substr(0, 4) + "&year=2024");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;
  EXPECT_EQ(ErrorCode(res), "PERMISSION_DENIED");
  EXPECT_NE(Message(res).find("outside the user's scope"), std::string::npos) << res->body;
}

TEST_F(AnalyticsRoutesTest, BadParametersSayWhatToGive) {
  struct Case {
    std::string query;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"?year=24", 400, "query parameter 'year' must be a whole number from 2000 to 2100"},
      {"?year=abc", 400, "query parameter 'year' must be a whole number from 2000 to 2100"},
      {"?region=63x&year=2024", 400, "region must be a region code of 2, 4, 6, 9 or 12 digits"},
      {"?region=639999&year=2024", 404, "region 639999 is not in the region table"},
      {"?year=2030", 404, "no monitoring standard for province 63, year 2030 (there are: 63 2021"},
  };
  for (const Case& c : cases) {
    auto res = Get(Role::kProvince, c.query);
    ASSERT_TRUE(res) << c.query;
    EXPECT_EQ(res->status, c.status) << c.query << ": " << res->body;
    EXPECT_NE(Message(res).find(c.message), std::string::npos) << c.query << ": " << res->body;
  }
}

TEST_F(AnalyticsRoutesTest, WithoutASessionIsUnauthorized) {
  auto res = h_->Client().Get("/api/v1/analytics/poverty?year=2024");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

}  // namespace
}  // namespace xianjie::server::testing
