// End-to-end tests of the screening commands: screen (DB mode and file mode give identical
// output; runs, incremental runs and new warnings), explain, whatif, and their error paths.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

// A generated registry of `households` imported into a fresh database.
struct Registry {
  TempDir dir;
  std::string db = dir / "x.db";
  std::string data = dir / "data";
  std::string households = data + "/households.csv";
  std::string members = data + "/members.csv";

  explicit Registry(int n = 3000) {
    EXPECT_EQ(RunCli({"generate", "--households", std::to_string(n), "--seed", "7", "--out",
                      data}).exit_code, 0);
    EXPECT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
    CliResult r = RunCli({"import", "--db", db, "--households", households, "--members", members});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }

  Json Screen(std::vector<std::string> extra) {
    std::vector<std::string> args = {"screen", "--db", db, "--province", "63", "--year", "2024",
                                     "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out);
  }
};

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(ScreenCliTest, DbModeAndFileModeWriteIdenticalFiles) {
  Registry reg;
  reg.Screen({"--out", reg.dir / "db-flagged.csv", "--counties", reg.dir / "db-counties.csv"});
  CliResult f = RunCli({"screen", "--households", reg.households, "--members", reg.members,
                        "--province", "63", "--year", "2024", "--out", reg.dir / "f-flagged.csv",
                        "--counties", reg.dir / "f-counties.csv"});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  std::vector<std::string> flagged = Lines(reg.dir / "db-flagged.csv");
  ASSERT_GT(flagged.size(), 100u);  // about 13% of 3,000 households
  EXPECT_EQ(flagged.front(), "household_id,per_capita_net_income,rules,proposed_type");
  EXPECT_EQ(flagged, Lines(reg.dir / "f-flagged.csv"));
  std::vector<std::string> counties = Lines(reg.dir / "db-counties.csv");
  EXPECT_EQ(counties.front(),
            "county_code,households,income_below_line,rigid_hardship,income_drop,medical_burden,"
            "dropout,uninsured,housing_unsafe,water_unsafe,no_labour");
  EXPECT_GT(counties.size(), 5u);
  EXPECT_EQ(counties, Lines(reg.dir / "f-counties.csv"));
}

TEST(ScreenCliTest, FirstRunMarksEveryFlaggedHouseholdAsNewSecondRunIsIncremental) {
  Registry reg;
  Json first = reg.Screen({"--out", reg.dir / "1.csv"});
  EXPECT_EQ(first["run_id"], 1);
  EXPECT_EQ(first["incremental"], false);
  EXPECT_EQ(first["evaluated"], 3000);
  EXPECT_EQ(first["new_warnings"], first["flagged"]);
  Json second = reg.Screen({"--out", reg.dir / "2.csv"});
  EXPECT_EQ(second["run_id"], 2);
  EXPECT_EQ(second["incremental"], true);
  EXPECT_EQ(second["evaluated"], 0);
  EXPECT_EQ(second["new_warnings"], 0);
  EXPECT_EQ(second["flagged"], first["flagged"]);
  EXPECT_EQ(Lines(reg.dir / "1.csv"), Lines(reg.dir / "2.csv"));
}

// Lowers the wage of the first `n` households of households.csv to 0 and drops their other
// income, writing the changed rows (with the header) to `path`.
int WriteIncomeDrop(const std::string& households, const std::string& path, int n) {
  std::vector<std::string> lines = Lines(households);
  std::ofstream out(path);
  out << lines[0] << "\n";
  int written = 0;
  for (size_t i = 1; i < lines.size() && written < n; ++i) {
    std::vector<std::string> f;
    std::stringstream ss(lines[i]);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    for (int c = 3; c <= 6; ++c) f[static_cast<size_t>(c)] = "0";  // wage .. transfer
    for (size_t c = 0; c < f.size(); ++c) out << (c ? "," : "") << f[c];
    out << "\n";
    ++written;
  }
  return written;
}

TEST(ScreenCliTest, IncrementalRunAfterAnImportEqualsAFullRun) {
  Registry reg;
  reg.Screen({});
  const int changed = WriteIncomeDrop(reg.households, reg.dir / "update.csv", 40);
  CliResult imp = RunCli({"import", "--db", reg.db, "--households", reg.dir / "update.csv"});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  Json inc = reg.Screen({"--out", reg.dir / "inc.csv", "--counties", reg.dir / "inc-c.csv"});
  EXPECT_EQ(inc["incremental"], true);
  EXPECT_EQ(inc["evaluated"], changed);
  EXPECT_GT(inc["new_warnings"].get<int>(), 0);  // zero income is below any line
  Json full = reg.Screen({"--full", "--dry-run", "--out", reg.dir / "full.csv", "--counties",
                          reg.dir / "full-c.csv"});
  EXPECT_EQ(full["evaluated"], 3000);
  EXPECT_EQ(Lines(reg.dir / "inc.csv"), Lines(reg.dir / "full.csv"));
  EXPECT_EQ(Lines(reg.dir / "inc-c.csv"), Lines(reg.dir / "full-c.csv"));
  // --dry-run stored nothing: the next run is compared with the incremental one.
  Json again = reg.Screen({});
  EXPECT_EQ(again["run_id"], 3);
  EXPECT_EQ(again["new_warnings"], 0);
}

TEST(ScreenCliTest, ExplainAgreesWithTheFlaggedFile) {
  Registry reg(500);
  reg.Screen({"--out", reg.dir / "flagged.csv"});
  std::vector<std::string> flagged = Lines(reg.dir / "flagged.csv");
  ASSERT_GT(flagged.size(), 2u);
  std::vector<std::string> cells;
  std::stringstream ss(flagged[1]);
  for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
  CliResult r = RunCli({"explain", "--db", reg.db, "--household", cells[0], "--province", "63",
                        "--year", "2024", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json e = Json::parse(r.out);
  EXPECT_EQ(e["household_id"], cells[0]);
  EXPECT_EQ(e["proposed_type"], cells[3]);
  std::string fired;
  for (const Json& rule : e["rules"]) {
    if (rule["result"] == "true") fired += (fired.empty() ? "" : ";") + rule["rule"].get<std::string>();
    EXPECT_FALSE(rule["because"].get<std::string>().empty());
  }
  // Rule ids of the default standard sort in the standard's order except for these two.
  std::vector<std::string> got, want;
  for (std::stringstream a(fired); std::getline(a, cells[1], ';');) got.push_back(cells[1]);
  for (std::stringstream b(cells[2]); std::getline(b, cells[1], ';');) want.push_back(cells[1]);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
  CliResult text = RunCli({"explain", "--db", reg.db, "--household", e["household_id"],
                           "--province", "63", "--year", "2024"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("income_below_line"));
  EXPECT_THAT(text.out, HasSubstr("proposed type"));
}

TEST(ScreenCliTest, WhatIfCountsAgreeWithTwoScreens) {
  Registry reg;
  Json a = reg.Screen({"--dry-run"});
  CliResult b_run = RunCli({"screen", "--db", reg.db, "--province", "63", "--year", "2025",
                            "--dry-run", "--json"});
  ASSERT_EQ(b_run.exit_code, 0) << b_run.err;
  Json b = Json::parse(b_run.out);
  CliResult r = RunCli({"whatif", "--db", reg.db, "--standard", "63-2024", "--vs", "63-2025",
                        "--json", "--out", reg.dir / "changes.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json w = Json::parse(r.out);
  EXPECT_EQ(w["total"]["flagged_a"], a["flagged"]);
  EXPECT_EQ(w["total"]["flagged_b"], b["flagged"]);
  EXPECT_EQ(w["total"]["flagged_b"].get<int>() - w["total"]["flagged_a"].get<int>(),
            w["total"]["entering"].get<int>() - w["total"]["leaving"].get<int>());
  EXPECT_GT(w["total"]["entering"].get<int>(), 0);  // the 2025 line is higher
  int county_entering = 0;
  for (const Json& c : w["counties"]) county_entering += c["entering"].get<int>();
  EXPECT_EQ(county_entering, w["total"]["entering"]);
  std::vector<std::string> changes = Lines(reg.dir / "changes.csv");
  EXPECT_EQ(changes.size() - 1, w["total"]["entering"].get<size_t>() +
                                    w["total"]["leaving"].get<size_t>() +
                                    w["total"]["type_changed"].get<size_t>());
  CliResult text = RunCli({"whatif", "--db", reg.db, "--standard", "63-2024", "--vs", "63-2025"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("total"));
}

TEST(ScreenCliTest, WhatIfAsOfADateBeforeTheImportSeesNoHousehold) {
  Registry reg(200);
  CliResult r = RunCli({"whatif", "--db", reg.db, "--standard", "63-2024", "--vs", "63-2025",
                        "--as-of", "2020-01-01", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["total"]["screened"], 0);
  CliResult today = RunCli({"whatif", "--db", reg.db, "--standard", "63-2024", "--vs", "63-2025",
                            "--as-of", "2099-12-31", "--json"});
  ASSERT_EQ(today.exit_code, 0) << today.err;
  EXPECT_GT(Json::parse(today.out)["total"]["screened"].get<int>(), 190);
}

TEST(ScreenCliTest, UsageErrorsExitWithTwo) {
  Registry reg(10);
  EXPECT_EQ(RunCli({"screen", "--province", "63", "--year", "2024"}).exit_code, 2);
  CliResult both = RunCli({"screen", "--db", reg.db, "--households", reg.households, "--members",
                           reg.members, "--province", "63", "--year", "2024"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("either --db, or --households and --members"));
  CliResult half = RunCli({"screen", "--households", reg.households, "--province", "63",
                           "--year", "2024", "--out", reg.dir / "o.csv"});
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_THAT(half.err, HasSubstr("both --households and --members"));
  CliResult no_out = RunCli({"screen", "--households", reg.households, "--members", reg.members,
                             "--province", "63", "--year", "2024"});
  EXPECT_EQ(no_out.exit_code, 2);
  EXPECT_THAT(no_out.err, HasSubstr("--out"));
}

TEST(ScreenCliTest, UserErrorsExitWithOneAndSayWhatToDo) {
  Registry reg(10);
  CliResult province = RunCli({"screen", "--db", reg.db, "--province", "6", "--year", "2024"});
  EXPECT_EQ(province.exit_code, 1);
  EXPECT_THAT(province.err, HasSubstr("--province must be the 2-digit province code"));
  CliResult county = RunCli(
      {"screen", "--db", reg.db, "--province", "63", "--county", "620102", "--year", "2024"});
  EXPECT_EQ(county.exit_code, 1);
  EXPECT_THAT(county.err, HasSubstr("inside province 63"));
  CliResult unknown = RunCli({"screen", "--db", reg.db, "--province", "62", "--year", "2024"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("62"));
  CliResult missing = RunCli({"screen", "--households", reg.dir / "nope.csv", "--members",
                              reg.members, "--province", "63", "--year", "2024", "--out",
                              reg.dir / "o.csv"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("nope.csv"));
  CliResult unwritable = RunCli({"screen", "--db", reg.db, "--province", "63", "--year", "2024",
                                 "--out", reg.dir / "no/such/dir/o.csv"});
  EXPECT_EQ(unwritable.exit_code, 1);
  EXPECT_THAT(unwritable.err, HasSubstr("no/such/dir/o.csv"));
  CliResult household = RunCli({"explain", "--db", reg.db, "--household", "NOPE", "--province",
                                "63", "--year", "2024"});
  EXPECT_EQ(household.exit_code, 1);
  EXPECT_THAT(household.err, HasSubstr("household 'NOPE' is not in the registry"));
  CliResult date = RunCli({"whatif", "--db", reg.db, "--standard", "63-2024", "--vs", "63-2025",
                           "--as-of", "2024-02-30"});
  EXPECT_EQ(date.exit_code, 1);
  EXPECT_THAT(date.err, HasSubstr("--as-of"));
  CliResult spec = RunCli({"whatif", "--db", reg.db, "--standard", "sixty-three", "--vs",
                           "63-2025"});
  EXPECT_EQ(spec.exit_code, 1);
  EXPECT_THAT(spec.err, HasSubstr("names no standard"));
}

TEST(ScreenCliTest, FileModeReportsQuarantinedRows) {
  TempDir dir;
  ASSERT_EQ(RunCli({"generate", "--households", "400", "--seed", "3", "--corrupt-rate", "0.05",
                    "--out", dir / "d"}).exit_code, 0);
  CliResult r = RunCli({"screen", "--households", dir / "d/households.csv", "--members",
                        dir / "d/members.csv", "--province", "63", "--year", "2024", "--out",
                        dir / "f.csv", "--quarantine-out", dir / "q.csv", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json j = Json::parse(r.out);
  EXPECT_GT(j["quarantined"].get<int>(), 0);
  EXPECT_EQ(Lines(dir / "q.csv").size(), j["quarantined"].get<size_t>() + 1);
}

// The shared benchmark's plain-Python oracle (../shared/bench/peers/reference/screen.py, written
// independently from DOMAIN.md) must agree with file mode byte for byte on generated data.
TEST(ScreenCliTest, AgreesWithTheSharedReferenceScreen) {
  const std::string bench = std::string(XJ_SOURCE_DIR) + "/../shared/bench";
  if (!std::filesystem::exists(bench + "/peers/reference/screen.py")) {
    GTEST_SKIP() << "no shared benchmark beside the checkout at " << bench;
  }
  TempDir dir;
  ASSERT_EQ(RunCli({"generate", "--households", "5000", "--seed", "11", "--out", dir / "d"})
                .exit_code, 0);
  const std::string ref = "/usr/bin/python3 " + bench + "/peers/reference/screen.py " +
                          dir / "d" + " " + dir / "ref" + " >/dev/null";
  ASSERT_EQ(std::system(ref.c_str()), 0);
  std::filesystem::create_directories(dir / "xj");
  CliResult r = RunCli({"screen", "--households", dir / "d/households.csv", "--members",
                        dir / "d/members.csv", "--province", "63", "--year", "2024", "--out",
                        dir / "xj/flagged.csv", "--counties", dir / "xj/counties.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(dir / "ref/flagged.csv"), Lines(dir / "xj/flagged.csv"));
  EXPECT_EQ(Lines(dir / "ref/counties.csv"), Lines(dir / "xj/counties.csv"));
  EXPECT_GT(Lines(dir / "xj/flagged.csv").size(), 300u);
}

}  // namespace
}  // namespace xianjie::testing
