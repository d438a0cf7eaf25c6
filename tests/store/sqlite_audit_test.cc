// What only the SQLite store promises about the audit log: its triggers refuse UPDATE and
// DELETE, two stores on one file (as two processes) append without forking the chain, and
// VerifyAuditChain names the first entry changed or deleted by someone with the file who
// dropped the triggers first.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "access/audit.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite_test_support.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

class SqliteAuditTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqlStore> Open() {
    auto store = SqliteStore::Open(db_, OpenMode::kCreate);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // A log of `n` entries, written and closed.
  void Write(int n) {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    for (int i = 1; i <= n; ++i) {
      XJ_ASSERT_OK(store->Append("张三", "household.explain", "H" + std::to_string(i), ""));
    }
  }

  access::AuditVerification Verify() {
    auto store = Open();
    EXPECT_NE(store, nullptr);
    if (store == nullptr) return {};
    auto v = access::VerifyAuditChain(*store);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : access::AuditVerification{};
  }

  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
};

TEST_F(SqliteAuditTest, TheLogSurvivesReopeningAndStaysIntact) {
  Write(3);
  access::AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 3);
  EXPECT_EQ(v.first_bad_seq, 0) << v.reason;
}

TEST_F(SqliteAuditTest, TriggersRefuseUpdateAndDelete) {
  Write(2);
  RawDb raw(db_);
  EXPECT_NE(raw.Exec("UPDATE audit_log SET user_name = 'x' WHERE seq = 1").find("append-only"),
            std::string::npos);
  EXPECT_NE(raw.Exec("DELETE FROM audit_log WHERE seq = 2").find("append-only"), std::string::npos);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM audit_log"), 2);
}

TEST_F(SqliteAuditTest, AChangedEntryIsReportedByItsSeq) {
  Write(5);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("DROP TRIGGER audit_log_no_update; "
                       "UPDATE audit_log SET subject = 'H99' WHERE seq = 3"),
              "");
  }
  access::AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.reason.find("changed"), std::string::npos) << v.reason;
}

TEST_F(SqliteAuditTest, AChangedEntryWithItsHashRecomputedBreaksTheNextLink) {
  Write(4);
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    access::AuditEntry forged;
    XJ_ASSERT_OK(store->ForEach([&](const access::AuditEntry& e) {
      if (e.seq == 2) forged = e;
      return Status::Ok();
    }));
    forged.user = "李四";
    forged.hash = access::AuditEntryHash(forged);
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user_name = '" +
                       forged.user + "', hash = '" + forged.hash + "' WHERE seq = 2"),
              "");
  }
  access::AuditVerification v = Verify();
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.reason.find("prev_hash"), std::string::npos) << v.reason;
}

TEST_F(SqliteAuditTest, ADeletedEntryIsReportedAtTheEntryAfterTheGap) {
  Write(5);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2"),
              "");
  }
  access::AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 4);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.reason.find("missing"), std::string::npos) << v.reason;
}

TEST_F(SqliteAuditTest, ADeletionRenumberedToHideTheGapBreaksTheChain) {
  Write(4);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update; "
                       "DELETE FROM audit_log WHERE seq = 2; "
                       "UPDATE audit_log SET seq = seq - 1 WHERE seq > 2"),
              "");
  }
  access::AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 3);
  EXPECT_EQ(v.first_bad_seq, 2);
}

TEST_F(SqliteAuditTest, TwoStoresOnOneFileAppendWithoutForkingTheChain) {
  Write(0);
  constexpr int kEach = 30;
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([this, t] {
      auto store = Open();  // a connection of its own, as another process would have
      ASSERT_NE(store, nullptr);
      for (int i = 0; i < kEach; ++i) {
        auto e = store->Append("p" + std::to_string(t), "household.read", std::to_string(i), "");
        EXPECT_TRUE(e.ok()) << e.status().ToString();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  access::AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 2 * kEach);
  EXPECT_EQ(v.first_bad_seq, 0) << v.reason;
}

}  // namespace
}  // namespace xianjie::store::testing
