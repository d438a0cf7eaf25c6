// Storage contract at volume (label slow): tens of thousands of households in one batch, read
// back in order and in full, then a second batch that changes some and adds others. Small enough
// for a sanitizer build; store_bench does province scale.
#include <gtest/gtest.h>

#include <unordered_map>

#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using registry::HouseholdVersion;

constexpr int kHouseholds = 20'000;

std::string Id(int i) {
  char id[16];
  std::snprintf(id, sizeof id, "V%03d-%04d", i % 97, i);
  return id;
}

class StoreVolumeTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  TempDir dir_;
};

TEST_P(StoreVolumeTest, ABigBatchReadsBackInOrderAndInFull) {
  auto opened = GetParam().open(dir_);
  XJ_ASSERT_OK(opened);
  registry::Store& store = **opened;
  int64_t members = 0;
  {
    auto writer = store.BeginBatch(MakeBatchInfo());
    XJ_ASSERT_OK(writer);
    for (int i = 0; i < kHouseholds; ++i) {
      HouseholdVersion v = MakeVersion(MakeRecord(Id(i), 1 + i % 6, i), 1);
      members += static_cast<int64_t>(v.record.members.size());
      XJ_ASSERT_OK((*writer)->PutVersion(v));
    }
    XJ_ASSERT_OK((*writer)->Commit("{}"));
  }
  // A second batch: every 10th household changes (one member fewer), 1000 are new.
  {
    auto writer = store.BeginBatch(MakeBatchInfo());
    XJ_ASSERT_OK(writer);
    for (int i = 0; i < kHouseholds; i += 10) {
      XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord(Id(i), i % 6, i), 2)));
      members -= 1;
    }
    for (int i = kHouseholds; i < kHouseholds + 1000; ++i) {
      XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord(Id(i), 2, i), 1)));
      members += 2;
    }
    XJ_ASSERT_OK((*writer)->Commit("{}"));
  }

  std::string previous;
  int scanned = 0;
  int64_t scanned_members = 0;
  XJ_ASSERT_OK(store.ScanCurrent([&](const HouseholdVersion& v) {
    const std::string& id = v.record.household.household_id;
    EXPECT_LT(previous, id);
    previous = id;
    ++scanned;
    scanned_members += static_cast<int64_t>(v.record.members.size());
    int i = std::stoi(id.substr(5));
    bool changed = i < kHouseholds && i % 10 == 0;
    EXPECT_EQ(v.version, changed ? 2 : 1) << id;
    EXPECT_EQ(v.content_hash, registry::ContentHash(v.record)) << id;
    return Status::Ok();
  }));
  EXPECT_EQ(scanned, kHouseholds + 1000);
  EXPECT_EQ(scanned_members, members);

  std::unordered_map<std::string, int64_t> members_of;
  XJ_ASSERT_OK(store.ForEachCurrentMember(
      [&](const std::string&, const std::string& household_id) { ++members_of[household_id]; }));
  int64_t listed = 0;
  for (const auto& [id, n] : members_of) listed += n;
  EXPECT_EQ(listed, members);
  EXPECT_EQ(members_of[Id(10)], 10 % 6);
  EXPECT_EQ(members_of[Id(11)], 1 + 11 % 6);

  auto counts = store.Counts();
  XJ_ASSERT_OK(counts);
  EXPECT_EQ(counts->households, kHouseholds + 1000);
  EXPECT_EQ(counts->members, members);
  EXPECT_EQ(counts->versions, kHouseholds + 1000 + kHouseholds / 10);
  EXPECT_EQ(counts->batches, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreVolumeTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
