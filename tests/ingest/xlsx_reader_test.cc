// XlsxReader (ingest/xlsx_reader.h) over workbooks zipped in the test from literal XML parts
// (xlsx_fixture.h) and over our own writer's: every kind of cell, dates in both bases, rows with
// gaps, several sheets, a 100,000-row sheet; and every way a clerk's file can be refused.
#include "ingest/xlsx_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/internal/xlsx_package.h"
#include "ingest/internal/xlsx_sheet.h"
#include "ingest/xlsx_fixture.h"
#include "ingest/xlsx_writer.h"

namespace xianjie::ingest {
namespace {

using testing::Book;
using testing::BookSpec;
using testing::OneSheet;
using testing::Zip;

std::unique_ptr<XlsxReader> OpenOk(std::string bytes) {
  auto reader = XlsxReader::Open(std::move(bytes));
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(reader).value() : nullptr;
}

// The rows of a sheet, or the first failure.
Result<std::vector<XlsxRow>> ReadSheet(XlsxReader& reader, std::string_view sheet = "") {
  XJ_RETURN_IF_ERROR(reader.OpenSheet(sheet));
  std::vector<XlsxRow> rows;
  XlsxRow row;
  while (true) {
    XJ_ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) return rows;
    rows.push_back(row);
  }
}

std::vector<XlsxRow> Rows(std::string bytes, std::string_view sheet = "") {
  auto reader = OpenOk(std::move(bytes));
  if (reader == nullptr) return {};
  auto rows = ReadSheet(*reader, sheet);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : std::vector<XlsxRow>{};
}

// Cells as "text" per row, with "" for empty cells.
std::vector<std::vector<std::string>> Texts(const std::vector<XlsxRow>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& row : rows) {
    out.emplace_back();
    for (const auto& cell : row.cells) out.back().push_back(cell.text);
  }
  return out;
}

// The status of opening `bytes` and reading its first sheet to the end.
Status ReadStatus(std::string bytes) {
  auto reader = XlsxReader::Open(std::move(bytes));
  if (!reader.ok()) return reader.status();
  auto rows = ReadSheet(**reader);
  return rows.ok() ? Status::Ok() : rows.status();
}

void ExpectError(const Status& status, StatusCode code, std::vector<std::string> pieces) {
  EXPECT_EQ(status.code(), code) << status.ToString();
  for (const auto& piece : pieces) {
    EXPECT_NE(status.message().find(piece), std::string::npos)
        << "'" << piece << "' not in: " << status.message();
  }
}

// ---- cells ----

TEST(XlsxReader, ReadsEveryKindOfCell) {
  auto rows =
      Rows(OneSheet("<row r=\"1\">"
                    "<c r=\"A1\" t=\"s\"><v>1</v></c>"
                    "<c r=\"B1\" t=\"inlineStr\"><is><t>inline</t></is></c>"
                    "<c r=\"C1\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f><v>ab</v></c>"
                    "<c r=\"D1\" t=\"b\"><v>1</v></c>"
                    "<c r=\"E1\" t=\"b\"><v>0</v></c>"
                    "<c r=\"F1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
                    "<c r=\"G1\" t=\"e\"><v>#N/A</v></c>"
                    "<c r=\"H1\"><v>42</v></c>"
                    "<c r=\"I1\" t=\"n\"><v>1.50</v></c>"
                    "<c r=\"J1\"><f>SUM(H1:I1)</f><v>43.5</v></c>"
                    "<c r=\"K1\"><f>SUM(H1:I1)</f></c>"
                    "<c r=\"L1\" t=\"s\"><v>0</v></c>"
                    "</row>",
                    "<si><t>zero</t></si><si><t>shared</t></si>"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 1);
  using K = XlsxCellKind;
  const std::vector<std::pair<K, std::string>> expected = {
      {K::kText, "shared"},
      {K::kText, "inline"},
      {K::kText, "ab"},
      {K::kBoolean, "TRUE"},
      {K::kBoolean, "FALSE"},
      {K::kError, "#DIV/0!"},
      {K::kError, "#N/A"},
      {K::kNumber, "42"},
      {K::kNumber, "1.5"},
      {K::kNumber, "43.5"},
      {K::kError, std::string(internal::kFormulaWithoutValue)},
      {K::kText, "zero"}};
  ASSERT_EQ(rows[0].cells.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(rows[0].cells[i].kind, expected[i].first) << i;
    EXPECT_EQ(rows[0].cells[i].text, expected[i].second) << i;
  }
}

TEST(XlsxReader, ReportsUnreadableValuesAsCellErrors) {
  auto rows =
      Rows(OneSheet("<row r=\"1\"><c r=\"A1\" t=\"b\"><v>maybe</v></c>"
                    "<c r=\"B1\"><v>12abc</v></c></row>"));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].cells.size(), 2u);
  EXPECT_EQ(rows[0].cells[0].kind, XlsxCellKind::kError);
  EXPECT_EQ(rows[0].cells[0].text, "a TRUE/FALSE cell holding 'maybe'");
  EXPECT_EQ(rows[0].cells[1].kind, XlsxCellKind::kError);
  EXPECT_EQ(rows[0].cells[1].text, "a number cell holding '12abc'");
}

TEST(XlsxReader, JoinsRichTextRunsAndLeavesOutPhoneticRuns) {
  auto rows = Rows(
      OneSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
               "<c r=\"C1\" t=\"inlineStr\"><is><r><t>in</t></r><r><rPr><b/></rPr><t>line</t></r>"
               "<rPh sb=\"0\" eb=\"1\"><t>ruby</t></rPh></is></c></row>",
               "<si><r><t>张</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 三 </t></r>"
               "<rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh></si>"
               "<si><t>line_x000D_\nbreak &amp; &lt;tag&gt;</t></si>"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(Texts(rows)[0],
            (std::vector<std::string>{"张 三 ", "line\r\nbreak & <tag>", "inline"}));
}

TEST(XlsxReader, KeepsChineseText) {
  BookSpec spec;
  spec.sheets = {{"低保名单",
                  "<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is>"
                  "<t>互助县𠀀</t></is></c></row>"}};
  spec.shared_strings = "<si><t>身份证号</t></si>";
  auto reader = OpenOk(Book(spec));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->SheetNames(), std::vector<std::string>{"低保名单"});
  auto rows = ReadSheet(*reader, "低保名单");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Texts(*rows), (std::vector<std::vector<std::string>>{{"身份证号", "互助县𠀀"}}));
}

TEST(XlsxReader, PlacesCellsByReferenceAndSkipsRowsWithoutValues) {
  auto rows = Rows(OneSheet(
      "<row r=\"2\"><c r=\"C2\"><v>3</v></c><c r=\"A2\"><v>1</v></c></row>"
      "<row r=\"5\" spans=\"1:3\"><c r=\"B5\" s=\"0\"/></row>"  // styled only: no value
      "<row r=\"7\"><c r=\"B7\"><v>2</v></c><c><v>3</v></c><c r=\"E7\"><v>5</v></c><c><v>6</v>"
      "</c></row>"
      "<row><c><v>first</v></c></row>"  // neither row nor cell numbered
      "<row r=\"1000\"><c r=\"A1000\" t=\"inlineStr\"><is><t></t></is></c>"
      "<c r=\"D1000\"><v>4</v></c></row>"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].number, 2);
  EXPECT_EQ(rows[1].number, 7);
  EXPECT_EQ(rows[2].number, 8);
  EXPECT_EQ(rows[3].number, 1000);
  EXPECT_EQ(Texts(rows)[0], (std::vector<std::string>{"1", "", "3"}));
  EXPECT_EQ(Texts(rows)[1], (std::vector<std::string>{"", "2", "3", "", "5", "6"}));
  EXPECT_EQ(rows[2].cells.size(), 1u);
  EXPECT_EQ(rows[2].cells[0].kind, XlsxCellKind::kError);  // "first" is not a number
  EXPECT_EQ(Texts(rows)[3], (std::vector<std::string>{"", "", "", "4"}));
  EXPECT_EQ(rows[1].cells[0].kind, XlsxCellKind::kEmpty);
  EXPECT_EQ(rows[3].cells[0].kind, XlsxCellKind::kEmpty);
}

TEST(XlsxReader, HoldsFewWideRowsAtOnce) {
  // 40 rows of one cell in column XFD: 16,384 cells each from 40 bytes of XML. All are in the
  // first 64 KiB chunk, which would otherwise queue 655,360 cells (a full chunk: 25 million).
  std::string data;
  for (int r = 1; r <= 40; ++r) {
    const std::string n = std::to_string(r);
    data += "<row r=\"" + n + "\"><c r=\"XFD" + n + "\"><v>" + n + "</v></c></row>";
  }
  const std::string bytes = OneSheet(data);
  auto package = internal::XlsxPackage::Open(bytes);
  ASSERT_TRUE(package.ok()) << package.status().ToString();
  internal::SharedStrings strings;
  std::vector<bool> date_styles;
  internal::SheetHandler sheet("Sheet1", "xl/worksheets/sheet1.xml", strings, date_styles, false);
  internal::XmlPartStream stream(**package, "xl/worksheets/sheet1.xml", sheet);
  ASSERT_TRUE(stream.Open().ok());
  XlsxRow row;
  int64_t rows = 0;
  size_t most_queued = 0;
  while (true) {
    auto more = stream.Step();
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    most_queued = std::max(most_queued, sheet.queued_cells());
    while (sheet.Pop(row)) {
      ++rows;
      ASSERT_EQ(row.number, rows);
      ASSERT_EQ(row.cells.size(), 16384u);
      ASSERT_EQ(row.cells.back().text, std::to_string(rows));
    }
    if (!*more) break;
  }
  EXPECT_EQ(rows, 40);
  EXPECT_LE(most_queued, internal::SheetHandler::kQueuedCells + 16384);
  EXPECT_GE(most_queued, internal::SheetHandler::kQueuedCells);
}

TEST(XlsxReader, HoldsLittleRepeatedTextAtOnce) {
  // Rows of 100 cells referring to one shared string of 32,767 characters: 3.2 MB of text a row
  // from 2 KB of XML.
  std::string data;
  for (int r = 1; r <= 20; ++r) {
    data += "<row>";
    for (int c = 0; c < 100; ++c) data += "<c t=\"s\"><v>0</v></c>";
    data += "</row>";
  }
  const std::string bytes = OneSheet(data, "<si><t>" + std::string(32767, 'x') + "</t></si>");
  auto reader = OpenOk(bytes);
  ASSERT_NE(reader, nullptr);
  auto rows = ReadSheet(*reader);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 20u);
  // The queue, one chunk at a time.
  auto package = internal::XlsxPackage::Open(bytes);
  ASSERT_TRUE(package.ok());
  internal::SharedStrings strings;
  strings.Add(std::string(32767, 'x'));
  std::vector<bool> date_styles;
  internal::SheetHandler sheet("Sheet1", "xl/worksheets/sheet1.xml", strings, date_styles, false);
  internal::XmlPartStream stream(**package, "xl/worksheets/sheet1.xml", sheet);
  ASSERT_TRUE(stream.Open().ok());
  XlsxRow row;
  size_t most_rows = 0;
  while (true) {
    auto more = stream.Step();
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    size_t queued = 0;
    while (sheet.Pop(row)) ++queued;
    most_rows = std::max(most_rows, queued);
    if (!*more) break;
  }
  EXPECT_EQ(most_rows, 6u);  // 16 MiB / 3.2 MB, rounded up
}

TEST(XlsxReader, RefusesARowOfTooMuchText) {
  std::string data = "<row r=\"9\">";
  for (int c = 0; c < 2100; ++c) data += "<c t=\"s\"><v>0</v></c>";  // 2,100 × 32,767 bytes
  data += "</row>";
  ExpectError(ReadStatus(OneSheet(data, "<si><t>" + std::string(32767, 'x') + "</t></si>")),
              StatusCode::kInvalidArgument, {"sheet 'Sheet1'", "row", "more than 64 MiB"});
}

// ---- dates ----

BookSpec DateBook(bool date1904) {
  BookSpec spec;
  spec.date1904 = date1904;
  spec.num_fmts =
      "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"&quot;day &quot;0\"/>";
  // xf 0 General, 1 built-in 14, 2 custom date, 3 built-in 22 (date and time), 4 and 5 custom
  // numbers, 6 Chinese built-in 31.
  spec.cell_xfs =
      "<xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"164\"/>"
      "<xf numFmtId=\"22\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"31\"/>";
  return spec;
}

TEST(XlsxReader, ReadsDatesFromTheCellFormat) {
  BookSpec spec = DateBook(false);
  spec.sheets = {{"Sheet1",
                  "<row r=\"1\"><c s=\"0\"><v>45000</v></c><c s=\"1\"><v>45000</v></c>"
                  "<c s=\"2\"><v>60</v></c><c s=\"3\"><v>45000.75</v></c><c s=\"4\"><v>45000</v>"
                  "</c><c s=\"5\"><v>45000</v></c><c s=\"6\"><v>61</v></c><c s=\"1\"><v>-5</v>"
                  "</c><c s=\"99\"><v>45000</v></c><c s=\"1\" t=\"s\"><v>0</v></c>"
                  "<c t=\"d\"><v>2024-03-01T00:00:00</v></c></row>"}};
  spec.shared_strings = "<si><t>45000</t></si>";
  auto rows = Rows(Book(spec));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(Texts(rows)[0],
            (std::vector<std::string>{"45000", "2023-03-15", "1900-02-29", "2023-03-15T18:00:00",
                                      "45000", "45000", "1900-03-01", "-5", "45000", "45000",
                                      "2024-03-01T00:00:00"}));
  using K = XlsxCellKind;
  std::vector<K> kinds;
  for (const auto& c : rows[0].cells) kinds.push_back(c.kind);
  EXPECT_EQ(kinds, (std::vector<K>{K::kNumber, K::kDate, K::kDate, K::kDate, K::kNumber, K::kNumber,
                                   K::kDate, K::kNumber, K::kNumber, K::kText, K::kDate}));
}

TEST(XlsxReader, ReadsDatesWithThe1904Base) {
  BookSpec spec = DateBook(true);
  spec.sheets = {{"Sheet1",
                  "<row r=\"1\"><c s=\"1\"><v>43538</v></c><c s=\"1\"><v>0</v></c>"
                  "<c s=\"3\"><v>1.5</v></c></row>"}};
  auto reader = OpenOk(Book(spec));
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->date1904());
  auto rows = ReadSheet(*reader);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Texts(*rows)[0],
            (std::vector<std::string>{"2023-03-15", "1904-01-01", "1904-01-02T12:00:00"}));
}

// ---- sheets ----

TEST(XlsxReader, ListsSheetsAndReadsEachByName) {
  BookSpec spec;
  spec.sheets = {{"First", "<row r=\"1\"><c><v>1</v></c></row>"},
                 {"第二", "<row r=\"1\"><c><v>2</v></c></row>"},
                 {"A&amp;B", "<row r=\"3\"><c><v>3</v></c></row>"}};
  auto reader = OpenOk(Book(spec));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->SheetNames(), (std::vector<std::string>{"First", "第二", "A&B"}));
  for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"第二", "2"}, {"", "1"}, {"A&B", "3"}, {"First", "1"}}) {
    auto rows = ReadSheet(*reader, name);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    ASSERT_EQ(rows->size(), 1u) << name;
    EXPECT_EQ((*rows)[0].cells[0].text, value) << name;
  }
}

TEST(XlsxReader, RefusesAnUnknownSheetNamingTheSheets) {
  BookSpec spec;
  spec.sheets = {{"First", ""}, {"第二", ""}};
  auto reader = OpenOk(Book(spec));
  ASSERT_NE(reader, nullptr);
  ExpectError(reader->OpenSheet("Third"), StatusCode::kNotFound,
              {"no sheet named 'Third'", "'First', '第二'"});
}

TEST(XlsxReader, NextBeforeOpenSheetIsAPreconditionFailure) {
  auto reader = OpenOk(OneSheet(""));
  ASSERT_NE(reader, nullptr);
  XlsxRow row;
  EXPECT_EQ(reader->Next(row).status().code(), StatusCode::kFailedPrecondition);
}

TEST(XlsxReader, LeavesChartSheetsOut) {
  auto parts = testing::BookParts(BookSpec{{{"Data", "<row><c><v>1</v></c></row>"}}});
  for (auto& [name, content] : parts) {
    if (name == "xl/workbook.xml") {
      content.replace(content.find("</sheets>"), 0,
                      "<sheet name=\"Chart\" sheetId=\"9\" r:id=\"rIdC\"/>");
    }
    if (name == "xl/_rels/workbook.xml.rels") {
      content.replace(content.find("</Relationships>"), 0,
                      "<Relationship Id=\"rIdC\" Type=\"http://schemas.openxmlformats.org/"
                      "officeDocument/2006/relationships/chartsheet\" "
                      "Target=\"chartsheets/sheet1.xml\"/>");
    }
  }
  auto reader = OpenOk(Zip(parts));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->SheetNames(), std::vector<std::string>{"Data"});
}

TEST(XlsxReader, FindsPartsWhoseNameDiffersInCase) {
  auto parts = testing::BookParts(BookSpec{{{"Data", "<row><c><v>1</v></c></row>"}}});
  for (auto& [name, content] : parts) {
    if (name == "xl/_rels/workbook.xml.rels") {
      content.replace(content.find("worksheets/sheet1.xml"), 21, "Worksheets/Sheet1.XML");
    }
  }
  auto rows = Rows(Zip(parts));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells[0].text, "1");
}

TEST(XlsxReader, ReadsBackWhatOurWriterWrote) {
  Sheet notice;
  notice.name = "公示";
  notice.bold_header = true;
  notice.rows = {{"户主姓名", "家庭人口", "风险类型"},
                 {"张三", "4", "因病、因学"},
                 {"<李四> & \"王五\"", "", "line one\nline two\ttab\rcr"},
                 {},
                 {"", "only the middle", ""},
                 {"  spaces  ", "𠀀", "'quote"}};
  Sheet second;
  second.name = "Second";
  second.rows = {{"=1+1", "-3"}};
  auto bytes = WriteXlsx({notice, second});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto reader = OpenOk(*bytes);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->SheetNames(), (std::vector<std::string>{"公示", "Second"}));
  auto rows = ReadSheet(*reader, "公示");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::vector<std::string>> expected;
  std::vector<int64_t> numbers;
  for (size_t r = 0; r < notice.rows.size(); ++r) {
    auto cells = notice.rows[r];
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (cells.empty()) continue;  // a row without values is not returned
    expected.push_back(cells);
    numbers.push_back(static_cast<int64_t>(r) + 1);
  }
  EXPECT_EQ(Texts(*rows), expected);
  std::vector<int64_t> got;
  for (const auto& row : *rows) got.push_back(row.number);
  EXPECT_EQ(got, numbers);
  for (const auto& row : *rows) {
    for (const auto& cell : row.cells) {
      EXPECT_EQ(cell.kind, cell.text.empty() ? XlsxCellKind::kEmpty : XlsxCellKind::kText);
    }
  }
  auto second_rows = ReadSheet(*reader, "Second");
  ASSERT_TRUE(second_rows.ok());
  EXPECT_EQ(Texts(*second_rows), (std::vector<std::vector<std::string>>{{"=1+1", "-3"}}));
}

// ---- refusals ----

TEST(XlsxReader, RefusesAFileThatIsNotAZip) {
  ExpectError(ReadStatus("身份证号,姓名\n632122199001011234,张三\n"), StatusCode::kInvalidArgument,
              {"not an Excel workbook (.xlsx)", "save it as .xlsx"});
  ExpectError(ReadStatus(""), StatusCode::kInvalidArgument, {"not an Excel workbook"});
}

TEST(XlsxReader, RefusesALegacyXlsWorkbook) {
  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  xls += std::string(504, '\0');
  ExpectError(ReadStatus(xls), StatusCode::kInvalidArgument,
              {"old .xls workbook", "save it as .xlsx"});
}

TEST(XlsxReader, RefusesABrokenZip) {
  std::string bytes = OneSheet("<row><c><v>1</v></c></row>");
  ExpectError(ReadStatus(bytes.substr(0, bytes.size() / 2)), StatusCode::kDataLoss,
              {"damaged", "zip package cannot be read", "save it again"});
  ExpectError(ReadStatus("PK\x03\x04garbage"), StatusCode::kDataLoss, {"damaged"});
}

TEST(XlsxReader, RefusesACorruptedPart) {
  std::string bytes = OneSheet("<row><c><v>1</v></c></row>" + std::string(2000, ' '));
  // Flip bytes inside the sheet's deflated data: the CRC check or inflate fails.
  const size_t at = bytes.find("xl/worksheets/sheet1.xml");
  ASSERT_NE(at, std::string::npos);
  for (size_t i = at + 40; i < at + 60; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x55);
  Status status = ReadStatus(bytes);
  EXPECT_EQ(status.code(), StatusCode::kDataLoss) << status.ToString();
  EXPECT_NE(status.message().find("damaged"), std::string::npos) << status.ToString();
}

TEST(XlsxReader, RefusesAPartLongerThanItsDirectorySays) {
  std::string bytes = OneSheet("<row><c><v>1</v></c></row>" + std::string(5000, ' '));
  testing::DeclareSizes(bytes, 100);  // libzip inflates past the declared size: we stop it
  ExpectError(ReadStatus(bytes), StatusCode::kDataLoss,
              {"damaged", "_rels/.rels", "more bytes than its zip directory says"});
}

TEST(XlsxReader, RefusesAZipWithoutAWorkbook) {
  ExpectError(ReadStatus(Zip({{"word/document.xml", "<document/>"}})), StatusCode::kInvalidArgument,
              {"not an Excel workbook", "xl/workbook.xml", "save it as .xlsx"});
}

TEST(XlsxReader, RefusesAWorkbookWithoutWorksheets) {
  ExpectError(ReadStatus(Book(BookSpec{})), StatusCode::kInvalidArgument, {"no worksheet"});
}

testing::Parts Without(testing::Parts parts, const std::string& name) {
  std::erase_if(parts, [&](const auto& p) { return p.first == name; });
  return parts;
}

TEST(XlsxReader, RefusesAMissingSheetPart) {
  auto parts = Without(testing::BookParts(BookSpec{{{"Data", ""}}}), "xl/worksheets/sheet1.xml");
  auto reader = OpenOk(Zip(parts));
  ASSERT_NE(reader, nullptr);
  ExpectError(reader->OpenSheet("Data"), StatusCode::kDataLoss,
              {"xl/worksheets/sheet1.xml", "sheet 'Data'", "missing"});
}

TEST(XlsxReader, RefusesAMissingSharedStringsPart) {
  BookSpec spec{{{"Data", "<row><c t=\"s\"><v>0</v></c></row>"}}};
  spec.shared_strings = "<si><t>a</t></si>";
  ExpectError(ReadStatus(Zip(Without(testing::BookParts(spec), "xl/sharedStrings.xml"))),
              StatusCode::kDataLoss, {"damaged", "xl/sharedStrings.xml is missing"});
}

TEST(XlsxReader, RefusesMissingWorkbookRelationships) {
  ExpectError(ReadStatus(Zip(Without(testing::BookParts(BookSpec{{{"Data", ""}}}),
                                     "xl/_rels/workbook.xml.rels"))),
              StatusCode::kDataLoss, {"xl/_rels/workbook.xml.rels", "missing"});
  auto parts = testing::BookParts(BookSpec{{{"Data", ""}}});
  for (auto& [name, content] : parts) {
    if (name == "xl/workbook.xml") content.replace(content.find("rId1"), 4, "rId7");
  }
  ExpectError(ReadStatus(Zip(parts)), StatusCode::kDataLoss,
              {"sheet 'Data'", "relationship 'rId7'"});
}

TEST(XlsxReader, RefusesMalformedXmlNamingThePartAndLine) {
  ExpectError(ReadStatus(OneSheet("<row r=\"1\"><c><v>1</v></row>")), StatusCode::kDataLoss,
              {"xl/worksheets/sheet1.xml", "not well-formed XML", "line 2", "mismatched tag"});
  ExpectError(ReadStatus(OneSheet("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>",
                                  "<si><t>a</t></si>\n<si><t>b</t>")),
              StatusCode::kDataLoss, {"xl/sharedStrings.xml", "not well-formed XML", "line 3"});
  auto parts = testing::BookParts(BookSpec{{{"Data", ""}}});
  for (auto& [name, content] : parts) {
    if (name == "xl/workbook.xml") content += "<trailing";
  }
  ExpectError(ReadStatus(Zip(parts)), StatusCode::kDataLoss,
              {"xl/workbook.xml", "not well-formed"});
}

TEST(XlsxReader, RefusesADocumentTypeDeclaration) {
  auto parts = testing::BookParts(BookSpec{{{"Data", ""}}});
  for (auto& [name, content] : parts) {
    if (name == "xl/worksheets/sheet1.xml") {
      content =
          "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">"
          "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
          "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
          "</sheetData></worksheet>";
    }
  }
  ExpectError(ReadStatus(Zip(parts)), StatusCode::kDataLoss, {"xl/worksheets/sheet1.xml", "DTD"});
}

TEST(XlsxReader, RefusesDeeplyNestedXml) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<x>";
  for (int i = 0; i < 100; ++i) deep += "</x>";
  ExpectError(ReadStatus(OneSheet("<row><c><v>1</v></c></row>" + deep)), StatusCode::kDataLoss,
              {"xl/worksheets/sheet1.xml", "nests elements"});
}

TEST(XlsxReader, RefusesACellLongerThanExcelAllows) {
  const std::string longest(32767, 'x');
  auto rows =
      Rows(OneSheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>" + longest + "</t></is></c></row>"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells[0].text.size(), 32767u);
  ExpectError(ReadStatus(OneSheet("<row r=\"4\"><c r=\"B4\" t=\"inlineStr\"><is><t>" + longest +
                                  "y</t></is></c></row>")),
              StatusCode::kInvalidArgument, {"sheet 'Sheet1' cell B4", "32,768", "32,767"});
  ExpectError(ReadStatus(OneSheet("<row r=\"4\"><c r=\"B4\" t=\"str\"><v>" +
                                  std::string(300000, 'z') + "</v></c></row>")),
              StatusCode::kInvalidArgument, {"cell B4", "more than 32,767"});
  ExpectError(ReadStatus(OneSheet("", "<si><t>a</t></si><si><t>" + longest + "中</t></si>")),
              StatusCode::kInvalidArgument, {"shared string 1", "xl/sharedStrings.xml", "32,767"});
  std::string chinese;
  for (int i = 0; i < 32768; ++i) chinese += "中";  // characters, not bytes, count
  ExpectError(ReadStatus(OneSheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>" + chinese +
                                  "</t></is></c></row>")),
              StatusCode::kInvalidArgument, {"cell A1", "32,768 characters"});
}

TEST(XlsxReader, RefusesColumnsPastXfd) {
  auto rows = Rows(OneSheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells.size(), 16384u);
  ExpectError(ReadStatus(OneSheet("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")),
              StatusCode::kInvalidArgument, {"row 1", "past column XFD", "16,384 columns"});
  ExpectError(ReadStatus(OneSheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>")),
              StatusCode::kInvalidArgument, {"past column XFD"});
}

TEST(XlsxReader, RefusesRowsPastTheLast) {
  auto rows = Rows(OneSheet("<row r=\"1048576\"><c><v>1</v></c></row>"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 1048576);
  ExpectError(ReadStatus(OneSheet("<row r=\"1048577\"><c><v>1</v></c></row>")),
              StatusCode::kInvalidArgument, {"row numbered 1,048,577", "1,048,576 rows"});
  ExpectError(ReadStatus(OneSheet("<row r=\"1048576\"><c><v>1</v></c></row><row><c><v>2</v>"
                                  "</c></row>")),
              StatusCode::kInvalidArgument, {"1,048,577"});
  ExpectError(ReadStatus(OneSheet("<row r=\"99999999999999999999999\"/>")),
              StatusCode::kInvalidArgument, {"1,048,576 rows"});
  ExpectError(ReadStatus(OneSheet("<row r=\"x1\"/>")), StatusCode::kDataLoss,
              {"row numbered 'x1'"});
  ExpectError(ReadStatus(OneSheet("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>")),
              StatusCode::kDataLoss, {"reference '1A'"});
}

TEST(XlsxReader, RefusesASharedStringIndexOutOfRange) {
  ExpectError(ReadStatus(OneSheet("<row r=\"3\"><c r=\"C3\" t=\"s\"><v>2</v></c></row>",
                                  "<si><t>a</t></si><si><t>b</t></si>")),
              StatusCode::kDataLoss, {"cell C3", "shared string '2'", "has 2"});
  ExpectError(ReadStatus(OneSheet("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>")),
              StatusCode::kDataLoss, {"shared string '0'", "has 0"});
  ExpectError(ReadStatus(OneSheet("<row r=\"1\"><c t=\"s\"><v>-1</v></c></row>", "<si/>")),
              StatusCode::kDataLoss, {"shared string '-1'"});
}

TEST(XlsxReader, KeepsReturningTheFailure) {
  auto reader =
      OpenOk(OneSheet("<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c t=\"s\">"
                      "<v>5</v></c></row>"));
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(reader->OpenSheet().ok());
  XlsxRow row;
  auto first = reader->Next(row);
  EXPECT_EQ(first.status().code(), StatusCode::kDataLoss);  // both rows are in one chunk
  auto again = reader->Next(row);
  EXPECT_EQ(again.status(), first.status());
  ASSERT_TRUE(reader->OpenSheet().ok());  // opening the sheet again starts over
  EXPECT_EQ(reader->Next(row).status().code(), StatusCode::kDataLoss);
}

TEST(XlsxReader, RefusesAZipBomb) {
  // 4 MiB of one character packs to a few KiB: far over 100:1.
  auto parts = testing::BookParts(
      BookSpec{{{"Data", "<row><c><v>1</v></c></row>" + std::string(4 << 20, ' ')}}});
  ExpectError(ReadStatus(Zip(parts)), StatusCode::kInvalidArgument,
              {"xl/worksheets/sheet1.xml", "more than 100 times"});
  // Under 1 MiB the ratio is not checked: a sparse sheet packs well.
  auto small = testing::BookParts(
      BookSpec{{{"Data", "<row><c><v>1</v></c></row>" + std::string(1000000, ' ')}}});
  EXPECT_TRUE(ReadStatus(Zip(small)).ok());
}

}  // namespace
}  // namespace xianjie::ingest
