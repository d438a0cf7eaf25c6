// Storage contract of access::AuditStore, run once per backend: appends number and chain the
// entries, read back as written and in order, refused inputs, concurrent appenders never fork
// the chain, and VerifyAuditChain over an untouched log.
#include <thread>
#include <vector>

#include "access/audit.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using access::AuditEntry;

class AuditStoreContractTest : public StoreContractTest {
 protected:
  std::vector<AuditEntry> Entries() {
    std::vector<AuditEntry> entries;
    Status s = store().ForEach([&](const AuditEntry& e) {
      entries.push_back(e);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return entries;
  }
};

TEST_P(AuditStoreContractTest, AnEmptyLogHasNoEntriesAndIsIntact) {
  auto count = store().Count();
  XJ_ASSERT_OK(count);
  EXPECT_EQ(*count, 0);
  EXPECT_TRUE(Entries().empty());
  auto v = access::VerifyAuditChain(store());
  XJ_ASSERT_OK(v);
  EXPECT_EQ(v->entries, 0);
  EXPECT_EQ(v->first_bad_seq, 0);
}

TEST_P(AuditStoreContractTest, AppendNumbersAndChainsTheEntries) {
  auto first = store().Append("张三", "household.explain", "632123000001", "");
  XJ_ASSERT_OK(first);
  auto second = store().Append("李四", "export", "/tmp/out", R"({"region":"6301"})");
  XJ_ASSERT_OK(second);
  EXPECT_EQ(first->seq, 1);
  EXPECT_EQ(first->prev_hash, access::kGenesisHash);
  EXPECT_EQ(first->hash, access::AuditEntryHash(*first));
  EXPECT_EQ(first->hash.size(), 64u);
  EXPECT_EQ(first->time.size(), 20u);  // 2026-11-29T02:08:06Z
  EXPECT_EQ(second->seq, 2);
  EXPECT_EQ(second->prev_hash, first->hash);
  EXPECT_EQ(second->hash, access::AuditEntryHash(*second));
  EXPECT_NE(second->hash, first->hash);
}

TEST_P(AuditStoreContractTest, ForEachReadsTheEntriesAsAppendedInSeqOrder) {
  std::vector<AuditEntry> appended;
  for (int i = 0; i < 5; ++i) {
    auto e = store().Append("user" + std::to_string(i), "household.history",
                            "H" + std::to_string(i), i % 2 == 0 ? "" : R"({"n":1})");
    XJ_ASSERT_OK(e);
    appended.push_back(*e);
  }
  EXPECT_EQ(Entries(), appended);
  auto count = store().Count();
  XJ_ASSERT_OK(count);
  EXPECT_EQ(*count, 5);
}

TEST_P(AuditStoreContractTest, ForEachStopsAtTheCallbacksError) {
  XJ_ASSERT_OK(store().Append("u", "export", "a", ""));
  XJ_ASSERT_OK(store().Append("u", "export", "b", ""));
  int calls = 0;
  Status s = store().ForEach([&](const AuditEntry&) {
    ++calls;
    return Internal("stop");
  });
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(calls, 1);
}

TEST_P(AuditStoreContractTest, AnEntryNeedsAUserAndAnAction) {
  EXPECT_EQ(store().Append("", "export", "x", "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store().Append("u", "", "x", "").status().code(), StatusCode::kInvalidArgument);
  auto count = store().Count();
  XJ_ASSERT_OK(count);
  EXPECT_EQ(*count, 0);
}

TEST_P(AuditStoreContractTest, ConcurrentAppendersNeverForkTheChain) {
  constexpr int kThreads = 4;
  constexpr int kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kEach; ++i) {
        auto e = store().Append("t" + std::to_string(t), "household.read", std::to_string(i), "");
        EXPECT_TRUE(e.ok()) << e.status().ToString();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  auto v = access::VerifyAuditChain(store());
  XJ_ASSERT_OK(v);
  EXPECT_EQ(v->entries, kThreads * kEach);
  EXPECT_EQ(v->first_bad_seq, 0) << v->reason;
}

TEST_P(AuditStoreContractTest, VerifyFindsAnUntouchedLogIntact) {
  for (int i = 0; i < 3; ++i) XJ_ASSERT_OK(store().Append("u", "export", "d", ""));
  auto v = access::VerifyAuditChain(store());
  XJ_ASSERT_OK(v);
  EXPECT_EQ(v->entries, 3);
  EXPECT_EQ(v->first_bad_seq, 0);
  EXPECT_EQ(v->reason, "");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
