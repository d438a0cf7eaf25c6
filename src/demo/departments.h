// The demo's department files (decision 0006, "Demo data"): what each department of DOMAIN.md
// §9.1 would send about the people of a generated registry, as plain tables of text with the
// Chinese headers of its source contract (config/sources/<source>.toml). The generator draws
// them (GenerateRegistry in demo/generator.h); writing them as XLSX or GBK text is the caller's
// (demo/ may not use ingest/).
#ifndef XIANJIE_DEMO_DEPARTMENTS_H_
#define XIANJIE_DEMO_DEPARTMENTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"

namespace xianjie::demo {

// How a department sends its file.
enum class DepartmentFileFormat : uint8_t {
  kXlsx,     // an Excel workbook: one sheet of text cells, the header in row 1
  kCsvUtf8,  // CSV as Excel saves "CSV UTF-8": a byte order mark and CRLF line ends
  kCsvGbk,   // CSV as Excel saves it on Chinese Windows: GBK text and CRLF line ends
};

// "xlsx" or "csv".
std::string_view FileExtension(DepartmentFileFormat format);

// A row planted with one error a department's clerk or system makes, and the rule id the
// reader of department files quarantines it with (ingest/source_rows.h).
struct PlantedError {
  int64_t row = 0;   // 0-based index into DepartmentFile::rows
  std::string rule;  // "id_number.check", "money.format", "date.future" or "enum.unknown"
};

// One department's file. Every cell is UTF-8 text as the department writes it: ID numbers of 18
// characters (now and then with a lower-case x), money as "1234.50", "1,234.50" or "286.40元",
// dates as 2024-03-02, 2024/3/2, 20240302, 2024.3.2 or 2024年3月2日, enums as their Chinese
// labels, yes/no as 是/否.
struct DepartmentFile {
  std::string source;  // the contract's name: "medical_insurance"
  DepartmentFileFormat format = DepartmentFileFormat::kXlsx;
  std::string sheet;                           // kXlsx: the sheet's tab name
  std::vector<std::string> header;             // each the contract's header or one of its aliases
  std::vector<std::vector<std::string>> rows;  // each as long as the header
  // Rows about people who are not in the registry (valid ID numbers of other provinces), which
  // an upload counts as unmatched; 0-based, ascending.
  std::vector<int64_t> out_of_province_rows;
  // Rows with one deliberate error each, ascending by row; none of them is out of province.
  std::vector<PlantedError> planted_errors;

  // "medical_insurance.xlsx".
  std::string FileName() const;
};

// The department files of one generator run, one per source contract shipped in
// config/sources/, sorted by source name.
struct DepartmentFiles {
  CivilDate as_of;  // every event date lies in the 12 months that end on this day
  std::vector<DepartmentFile> files;
};

// The file as CSV text in UTF-8: the header and the rows, fields quoted as RFC 4180 asks (a
// comma, quote or line break inside), CRLF line ends, and for kCsvUtf8 a byte order mark
// first. For kCsvGbk the caller converts the text to GBK (GB18030). Any format may be asked.
std::string DepartmentCsv(const DepartmentFile& file);

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_DEPARTMENTS_H_
