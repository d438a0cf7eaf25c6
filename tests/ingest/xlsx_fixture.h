// Workbooks for the XLSX reader's tests, zipped with libzip from literal XML parts: a minimal
// package around the sheets' <sheetData> given, or any parts at all.
#ifndef XIANJIE_TESTS_INGEST_XLSX_FIXTURE_H_
#define XIANJIE_TESTS_INGEST_XLSX_FIXTURE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace xianjie::ingest::testing {

using Parts = std::vector<std::pair<std::string, std::string>>;  // zip entry name, content

// A zip archive of `parts` in order, deflated (or stored when `store` is true).
std::string Zip(const Parts& parts, bool store = false);

struct BookSpec {
  BookSpec() = default;
  explicit BookSpec(std::vector<std::pair<std::string, std::string>> s) : sheets(std::move(s)) {}

  std::vector<std::pair<std::string, std::string>> sheets;  // tab name, inside <sheetData>
  std::string shared_strings;  // the <si> items of sharedStrings.xml; no part when empty
  std::string num_fmts;        // <numFmt> elements of styles.xml
  std::string cell_xfs;        // <xf> elements of cellXfs; no styles.xml when both are empty
  bool date1904 = false;
};

// The parts of a workbook: [Content_Types].xml, _rels/.rels, xl/workbook.xml and its rels,
// xl/worksheets/sheetN.xml, and xl/sharedStrings.xml and xl/styles.xml when given.
Parts BookParts(const BookSpec& spec);
inline std::string Book(const BookSpec& spec) { return Zip(BookParts(spec)); }

// Sets the uncompressed size of every entry of `zip` (in the local and central headers) to
// `size`, as a lying or damaged package would.
void DeclareSizes(std::string& zip, uint32_t size);

// One sheet named "Sheet1" with `sheet_data` inside <sheetData>.
std::string OneSheet(const std::string& sheet_data, const std::string& shared_strings = "");

}  // namespace xianjie::ingest::testing

#endif  // XIANJIE_TESTS_INGEST_XLSX_FIXTURE_H_
