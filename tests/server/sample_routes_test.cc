// The verification sample's routes over a real socket (api_sample.cc, decision 0008): a county's
// sample drawn, refused a second time and redrawn, listed, read as the service gives it and as
// a workbook, visits recorded and seen in the estimates, the draw closed; each refusal of a
// request with what is wrong.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cases/case.h"
#include "server/server_harness.h"
#include "service/sample.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;

constexpr char kCounty[] = "630102";  // village A's county: the county user's scope

class SampleRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_ = std::make_unique<ServerHarness>();
    ASSERT_TRUE(h_->ok());
    today_ = cases::ChinaDateOf(h_->workspace().Now()).ToString();
  }
  httplib::Result Get(Role role, const std::string& path) {
    const Session session = h_->Login(h_->User(role));
    return h_->Client().Get(path, ServerHarness::Headers(session));
  }
  httplib::Result Post(Role role, const std::string& path, const json& body, bool csrf = true) {
    const Session session = h_->Login(h_->User(role));
    return h_->Client().Post(path, ServerHarness::Headers(session, csrf), body.dump(),
                             "application/json");
  }
  httplib::Result Put(Role role, const std::string& path, const json& body) {
    const Session session = h_->Login(h_->User(role));
    return h_->Client().Put(path, ServerHarness::Headers(session), body.dump(),
                            "application/json");
  }
  // A sample of village A's county: 1 village, 2 households, seed 7; its id.
  int64_t Draw() {
    auto res = Post(Role::kProvince, "/api/v1/samples",
                    {{"county", kCounty}, {"villages", 1}, {"households", 2}, {"seed", 7}});
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return BodyJson(res).value("id", int64_t{0});
  }
  json Visit(const json& answers) {
    json body = answers;
    body["visited_on"] = today_;
    body["visitor"] = "第三方评估组";
    return body;
  }
  static std::string Message(const httplib::Result& res) {
    const json body = BodyJson(res);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("message", "");
  }
  std::unique_ptr<ServerHarness> h_;
  std::string today_;
};

TEST_F(SampleRoutesTest, ASampleIsDrawnAndReadAsTheServiceGivesIt) {
  auto res = Post(Role::kProvince, "/api/v1/samples",
                  {{"county", kCounty}, {"villages", 1}, {"households", 2}, {"seed", 7},
                   {"stratum_weights", {{"other", 2}}}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json drawn = BodyJson(res);
  EXPECT_EQ(drawn["county"], kCounty);
  EXPECT_EQ(drawn["seed"], 7);
  EXPECT_EQ(drawn["drawn_by"], "province");
  EXPECT_EQ(drawn["households"], 2);
  EXPECT_EQ(drawn["villages"], 1);
  EXPECT_EQ(drawn["parameters"]["stratum_weights"]["other"], 2);
  EXPECT_EQ(drawn["parameters"]["stratum_weights"]["marginal"], 3);
  ASSERT_EQ(drawn["units"].size(), 2u);
  const int64_t id = drawn["id"];
  auto read = Get(Role::kCounty, "/api/v1/samples/" + std::to_string(id));
  ASSERT_TRUE(read);
  ASSERT_EQ(read->status, 200) << read->body;
  auto expected = service::GetSample(h_->workspace(), {"x", Role::kCounty, kCounty}, id);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  EXPECT_EQ(BodyJson(read), json::parse(service::SampleFileJson(*expected)));
  EXPECT_EQ(BodyJson(read)["units"], drawn["units"]);
  EXPECT_NE(BodyJson(read)["units"][0]["head_id_number"].get<std::string>().find("****"),
            std::string::npos);
  EXPECT_EQ(h_->AuditEntries("sample.draw").size(), 1u);
  EXPECT_GE(h_->AuditEntries("sample.read").size(), 1u);
  // The default seed: the county code followed by the year.
  auto other = Post(Role::kPrefecture, "/api/v1/samples", {{"county", "630121"}});
  ASSERT_TRUE(other);
  ASSERT_EQ(other->status, 201) << other->body;
  EXPECT_EQ(BodyJson(other)["seed"],
            service::DefaultSampleSeed("630121", BodyJson(other)["year"].get<int>()));
}

TEST_F(SampleRoutesTest, ASecondSampleIsAConflictUnlessRedrawn) {
  const int64_t first = Draw();
  auto again = Post(Role::kProvince, "/api/v1/samples", {{"county", kCounty}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409) << again->body;
  EXPECT_EQ(ErrorCode(again), "ALREADY_EXISTS");
  EXPECT_NE(Message(again).find("ask for a redraw"), std::string::npos) << again->body;
  auto redrawn = Post(Role::kProvince, "/api/v1/samples", {{"county", kCounty}, {"redraw", true}});
  ASSERT_TRUE(redrawn);
  ASSERT_EQ(redrawn->status, 201) << redrawn->body;
  EXPECT_NE(BodyJson(redrawn)["id"], first);
  auto all = Get(Role::kCounty, "/api/v1/samples?county=630102");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200) << all->body;
  ASSERT_EQ(BodyJson(all)["items"].size(), 2u);
  EXPECT_EQ(BodyJson(all)["items"][0]["latest"], false);
  auto latest = Get(Role::kAuditor, "/api/v1/samples?region=6301&latest=true");
  ASSERT_TRUE(latest);
  ASSERT_EQ(latest->status, 200) << latest->body;
  ASSERT_EQ(BodyJson(latest)["items"].size(), 1u);
  EXPECT_EQ(BodyJson(latest)["items"][0]["id"], BodyJson(redrawn)["id"]);
  auto bad = Get(Role::kCounty, "/api/v1/samples?latest=yes");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(Message(bad).find("'latest' must be true or false"), std::string::npos);
  auto outside = Get(Role::kCounty, "/api/v1/samples?county=630121");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403) << outside->body;
}

TEST_F(SampleRoutesTest, VisitsAreRecordedAndEstimated) {
  const int64_t id = Draw();
  auto drawn = Get(Role::kProvince, "/api/v1/samples/" + std::to_string(id));
  ASSERT_TRUE(drawn);
  const json units = BodyJson(drawn)["units"];
  ASSERT_EQ(units.size(), 2u);
  const std::string path = "/api/v1/samples/" + std::to_string(id) + "/units/";
  const std::string h0 = units[0]["household_id"], h1 = units[1]["household_id"];
  auto res = Put(Role::kCounty, path + h0,
                 Visit({{"meets_criteria", true}, {"included", false}, {"satisfied", true},
                        {"comparison_passed", nullptr}, {"note", "户主在家"}}));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(BodyJson(res)["household_id"], h0);
  EXPECT_EQ(BodyJson(res)["result"]["included"], false);
  EXPECT_EQ(BodyJson(res)["result"]["comparison_passed"], nullptr);
  EXPECT_EQ(BodyJson(res)["result"]["recorded_by"], "county");
  res = Put(Role::kPrefecture, path + h1,
            Visit({{"meets_criteria", true}, {"included", true}, {"satisfied", false}}));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto read = Get(Role::kProvince, "/api/v1/samples/" + std::to_string(id));
  ASSERT_TRUE(read);
  const json estimates = BodyJson(read)["estimates"];
  EXPECT_EQ(BodyJson(read)["recorded"], 2);
  // Omission: of the two meeting the criteria, the first not included; approval: the first
  // satisfied. Both weighted: w0 / (w0 + w1).
  const double w0 = units[0]["weight"], w1 = units[1]["weight"];
  EXPECT_DOUBLE_EQ(estimates["omission"]["estimate"].get<double>(), w0 / (w0 + w1));
  EXPECT_EQ(estimates["omission"]["households"], 2);
  EXPECT_DOUBLE_EQ(estimates["approval"]["estimate"].get<double>(), w0 / (w0 + w1));
  EXPECT_EQ(estimates["wrong_inclusion"], nullptr);
  EXPECT_EQ(h_->AuditEntries("sample.record").size(), 2u);
  // The scorecard of the county now has the sample's omission.
  auto cards = Get(Role::kProvince, "/api/v1/assessment/scorecards?region=6301");
  ASSERT_TRUE(cards);
  ASSERT_EQ(cards->status, 200) << cards->body;
  bool found = false;
  const json set = BodyJson(cards);
  for (const json& card : set["cards"]) {
    if (card["region"] != kCounty) continue;
    for (const json& kpi : card["kpis"]) {
      if (kpi["kpi"] != "omission") continue;
      found = true;
      EXPECT_EQ(kpi["assessed"], true);
      EXPECT_DOUBLE_EQ(kpi["achieved"].get<double>(), w0 / (w0 + w1));
    }
  }
  EXPECT_TRUE(found) << cards->body;
}

TEST_F(SampleRoutesTest, ABadVisitIsRefusedWithWhatIsWrong) {
  const int64_t id = Draw();
  auto drawn = Get(Role::kProvince, "/api/v1/samples/" + std::to_string(id));
  const std::string household = BodyJson(drawn)["units"][0]["household_id"];
  const std::string path = "/api/v1/samples/" + std::to_string(id) + "/units/";
  auto refused = [&](const std::string& p, const json& body, int status, const std::string& says) {
    auto res = Put(Role::kCounty, p, body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_NE(Message(res).find(says), std::string::npos) << res->body;
  };
  refused(path + household, Visit({{"satisfied", "yes"}}), 400,
          "'satisfied' must be true, false or null");
  json no_date = Visit({});
  no_date.erase("visited_on");
  refused(path + household, no_date, 400, "visited_on");
  json bad_date = Visit({});
  bad_date["visited_on"] = "2026-02-30";
  refused(path + household, bad_date, 400, "'visited_on'");
  json future = Visit({});
  future["visited_on"] = "2099-01-01";
  refused(path + household, future, 400, "is in the future");
  refused(path + "NOPE", Visit({}), 404, "was not drawn in sample draw");
  refused("/api/v1/samples/999/units/" + household, Visit({}), 404, "there is no sample draw 999");
  refused("/api/v1/samples/x/units/" + household, Visit({}), 400, "id");
  auto township = Put(Role::kTownship, path + household, Visit({}));
  ASSERT_TRUE(township);
  EXPECT_EQ(township->status, 403);
}

TEST_F(SampleRoutesTest, ABadDrawIsRefusedWithWhatIsWrong) {
  auto refused = [&](const json& body, int status, const std::string& says) {
    auto res = Post(Role::kProvince, "/api/v1/samples", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_NE(Message(res).find(says), std::string::npos) << res->body;
  };
  refused(json::object(), 400, "county");
  refused({{"county", kCounty}, {"seed", -1}}, 400, "'seed' must be a whole number");
  refused({{"county", kCounty}, {"seed", 9007199254740992ULL}}, 400, "seed must be a whole number");
  refused({{"county", kCounty}, {"villages", 0}}, 400, "'villages' must be a whole number");
  refused({{"county", kCounty}, {"stratum_weights", {{"flood", 2}}}}, 400,
          "'flood' is not a stratum");
  refused({{"county", kCounty}, {"stratum_weights", {{"other", 0}}}}, 400, "from 1 to 1000");
  refused({{"county", kCounty}, {"redraw", "yes"}}, 400, "redraw");
  refused({{"county", "632221"}}, 409, "has no household in the registry");
  refused({{"county", "639999"}}, 404, "not in the region table");
  auto county = Post(Role::kCounty, "/api/v1/samples", {{"county", kCounty}});
  ASSERT_TRUE(county);
  EXPECT_EQ(county->status, 403) << county->body;
  auto no_csrf = Post(Role::kProvince, "/api/v1/samples", {{"county", kCounty}}, /*csrf=*/false);
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403) << no_csrf->body;
  auto list = Get(Role::kProvince, "/api/v1/samples");
  ASSERT_TRUE(list);
  EXPECT_TRUE(BodyJson(list)["items"].empty()) << list->body;
}

TEST_F(SampleRoutesTest, TheWorkbookAndClosing) {
  const int64_t id = Draw();
  auto xlsx = Get(Role::kAuditor, "/api/v1/samples/" + std::to_string(id) + "?format=xlsx");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find(kCounty), std::string::npos);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  auto bad = Get(Role::kAuditor, "/api/v1/samples/" + std::to_string(id) + "?format=pdf");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto county = Post(Role::kCounty, "/api/v1/samples/" + std::to_string(id) + "/close", nullptr);
  ASSERT_TRUE(county);
  EXPECT_EQ(county->status, 403);
  auto closed = Post(Role::kPrefecture, "/api/v1/samples/" + std::to_string(id) + "/close",
                     nullptr);
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(BodyJson(closed)["closed"], true);
  EXPECT_EQ(BodyJson(closed)["closed_by"], "prefecture");
  const std::string household = BodyJson(closed)["units"][0]["household_id"];
  auto after = Put(Role::kCounty,
                   "/api/v1/samples/" + std::to_string(id) + "/units/" + household, Visit({}));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 409) << after->body;
  EXPECT_NE(Message(after).find("can no longer change"), std::string::npos);
  auto twice = Post(Role::kProvince, "/api/v1/samples/" + std::to_string(id) + "/close", nullptr);
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 409);
  auto unknown = Get(Role::kProvince, "/api/v1/samples/424242");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

}  // namespace
}  // namespace xianjie::server::testing
