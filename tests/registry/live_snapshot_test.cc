// LiveSnapshot: built once from the store, then patched after imports with only the changed
// households; always equal to a snapshot built from scratch.
#include "registry/live_snapshot.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <sstream>

#include "demo/generator.h"
#include "ingest/importer.h"
#include "registry/snapshot_build.h"
#include "store/memory/memory_store.h"
#include "support/temp_files.h"

namespace xianjie::registry {
namespace {

class LiveSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_.ReplaceRegions(RegionTable::BuiltIn().all()).ok());
    demo::GeneratorOptions gen;
    gen.households = 400;
    gen.seed = 5;
    ASSERT_TRUE(demo::GenerateToDirectory(gen, RegionTable::BuiltIn(), dir_.path()).ok());
    Import(dir_ / "households.csv", dir_ / "members.csv");
  }

  void Import(const std::string& households, const std::string& members) {
    ingest::ImportRequest req;
    req.households_path = households;
    req.members_path = members;
    auto report = ingest::ImportExchangeFiles(store_, RegionTable::BuiltIn(), req);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
  }

  // Rewrites the wage of the first `n` households and imports the rows as a new batch.
  void ChangeWages(int n) {
    std::ifstream in(dir_ / "households.csv");
    std::ofstream out(dir_ / "update.csv");
    std::string line;
    std::getline(in, line);
    out << line << "\n";
    for (int i = 0; i < n && std::getline(in, line); ++i) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
      f[3] = std::to_string(100 + i);  // wage_income
      for (size_t c = 0; c < f.size(); ++c) out << (c ? "," : "") << f[c];
      out << "\n";
    }
    out.close();
    Import(dir_ / "update.csv", "");
  }

  std::shared_ptr<const Snapshot> Fresh() {
    auto s = BuildSnapshot(store_);
    EXPECT_TRUE(s.ok());
    return *s;
  }

  xianjie::testing::TempDir dir_;
  store::MemoryStore store_;
};

TEST_F(LiveSnapshotTest, IsEmptyBeforeTheFirstUpdate) {
  LiveSnapshot live(store_);
  EXPECT_EQ(live.current()->households(), 0u);
  EXPECT_EQ(live.batch(), 0);
}

TEST_F(LiveSnapshotTest, FirstUpdateBuildsSecondChangesNothing) {
  LiveSnapshot live(store_);
  auto first = live.Update();
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->rebuilt);
  EXPECT_EQ(first->batch, 1);
  EXPECT_EQ(*live.current(), *Fresh());
  auto before = live.current();
  auto second = live.Update();
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->rebuilt);
  EXPECT_EQ(second->patched, 0);
  EXPECT_EQ(live.current(), before);  // the same object: nothing to do
}

TEST_F(LiveSnapshotTest, AnImportIsPatchedInWithOnlyTheChangedHouseholds) {
  LiveSnapshot live(store_);
  ASSERT_TRUE(live.Update().ok());
  auto held = live.current();
  const Snapshot old_copy = *held;
  ChangeWages(25);
  auto refresh = live.Update();
  ASSERT_TRUE(refresh.ok()) << refresh.status().ToString();
  EXPECT_FALSE(refresh->rebuilt);
  EXPECT_EQ(refresh->patched, 25);
  EXPECT_EQ(refresh->batch, 2);
  EXPECT_EQ(*live.current(), *Fresh());
  EXPECT_EQ(live.current()->wage_income()[0], 10000);  // 100 yuan in fen
  // A reader that took the old snapshot still sees it unchanged.
  EXPECT_EQ(*held, old_copy);
}

TEST_F(LiveSnapshotTest, ReadersAreNeverBlockedOrTornByAnUpdate) {
  LiveSnapshot live(store_);
  ASSERT_TRUE(live.Update().ok());
  const size_t households = live.current()->households();
  std::atomic<bool> stop{false};
  std::atomic<int64_t> reads{0};
  std::thread reader([&] {
    while (!stop.load()) {
      std::shared_ptr<const Snapshot> s = live.current();
      // Wages only change, households are never added: every snapshot has them all.
      EXPECT_EQ(s->households(), households);
      reads.fetch_add(1);
    }
  });
  for (int round = 1; round <= 3; ++round) {
    ChangeWages(10 * round);  // the first 10 * (round - 1) already have these wages
    auto refresh = live.Update();
    ASSERT_TRUE(refresh.ok());
    EXPECT_EQ(refresh->patched, 10);
  }
  stop.store(true);
  reader.join();
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(*live.current(), *Fresh());
}

}  // namespace
}  // namespace xianjie::registry
