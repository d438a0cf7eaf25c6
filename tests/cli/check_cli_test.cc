// End-to-end tests of `xianjie check run|list` and `xianjie finding list|resolve` over a SQLite
// database: counts by check as text and JSON, running twice, a region, the findings as text and
// JSON, resolving one, and every error path (unknown id, empty note, resolving twice, bad state,
// bad region, usage).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/id_number.h"
#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::json;

const char* kHouseholdsHeader =
    "household_id,village_code,status,wage_income,business_income,property_income,"
    "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
    "rigid_other,housing_safe,water_safe\n";
const char* kMembersHeader =
    "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,enrolled,"
    "med_insured,pension_insured,shares_household\n";

std::string Id(int year, int seq) {
  return MakeIdNumber("630102", CivilDate::FromYmd(year, 3, 4), seq);
}

// H1 in 630102001001 with 50 yuan of wages (Q09, Q10), H2 beside it with nothing to report, C1
// in county 630121 with 80 yuan (Q09, Q10).
struct Fixture {
  TempDir dir;
  std::string db = dir / "x.db";

  Fixture() {
    const std::string households = dir / "households.csv";
    const std::string members = dir / "members.csv";
    WriteFile(households, std::string(kHouseholdsHeader) +
                              "H1,630102001001,ordinary,50,0,0,1000,0,,0,0,0,1,1\n"
                              "H2,630102001001,ordinary,30000,0,0,0,0,,0,0,0,1,1\n"
                              "C1,630121100001,ordinary,80,0,0,1000,0,,0,0,0,1,1\n");
    WriteFile(members,
              std::string(kMembersHeader) + Id(1970, 11) +
                  ",H1,张三,head,M,1970-03-04,ordinary,healthy,none,0,1,1,1\n" + Id(1980, 33) +
                  ",H2,王五,head,M,1980-03-04,skilled,healthy,none,0,1,1,1\n" + Id(1975, 55) +
                  ",C1,赵六,head,M,1975-03-04,ordinary,healthy,none,0,1,1,1\n");
    EXPECT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
    CliResult imp =
        RunCli({"import", "--db", db, "--households", households, "--members", members});
    EXPECT_EQ(imp.exit_code, 0) << imp.err;
  }

  Json Run(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"check", "run", "--db", db, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out, nullptr, false);
  }

  Json Findings(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"finding", "list", "--db", db, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out, nullptr, false);
  }

  // The id of the finding of `check` in `household`.
  int64_t IdOf(const std::string& check, const std::string& household) const {
    const Json list = Findings({"--check", check});
    for (const Json& f : list["items"]) {
      if (f["household_id"] == household) return f["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no " << check << " finding in " << household;
    return 0;
  }
};

int64_t Found(const Json& report, const std::string& check, const char* what = "found") {
  for (const Json& c : report["checks"]) {
    if (c["check"] == check) return c[what].get<int64_t>();
  }
  return -1;
}

TEST(CheckCliTest, Help) {
  EXPECT_EQ(RunCli({"check", "--help"}).exit_code, 0);
  EXPECT_THAT(RunCli({"check", "--help"}).out, HasSubstr("run"));
  EXPECT_THAT(RunCli({"finding", "--help"}).out, HasSubstr("resolve"));
  EXPECT_THAT(RunCli({"--help"}).out, HasSubstr("finding"));
  EXPECT_EQ(RunCli({"check"}).exit_code, 2);
  EXPECT_EQ(RunCli({"finding"}).exit_code, 2);
  EXPECT_EQ(RunCli({"check", "run"}).exit_code, 2);  // --db is required
}

TEST(CheckCliTest, ListPrintsEveryCheckWithItsKind) {
  Fixture f;
  CliResult r = RunCli({"check", "list", "--db", f.db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Q01  builtin:deceased_listed"));
  EXPECT_THAT(r.out, HasSubstr("Q02  builtin:duplicate_id_number"));
  EXPECT_THAT(r.out, HasSubstr("Q06  rule, monitored R07"));
  EXPECT_THAT(r.out, HasSubstr("Q12  rule, monitored "));
  EXPECT_THAT(r.out, HasSubstr("enabled"));
  EXPECT_THAT(r.out, HasSubstr("工资性收入在0至100元之间（不合常理）"));
  CliResult j = RunCli({"check", "list", "--db", f.db, "--json"});
  ASSERT_EQ(j.exit_code, 0);
  const Json list = Json::parse(j.out);
  ASSERT_EQ(list.size(), 13u);
  EXPECT_EQ(list[8]["id"], "Q09");
  EXPECT_EQ(list[8]["kind"], "rule");
  EXPECT_EQ(list[8]["when"], "wage_income > 0 and wage_income < implausible_wage_max");
}

TEST(CheckCliTest, RunPrintsTheCountsByCheck) {
  Fixture f;
  CliResult r = RunCli({"check", "run", "--db", f.db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("checks over 3 households in "));
  EXPECT_THAT(r.out, HasSubstr(": 4 found, 4 new findings\n"));
  EXPECT_THAT(r.out, HasSubstr("  Q09  found       2  new       2  工资性收入在0至100元之间"));
  EXPECT_THAT(r.out, HasSubstr("  Q01  found       0  new       0  "));
  // No household is a monitoring object: the plans' checks look at none.
  EXPECT_THAT(r.out, HasSubstr("coordination checks C01–C11 over 0 monitored households: 0 new "
                               "findings, 0 closed (the plan was fixed)\n"));
}

TEST(CheckCliTest, RunningTwiceOpensNothingNew) {
  Fixture f;
  const Json first = f.Run();
  EXPECT_EQ(first["found"], 4);
  EXPECT_EQ(first["opened"], 4);
  EXPECT_EQ(first["coordination"], (Json{{"households", 0}, {"opened", 0}, {"closed", 0}}));
  EXPECT_EQ(Found(first, "Q10"), 2);
  const Json second = f.Run();
  EXPECT_EQ(second["found"], 4);
  EXPECT_EQ(second["opened"], 0);
  EXPECT_EQ(f.Findings()["total"], 4);
}

TEST(CheckCliTest, ARegionLimitsTheRunAndTheList) {
  Fixture f;
  const Json county = f.Run({"--region", "630121"});
  EXPECT_EQ(county["households"], 1);
  EXPECT_EQ(county["opened"], 2);
  f.Run();
  const Json list = f.Findings({"--region", "630102001001"});
  EXPECT_EQ(list["total"], 2);
  for (const Json& item : list["items"]) EXPECT_EQ(item["household_id"], "H1");
}

TEST(CheckCliTest, FindingListShowsTheFindings) {
  Fixture f;
  f.Run();
  CliResult r = RunCli({"finding", "list", "--db", f.db, "--check", "Q09"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Q09  open      H1           630102001001  工资性收入在0至100元"));
  EXPECT_THAT(r.out, HasSubstr("wage_income 50.00 > 0 [true]"));
  EXPECT_THAT(r.out, HasSubstr("2 of 2 findings\n"));
  const Json j = f.Findings({"--check", "Q09", "--limit", "1"});
  EXPECT_EQ(j["total"], 2);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["state"], "open");
  EXPECT_THAT(j["items"][0]["evidence_key"].get<std::string>(), StartsWith("rule:"));
}

TEST(CheckCliTest, ResolveMarksTheFindingAndItStaysResolved) {
  Fixture f;
  f.Run();
  const int64_t id = f.IdOf("Q09", "H1");
  CliResult r = RunCli({"finding", "resolve", "--db", f.db, std::to_string(id), "--state",
                        "corrected", "--note", "工资录入有误，已更正", "--user", "cadre"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "finding " + std::to_string(id) +
                       " (Q09, household H1) resolved as corrected by cadre\n");
  const Json corrected = f.Findings({"--state", "corrected"});
  ASSERT_EQ(corrected["total"], 1);
  EXPECT_EQ(corrected["items"][0]["note"], "工资录入有误，已更正");
  EXPECT_EQ(corrected["items"][0]["resolved_by"], "cadre");
  EXPECT_EQ(f.Run()["opened"], 0);  // the same evidence: stays resolved
  EXPECT_EQ(f.Findings({"--state", "open"})["total"], 3);
  CliResult audit = RunCli({"audit", "list", "--db", f.db});
  EXPECT_THAT(audit.out, HasSubstr("finding.resolve"));
  EXPECT_THAT(audit.out, HasSubstr("check.run"));
}

TEST(CheckCliTest, ResolveRefusesWhatItCannotDo) {
  Fixture f;
  f.Run();
  const std::string id = std::to_string(f.IdOf("Q09", "C1"));
  CliResult unknown =
      RunCli({"finding", "resolve", "--db", f.db, "999", "--state", "corrected", "--note", "x"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "error: no finding 999\n");
  CliResult empty =
      RunCli({"finding", "resolve", "--db", f.db, id, "--state", "corrected", "--note", ""});
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_EQ(empty.err, "error: a note is required: say what was checked and what was done\n");
  CliResult state =
      RunCli({"finding", "resolve", "--db", f.db, id, "--state", "fixed", "--note", "x"});
  EXPECT_EQ(state.exit_code, 1);
  EXPECT_EQ(state.err,
            "error: state must be corrected (the data was wrong and has been corrected) or "
            "confirmed (the suspicion is real); got 'fixed'\n");
  CliResult open =
      RunCli({"finding", "resolve", "--db", f.db, id, "--state", "open", "--note", "x"});
  EXPECT_EQ(open.exit_code, 1);
  ASSERT_EQ(RunCli({"finding", "resolve", "--db", f.db, id, "--state", "confirmed", "--note",
                    "核实属实", "--user", "li"})
                .exit_code,
            0);
  CliResult twice =
      RunCli({"finding", "resolve", "--db", f.db, id, "--state", "corrected", "--note", "again"});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_THAT(twice.err,
              StartsWith("error: finding " + id + " was resolved as confirmed by li at "));
  EXPECT_THAT(twice.err, HasSubstr("; a resolved finding stays resolved\n"));
  EXPECT_EQ(RunCli({"finding", "resolve", "--db", f.db, id, "--note", "x"}).exit_code, 2);
  EXPECT_EQ(
      RunCli({"finding", "resolve", "--db", f.db, "abc", "--state", "corrected", "--note", "x"})
          .exit_code,
      2);
}

TEST(CheckCliTest, BadOptionsAreRefused) {
  Fixture f;
  CliResult region = RunCli({"check", "run", "--db", f.db, "--region", "63x"});
  EXPECT_EQ(region.exit_code, 1);
  EXPECT_EQ(region.err,
            "error: --region must be a region code of 2, 4, 6, 9 or 12 digits, e.g. 630121 for a "
            "county; got '63x'\n");
  CliResult state = RunCli({"finding", "list", "--db", f.db, "--state", "done"});
  EXPECT_EQ(state.exit_code, 1);
  EXPECT_EQ(state.err, "error: --state must be open, corrected, confirmed or justified; got 'done'\n");
  CliResult missing = RunCli({"check", "run", "--db", f.dir / "nope.db"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, StartsWith("error: "));
}

}  // namespace
}  // namespace xianjie::testing
