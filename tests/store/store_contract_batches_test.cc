// Storage contract: version numbering, batch atomicity and ids, one writer at a time, batch
// records with their reports, and a household's history.
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using registry::HouseholdVersion;

TEST_P(StoreContractTest, TheFirstVersionOfAHouseholdMustBeOne) {
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  for (int32_t wrong : {0, 2, -1}) {
    Status status = (*writer)->PutVersion(MakeVersion(MakeRecord("H1", 2), wrong));
    EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << wrong;
    EXPECT_NE(status.message().find("H1"), std::string::npos) << status.message();
  }
  XJ_EXPECT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 2), 1)));
}

TEST_P(StoreContractTest, ANewVersionMustFollowTheCurrentOne) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2), 1)}).ok());
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  for (int32_t wrong : {1, 3}) {
    Status status = (*writer)->PutVersion(MakeVersion(MakeRecord("H1", 2, 7), wrong));
    EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << wrong;
    EXPECT_NE(status.message().find("current version is 1"), std::string::npos) << status.message();
  }
  XJ_EXPECT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 2, 7), 2)));
  XJ_EXPECT_OK((*writer)->Commit("{}"));
  EXPECT_EQ(Current("H1").version, 2);
}

TEST_P(StoreContractTest, ABatchMayAddSeveralVersionsOfAHousehold) {
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 1, 1), 1)));
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 2, 2), 2)));
  EXPECT_EQ((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 2, 3), 2)).code(),
            StatusCode::kFailedPrecondition);
  XJ_ASSERT_OK((*writer)->Commit("{}"));
  EXPECT_EQ(Current("H1").record, MakeRecord("H1", 2, 2));
}

TEST_P(StoreContractTest, AWrongVersionLeavesTheBatchUsable) {
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  EXPECT_FALSE((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 1), 5)).ok());
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H2", 1), 1)));
  XJ_ASSERT_OK((*writer)->Commit("{}"));
  EXPECT_EQ(ScannedIds(store()), std::vector<std::string>{"H2"});
}

TEST_P(StoreContractTest, AVersionIsStoredWithItsWritersBatchId) {
  HouseholdVersion v = MakeVersion(MakeRecord("H1", 1), 1);
  v.batch_id = 99;
  auto batch = CommitBatch(store(), {v});
  XJ_ASSERT_OK(batch);
  EXPECT_EQ(Current("H1").batch_id, *batch);
}

TEST_P(StoreContractTest, NothingIsVisibleBeforeCommit) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2), 1)}).ok());
  registry::RegistryCounts before = Counts();
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 3, 5), 2)));
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H2", 2), 1)));
  XJ_ASSERT_OK((*writer)->PutQuarantine({0, "members.csv", 3, "sex", "member.sex", "X", "m", "r"}));
  int64_t open_id = (*writer)->info().batch_id;

  EXPECT_EQ(ScannedIds(store()), std::vector<std::string>{"H1"});
  EXPECT_EQ(Current("H1").version, 1);
  std::string h2[] = {"H2"};
  EXPECT_TRUE(store().GetCurrent(h2)->empty());
  EXPECT_EQ(store().History("H1")->size(), 1u);
  EXPECT_FALSE(store().GetBatch(open_id)->has_value());
  EXPECT_EQ(store().ListBatches()->size(), 1u);
  EXPECT_TRUE(store().Quarantine(open_id)->empty());
  EXPECT_EQ(Counts().households, before.households);
  EXPECT_EQ(Counts().versions, before.versions);
  EXPECT_EQ(Counts().quarantined, 0);

  XJ_ASSERT_OK((*writer)->Commit("{\"accepted\":2}"));
  EXPECT_EQ(ScannedIds(store()), (std::vector<std::string>{"H1", "H2"}));
  EXPECT_EQ(Current("H1").version, 2);
  EXPECT_EQ(store().Quarantine(open_id)->size(), 1u);
}

TEST_P(StoreContractTest, AWriterDestroyedWithoutCommitLeavesNoTrace) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2), 1)}).ok());
  int64_t discarded_id = 0;
  {
    auto writer = store().BeginBatch(MakeBatchInfo("discarded"));
    XJ_ASSERT_OK(writer);
    discarded_id = (*writer)->info().batch_id;
    XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 1, 9), 2)));
    XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H2", 1), 1)));
    XJ_ASSERT_OK((*writer)->PutQuarantine({0, "households.csv", 2, "", "rule", "", "m", "r"}));
  }
  EXPECT_EQ(discarded_id, 2);
  EXPECT_EQ(ScannedIds(store()), std::vector<std::string>{"H1"});
  EXPECT_EQ(Current("H1").version, 1);
  EXPECT_FALSE(store().GetBatch(discarded_id)->has_value());
  EXPECT_EQ(store().ListBatches()->size(), 1u);
  registry::RegistryCounts counts = Counts();
  EXPECT_EQ(counts.batches, 1);
  EXPECT_EQ(counts.versions, 1);
  EXPECT_EQ(counts.quarantined, 0);
  // The id of a batch that left no trace is given again.
  auto next = CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1, 9), 2)});
  XJ_ASSERT_OK(next);
  EXPECT_EQ(*next, discarded_id);
}

TEST_P(StoreContractTest, BatchIdsCountFromOne) {
  for (int64_t expected = 1; expected <= 3; ++expected) {
    auto writer = store().BeginBatch(MakeBatchInfo());
    XJ_ASSERT_OK(writer);
    EXPECT_EQ((*writer)->info().batch_id, expected);
    XJ_ASSERT_OK((*writer)->Commit("{}"));
  }
}

TEST_P(StoreContractTest, ASecondBatchWhileOneIsOpenFails) {
  auto first = store().BeginBatch(MakeBatchInfo("first"));
  XJ_ASSERT_OK(first);
  auto second = store().BeginBatch(MakeBatchInfo("second"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("still open"), std::string::npos)
      << second.status().message();
  EXPECT_NE(second.status().message().find("first"), std::string::npos);
  first->reset();
  XJ_EXPECT_OK(store().BeginBatch(MakeBatchInfo("third")));
}

TEST_P(StoreContractTest, ACommittedWriterIsSpent) {
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  XJ_ASSERT_OK((*writer)->Commit("{}"));
  EXPECT_EQ((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 1), 1)).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ((*writer)->PutQuarantine({}).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*writer)->Commit("{}").code(), StatusCode::kFailedPrecondition);
  // A new batch may begin while the spent writer still exists.
  XJ_EXPECT_OK(store().BeginBatch(MakeBatchInfo()));
}

TEST_P(StoreContractTest, GetBatchReturnsTheCommittedRecord) {
  registry::BatchInfo info = MakeBatchInfo("张三");
  info.source = "education";
  info.households_file = "学校/households.csv";
  info.members_file = "";
  auto writer = store().BeginBatch(info);
  XJ_ASSERT_OK(writer);
  XJ_ASSERT_OK((*writer)->Commit("{\"read\":10,\"accepted\":9}"));
  int64_t id = (*writer)->info().batch_id;
  auto batch = store().GetBatch(id);
  XJ_ASSERT_OK(batch);
  ASSERT_TRUE(batch->has_value());
  const registry::BatchInfo& b = **batch;
  EXPECT_EQ(b.batch_id, id);
  EXPECT_EQ(b.source, "education");
  EXPECT_EQ(b.user, "张三");
  EXPECT_EQ(b.households_file, "学校/households.csv");
  EXPECT_EQ(b.members_file, "");
  EXPECT_EQ(b.started_at, info.started_at);
  EXPECT_EQ(b.as_of, info.as_of);
  EXPECT_EQ(b.report_json, "{\"read\":10,\"accepted\":9}");
  ASSERT_EQ(b.finished_at.size(), 20u) << b.finished_at;
  EXPECT_EQ(b.finished_at[10], 'T');
  EXPECT_EQ(b.finished_at.back(), 'Z');
  EXPECT_EQ((*writer)->info(), b);
}

TEST_P(StoreContractTest, GetBatchOfAnUnknownIdIsEmpty) {
  for (int64_t id : {0, 1, -5}) EXPECT_FALSE(store().GetBatch(id)->has_value()) << id;
}

TEST_P(StoreContractTest, ListBatchesInIdOrder) {
  for (const char* user : {"a", "b", "c"}) {
    auto writer = store().BeginBatch(MakeBatchInfo(user));
    XJ_ASSERT_OK(writer);
    XJ_ASSERT_OK((*writer)->Commit(std::string("{\"user\":\"") + user + "\"}"));
  }
  auto batches = store().ListBatches();
  XJ_ASSERT_OK(batches);
  ASSERT_EQ(batches->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*batches)[i].batch_id, static_cast<int64_t>(i + 1));
    EXPECT_EQ((*batches)[i].user, std::string(1, static_cast<char>('a' + i)));
    EXPECT_FALSE((*batches)[i].finished_at.empty());
  }
}

TEST_P(StoreContractTest, HistoryIsOldestFirstWithBatchIds) {
  auto b1 = CommitBatch(
      store(), {MakeVersion(MakeRecord("H1", 1, 1), 1), MakeVersion(MakeRecord("H2", 1, 1), 1)});
  auto b2 = CommitBatch(store(), {MakeVersion(MakeRecord("H2", 2, 2), 2)});
  auto b3 = CommitBatch(store(), {MakeVersion(MakeRecord("H1", 3, 3), 2)});
  auto b4 = CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2, 4), 3)});
  ASSERT_TRUE(b1.ok() && b2.ok() && b3.ok() && b4.ok());
  auto history = store().History("H1");
  XJ_ASSERT_OK(history);
  ASSERT_EQ(history->size(), 3u);
  const int64_t batches[] = {*b1, *b3, *b4};
  const int members[] = {1, 3, 2};
  const int seeds[] = {1, 3, 4};
  for (size_t i = 0; i < 3; ++i) {
    const HouseholdVersion& v = (*history)[i];
    EXPECT_EQ(v.version, static_cast<int32_t>(i + 1));
    EXPECT_EQ(v.batch_id, batches[i]);
    EXPECT_EQ(v.record, MakeRecord("H1", members[i], seeds[i]));
    EXPECT_EQ(v.content_hash, registry::ContentHash(v.record));
  }
}

TEST_P(StoreContractTest, HistoryOfAnUnknownHouseholdIsEmpty) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1), 1)}).ok());
  auto history = store().History("H9");
  XJ_ASSERT_OK(history);
  EXPECT_TRUE(history->empty());
}

}  // namespace
}  // namespace xianjie::store::testing
