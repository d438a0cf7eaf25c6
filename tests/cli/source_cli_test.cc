// End-to-end tests of `xianjie source list|show`: every shipped source listed, a contract shown
// as text and JSON, and the error paths (unknown source, missing or unopenable --db, usage).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::vector<std::string> kSources = {"agriculture",       "civil_affairs",
                                           "disability",        "education",
                                           "emergency",         "health",
                                           "housing",           "human_resources",
                                           "market_regulation", "medical_insurance",
                                           "public_security",   "real_estate",
                                           "vehicles",          "water"};

struct Fixture {
  TempDir dir;
  std::string db = dir / "x.db";
  Fixture() { EXPECT_EQ(RunCli({"init", "--db", db}).exit_code, 0); }
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TEST(SourceCliTest, Help) {
  CliResult r = RunCli({"source", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("list"));
  EXPECT_THAT(r.out, HasSubstr("show"));
  EXPECT_THAT(RunCli({"--help"}).out, HasSubstr("source"));
  EXPECT_EQ(RunCli({"source"}).exit_code, 2);
  EXPECT_EQ(RunCli({"source", "frobnicate"}).exit_code, 2);
}

TEST(SourceCliTest, ListPrintsOneSourcePerLineNameFirst) {
  Fixture f;
  CliResult r = RunCli({"source", "list", "--db", f.db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), kSources.size()) << r.out;
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_THAT(lines[i], StartsWith(kSources[i] + " ")) << lines[i];
  }
  EXPECT_THAT(lines[9], HasSubstr("医保个人自付医疗费用"));
  EXPECT_THAT(lines[9], HasSubstr("医疗保障局"));
  EXPECT_THAT(lines[9], HasSubstr("monthly"));
  EXPECT_THAT(lines[13], HasSubstr("on_event"));  // water
  EXPECT_THAT(lines[9], HasSubstr("never uploaded"));

  // After an upload, its time and counts.
  const std::string csv = f.dir / "m.csv";
  WriteFile(csv,
            "身份证号,姓名,医疗费用总额（元）,个人自付金额（元）,结算日期\n"
            "110101199003077774,外省人,100,20,2026-10-01\n");
  ASSERT_EQ(RunCli({"upload", "--db", f.db, "--source", "medical_insurance", csv}).exit_code, 0);
  const std::vector<std::string> after = Lines(RunCli({"source", "list", "--db", f.db}).out);
  ASSERT_EQ(after.size(), kSources.size());
  EXPECT_THAT(after[9], HasSubstr("(1 rows, 0 accepted)"));
  EXPECT_THAT(after[9], HasSubstr("last 20"));
  EXPECT_THAT(after[0], HasSubstr("never uploaded"));
}

TEST(SourceCliTest, ShowPrintsTheContract) {
  Fixture f;
  CliResult r = RunCli({"source", "show", "--db", f.db, "medical_insurance"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("source medical_insurance — 医保个人自付医疗费用\n"));
  EXPECT_THAT(r.out, HasSubstr("key         id_number (column id_number)"));
  EXPECT_THAT(r.out, HasSubstr("period      month_of:settled_on"));
  EXPECT_THAT(r.out, HasSubstr("columns (9)"));
  EXPECT_THAT(r.out,
              HasSubstr("身份证号  (also: 公民身份号码, 证件号码, 身份证号码, 参保人身份证号)"));
  EXPECT_THAT(r.out, HasSubstr("out_of_pocket     money         required  个人自付金额（元）"));
  EXPECT_THAT(r.out, HasSubstr("hospital          text          optional  就诊机构"));
  EXPECT_THAT(r.out, HasSubstr("values: 城乡居民基本医疗保险 = resident"));
  EXPECT_THAT(r.out, HasSubstr("dept.medical_out_of_pocket_12m"));
  EXPECT_THAT(r.out, HasSubstr("sum(out_of_pocket) over 12 months"));
  EXPECT_THAT(r.out, HasSubstr("warnings (3)\n  when status = 'lifted' and "));
  EXPECT_THAT(r.out, HasSubstr("type unstable_lifted, risks R01"));
  EXPECT_THAT(r.out, HasSubstr("updates (1)\n  member.med_insured = \"true\"\n"));
  CliResult education = RunCli({"source", "show", "--db", f.db, "education"});
  ASSERT_EQ(education.exit_code, 0) << education.err;
  EXPECT_THAT(education.out, HasSubstr("member.school_stage = the column stage"));
}

TEST(SourceCliTest, ShowJson) {
  Fixture f;
  CliResult r = RunCli({"source", "show", "--db", f.db, "civil_affairs", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["name"], "civil_affairs");
  EXPECT_EQ(j["department"], "民政局");
  EXPECT_EQ(j["frequency"], "monthly");
  EXPECT_EQ(j["key"], "id_number");
  EXPECT_EQ(j["key_column"], "id_number");
  EXPECT_EQ(j["origin"], "config/sources/civil_affairs.toml");
  ASSERT_TRUE(j["columns"].is_array());
  EXPECT_EQ(j["columns"][0]["header"], "身份证号");
  EXPECT_EQ(j["columns"][0]["type"], "id_number");
  EXPECT_EQ(j["columns"][0]["required"], true);
  EXPECT_EQ(j["columns"][0]["aliases"][0], "公民身份号码");
  EXPECT_EQ(j["columns"][3]["values"][0]["label"], "农村低保");
  EXPECT_EQ(j["columns"][3]["values"][0]["value"], "dibao");
  EXPECT_EQ(j["warnings"][0]["when"], "dept.civil_assistance_state = 'new'");
  EXPECT_EQ(j["warnings"][0]["type"], "sudden_hardship");
  EXPECT_EQ(j["facts"].size(), 3u);
  EXPECT_TRUE(j["updates"].empty());
}

TEST(SourceCliTest, EverySourceShows) {
  Fixture f;
  for (const std::string& name : kSources) {
    CliResult r = RunCli({"source", "show", "--db", f.db, name, "--json"});
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["name"], name);
  }
}

TEST(SourceCliTest, UnknownSourceNamesTheKnownOnes) {
  Fixture f;
  CliResult r = RunCli({"source", "show", "--db", f.db, "tax"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("unknown source 'tax'; the sources are agriculture, "
                               "civil_affairs, disability"));
  EXPECT_THAT(r.err, HasSubstr("vehicles, water"));
  EXPECT_EQ(r.out, "");
}

TEST(SourceCliTest, TheDatabaseMustOpen) {
  TempDir dir;
  const std::string missing = dir / "missing.db";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"source", "list", "--db", missing},
        std::vector<std::string>{"source", "show", "--db", missing, "water"}}) {
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 1) << args[1];
    EXPECT_THAT(r.err, HasSubstr("error: ")) << args[1];
    EXPECT_EQ(r.out, "") << args[1];
  }
  EXPECT_EQ(RunCli({"source", "list"}).exit_code, 2);
  EXPECT_EQ(RunCli({"source", "show", "water"}).exit_code, 2);
  EXPECT_EQ(RunCli({"source", "show", "--db", missing}).exit_code, 2);
}

}  // namespace
}  // namespace xianjie::testing
