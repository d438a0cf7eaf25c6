// User administration (user.admin) and the audit log (audit.read) over HTTP.
#include <gtest/gtest.h>

#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

using access::Role;

class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h_.ok());
    admin_ = h_.Login(h_.User(Role::kAdmin));
  }
  httplib::Result Post(const Session& s, const std::string& path, const nlohmann::json& body) {
    return h_.Client().Post(path, ServerHarness::Headers(s), body.dump(), "application/json");
  }
  ServerHarness h_;
  Session admin_;
};

TEST_F(AdminTest, ListsUsersWithoutPasswordHashes) {
  auto res = h_.Client().Get("/api/v1/users", ServerHarness::Headers(admin_));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  nlohmann::json items = BodyJson(res)["items"];
  ASSERT_EQ(items.size(), 8u);
  EXPECT_EQ(items[0]["username"], "admin");  // username order
  EXPECT_EQ(res->body.find("argon2"), std::string::npos);
  EXPECT_FALSE(items[0].contains("password_hash"));
}

TEST_F(AdminTest, AddUserIs201AndTheUserCanLogIn) {
  auto res = Post(admin_, "/api/v1/users",
                  {{"username", "wang.li"}, {"password", "first-password"}, {"role", "village"},
                   {"scope", "630102001004"}, {"display_name", "王丽"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  nlohmann::json user = BodyJson(res);
  EXPECT_EQ(user["username"], "wang.li");
  EXPECT_EQ(user["role"], "village");
  EXPECT_EQ(user["scope"], "630102001004");
  EXPECT_EQ(user["disabled"], false);
  Session s = h_.Login({"wang.li", "first-password", Role::kVillage, "630102001004"});
  EXPECT_FALSE(s.cookie.empty());
}

TEST_F(AdminTest, AddUserWithATakenNameIs409) {
  auto res = Post(admin_, "/api/v1/users",
                  {{"username", "county"}, {"password", "first-password"}, {"role", "county"},
                   {"scope", "630102"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(ErrorCode(res), "ALREADY_EXISTS");
}

TEST_F(AdminTest, AddUserWithAScopeThatDoesNotFitTheRoleIs400) {
  auto res = Post(admin_, "/api/v1/users",
                  {{"username", "li.si"}, {"password", "first-password"}, {"role", "village"},
                   {"scope", "6301"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
}

TEST_F(AdminTest, AddUserWithAnUnknownRoleIs400) {
  auto res = Post(admin_, "/api/v1/users",
                  {{"username", "li.si"}, {"password", "first-password"}, {"role", "mayor"},
                   {"scope", "63"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
}

TEST_F(AdminTest, ResetPasswordEndsTheUsersSessions) {
  Session village = h_.Login(h_.User(Role::kVillage));
  auto res = Post(admin_, "/api/v1/users/village/password", {{"password", "reset-password"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204) << res->body;
  auto me = h_.Client().Get("/api/v1/me", ServerHarness::Headers(village));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
}

TEST_F(AdminTest, ResetPasswordOfAnUnknownUserIs404) {
  auto res = Post(admin_, "/api/v1/users/nobody/password", {{"password", "reset-password"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ErrorCode(res), "NOT_FOUND");
}

TEST_F(AdminTest, DisablingAUserEndsTheirSessionAndLogin) {
  Session county = h_.Login(h_.User(Role::kCounty));
  auto res = Post(admin_, "/api/v1/users/county/disabled", {{"disabled", true}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204) << res->body;
  auto me = h_.Client().Get("/api/v1/me", ServerHarness::Headers(county));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
  auto login = h_.Client().Post(
      "/api/v1/login", nlohmann::json({{"username", "county"}, {"password", "pw-county"}}).dump(),
      "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 401);
}

TEST_F(AdminTest, DisabledMustBeABoolean) {
  auto res = Post(admin_, "/api/v1/users/county/disabled", {{"disabled", "yes"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
}

TEST_F(AdminTest, NonAdminCannotListOrAddUsers) {
  Session province = h_.Login(h_.User(Role::kProvince));
  auto list = h_.Client().Get("/api/v1/users", ServerHarness::Headers(province));
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 403);
  EXPECT_EQ(ErrorCode(list), "PERMISSION_DENIED");
  auto add = Post(province, "/api/v1/users",
                  {{"username", "x.y"}, {"password", "first-password"}, {"role", "village"},
                   {"scope", "630102001004"}});
  ASSERT_TRUE(add);
  EXPECT_EQ(add->status, 403);
}

TEST_F(AdminTest, AuditorListsTheLogNewestFirst) {
  // The harness's user additions and the logins above are in the log.
  Session auditor = h_.Login(h_.User(Role::kAuditor));
  auto res = h_.Client().Get("/api/v1/audit?limit=3", ServerHarness::Headers(auditor));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  nlohmann::json body = BodyJson(res);
  auto count = h_.database().Count();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(body["total"], *count);
  ASSERT_EQ(body["items"].size(), 3u);
  EXPECT_EQ(body["items"][0]["seq"], *count);
  EXPECT_EQ(body["items"][1]["seq"], *count - 1);
  EXPECT_EQ(body["items"][0]["action"], "user.login");
  EXPECT_EQ(body["items"][0]["user"], "auditor");
}

TEST_F(AdminTest, AuditListFiltersAndPages) {
  Session auditor = h_.Login(h_.User(Role::kAuditor));
  auto res = h_.Client().Get("/api/v1/audit?action=user.add&offset=1&limit=2",
                             ServerHarness::Headers(auditor));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["total"], 8);  // one user.add per harness user
  EXPECT_EQ(body["offset"], 1);
  ASSERT_EQ(body["items"].size(), 2u);
  for (const auto& item : body["items"]) EXPECT_EQ(item["action"], "user.add");
  EXPECT_GT(body["items"][0]["seq"], body["items"][1]["seq"]);
}

TEST_F(AdminTest, AuditPagesFollowEachOther) {
  Session auditor = h_.Login(h_.User(Role::kAuditor));
  auto first = h_.Client().Get("/api/v1/audit?limit=2", ServerHarness::Headers(auditor));
  auto second = h_.Client().Get("/api/v1/audit?offset=2&limit=2", ServerHarness::Headers(auditor));
  ASSERT_TRUE(first && second);
  const nlohmann::json a = BodyJson(first);
  const nlohmann::json b = BodyJson(second);
  ASSERT_EQ(a["items"].size(), 2u);
  ASSERT_EQ(b["items"].size(), 2u);
  EXPECT_EQ(b["items"][0]["seq"].get<int64_t>(), a["items"][1]["seq"].get<int64_t>() - 1);
  EXPECT_EQ(b["items"][1]["seq"].get<int64_t>(), a["items"][1]["seq"].get<int64_t>() - 2);
}

TEST_F(AdminTest, AuditOffsetPastTheEndGivesNoItems) {
  Session auditor = h_.Login(h_.User(Role::kAuditor));
  auto res = h_.Client().Get("/api/v1/audit?offset=100000&limit=5",
                             ServerHarness::Headers(auditor));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["total"], *h_.database().Count());
  EXPECT_TRUE(body["items"].empty());
}

TEST_F(AdminTest, AuditListRejectsABadLimit) {
  Session auditor = h_.Login(h_.User(Role::kAuditor));
  auto res = h_.Client().Get("/api/v1/audit?limit=-4", ServerHarness::Headers(auditor));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
}

TEST_F(AdminTest, AuditVerifyReportsAnIntactChain) {
  Session auditor = h_.Login(h_.User(Role::kAuditor));
  auto res = h_.Client().Get("/api/v1/audit/verify", ServerHarness::Headers(auditor));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["intact"], true);
  EXPECT_EQ(body["first_bad_seq"], 0);
  EXPECT_EQ(body["entries"], *h_.database().Count());
}

TEST_F(AdminTest, VillageOfficerCannotReadTheAuditLog) {
  Session village = h_.Login(h_.User(Role::kVillage));
  for (const char* path : {"/api/v1/audit", "/api/v1/audit/verify"}) {
    auto res = h_.Client().Get(path, ServerHarness::Headers(village));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << path;
    EXPECT_EQ(ErrorCode(res), "PERMISSION_DENIED") << path;
  }
}

}  // namespace
}  // namespace xianjie::server::testing
