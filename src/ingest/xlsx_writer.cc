// WriteXlsx: the parts of a SpreadsheetML package (ECMA-376 Part 1) with inline-string cells and
// two cell formats (plain, bold), zipped in memory by libzip.
#include "ingest/xlsx_writer.h"

#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <set>
#include <string_view>
#include <utility>

namespace xianjie::ingest {
namespace {

constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr size_t kMaxSheetNameUnits = 31;
constexpr double kMaxColumnWidth = 255;

// One decoded UTF-8 sequence: the code point (or -1 for an invalid byte) and its length.
struct Decoded {
  int32_t cp;
  size_t length;
};

Decoded DecodeUtf8(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = b(i);
  if (lead < 0x80) return {lead, 1};
  size_t length = 0;
  int32_t cp = 0;
  int32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return {-1, 1};
  }
  if (i + length > s.size()) return {-1, 1};
  for (size_t k = 1; k < length; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return {-1, 1};
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {-1, 1};
  return {cp, length};
}

// XML 1.0's Char production, for the code points a decoded UTF-8 string can hold.
bool XmlAllows(int32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  return cp != 0xFFFE && cp != 0xFFFF;
}

// Appends `text` as XML character data (also safe in a double-quoted attribute), leaving out
// what XML forbids and replacing bytes that are not UTF-8 with U+FFFD. Returns the length of
// what was appended in UTF-16 code units, as Excel counts a cell's characters.
size_t AppendXmlText(std::string& out, std::string_view text) {
  size_t units = 0;
  for (size_t i = 0; i < text.size();) {
    const Decoded d = DecodeUtf8(text, i);
    if (d.cp < 0) {
      out += "\xEF\xBF\xBD";
      ++units;
    } else if (!XmlAllows(d.cp)) {
      // Left out.
    } else if (d.cp == '&') {
      out += "&amp;";
      ++units;
    } else if (d.cp == '<') {
      out += "&lt;";
      ++units;
    } else if (d.cp == '>') {
      out += "&gt;";
      ++units;
    } else if (d.cp == '"') {
      out += "&quot;";
      ++units;
    } else if (d.cp == '\r') {
      out += "&#13;";  // a literal CR would be read back as a line feed
      ++units;
    } else {
      out.append(text.substr(i, d.length));
      units += d.cp > 0xFFFF ? 2 : 1;
    }
    i += d.length;
  }
  return units;
}

// kInvalidArgument unless `name` is a sheet name Excel accepts (see Sheet::name).
Status CheckSheetName(size_t index, const std::string& name) {
  const std::string which = "sheet " + std::to_string(index + 1);
  if (name.empty()) return InvalidArgument(which + " has no name; give it 1 to 31 characters");
  size_t units = 0;
  for (size_t i = 0; i < name.size();) {
    const Decoded d = DecodeUtf8(name, i);
    if (d.cp < 0 || d.cp < 0x20 || !XmlAllows(d.cp)) {
      return InvalidArgument(which + "'s name is not printable UTF-8 text");
    }
    if (d.cp < 0x80 &&
        std::string_view(":\\/?*[]").find(static_cast<char>(d.cp)) != std::string_view::npos) {
      return InvalidArgument(which + "'s name '" + name +
                             "' holds one of : \\ / ? * [ ], which Excel does not allow");
    }
    units += d.cp > 0xFFFF ? 2 : 1;
    i += d.length;
  }
  if (units > kMaxSheetNameUnits) {
    return InvalidArgument(which + "'s name '" + name + "' is longer than 31 characters");
  }
  if (name.front() == '\'' || name.back() == '\'') {
    return InvalidArgument(which + "'s name '" + name +
                           "' starts or ends with an apostrophe, which Excel does not allow");
  }
  return Status::Ok();
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string WidthText(double width) {
  char buffer[32];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, width, std::chars_format::fixed, 2);
  return ec == std::errc() ? std::string(buffer, end) : std::string("8.43");
}

Result<std::string> SheetXml(const Sheet& sheet) {
  const std::string which = "sheet '" + sheet.name + "'";
  if (sheet.rows.size() > kXlsxMaxRows) {
    return InvalidArgument(which + " has " + std::to_string(sheet.rows.size()) +
                           " rows; a worksheet holds at most 1048576");
  }
  if (sheet.column_widths.size() > kXlsxMaxColumns) {
    return InvalidArgument(which + " gives widths for more than 16384 columns");
  }
  std::string xml(kXmlDeclaration);
  xml += "<worksheet xmlns=\"";
  xml += kMainNs;
  xml += "\">";
  bool any_width = false;
  for (size_t c = 0; c < sheet.column_widths.size(); ++c) {
    const double w = sheet.column_widths[c];
    if (!std::isfinite(w) || w < 0 || w > kMaxColumnWidth) {
      return InvalidArgument(which + ": the width of column " + XlsxColumnName(c) +
                             " must be from 0 to 255 characters (0 = the default)");
    }
    if (w == 0) continue;
    if (!any_width) xml += "<cols>";
    any_width = true;
    const std::string n = std::to_string(c + 1);
    xml += "<col min=\"" + n + "\" max=\"" + n + "\" width=\"" + WidthText(w) +
           "\" customWidth=\"1\"/>";
  }
  if (any_width) xml += "</cols>";
  xml += "<sheetData>";
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    const std::vector<std::string>& row = sheet.rows[r];
    if (row.size() > kXlsxMaxColumns) {
      return InvalidArgument(which + ", row " + std::to_string(r + 1) + ", has " +
                             std::to_string(row.size()) + " cells; a row holds at most 16384");
    }
    const std::string row_number = std::to_string(r + 1);
    const char* style = sheet.bold_header && r == 0 ? " s=\"1\"" : "";
    bool opened = false;
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c].empty()) continue;  // an absent cell is an empty one
      if (!opened) xml += "<row r=\"" + row_number + "\">";
      opened = true;
      xml += "<c r=\"" + XlsxColumnName(c) + row_number + "\"" + style +
             " t=\"inlineStr\"><is><t xml:space=\"preserve\">";
      if (AppendXmlText(xml, row[c]) > kXlsxMaxCellCharacters) {
        return InvalidArgument(which + ", cell " + XlsxColumnName(c) + row_number +
                               ", is longer than 32767 characters, the most a cell holds");
      }
      xml += "</t></is></c>";
    }
    if (opened) xml += "</row>";
  }
  xml += "</sheetData></worksheet>";
  return xml;
}

std::string ContentTypesXml(size_t sheets) {
  std::string xml(kXmlDeclaration);
  xml +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
  for (size_t i = 1; i <= sheets; ++i) {
    xml += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i) +
           ".xml\" ContentType=\"application/"
           "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  xml += "</Types>";
  return xml;
}

std::string RootRelsXml() {
  std::string xml(kXmlDeclaration);
  xml += "<Relationships xmlns=\"";
  xml += kPackageRelNs;
  xml +=
      "\"><Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  return xml;
}

std::string WorkbookXml(const std::vector<Sheet>& sheets) {
  std::string xml(kXmlDeclaration);
  xml += "<workbook xmlns=\"";
  xml += kMainNs;
  xml += "\" xmlns:r=\"";
  xml += kRelNs;
  xml += "\"><sheets>";
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    xml += "<sheet name=\"";
    AppendXmlText(xml, sheets[i].name);
    xml += "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
  }
  xml += "</sheets></workbook>";
  return xml;
}

std::string WorkbookRelsXml(size_t sheets) {
  std::string xml(kXmlDeclaration);
  xml += "<Relationships xmlns=\"";
  xml += kPackageRelNs;
  xml += "\">";
  for (size_t i = 1; i <= sheets; ++i) {
    const std::string n = std::to_string(i);
    xml += "<Relationship Id=\"rId" + n +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "worksheet\" Target=\"worksheets/sheet" +
           n + ".xml\"/>";
  }
  xml += "<Relationship Id=\"rId" + std::to_string(sheets + 1) +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
         "styles\" Target=\"styles.xml\"/></Relationships>";
  return xml;
}

// Cell format 0 is plain, 1 bold. Excel requires the two built-in fills and one border.
std::string StylesXml() {
  std::string xml(kXmlDeclaration);
  xml += "<styleSheet xmlns=\"";
  xml += kMainNs;
  xml +=
      "\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
      "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
      "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
      "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
      "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
      "</cellStyleXfs>"
      "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
      "xfId=\"0\"/>"
      "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
      "</cellXfs>"
      "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
      "</styleSheet>";
  return xml;
}

Status ZipError(const std::string& what, zip_error_t* error) {
  return Internal("could not " + what +
                  " the workbook in memory (libzip: " + zip_error_strerror(error) + ")");
}

// Zips the parts (name, content) in order. The contents must outlive the call: libzip reads
// them when the archive is closed.
Result<std::string> Zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    Status s = ZipError("create", &error);
    zip_error_fini(&error);
    return s;
  }
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    Status s = ZipError("open", &error);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return s;
  }
  zip_error_fini(&error);
  zip_source_keep(buffer);  // the archive's close must not free what we read back
  auto fail = [&](const std::string& what) {
    Status s = ZipError(what, zip_get_error(archive));
    zip_discard(archive);
    zip_source_free(buffer);
    return s;
  };
  // A fixed time (2000-01-01 12:00 UTC) instead of now: the same sheets give the same bytes.
  constexpr time_t kPartTime = 946728000;
  for (const auto& [name, content] : parts) {
    zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (part == nullptr) return fail("add " + name + " to");
    const zip_int64_t index = zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(part);
      return fail("add " + name + " to");
    }
    if (zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), kPartTime, 0) < 0 ||
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 0) <
            0) {
      return fail("set up " + name + " in");
    }
  }
  if (zip_close(archive) < 0) return fail("write");

  std::string out;
  if (zip_source_open(buffer) < 0) {
    Status s = ZipError("read back", zip_source_error(buffer));
    zip_source_free(buffer);
    return s;
  }
  zip_source_seek(buffer, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  if (size > 0) {
    out.resize(static_cast<size_t>(size));
    if (zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size)) != size) {
      Status s = ZipError("read back", zip_source_error(buffer));
      zip_source_close(buffer);
      zip_source_free(buffer);
      return s;
    }
  }
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

}  // namespace

std::string XlsxColumnName(size_t column) {
  std::string letters;
  for (size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets) {
  if (sheets.empty()) return InvalidArgument("a workbook needs at least one sheet");
  std::set<std::string> names;
  for (size_t i = 0; i < sheets.size(); ++i) {
    XJ_RETURN_IF_ERROR(CheckSheetName(i, sheets[i].name));
    if (!names.insert(AsciiLower(sheets[i].name)).second) {
      return InvalidArgument("two sheets are named '" + sheets[i].name +
                             "'; sheet names must differ");
    }
  }
  std::vector<std::pair<std::string, std::string>> parts;
  parts.emplace_back("[Content_Types].xml", ContentTypesXml(sheets.size()));
  parts.emplace_back("_rels/.rels", RootRelsXml());
  parts.emplace_back("xl/workbook.xml", WorkbookXml(sheets));
  parts.emplace_back("xl/_rels/workbook.xml.rels", WorkbookRelsXml(sheets.size()));
  parts.emplace_back("xl/styles.xml", StylesXml());
  for (size_t i = 0; i < sheets.size(); ++i) {
    XJ_ASSIGN_OR_RETURN(std::string xml, SheetXml(sheets[i]));
    parts.emplace_back("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", std::move(xml));
  }
  return Zip(parts);
}

}  // namespace xianjie::ingest
