// `xianjie migrate-store` (decision 0012): the demo registry, which holds every kind of data (a
// registry with its history and quarantine, screening, cases, plans, uploads, findings, samples,
// users, sessions, the audit log), goes from SQLite to PostgreSQL and back; each copy is verified
// table by table, and the commands show the same on the copies as on the original. Then the
// refusals: a destination that holds data, the same database twice, a database that cannot be
// copied.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "store/store_test_support.h"
#include "support/temp_files.h"

namespace xianjie::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class MigrateStoreTest : public ::testing::Test {
 protected:
  // The demo of the demo_cli fixture (tests/cli/CMakeLists.txt), copied; run alone, one of its
  // own.
  void SetUp() override {
    source_ = dir_ / "demo.db";
    if (const char* shared = std::getenv("XJ_DEMO_CLI_DIR"); shared != nullptr) {
      fs::copy_file(std::string(shared) + "/xianjie.db", source_);
      return;
    }
    CliResult demo = RunCli({"demo", "--dir", dir_ / "demo", "--households", "2000"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    fs::copy_file(dir_ / "demo/xianjie.db", source_);
  }

  std::string PostgresUrl(const std::string& name) {
    auto url = store::testing::TestPostgresUrl(dir_ / name);
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    return url.ok() ? *url : "";
  }

  // migrate-store --json; its figures, or null when it failed.
  json Migrate(const std::string& from, const std::string& to) {
    CliResult r = RunCli({"migrate-store", "--from", from, "--to", to, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.exit_code != 0) return nullptr;
    return json::parse(r.out);
  }

  // What a few commands print about `db`, with the database's name blanked. Some of them are
  // audited, so compare databases copied before any of them was viewed.
  std::vector<std::string> Views(const std::string& db) {
    std::vector<std::vector<std::string>> commands = {
        {"batches", "--db", db},
        {"audit", "verify", "--db", db},
        {"case", "list", "--db", db, "--all", "--json"},
        {"finding", "list", "--db", db, "--limit", "0", "--json"},
        {"analytics", "poverty", "--db", db, "--province", "63", "--year", "2024", "--json"},
        {"user", "list", "--db", db}};
    std::vector<std::string> views;
    for (const auto& command : commands) {
      CliResult r = RunCli(command);
      EXPECT_EQ(r.exit_code, 0) << command[0] << ": " << r.err;
      std::string out = r.out;
      for (size_t at; (at = out.find(db)) != std::string::npos;) out.replace(at, db.size(), "DB");
      views.push_back(command[0] + " " + command[1] + ":\n" + out);
    }
    return views;
  }

  TempDir dir_;
  std::string source_;
};

TEST_F(MigrateStoreTest, TheDemoGoesToPostgresAndBackVerified) {
  const std::string postgres = PostgresUrl("pg");
  const json there = Migrate(source_, postgres);
  ASSERT_FALSE(there.is_null());
  EXPECT_TRUE(there["verified"].get<bool>());
  // Every table of the schema, and the demo's data in the ones that matter.
  ASSERT_EQ(there["tables"].size(), 37u);
  std::map<std::string, int64_t> rows;
  for (const json& t : there["tables"]) {
    rows[t["table"]] = t["rows"];
    EXPECT_TRUE(t["same"].get<bool>()) << t.dump();
    EXPECT_EQ(t["copied_rows"], t["rows"]) << t.dump();
    EXPECT_EQ(t["sha256"], t["copy_sha256"]) << t.dump();
  }
  for (const char* table :
       {"household", "household_version", "member_version", "quarantine", "screening_result",
        "audit_log", "app_user", "case_record", "lead", "source_file", "dept_row", "finding",
        "visit", "sample_unit", "case_data_change"}) {
    EXPECT_GT(rows[table], 0) << table;
  }

  const std::string back = dir_ / "back.db";
  const json again = Migrate(postgres, back);
  ASSERT_FALSE(again.is_null());
  EXPECT_TRUE(again["verified"].get<bool>());
  for (size_t i = 0; i < there["tables"].size(); ++i) {
    EXPECT_EQ(again["tables"][i]["sha256"], there["tables"][i]["sha256"])
        << there["tables"][i]["table"];
  }

  const std::vector<std::string> original = Views(source_);
  EXPECT_EQ(Views(postgres), original);
  EXPECT_EQ(Views(back), original);
}

TEST_F(MigrateStoreTest, TheTextSaysEveryTableIsTheSame) {
  const std::string to = dir_ / "copy.db";
  CliResult r = RunCli({"migrate-store", "--from", source_, "--to", to});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("copied " + source_ + " to " + to), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("household_version"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("DIFFERS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("37 tables"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the same rows and SHA-256 in both"), std::string::npos) << r.out;
}

TEST_F(MigrateStoreTest, ADestinationThatHoldsDataIsRefusedAndLeftAsItWas) {
  const std::string postgres = PostgresUrl("full");
  const json first = Migrate(source_, postgres);
  ASSERT_FALSE(first.is_null());
  for (const std::string& to : {postgres, [&] {
                                  const std::string copy = dir_ / "other.db";
                                  fs::copy_file(source_, copy);
                                  return copy;
                                }()}) {
    CliResult r = RunCli({"migrate-store", "--from", source_, "--to", to});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.err.find("is not empty: table batch holds"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("copy into a new database"), std::string::npos) << r.err;
  }
  // The PostgreSQL copy is as the first migration left it: a copy of it into a new database
  // has the same figures.
  const json again = Migrate(postgres, dir_ / "again.db");
  ASSERT_FALSE(again.is_null());
  for (size_t i = 0; i < first["tables"].size(); ++i) {
    EXPECT_EQ(again["tables"][i]["sha256"], first["tables"][i]["sha256"])
        << first["tables"][i]["table"];
  }
}

TEST_F(MigrateStoreTest, AnEmptyRegistryIsAValidDestination) {
  const std::string to = dir_ / "empty.db";
  ASSERT_EQ(RunCli({"init", "--db", to}).exit_code, 0);
  EXPECT_FALSE(Migrate(source_, to).is_null());
}

TEST(MigrateStoreRefusalTest, SaysWhatIsWrong) {
  TempDir dir;
  const std::string db = dir / "x.db";
  ASSERT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
  struct Case {
    std::vector<std::string> args;
    std::string message;
  } const cases[] = {
      {{"--from", db, "--to", db}, "--from and --to name the same database"},
      {{"--from", db, "--to", ":memory:"}, "':memory:' is a database that lives only"},
      {{"--from", dir / "missing.db", "--to", dir / "y.db"}, "does not exist"},
      {{"--from", db}, "--to is required"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"migrate-store"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    CliResult r = RunCli(args);
    EXPECT_NE(r.exit_code, 0) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(dir / "y.db"));
}

}  // namespace
}  // namespace xianjie::testing
