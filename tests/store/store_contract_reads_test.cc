// Storage contract: reads of the current state (scan order and early stop, current hashes and
// members, lookups by id), quarantine order, counts, and reads from callbacks and threads.
#include <atomic>
#include <map>
#include <thread>

#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using registry::HouseholdVersion;
using registry::QuarantineEntry;

TEST_P(StoreContractTest, ScanCurrentGoesInHouseholdIdByteOrder) {
  // Byte order: digits < upper case < lower case < any multi-byte UTF-8 character.
  const std::vector<std::string> ids = {"b", "中2", "B", "a1", "a", "Z", "0", "aa", "中", "é"};
  std::vector<HouseholdVersion> versions;
  for (const auto& id : ids) versions.push_back(MakeVersion(MakeRecord(id, 1), 1));
  ASSERT_TRUE(CommitBatch(store(), versions).ok());
  std::vector<std::string> expected = {"0", "B", "Z", "a", "a1", "aa", "b", "é", "中", "中2"};
  EXPECT_EQ(ScannedIds(store()), expected);
}

TEST_P(StoreContractTest, ScanCurrentYieldsWholeCurrentVersions) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2, 1), 1),
                                    MakeVersion(MakeRecord("H2", 3, 2), 1)})
                  .ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 4, 3), 2)}).ok());
  std::vector<HouseholdVersion> seen;
  XJ_ASSERT_OK(store().ScanCurrent([&](const HouseholdVersion& v) {
    seen.push_back(v);
    return Status::Ok();
  }));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].version, 2);
  EXPECT_EQ(seen[0].batch_id, 2);
  EXPECT_EQ(seen[0].record, MakeRecord("H1", 4, 3));
  EXPECT_EQ(seen[1].version, 1);
  EXPECT_EQ(seen[1].record, MakeRecord("H2", 3, 2));
}

TEST_P(StoreContractTest, ScanCurrentStopsAtTheFirstError) {
  std::vector<HouseholdVersion> versions;
  for (int i = 0; i < 5; ++i)
    versions.push_back(MakeVersion(MakeRecord("H" + std::to_string(i), 2), 1));
  ASSERT_TRUE(CommitBatch(store(), versions).ok());
  int calls = 0;
  Status status = store().ScanCurrent([&](const HouseholdVersion& v) {
    ++calls;
    if (v.record.household.household_id == "H2") return NotFound("stop at H2");
    return Status::Ok();
  });
  EXPECT_EQ(status, NotFound("stop at H2"));
  EXPECT_EQ(calls, 3);
}

TEST_P(StoreContractTest, ScanCurrentOfAnEmptyStoreCallsNothing) {
  EXPECT_TRUE(ScannedIds(store()).empty());
}

TEST_P(StoreContractTest, ForEachCurrentHashSeesTheCurrentVersionAndHash) {
  HouseholdVersion h1v2 = MakeVersion(MakeRecord("H1", 2, 5), 2);
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1), 1),
                                    MakeVersion(MakeRecord("H2", 1), 1)})
                  .ok());
  ASSERT_TRUE(CommitBatch(store(), {h1v2}).ok());
  std::map<std::string, std::pair<int32_t, uint64_t>> seen;
  XJ_ASSERT_OK(store().ForEachCurrentHash([&](const std::string& id, int32_t v, uint64_t hash) {
    EXPECT_TRUE(seen.emplace(id, std::make_pair(v, hash)).second) << id;
  }));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen["H1"], std::make_pair(2, h1v2.content_hash));
  EXPECT_EQ(seen["H2"], std::make_pair(1, registry::ContentHash(MakeRecord("H2", 1))));
}

TEST_P(StoreContractTest, ForEachCurrentMemberSeesOnlyCurrentMembers) {
  registry::HouseholdRecord v1 = MakeRecord("H1", 3, 1);
  registry::HouseholdRecord v2 = v1;
  std::string removed = v2.members.back().id_number;
  v2.members.pop_back();
  v2.members.push_back(v1.members[0]);
  v2.members.back().id_number = TestIdNumber(777);
  v2.members.back().relation = registry::Relation::kSpouse;
  registry::Canonicalize(v2);
  ASSERT_TRUE(
      CommitBatch(store(), {MakeVersion(v1, 1), MakeVersion(MakeRecord("H2", 1, 2), 1)}).ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(v2, 2)}).ok());
  std::multimap<std::string, std::string> seen;
  XJ_ASSERT_OK(store().ForEachCurrentMember(
      [&](const std::string& id_number, const std::string& household_id) {
        seen.emplace(id_number, household_id);
      }));
  std::multimap<std::string, std::string> expected;
  for (const auto& m : v2.members) expected.emplace(m.id_number, "H1");
  expected.emplace(MakeRecord("H2", 1, 2).members[0].id_number, "H2");
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(seen.count(removed), 0u);
  EXPECT_EQ(Counts().members, 4);
}

TEST_P(StoreContractTest, GetCurrentSkipsUnknownIdsAndKeepsTheOrderAsked) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1, 1), 1),
                                    MakeVersion(MakeRecord("H2", 2, 2), 1),
                                    MakeVersion(MakeRecord("H3", 1, 3), 1)})
                  .ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H3", 3, 4), 2)}).ok());
  const std::string ids[] = {"H3", "nobody", "H1", ""};
  auto found = store().GetCurrent(ids);
  XJ_ASSERT_OK(found);
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].version, 2);
  EXPECT_EQ((*found)[0].record, MakeRecord("H3", 3, 4));
  EXPECT_EQ((*found)[1].record, MakeRecord("H1", 1, 1));
  EXPECT_TRUE(store().GetCurrent({})->empty());
}

TEST_P(StoreContractTest, QuarantineIsPerBatchInFileAndLineOrder) {
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  const QuarantineEntry entries[] = {
      {0, "members.csv", 12, "sex", "member.sex", "Q", "性别只能是 M 或 F", "a,b,Q"},
      {0, "households.csv", 40, "", "household.no_head", "", "no head", "h40"},
      {0, "members.csv", 3, "id_number", "id_number.check", "63010219900101001X", "m", "r3"},
      {0, "households.csv", 7, "status", "household.status", "??", "m", "h7"},
      {0, "members.csv", 12, "birth_date", "member.birth_date", "1990-02-30", "second", "a,b"},
  };
  for (const auto& e : entries) XJ_ASSERT_OK((*writer)->PutQuarantine(e));
  XJ_ASSERT_OK((*writer)->Commit("{}"));
  int64_t first = (*writer)->info().batch_id;

  auto other = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(other);
  XJ_ASSERT_OK((*other)->PutQuarantine({0, "x.csv", 1, "c", "r", "v", "m", "rec"}));
  XJ_ASSERT_OK((*other)->Commit("{}"));

  auto got = store().Quarantine(first);
  XJ_ASSERT_OK(got);
  std::vector<QuarantineEntry> expected = {entries[3], entries[1], entries[2], entries[0],
                                           entries[4]};
  for (auto& e : expected) e.batch_id = first;
  EXPECT_EQ(*got, expected);
  auto second = store().Quarantine((*other)->info().batch_id);
  XJ_ASSERT_OK(second);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ(second->front().file, "x.csv");
  EXPECT_TRUE(store().Quarantine(42)->empty());
  EXPECT_EQ(Counts().quarantined, 6);
}

TEST_P(StoreContractTest, CountsOfAnEmptyStoreAreZero) {
  registry::RegistryCounts c = Counts();
  EXPECT_EQ(c.households, 0);
  EXPECT_EQ(c.members, 0);
  EXPECT_EQ(c.versions, 0);
  EXPECT_EQ(c.batches, 0);
  EXPECT_EQ(c.quarantined, 0);
  EXPECT_EQ(c.regions, 0);
}

TEST_P(StoreContractTest, CountsFollowTheCommittedState) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 3), 1),
                                    MakeVersion(MakeRecord("H2", 2), 1)})
                  .ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1, 1), 2)}).ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 4, 2), 3)}).ok());
  registry::RegistryCounts c = Counts();
  EXPECT_EQ(c.households, 2);
  EXPECT_EQ(c.members, 6);
  EXPECT_EQ(c.versions, 4);
  EXPECT_EQ(c.batches, 3);
}

TEST_P(StoreContractTest, CallbacksMayReadTheStore) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2), 1),
                                    MakeVersion(MakeRecord("H2", 2), 1)})
                  .ok());
  int checked = 0;
  XJ_ASSERT_OK(store().ScanCurrent([&](const HouseholdVersion& v) {
    std::string ids[] = {v.record.household.household_id};
    auto again = store().GetCurrent(ids);
    XJ_RETURN_IF_ERROR(again.status());
    EXPECT_EQ(again->at(0), v);
    XJ_RETURN_IF_ERROR(store().History(ids[0]));
    ++checked;
    return Status::Ok();
  }));
  EXPECT_EQ(checked, 2);
}

TEST_P(StoreContractTest, ReadersInOtherThreadsSeeWholeBatchesOnly) {
  constexpr int kBatches = 8;
  constexpr int kPerBatch = 20;
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  auto read = [&] {
    while (!done) {
      auto counts = store().Counts();
      if (!counts.ok() || counts->households % kPerBatch != 0 ||
          counts->households != counts->batches * kPerBatch) {
        ++bad;
      }
      size_t scanned = ScannedIds(store()).size();
      if (scanned % kPerBatch != 0) ++bad;
    }
  };
  std::thread a(read);
  std::thread b(read);
  for (int batch = 0; batch < kBatches; ++batch) {
    std::vector<HouseholdVersion> versions;
    for (int i = 0; i < kPerBatch; ++i) {
      versions.push_back(
          MakeVersion(MakeRecord("B" + std::to_string(batch) + "-" + std::to_string(i), 2), 1));
    }
    EXPECT_TRUE(CommitBatch(store(), versions).ok());
  }
  done = true;
  a.join();
  b.join();
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(Counts().households, kBatches * kPerBatch);
}

}  // namespace
}  // namespace xianjie::store::testing
