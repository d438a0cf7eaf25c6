// Storage contract of access::UserStore, run once per backend: users added, read, updated and
// listed in username order, a taken username refused; sessions stored by token hash, touched,
// ended one by one, per user and by expiry.
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "access/user_store.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using access::Role;
using access::Session;
using access::User;

User MakeUser(const std::string& name, Role role = Role::kCounty,
              const std::string& scope = "630121") {
  return User{.username = name,
              .display_name = "张三",
              .role = role,
              .scope = scope,
              .password_hash = "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA",
              .disabled = false,
              .created_at = "2026-11-29T02:08:06Z",
              .password_changed_at = "2026-11-29T02:08:06Z"};
}

Session MakeSession(const std::string& hash, const std::string& user,
                    const std::string& created = "2026-11-29T08:00:00Z",
                    const std::string& seen = "2026-11-29T08:00:00Z") {
  return Session{.token_hash = hash,
                 .username = user,
                 .csrf_token = "csrf-" + hash,
                 .created_at = created,
                 .last_seen_at = seen,
                 .client = "127.0.0.1 curl/8"};
}

class UserStoreContractTest : public StoreContractTest {
 protected:
  std::optional<User> Get(const std::string& name) {
    auto u = store().GetUser(name);
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : std::nullopt;
  }
  std::optional<Session> GetSession(const std::string& hash) {
    auto s = store().GetSession(hash);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : std::nullopt;
  }
};

TEST_P(UserStoreContractTest, AnAddedUserReadsBackAsWritten) {
  User u = MakeUser("zhang.san-1", Role::kVillage, "630121100201");
  XJ_ASSERT_OK(store().AddUser(u));
  EXPECT_EQ(Get("zhang.san-1"), u);
}

TEST_P(UserStoreContractTest, AnUnknownUserIsNullopt) { EXPECT_EQ(Get("nobody"), std::nullopt); }

TEST_P(UserStoreContractTest, ATakenUsernameIsAlreadyExists) {
  XJ_ASSERT_OK(store().AddUser(MakeUser("li")));
  User other = MakeUser("li", Role::kProvince, "63");
  EXPECT_EQ(store().AddUser(other).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Get("li")->role, Role::kCounty);
}

TEST_P(UserStoreContractTest, UpdateReplacesAllButCreatedAt) {
  User u = MakeUser("wang");
  XJ_ASSERT_OK(store().AddUser(u));
  User changed = u;
  changed.display_name = "王五";
  changed.role = Role::kAuditor;
  changed.scope = "6301";
  changed.password_hash = "$argon2id$v=19$m=64,t=1,p=1$b3RoZXI$b3RoZXI";
  changed.disabled = true;
  changed.password_changed_at = "2026-12-01T00:00:00Z";
  changed.created_at = "1999-01-01T00:00:00Z";
  XJ_ASSERT_OK(store().UpdateUser(changed));
  User expected = changed;
  expected.created_at = u.created_at;
  EXPECT_EQ(Get("wang"), expected);
}

TEST_P(UserStoreContractTest, UpdatingAnUnknownUserIsNotFound) {
  EXPECT_EQ(store().UpdateUser(MakeUser("ghost")).code(), StatusCode::kNotFound);
  EXPECT_EQ(Get("ghost"), std::nullopt);
}

TEST_P(UserStoreContractTest, ListIsInUsernameOrder) {
  for (const char* name : {"zz", "Ab", "a.b", "a-b", "m"})
    XJ_ASSERT_OK(store().AddUser(MakeUser(name)));
  auto users = store().ListUsers();
  XJ_ASSERT_OK(users);
  std::vector<std::string> names;
  for (const User& u : *users) names.push_back(u.username);
  EXPECT_EQ(names, (std::vector<std::string>{"Ab", "a-b", "a.b", "m", "zz"}));
}

TEST_P(UserStoreContractTest, EveryRoleRoundTrips) {
  for (Role role : access::kAllRoles) {
    std::string name = "u" + std::string(access::RoleName(role));
    XJ_ASSERT_OK(store().AddUser(MakeUser(name, role, "63")));
    EXPECT_EQ(Get(name)->role, role) << name;
  }
}

TEST_P(UserStoreContractTest, ASessionReadsBackByItsHash) {
  Session s = MakeSession("h1", "zhang");
  XJ_ASSERT_OK(store().PutSession(s));
  EXPECT_EQ(GetSession("h1"), s);
  EXPECT_EQ(GetSession("h2"), std::nullopt);
}

TEST_P(UserStoreContractTest, ATakenTokenHashIsAlreadyExists) {
  XJ_ASSERT_OK(store().PutSession(MakeSession("h1", "zhang")));
  EXPECT_EQ(store().PutSession(MakeSession("h1", "li")).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(GetSession("h1")->username, "zhang");
}

TEST_P(UserStoreContractTest, TouchSetsLastSeen) {
  XJ_ASSERT_OK(store().PutSession(MakeSession("h1", "zhang")));
  XJ_ASSERT_OK(store().TouchSession("h1", "2026-11-29T08:10:00Z"));
  auto s = GetSession("h1");
  EXPECT_EQ(s->last_seen_at, "2026-11-29T08:10:00Z");
  EXPECT_EQ(s->created_at, "2026-11-29T08:00:00Z");
}

TEST_P(UserStoreContractTest, TouchingAnUnknownSessionIsNotFound) {
  EXPECT_EQ(store().TouchSession("nope", "2026-11-29T08:10:00Z").code(), StatusCode::kNotFound);
}

TEST_P(UserStoreContractTest, DeleteSessionRemovesOnlyThatOneAndIgnoresUnknown) {
  XJ_ASSERT_OK(store().PutSession(MakeSession("h1", "zhang")));
  XJ_ASSERT_OK(store().PutSession(MakeSession("h2", "zhang")));
  XJ_ASSERT_OK(store().DeleteSession("h1"));
  XJ_ASSERT_OK(store().DeleteSession("unknown"));
  EXPECT_EQ(GetSession("h1"), std::nullopt);
  EXPECT_NE(GetSession("h2"), std::nullopt);
}

TEST_P(UserStoreContractTest, DeleteSessionsOfEndsOneUsersSessions) {
  XJ_ASSERT_OK(store().PutSession(MakeSession("h1", "zhang")));
  XJ_ASSERT_OK(store().PutSession(MakeSession("h2", "zhang")));
  XJ_ASSERT_OK(store().PutSession(MakeSession("h3", "li")));
  auto n = store().DeleteSessionsOf("zhang");
  XJ_ASSERT_OK(n);
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(GetSession("h1"), std::nullopt);
  EXPECT_EQ(GetSession("h2"), std::nullopt);
  EXPECT_NE(GetSession("h3"), std::nullopt);
}

TEST_P(UserStoreContractTest, DeleteExpiredSessionsByCreationOrLastSeen) {
  // created too early; seen too early; both fine; exactly at both bounds (kept).
  XJ_ASSERT_OK(
      store().PutSession(MakeSession("old", "a", "2026-11-29T00:00:00Z", "2026-11-29T09:59:00Z")));
  XJ_ASSERT_OK(
      store().PutSession(MakeSession("idle", "a", "2026-11-29T08:00:00Z", "2026-11-29T09:00:00Z")));
  XJ_ASSERT_OK(
      store().PutSession(MakeSession("live", "a", "2026-11-29T08:00:00Z", "2026-11-29T09:59:00Z")));
  XJ_ASSERT_OK(
      store().PutSession(MakeSession("edge", "a", "2026-11-29T01:00:00Z", "2026-11-29T09:30:00Z")));
  auto n = store().DeleteExpiredSessions("2026-11-29T01:00:00Z", "2026-11-29T09:30:00Z");
  XJ_ASSERT_OK(n);
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(GetSession("old"), std::nullopt);
  EXPECT_EQ(GetSession("idle"), std::nullopt);
  EXPECT_NE(GetSession("live"), std::nullopt);
  EXPECT_NE(GetSession("edge"), std::nullopt);
}

TEST_P(UserStoreContractTest, ConcurrentSessionWritersAllLand) {
  constexpr int kThreads = 4;
  constexpr int kEach = 20;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kEach; ++i) {
        Status s = store().PutSession(MakeSession("t" + std::to_string(t) + "-" + std::to_string(i),
                                                  "u" + std::to_string(t)));
        EXPECT_TRUE(s.ok()) << s.ToString();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) {
    auto n = store().DeleteSessionsOf("u" + std::to_string(t));
    XJ_ASSERT_OK(n);
    EXPECT_EQ(*n, kEach);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, UserStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
