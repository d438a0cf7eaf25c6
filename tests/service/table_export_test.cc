// A table view's workbook through the service (service/table_export.h), read back: codes as the
// labels the pages show (decision 0009) in the language asked — one code, a list of codes in one
// cell, a code without a label kept as it is — with the headers, names, title block and yes/no of
// that language, and the audit record the same in both.
#include "service/table_export.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/service_test_support.h"

namespace xianjie::service {
namespace {

using nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

const ExportColumn kState{"state", "状态", "Step", ExportType::kCode, "case_state"};
const ExportColumn kRisks{"risks", "风险", "Risks", ExportType::kCode, "risk"};

// Three cases as a list gives them: known codes, a list of two, codes without labels, nulls.
TableExportInput Input(Language language) {
  TableExportInput input;
  input.what = "识别与消除案件";
  input.what_en = "Cases";
  input.language = language;
  input.route = "/api/v1/cases";
  input.region = testing::kVillageA;
  input.filters = {{"state", "monitored"}};
  input.who = "tester";
  input.columns = {{"id", "案件号", "Case", ExportType::kNumber},
                   kState,
                   kRisks,
                   {"relapse", "返贫", "Relapse", ExportType::kBool},
                   {.field = "title_zh", .header = "疑点", .header_en = "Finding",
                    .field_en = "title_en"}};
  input.rows = {
      {{"id", 1}, {"state", "lead"}, {"risks", json::array({"R01", "R07"})}, {"relapse", true},
       {"title_zh", "收入骤减"}, {"title_en", "Income fell"}},
      {{"id", 2}, {"state", "monitored"}, {"risks", json::array({"R99"})}, {"relapse", false}},
      {{"id", 3},
       {"state", "on_hold"},
       {"risks", json::array({"R01", "R42"})},
       {"relapse", nullptr}},
  };
  return input;
}

// The item rows, each as wide as the headers (a reader leaves out empty cells at a row's end).
Rows Items(const Rows& rows) {
  Rows items(rows.begin() + kExportHeaderRow + 1, rows.end());
  for (auto& row : items) row.resize(rows[kExportHeaderRow].size());
  return items;
}

TEST(ExportCellTest, ACodeIsItsLabelAndAListOfCodesItsLabelsJoined) {
  EXPECT_EQ(ExportCell("lead", kState, Language::kChinese), "线索核实");
  EXPECT_EQ(ExportCell("lead", kState, Language::kEnglish), "Lead");
  const json two = json::array({"R01", "R07"});
  EXPECT_EQ(ExportCell(two, kRisks, Language::kChinese), "因病；因务工就业不稳");
  EXPECT_EQ(ExportCell(two, kRisks, Language::kEnglish), "Illness；Unstable work");
}

TEST(ExportCellTest, ACodeWithoutALabelIsWrittenAsItIs) {
  EXPECT_EQ(ExportCell("on_hold", kState, Language::kChinese), "on_hold");
  EXPECT_EQ(ExportCell(json::array({"R01", "R42"}), kRisks, Language::kEnglish), "Illness；R42");
  const ExportColumn unknown_group{"x", "甲", "X", ExportType::kCode, "no_such_group"};
  EXPECT_EQ(ExportCell("lead", unknown_group, Language::kChinese), "lead");
  EXPECT_EQ(ExportCell(nullptr, kState, Language::kChinese), "");
  EXPECT_EQ(ExportCell(json::array(), kRisks, Language::kChinese), "");
}

TEST(ExportCellTest, OnlyCodeColumnsAreLabelled) {
  const ExportColumn text{"state", "状态", "State", ExportType::kText};
  EXPECT_EQ(ExportCell("lead", text, Language::kChinese), "lead");
  EXPECT_EQ(ExportCell(json::array({"R01", "R07"}), text, Language::kEnglish), "R01；R07");
}

TEST(TableExportTest, AChineseWorkbookShowsTheChineseLabels) {
  testing::World w = testing::MakeWorld();
  auto book = WriteTableExport(*w.ws, testing::Officer(access::Role::kCounty, "630102"),
                               Input(Language::kChinese));
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  EXPECT_EQ(book->filename.rfind("识别与消除案件-", 0), 0u) << book->filename;
  const Rows rows = testing::SheetRows(book->xlsx, "识别与消除案件");
  ASSERT_EQ(rows.size(), kExportHeaderRow + 4);
  EXPECT_EQ(rows[0], std::vector<std::string>{"识别与消除案件"});
  EXPECT_EQ(rows[1][0].rfind("区域：", 0), 0u) << rows[1][0];
  EXPECT_EQ(rows[2], std::vector<std::string>{"筛选条件：state=monitored"});
  EXPECT_NE(rows[3][0].find("（北京时间）　导出人：tester"), std::string::npos) << rows[3][0];
  EXPECT_EQ(rows[4], std::vector<std::string>{"共 3 条"});
  EXPECT_EQ(rows[kExportHeaderRow],
            (std::vector<std::string>{"案件号", "状态", "风险", "返贫", "疑点"}));
  EXPECT_EQ(Items(rows), (Rows{{"1", "线索核实", "因病；因务工就业不稳", "是", "收入骤减"},
                               {"2", "已纳入监测", "其他", "否", ""},
                               {"3", "on_hold", "因病；R42", "", ""}}));
}

TEST(TableExportTest, AnEnglishWorkbookShowsTheEnglishLabelsHeadersAndNames) {
  testing::World w = testing::MakeWorld();
  auto book = WriteTableExport(*w.ws, testing::Officer(access::Role::kCounty, "630102"),
                               Input(Language::kEnglish));
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  EXPECT_EQ(book->filename.rfind("Cases-", 0), 0u) << book->filename;
  const Rows rows = testing::SheetRows(book->xlsx, "Cases");
  ASSERT_EQ(rows.size(), kExportHeaderRow + 4);
  EXPECT_EQ(rows[0], std::vector<std::string>{"Cases"});
  EXPECT_EQ(rows[1][0].rfind("Region: ", 0), 0u) << rows[1][0];
  EXPECT_NE(rows[1][0].find(" (" + std::string(testing::kVillageA) + ")"), std::string::npos)
      << rows[1][0];
  EXPECT_EQ(rows[2], std::vector<std::string>{"Filters: state=monitored"});
  EXPECT_EQ(rows[3][0].rfind("Exported: ", 0), 0u) << rows[3][0];
  EXPECT_NE(rows[3][0].find(" (Beijing time), by tester"), std::string::npos) << rows[3][0];
  EXPECT_EQ(rows[4], std::vector<std::string>{"Rows: 3"});
  EXPECT_EQ(rows[kExportHeaderRow],
            (std::vector<std::string>{"Case", "Step", "Risks", "Relapse", "Finding"}));
  EXPECT_EQ(Items(rows), (Rows{{"1", "Lead", "Illness；Unstable work", "Yes", "Income fell"},
                               {"2", "Monitored", "Other", "No", ""},
                               {"3", "on_hold", "Illness；R42", "", ""}}));
}

TEST(TableExportTest, NoFiltersAreSaidInTheWorkbooksLanguage) {
  TableExportInput input = Input(Language::kEnglish);
  input.filters.clear();
  EXPECT_EQ(TableSheetRows(input, "", "2026-11-30T02:45:12Z")[2],
            std::vector<std::string>{"Filters: none"});
  input.language = Language::kChinese;
  EXPECT_EQ(TableSheetRows(input, "", "2026-11-30T02:45:12Z")[2],
            std::vector<std::string>{"筛选条件：无"});
}

TEST(TableExportTest, TheAuditRecordIsTheSameInBothLanguages) {
  testing::World w = testing::MakeWorld();
  const access::Principal county = testing::Officer(access::Role::kCounty, "630102");
  ASSERT_TRUE(WriteTableExport(*w.ws, county, Input(Language::kChinese)).ok());
  ASSERT_TRUE(WriteTableExport(*w.ws, county, Input(Language::kEnglish)).ok());
  std::vector<std::string> details;
  ASSERT_TRUE(w.db->ForEach([&](const access::AuditEntry& e) {
                    if (e.action == "table.export") details.push_back(e.detail);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(details.size(), 2u);
  EXPECT_EQ(details[0], details[1]);
  EXPECT_EQ(json::parse(details[0])["what"], "识别与消除案件");
}

}  // namespace
}  // namespace xianjie::service
