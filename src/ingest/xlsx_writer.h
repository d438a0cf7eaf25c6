// Writing Excel workbooks (Office Open XML, .xlsx) of text cells with libxlsxwriter. For the files
// people print or pass on (public notices, lists, quality reports); the registry's exchange format
// stays CSV.
#ifndef XIANJIE_INGEST_XLSX_WRITER_H_
#define XIANJIE_INGEST_XLSX_WRITER_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace xianjie::ingest {

// One worksheet: its tab name and its rows of text cells (UTF-8), written as inline strings
// (libxlsxwriter's constant-memory mode).
struct Sheet {
  // 1 to 31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe;
  // distinct (ignoring ASCII case) from the other sheets' names.
  std::string name;
  std::vector<std::vector<std::string>> rows;  // rows may differ in length
  bool bold_header = false;                    // the first row in bold
  std::vector<double> column_widths;           // in characters, from column A; empty = the default
};

// Limits of the format (Excel's own).
inline constexpr size_t kXlsxMaxRows = 1048576;
inline constexpr size_t kXlsxMaxColumns = 16384;
inline constexpr size_t kXlsxMaxCellCharacters = 32767;

// The bytes of an .xlsx file holding `sheets` in order. Characters XML 1.0 forbids (control
// characters other than tab, line feed and carriage return; U+FFFE, U+FFFF) are left out of the
// cells, and bytes that are not UTF-8 become U+FFFD; the rest is escaped by libxlsxwriter (a
// carriage return as _x000D_). The output depends only on the input (fixed timestamps), so equal
// workbooks are equal files. The workbook is written to a private directory under the system's
// temporary directory, read back and removed; calls are serialized (libxlsxwriter 1.1.4 is not
// safe to use from two threads at once). Thread-safe.
// kInvalidArgument, naming the sheet (and row and column), for no sheets, a bad or duplicate
// name, or a sheet, row or cell over the limits above; kIoError when the temporary directory
// cannot be created or the workbook read back; kInternal when libxlsxwriter fails.
Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets);

// "A", "B", ..., "Z", "AA", ... for a column index from 0 (the letters of a cell reference).
std::string XlsxColumnName(size_t column);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_XLSX_WRITER_H_
