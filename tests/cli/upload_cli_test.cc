// End-to-end tests of `xianjie upload` over a SQLite database: the report as text and JSON,
// the same file again, XLSX and GBK files, a department warning becoming a lead, and the error
// paths (a file that cannot be read at all changes nothing; unknown source; bad options).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "ingest/xlsx_writer.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr char kHeader[] = "身份证号,姓名,参保类型,医疗费用总额（元）,个人自付金额（元）,结算日期";

struct Person {
  std::string id_number, household_id, name;
};

// A small registry imported into a fresh database, and some of its people.
struct Registry {
  TempDir dir;
  std::string db = dir / "x.db";
  std::string data = dir / "data";
  std::vector<Person> people;

  Registry() {
    EXPECT_EQ(RunCli({"generate", "--households", "120", "--seed", "3", "--out", data,
                      "--no-departments"})
                  .exit_code,
              0);
    EXPECT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
    CliResult imp = RunCli({"import", "--db", db, "--households", data + "/households.csv",
                            "--members", data + "/members.csv"});
    EXPECT_EQ(imp.exit_code, 0) << imp.err;
    std::ifstream in(data + "/members.csv");
    std::string line;
    std::getline(in, line);  // id_number,household_id,name,...
    while (std::getline(in, line) && people.size() < 20) {
      const size_t a = line.find(',');
      const size_t b = line.find(',', a + 1);
      const size_t c = line.find(',', b + 1);
      people.push_back(
          {line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1, c - b - 1)});
    }
  }

  std::string Write(const std::string& name, const std::string& content) const {
    const std::string path = dir / name;
    WriteFile(path, content);
    return path;
  }

  std::string Row(size_t i, const std::string& out_of_pocket) const {
    return people[i].id_number + "," + people[i].name + ",城乡居民医保," + out_of_pocket + "," +
           out_of_pocket + ",2026-10-08";
  }

  Json Upload(const std::string& path, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"upload", "--db",  db, "--source", "medical_insurance",
                                     path,     "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out, nullptr, false);
  }
};

TEST(UploadCliTest, Help) {
  CliResult r = RunCli({"upload", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("--source"));
  EXPECT_THAT(r.out, HasSubstr("--encoding"));
  EXPECT_THAT(RunCli({"--help"}).out, HasSubstr("upload"));
  EXPECT_EQ(RunCli({"upload", "--db", "x.db"}).exit_code, 2);
}

TEST(UploadCliTest, JsonReportAccountsForEveryRowAndTheSameFileChangesNothing) {
  Registry reg;
  ASSERT_GE(reg.people.size(), 4u);
  const std::string csv = std::string(kHeader) + "\n" + reg.Row(0, "120.50") + "\n" +
                          reg.Row(1, "80") + "\n" +
                          "110101199003077774,外省人,城乡居民医保,100,20,2026-10-01\n" +
                          reg.people[2].id_number + ",某人,城乡居民医保,abc,20,2026-10-01\n";
  const std::string path = reg.Write("medical.csv", csv);
  const Json j = reg.Upload(path);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["read"], 4);
  EXPECT_EQ(j["accepted"], 2);
  EXPECT_EQ(j["unmatched"], 1);
  EXPECT_EQ(j["quarantined"], 1);
  EXPECT_EQ(j["warnings"], 0);
  EXPECT_EQ(j["duplicate"], false);
  EXPECT_EQ(j["format"], "csv");
  EXPECT_EQ(j["quarantined_by_rule"]["money.format"], 1);
  const int64_t batch = j["batch_id"];

  // The quarantine is the batch's, as for imports.
  const std::string out = reg.dir / "q.csv";
  CliResult q =
      RunCli({"quarantine", "--db", reg.db, "--batch", std::to_string(batch), "--out", out});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_THAT(ReadFile(out), HasSubstr("money.format"));

  // Again, renamed: the first upload's figures, nothing written.
  const std::string again_path = reg.Write("medical-again.csv", csv);
  const Json again = reg.Upload(again_path);
  EXPECT_EQ(again["duplicate"], true);
  EXPECT_EQ(again["upload_id"], j["upload_id"]);
  EXPECT_EQ(again["accepted"], 2);
  CliResult text = RunCli({"upload", "--db", reg.db, "--source", "medical_insurance", path});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("uploaded before"));
  EXPECT_THAT(text.out, HasSubstr("nothing changed"));
}

TEST(UploadCliTest, TextReportNamesTheQuarantinedRows) {
  Registry reg;
  const std::string path =
      reg.Write("m.csv", std::string(kHeader) + "\n" + reg.people[0].id_number +
                             ",某人,城乡居民医保,100," + "20,2099-01-01\n");
  CliResult r = RunCli({"upload", "--db", reg.db, "--source", "medical_insurance", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("read 1: accepted 0, quarantined 1, unmatched 0"));
  EXPECT_THAT(r.out, HasSubstr("date.future"));
  EXPECT_THAT(r.out, HasSubstr("row 2, 结算日期"));
}

TEST(UploadCliTest, XlsxAndGbkFilesAreRead) {
  Registry reg;
  ingest::Sheet sheet;
  sheet.name = "结算明细";
  sheet.rows = {{"身份证号", "姓名", "医疗费用总额(元)", "自付金额", "结算日期"},
                {reg.people[3].id_number, reg.people[3].name, "300", "30", "2026-09-30"}};
  auto xlsx = ingest::WriteXlsx({sheet});
  ASSERT_TRUE(xlsx.ok());
  const Json x = reg.Upload(reg.Write("m.xlsx", *xlsx));
  EXPECT_EQ(x["format"], "xlsx");
  EXPECT_EQ(x["sheet"], "结算明细");
  EXPECT_EQ(x["accepted"], 1);

  // A GBK CSV: the shipped example of civil affairs (民政 sends GBK).
  const std::string gbk =
      ReadFile(std::string(XIANJIE_SOURCE_DIR) + "/config/sources/examples/civil_affairs.csv");
  ASSERT_FALSE(gbk.empty());
  const std::string gbk_path = reg.Write("civil.csv", gbk);
  CliResult g = RunCli({"upload", "--db", reg.db, "--source", "civil_affairs", gbk_path, "--json"});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  const Json gj = Json::parse(g.out, nullptr, false);
  EXPECT_EQ(gj["encoding"], "gb18030");
  EXPECT_EQ(gj["quarantined"], 0);

  // Declared UTF-8, the GBK file is refused with the place of the first bad byte.
  const std::string other = reg.Write("civil2.csv", gbk + "\n");
  CliResult bad =
      RunCli({"upload", "--db", reg.db, "--source", "civil_affairs", other, "--encoding", "utf-8"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("line 1, column"));
  EXPECT_THAT(bad.err, HasSubstr("GBK"));
}

TEST(UploadCliTest, AWarningBecomesALead) {
  Registry reg;
  // 50,000 yuan out of pocket in a month: over any year's rural income, whatever the status.
  const std::string path =
      reg.Write("big.csv", std::string(kHeader) + "\n" + reg.Row(0, "50000") + "\n");
  const Json j = reg.Upload(path);
  EXPECT_EQ(j["warnings"], 1);
  EXPECT_EQ(j["leads"]["opened"].get<int>() + j["leads"]["joined"].get<int>() +
                j["leads"]["on_episode"].get<int>(),
            1);
  CliResult cases =
      RunCli({"case", "list", "--db", reg.db, "--household", reg.people[0].household_id, "--json"});
  ASSERT_EQ(cases.exit_code, 0) << cases.err;
  EXPECT_THAT(cases.out, HasSubstr("\"channel\":\"department_warning\""));
  EXPECT_THAT(cases.out, HasSubstr("\"proposed_type\":\"sudden_hardship\""));
  EXPECT_THAT(cases.out, HasSubstr("\"proposed_risks\":[\"R01\"]"));
}

TEST(UploadCliTest, FilesThatCannotBeReadExit1AndChangeNothing) {
  Registry reg;
  CliResult before = RunCli({"batches", "--db", reg.db});
  ASSERT_EQ(before.exit_code, 0);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {std::string("PK\x03\x04 not really a zip", 22), "m.xlsx"},
      {std::string("\x00\x01\x02\x03\xff\xfe binary", 13), "m.bin"},
      {"姓名,金额\n张三,1\n", "m.csv"},
  };
  for (const auto& [content, name] : cases) {
    CliResult r = RunCli(
        {"upload", "--db", reg.db, "--source", "medical_insurance", reg.Write(name, content)});
    EXPECT_EQ(r.exit_code, 1) << name;
    EXPECT_THAT(r.err, HasSubstr(name));
    EXPECT_EQ(r.out, "");
  }
  CliResult missing_columns = RunCli({"upload", "--db", reg.db, "--source", "medical_insurance",
                                      reg.Write("h.csv", "姓名,金额\n张三,1\n")});
  EXPECT_THAT(missing_columns.err, HasSubstr("missing required column '身份证号'"));
  EXPECT_EQ(RunCli({"batches", "--db", reg.db}).out, before.out);

  CliResult unknown =
      RunCli({"upload", "--db", reg.db, "--source", "nosuch", reg.Write("u.csv", "a\n1\n")});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no source 'nosuch'"));
  EXPECT_THAT(unknown.err, HasSubstr("medical_insurance"));

  CliResult no_file =
      RunCli({"upload", "--db", reg.db, "--source", "medical_insurance", reg.dir / "absent.csv"});
  EXPECT_EQ(no_file.exit_code, 1);
  EXPECT_THAT(no_file.err, HasSubstr("absent.csv"));

  CliResult bad_encoding = RunCli({"upload", "--db", reg.db, "--source", "medical_insurance",
                                   reg.Write("e.csv", "a\n"), "--encoding", "latin1"});
  EXPECT_EQ(bad_encoding.exit_code, 1);
  EXPECT_THAT(bad_encoding.err, HasSubstr("--encoding"));
}

}  // namespace
}  // namespace xianjie::testing
