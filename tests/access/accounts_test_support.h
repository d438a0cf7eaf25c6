// A fixture for Accounts tests: a memory store, a clock the test moves, cheap password hashing,
// and helpers to read the audit log.
#ifndef XIANJIE_TESTS_ACCESS_ACCOUNTS_TEST_SUPPORT_H_
#define XIANJIE_TESTS_ACCESS_ACCOUNTS_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "access/accounts.h"
#include "store/memory/memory_store.h"

namespace xianjie::access {

class AccountsTest : public ::testing::Test {
 protected:
  // 2026-11-29T08:00:00Z.
  static constexpr int64_t kStart = 1795939200;

  AccountsTest() { Reset(); }

  void Reset() {
    AccountsOptions options;
    options.password_cost = PasswordCost{.memory_kib = 64, .passes = 1, .lanes = 1};
    options.now = [this] { return now_; };
    accounts_ = std::make_unique<Accounts>(store_, store_, options);
  }

  void Advance(int64_t seconds) { now_ += seconds; }

  // Adds a village officer `name` with password "password-1".
  void AddVillager(const std::string& name) {
    Status s =
        accounts_->AddUser("admin", name, "password-1", Role::kVillage, "630121100201", "张三");
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  Result<LoginResult> Login(const std::string& name, const std::string& password,
                            const std::string& client = "10.0.0.1") {
    return accounts_->Login(name, password, client, "test-agent");
  }

  std::vector<AuditEntry> Audit() {
    std::vector<AuditEntry> out;
    Status s = store_.ForEach([&](const AuditEntry& e) {
      out.push_back(e);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  std::vector<std::string> AuditActions() {
    std::vector<std::string> actions;
    for (const AuditEntry& e : Audit()) actions.push_back(e.action);
    return actions;
  }

  int64_t now_ = kStart;
  store::MemoryStore store_;
  std::unique_ptr<Accounts> accounts_;
};

}  // namespace xianjie::access

#endif  // XIANJIE_TESTS_ACCESS_ACCOUNTS_TEST_SUPPORT_H_
