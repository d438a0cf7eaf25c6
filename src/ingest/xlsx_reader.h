// Reading the rows of one sheet of an Excel workbook (.xlsx, Office Open XML) as a stream: the
// package is unzipped with libzip and the sheet parsed with expat chunk by chunk, so memory
// grows with the shared strings, not with the rows. For department data (decision 0006).
#ifndef XIANJIE_INGEST_XLSX_READER_H_
#define XIANJIE_INGEST_XLSX_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xianjie::ingest {

namespace internal {
class XlsxPackage;
class XmlPartStream;
class SheetHandler;
class SharedStrings;
}  // namespace internal

// What a cell holds, as Excel would show it for reading (not its display format).
enum class XlsxCellKind : uint8_t {
  kEmpty,    // no value (a missing cell, or one with a style only)
  kText,     // a shared or inline string, or a formula's text result
  kNumber,   // text: the shortest decimal that reads back as the same double, as JavaScript
             // writes numbers ("1.5", "1000", "0.001", "1e+21")
  kBoolean,  // text: "TRUE" or "FALSE"
  kDate,     // a number in a date format: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"
  kError,    // text: Excel's error value ("#N/A", "#DIV/0!" ...), or what is wrong with the cell
};

struct XlsxCell {
  XlsxCellKind kind = XlsxCellKind::kEmpty;
  std::string text;  // UTF-8; "" for kEmpty
};

// One row of a sheet: reuse the same object across XlsxReader::Next calls.
struct XlsxRow {
  // 1-based row number as in the sheet (rows without values are skipped, so numbers may jump).
  int64_t number = 0;
  // The cells by 0-based column (A = 0): a missing cell is kEmpty; the vector ends at the last
  // cell that has a value.
  std::vector<XlsxCell> cells;
};

// Limits (Excel's own), each a kInvalidArgument naming the part and where.
inline constexpr int64_t kXlsxReadMaxRows = 1048576;
inline constexpr int64_t kXlsxReadMaxColumns = 16384;
inline constexpr size_t kXlsxReadMaxCellCharacters = 32767;  // UTF-16 units, as Excel counts

// Reads a workbook held in memory: the sheets' names at Open, then one sheet's rows in order.
//
// Cells: shared strings (rich text runs joined, phonetic runs left out, _xHHHH_ escapes
// decoded, spaces kept as written), inline strings, formula results (the value Excel cached;
// a formula without one is a kError cell saying so), booleans, error values (kError, not a
// failure), numbers, and dates: a number whose cell format is a date (built-in formats 14–22,
// 27–36, 45–47, 50–58, or a custom format with d, m, y, h or s outside quotes and brackets),
// computed with the workbook's 1900 base (with Excel's fictitious 1900-02-29) or 1904 base.
// Merged cells are not spread: the value is in the first cell only.
//
// Failures are for the clerk who uploaded the file and say what to do: kInvalidArgument for a
// file that is not an .xlsx (a legacy .xls, any other file) or breaks a limit (1 GiB unpacked,
// a part over 1 MiB packed more than 100:1, the limits above); kDataLoss for a damaged workbook
// (a broken zip, a missing part, XML that is not well-formed with the part and line, a shared
// string index out of range); kNotFound for an unknown sheet name.
//
// Not thread-safe; use one reader per thread.
class XlsxReader {
 public:
  // Opens the workbook in `bytes` (kept by the reader): checks the package and its sizes, lists
  // the sheets, reads the workbook's date base, the cell formats and all shared strings.
  static Result<std::unique_ptr<XlsxReader>> Open(std::string bytes);
  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // The sheets' tab names in workbook order (charts and dialog sheets are not listed).
  const std::vector<std::string>& SheetNames() const { return sheet_names_; }
  // True when the workbook counts dates from 1904 (old Mac Excel) instead of 1900.
  bool date1904() const { return date1904_; }

  // Starts reading the sheet named `name` ("" = the first sheet), ending any sheet read before.
  // kNotFound listing the sheets for an unknown name; kDataLoss when the sheet's part is missing.
  Status OpenSheet(std::string_view name = "");

  // Reads the next row that has at least one value into `row`. false at the end of the sheet.
  // A failure (see above) is returned again by every later call. kFailedPrecondition before
  // OpenSheet.
  Result<bool> Next(XlsxRow& row);

 private:
  XlsxReader();
  Status Load();

  std::string bytes_;
  std::unique_ptr<internal::XlsxPackage> package_;
  std::vector<std::string> sheet_names_;
  std::vector<std::string> sheet_parts_;  // zip entry names, in the order of sheet_names_
  std::unique_ptr<internal::SharedStrings> shared_strings_;
  std::vector<bool> date_styles_;  // by cell format (xf) index
  bool date1904_ = false;

  // The sheet being read.
  std::unique_ptr<internal::SheetHandler> sheet_;
  std::unique_ptr<internal::XmlPartStream> stream_;
  Status sheet_status_;
};

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_XLSX_READER_H_
