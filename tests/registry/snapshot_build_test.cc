// Building the snapshot from the memory store (DB mode) and from a list of records.
#include "registry/snapshot_build.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "demo/generator.h"
#include "ingest/importer.h"
#include "store/memory/memory_store.h"
#include "support/temp_files.h"

namespace xianjie::registry {
namespace {

// A memory store holding a generated registry of `households` households with corruptions
// (so some households are quarantined and the rest is irregular).
class SnapshotBuildTest : public ::testing::Test {
 protected:
  void Import(int64_t households, double corrupt_rate) {
    ASSERT_TRUE(store_.ReplaceRegions(RegionTable::BuiltIn().all()).ok());
    demo::GeneratorOptions gen;
    gen.households = households;
    gen.seed = 11;
    gen.corrupt_rate = corrupt_rate;
    ASSERT_TRUE(demo::GenerateToDirectory(gen, RegionTable::BuiltIn(), dir_.path()).ok());
    ingest::ImportRequest req;
    req.households_path = dir_ / "households.csv";
    req.members_path = dir_ / "members.csv";
    auto report = ingest::ImportExchangeFiles(store_, RegionTable::BuiltIn(), req);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
  }

  std::vector<HouseholdRecord> Current() {
    std::vector<HouseholdRecord> out;
    EXPECT_TRUE(store_
                    .ScanCurrent([&](const HouseholdVersion& v) {
                      out.push_back(v.record);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  xianjie::testing::TempDir dir_;
  store::MemoryStore store_;
};

TEST_F(SnapshotBuildTest, FromStoreHoldsEveryCurrentVersion) {
  Import(500, 0.02);
  std::vector<HouseholdRecord> current = Current();
  ASSERT_GT(current.size(), 400u);
  auto snapshot = BuildSnapshot(store_);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  const Snapshot& s = **snapshot;
  ASSERT_EQ(s.households(), current.size());
  for (uint32_t h = 0; h < s.households(); ++h) {
    EXPECT_EQ(s.Record(h), current[h]) << current[h].household.household_id;
    EXPECT_EQ(s.counted_members()[h], static_cast<uint32_t>(CountedMembers(current[h])));
  }
}

TEST_F(SnapshotBuildTest, FromAnEmptyStore) {
  auto snapshot = BuildSnapshot(store_);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ((*snapshot)->households(), 0u);
}

TEST_F(SnapshotBuildTest, FromRecordsInAnyOrderEqualsFromStore) {
  Import(300, 0.0);
  std::vector<HouseholdRecord> records = Current();
  std::mt19937 rng(5);
  std::shuffle(records.begin(), records.end(), rng);
  // Members out of canonical order too: the builder puts them back.
  for (HouseholdRecord& r : records) std::reverse(r.members.begin(), r.members.end());
  auto from_records = BuildSnapshot(records);
  auto from_store = BuildSnapshot(store_);
  ASSERT_TRUE(from_records.ok()) << from_records.status().ToString();
  ASSERT_TRUE(from_store.ok());
  EXPECT_EQ(**from_records, **from_store);
}

TEST(SnapshotBuildRecordsTest, RejectsARepeatedHousehold) {
  std::vector<HouseholdRecord> records(2);
  records[0].household.household_id = "H1";
  records[1].household.household_id = "H1";
  auto s = BuildSnapshot(records);
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
}

TEST(SnapshotBuildRecordsTest, RejectsAnEmptyId) {
  std::vector<HouseholdRecord> records(1);
  EXPECT_EQ(BuildSnapshot(records).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace xianjie::registry
