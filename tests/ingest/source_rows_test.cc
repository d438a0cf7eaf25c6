// Tests of SourceRowMapper (ingest/source_rows.h): every rule id with its exact rule and what its
// message says, every accepted form of each column type from CSV text and from XLSX cells, the
// key, periods of each unit, event dates, the values' JSON, and the file-level errors of Create.
#include "ingest/source_rows.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/id_number.h"
#include "ingest/source_test_support.h"

namespace xianjie::ingest {
namespace {

using ::testing::HasSubstr;
using testing::kUpload;

// A contract with a column of every type, keyed by household id.
const std::string kAllTypes = R"(name = "all_types"
title = "所有类型"
department = "测试局"
frequency = "monthly"
key = "household_id"
period = "month_of:happened_on"
event_date = "happened_on"
columns = [
  { name = "household_id", header = "户编号", type = "household_id", required = true },
  { name = "id_number", header = "身份证号", aliases = ["公民身份号码"], type = "id_number" },
  { name = "note", header = "备注", type = "text" },
  { name = "amount", header = "金额（元）", type = "money" },
  { name = "happened_on", header = "日期", type = "date", required = true },
  { name = "count", header = "人数", type = "integer" },
  { name = "area", header = "面积", type = "decimal" },
  { name = "done", header = "是否完成", type = "bool" },
  { name = "kind", header = "类型", type = "enum", values = { "低保" = "dibao", "特困" = "tekun" } },
  { name = "noted_on", header = "登记日期", type = "date" },
]
)";

const std::vector<std::string> kHeaders = {"户编号", "身份证号", "备注", "金额（元）",
                                           "日期",   "人数",     "面积", "是否完成",
                                           "类型",   "登记日期"};

SourceContract ParseContract(const std::string& text) {
  auto c = ParseSourceContract(text, "all_types.toml");
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : SourceContract();
}

// kAllTypes with its period replaced.
SourceContract WithPeriod(const std::string& period) {
  std::string text = kAllTypes;
  const std::string from = "month_of:happened_on";
  text.replace(text.find(from), from.size(), period);
  return ParseContract(text);
}

SourceRowMapper Mapper(const SourceContract& contract,
                       const std::vector<std::string>& headers = kHeaders) {
  auto m = SourceRowMapper::Create(contract, headers);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return std::move(m).value();
}

XlsxCell T(std::string text) { return {XlsxCellKind::kText, std::move(text)}; }
XlsxCell N(std::string text) { return {XlsxCellKind::kNumber, std::move(text)}; }
XlsxCell D(std::string text) { return {XlsxCellKind::kDate, std::move(text)}; }
XlsxCell B(std::string text) { return {XlsxCellKind::kBoolean, std::move(text)}; }
XlsxCell E(std::string text) { return {XlsxCellKind::kError, std::move(text)}; }

// A row of kAllTypes: the required cells filled (户编号 H001, 日期 2026-03-01), then `set`.
SourceRow RowWith(std::vector<std::pair<std::string, XlsxCell>> set) {
  SourceRow row;
  row.number = 7;
  row.cells.resize(kHeaders.size());
  row.cells[0] = T("H001");
  row.cells[4] = T("2026-03-01");
  for (auto& [header, cell] : set) {
    size_t i = 0;
    while (i < kHeaders.size() && kHeaders[i] != header) ++i;
    EXPECT_LT(i, kHeaders.size()) << header;
    if (i < kHeaders.size()) row.cells[i] = std::move(cell);
  }
  return row;
}

MappedRow Map(const SourceRow& row, CivilDate upload = kUpload) {
  static const SourceRowMapper mapper = Mapper(ParseContract(kAllTypes));
  MappedRow out;
  mapper.Map(row, upload, out);
  return out;
}

MappedRow MapCell(const std::string& header, XlsxCell cell) {
  return Map(RowWith({{header, std::move(cell)}}));
}

const MappedValue& ValueOf(const MappedRow& row, const std::string& column) {
  static const SourceContract contract = ParseContract(kAllTypes);
  static const MappedValue kNone;
  for (size_t i = 0; i < contract.columns.size(); ++i) {
    if (contract.columns[i].name == column && i < row.values.size()) return row.values[i];
  }
  ADD_FAILURE() << "no column " << column;
  return kNone;
}

// The row's one issue: its rule, column and message pieces.
void ExpectIssue(const MappedRow& row, const std::string& rule, const std::string& column,
                 const std::vector<std::string>& pieces) {
  EXPECT_FALSE(row.ok);
  ASSERT_EQ(row.issues.size(), 1u) << (row.issues.empty() ? "" : row.issues[0].rule);
  EXPECT_EQ(row.issues[0].rule, rule);
  EXPECT_EQ(row.issues[0].column, column);
  for (const std::string& piece : pieces) {
    EXPECT_THAT(row.issues[0].message, HasSubstr(piece));
  }
}

// The value of a valid cell, as text.
std::string Accepted(const std::string& header, const std::string& column, XlsxCell cell) {
  MappedRow row = MapCell(header, std::move(cell));
  EXPECT_TRUE(row.ok) << (row.issues.empty() ? ""
                                             : row.issues[0].rule + ": " + row.issues[0].message);
  EXPECT_TRUE(ValueOf(row, column).present);
  return ValueOf(row, column).text;
}

// ---- the rule list

TEST(SourceRowRulesTest, ListedOnceEachInLowerSnakeWithADot) {
  std::set<std::string_view> seen;
  for (std::string_view rule : SourceRowRules()) {
    EXPECT_TRUE(seen.insert(rule).second) << rule;
    EXPECT_NE(rule.find('.'), std::string_view::npos) << rule;
    EXPECT_EQ(rule.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_."),
              std::string_view::npos)
        << rule;
  }
  EXPECT_EQ(seen.size(), 26u);
}

// ---- a whole row

TEST(SourceRowsTest, ValidRowHasEveryValueTheKeyPeriodEventDateAndRaw) {
  SourceRow row = RowWith({{"身份证号", T("630121196203142319")},
                           {"备注", T("  住院  ")},
                           {"金额（元）", T("1,234.50")},
                           {"人数", T("3")},
                           {"面积", T("85.50")},
                           {"是否完成", T("是")},
                           {"类型", T("低保")},
                           {"登记日期", T("2026/3/5")}});
  row.raw = "H001,630121196203142319,...";
  MappedRow out = Map(row);
  ASSERT_TRUE(out.ok) << out.issues[0].message;
  EXPECT_EQ(out.number, 7);
  EXPECT_EQ(out.key, "H001");
  EXPECT_EQ(out.period, "2026-03");
  EXPECT_EQ(out.event_date, "2026-03-01");
  EXPECT_EQ(out.raw, row.raw);
  EXPECT_EQ(ValueOf(out, "note").text, "住院");
  EXPECT_EQ(ValueOf(out, "amount").number, 123450);
  EXPECT_EQ(ValueOf(out, "amount").text, "1234.50");
  EXPECT_DOUBLE_EQ(ValueOf(out, "amount").decimal, 1234.5);
  EXPECT_EQ(ValueOf(out, "happened_on").number, CivilDate::FromYmd(2026, 3, 1).ToDays());
  EXPECT_EQ(ValueOf(out, "count").number, 3);
  EXPECT_DOUBLE_EQ(ValueOf(out, "area").decimal, 85.5);
  EXPECT_EQ(ValueOf(out, "done").number, 1);
  EXPECT_EQ(ValueOf(out, "kind").text, "dibao");
  EXPECT_EQ(ValueOf(out, "id_number").number,
            static_cast<int64_t>(PackIdNumber("630121196203142319")));
}

TEST(SourceRowsTest, ValuesJsonHasPresentValuesTyped) {
  static const SourceRowMapper mapper = Mapper(ParseContract(kAllTypes));
  MappedRow out;
  mapper.Map(RowWith({{"备注", T("说\"明\"\n第二行")},
                      {"金额（元）", N("12")},
                      {"人数", T("-4")},
                      {"面积", T("0.25")},
                      {"是否完成", T("否")},
                      {"类型", T("tekun")}}),
             kUpload, out);
  ASSERT_TRUE(out.ok);
  EXPECT_EQ(mapper.ValuesJson(out),
            "{\"household_id\":\"H001\",\"note\":\"说\\\"明\\\"\\n第二行\",\"amount\":12.00,"
            "\"happened_on\":\"2026-03-01\",\"count\":-4,\"area\":0.25,\"done\":false,"
            "\"kind\":\"tekun\"}");
  std::string appended = "[";
  mapper.AppendValuesJson(out, appended);
  EXPECT_EQ(appended, "[" + mapper.ValuesJson(out));
}

TEST(SourceRowsTest, EveryProblemOfARowIsListedInFileOrder) {
  MappedRow out = Map(RowWith({{"户编号", T("")},
                               {"金额（元）", T("abc")},
                               {"日期", T("2026-13-01")},
                               {"类型", T("其他")}}));
  EXPECT_FALSE(out.ok);
  ASSERT_EQ(out.issues.size(), 4u);
  EXPECT_EQ(out.issues[0].rule, "required.missing");
  EXPECT_EQ(out.issues[1].rule, "money.format");
  EXPECT_EQ(out.issues[2].rule, "date.format");
  EXPECT_EQ(out.issues[3].rule, "enum.unknown");
  EXPECT_EQ(out.key, "");
  EXPECT_EQ(out.period, "");
  EXPECT_EQ(out.event_date, "");
}

TEST(SourceRowsTest, TheOutputRowIsReusedWithoutLeftovers) {
  static const SourceRowMapper mapper = Mapper(ParseContract(kAllTypes));
  MappedRow out;
  mapper.Map(RowWith({{"金额（元）", T("abc")}, {"备注", T("x")}}), kUpload, out);
  EXPECT_FALSE(out.ok);
  mapper.Map(RowWith({}), kUpload, out);
  EXPECT_TRUE(out.ok);
  EXPECT_TRUE(out.issues.empty());
  EXPECT_FALSE(ValueOf(out, "note").present);
  EXPECT_EQ(ValueOf(out, "note").text, "");
  EXPECT_FALSE(ValueOf(out, "amount").present);
}

TEST(SourceRowsTest, ShortRowsAndOptionalColumnsTheFileLacks) {
  auto mapper = Mapper(ParseContract(kAllTypes), {"日期", "户编号"});
  SourceRow row;
  row.cells = {T("2026-03-01"), T("H9")};
  MappedRow out;
  mapper.Map(row, kUpload, out);
  EXPECT_TRUE(out.ok);
  EXPECT_EQ(out.key, "H9");
  EXPECT_EQ(mapper.HeaderOf(0), "户编号");
  EXPECT_EQ(mapper.HeaderOf(2), "");
  row.cells = {T("2026-03-01")};  // the row ends before 户编号
  mapper.Map(row, kUpload, out);
  ExpectIssue(out, "required.missing", "户编号", {"'户编号' is required but empty", "fill it in"});
}

// ---- rules

TEST(SourceRowsTest, RequiredMissing) {
  ExpectIssue(
      MapCell("户编号", T(" \u3000")), "required.missing", "户编号",
      {"'户编号' is required but empty in this row; fill it in", "matched to the registry by it"});
  ExpectIssue(MapCell("日期", XlsxCell{}), "required.missing", "日期", {"'日期' is required"});
}

TEST(SourceRowsTest, CellErrorNamesTheErrorValue) {
  MappedRow out = MapCell("金额（元）", E("#DIV/0!"));
  ExpectIssue(out, "cell.error", "金额（元）",
              {"Excel's error value #DIV/0!", "correct the formula or type the value"});
  EXPECT_EQ(out.issues[0].value, "#DIV/0!");
  ExpectIssue(MapCell("备注", E("formula without a computed value: open the file in Excel and "
                                "save it again")),
              "cell.error", "备注", {"formula without a computed value", "save it again"});
}

TEST(SourceRowsTest, IdNumberNumberCell) {
  ExpectIssue(MapCell("身份证号", N("630121196203142000")), "id_number.number_cell", "身份证号",
              {"Excel stored this ID number as a number", "format the column as text"});
  // The same damage arriving as CSV text.
  ExpectIssue(MapCell("身份证号", T("6.30121E+17")), "id_number.number_cell", "身份证号",
              {"first 15 digits"});
}

TEST(SourceRowsTest, IdNumberRulesOfGb11643) {
  ExpectIssue(MapCell("身份证号", T("63012119620314231")), "id_number.length", "身份证号",
              {"18 characters", "this one has 17"});
  ExpectIssue(MapCell("身份证号", T("63012119620314231A")), "id_number.characters", "身份证号",
              {"last character", "digit or X"});
  ExpectIssue(MapCell("身份证号", T("630121196202302315")), "id_number.birth_date", "身份证号",
              {"not a real birth date", "ID card"});
  // Born after the upload date.
  ExpectIssue(MapCell("身份证号", T(MakeIdNumber("630121", CivilDate::FromYmd(2026, 5, 1), 11))),
              "id_number.birth_date", "身份证号", {"in the future"});
  ExpectIssue(MapCell("身份证号", T("630121196203142318")), "id_number.check", "身份证号",
              {"check character", "mistyped", "ID card"});
  ExpectIssue(MapCell("身份证号", T("630121196203142000")), "id_number.check", "身份证号",
              {"last digits were lost"});
}

TEST(SourceRowsTest, IdNumberLowerCaseXAndFullWidthDigitsAreNormalized) {
  EXPECT_EQ(Accepted("身份证号", "id_number", T(" 63280119930415208x\t")), "63280119930415208X");
  EXPECT_EQ(Accepted("身份证号", "id_number", T("６３０１２１１９６２０３１４２３１９")),
            "630121196203142319");
}

TEST(SourceRowsTest, HouseholdIdRules) {
  EXPECT_EQ(Accepted("户编号", "household_id", T(" 6301210010010001 ")), "6301210010010001");
  EXPECT_EQ(Accepted("户编号", "household_id", N("630121001001001")), "630121001001001");
  ExpectIssue(MapCell("户编号", N("6301210010010000")), "household_id.number_cell", "户编号",
              {"as a number", "format the column as text"});
  ExpectIssue(MapCell("户编号", T(std::string(33, '7'))), "household_id.too_long", "户编号",
              {"33 bytes", "at most 32"});
  EXPECT_EQ(Accepted("户编号", "household_id", T(std::string(32, '7'))), std::string(32, '7'));
}

TEST(SourceRowsTest, TextTooLong) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "字";
  EXPECT_EQ(Accepted("备注", "note", T(text)), text);
  ExpectIssue(MapCell("备注", T(text + "字")), "text.too_long", "备注",
              {"1001 characters", "1,000", "shorten it"});
  MappedRow out = MapCell("备注", T(text + "字"));
  EXPECT_LE(out.issues[0].value.size(), 256u + 3);  // the value is cut for the quarantine
  EXPECT_THAT(out.issues[0].value, ::testing::EndsWith("…"));
}

TEST(SourceRowsTest, TextTakesNumbersDatesAndBooleansAsShown) {
  EXPECT_EQ(Accepted("备注", "note", N("12.5")), "12.5");
  EXPECT_EQ(Accepted("备注", "note", D("2026-03-01")), "2026-03-01");
  EXPECT_EQ(Accepted("备注", "note", B("TRUE")), "TRUE");
}

TEST(SourceRowsTest, MoneyForms) {
  EXPECT_EQ(Accepted("金额（元）", "amount", T("1,234.50")), "1234.50");
  EXPECT_EQ(Accepted("金额（元）", "amount", T("1234.5")), "1234.50");
  EXPECT_EQ(Accepted("金额（元）", "amount", T("880元")), "880.00");
  EXPECT_EQ(Accepted("金额（元）", "amount", T("12,345,678.9 元")), "12345678.90");
  EXPECT_EQ(Accepted("金额（元）", "amount", T("¥12")), "12.00");
  EXPECT_EQ(Accepted("金额（元）", "amount", T("￥0.5")), "0.50");
  EXPECT_EQ(Accepted("金额（元）", "amount", T("１２３．４")), "123.40");
  EXPECT_EQ(Accepted("金额（元）", "amount", T("-0")), "0.00");
  EXPECT_EQ(Accepted("金额（元）", "amount", N("1234.5")), "1234.50");
  EXPECT_EQ(Accepted("金额（元）", "amount", N("0")), "0.00");
  // A formula's binary noise is not a third decimal.
  MappedRow out = MapCell("金额（元）", N("0.30000000000000004"));
  EXPECT_TRUE(out.ok);
  EXPECT_EQ(ValueOf(out, "amount").number, 30);
}

TEST(SourceRowsTest, MoneyNegative) {
  ExpectIssue(MapCell("金额（元）", T("-12.5")), "money.negative", "金额（元）",
              {"'-12.5' is negative", "0 or more", "check the sign"});
  ExpectIssue(MapCell("金额（元）", N("-3")), "money.negative", "金额（元）", {"negative"});
}

TEST(SourceRowsTest, MoneyFormat) {
  ExpectIssue(
      MapCell("金额（元）", T("一千元")), "money.format", "金额（元）",
      {"'一千元' is not an amount of money", "at most two decimals, like 1234.56", "1,234.56"});
  ExpectIssue(MapCell("金额（元）", T("12.345")), "money.format", "金额（元）",
              {"more than two decimals"});
  ExpectIssue(MapCell("金额（元）", T("1,23.40")), "money.format", "金额（元）",
              {"thousands separators are misplaced"});
  ExpectIssue(MapCell("金额（元）", T("1,2345")), "money.format", "金额（元）",
              {"thousands separators"});
  ExpectIssue(MapCell("金额（元）", T("12345678901234567")), "money.format", "金额（元）",
              {"larger than"});
  ExpectIssue(MapCell("金额（元）", N("33.333333333333336")), "money.format", "金额（元）",
              {"more than two decimals", "ROUND"});
  ExpectIssue(MapCell("金额（元）", D("2026-03-01")), "money.format", "金额（元）",
              {"formatted as a date"});
}

TEST(SourceRowsTest, DateForms) {
  for (const char* text : {"2026-03-01", "2026-3-1", "2026/3/1", "2026/03/01", "2026.3.1",
                           "20260301", "2026年3月1日", "2026年03月01日", "2026年3月1号",
                           "2026-03-01 10:23:00", "2026/3/1 8:05", "２０２６－０３－０１"}) {
    EXPECT_EQ(Accepted("登记日期", "noted_on", T(text)), "2026-03-01") << text;
  }
  EXPECT_EQ(Accepted("登记日期", "noted_on", D("2026-03-01")), "2026-03-01");
  EXPECT_EQ(Accepted("登记日期", "noted_on", D("2026-03-01T10:30:00")), "2026-03-01");
  EXPECT_EQ(Accepted("登记日期", "noted_on", N("46082")), "2026-03-01");  // an Excel serial
  EXPECT_EQ(Accepted("登记日期", "noted_on", N("46082.75")), "2026-03-01");
  EXPECT_EQ(Accepted("登记日期", "noted_on", N("20260301")), "2026-03-01");
  SourceRow row = RowWith({{"登记日期", N("44620")}});
  row.date1904 = true;
  EXPECT_EQ(ValueOf(Map(row), "noted_on").text, "2026-03-01");
}

TEST(SourceRowsTest, DateFormat) {
  ExpectIssue(MapCell("登记日期", T("3月1日")), "date.format", "登记日期",
              {"'3月1日' is not a date", "write it as 2026-03-01", "2026年3月1日"});
  ExpectIssue(MapCell("登记日期", T("2026-02-30")), "date.format", "登记日期",
              {"no real day of the calendar", "correct the day"});
  ExpectIssue(MapCell("登记日期", T("20261301")), "date.format", "登记日期", {"no real day"});
  ExpectIssue(MapCell("登记日期", T("2026-03")), "date.format", "登记日期", {"not a date"});
  ExpectIssue(MapCell("登记日期", T("2026-03/01")), "date.format", "登记日期", {"not a date"});
  ExpectIssue(MapCell("登记日期", T("2026-03-01 noon")), "date.format", "登记日期", {"not a date"});
  ExpectIssue(MapCell("登记日期", N("-5")), "date.format", "登记日期",
              {"neither an Excel date serial nor YYYYMMDD"});
  ExpectIssue(MapCell("登记日期", B("TRUE")), "date.format", "登记日期", {"TRUE/FALSE"});
}

TEST(SourceRowsTest, DateFuture) {
  ExpectIssue(MapCell("登记日期", T("2026-05-01")), "date.future", "登记日期",
              {"2026-05-01 is after the day of the upload (2026-04-15)", "check the year"});
  EXPECT_EQ(Accepted("登记日期", "noted_on", T("2026-04-15")), "2026-04-15");
}

TEST(SourceRowsTest, IntegerFormsAndFormat) {
  EXPECT_EQ(Accepted("人数", "count", T("12")), "12");
  EXPECT_EQ(Accepted("人数", "count", T("1,234")), "1234");
  EXPECT_EQ(Accepted("人数", "count", T("+7")), "7");
  EXPECT_EQ(Accepted("人数", "count", T("-3")), "-3");
  EXPECT_EQ(Accepted("人数", "count", T("5.00")), "5");
  EXPECT_EQ(Accepted("人数", "count", N("42")), "42");
  ExpectIssue(MapCell("人数", T("12.5")), "integer.format", "人数",
              {"'12.5' is not a whole number: it has decimals", "write digits only"});
  ExpectIssue(MapCell("人数", T("三")), "integer.format", "人数", {"not a whole number"});
  ExpectIssue(MapCell("人数", T("99999999999999999999")), "integer.format", "人数", {"too large"});
  ExpectIssue(MapCell("人数", N("1e+21")), "integer.format", "人数", {"not a whole number"});
}

TEST(SourceRowsTest, DecimalFormsAndFormat) {
  EXPECT_EQ(Accepted("面积", "area", T("85.50")), "85.5");
  EXPECT_EQ(Accepted("面积", "area", T("1,250.75")), "1250.75");
  EXPECT_EQ(Accepted("面积", "area", T("-0.5")), "-0.5");
  EXPECT_EQ(Accepted("面积", "area", N("98.56")), "98.56");
  EXPECT_DOUBLE_EQ(ValueOf(MapCell("面积", T("98.56")), "area").decimal, 98.56);
  ExpectIssue(MapCell("面积", T("1.2.3")), "decimal.format", "面积",
              {"'1.2.3' is not a number", "like 85.5"});
  ExpectIssue(MapCell("面积", T("85平方米")), "decimal.format", "面积", {"not a number"});
}

TEST(SourceRowsTest, BoolFormsAndFormat) {
  for (const char* yes : {"1", "是", "true", "TRUE", "Y", "y", "Yes"}) {
    EXPECT_EQ(Accepted("是否完成", "done", T(yes)), "true") << yes;
  }
  for (const char* no : {"0", "否", "false", "False", "N", "no"}) {
    EXPECT_EQ(Accepted("是否完成", "done", T(no)), "false") << no;
  }
  EXPECT_EQ(Accepted("是否完成", "done", B("TRUE")), "true");
  EXPECT_EQ(Accepted("是否完成", "done", B("FALSE")), "false");
  EXPECT_EQ(Accepted("是否完成", "done", N("1")), "true");
  ExpectIssue(MapCell("是否完成", T("也许")), "bool.format", "是否完成",
              {"'也许' is not a yes/no value", "write 是 or 否"});
}

TEST(SourceRowsTest, EnumLabelsValuesAndFolding) {
  EXPECT_EQ(Accepted("类型", "kind", T("特困")), "tekun");
  EXPECT_EQ(Accepted("类型", "kind", T("dibao")), "dibao");
  EXPECT_EQ(Accepted("类型", "kind", T("DIBAO")), "dibao");
  EXPECT_EQ(Accepted("类型", "kind", T("低 保")), "dibao");
  ExpectIssue(MapCell("类型", T("临时救助")), "enum.unknown", "类型",
              {"'临时救助' is not a value of '类型'", "write one of 低保, 特困",
               "(or their codes dibao, tekun)"});
}

TEST(SourceRowsTest, RowExtraCells) {
  SourceRow row = RowWith({});
  row.cells.push_back(T(" "));
  row.cells.push_back(T("多余"));
  row.cells.push_back(N("3"));
  MappedRow out = Map(row);
  ExpectIssue(out, "row.extra_cells", "",
              {"2 values to the right of the last header (from column 12)", "delete them"});
  EXPECT_EQ(out.issues[0].value, "多余");
  row.cells.resize(kHeaders.size());
  row.cells.resize(kHeaders.size() + 3, T(" "));  // blank cells beyond are no problem
  EXPECT_TRUE(Map(row).ok);
}

TEST(SourceRowsTest, CsvRecordErrorIsTheRowsOneIssue) {
  for (CsvError error :
       {CsvError::kUnterminatedQuote, CsvError::kStrayQuote, CsvError::kCharAfterQuote,
        CsvError::kBareCarriageReturn, CsvError::kInvalidUtf8, CsvError::kNulByte}) {
    SourceRow row = RowWith({{"金额（元）", T("abc")}});
    row.error_rule = CsvErrorRule(error);
    row.error_message = CsvErrorMessage(error);
    row.error_cell = 2;
    row.cells[2] = T("a\"b");
    MappedRow out = Map(row);
    ExpectIssue(out, std::string(CsvErrorRule(error)), "备注",
                {std::string(CsvErrorMessage(error))});
    EXPECT_EQ(out.issues[0].value, "a\"b");
  }
  SourceRow row = RowWith({});
  row.error_rule = "csv.unterminated_quote";
  row.error_message = CsvErrorMessage(CsvError::kUnterminatedQuote);
  ExpectIssue(Map(row), "csv.unterminated_quote", "", {"never closed"});
}

TEST(SourceRowsTest, PeriodMissingWhenTheOptionalPeriodDateIsEmpty) {
  auto mapper = Mapper(WithPeriod("month_of:noted_on"));
  MappedRow out;
  mapper.Map(RowWith({}), kUpload, out);
  ExpectIssue(
      out, "period.missing", "登记日期",
      {"'登记日期' is empty", "files each record under the period of this date", "fill it in"});
  mapper.Map(RowWith({{"登记日期", T("2026-02-03")}}), kUpload, out);
  EXPECT_TRUE(out.ok);
  EXPECT_EQ(out.period, "2026-02");
}

// ---- periods

std::string PeriodOf(const std::string& period, const std::string& date) {
  auto mapper = Mapper(WithPeriod(period));
  MappedRow out;
  mapper.Map(RowWith({{"日期", T(date)}}), kUpload, out);
  EXPECT_TRUE(out.ok);
  return out.period;
}

TEST(SourceRowsTest, PeriodOfEachUnit) {
  EXPECT_EQ(PeriodOf("month_of:happened_on", "2026-03-01"), "2026-03");
  EXPECT_EQ(PeriodOf("quarter_of:happened_on", "2026-03-31"), "2026-Q1");
  EXPECT_EQ(PeriodOf("quarter_of:happened_on", "2025-10-01"), "2025-Q4");
  EXPECT_EQ(PeriodOf("day_of:happened_on", "2026/3/1"), "2026-03-01");
  EXPECT_EQ(PeriodOf("year_of:happened_on", "2026-03-01"), "2026");
  EXPECT_EQ(PeriodOf("upload", "2025-12-31"), "2026-04");
}

TEST(SourceRowsTest, PeriodOfWeekIsTheIsoWeek) {
  EXPECT_EQ(PeriodOf("week_of:happened_on", "2026-03-01"), "2026-W09");  // a Sunday
  EXPECT_EQ(PeriodOf("week_of:happened_on", "2026-01-01"), "2026-W01");  // a Thursday
  EXPECT_EQ(PeriodOf("week_of:happened_on", "2024-12-30"), "2025-W01");
  EXPECT_EQ(PeriodOf("week_of:happened_on", "2021-01-03"), "2020-W53");
  EXPECT_EQ(PeriodOf("week_of:happened_on", "1969-12-31"), "1970-W01");
}

// ---- Create

TEST(SourceRowMapperCreateTest, HeaderMismatchListsMissingAndUnknownColumnsInOneMessage) {
  auto m = SourceRowMapper::Create(*FindBuiltinContract("medical_insurance"),
                                   {"姓名", "个人自付金额（元）", "结算日起", "备注"});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  const std::string& message = m.status().message();
  EXPECT_THAT(message, HasSubstr("source 'medical_insurance'"));
  EXPECT_THAT(message, HasSubstr("missing required column '身份证号'"));
  EXPECT_THAT(message, HasSubstr("missing required column '医疗费用总额（元）'"));
  EXPECT_THAT(message, HasSubstr("unknown column 3 '结算日起' (did you mean '结算日期'?)"));
  EXPECT_THAT(message, HasSubstr("unknown column 4 '备注'"));
}

TEST(SourceRowMapperCreateTest, TheOptionalPeriodColumnMustBeInTheFile) {
  std::vector<std::string> headers = kHeaders;
  headers.pop_back();  // 登记日期
  auto m = SourceRowMapper::Create(WithPeriod("month_of:noted_on"), headers);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(m.status().message(), HasSubstr("the file has no column '登记日期'"));
  EXPECT_THAT(m.status().message(), HasSubstr("add the column"));
}

TEST(SourceRowMapperCreateTest, AliasesAndHalfWidthParenthesesMatch) {
  const SourceContract& c = *FindBuiltinContract("medical_insurance");
  auto m = SourceRowMapper::Create(
      c, {"公民身份号码", "患者姓名", "总费用", "个人自付金额(元)", "出院日期"});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->contract().name, "medical_insurance");
  SourceRow row;
  row.cells = {T("630121196203142319"), T("马福海"), T("18650.40"), T("5595.12"), D("2026-03-02")};
  MappedRow out;
  m->Map(row, kUpload, out);
  ASSERT_TRUE(out.ok) << out.issues[0].message;
  EXPECT_EQ(out.key, "630121196203142319");
  EXPECT_EQ(out.period, "2026-03");
  EXPECT_EQ(out.event_date, "2026-03-02");
  EXPECT_EQ(m->ValuesJson(out),
            "{\"id_number\":\"630121196203142319\",\"name\":\"马福海\",\"total_cost\":18650.40,"
            "\"out_of_pocket\":5595.12,\"settled_on\":\"2026-03-02\"}");
}

}  // namespace
}  // namespace xianjie::ingest
