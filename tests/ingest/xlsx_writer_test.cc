// WriteXlsx (ingest/xlsx_writer.h, libxlsxwriter): the workbook is read back with libzip here,
// part by part; the cells' text is cleaned as XML 1.0 requires before libxlsxwriter escapes it;
// names and limits are checked; no temporary file is left behind. That the package opens in a
// reader of its own is xlsx_check.py's test (ingest.xlsx_opens).
#include "ingest/xlsx_writer.h"

#include <gtest/gtest.h>
#include <stdlib.h>  // setenv
#include <zip.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/temp_files.h"

namespace xianjie::ingest {
namespace {

// The archive's entries by name, or an empty map when it is not a readable zip.
std::map<std::string, std::string> Unzip(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);
    ADD_FAILURE() << "not a zip archive";
    return parts;
  }
  const zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) continue;
    std::string content(static_cast<size_t>(st.size), '\0');
    const zip_int64_t read = zip_fread(file, content.data(), st.size);
    zip_fclose(file);
    EXPECT_EQ(read, static_cast<zip_int64_t>(st.size)) << st.name;
    parts[st.name] = std::move(content);
  }
  zip_close(archive);  // read-only: frees the archive and its source
  return parts;
}

Sheet Simple(const std::string& name, std::vector<std::vector<std::string>> rows) {
  Sheet sheet;
  sheet.name = name;
  sheet.rows = std::move(rows);
  return sheet;
}

std::string SheetXml(const std::vector<Sheet>& sheets, size_t n = 1) {
  auto bytes = WriteXlsx(sheets);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  if (!bytes.ok()) return "";
  auto parts = Unzip(*bytes);
  const std::string name = "xl/worksheets/sheet" + std::to_string(n) + ".xml";
  EXPECT_TRUE(parts.count(name) > 0) << name;
  return parts[name];
}

TEST(XlsxWriter, HoldsThePartsOfAWorkbook) {
  auto bytes = WriteXlsx({Simple("名单", {{"a"}}), Simple("Second", {{"b"}})});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->substr(0, 4), std::string("PK\x03\x04", 4));
  auto parts = Unzip(*bytes);
  std::vector<std::string> names;
  for (const auto& [name, content] : parts) names.push_back(name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml",
                                      "docProps/core.xml", "xl/_rels/workbook.xml.rels",
                                      "xl/styles.xml", "xl/theme/theme1.xml", "xl/workbook.xml",
                                      "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}));
  for (const auto& [name, content] : parts) {
    EXPECT_TRUE(content.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"")) << name;
  }
  const std::string& types = parts["[Content_Types].xml"];
  for (const char* part : {"/xl/workbook.xml", "/xl/styles.xml", "/xl/worksheets/sheet1.xml",
                           "/xl/worksheets/sheet2.xml"}) {
    EXPECT_NE(types.find(std::string("PartName=\"") + part + "\""), std::string::npos) << part;
  }
  EXPECT_NE(parts["_rels/.rels"].find("Target=\"xl/workbook.xml\""), std::string::npos);
  const std::string& workbook = parts["xl/workbook.xml"];
  EXPECT_NE(workbook.find("<sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/>"), std::string::npos)
      << workbook;
  EXPECT_NE(workbook.find("<sheet name=\"Second\" sheetId=\"2\" r:id=\"rId2\"/>"),
            std::string::npos);
  const std::string& rels = parts["xl/_rels/workbook.xml.rels"];
  EXPECT_NE(rels.find("Id=\"rId1\""), std::string::npos);
  EXPECT_NE(rels.find("Target=\"worksheets/sheet2.xml\""), std::string::npos);
  EXPECT_NE(rels.find("Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                      "relationships/styles\" Target=\"styles.xml\""),
            std::string::npos);
}

TEST(XlsxWriter, CellsAreInlineStringsAtTheirReferences) {
  const std::string xml =
      SheetXml({Simple("S", {{"户主姓名", "", "家庭人口"}, {}, {"张三", "x", "4"}})});
  EXPECT_NE(xml.find("<c r=\"A1\" t=\"inlineStr\"><is><t>户主姓名</t></is></c>"), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<c r=\"C1\" t=\"inlineStr\"><is><t>家庭人口</t>"), std::string::npos);
  EXPECT_EQ(xml.find("r=\"B1\""), std::string::npos);      // an empty cell is not written
  EXPECT_EQ(xml.find("<row r=\"2\""), std::string::npos);  // nor an empty row
  EXPECT_NE(xml.find("<row r=\"3\"><c r=\"A3\""), std::string::npos);
  EXPECT_NE(xml.find("<c r=\"C3\" t=\"inlineStr\"><is><t>4</t>"), std::string::npos);
}

TEST(XlsxWriter, SpacesAtTheEdgesArePreserved) {
  EXPECT_NE(SheetXml({Simple("S", {{" 4 "}})}).find("<t xml:space=\"preserve\"> 4 </t>"),
            std::string::npos);
}

TEST(XlsxWriter, CellTextIsEscaped) {
  const std::string xml = SheetXml({Simple("S", {{"a<b & \"c\" >d '</t></is>"}})});
  EXPECT_NE(xml.find(">a&lt;b &amp; \"c\" &gt;d '&lt;/t&gt;&lt;/is&gt;</t>"), std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("a<b"), std::string::npos);
}

// A carriage return is allowed but would be read back as a line feed: libxlsxwriter writes it as
// the escape _x000D_, which spreadsheet programs (and xlsx_reader.h) turn back into one.
TEST(XlsxWriter, CharactersXmlForbidsAreLeftOut) {
  const std::string cell = std::string("x\x01y\x1F") + "z\x0B\x0C" + "\xEF\xBF\xBE" +
                           "\xEF\xBF\xBF" + std::string(1, '\0') + "w\tv\nu\rt";
  const std::string xml = SheetXml({Simple("S", {{cell}})});
  EXPECT_NE(xml.find(">xyzw\tv\nu_x000D_t</t>"), std::string::npos) << xml;
  for (char c = 1; c < 0x20; ++c) {
    if (c == '\t' || c == '\n') continue;
    EXPECT_EQ(xml.find(c), std::string::npos) << static_cast<int>(c);
  }
  EXPECT_EQ(xml.find(std::string(1, '\0')), std::string::npos);
  EXPECT_EQ(xml.find("\xEF\xBF\xBE"), std::string::npos);
}

TEST(XlsxWriter, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // A stray byte, a truncated sequence, an overlong '/', a surrogate.
  const std::string xml = SheetXml({Simple("S", {{"a\xFF"
                                                  "b\xE4\xB8"
                                                  "c\xC0\xAF"
                                                  "d\xED\xA0\x80"
                                                  "e"}})});
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_NE(xml.find(">a" + r + "b" + r + r + "c" + r + r + "d" + r + r + r + "e</t>"),
            std::string::npos)
      << xml;
  // Four-byte characters pass.
  EXPECT_NE(SheetXml({Simple("S", {{"\xF0\xA0\x80\x80"}})}).find(">\xF0\xA0\x80\x80</t>"),
            std::string::npos);
}

// Widths are in characters; libxlsxwriter adds the cell padding as Excel does (12.5 → 13.29).
TEST(XlsxWriter, BoldHeaderAndColumnWidths) {
  Sheet sheet = Simple("S", {{"h1", "h2"}, {"v1", "v2"}});
  sheet.bold_header = true;
  sheet.column_widths = {12.5, 0, 30};
  auto bytes = WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok());
  auto parts = Unzip(*bytes);
  const std::string& xml = parts["xl/worksheets/sheet1.xml"];
  EXPECT_NE(xml.find("<c r=\"A1\" s=\"1\" t=\"inlineStr\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<c r=\"B1\" s=\"1\" t=\"inlineStr\">"), std::string::npos);
  EXPECT_NE(xml.find("<c r=\"A2\" t=\"inlineStr\">"), std::string::npos);
  EXPECT_NE(xml.find("<cols><col min=\"1\" max=\"1\" width=\"13.28515625\" customWidth=\"1\"/>"
                     "<col min=\"3\" max=\"3\" width=\"30.7109375\" customWidth=\"1\"/></cols>"
                     "<sheetData>"),
            std::string::npos);
  // Format 1 is the bold font.
  const std::string& styles = parts["xl/styles.xml"];
  EXPECT_NE(styles.find("<font><b/>"), std::string::npos);
  EXPECT_NE(styles.find("<cellXfs count=\"2\">"), std::string::npos);
  EXPECT_NE(styles.find("fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\""),
            std::string::npos);
  // Without bold_header nothing is styled.
  EXPECT_EQ(SheetXml({Simple("S", {{"h1"}})}).find(" s=\""), std::string::npos);
}

TEST(XlsxWriter, ColumnNames) {
  const std::pair<size_t, const char*> cases[] = {{0, "A"},    {1, "B"},     {25, "Z"},
                                                  {26, "AA"},  {51, "AZ"},   {52, "BA"},
                                                  {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}};
  for (const auto& [column, name] : cases) EXPECT_EQ(XlsxColumnName(column), name) << column;
  std::vector<std::string> row(28, "");
  row[27] = "last";
  EXPECT_NE(SheetXml({Simple("S", {row})}).find("<c r=\"AB1\""), std::string::npos);
}

TEST(XlsxWriter, SameSheetsGiveTheSameBytes) {
  const std::vector<Sheet> sheets = {Simple("S", {{"a", "b"}, {"c"}})};
  auto first = WriteXlsx(sheets);
  auto second = WriteXlsx(sheets);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
  auto other = WriteXlsx({Simple("S", {{"a", "B"}, {"c"}})});
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*first, *other);
}

TEST(XlsxWriter, SheetNamesAreEscapedInTheWorkbook) {
  auto bytes = WriteXlsx({Simple("A&B <x>", {{"1"}})});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_NE(Unzip(*bytes)["xl/workbook.xml"].find("name=\"A&amp;B &lt;x&gt;\""), std::string::npos);
}

TEST(XlsxWriter, RefusesWhatExcelCannotOpen) {
  auto code = [](const std::vector<Sheet>& sheets) { return WriteXlsx(sheets).status().code(); };
  EXPECT_EQ(code({}), StatusCode::kInvalidArgument);
  EXPECT_EQ(code({Simple("", {})}), StatusCode::kInvalidArgument);
  for (const char* bad : {"a:b", "a/b", "a\\b", "a?b", "a*b", "a[b", "a]b", "'ab", "ab'", "a\tb"}) {
    EXPECT_EQ(code({Simple(bad, {})}), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(code({Simple(std::string(32, 'x'), {})}), StatusCode::kInvalidArgument);
  std::string chinese31;
  for (int i = 0; i < 31; ++i) chinese31 += "公";
  EXPECT_EQ(code({Simple(chinese31, {})}), StatusCode::kOk);
  EXPECT_EQ(code({Simple(chinese31 + "示", {})}), StatusCode::kInvalidArgument);
  EXPECT_EQ(code({Simple("Notice", {}), Simple("notice", {})}), StatusCode::kInvalidArgument);

  EXPECT_EQ(code({Simple("S", {{std::string(kXlsxMaxCellCharacters, 'x')}})}), StatusCode::kOk);
  auto long_cell =
      WriteXlsx({Simple("S", {{"ok"}, {"", std::string(kXlsxMaxCellCharacters + 1, 'x')}})});
  EXPECT_EQ(long_cell.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(long_cell.status().message().find("B2"), std::string::npos)
      << long_cell.status().message();
  // Escaping does not count: 32767 ampersands are 32767 characters.
  EXPECT_EQ(code({Simple("S", {{std::string(kXlsxMaxCellCharacters, '&')}})}), StatusCode::kOk);

  Sheet wide = Simple("S", {std::vector<std::string>(kXlsxMaxColumns + 1, "")});
  EXPECT_EQ(code({wide}), StatusCode::kInvalidArgument);
  Sheet bad_width = Simple("S", {{"a"}});
  bad_width.column_widths = {10, 256};
  EXPECT_EQ(code({bad_width}), StatusCode::kInvalidArgument);
  bad_width.column_widths = {-1};
  EXPECT_EQ(code({bad_width}), StatusCode::kInvalidArgument);
}

TEST(XlsxWriter, AnEmptySheetIsValid) {
  const std::string xml = SheetXml({Simple("S", {})});
  EXPECT_NE(xml.find("<sheetData/>"), std::string::npos) << xml;
}

// The workbook and libxlsxwriter's own temporary files go to a private directory under the
// system's temporary directory ($TMPDIR), removed after each call, written or refused.
TEST(XlsxWriter, LeavesNoTemporaryFiles) {
  testing::TempDir tmp;
  const char* before = getenv("TMPDIR");
  const std::string saved = before == nullptr ? "" : before;
  setenv("TMPDIR", tmp.path().c_str(), 1);
  Sheet big = Simple("S", {});
  for (int r = 0; r < 2000; ++r) big.rows.push_back({"a", "b", std::to_string(r)});
  EXPECT_TRUE(WriteXlsx({big, Simple("T", {{"x"}})}).ok());
  EXPECT_EQ(WriteXlsx({Simple("S", {{std::string(kXlsxMaxCellCharacters + 1, 'x')}})})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  if (before == nullptr) {
    unsetenv("TMPDIR");
  } else {
    setenv("TMPDIR", saved.c_str(), 1);
  }
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
}

}  // namespace
}  // namespace xianjie::ingest
