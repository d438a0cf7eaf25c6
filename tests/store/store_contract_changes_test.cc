// Storage contract: the registry over time — the last committed batch, the households changed
// since a batch (for incremental screening), and the registry as it was at an instant (ScanAsOf).
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using registry::HouseholdVersion;

class StoreChangesTest : public StoreContractTest {
 protected:
  std::vector<std::string> ChangedSince(int64_t batch_id) {
    std::vector<std::string> ids;
    Status status =
        store().ForEachChangedSince(batch_id, [&](const std::string& id) { ids.push_back(id); });
    if (!status.ok()) ids.push_back("error: " + status.ToString());
    return ids;
  }

  std::vector<HouseholdVersion> AsOf(const std::string& instant) {
    std::vector<HouseholdVersion> seen;
    Status status = store().ScanAsOf(instant, [&](const HouseholdVersion& v) {
      seen.push_back(v);
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return seen;
  }

  std::vector<HouseholdVersion> Current() {
    std::vector<HouseholdVersion> seen;
    XJ_EXPECT_OK(store().ScanCurrent([&](const HouseholdVersion& v) {
      seen.push_back(v);
      return Status::Ok();
    }));
    return seen;
  }

  int64_t LastCommitted() {
    auto last = store().LastCommittedBatch();
    EXPECT_TRUE(last.ok()) << last.status().ToString();
    return last.ok() ? *last : -1;
  }

  std::string FinishedAt(int64_t batch_id) {
    auto batch = store().GetBatch(batch_id);
    EXPECT_TRUE(batch.ok() && batch->has_value()) << batch_id;
    return batch.ok() && batch->has_value() ? (*batch)->finished_at : "";
  }

  // Version `version` of household `id` as History has it (batch id included).
  HouseholdVersion Stored(const std::string& id, int32_t version) {
    auto history = store().History(id);
    EXPECT_TRUE(history.ok() && static_cast<int32_t>(history->size()) >= version) << id;
    return history.ok() && static_cast<int32_t>(history->size()) >= version
               ? (*history)[static_cast<size_t>(version - 1)]
               : HouseholdVersion{};
  }

  // Waits until the clock has passed `instant` (at most about a second), so that the next
  // commit finishes strictly after it.
  static void WaitForTheClockToPass(const std::string& instant) {
    while (UtcNowIso8601() <= instant) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
};

constexpr char kLongAgo[] = "2000-01-01T00:00:00Z";
constexpr char kFarFuture[] = "9999-12-31T23:59:59Z";

// --- LastCommittedBatch

TEST_P(StoreChangesTest, NoBatchCommittedIsZero) { EXPECT_EQ(LastCommitted(), 0); }

TEST_P(StoreChangesTest, TheLastCommittedBatchIgnoresAnOpenOrDiscardedOne) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1), 1)}).ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H2", 1), 1)}).ok());
  {
    auto writer = store().BeginBatch(MakeBatchInfo());
    XJ_ASSERT_OK(writer);
    XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H3", 1), 1)));
    EXPECT_EQ(LastCommitted(), 2);
  }
  EXPECT_EQ(LastCommitted(), 2);
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H3", 1), 1)}).ok());
  EXPECT_EQ(LastCommitted(), 3);
}

// --- ForEachChangedSince

TEST_P(StoreChangesTest, ChangedHouseholdsComeOnceInHouseholdIdOrder) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1, 1), 1),
                                    MakeVersion(MakeRecord("H2", 1, 1), 1),
                                    MakeVersion(MakeRecord("H3", 1, 1), 1)})
                  .ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H4", 1, 2), 1),
                                    MakeVersion(MakeRecord("H2", 2, 2), 2)})
                  .ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H3", 2, 3), 2),
                                    MakeVersion(MakeRecord("H2", 3, 3), 3)})
                  .ok());
  EXPECT_EQ(ChangedSince(1), (std::vector<std::string>{"H2", "H3", "H4"}));
  EXPECT_EQ(ChangedSince(2), (std::vector<std::string>{"H2", "H3"}));
}

TEST_P(StoreChangesTest, EveryHouseholdChangedSinceBatchZero) {
  ASSERT_TRUE(
      CommitBatch(store(), {MakeVersion(MakeRecord("b", 1), 1), MakeVersion(MakeRecord("中", 1), 1),
                            MakeVersion(MakeRecord("B", 1), 1)})
          .ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("a", 1), 1)}).ok());
  const std::vector<std::string> all = {"B", "a", "b", "中"};
  EXPECT_EQ(ChangedSince(0), all);
  EXPECT_EQ(ChangedSince(-1), all);
}

TEST_P(StoreChangesTest, NothingChangedSinceTheLastBatch) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1), 1)}).ok());
  EXPECT_TRUE(ChangedSince(1).empty());
  EXPECT_TRUE(ChangedSince(5).empty());
}

TEST_P(StoreChangesTest, ABatchThatWroteNoVersionsChangesNothing) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1), 1)}).ok());
  {
    auto writer = store().BeginBatch(MakeBatchInfo());
    XJ_ASSERT_OK(writer);
    XJ_ASSERT_OK((*writer)->PutQuarantine({0, "h.csv", 2, "", "household.no_head", "", "m", "r"}));
    XJ_ASSERT_OK((*writer)->Commit("{}"));
  }
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H2", 1), 1)}).ok());
  EXPECT_TRUE(ChangedSince(3).empty());
  EXPECT_EQ(ChangedSince(2), std::vector<std::string>{"H2"});
  EXPECT_EQ(ChangedSince(1), std::vector<std::string>{"H2"});
}

TEST_P(StoreChangesTest, AnOpenBatchHasChangedNothingYet) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1), 1)}).ok());
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 2), 2)));
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H2", 1), 1)));
  EXPECT_TRUE(ChangedSince(1).empty());
  XJ_ASSERT_OK((*writer)->Commit("{}"));
  EXPECT_EQ(ChangedSince(1), (std::vector<std::string>{"H1", "H2"}));
}

TEST_P(StoreChangesTest, ADiscardedBatchLeavesNoChanges) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 1), 1)}).ok());
  {
    auto writer = store().BeginBatch(MakeBatchInfo());
    XJ_ASSERT_OK(writer);
    XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H3", 1), 1)));
  }
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H2", 1), 1)}).ok());
  EXPECT_EQ(ChangedSince(1), std::vector<std::string>{"H2"});
}

// --- ScanAsOf

TEST_P(StoreChangesTest, TheRegistryAsOfAnInstantHasTheVersionsCommittedByThen) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2, 1), 1),
                                    MakeVersion(MakeRecord("H2", 3, 1), 1),
                                    MakeVersion(MakeRecord("H3", 1, 1), 1)})
                  .ok());
  const std::string first = FinishedAt(1);
  WaitForTheClockToPass(first);
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H0", 2, 2), 1),
                                    MakeVersion(MakeRecord("H2", 4, 2), 2)})
                  .ok());
  const std::string second = FinishedAt(2);
  ASSERT_LT(first, second);
  // At the first batch's instant (inclusive): its versions only; H0 did not exist yet.
  EXPECT_EQ(AsOf(first),
            (std::vector<HouseholdVersion>{Stored("H1", 1), Stored("H2", 1), Stored("H3", 1)}));
  // At the second's: the new household, and H2's second version in place of its first.
  EXPECT_EQ(AsOf(second), (std::vector<HouseholdVersion>{Stored("H0", 1), Stored("H1", 1),
                                                         Stored("H2", 2), Stored("H3", 1)}));
}

TEST_P(StoreChangesTest, TheRegistryAsOfNowIsTheCurrentOne) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2, 1), 1),
                                    MakeVersion(MakeRecord("H2", 3, 1), 1)})
                  .ok());
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H2", 1, 2), 2),
                                    MakeVersion(MakeRecord("é", 2, 2), 1)})
                  .ok());
  std::vector<HouseholdVersion> current = Current();
  ASSERT_EQ(current.size(), 3u);
  EXPECT_EQ(AsOf(kFarFuture), current);
}

TEST_P(StoreChangesTest, TheRegistryBeforeAnyBatchIsEmpty) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2), 1)}).ok());
  EXPECT_TRUE(AsOf(kLongAgo).empty());
}

TEST_P(StoreChangesTest, AnOpenBatchIsNotInTheRegistryAsOfAnyInstant) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2, 1), 1)}).ok());
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 3, 2), 2)));
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H2", 1, 2), 1)));
  EXPECT_EQ(AsOf(kFarFuture), std::vector<HouseholdVersion>{Stored("H1", 1)});
}

TEST_P(StoreChangesTest, ScanAsOfStopsAtTheFirstError) {
  std::vector<HouseholdVersion> versions;
  for (int i = 0; i < 5; ++i) {
    versions.push_back(MakeVersion(MakeRecord("H" + std::to_string(i), 2), 1));
  }
  ASSERT_TRUE(CommitBatch(store(), versions).ok());
  int calls = 0;
  Status status = store().ScanAsOf(kFarFuture, [&](const HouseholdVersion& v) {
    ++calls;
    if (v.record.household.household_id == "H2") return NotFound("stop at H2");
    return Status::Ok();
  });
  EXPECT_EQ(status, NotFound("stop at H2"));
  EXPECT_EQ(calls, 3);
}

TEST_P(StoreChangesTest, ScanAsOfRefusesAnInstantNotInUtcIso8601) {
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2), 1)}).ok());
  for (const char* instant : {"", "2024-06-30", "2024-06-30 15:59:59Z", "2024-06-30T15:59:59",
                              "2024-06-30T23:59:59+08:00", "2024-06-30T15:59:59.000Z"}) {
    int calls = 0;
    Status status = store().ScanAsOf(instant, [&](const HouseholdVersion&) {
      ++calls;
      return Status::Ok();
    });
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << instant;
    EXPECT_EQ(calls, 0) << instant;
  }
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, StoreChangesTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace xianjie::store::testing
