// End-to-end tests of `xianjie generate`'s department files: OUT/departments/<source>.<xlsx|csv>
// for every shipped contract, one line printed per file with its row count, each file read back
// by its contract as an upload reads it (nearly every row accepted, the malformed ones
// quarantined with the expected rules, the people those of members.csv or of other provinces),
// civil_affairs in GBK, the same bytes for the same options, --no-departments and
// --departments-as-of.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "cli/cli_runner.h"
#include "ingest/source_contract.h"
#include "ingest/source_rows.h"
#include "ingest/source_table.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;

namespace fs = std::filesystem;

// The file of a source in OUT/departments, "" if there is none.
std::string DepartmentFile(const std::string& out, const std::string& source) {
  for (const char* ext : {".xlsx", ".csv"}) {
    const std::string path = out + "/departments/" + source + ext;
    if (fs::exists(path)) return path;
  }
  return "";
}

// The ID numbers of members.csv.
std::set<std::string> MemberIds(const std::string& out) {
  std::set<std::string> ids;
  const std::string text = ReadFile(out + "/members.csv");
  size_t start = text.find('\n') + 1;
  while (start < text.size()) {
    ids.insert(text.substr(start, 18));
    start = text.find('\n', start) + 1;
    if (start == 0) break;
  }
  return ids;
}

struct FileReadBack {
  std::string format, encoding;
  int64_t rows = 0, accepted = 0, unmatched = 0;
  std::map<std::string, int64_t> rules;  // quarantined rows by their first issue's rule
};

FileReadBack ReadBack(const std::string& path, const ingest::SourceContract& contract,
                      const std::set<std::string>& members, CivilDate upload_date) {
  FileReadBack r;
  auto table = ingest::SourceTable::Open(ReadFile(path), {});
  EXPECT_TRUE(table.ok()) << path << ": " << table.status().ToString();
  if (!table.ok()) return r;
  r.format = (*table)->format();
  r.encoding = (*table)->encoding();
  auto mapper = ingest::SourceRowMapper::Create(contract, (*table)->headers());
  EXPECT_TRUE(mapper.ok()) << path << ": " << mapper.status().ToString();
  if (!mapper.ok()) return r;
  ingest::SourceRow row;
  ingest::MappedRow mapped;
  while (true) {
    auto more = (*table)->Next(row);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    mapper->Map(row, upload_date, mapped);
    ++r.rows;
    if (!mapped.ok) {
      EXPECT_EQ(mapped.issues.size(), 1u) << path << ": " << mapped.raw;
      ++r.rules[mapped.issues[0].rule];
    } else if (members.count(mapped.key) > 0) {
      ++r.accepted;
    } else {
      ++r.unmatched;
      EXPECT_FALSE(mapped.key.starts_with("63")) << path << ": " << mapped.raw;
    }
  }
  return r;
}

TEST(GenerateCliTest, WritesAFileForEveryContractThatReadsBack) {
  TempDir dir;
  const std::string out = dir / "out";
  CliResult r = RunCli({"generate", "--households", "3000", "--seed", "5", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::set<std::string> members = MemberIds(out);
  ASSERT_GT(members.size(), 9000u);
  std::map<std::string, int64_t> rules;
  int64_t rows = 0, accepted = 0, unmatched = 0;
  for (const ingest::SourceContract& contract : ingest::BuiltinContracts()) {
    const std::string path = DepartmentFile(out, contract.name);
    ASSERT_FALSE(path.empty()) << contract.name;
    FileReadBack b = ReadBack(path, contract, members, CivilDate::FromYmd(2024, 9, 1));
    EXPECT_GT(b.rows, 0) << contract.name;
    // One line per file with its row count.
    const std::string name = fs::path(path).filename().string();
    const size_t line = r.out.find("  " + name);
    ASSERT_NE(line, std::string::npos) << r.out;
    EXPECT_THAT(r.out.substr(line, r.out.find('\n', line) - line),
                HasSubstr(" " + std::to_string(b.rows) + " rows"))
        << name;
    rows += b.rows;
    accepted += b.accepted;
    unmatched += b.unmatched;
    for (const auto& [rule, n] : b.rules) rules[rule] += n;
  }
  int64_t quarantined = 0;
  for (const auto& [rule, n] : rules) quarantined += n;
  EXPECT_EQ(rows, accepted + unmatched + quarantined);
  EXPECT_GT(accepted, rows * 97 / 100);
  EXPECT_GT(unmatched, 0);
  EXPECT_LT(unmatched, rows * 2 / 100);
  EXPECT_GT(quarantined, 0);
  EXPECT_LT(quarantined, rows * 1 / 100);
  std::set<std::string> seen;
  for (const auto& [rule, n] : rules) seen.insert(rule);
  EXPECT_EQ(seen, (std::set<std::string>{"date.future", "enum.unknown", "id_number.check",
                                         "money.format"}));
  EXPECT_THAT(r.out, HasSubstr("wrote 14 department files to " + out + "/departments"));
}

TEST(GenerateCliTest, CivilAffairsIsAGbkCsvAndEducationAUtf8One) {
  TempDir dir;
  ASSERT_EQ(RunCli({"generate", "--households", "400", "--out", dir / "o"}).exit_code, 0);
  const std::set<std::string> members = MemberIds(dir / "o");
  FileReadBack civil = ReadBack(dir / "o/departments/civil_affairs.csv",
                                *ingest::FindBuiltinContract("civil_affairs"), members,
                                CivilDate::FromYmd(2024, 9, 1));
  EXPECT_EQ(civil.format, "csv");
  EXPECT_EQ(civil.encoding, "gb18030");
  EXPECT_GT(civil.accepted, 0);
  FileReadBack education =
      ReadBack(dir / "o/departments/education.csv", *ingest::FindBuiltinContract("education"),
               members, CivilDate::FromYmd(2024, 9, 1));
  EXPECT_EQ(education.encoding, "utf-8");
  EXPECT_EQ(ReadBack(dir / "o/departments/medical_insurance.xlsx",
                     *ingest::FindBuiltinContract("medical_insurance"), members,
                     CivilDate::FromYmd(2024, 9, 1))
                .format,
            "xlsx");
}

TEST(GenerateCliTest, SameOptionsGiveTheSameBytes) {
  TempDir dir;
  for (const char* out : {"a", "b"}) {
    ASSERT_EQ(
        RunCli({"generate", "--households", "800", "--seed", "9", "--out", dir / out}).exit_code,
        0);
  }
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "a/departments")) {
    const std::string name = entry.path().filename().string();
    const std::string a = ReadFile(entry.path().string());
    EXPECT_FALSE(a.empty()) << name;
    EXPECT_EQ(a, ReadFile(dir / ("b/departments/" + name))) << name;
    ++files;
  }
  EXPECT_EQ(files, 14);
}

TEST(GenerateCliTest, NoDepartmentsWritesOnlyTheRegistry) {
  TempDir dir;
  CliResult r = RunCli({"generate", "--households", "50", "--out", dir / "o", "--no-departments"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "o/members.csv"));
  EXPECT_FALSE(fs::exists(dir / "o/departments"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("department")));
}

// --regions fills another region table's villages; a file that cannot be read or is not a region
// table is refused naming it.
TEST(GenerateCliTest, RegionsFillAnotherTablesVillages) {
  TempDir dir;
  const std::string regions = dir / "regions.csv";
  WriteFile(regions,
            "code,name,level,parent_code\n620000000000,甘肃省,province,\n"
            "622900000000,临夏回族自治州,prefecture,620000000000\n"
            "622921000000,临夏县,county,622900000000\n"
            "622921101000,韩集镇,township,622921000000\n"
            "622921101201,大庄村委会,village,622921101000\n");
  CliResult r = RunCli({"generate", "--households", "30", "--regions", regions, "--out",
                        dir / "o", "--no-departments"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Every household lives in the table's one village.
  const std::string households = ReadFile(dir / "o/households.csv");
  size_t in_village = 0;
  for (size_t at = households.find(",622921101201,"); at != std::string::npos;
       at = households.find(",622921101201,", at + 1)) {
    ++in_village;
  }
  EXPECT_EQ(in_village, 30u) << households.substr(0, 400);

  r = RunCli({"generate", "--households", "30", "--regions", dir / "missing.csv", "--out",
              dir / "p"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot read region file '" + (dir / "missing.csv") + "'"));
  WriteFile(dir / "bad.csv", "code,name\n62,甘肃省\n629,nowhere\n");
  r = RunCli({"generate", "--households", "30", "--regions", dir / "bad.csv", "--out", dir / "q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(dir / "bad.csv"));
}

TEST(GenerateCliTest, DepartmentsAsOfSetsTheLastDay) {
  TempDir dir;
  CliResult r = RunCli(
      {"generate", "--households", "300", "--out", dir / "o", "--departments-as-of", "2026-11-29"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("events from 2025-11-30 to 2026-11-29"));
  const std::set<std::string> members = MemberIds(dir / "o");
  // Uploaded that day, nothing is in the future but the planted dates.
  FileReadBack b = ReadBack(dir / "o/departments/medical_insurance.xlsx",
                            *ingest::FindBuiltinContract("medical_insurance"), members,
                            CivilDate::FromYmd(2026, 11, 29));
  EXPECT_GT(b.accepted, 50);
  EXPECT_LE(b.rules["date.future"], 5);

  r = RunCli(
      {"generate", "--households", "10", "--out", dir / "p", "--departments-as-of", "2026-02-30"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--departments-as-of"));
}

}  // namespace
}  // namespace xianjie::testing
