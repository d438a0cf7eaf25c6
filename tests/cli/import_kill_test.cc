// Crash safety of imports: SIGKILL the importer at random points of a large import, at least 20
// times, and check that the registry is always exactly as before the batch or as after it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "cli/cli_runner.h"
#include "store/open.h"

namespace xianjie::testing {
namespace {

namespace fs = std::filesystem;

struct State {
  int64_t batches, households, members, versions, quarantined;
  bool operator==(const State&) const = default;
};

State Read(const std::string& db) {
  auto store = store::OpenStore(db, store::OpenMode::kExisting);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return {};
  auto c = (*store)->Counts();
  EXPECT_TRUE(c.ok());
  return {c->batches, c->households, c->members, c->versions, c->quarantined};
}

void CopyDb(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    fs::remove(to + suffix, ec);
    if (fs::exists(from + suffix)) fs::copy_file(from + suffix, to + suffix);
  }
}

TEST(ImportKillTest, RegistryIsBeforeOrAfterTheBatchAfterSigkill) {
  TempDir dir;
  // A base registry of 2,000 households, and a batch of 40,000 new ones (with some bad rows,
  // so that quarantine writes are in the batch too).
  ASSERT_EQ(
      RunCli({"generate", "--households", "2000", "--seed", "1", "--out", dir / "base"}).exit_code,
      0);
  ASSERT_EQ(RunCli({"generate", "--households", "40000", "--seed", "2", "--corrupt-rate", "0.001",
                    "--out", dir / "big"})
                .exit_code,
            0);
  std::string base_db = dir / "base.db";
  ASSERT_EQ(RunCli({"init", "--db", base_db}).exit_code, 0);
  ASSERT_EQ(RunCli({"import", "--db", base_db, "--households", dir / "base/households.csv",
                    "--members", dir / "base/members.csv"})
                .exit_code,
            0);
  // Seed 2 reuses some household ids of seed 1: those become new versions, which is realistic.
  std::vector<std::string> import_args = {"import",
                                          "--db",
                                          "",
                                          "--households",
                                          dir / "big/households.csv",
                                          "--members",
                                          dir / "big/members.csv",
                                          "--source",
                                          "kill_test"};
  const State before = Read(base_db);

  // One complete run gives the "after" state and the duration to spread the kills over.
  std::string db = dir / "run.db";
  CopyDb(base_db, db);
  import_args[2] = db;
  auto t0 = std::chrono::steady_clock::now();
  CliResult full = RunCli(import_args);
  auto duration = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(full.exit_code, 0) << full.err;
  const State after = Read(db);
  ASSERT_EQ(after.batches, before.batches + 1);
  ASSERT_GT(after.versions, before.versions);

  std::mt19937_64 rng(20261129);
  auto max_us = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
  int saw_before = 0, saw_after = 0;
  for (int i = 0; i < 24; ++i) {
    CopyDb(base_db, db);
    pid_t pid = StartCli(import_args);
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int64_t>(0, max_us)(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    State s = Read(db);
    if (s == before) {
      ++saw_before;
    } else {
      ASSERT_EQ(s, after) << "kill " << i << " left a partial batch";
      ++saw_after;
    }
  }
  EXPECT_EQ(saw_before + saw_after, 24);
  EXPECT_GT(saw_before, 0) << "no kill landed inside the import";
  std::printf("kills: %d left the registry before the batch, %d after it\n", saw_before, saw_after);
}

}  // namespace
}  // namespace xianjie::testing
