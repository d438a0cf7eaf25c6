// Zips the fixture workbooks of xlsx_fixture.h in memory with libzip.
#include "ingest/xlsx_fixture.h"

#include <zip.h>

#include <cstdio>
#include <cstdlib>

namespace xianjie::ingest::testing {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "xlsx fixture: libzip failed to %s\n", what);
  std::abort();
}

constexpr char kXml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr char kPkgRel[] = "http://schemas.openxmlformats.org/package/2006/relationships";

}  // namespace

std::string Zip(const Parts& parts, bool store) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) Die("create a buffer");
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) Die("open the archive");
  zip_error_fini(&error);
  zip_source_keep(buffer);
  for (const auto& [name, content] : parts) {
    zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (part == nullptr) Die("add a part");
    const zip_int64_t index = zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8);
    if (index < 0) Die("add a file");
    if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                 store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) < 0) {
      Die("set the compression");
    }
  }
  if (zip_close(archive) < 0) Die("close");
  if (zip_source_open(buffer) < 0) Die("read back");
  zip_source_seek(buffer, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  if (zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size)) != size) Die("read");
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

Parts BookParts(const BookSpec& spec) {
  Parts parts;
  const bool styles = !spec.num_fmts.empty() || !spec.cell_xfs.empty();
  std::string types = std::string(kXml) +
                      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                      "content-types\"><Default Extension=\"rels\" ContentType=\"application/"
                      "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                      "ContentType=\"application/xml\"/></Types>";
  parts.emplace_back("[Content_Types].xml", types);
  parts.emplace_back("_rels/.rels",
                     std::string(kXml) + "<Relationships xmlns=\"" + kPkgRel +
                         "\"><Relationship Id=\"rId1\" Type=\"" + kRel +
                         "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  std::string book = std::string(kXml) + "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kRel +
                     "\">" + (spec.date1904 ? "<workbookPr date1904=\"1\"/>" : "") + "<sheets>";
  std::string rels = std::string(kXml) + "<Relationships xmlns=\"" + kPkgRel + "\">";
  for (size_t i = 0; i < spec.sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    book += "<sheet name=\"" + spec.sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n +
            "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + kRel +
            "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    parts.emplace_back("xl/worksheets/sheet" + n + ".xml",
                       std::string(kXml) + "<worksheet xmlns=\"" + kMain + "\"><sheetData>" +
                           spec.sheets[i].second + "</sheetData></worksheet>");
  }
  book += "</sheets></workbook>";
  if (styles) {
    rels += "<Relationship Id=\"rIdS\" Type=\"" + std::string(kRel) +
            "/styles\" Target=\"styles.xml\"/>";
    parts.emplace_back("xl/styles.xml", std::string(kXml) + "<styleSheet xmlns=\"" + kMain +
                                            "\"><numFmts>" + spec.num_fmts +
                                            "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/>"
                                            "</cellStyleXfs><cellXfs>" +
                                            spec.cell_xfs + "</cellXfs></styleSheet>");
  }
  if (!spec.shared_strings.empty()) {
    rels += "<Relationship Id=\"rIdT\" Type=\"" + std::string(kRel) +
            "/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>";
    parts.emplace_back("xl/sharedStrings.xml", std::string(kXml) + "<sst xmlns=\"" + kMain + "\">" +
                                                   spec.shared_strings + "</sst>");
  }
  rels += "</Relationships>";
  parts.emplace_back("xl/workbook.xml", book);
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels);
  return parts;
}

std::string OneSheet(const std::string& sheet_data, const std::string& shared_strings) {
  BookSpec spec;
  spec.sheets = {{"Sheet1", sheet_data}};
  spec.shared_strings = shared_strings;
  return Book(spec);
}

void DeclareSizes(std::string& zip, uint32_t size) {
  auto u16 = [&](size_t at) {
    return static_cast<size_t>(static_cast<unsigned char>(zip[at])) |
           static_cast<size_t>(static_cast<unsigned char>(zip[at + 1])) << 8;
  };
  auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  const size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  if (eocd == std::string::npos) Die("find the end of the central directory");
  size_t entry = u32(eocd + 16);
  for (size_t n = u16(eocd + 10); n > 0; --n) {
    if (zip.compare(entry, 4, std::string("PK\x01\x02", 4)) != 0) Die("find an entry");
    put32(entry + 24, size);
    put32(u32(entry + 42) + 22, size);
    entry += 46 + u16(entry + 28) + u16(entry + 30) + u16(entry + 32);
  }
}

}  // namespace xianjie::ingest::testing
