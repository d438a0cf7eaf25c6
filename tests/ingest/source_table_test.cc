// Tests of SourceTable (ingest/source_table.h): CSV in UTF-8 and GBK and XLSX workbooks (zipped
// from literal XML parts by xlsx_fixture.h) behind one row interface, and every way a file is
// refused as a whole, each with one line saying why and what to do.
#include "ingest/source_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/source_rows.h"
#include "ingest/source_test_support.h"
#include "ingest/xlsx_fixture.h"

namespace xianjie::ingest {
namespace {

using testing::Book;
using testing::BookSpec;
using ::testing::HasSubstr;
using testing::kUpload;
using testing::OneSheet;

std::unique_ptr<SourceTable> OpenOk(std::string_view bytes,
                                    const SourceTableOptions& options = {}) {
  auto table = SourceTable::Open(bytes, options);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? std::move(table).value() : nullptr;
}

std::vector<SourceRow> ReadAll(SourceTable& table) {
  std::vector<SourceRow> rows;
  SourceRow row;
  while (true) {
    Result<bool> more = table.Next(row);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) return rows;
    rows.push_back(row);
  }
}

std::vector<std::string> Texts(const SourceRow& row) {
  std::vector<std::string> texts;
  for (const XlsxCell& cell : row.cells) texts.push_back(cell.text);
  return texts;
}

// The failure of opening `bytes`: kInvalidArgument on one line, with each of `pieces`.
void ExpectRefused(std::string_view bytes, const std::vector<std::string>& pieces,
                   const SourceTableOptions& options = {}) {
  auto table = SourceTable::Open(bytes, options);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument) << table.status().ToString();
  EXPECT_EQ(table.status().message().find('\n'), std::string::npos) << table.status().message();
  for (const std::string& piece : pieces) {
    EXPECT_THAT(table.status().message(), HasSubstr(piece));
  }
}

std::string InlineRow(int number, const std::vector<std::string>& texts) {
  std::string row = "<row r=\"" + std::to_string(number) + "\">";
  for (size_t i = 0; i < texts.size(); ++i) {
    row += "<c r=\"" + std::string(1, static_cast<char>('A' + i)) + std::to_string(number) +
           "\" t=\"inlineStr\"><is><t>" + texts[i] + "</t></is></c>";
  }
  return row + "</row>";
}

// ---- CSV

TEST(SourceTableCsvTest, ReadsHeaderAndRowsWithLineNumbers) {
  auto table = OpenOk(
      "身份证号,姓名,金额\n630121196203142319,马福海,\"1,234.50\"\n\n,,\n"
      "630222197908211229,,12\n");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->format(), "csv");
  EXPECT_EQ(table->encoding(), "utf-8");
  EXPECT_EQ(table->sheet(), "");
  EXPECT_EQ(table->headers(), (std::vector<std::string>{"身份证号", "姓名", "金额"}));
  EXPECT_EQ(table->header_row(), 1);
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 2u);  // the blank line and the row of empty fields are skipped
  EXPECT_EQ(rows[0].number, 2);
  EXPECT_EQ(Texts(rows[0]), (std::vector<std::string>{"630121196203142319", "马福海", "1,234.50"}));
  EXPECT_EQ(rows[0].raw, "630121196203142319,马福海,\"1,234.50\"");
  EXPECT_EQ(rows[0].cells[0].kind, XlsxCellKind::kText);
  EXPECT_EQ(rows[0].error_rule, "");
  EXPECT_EQ(rows[0].error_cell, -1);
  EXPECT_EQ(rows[1].number, 5);
  EXPECT_EQ(rows[1].cells[1].kind, XlsxCellKind::kEmpty);
}

TEST(SourceTableCsvTest, HeaderIsTheFirstRowWithAValueWithoutTrailingEmptyCells) {
  auto table = OpenOk("\xEF\xBB\xBF,,\n \n身份证号,姓名,,\n630121196203142319,马福海\n");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->encoding(), "utf-8");
  EXPECT_EQ(table->header_row(), 3);
  EXPECT_EQ(table->headers(), (std::vector<std::string>{"身份证号", "姓名"}));
}

TEST(SourceTableCsvTest, GbkIsDetectedAndConverted) {
  // "姓名,金额\n张三,12\n" in GBK (iconv -f UTF-8 -t GBK).
  const std::string gbk = "\xD0\xD5\xC3\xFB,\xBD\xF0\xB6\xEE\n\xD5\xC5\xC8\xFD,12\n";
  for (TextEncoding declared : {TextEncoding::kAuto, TextEncoding::kGb18030}) {
    auto table = OpenOk(gbk, {.encoding = declared, .sheet = ""});
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->encoding(), "gb18030");
    EXPECT_EQ(table->headers(), (std::vector<std::string>{"姓名", "金额"}));
    std::vector<SourceRow> rows = ReadAll(*table);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(Texts(rows[0]), (std::vector<std::string>{"张三", "12"}));
    EXPECT_EQ(rows[0].raw, "张三,12");
  }
}

TEST(SourceTableCsvTest, GbkDeclaredUtf8NamesLineAndColumn) {
  ExpectRefused(
      "id,name\n1,\xD5\xC5\xC8\xFD\n",
      {"line 2, column 3", "not valid UTF-8", "save the file as UTF-8", "declared as GBK"},
      {.encoding = TextEncoding::kUtf8, .sheet = ""});
}

TEST(SourceTableCsvTest, MalformedRecordsAreKeptWithTheirRule) {
  auto table = OpenOk("a,b\n1,x\"y\n2,\"z\"w\n3,ok\n4,\"open\n");
  ASSERT_NE(table, nullptr);
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].error_rule, "csv.stray_quote");
  EXPECT_EQ(rows[0].error_cell, 1);
  EXPECT_THAT(rows[0].error_message, HasSubstr("double quote"));
  EXPECT_EQ(rows[1].error_rule, "csv.char_after_quote");
  EXPECT_EQ(rows[2].error_rule, "");
  EXPECT_EQ(rows[2].error_cell, -1);
  EXPECT_EQ(rows[3].error_rule, "csv.unterminated_quote");
  EXPECT_EQ(rows[3].number, 5);
}

TEST(SourceTableCsvTest, HeaderThatIsNotValidCsvIsRefused) {
  ExpectRefused("\"a\"b,c\n1,2\n", {"the header row (line 1) is not valid CSV", "double quote"});
}

TEST(SourceTableCsvTest, BytesMayBeFreedAfterOpen) {
  std::unique_ptr<SourceTable> table;
  {
    std::string bytes = "a,b\n1,2\n";
    table = OpenOk(bytes);
    bytes.assign(bytes.size(), 'x');
  }
  ASSERT_NE(table, nullptr);
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(Texts(rows[0]), (std::vector<std::string>{"1", "2"}));
}

// ---- the header row below a title (SourceTableOptions::contract)

const SourceContract& Medical() { return *FindBuiltinContract("medical_insurance"); }

SourceTableOptions ByContract(const SourceContract& contract = Medical()) {
  SourceTableOptions options;
  options.contract = &contract;
  return options;
}

constexpr char kMedicalHeader[] =
    "身份证号,姓名,参保类型,医疗费用总额（元）,个人自付金额（元）,结算日期";

TEST(SourceTableHeaderTest, ATitleABlankLineAndAUnitLineAboveTheHeaderAreSkipped) {
  const std::string csv = std::string("2026年3月医保报销明细,,,,,\n,,,,,\n单位：元\n") +
                          kMedicalHeader + "\n630121196203142319,马福海,城乡居民医保,100,20," +
                          "2026-03-02\n";
  auto table = OpenOk(csv, ByContract());
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->header_row(), 4);
  EXPECT_EQ(table->skipped_rows(), (std::vector<int64_t>{1, 3}));  // line 2 holds no value
  EXPECT_EQ(table->headers().front(), "身份证号");
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 5);  // the file's own line
  auto mapper = SourceRowMapper::Create(Medical(), table->headers());
  ASSERT_TRUE(mapper.ok()) << mapper.status().ToString();
  MappedRow out;
  mapper->Map(rows[0], kUpload, out);
  EXPECT_TRUE(out.ok);
  EXPECT_EQ(out.number, 5);
}

TEST(SourceTableHeaderTest, WithoutTitleTheFirstRowIsTheHeaderAsBefore) {
  auto table = OpenOk(std::string(kMedicalHeader) + "\n", ByContract());
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->header_row(), 1);
  EXPECT_TRUE(table->skipped_rows().empty());
  // Without a contract, a title row is the header row (and the mapper refuses it).
  auto plain = OpenOk("医保报销明细\n" + std::string(kMedicalHeader) + "\n");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->header_row(), 1);
  EXPECT_EQ(plain->headers(), std::vector<std::string>{"医保报销明细"});
}

TEST(SourceTableHeaderTest, AnXlsxTitleMergedOverTheColumnsIsSkipped) {
  // The merged title's value is in A1; the other cells of the merge are empty, styled.
  const std::string title =
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>青海省2026年3月"
      "医保报销明细</t></is></c><c r=\"B1\" s=\"0\"/><c r=\"C1\" "
      "s=\"0\"/></row>";
  const std::string sheet =
      title +
      InlineRow(3, {"身份证号", "姓名", "医疗费用总额（元）", "个人自付金额（元）", "结算日期"}) +
      InlineRow(4, {"630121196203142319", "马福海", "100", "20", "2026-03-02"});
  auto table = OpenOk(OneSheet(sheet), ByContract());
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->header_row(), 3);
  EXPECT_EQ(table->skipped_rows(), std::vector<int64_t>{1});
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 4);
}

TEST(SourceTableHeaderTest, AMalformedTitleRecordAboveTheHeaderIsSkipped) {
  auto table = OpenOk("\"2026年\"3月明细\n" + std::string(kMedicalHeader) + "\n", ByContract());
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->header_row(), 2);
  EXPECT_EQ(table->skipped_rows(), std::vector<int64_t>{1});
}

TEST(SourceTableHeaderTest, NoRowNamingEveryRequiredColumnIsTheErrorOfTheClosest) {
  // Line 2 names three of the five required columns, line 3 one: line 2 is the closest.
  auto table = SourceTable::Open("医保报销明细\n身份证号,姓名,结算日期,科室\n姓名\n", ByContract());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = table.status().message();
  EXPECT_THAT(m, HasSubstr("the header row (line 2) does not match the contract of source "
                           "'medical_insurance' (3 problems)"));
  EXPECT_THAT(m, HasSubstr("\n  missing required column '个人自付金额（元）'"));
  EXPECT_THAT(m, HasSubstr("\n  missing required column '医疗费用总额（元）'"));
  EXPECT_THAT(m, HasSubstr("\n  unknown column 4 '科室'"));
  // XLSX: by row.
  auto book = SourceTable::Open(OneSheet(InlineRow(2, {"证件号", "姓名"})), ByContract());
  ASSERT_FALSE(book.ok());
  EXPECT_THAT(book.status().message(), HasSubstr("the header row (row 2) does not match"));
  EXPECT_THAT(book.status().message(), HasSubstr("unknown column 1 '证件号'"));
}

TEST(SourceTableHeaderTest, TheHeaderIsLookedForAmongTheFirstTenRowsWithAValue) {
  std::string csv;
  for (int i = 1; i <= kHeaderSearchRows; ++i) csv += "说明第" + std::to_string(i) + "行\n\n";
  auto late = SourceTable::Open(csv + kMedicalHeader + "\n", ByContract());
  ASSERT_FALSE(late.ok());
  EXPECT_THAT(late.status().message(), HasSubstr("the header row (line 1) does not match"));
  csv.erase(0, csv.find('\n') + 1);  // nine notes and their blank lines
  auto table = OpenOk(csv + kMedicalHeader + "\n", ByContract());
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->header_row(), 20);
  EXPECT_EQ(table->skipped_rows().size(), 9u);
}

TEST(SourceTableHeaderTest, AHeaderThatIsNotValidCsvIsStillRefused) {
  auto table = SourceTable::Open(
      "身份证号,\"姓名\"x,参保类型,医疗费用总额（元）,个人自付金额（元）,结算日期\n", ByContract());
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("the header row (line 1) is not valid CSV"));
  auto empty = SourceTable::Open("标题\n\n", ByContract());
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("the header row (line 1) does not match"));
  ExpectRefused(" \n,,\n", {"no header row"}, ByContract());
}

// ---- files refused as a whole

TEST(SourceTableRefusedTest, EmptyFile) { ExpectRefused("", {"the file is empty", "header row"}); }

TEST(SourceTableRefusedTest, NoHeaderRow) {
  ExpectRefused(" \n\n,,\n\xEF\xBB\xBF", {"no header row", "column headers on its first line"});
  ExpectRefused(OneSheet(""), {"sheet 'Sheet1' has no header row"});
}

TEST(SourceTableRefusedTest, BinaryGarbageIsNotASpreadsheet) {
  ExpectRefused(std::string("\x7F"
                            "ELF\x02\x01\x01\x00\x00\x00",
                            10),
                {"not a spreadsheet", "neither an Excel workbook (.xlsx) nor CSV text",
                 "NUL byte at offset 7"});
  ExpectRefused("\xFF\xFE\x80\x81\xFF\xFF\x90", {"UTF-16", "save it as CSV UTF-8"});
  ExpectRefused("\x81\x30\xFF\xFF\xFF\x80", {"neither an Excel workbook (.xlsx) nor CSV text in "
                                             "UTF-8 or GBK",
                                             "save it as UTF-8"});
}

TEST(SourceTableRefusedTest, BrokenZip) {
  ExpectRefused(std::string("PK\x03\x04", 4) + std::string(200, '\x17'),
                {"the workbook is damaged", "zip"});
}

TEST(SourceTableRefusedTest, LegacyXls) {
  ExpectRefused(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'),
                {".xls", "save it as .xlsx"});
}

TEST(SourceTableRefusedTest, MissingSheetNamesTheSheetsThereAre) {
  BookSpec spec({{"数据", InlineRow(1, {"a"})}, {"说明", InlineRow(1, {"b"})}});
  ExpectRefused(Book(spec), {"no sheet named '汇总'", "its sheets are '数据', '说明'"},
                {.encoding = TextEncoding::kAuto, .sheet = "汇总"});
}

TEST(SourceTableRefusedTest, HugeCellInTheFirstRowsIsRefusedAtOpen) {
  ExpectRefused(OneSheet(InlineRow(1, {"备注"}) + InlineRow(2, {std::string(40000, 'a')})),
                {"cell A2", "holds 40,000 characters", "at most 32,767"});
}

TEST(SourceTableRefusedTest, HugeCellFailsMidStreamAndAgain) {
  // Enough rows before it that the reader reaches it only after the first chunks.
  std::string data = InlineRow(1, {"备注"});
  for (int r = 2; r <= 5000; ++r) data += InlineRow(r, {"第" + std::to_string(r) + "行"});
  data += InlineRow(5001, {std::string(40000, 'a')});
  auto table = OpenOk(OneSheet(data));
  ASSERT_NE(table, nullptr);
  SourceRow row;
  int64_t read = 0;
  Result<bool> more = true;
  while ((more = table->Next(row)).ok() && *more) ++read;
  ASSERT_FALSE(more.ok());
  EXPECT_GT(read, 0);  // found mid-stream, after rows were handed out
  EXPECT_LE(read, 4999);
  EXPECT_EQ(more.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(more.status().message(), HasSubstr("cell A5001"));
  EXPECT_THAT(more.status().message(), HasSubstr("40,000 characters"));
  EXPECT_THAT(more.status().message(), HasSubstr("at most 32,767"));
  Result<bool> again = table->Next(row);
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.status(), more.status());
}

// ---- XLSX

TEST(SourceTableXlsxTest, ReadsTheFirstSheetWithCellKindsAndRaw) {
  BookSpec spec(
      {{"医保结算", InlineRow(2, {"身份证号", "就诊机构", "个人自付金额（元）", "结算日期"}) +
                        "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>0</v></c><c r=\"B4\" t=\"s\"><v>1</v>"
                        "</c><c r=\"C4\"><v>5595.12</v></c><c r=\"D4\" s=\"1\"><v>46083</v></c>"
                        "</row><row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t> </t></is></c></row>"
                        "<row r=\"6\"><c r=\"C6\" t=\"b\"><v>1</v></c></row>"},
       {"其他", InlineRow(1, {"x"})}});
  spec.shared_strings = "<si><t>630121196203142319</t></si><si><t>医院,\"一\"</t></si>";
  spec.cell_xfs = "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>";
  auto table = OpenOk(Book(spec));
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->format(), "xlsx");
  EXPECT_EQ(table->encoding(), "");
  EXPECT_EQ(table->sheet(), "医保结算");
  EXPECT_EQ(table->header_row(), 2);
  EXPECT_EQ(table->headers(),
            (std::vector<std::string>{"身份证号", "就诊机构", "个人自付金额（元）", "结算日期"}));
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 2u);  // row 5 holds only a space
  EXPECT_EQ(rows[0].number, 4);
  EXPECT_EQ(rows[0].cells[2].kind, XlsxCellKind::kNumber);
  EXPECT_EQ(rows[0].cells[3].kind, XlsxCellKind::kDate);
  EXPECT_EQ(rows[0].raw, "630121196203142319,\"医院,\"\"一\"\"\",5595.12,2026-03-02");
  EXPECT_FALSE(rows[0].date1904);
  EXPECT_EQ(rows[1].number, 6);
  EXPECT_EQ(rows[1].cells[2].kind, XlsxCellKind::kBoolean);
  EXPECT_EQ(rows[1].raw, ",,TRUE");
}

TEST(SourceTableXlsxTest, ReadsASheetByNameAnd1904Dates) {
  BookSpec spec(
      {{"说明", InlineRow(1, {"本表为示例"})},
       {"数据", InlineRow(1, {"日期"}) + "<row r=\"2\"><c r=\"A2\"><v>44620</v></c></row>"}});
  spec.date1904 = true;
  auto table = OpenOk(Book(spec), {.encoding = TextEncoding::kAuto, .sheet = "数据"});
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->sheet(), "数据");
  EXPECT_EQ(table->headers(), std::vector<std::string>{"日期"});
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].date1904);
}

// Formula cells: the cached value is the cell's; one without is a cell.error of its row.
TEST(SourceTableXlsxTest, FormulaCellsMapByTheirCachedValue) {
  const std::string sheet =
      InlineRow(1, {"身份证号", "姓名", "医疗费用总额（元）", "个人自付金额（元）", "结算日期"}) +
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>630121196203142319</t></is></c>"
      "<c r=\"B2\" t=\"inlineStr\"><is><t>马福海</t></is></c><c r=\"C2\"><v>18650.4</v></c>"
      "<c r=\"D2\"><f>C2*0.3</f><v>5595.12</v></c><c r=\"E2\" "
      "t=\"str\"><f>TEXT(46083,\"yyyy-mm-dd\")"
      "</f><v>2026-03-02</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>630121196203142319</t></is></c>"
      "<c r=\"B3\" t=\"inlineStr\"><is><t>马福海</t></is></c><c r=\"C3\"><v>100</v></c>"
      "<c r=\"D3\"><f>C3*0.3</f></c><c r=\"E3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>";
  auto table = OpenOk(OneSheet(sheet));
  ASSERT_NE(table, nullptr);
  auto mapper =
      SourceRowMapper::Create(*FindBuiltinContract("medical_insurance"), table->headers());
  ASSERT_TRUE(mapper.ok()) << mapper.status().ToString();
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 2u);
  MappedRow out;
  mapper->Map(rows[0], kUpload, out);
  ASSERT_TRUE(out.ok) << out.issues[0].message;
  EXPECT_EQ(out.values[7].number, 559512);  // out_of_pocket
  EXPECT_EQ(out.event_date, "2026-03-02");
  mapper->Map(rows[1], kUpload, out);
  ASSERT_EQ(out.issues.size(), 2u);
  EXPECT_EQ(out.issues[0].rule, "cell.error");
  EXPECT_EQ(out.issues[0].column, "个人自付金额（元）");
  EXPECT_THAT(out.issues[0].message, HasSubstr("formula without a computed value"));
  EXPECT_EQ(out.issues[1].rule, "cell.error");
  EXPECT_THAT(out.issues[1].message, HasSubstr("#DIV/0!"));
}

TEST(SourceTableXlsxTest, NumberCellsOfIdNumbersAreRefusedAndMoneyAndDatesRead) {
  BookSpec spec({{"Sheet1", InlineRow(1, {"身份证号", "姓名", "总费用", "自付金额", "结算日期"}) +
                                "<row r=\"2\"><c r=\"A2\"><v>6.3012119620314202E+17</v></c>"
                                "<c r=\"B2\" t=\"inlineStr\"><is><t>马福海</t></is></c>"
                                "<c r=\"C2\"><v>1250</v></c><c r=\"D2\"><v>375.5</v></c>"
                                "<c r=\"E2\"><v>46083</v></c></row>"}});
  auto table = OpenOk(Book(spec));
  ASSERT_NE(table, nullptr);
  auto mapper =
      SourceRowMapper::Create(*FindBuiltinContract("medical_insurance"), table->headers());
  ASSERT_TRUE(mapper.ok()) << mapper.status().ToString();
  std::vector<SourceRow> rows = ReadAll(*table);
  ASSERT_EQ(rows.size(), 1u);
  MappedRow out;
  mapper->Map(rows[0], kUpload, out);
  ASSERT_EQ(out.issues.size(), 1u);
  EXPECT_EQ(out.issues[0].rule, "id_number.number_cell");
  EXPECT_EQ(out.issues[0].column, "身份证号");
  EXPECT_EQ(out.values[5].text, "1250.00");
  EXPECT_EQ(out.values[7].text, "375.50");
  EXPECT_EQ(out.values[8].text, "2026-03-02");  // a serial in a General cell
}

TEST(SourceTableXlsxTest, HeaderMismatchIsOneErrorOfTheMapper) {
  auto table = OpenOk(OneSheet(InlineRow(1, {"证件号", "姓名", "自付金额", "结算日期", "科室"})));
  ASSERT_NE(table, nullptr);
  auto mapper =
      SourceRowMapper::Create(*FindBuiltinContract("medical_insurance"), table->headers());
  ASSERT_FALSE(mapper.ok());
  EXPECT_EQ(mapper.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(mapper.status().message(), HasSubstr("missing required column '身份证号'"));
  EXPECT_THAT(mapper.status().message(), HasSubstr("missing required column '医疗费用总额（元）'"));
  EXPECT_THAT(mapper.status().message(), HasSubstr("unknown column 1 '证件号'"));
  EXPECT_THAT(mapper.status().message(), HasSubstr("unknown column 5 '科室'"));
}

}  // namespace
}  // namespace xianjie::ingest
