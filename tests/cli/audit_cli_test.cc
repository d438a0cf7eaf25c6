// End-to-end tests of the audit log: explain, history and export each append an entry that
// `audit list` shows, `audit verify` finds the log intact, and a row changed or deleted with the
// sqlite3 C API (triggers dropped first, as an attacker with the file would) makes it exit 1
// naming the entry.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

// A small generated registry imported into a fresh database, and the id of its first household.
struct Registry {
  TempDir dir;
  std::string db = dir / "x.db";
  std::string data = dir / "data";
  std::string household;

  Registry() {
    ::setenv("USER", "审计测试员", 1);  // cli::CurrentUser() of the commands run
    EXPECT_EQ(RunCli({"generate", "--households", "20", "--seed", "7", "--out", data}).exit_code,
              0);
    EXPECT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
    CliResult r = RunCli({"import", "--db", db, "--households", data + "/households.csv",
                          "--members", data + "/members.csv"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(data + "/households.csv");
    std::string line;
    std::getline(in, line);  // header
    std::getline(in, line);
    household = line.substr(0, line.find(','));
  }

  CliResult Explain() {
    return RunCli(
        {"explain", "--db", db, "--household", household, "--province", "63", "--year", "2024"});
  }

  Json List(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"audit", "list", "--db", db, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out);
  }

  // Runs `sql` on the database file directly; returns SQLite's error message or "".
  std::string Tamper(const std::string& sql) {
    sqlite3* raw = nullptr;
    std::string error;
    if (sqlite3_open(db.c_str(), &raw) != SQLITE_OK) error = "cannot open";
    char* message = nullptr;
    if (error.empty() && sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error = message != nullptr ? message : "failed";
    }
    sqlite3_free(message);
    sqlite3_close(raw);
    return error;
  }
};

TEST(AuditCliTest, ExplainAppendsAnEntryThatListShows) {
  Registry reg;
  CliResult r = reg.Explain();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json entries = reg.List();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["seq"], 1);
  EXPECT_EQ(entries[0]["user"], "审计测试员");
  EXPECT_EQ(entries[0]["action"], "household.explain");
  EXPECT_EQ(entries[0]["subject"], reg.household);
  CliResult text = RunCli({"audit", "list", "--db", reg.db});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("household.explain  " + reg.household));
}

TEST(AuditCliTest, HistoryAndExportAppendEntriesToo) {
  Registry reg;
  ASSERT_EQ(RunCli({"history", "--db", reg.db, "--household", reg.household}).exit_code, 0);
  ASSERT_EQ(RunCli({"export", "--db", reg.db, "--out", reg.dir / "out"}).exit_code, 0);
  Json entries = reg.List();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["action"], "household.history");
  EXPECT_EQ(entries[0]["subject"], reg.household);
  EXPECT_EQ(entries[1]["action"], "export");
  EXPECT_EQ(entries[1]["subject"], reg.dir / "out");
  EXPECT_EQ(Json::parse(entries[1]["detail"].get<std::string>())["mask_ids"], true);
}

TEST(AuditCliTest, ExportWithFullIdsIsRecordedAsUnmasked) {
  Registry reg;
  ASSERT_EQ(RunCli({"export", "--db", reg.db, "--out", reg.dir / "out", "--full-ids"}).exit_code,
            0);
  Json entries = reg.List();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["action"], "export");
  EXPECT_EQ(Json::parse(entries[0]["detail"].get<std::string>())["mask_ids"], false);
}

TEST(AuditCliTest, AnUnknownHouseholdIsNotRecorded) {
  Registry reg;
  EXPECT_EQ(RunCli({"history", "--db", reg.db, "--household", "NOPE"}).exit_code, 1);
  EXPECT_TRUE(reg.List().empty());
}

TEST(AuditCliTest, ListFiltersByUserAndKeepsTheLatestN) {
  Registry reg;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(reg.Explain().exit_code, 0);
  Json latest = reg.List({"--limit", "2"});
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0]["seq"], 2);
  EXPECT_EQ(latest[1]["seq"], 3);
  EXPECT_EQ(reg.List({"--user", "审计测试员"}).size(), 3u);
  EXPECT_TRUE(reg.List({"--user", "someone-else"}).empty());
}

TEST(AuditCliTest, VerifyFindsAnUntouchedLogIntact) {
  Registry reg;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(reg.Explain().exit_code, 0);
  CliResult r = RunCli({"audit", "verify", "--db", reg.db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("audit log intact: 3 entries"));
  CliResult j = RunCli({"audit", "verify", "--db", reg.db, "--json"});
  EXPECT_EQ(j.exit_code, 0);
  EXPECT_EQ(Json::parse(j.out)["intact"], true);
}

TEST(AuditCliTest, VerifyNamesAChangedEntry) {
  Registry reg;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(reg.Explain().exit_code, 0);
  ASSERT_EQ(reg.Tamper("DROP TRIGGER audit_log_no_update; "
                       "UPDATE audit_log SET user_name = 'nobody' WHERE seq = 2"),
            "");
  CliResult r = RunCli({"audit", "verify", "--db", reg.db});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("broken at entry 2"));
  EXPECT_THAT(r.err, HasSubstr("changed"));
  CliResult j = RunCli({"audit", "verify", "--db", reg.db, "--json"});
  EXPECT_EQ(j.exit_code, 1);
  EXPECT_EQ(Json::parse(j.out)["first_bad_seq"], 2);
}

TEST(AuditCliTest, VerifyNamesTheEntryAfterADeletedOne) {
  Registry reg;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(reg.Explain().exit_code, 0);
  ASSERT_EQ(reg.Tamper("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 1"),
            "");
  CliResult r = RunCli({"audit", "verify", "--db", reg.db});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("broken at entry 2"));
  EXPECT_THAT(r.err, HasSubstr("missing"));
}

}  // namespace
}  // namespace xianjie::testing
