// Accounts sessions and administration: idle and absolute expiry under the test's clock,
// logout, password change and disabling end sessions, the checks of AddUser, the audit entries,
// and that a SQLite database file never holds a raw session token.
#include <fstream>
#include <iterator>
#include <string>

#include "access/accounts_test_support.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_files.h"

namespace xianjie::access {
namespace {

TEST_F(AccountsTest, ASessionUsedWithinTheIdleTimeoutStaysOpen) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  for (int i = 0; i < 6; ++i) {
    Advance(29 * 60);
    auto s = accounts_->Authenticate(login->token);
    ASSERT_TRUE(s.ok()) << i << ": " << s.status().ToString();
  }
}

TEST_F(AccountsTest, AuthenticateReportsTheEarlierExpiry) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  Advance(60);
  auto s = accounts_->Authenticate(login->token);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->expires_at, "2026-11-29T08:31:00Z");  // idle: 08:01 + 30 min
  Advance(12 * 60 * 60 - 60 - 20 * 60);  // 19:40: idle for longer than 30 min
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(),
            StatusCode::kUnauthenticated);
}

// Busy sessions do not write on every request: last_seen_at moves only once it is a minute old.
TEST_F(AccountsTest, LastUseIsRecordedAtMostOnceAMinute) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  const std::string hash = SessionTokenHash(login->token);
  auto last_seen = [&] { return store_.GetSession(hash).value().value().last_seen_at; };
  Advance(59);
  auto s = accounts_->Authenticate(login->token);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(last_seen(), "2026-11-29T08:00:00Z");
  EXPECT_EQ(s->expires_at, "2026-11-29T08:30:00Z");  // idle, from the recorded use
  Advance(1);
  ASSERT_TRUE(accounts_->Authenticate(login->token).ok());
  EXPECT_EQ(last_seen(), "2026-11-29T08:01:00Z");
}

TEST_F(AccountsTest, AnIdleSessionEnds) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  Advance(30 * 60);
  ASSERT_TRUE(accounts_->Authenticate(login->token).ok());  // exactly at the limit
  Advance(30 * 60 + 1);
  auto s = accounts_->Authenticate(login->token);
  EXPECT_EQ(s.status().code(), StatusCode::kUnauthenticated);
  auto stored = store_.GetSession(SessionTokenHash(login->token));
  ASSERT_TRUE(stored.ok());
  EXPECT_FALSE(stored->has_value());  // removed, not just refused
}

TEST_F(AccountsTest, ASessionEndsTwelveHoursAfterLoginHoweverBusy) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  for (int minutes = 20; minutes <= 12 * 60; minutes += 20) {
    Advance(20 * 60);
    ASSERT_TRUE(accounts_->Authenticate(login->token).ok()) << minutes;
  }
  auto s = accounts_->Authenticate(login->token);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->expires_at, "2026-11-29T20:00:00Z");
  Advance(1);
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, AnUnknownTokenIsUnauthenticated) {
  EXPECT_EQ(accounts_->Authenticate(NewSessionToken()).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->Authenticate("").status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, LogoutEndsTheSessionAndIsAudited) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  auto other = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok() && other.ok());
  ASSERT_TRUE(accounts_->Logout(login->token).ok());
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(accounts_->Authenticate(other->token).ok());
  EXPECT_EQ(AuditActions().back(), "user.logout");
  EXPECT_TRUE(accounts_->Logout(login->token).ok());  // again: unknown, not an error
}

TEST_F(AccountsTest, SetPasswordEndsSessionsAndChangesThePassword) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  Advance(60);
  ASSERT_TRUE(accounts_->SetPassword("admin", "zhang", "password-2").ok());
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(Login("zhang", "password-1").status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(Login("zhang", "password-2").ok());
  auto users = accounts_->ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->at(0).password_changed_at, "2026-11-29T08:01:00Z");
  EXPECT_EQ(users->at(0).created_at, "2026-11-29T08:00:00Z");
}

TEST_F(AccountsTest, ChangeOwnPasswordNeedsTheOldOneAndEndsSessions) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  Status wrong = accounts_->ChangeOwnPassword("zhang", "password-x", "password-2", "10.0.0.1", "t");
  EXPECT_EQ(wrong.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AuditActions().back(), "user.password_failed");
  EXPECT_TRUE(accounts_->Authenticate(login->token).ok());  // nothing changed
  EXPECT_EQ(accounts_->ChangeOwnPassword("zhang", "password-1", "short", "10.0.0.1", "t").code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(accounts_->ChangeOwnPassword("zhang", "password-1", "password-2", "10.0.0.1", "t")
                  .ok());
  EXPECT_EQ(AuditActions().back(), "user.password");
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_FALSE(Login("zhang", "password-1").ok());
  EXPECT_TRUE(Login("zhang", "password-2").ok());
}

// Guessing the old password through a password change is throttled like logins.
TEST_F(AccountsTest, ChangeOwnPasswordIsThrottledLikeLogin) {
  AddVillager("zhang");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(accounts_->ChangeOwnPassword("zhang", "guess", "password-2", "10.0.0.9", "t").code(),
              StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(accounts_->ChangeOwnPassword("zhang", "password-1", "password-2", "10.0.0.9", "t")
                .code(),
            StatusCode::kResourceExhausted);
}

TEST_F(AccountsTest, SetPasswordChecksThePolicyAndTheUser) {
  AddVillager("zhang");
  EXPECT_EQ(accounts_->SetPassword("admin", "zhang", "short").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(accounts_->SetPassword("admin", "nobody", "password-2").code(), StatusCode::kNotFound);
  EXPECT_TRUE(Login("zhang", "password-1").ok());
}

TEST_F(AccountsTest, DisablingEndsSessionsAndEnablingAllowsLoginAgain) {
  AddVillager("zhang");
  auto login = Login("zhang", "password-1");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(accounts_->SetDisabled("admin", "zhang", true).ok());
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  ASSERT_TRUE(accounts_->SetDisabled("admin", "zhang", false).ok());
  EXPECT_TRUE(Login("zhang", "password-1").ok());
  EXPECT_EQ(accounts_->SetDisabled("admin", "nobody", true).code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, AdministrationIsAuditedWithTheActor) {
  AddVillager("zhang");
  ASSERT_TRUE(accounts_->SetPassword("root", "zhang", "password-2").ok());
  ASSERT_TRUE(accounts_->SetDisabled("root", "zhang", true).ok());
  ASSERT_TRUE(accounts_->SetDisabled("root", "zhang", false).ok());
  std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 4u);
  EXPECT_EQ(audit[0].action, "user.add");
  EXPECT_EQ(audit[0].user, "admin");
  EXPECT_EQ(audit[0].subject, "zhang");
  EXPECT_EQ(audit[0].detail, R"({"role":"village","scope":"630121100201"})");
  EXPECT_EQ(audit[1].action, "user.password");
  EXPECT_EQ(audit[2].action, "user.disable");
  EXPECT_EQ(audit[3].action, "user.enable");
  for (size_t i = 1; i < audit.size(); ++i) EXPECT_EQ(audit[i].user, "root");
  for (const AuditEntry& e : audit) EXPECT_EQ(e.detail.find("password-"), std::string::npos);
}

TEST_F(AccountsTest, AddUserRefusesATakenUsername) {
  AddVillager("zhang");
  EXPECT_EQ(accounts_->AddUser("admin", "zhang", "password-9", Role::kProvince, "63").code(),
            StatusCode::kAlreadyExists);
  EXPECT_TRUE(Login("zhang", "password-1").ok());
}

TEST_F(AccountsTest, AddUserChecksUsernameScopeAndPassword) {
  EXPECT_EQ(accounts_->AddUser("a", "", "password-1", Role::kProvince, "63").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(accounts_->AddUser("a", "zhang san", "password-1", Role::kProvince, "63").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(accounts_->AddUser("a", "张三", "password-1", Role::kProvince, "63").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      accounts_->AddUser("a", std::string(65, 'z'), "password-1", Role::kProvince, "63").code(),
      StatusCode::kInvalidArgument);
  EXPECT_TRUE(
      accounts_->AddUser("a", std::string(64, 'z'), "password-1", Role::kProvince, "63").ok());
  EXPECT_EQ(accounts_->AddUser("a", "li", "password-1", Role::kCounty, "6301").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(accounts_->AddUser("a", "li", "short", Role::kCounty, "630121").code(),
            StatusCode::kInvalidArgument);
  auto users = accounts_->ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 1u);
}

TEST_F(AccountsTest, ListUsersGivesSummariesInUsernameOrder) {
  AddVillager("zhang");
  ASSERT_TRUE(accounts_->AddUser("a", "li", "password-1", Role::kAuditor, "6301").ok());
  auto users = accounts_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ(users->at(0).username, "li");
  EXPECT_EQ(users->at(0).role, Role::kAuditor);
  EXPECT_EQ(users->at(0).scope, "6301");
  EXPECT_EQ(users->at(1).username, "zhang");
  EXPECT_EQ(users->at(1).display_name, "张三");
  EXPECT_FALSE(users->at(1).disabled);
}

TEST_F(AccountsTest, PurgeRemovesOnlyExpiredSessions) {
  AddVillager("zhang");
  auto old = Login("zhang", "password-1");
  Advance(31 * 60);
  auto fresh = Login("zhang", "password-1");
  ASSERT_TRUE(old.ok() && fresh.ok());
  auto n = accounts_->PurgeExpiredSessions();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_TRUE(accounts_->Authenticate(fresh->token).ok());
}

TEST(AccountsSqliteTest, TheDatabaseFileNeverHoldsTheRawToken) {
  testing::TempDir dir;
  const std::string path = dir / "x.db";
  auto db = store::SqliteStore::Open(path, store::OpenMode::kCreate);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  AccountsOptions options;
  options.password_cost = PasswordCost{.memory_kib = 64, .passes = 1, .lanes = 1};
  Accounts accounts(**db, **db, options);
  ASSERT_TRUE(accounts.AddUser("admin", "zhang", "password-1", Role::kCounty, "630121").ok());
  auto login = accounts.Login("zhang", "password-1", "10.0.0.1", "agent");
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  ASSERT_TRUE(accounts.Authenticate(login->token).ok());
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(path + suffix, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), {});
  }
  // The hash is there, which shows the search reads what the store wrote; the token is not.
  EXPECT_NE(bytes.find(SessionTokenHash(login->token)), std::string::npos);
  EXPECT_EQ(bytes.find(login->token), std::string::npos);
  EXPECT_EQ(bytes.find("password-1"), std::string::npos);
}

}  // namespace
}  // namespace xianjie::access
