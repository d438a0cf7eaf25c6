// Sessions over HTTP (docs/decisions/0004, Security): login, the cookie's flags, /me, logout,
// expiry, the login throttle, CSRF on state-changing requests, changing one's own password.
#include <gtest/gtest.h>

#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

using access::Role;

httplib::Result PostLogin(ServerHarness& h, const std::string& user, const std::string& pw) {
  return h.Client().Post("/api/v1/login",
                         nlohmann::json({{"username", user}, {"password", pw}}).dump(),
                         "application/json");
}

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(h_.ok()); }
  ServerHarness h_;
};

TEST_F(SessionTest, LoginReturnsUserCsrfTokenAndExpiry) {
  auto res = PostLogin(h_, "village", "pw-village");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["user"]["username"], "village");
  EXPECT_EQ(body["user"]["role"], "village");
  EXPECT_EQ(body["user"]["scope"], ServerHarness::kInVillage);
  EXPECT_EQ(body["user"]["scope_name"], "北关社区居民委员会");
  EXPECT_EQ(body["user"]["display_name"], "测试 village");
  EXPECT_GE(body["csrf_token"].get<std::string>().size(), 32u);
  EXPECT_TRUE(body["expires_at"].is_string());
}

TEST_F(SessionTest, CookieIsHttpOnlySameSiteStrictWithoutSecureByDefault) {
  auto res = PostLogin(h_, "county", "pw-county");
  ASSERT_TRUE(res);
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("xj_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Max-Age=43200"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
  // 32 random bytes as hex.
  EXPECT_EQ(cookie.find(';') - std::string("xj_session=").size(), 64u) << cookie;
}

TEST(SessionSecureCookieTest, SecureCookiesOptionAddsSecure) {
  HarnessOptions options;
  options.secure_cookies = true;
  ServerHarness h(options);
  ASSERT_TRUE(h.ok());
  auto res = PostLogin(h, "county", "pw-county");
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(SessionTest, WrongPasswordIs401) {
  auto res = PostLogin(h_, "village", "wrong-password");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(ErrorCode(res), "UNAUTHENTICATED");
  EXPECT_FALSE(res->has_header("Set-Cookie"));
}

TEST_F(SessionTest, UnknownUserGivesTheSameAnswerAsAWrongPassword) {
  auto unknown = PostLogin(h_, "nobody", "wrong-password");
  auto wrong = PostLogin(h_, "village", "wrong-password");
  ASSERT_TRUE(unknown && wrong);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(BodyJson(unknown)["error"]["message"], BodyJson(wrong)["error"]["message"]);
}

TEST_F(SessionTest, SixthFailureWithinTheWindowIs429) {
  for (int i = 0; i < 5; ++i) {
    auto res = PostLogin(h_, "township", "wrong-password");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 401) << "attempt " << i + 1;
  }
  auto locked = PostLogin(h_, "township", "pw-township");  // even the right password
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429);
  EXPECT_EQ(ErrorCode(locked), "RESOURCE_EXHAUSTED");
}

TEST_F(SessionTest, MeWithoutSessionIs401) {
  auto res = h_.Client().Get("/api/v1/me");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(ErrorCode(res), "UNAUTHENTICATED");
}

TEST_F(SessionTest, MeWithAForgedCookieIs401) {
  auto res = h_.Client().Get("/api/v1/me", {{"Cookie", "xj_session=" + std::string(64, 'a')}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST_F(SessionTest, MeNamesTheSessionsUser) {
  Session s = h_.Login(h_.User(Role::kTownship));
  auto res = h_.Client().Get("/api/v1/me", ServerHarness::Headers(s));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["user"]["username"], "township");
  EXPECT_EQ(body["user"]["role"], "township");
  EXPECT_EQ(body["csrf_token"], s.csrf_token);
}

TEST_F(SessionTest, LogoutEndsTheSessionAndClearsTheCookie) {
  Session s = h_.Login(h_.User(Role::kCounty));
  auto out = h_.Client().Post("/api/v1/logout", ServerHarness::Headers(s), "", "application/json");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("xj_session=; "), std::string::npos);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto me = h_.Client().Get("/api/v1/me", ServerHarness::Headers(s));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
}

TEST_F(SessionTest, IdleSessionExpires) {
  Session s = h_.Login(h_.User(Role::kCounty));
  h_.AdvanceClock(31 * 60);
  auto res = h_.Client().Get("/api/v1/me", ServerHarness::Headers(s));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(ErrorCode(res), "UNAUTHENTICATED");
}

TEST_F(SessionTest, AnEndedSessionsCookieIsCleared) {
  Session s = h_.Login(h_.User(Role::kCounty));
  h_.AdvanceClock(13 * 60 * 60);  // past the absolute expiry
  auto res = h_.Client().Get("/api/v1/me", ServerHarness::Headers(s));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("Set-Cookie").rfind("xj_session=; ", 0), 0u);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
}

TEST_F(SessionTest, LoginIssuesANewTokenEachTime) {
  Session a = h_.Login(h_.User(Role::kCounty));
  Session b = h_.Login(h_.User(Role::kCounty));
  EXPECT_NE(a.cookie, b.cookie);
  EXPECT_NE(a.csrf_token, b.csrf_token);
}

TEST_F(SessionTest, PostWithoutCsrfTokenIs403) {
  Session s = h_.Login(h_.User(Role::kCounty));
  auto res = h_.Client().Post("/api/v1/logout", ServerHarness::Headers(s, /*csrf=*/false), "",
                              "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(ErrorCode(res), "CSRF_FAILED");
  // The session is still open.
  auto me = h_.Client().Get("/api/v1/me", ServerHarness::Headers(s));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
}

TEST_F(SessionTest, PostWithAnotherSessionsCsrfTokenIs403) {
  Session s = h_.Login(h_.User(Role::kCounty));
  Session other = h_.Login(h_.User(Role::kVillage));
  httplib::Headers headers = {{"Cookie", s.cookie}, {"X-CSRF-Token", other.csrf_token}};
  auto res = h_.Client().Post("/api/v1/logout", headers, "", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(ErrorCode(res), "CSRF_FAILED");
}

TEST_F(SessionTest, ChangeOwnPasswordEndsTheSessionAndTheNewOneWorks) {
  const TestUser& u = h_.User(Role::kPrefecture);
  Session s = h_.Login(u);
  nlohmann::json body = {{"old_password", u.password}, {"new_password", "a-new-password"}};
  auto res = h_.Client().Post("/api/v1/me/password", ServerHarness::Headers(s), body.dump(),
                              "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204) << res->body;
  auto me = h_.Client().Get("/api/v1/me", ServerHarness::Headers(s));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
  EXPECT_EQ(PostLogin(h_, u.username, "a-new-password")->status, 200);
  EXPECT_EQ(PostLogin(h_, u.username, u.password)->status, 401);
}

TEST_F(SessionTest, ChangeOwnPasswordWithAWrongOldPasswordIs400) {
  const TestUser& u = h_.User(Role::kPrefecture);
  Session s = h_.Login(u);
  nlohmann::json body = {{"old_password", "not-it-at-all"}, {"new_password", "a-new-password"}};
  auto res = h_.Client().Post("/api/v1/me/password", ServerHarness::Headers(s), body.dump(),
                              "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
  EXPECT_EQ(PostLogin(h_, u.username, u.password)->status, 200);
}

}  // namespace
}  // namespace xianjie::server::testing
