// Accounts::Login: a good login, one answer for a wrong password, an unknown and a disabled
// user, the throttle per username and per client and its lifting, and the audit entries.
#include <string>

#include "access/accounts_test_support.h"

namespace xianjie::access {
namespace {

TEST_F(AccountsTest, ALoginOpensASessionForTheUser) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  EXPECT_EQ(login->principal, (Principal{"zhang", Role::kVillage, "630121100201"}));
  EXPECT_EQ(login->display_name, "张三");
  EXPECT_EQ(login->token.size(), 64u);
  EXPECT_EQ(login->csrf_token.size(), 64u);
  EXPECT_NE(login->token, login->csrf_token);
  EXPECT_EQ(login->expires_at, "2026-11-29T20:00:00Z");  // 12 h after 08:00
  auto session = accounts_->Authenticate(login->token);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->principal.username, "zhang");
  EXPECT_EQ(session->csrf_token, login->csrf_token);
}

TEST_F(AccountsTest, EachLoginIssuesANewToken) {
  AddVillager("zhang");
  auto a = Login("zhang", "password-1");
  auto b = Login("zhang", "password-1");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->token, b->token);
  EXPECT_NE(a->csrf_token, b->csrf_token);
}

TEST_F(AccountsTest, AWrongPasswordIsUnauthenticated) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-2");
  EXPECT_EQ(login.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(login.status().message(), "wrong username or password");
}

TEST_F(AccountsTest, AnUnknownUserGetsTheSameAnswerAsAWrongPassword) {
  AddVillager("zhang");
  auto wrong = Login("zhang", "password-2");
  auto unknown = Login("nobody", "password-1");
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status(), wrong.status());
}

TEST_F(AccountsTest, ADisabledUserGetsTheSameAnswerEvenWithTheRightPassword) {
  AddVillager("zhang");
  auto wrong = Login("zhang", "password-2");
  ASSERT_TRUE(accounts_->SetDisabled("admin", "zhang", true).ok());
  auto disabled = Login("zhang", "password-1");
  EXPECT_EQ(disabled.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(disabled.status(), wrong.status());
}

TEST_F(AccountsTest, FiveFailuresLockTheUsername) {
  AddVillager("zhang");
  for (int i = 0; i < 5; ++i) {
    // Each from another address: the username's count alone must lock it.
    auto failed = Login("zhang", "wrong-password", "10.0.0." + std::to_string(i));
    EXPECT_EQ(failed.status().code(), StatusCode::kUnauthenticated) << i;
  }
  auto locked = Login("zhang", "password-1", "10.0.0.99");
  EXPECT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(locked.status().message().find("try again in 15 minutes"), std::string::npos)
      << locked.status().message();
}

TEST_F(AccountsTest, FiveFailuresLockTheClient) {
  AddVillager("zhang");
  for (int i = 0; i < 5; ++i) {
    auto failed = Login("user" + std::to_string(i), "wrong-password", "10.9.9.9");
    EXPECT_EQ(failed.status().code(), StatusCode::kUnauthenticated) << i;
  }
  EXPECT_EQ(Login("zhang", "password-1", "10.9.9.9").status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_TRUE(Login("zhang", "password-1", "10.0.0.1").ok());
}

TEST_F(AccountsTest, FourFailuresDoNotLock) {
  AddVillager("zhang");
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(Login("zhang", "wrong-password").ok());
  EXPECT_TRUE(Login("zhang", "password-1").ok());
}

TEST_F(AccountsTest, FailuresOutsideTheWindowDoNotCount) {
  AddVillager("zhang");
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(Login("zhang", "wrong-password").ok());
  Advance(15 * 60 + 1);
  EXPECT_EQ(Login("zhang", "wrong-password").status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(Login("zhang", "password-1").ok());
}

TEST_F(AccountsTest, TheLockLiftsAfterTheLockout) {
  AddVillager("zhang");
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(Login("zhang", "wrong-password").ok());
  Advance(15 * 60 - 1);
  auto still = Login("zhang", "password-1");
  EXPECT_EQ(still.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(still.status().message().find("try again in 1 minute"), std::string::npos)
      << still.status().message();
  Advance(1);
  EXPECT_TRUE(Login("zhang", "password-1").ok());
}

TEST_F(AccountsTest, ALockedAttemptWithTheRightPasswordDoesNotLogIn) {
  AddVillager("zhang");
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(Login("zhang", "wrong-password").ok());
  auto locked = Login("zhang", "password-1");
  EXPECT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  for (const std::string& action : AuditActions()) EXPECT_NE(action, "user.login");
}

TEST_F(AccountsTest, LoginsAndFailuresAreAudited) {
  AddVillager("zhang");
  ASSERT_TRUE(Login("zhang", "password-1", "10.1.2.3").ok());
  EXPECT_FALSE(Login("zhang", "nope-nope", "10.1.2.4").ok());
  std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].action, "user.add");
  EXPECT_EQ(audit[1].action, "user.login");
  EXPECT_EQ(audit[1].user, "zhang");
  EXPECT_EQ(audit[1].detail, R"({"client":"10.1.2.3","user_agent":"test-agent"})");
  EXPECT_EQ(audit[2].action, "user.login_failed");
  EXPECT_EQ(audit[2].subject, "zhang");
  EXPECT_NE(audit[2].detail.find("10.1.2.4"), std::string::npos);
}

TEST_F(AccountsTest, TheSessionStoresOnlyTheTokensHash) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  auto by_token = store_.GetSession(login->token);
  ASSERT_TRUE(by_token.ok());
  EXPECT_FALSE(by_token->has_value());
  auto by_hash = store_.GetSession(SessionTokenHash(login->token));
  ASSERT_TRUE(by_hash.ok());
  ASSERT_TRUE(by_hash->has_value());
  const Session& s = **by_hash;
  for (const std::string* field :
       {&s.token_hash, &s.username, &s.csrf_token, &s.created_at, &s.last_seen_at, &s.client}) {
    EXPECT_EQ(field->find(login->token), std::string::npos);
  }
}

TEST(SessionTokenTest, TokensAreFreshLowerCaseHex) {
  std::string a = NewSessionToken();
  std::string b = NewSessionToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos) << a;
}

TEST(SessionTokenTest, TheHashIsSha256Hex) {
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(SessionTokenHash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace xianjie::access
