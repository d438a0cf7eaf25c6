// End-to-end tests of department facts (dept.<fact>) in the screening commands over SQLite: a
// standard whose rule reads a medical insurance fact passes `standard check` and `standard
// load`; after `xianjie upload` of a medical insurance file, `screen` flags the person's
// household by that rule, `explain` shows the fact's value and `whatif` counts the household
// entering; file mode compiles the rule and reads no facts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr char kRule[] =
    "\n[[rule]]\n"
    "id = \"medical_bills\"\n"
    "label_zh = \"医保个人自付费用高\"\n"
    "label_en = \"High out-of-pocket medical bills\"\n"
    "when = \"sum(member, dept.medical_out_of_pocket_12m) > 5 * line\"\n";

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A generated registry imported into a fresh database, Qinghai's 2024 standard as shipped
// (base.toml) and with the rule above (facts.toml).
struct Registry {
  TempDir dir;
  std::string db = dir / "x.db";
  std::string data = dir / "data";
  std::string households = data + "/households.csv";
  std::string members = data + "/members.csv";
  std::string base = dir / "base.toml";
  std::string with_fact = dir / "facts.toml";

  Registry() {
    EXPECT_EQ(RunCli({"generate", "--households", "300", "--seed", "11", "--out", data,
                      "--no-departments"})
                  .exit_code,
              0);
    EXPECT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
    CliResult imp =
        RunCli({"import", "--db", db, "--households", households, "--members", members});
    EXPECT_EQ(imp.exit_code, 0) << imp.err;
    CliResult shown = RunCli({"standard", "show", "--province", "63", "--year", "2024", "--toml"});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    WriteFile(base, shown.out);
    WriteFile(with_fact, shown.out + kRule);
  }

  // The head (ID number, name, household) of a household the shipped standard does not flag.
  std::vector<std::string> UnflaggedPerson() const {
    const std::string flagged_csv = dir / "base-flagged.csv";
    CliResult r = RunCli({"screen", "--db", db, "--province", "63", "--year", "2024", "--dry-run",
                          "--out", flagged_csv});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> flagged;
    for (const std::string& line : Lines(flagged_csv))
      flagged.insert(line.substr(0, line.find(',')));
    for (const std::string& line : Lines(members)) {
      const size_t a = line.find(',');
      const size_t b = line.find(',', a + 1);
      const size_t c = line.find(',', b + 1);
      const std::string household = line.substr(a + 1, b - a - 1);
      // A head counted as a member (shares_household, the last column, is 1).
      const bool counted_head =
          line.substr(c + 1, 5) == "head," && line.substr(line.size() - 2) == ",1";
      if (!counted_head || flagged.count(household) > 0) continue;
      return {line.substr(0, a), line.substr(b + 1, c - b - 1), household};
    }
    ADD_FAILURE() << "every household is flagged";
    return {"", "", ""};
  }
};

TEST(DeptFactsCliTest, AStandardNamingAFactIsCheckedAndLoaded) {
  Registry reg;
  CliResult check = RunCli({"standard", "check", reg.with_fact});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.out, HasSubstr("compiles; nothing stored"));
  EXPECT_THAT(check.out, HasSubstr("reads department facts"));
  CliResult base = RunCli({"standard", "check", reg.base});
  ASSERT_EQ(base.exit_code, 0) << base.err;
  EXPECT_THAT(base.out, ::testing::Not(HasSubstr("reads department facts")));

  // A misspelt fact is refused with the nearest one, by check and load alike.
  const std::string typo = reg.dir / "typo.toml";
  WriteFile(typo,
            ReadFile(reg.base) +
                "\n[[rule]]\nid = \"medical_bills\"\nlabel_zh = \"自付\"\nlabel_en = \"Bills\"\n"
                "when = \"sum(member, dept.medical_out_of_pocket) > line\"\n");
  CliResult bad = RunCli({"standard", "check", typo});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, HasSubstr("unknown fact 'dept.medical_out_of_pocket'"));
  EXPECT_THAT(bad.err, HasSubstr("did you mean 'dept.medical_out_of_pocket_12m'?"));
  CliResult bad_load = RunCli({"standard", "load", typo, "--db", reg.db});
  EXPECT_NE(bad_load.exit_code, 0);
  EXPECT_THAT(bad_load.err, HasSubstr("unknown fact 'dept.medical_out_of_pocket'"));

  CliResult load = RunCli({"standard", "load", reg.with_fact, "--db", reg.db});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_THAT(load.out, HasSubstr("10 rules"));
  CliResult help = RunCli({"standard", "--help"});
  EXPECT_THAT(help.out, HasSubstr("check"));
}

TEST(DeptFactsCliTest, AnUploadedFactFlagsExplainsAndCountsTheHousehold) {
  Registry reg;
  const std::vector<std::string> person = reg.UnflaggedPerson();
  const std::string& household = person[2];
  ASSERT_FALSE(household.empty());
  ASSERT_EQ(RunCli({"standard", "load", reg.with_fact, "--db", reg.db}).exit_code, 0);

  // Before any upload the rule fires nowhere.
  CliResult before = RunCli(
      {"screen", "--db", reg.db, "--province", "63", "--year", "2024", "--dry-run", "--json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(Json::parse(before.out)["counts"]["rules"]["medical_bills"], 0);

  // 88,888 yuan paid out of pocket a month ago: more than 5 × the line for anyone.
  const std::string settled = CivilDate::FromDays(CivilDate::Today().ToDays() - 30).ToString();
  const std::string csv = reg.dir / "medical.csv";
  WriteFile(csv, "身份证号,姓名,参保类型,医疗费用总额（元）,个人自付金额（元）,结算日期\n" +
                     person[0] + "," + person[1] + ",城乡居民医保,120000,88888," + settled + "\n");
  CliResult up = RunCli({"upload", "--db", reg.db, "--source", "medical_insurance", csv, "--json"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_EQ(Json::parse(up.out)["accepted"], 1) << up.out;

  const std::string flagged_csv = reg.dir / "flagged.csv";
  CliResult screen = RunCli({"screen", "--db", reg.db, "--province", "63", "--year", "2024",
                             "--json", "--out", flagged_csv});
  ASSERT_EQ(screen.exit_code, 0) << screen.err;
  const Json run = Json::parse(screen.out);
  EXPECT_EQ(run["counts"]["rules"]["medical_bills"], 1);
  EXPECT_EQ(run["incremental"], false);  // a standard reading facts is screened in full
  bool listed = false;
  for (const std::string& line : Lines(flagged_csv)) {
    if (line.starts_with(household + ",")) {
      listed = true;
      EXPECT_THAT(line, HasSubstr("medical_bills"));
    }
  }
  EXPECT_TRUE(listed) << household;

  CliResult explain = RunCli(
      {"explain", "--db", reg.db, "--household", household, "--province", "63", "--year", "2024"});
  ASSERT_EQ(explain.exit_code, 0) << explain.err;
  EXPECT_THAT(explain.out, HasSubstr("medical_bills"));
  EXPECT_THAT(explain.out, HasSubstr("sum(member, dept.medical_out_of_pocket_12m) 88888.00 > "));
  // No type of the shipped standard names the new rule.
  EXPECT_THAT(explain.out, HasSubstr("flagged, but no type's condition holds"));
  CliResult explain_json = RunCli({"explain", "--db", reg.db, "--household", household,
                                   "--province", "63", "--year", "2024", "--json"});
  ASSERT_EQ(explain_json.exit_code, 0) << explain_json.err;
  bool fired = false;
  const Json explained = Json::parse(explain_json.out);
  for (const Json& rule : explained["rules"]) {
    if (rule["rule"] == "medical_bills") fired = rule["result"] == "true";
  }
  EXPECT_TRUE(fired) << explain_json.out;

  const std::string changes = reg.dir / "whatif.csv";
  CliResult whatif = RunCli({"whatif", "--db", reg.db, "--standard", reg.base, "--vs",
                             reg.with_fact, "--json", "--out", changes});
  ASSERT_EQ(whatif.exit_code, 0) << whatif.err;
  const Json w = Json::parse(whatif.out);
  EXPECT_EQ(w["total"]["entering"], 1);
  EXPECT_EQ(w["total"]["leaving"], 0);
  const std::vector<std::string> rows = Lines(changes);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[1].starts_with(household + ",")) << rows[1];
  EXPECT_THAT(rows[1], HasSubstr(",enter,"));
  EXPECT_THAT(rows[1], HasSubstr("medical_bills"));
}

TEST(DeptFactsCliTest, FileModeCompilesTheRuleAndReadsNoFacts) {
  Registry reg;
  CliResult r = RunCli({"screen", "--households", reg.households, "--members", reg.members,
                        "--province", "63", "--year", "2024", "--standard", reg.with_fact, "--out",
                        reg.dir / "f.csv", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["counts"]["rules"]["medical_bills"], 0);
  EXPECT_THAT(RunCli({"screen", "--help"}).out, HasSubstr("no department data"));
}

}  // namespace
}  // namespace xianjie::testing
