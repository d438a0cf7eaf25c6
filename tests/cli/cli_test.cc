// End-to-end tests of the `xianjie` command line: exit codes, messages, import, history,
// export and the round trip generate → import → export.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "base/id_number.h"
#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;

const char* kHouseholdsHeader =
    "household_id,village_code,status,wage_income,business_income,property_income,"
    "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
    "rigid_other,housing_safe,water_safe\n";
const char* kMembersHeader =
    "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,enrolled,"
    "med_insured,pension_insured,shares_household\n";
// A real village: 北关社区居民委员会 of 城东区, 西宁市.
const char* kVillage = "630102001001";

std::string Id(int year, int seq) {
  return MakeIdNumber("630102", CivilDate::FromYmd(year, 3, 4), seq);
}

// Two households: H1 with a head and a spouse, H2 with a head only.
struct Fixture {
  TempDir dir;
  std::string db = dir / "x.db";
  std::string households = dir / "households.csv";
  std::string members = dir / "members.csv";

  Fixture() {
    WriteFile(households, std::string(kHouseholdsHeader) + "H1," + kVillage +
                              ",lifted,12000,3000,0,2400.5,800,15000,600,0,0,1,1\n" + "H2," +
                              kVillage + ",ordinary,30000,0,0,0,0,,0,0,0,1,0\n");
    WriteFile(members, std::string(kMembersHeader) + Id(1970, 11) + ",H1,张三,head,M,1970-03-04," +
                           "ordinary,healthy,none,0,1,1,1\n" + Id(1972, 22) +
                           ",H1,李四,spouse,F,1972-03-04,weak,chronic,none,0,1,1,1\n" +
                           Id(1980, 33) +
                           ",H2,王五,户主,男,1980-03-04,skilled,健康,非在校生,0,1,1,1\n");
  }
  int Init() { return RunCli({"init", "--db", db}).exit_code; }
};

TEST(CliTest, HelpListsEveryCommand) {
  CliResult r = RunCli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"init", "import", "history", "export", "quarantine", "batches", "regions",
                          "generate", "demo"}) {
    EXPECT_THAT(r.out, HasSubstr(cmd));
    EXPECT_EQ(RunCli({cmd, "--help"}).exit_code, 0) << cmd;
  }
}

TEST(CliTest, BadUsageExitsTwo) {
  EXPECT_EQ(RunCli({}).exit_code, 2);
  EXPECT_EQ(RunCli({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunCli({"import", "--households", "h.csv"}).exit_code, 2);  // --db missing
  EXPECT_EQ(RunCli({"init", "--db", "x.db", "--bogus"}).exit_code, 2);
  EXPECT_EQ(RunCli({"generate", "--households", "-5", "--out", "x"}).exit_code, 2);
  CliResult r = RunCli({"import", "--db", "x.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("give --households, --members or both"));
}

TEST(CliTest, InitLoadsTheQinghaiRegions) {
  Fixture f;
  CliResult r = RunCli({"init", "--db", f.db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 province, 8 prefecture, 45 county, 422 township, 4716 village"));
  EXPECT_EQ(RunCli({"init", "--db", f.db}).exit_code, 0);  // idempotent
}

TEST(CliTest, ImportIntoMissingDatabaseSaysHowToCreateIt) {
  Fixture f;
  CliResult r = RunCli({"import", "--db", f.db, "--households", f.households});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("xianjie init --db"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;  // one line
}

TEST(CliTest, ImportOfMissingFileNamesIt) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  CliResult r = RunCli({"import", "--db", f.db, "--households", f.dir / "nope.csv"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("nope.csv"));
}

TEST(CliTest, ImportWithBadHeaderListsTheColumns) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  WriteFile(f.households, "household_id,village_code,wage\nH1,630102001001,5\n");
  CliResult r = RunCli({"import", "--db", f.db, "--households", f.households});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("water_safe"));
  EXPECT_THAT(r.err, HasSubstr("wage"));
}

TEST(CliTest, ImportReportsCountsAsJson) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  CliResult r = RunCli({"import", "--db", f.db, "--households", f.households, "--members",
                        f.members, "--json", "--as-of", "2024-05-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["households"]["read"], 2);
  EXPECT_EQ(j["households"]["accepted"], 2);
  EXPECT_EQ(j["households"]["quarantined"], 0);
  EXPECT_EQ(j["members"]["read"], 3);
  EXPECT_EQ(j["members"]["accepted"], 3);
  EXPECT_EQ(j["new_households"], 2);
}

TEST(CliTest, JsonReportSurvivesAFileNameThatIsNotUtf8) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  std::string odd = f.dir / "\xb7\xc0\xb7\xb5.csv";  // "防返" in GBK
  WriteFile(odd, ReadFile(f.households));
  CliResult r =
      RunCli({"import", "--db", f.db, "--households", odd, "--members", f.members, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["households"]["accepted"], 2);
}

TEST(CliTest, QuarantinedRowsAreNotAFailureAndCanBeWrittenOut) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  std::string bad_id = Id(1990, 44);
  bad_id[17] = bad_id[17] == '1' ? '2' : '1';
  WriteFile(f.members, ReadFile(f.members) + bad_id + ",H2,赵六,child,M,1990-03-04,ordinary," +
                           "healthy,none,0,1,1,1\n");
  std::string qfile = f.dir / "q.csv";
  CliResult r = RunCli({"import", "--db", f.db, "--households", f.households, "--members",
                        f.members, "--quarantine-out", qfile});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("id_number.check"));
  std::string q = ReadFile(qfile);
  EXPECT_THAT(q, HasSubstr("members.csv,5,id_number,id_number.check"));
  EXPECT_THAT(q, HasSubstr("赵六"));

  CliResult again = RunCli({"quarantine", "--db", f.db, "--batch", "1"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.out, HasSubstr("id_number.check"));
  EXPECT_EQ(RunCli({"quarantine", "--db", f.db, "--batch", "9"}).exit_code, 1);
}

TEST(CliTest, HistoryShowsVersionsAndChanges) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  ASSERT_EQ(RunCli({"import", "--db", f.db, "--households", f.households, "--members", f.members})
                .exit_code,
            0);
  // Wage of H1 changes; the spouse's labour capacity changes; H2 is unchanged.
  std::string h = ReadFile(f.households);
  h.replace(h.find("lifted,12000"), 12, "lifted,15000");
  WriteFile(f.households, h);
  std::string m = ReadFile(f.members);
  m.replace(m.find("weak,chronic"), 4, "lost");
  WriteFile(f.members, m);
  CliResult imp = RunCli({"import", "--db", f.db, "--households", f.households, "--members",
                          f.members, "--source", "home_visit", "--user", "cadre01", "--json"});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  auto j = nlohmann::json::parse(imp.out);
  EXPECT_EQ(j["changed_households"], 1);
  EXPECT_EQ(j["unchanged_households"], 1);

  CliResult r = RunCli({"history", "--db", f.db, "--household", "H1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("version 1"));
  EXPECT_THAT(r.out, HasSubstr("version 2  batch 2  home_visit  by cadre01"));
  EXPECT_THAT(r.out, HasSubstr("wage_income: 12000 -> 15000"));
  EXPECT_THAT(r.out, HasSubstr("李四: labor: weak -> lost"));
  EXPECT_THAT(r.out, HasSubstr("630102********"));  // IDs are masked
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr(Id(1972, 22))));

  CliResult h2 = RunCli({"history", "--db", f.db, "--household", "H2", "--json"});
  ASSERT_EQ(h2.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(h2.out).size(), 1u);  // unchanged: still one version

  CliResult none = RunCli({"history", "--db", f.db, "--household", "H9"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_THAT(none.err, HasSubstr("H9"));
}

TEST(CliTest, BatchesListsImports) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  ASSERT_EQ(RunCli({"import", "--db", f.db, "--households", f.households, "--members", f.members,
                    "--source", "civil_affairs"})
                .exit_code,
            0);
  CliResult r = RunCli({"batches", "--db", f.db});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("civil_affairs"));
  EXPECT_THAT(r.out, HasSubstr("households.csv members.csv"));
}

TEST(CliTest, InvalidAsOfIsAUserError) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  CliResult r =
      RunCli({"import", "--db", f.db, "--households", f.households, "--as-of", "2024-02-30"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--as-of"));
}

TEST(CliTest, GenerateIsDeterministic) {
  TempDir dir;
  ASSERT_EQ(
      RunCli({"generate", "--households", "300", "--seed", "7", "--out", dir / "a"}).exit_code, 0);
  ASSERT_EQ(
      RunCli({"generate", "--households", "300", "--seed", "7", "--out", dir / "b"}).exit_code, 0);
  ASSERT_EQ(
      RunCli({"generate", "--households", "300", "--seed", "8", "--out", dir / "c"}).exit_code, 0);
  EXPECT_EQ(ReadFile(dir / "a/members.csv"), ReadFile(dir / "b/members.csv"));
  EXPECT_EQ(ReadFile(dir / "a/households.csv"), ReadFile(dir / "b/households.csv"));
  EXPECT_NE(ReadFile(dir / "a/members.csv"), ReadFile(dir / "c/members.csv"));
}

// generate → import → export reproduces the input, after canonical ordering of the lines.
TEST(CliTest, RoundTripReproducesTheInput) {
  TempDir dir;
  ASSERT_EQ(
      RunCli({"generate", "--households", "3000", "--seed", "11", "--out", dir / "in"}).exit_code,
      0);
  ASSERT_EQ(RunCli({"init", "--db", dir / "r.db"}).exit_code, 0);
  CliResult imp = RunCli({"import", "--db", dir / "r.db", "--households", dir / "in/households.csv",
                          "--members", dir / "in/members.csv", "--json"});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  auto j = nlohmann::json::parse(imp.out);
  EXPECT_EQ(j["households"]["quarantined"], 0);
  EXPECT_EQ(j["members"]["quarantined"], 0);
  ASSERT_EQ(RunCli({"export", "--db", dir / "r.db", "--out", dir / "out", "--full-ids"}).exit_code,
            0);
  EXPECT_EQ(SortedLines(dir / "in/households.csv"), SortedLines(dir / "out/households.csv"));
  EXPECT_EQ(SortedLines(dir / "in/members.csv"), SortedLines(dir / "out/members.csv"));

  // Importing the export again changes nothing.
  CliResult again =
      RunCli({"import", "--db", dir / "r.db", "--households", dir / "out/households.csv",
              "--members", dir / "out/members.csv", "--json"});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(again.out)["unchanged_households"], 3000);
}

TEST(CliTest, ExportMasksIdsByDefault) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  ASSERT_EQ(RunCli({"import", "--db", f.db, "--households", f.households, "--members", f.members})
                .exit_code,
            0);
  ASSERT_EQ(RunCli({"export", "--db", f.db, "--out", f.dir / "m"}).exit_code, 0);
  std::string m = ReadFile(f.dir / "m/members.csv");
  EXPECT_THAT(m, HasSubstr("630102********"));
  EXPECT_THAT(m, ::testing::Not(HasSubstr(Id(1970, 11))));
}

TEST(CliTest, ExportFullIdsWritesWholeNumbers) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  ASSERT_EQ(RunCli({"import", "--db", f.db, "--households", f.households, "--members", f.members})
                .exit_code,
            0);
  ASSERT_EQ(RunCli({"export", "--db", f.db, "--out", f.dir / "w", "--full-ids"}).exit_code, 0);
  std::string m = ReadFile(f.dir / "w/members.csv");
  EXPECT_THAT(m, HasSubstr(Id(1970, 11)));
  EXPECT_THAT(m, ::testing::Not(HasSubstr("630102********")));
}

TEST(CliTest, ExportStillAcceptsMaskIdsButNotWithFullIds) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  ASSERT_EQ(RunCli({"import", "--db", f.db, "--households", f.households, "--members", f.members})
                .exit_code,
            0);
  ASSERT_EQ(RunCli({"export", "--db", f.db, "--out", f.dir / "m", "--mask-ids"}).exit_code, 0);
  EXPECT_THAT(ReadFile(f.dir / "m/members.csv"), ::testing::Not(HasSubstr(Id(1970, 11))));
  EXPECT_EQ(
      RunCli({"export", "--db", f.db, "--out", f.dir / "x", "--mask-ids", "--full-ids"}).exit_code,
      2);
}

TEST(CliTest, ExportFiltersByRegion) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  ASSERT_EQ(RunCli({"import", "--db", f.db, "--households", f.households, "--members", f.members})
                .exit_code,
            0);
  ASSERT_EQ(RunCli({"export", "--db", f.db, "--out", f.dir / "r", "--region", "6328"}).exit_code,
            0);
  EXPECT_EQ(ReadFile(f.dir / "r/households.csv"), kHouseholdsHeader);
  EXPECT_EQ(RunCli({"export", "--db", f.db, "--out", f.dir / "r", "--region", "63x"}).exit_code, 1);
}

TEST(CliTest, RegionsListsChildrenAndLevels) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  CliResult p = RunCli({"regions", "--db", f.db});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_THAT(p.out, HasSubstr("6301  prefecture  西宁市"));
  EXPECT_THAT(p.out, HasSubstr("8 regions"));
  CliResult v = RunCli({"regions", "--db", f.db, "--within", "630102", "--level", "village"});
  ASSERT_EQ(v.exit_code, 0);
  EXPECT_THAT(v.out, HasSubstr("青海省 / 西宁市 / 城东区"));
  EXPECT_THAT(v.out, HasSubstr("630102001001  village     北关社区居民委员会"));
  EXPECT_EQ(RunCli({"regions", "--db", f.db, "--within", "639999"}).exit_code, 1);
  EXPECT_EQ(RunCli({"regions", "--db", f.db, "--level", "town"}).exit_code, 1);
}

TEST(CliTest, InitRejectsAMissingOrMalformedRegionFile) {
  TempDir dir;
  CliResult missing = RunCli({"init", "--db", dir / "x.db", "--regions", dir / "none.csv"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("none.csv"));
  WriteFile(dir / "bad.csv",
            "code,name,level,parent_code\n630000000000,青海省,province,\n63x1,坏,prefecture,"
            "630000000000\n");
  CliResult bad = RunCli({"init", "--db", dir / "x.db", "--regions", dir / "bad.csv"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("line 3"));
}

TEST(CliTest, CommandsOnAFileThatIsNotARegistryExplainIt) {
  TempDir dir;
  WriteFile(dir / "notes.db", "these are not the households you are looking for\n");
  for (std::vector<std::string> args :
       {std::vector<std::string>{"history", "--db", dir / "notes.db", "--household", "H1"},
        std::vector<std::string>{"batches", "--db", dir / "notes.db"},
        std::vector<std::string>{"export", "--db", dir / "notes.db", "--out", dir / "o"}}) {
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 1) << args[0];
    EXPECT_THAT(r.err, HasSubstr("notes.db")) << args[0];
  }
  CliResult missing = RunCli({"batches", "--db", dir / "missing.db"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("xianjie init --db"));
}

TEST(CliTest, ExportToAnUnwritablePlaceIsAUserError) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  WriteFile(f.dir / "file", "x");
  CliResult r = RunCli({"export", "--db", f.db, "--out", f.dir / "file/sub"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("file/sub"));
}

TEST(CliTest, GenerateIntoAnUnwritablePlaceIsAUserError) {
  TempDir dir;
  WriteFile(dir / "file", "x");
  CliResult r = RunCli({"generate", "--households", "10", "--out", dir / "file/sub"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("file/sub"));
}

// On a terminal the import draws a progress bar; through a pipe it does not.
TEST(CliTest, ProgressBarOnlyOnATerminal) {
  Fixture f;
  ASSERT_EQ(f.Init(), 0);
  CliResult piped =
      RunCli({"import", "--db", f.db, "--households", f.households, "--members", f.members});
  ASSERT_EQ(piped.exit_code, 0);
  EXPECT_THAT(piped.out, ::testing::Not(HasSubstr("\r")));
  if (::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "script(1) not installed";
  std::string log = f.dir / "tty.log";
  std::string cmd = std::string("script -qec '") + XIANJIE_BIN + " import --db " + f.db +
                    " --households " + f.households + " --members " + f.members + "' " + log +
                    " >/dev/null 2>&1";
  ASSERT_EQ(::system(cmd.c_str()), 0);
  std::string tty = ReadFile(log);
  EXPECT_THAT(tty, HasSubstr("\r"));
  EXPECT_THAT(tty, HasSubstr("] reading households"));
  EXPECT_THAT(tty, HasSubstr("batch 2 imported"));
}

}  // namespace
}  // namespace xianjie::testing
