// The data routes over a real socket: households by village in and out of scope and without a
// session (the issue's interface), the household file with masking and its audit entry, the
// CSV export, the dashboard, warnings, standards and bad query parameters.
#include <gtest/gtest.h>

#include "base/id_number.h"
#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

using access::Role;

class DataRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { harness_ = new ServerHarness(); }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(harness_->ok()); }
  httplib::Result Get(Role role, const std::string& path) {
    const Session session = harness_->Login(harness_->User(role));
    return harness_->Client().Get(path, ServerHarness::Headers(session));
  }
  static ServerHarness* harness_;
};
ServerHarness* DataRoutesTest::harness_ = nullptr;

TEST_F(DataRoutesTest, VillageInScopeListsItsHouseholds) {
  auto res = Get(Role::kVillage,
                 std::string("/api/v1/households?village=") + ServerHarness::kInVillage);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["total"], 4);
  ASSERT_EQ(body["items"].size(), 4u);
  for (const auto& item : body["items"]) {
    EXPECT_TRUE(item["household_id"].is_string());
    EXPECT_EQ(item["village_code"], ServerHarness::kInVillage);
  }
}

TEST_F(DataRoutesTest, VillageOutsideScopeIsForbidden) {
  auto res = Get(Role::kVillage, "/api/v1/households?village=" + harness_->out_village);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(ErrorCode(res), "PERMISSION_DENIED");
}

TEST_F(DataRoutesTest, HouseholdsWithoutSessionIsUnauthenticated) {
  auto res = harness_->Client().Get(std::string("/api/v1/households?village=") +
                                    ServerHarness::kInVillage);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(ErrorCode(res), "UNAUTHENTICATED");
}

TEST_F(DataRoutesTest, BadLimitNamesTheParameter) {
  auto res = Get(Role::kVillage, "/api/v1/households?limit=ten");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
  EXPECT_NE(BodyJson(res)["error"]["message"].get<std::string>().find("limit"),
            std::string::npos);
}

TEST_F(DataRoutesTest, HouseholdFileIsAuditedAndMaskedForCounty) {
  const int64_t before = *harness_->database().Count();
  auto res = Get(Role::kCounty, "/api/v1/households/" + harness_->in_household);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["household_id"], harness_->in_household);
  for (const auto& m : body["members"]) {
    EXPECT_NE(m["id_number"].get<std::string>().find("********"), std::string::npos);
  }
  EXPECT_TRUE(body["income"]["net"].is_string());
  // The login and the read.
  EXPECT_GE(*harness_->database().Count(), before + 1);
  const auto about = harness_->AuditEntries(
      [&](const access::AuditEntry& e) { return e.subject == harness_->in_household; });
  ASSERT_FALSE(about.empty());
  EXPECT_EQ(about.back().action, "household.read");
}

TEST_F(DataRoutesTest, ExportIsAMaskedCsvAttachment) {
  auto res = Get(Role::kCounty, "/api/v1/households/export?village=" +
                                    std::string(ServerHarness::kInVillage));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(res->get_header_value("Content-Disposition")
                .find(std::string("households-") + ServerHarness::kInVillage + ".csv"),
            std::string::npos)
      << res->get_header_value("Content-Disposition");
  EXPECT_EQ(res->body.rfind("\xEF\xBB\xBFhousehold_id,", 0), 0u);
  int members = 0;
  ASSERT_TRUE(harness_->database()
                  .ScanCurrent([&](const registry::HouseholdVersion& v) {
                    for (const registry::Member& m : v.record.members) {
                      EXPECT_EQ(res->body.find(m.id_number), std::string::npos) << m.id_number;
                      if (v.record.household.village_code.ToString() ==
                          ServerHarness::kInVillage) {
                        ++members;
                        EXPECT_NE(res->body.find(MaskIdNumber(m.id_number)), std::string::npos);
                      }
                    }
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GT(members, 0);
}

TEST_F(DataRoutesTest, HouseholdFileOutsideScopeIsForbidden) {
  auto res = Get(Role::kVillage, "/api/v1/households/" + harness_->out_household);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST_F(DataRoutesTest, UnknownHouseholdIsNotFound) {
  auto res = Get(Role::kVillage, "/api/v1/households/NO-SUCH");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ErrorCode(res), "NOT_FOUND");
}

TEST_F(DataRoutesTest, DashboardOfTheScope) {
  auto res = Get(Role::kVillage, "/api/v1/dashboard");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["region"]["code"], ServerHarness::kInVillage);
  EXPECT_EQ(body["kpis"]["households"], 4);
  EXPECT_TRUE(body["by_area"].is_array());
}

TEST_F(DataRoutesTest, WarningsWithoutRunHaveNullRun) {
  auto res = Get(Role::kVillage, "/api/v1/warnings");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const nlohmann::json body = BodyJson(res);
  EXPECT_TRUE(body["items"].is_array());
  EXPECT_TRUE(body.contains("run"));
}

TEST_F(DataRoutesTest, StandardsListMarksTheOneInForce) {
  auto res = Get(Role::kDepartment, "/api/v1/standards");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const nlohmann::json body = BodyJson(res);
  bool any_in_force = false;
  for (const auto& item : body["items"]) any_in_force |= item["in_force"].get<bool>();
  EXPECT_TRUE(any_in_force);
}

TEST_F(DataRoutesTest, WhatIfForbiddenToVillage) {
  const Session session = harness_->Login(harness_->User(Role::kVillage));
  auto res = harness_->Client().Post("/api/v1/whatif", ServerHarness::Headers(session),
                                     R"({"toml":""})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

}  // namespace
}  // namespace xianjie::server::testing
