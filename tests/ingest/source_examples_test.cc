// The example file of every shipped source contract (config/sources/examples/<name>.csv): it
// exists, opens with the right encoding, every row is accepted, a few typed values per file are
// as written, and the same rows converted to XLSX (ingest/xlsx_writer.h) map to the same values,
// so that both readers agree.
//
// civil_affairs.csv is GBK, as 民政 sends it: it was written in UTF-8 and converted with
//   iconv -f UTF-8 -t GBK -o config/sources/examples/civil_affairs.csv civil_affairs.utf8.csv
// (to edit it: iconv -f GBK -t UTF-8 civil_affairs.csv > civil_affairs.utf8.csv, then back).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/source_rows.h"
#include "ingest/source_table.h"
#include "ingest/source_test_support.h"
#include "ingest/xlsx_writer.h"

namespace xianjie::ingest {
namespace {

using testing::kUpload;

const std::filesystem::path kExamples =
    std::filesystem::path(XJ_SOURCE_DIR) / "config" / "sources" / "examples";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Read {
  std::string encoding;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> cells;  // the data rows' texts, for the XLSX copy
  std::vector<MappedRow> rows;
  std::vector<std::string> json;
};

// Opens `bytes`, maps every row by `contract`; failures are test failures.
Read ReadAndMap(std::string_view bytes, const SourceContract& contract) {
  Read read;
  auto table = SourceTable::Open(bytes, {});
  EXPECT_TRUE(table.ok()) << contract.name << ": " << table.status().ToString();
  if (!table.ok()) return read;
  read.encoding = (*table)->encoding();
  read.headers = (*table)->headers();
  auto mapper = SourceRowMapper::Create(contract, read.headers);
  EXPECT_TRUE(mapper.ok()) << contract.name << ": " << mapper.status().ToString();
  if (!mapper.ok()) return read;
  SourceRow row;
  while (true) {
    Result<bool> more = (*table)->Next(row);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    read.cells.emplace_back();
    for (const XlsxCell& cell : row.cells) read.cells.back().push_back(cell.text);
    MappedRow& out = read.rows.emplace_back();
    mapper->Map(row, kUpload, out);
    read.json.push_back(mapper->ValuesJson(out));
  }
  return read;
}

TEST(SourceExamplesTest, EveryBuiltinContractHasAnExampleAndNoExampleLacksAContract) {
  std::set<std::string> names;
  for (const SourceContract& contract : BuiltinContracts()) {
    names.insert(contract.name);
    EXPECT_TRUE(std::filesystem::exists(kExamples / (contract.name + ".csv")))
        << "config/sources/examples/" << contract.name
        << ".csv is missing: every shipped contract needs an example file of 5 to 10 rows";
  }
  for (const auto& entry : std::filesystem::directory_iterator(kExamples)) {
    EXPECT_EQ(names.count(entry.path().stem().string()), 1u)
        << entry.path() << " is the example of no shipped contract";
  }
}

TEST(SourceExamplesTest, EveryExampleOpensAndEveryRowIsAccepted) {
  for (const SourceContract& contract : BuiltinContracts()) {
    SCOPED_TRACE(contract.name);
    Read read = ReadAndMap(ReadFile(kExamples / (contract.name + ".csv")), contract);
    EXPECT_EQ(read.encoding, contract.name == "civil_affairs" ? "gb18030" : "utf-8");
    EXPECT_GE(read.rows.size(), 5u);
    EXPECT_LE(read.rows.size(), 10u);
    for (const MappedRow& row : read.rows) {
      EXPECT_TRUE(row.ok) << "line " << row.number << ": " << row.issues[0].column << ": "
                          << row.issues[0].rule << ": " << row.issues[0].message;
      EXPECT_EQ(row.key.size(), 18u) << "line " << row.number;
      EXPECT_FALSE(row.period.empty());
      EXPECT_FALSE(row.event_date.empty());
    }
  }
}

TEST(SourceExamplesTest, ExamplesUseAliasesAndHalfWidthParentheses) {
  std::set<std::string> aliases_used;
  bool half_width = false;
  for (const SourceContract& contract : BuiltinContracts()) {
    Read read = ReadAndMap(ReadFile(kExamples / (contract.name + ".csv")), contract);
    for (const std::string& header : read.headers) {
      half_width = half_width || header.find("(元)") != std::string::npos;
      for (const ContractColumn& column : contract.columns) {
        for (const std::string& alias : column.aliases) {
          if (alias == header) aliases_used.insert(contract.name + ":" + alias);
        }
      }
    }
  }
  EXPECT_GE(aliases_used.size(), 10u);
  EXPECT_TRUE(half_width);
}

// (row index, column, normalized text) per source.
using Expected = std::vector<std::tuple<size_t, std::string, std::string>>;

const std::map<std::string, Expected>& TypedValues() {
  static const auto* values = new std::map<std::string, Expected>{
      {"medical_insurance",
       {{0, "out_of_pocket", "5595.12"},
        {1, "total_cost", "1236.50"},
        {1, "settled_on", "2026-03-05"},
        {2, "settled_on", "2026-03-08"},
        {3, "out_of_pocket", "286.40"},
        {3, "insurance_type", "employee"},
        {3, "settled_on", "2026-03-11"},
        {4, "id_number", "63280119930415208X"},
        {4, "settled_on", "2026-03-12"}}},
      {"civil_affairs",
       {{0, "name", "马热卜"},
        {0, "assistance", "dibao"},
        {0, "state", "new"},
        {2, "assistance", "tekun"},
        {2, "approved_on", "2026-02-25"},
        {3, "amount", "3000.00"},
        {5, "state", "ended"}}},
      {"agriculture", {{0, "loss", "12600.00"}, {0, "industry", "livestock"}}},
      {"disability", {{1, "category", "intellectual"}, {1, "grade", "2"}}},
      {"education",
       {{0, "status", "dropout"},
        {0, "stage", "junior"},
        {3, "aid_amount", "1650.00"},
        {3, "stage", "vocational"}}},
      {"emergency",
       {{3, "disaster", "earthquake"}, {3, "house_damage", "collapsed"}, {3, "loss", "95000.00"}}},
      {"health",
       {{2, "name", "祁浩然"},
        {2, "treatment", "in_treatment"},
        {2, "diagnosed_on", "2026-02-14"}}},
      {"housing", {{1, "grade", "D"}, {1, "renovated", "false"}, {2, "renovated", "true"}}},
      {"human_resources",
       {{0, "employment", "unemployed"},
        {3, "pension_monthly", "185.00"},
        {3, "pension_insured", "true"}}},
      {"market_regulation", {{2, "capital", "1000000.00"}, {2, "entity_type", "company"}}},
      {"public_security",
       {{0, "change", "death"}, {2, "change", "move_out"}, {2, "destination", "西安市雁塔区"}}},
      {"real_estate",
       {{0, "area", "98.56"},
        {3, "area", "1250.75"},
        {3, "use", "commercial"},
        {3, "commercial", "true"}}},
      {"vehicles",
       {{0, "plate", "青A·3K7M2"},
        {0, "purchase_price", "128800.00"},
        {4, "purchase_price", "7800.00"},
        {4, "vehicle_type", "motorcycle"}}},
      {"water", {{0, "problem", "quantity"}, {0, "resolved", "false"}, {2, "resolved", "true"}}},
  };
  return *values;
}

TEST(SourceExamplesTest, TypedValuesAreAsWritten) {
  for (const SourceContract& contract : BuiltinContracts()) {
    SCOPED_TRACE(contract.name);
    auto expected = TypedValues().find(contract.name);
    ASSERT_NE(expected, TypedValues().end()) << "no typed values checked for " << contract.name;
    Read read = ReadAndMap(ReadFile(kExamples / (contract.name + ".csv")), contract);
    for (const auto& [index, column, text] : expected->second) {
      ASSERT_LT(index, read.rows.size());
      const ContractColumn* c = contract.FindColumn(column);
      ASSERT_NE(c, nullptr) << column;
      const MappedValue& value = read.rows[index].values[c - contract.columns.data()];
      EXPECT_TRUE(value.present) << index << " " << column;
      EXPECT_EQ(value.text, text) << index << " " << column;
    }
  }
  // Periods of each unit the shipped contracts use.
  const SourceContract& market = *FindBuiltinContract("market_regulation");
  Read read = ReadAndMap(ReadFile(kExamples / "market_regulation.csv"), market);
  ASSERT_GE(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[0].period, "2026-Q1");
  EXPECT_EQ(read.rows[1].period, "2025-Q4");
  const SourceContract& medical = *FindBuiltinContract("medical_insurance");
  read = ReadAndMap(ReadFile(kExamples / "medical_insurance.csv"), medical);
  ASSERT_GE(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0].period, "2026-03");
  EXPECT_EQ(read.json[0],
            "{\"id_number\":\"630121196203142319\",\"name\":\"马福海\",\"insurance_type\":"
            "\"resident\",\"visit_type\":\"inpatient\",\"hospital\":\"大通回族土族自治县人民医院\","
            "\"total_cost\":18650.40,\"fund_paid\":13055.28,\"out_of_pocket\":5595.12,"
            "\"settled_on\":\"2026-03-02\"}");
}

TEST(SourceExamplesTest, TheSameRowsAsXlsxMapToTheSameValues) {
  for (const SourceContract& contract : BuiltinContracts()) {
    SCOPED_TRACE(contract.name);
    Read csv = ReadAndMap(ReadFile(kExamples / (contract.name + ".csv")), contract);
    Sheet sheet;
    sheet.name = "Sheet1";
    sheet.rows.push_back(csv.headers);
    for (const auto& cells : csv.cells) sheet.rows.push_back(cells);
    auto bytes = WriteXlsx({sheet});
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    Read xlsx = ReadAndMap(*bytes, contract);
    EXPECT_EQ(xlsx.encoding, "");
    EXPECT_EQ(xlsx.headers, csv.headers);
    ASSERT_EQ(xlsx.rows.size(), csv.rows.size());
    for (size_t i = 0; i < csv.rows.size(); ++i) {
      const MappedRow& a = csv.rows[i];
      const MappedRow& b = xlsx.rows[i];
      EXPECT_EQ(b.number, a.number);
      EXPECT_EQ(b.ok, a.ok);
      EXPECT_EQ(b.key, a.key);
      EXPECT_EQ(b.period, a.period);
      EXPECT_EQ(b.event_date, a.event_date);
      EXPECT_EQ(xlsx.json[i], csv.json[i]);
      ASSERT_EQ(b.values.size(), a.values.size());
      for (size_t c = 0; c < a.values.size(); ++c) {
        EXPECT_EQ(b.values[c].present, a.values[c].present);
        EXPECT_EQ(b.values[c].text, a.values[c].text);
        EXPECT_EQ(b.values[c].number, a.values[c].number);
      }
    }
  }
}

}  // namespace
}  // namespace xianjie::ingest
