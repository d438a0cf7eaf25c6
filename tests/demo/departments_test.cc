// The generator's department files (demo/departments.h), read back as an upload reads them
// (department_world.h): a file per shipped contract with its Chinese headers, every row accepted
// but the planted errors, the people those of the registry or, on purpose, of other provinces,
// dates in the 12 months before as_of, and the same bytes for the same options. What the rows
// say about the people is departments_realism_test.cc.
#include "demo/departments.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "demo/generator.h"
#include "department_world.h"
#include "exchange_check.h"
#include "ingest/source_contract.h"
#include "ingest/text_encoding.h"

namespace xianjie::demo {
namespace {

using testing::Bytes;
using testing::ReadBack;
using testing::World;

World& Default() {
  static World* world = [] {
    GeneratorOptions o;
    o.households = 2000;
    o.seed = 3;
    return new World(o);
  }();
  return *world;
}

TEST(DepartmentFilesTest, OneFilePerShippedContract) {
  World& w = Default();
  std::vector<std::string> sources, contracts;
  for (const DepartmentFile& f : w.files.files) sources.push_back(f.source);
  for (const ingest::SourceContract& c : ingest::BuiltinContracts()) contracts.push_back(c.name);
  EXPECT_EQ(sources, contracts);
  int with_rows = 0;
  for (const DepartmentFile& f : w.files.files) {
    EXPECT_FALSE(f.header.empty()) << f.source;
    with_rows += !f.rows.empty();  // the rare events may have none in 2,000 households
    EXPECT_EQ(f.FileName(),
              f.source + (f.format == DepartmentFileFormat::kXlsx ? ".xlsx" : ".csv"));
  }
  EXPECT_GE(with_rows, 12);
  EXPECT_EQ(w.File("civil_affairs").format, DepartmentFileFormat::kCsvGbk);
  EXPECT_EQ(w.File("education").format, DepartmentFileFormat::kCsvUtf8);
  EXPECT_EQ(w.File("medical_insurance").format, DepartmentFileFormat::kXlsx);
}

TEST(DepartmentFilesTest, HeadersAreTheContractsHeadersOrAliasesAsWritten) {
  World& w = Default();
  int aliases = 0;
  int headers = 0;
  for (const DepartmentFile& f : w.files.files) {
    const ingest::SourceContract* contract = ingest::FindBuiltinContract(f.source);
    ASSERT_NE(contract, nullptr);
    EXPECT_EQ(w.read[f.source].headers, f.header) << f.source;
    std::set<std::string> columns;
    for (const std::string& h : f.header) {
      const ingest::ContractColumn* match = nullptr;
      for (const ingest::ContractColumn& c : contract->columns) {
        if (c.header == h) {
          match = &c;
          ++headers;
        } else if (std::find(c.aliases.begin(), c.aliases.end(), h) != c.aliases.end()) {
          match = &c;
          ++aliases;
        }
      }
      ASSERT_NE(match, nullptr) << f.source << ": " << h;
      EXPECT_TRUE(columns.insert(match->name).second) << f.source << ": " << h;
    }
    // Every column of the contract is sent.
    EXPECT_EQ(columns.size(), contract->columns.size()) << f.source;
  }
  // Both forms are used, so that an upload shows alias matching.
  EXPECT_GT(headers, 20);
  EXPECT_GT(aliases, 20);
}

TEST(DepartmentFilesTest, CivilAffairsIsGbkAndEducationUtf8Csv) {
  World& w = Default();
  EXPECT_EQ(w.read["civil_affairs"].encoding, "gb18030");
  const std::string gbk = Bytes(w.File("civil_affairs"));
  EXPECT_FALSE(ingest::ToUtf8(gbk, ingest::TextEncoding::kUtf8).ok());
  EXPECT_NE(gbk.find("\r\n"), std::string::npos);
  EXPECT_EQ(w.read["education"].encoding, "utf-8");
  EXPECT_TRUE(Bytes(w.File("education")).starts_with("\xEF\xBB\xBF"));
  EXPECT_TRUE(Bytes(w.File("housing")).starts_with("PK\3\4"));
}

TEST(DepartmentFilesTest, EveryRowIsAcceptedButThePlantedErrors) {
  World& w = Default();
  std::set<std::string> rules_seen;
  int64_t rows = 0;
  for (const DepartmentFile& f : w.files.files) {
    const ReadBack& r = w.read[f.source];
    ASSERT_EQ(r.rows.size(), f.rows.size()) << f.source;
    std::map<int64_t, std::string> planted;
    for (const PlantedError& e : f.planted_errors) planted[e.row] = e.rule;
    for (size_t i = 0; i < r.rows.size(); ++i) {
      const ingest::MappedRow& row = r.rows[i];
      ++rows;
      auto it = planted.find(static_cast<int64_t>(i));
      if (it == planted.end()) {
        EXPECT_TRUE(row.ok) << f.source << " row " << i << ": " << row.raw << ": "
                            << (row.issues.empty()
                                    ? ""
                                    : row.issues[0].rule + " " + row.issues[0].message);
        continue;
      }
      EXPECT_FALSE(row.ok) << f.source << " row " << i << ": " << row.raw;
      ASSERT_EQ(row.issues.size(), 1u) << f.source << " row " << i << ": " << row.raw;
      EXPECT_EQ(row.issues[0].rule, it->second) << f.source << " row " << i << ": " << row.raw;
      rules_seen.insert(it->second);
    }
  }
  EXPECT_FALSE(rules_seen.empty());
  for (const std::string& rule : rules_seen) {
    EXPECT_TRUE(rule == "date.future" || rule == "enum.unknown" || rule == "id_number.check" ||
                rule == "money.format")
        << rule;
  }
  EXPECT_GT(rows, 1000);
}

TEST(DepartmentFilesTest, AcceptedPeopleAreTheRegistrysOrOfOtherProvinces) {
  World& w = Default();
  int64_t rows = 0;
  int64_t outsiders = 0;
  for (const DepartmentFile& f : w.files.files) {
    const ReadBack& r = w.read[f.source];
    std::set<int64_t> away(f.out_of_province_rows.begin(), f.out_of_province_rows.end());
    for (size_t i = 0; i < r.rows.size(); ++i) {
      const ingest::MappedRow& row = r.rows[i];
      if (!row.ok) continue;
      ++rows;
      if (away.count(static_cast<int64_t>(i)) > 0) {
        ++outsiders;
        EXPECT_EQ(w.Find(row.key), nullptr) << f.source << " row " << i;
        EXPECT_FALSE(row.key.starts_with("63")) << f.source << " row " << i << ": " << row.key;
      } else {
        EXPECT_NE(w.Find(row.key), nullptr) << f.source << " row " << i << ": " << row.raw;
      }
    }
  }
  EXPECT_GT(outsiders, 0);
}

TEST(DepartmentFilesTest, EventDatesLieInTheTwelveMonthsBeforeAsOf) {
  World& w = Default();
  EXPECT_EQ(w.files.as_of, w.options.reference_date);
  const std::string first = CivilDate::FromDays(w.files.as_of.ToDays() - 364).ToString();
  const std::string last = w.files.as_of.ToString();
  for (const auto& [source, r] : w.read) {
    for (const ingest::MappedRow& row : r.rows) {
      if (!row.ok) continue;
      EXPECT_GE(row.event_date, first) << source << ": " << row.raw;
      EXPECT_LE(row.event_date, last) << source << ": " << row.raw;
    }
  }
}

TEST(DepartmentFilesTest, AsOfMovesTheWindow) {
  GeneratorOptions o;
  o.households = 600;
  o.seed = 9;
  o.departments_as_of = CivilDate::FromYmd(2026, 11, 29);
  World w(o);
  EXPECT_EQ(w.files.as_of, CivilDate::FromYmd(2026, 11, 29));
  int64_t accepted = 0;
  for (const auto& [source, r] : w.read) {
    for (const ingest::MappedRow& row : r.rows) {
      if (!row.ok) continue;
      ++accepted;
      EXPECT_GE(row.event_date, "2025-11-30") << source << ": " << row.raw;
      EXPECT_LE(row.event_date, "2026-11-29") << source << ": " << row.raw;
    }
  }
  EXPECT_GT(accepted, 300);
}

TEST(DepartmentFilesTest, SameOptionsSameFiles) {
  GeneratorOptions o;
  o.households = 500;
  o.seed = 21;
  World a(o), b(o);
  ASSERT_EQ(a.files.files.size(), b.files.files.size());
  for (size_t i = 0; i < a.files.files.size(); ++i) {
    EXPECT_EQ(Bytes(a.files.files[i]), Bytes(b.files.files[i])) << a.files.files[i].source;
  }
  o.seed = 22;
  World c(o);
  EXPECT_NE(Bytes(a.File("medical_insurance")), Bytes(c.File("medical_insurance")));
}

TEST(DepartmentFilesTest, TheRegistryIsTheSameWithOrWithoutThem) {
  GeneratorOptions o;
  o.households = 700;
  o.seed = 5;
  World with(o);
  testing::Generated without = testing::GenerateInMemory(o);
  EXPECT_EQ(with.households_csv, without.households);
  EXPECT_EQ(with.members_csv, without.members);
}

TEST(DepartmentFilesTest, CsvQuotesFieldsAndEndsLinesWithCrLf) {
  DepartmentFile f;
  f.source = "x";
  f.format = DepartmentFileFormat::kCsvGbk;
  f.header = {"金额", "名称"};
  f.rows = {{"1,234.50", "他说\"好\""}, {"", "a"}};
  EXPECT_EQ(DepartmentCsv(f), "金额,名称\r\n\"1,234.50\",\"他说\"\"好\"\"\"\r\n,a\r\n");
  f.format = DepartmentFileFormat::kCsvUtf8;
  EXPECT_TRUE(DepartmentCsv(f).starts_with("\xEF\xBB\xBF金额"));
}

}  // namespace
}  // namespace xianjie::demo
