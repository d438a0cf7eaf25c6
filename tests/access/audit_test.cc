// The audit chain without a database: HMAC-SHA-256 against RFC 4231, the hash of a fixed entry
// (pinning the canonical encoding), that the length prefixes keep field boundaries apart, and
// what VerifyAuditChain reports for a changed, a deleted and a re-linked entry of a log held in
// a vector.
#include "access/audit.h"

#include <gtest/gtest.h>

#include <vector>

namespace xianjie::access {
namespace {

// An AuditStore over a vector that tests may edit freely.
class VectorAuditStore : public AuditStore {
 public:
  Result<AuditEntry> Append(const std::string& user, const std::string& action,
                            const std::string& subject, const std::string& detail) override {
    AuditEntry e;
    e.seq = static_cast<int64_t>(entries.size()) + 1;
    e.time = "2026-11-29T02:08:0" + std::to_string(e.seq % 10) + "Z";
    e.user = user;
    e.action = action;
    e.subject = subject;
    e.detail = detail;
    e.prev_hash = entries.empty() ? kGenesisHash : entries.back().hash;
    e.hash = AuditEntryHash(e);
    entries.push_back(e);
    return e;
  }
  Status ForEach(const std::function<Status(const AuditEntry&)>& fn) override {
    for (const AuditEntry& e : entries) XJ_RETURN_IF_ERROR(fn(e));
    return Status::Ok();
  }
  Result<int64_t> Count() override { return static_cast<int64_t>(entries.size()); }

  std::vector<AuditEntry> entries;
};

VectorAuditStore LogOf(int n) {
  VectorAuditStore store;
  for (int i = 1; i <= n; ++i) {
    (void)store.Append("张三", "household.explain", "H" + std::to_string(i), "");
  }
  return store;
}

AuditVerification Verify(VectorAuditStore& store) {
  auto v = VerifyAuditChain(store);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v.ok() ? *v : AuditVerification{};
}

// RFC 4231, test cases 1 and 2: the published HMAC-SHA-256 values.
TEST(HmacSha256HexTest, MatchesTheRfc4231Vectors) {
  EXPECT_EQ(HmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256HexTest, TheKeyMatters) {
  EXPECT_NE(HmacSha256Hex("key-a", "630102001001|1764381600|ab"),
            HmacSha256Hex("key-b", "630102001001|1764381600|ab"));
}

TEST(AuditEntryHashTest, AFixedEntryHasAFixedHash) {
  AuditEntry e;
  e.seq = 1;
  e.time = "2026-11-29T02:08:06Z";
  e.user = "张三";
  e.action = "household.explain";
  e.subject = "632123000001";
  e.prev_hash = kGenesisHash;
  EXPECT_EQ(AuditEntryHash(e), "2626dfee05d3b9bbdadb001d177ec712bfb751da14d77a647f756b16af5e0206");
}

TEST(AuditEntryHashTest, MovingBytesBetweenFieldsChangesTheHash) {
  AuditEntry a;
  a.user = "ab";
  a.action = "c";
  AuditEntry b = a;
  b.user = "a";
  b.action = "bc";
  EXPECT_NE(AuditEntryHash(a), AuditEntryHash(b));
}

TEST(AuditEntryHashTest, TheStoredHashIsNotHashed) {
  AuditEntry a;
  AuditEntry b;
  b.hash = "anything";
  EXPECT_EQ(AuditEntryHash(a), AuditEntryHash(b));
}

TEST(VerifyAuditChainTest, AnUntouchedLogIsIntact) {
  VectorAuditStore store = LogOf(4);
  AuditVerification v = Verify(store);
  EXPECT_EQ(v.entries, 4);
  EXPECT_EQ(v.first_bad_seq, 0);
}

TEST(VerifyAuditChainTest, AChangedFieldIsAHashMismatchAtThatEntry) {
  VectorAuditStore store = LogOf(4);
  store.entries[2].detail = R"({"note":"edited"})";
  AuditVerification v = Verify(store);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.reason.find("changed"), std::string::npos) << v.reason;
}

TEST(VerifyAuditChainTest, ADeletedEntryIsASeqGapAtTheNextEntry) {
  VectorAuditStore store = LogOf(4);
  store.entries.erase(store.entries.begin() + 1);
  AuditVerification v = Verify(store);
  EXPECT_EQ(v.entries, 3);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.reason.find("entry 2 is missing"), std::string::npos) << v.reason;
}

TEST(VerifyAuditChainTest, ADeletedFirstEntryIsFound) {
  VectorAuditStore store = LogOf(2);
  store.entries.erase(store.entries.begin());
  EXPECT_EQ(Verify(store).first_bad_seq, 2);
}

TEST(VerifyAuditChainTest, ARehashedEntryBreaksTheNextLink) {
  VectorAuditStore store = LogOf(4);
  store.entries[1].user = "李四";
  store.entries[1].hash = AuditEntryHash(store.entries[1]);
  AuditVerification v = Verify(store);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.reason.find("prev_hash"), std::string::npos) << v.reason;
}

TEST(VerifyAuditChainTest, ATruncatedTailGoesUnnoticed) {
  // Documented limit (audit.h): the last hash must be kept elsewhere to detect this.
  VectorAuditStore store = LogOf(4);
  store.entries.pop_back();
  AuditVerification v = Verify(store);
  EXPECT_EQ(v.entries, 3);
  EXPECT_EQ(v.first_bad_seq, 0);
}

TEST(VerifyAuditChainTest, AReadErrorIsReturned) {
  class FailingStore : public VectorAuditStore {
    Status ForEach(const std::function<Status(const AuditEntry&)>&) override {
      return IoError("disk gone");
    }
  } store;
  EXPECT_EQ(VerifyAuditChain(store).status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace xianjie::access
