// One interface over the two kinds of files departments send (decision 0006): a sheet of an
// Excel workbook (.xlsx) or CSV text in UTF-8 or GBK, told apart by content, not by name. The
// table finds the header row (below a title or notes, when a contract says what it holds), then
// hands out the data rows as cells with each row's text as one CSV line, for the quarantine.
#ifndef XIANJIE_INGEST_SOURCE_TABLE_H_
#define XIANJIE_INGEST_SOURCE_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/csv_reader.h"
#include "ingest/source_contract.h"
#include "ingest/text_encoding.h"
#include "ingest/xlsx_reader.h"

namespace xianjie::ingest {

// How many rows with a value are looked at for the header row of a contract.
inline constexpr int kHeaderSearchRows = 10;

struct SourceTableOptions {
  // CSV only: how the text is encoded (kAuto: UTF-8 if it is valid UTF-8, else GB18030/GBK).
  TextEncoding encoding = TextEncoding::kAuto;
  // XLSX only: the tab name of the sheet to read; "" = the first sheet.
  std::string sheet;
  // The contract the file is read by, to find its header row (not owned; must outlive Open):
  // then the header row is the first of the first kHeaderSearchRows rows with a value that
  // names every required column of the contract (FitHeaders), and the rows above it (a title
  // over the columns, a unit line) are skipped. Null: the first row with a value.
  const SourceContract* contract = nullptr;
};

// One data row. Reuse the same object across SourceTable::Next calls: its vectors and strings
// keep their capacity.
struct SourceRow {
  // The XLSX row number (1-based, as Excel shows it) or the CSV line on which the record starts.
  int64_t number = 0;
  // The cells by 0-based column, as XlsxReader gives them. CSV cells are kText, or kEmpty when
  // the field is empty; their text is UTF-8 as in the file (spaces kept). The vector may be
  // shorter or longer than the header row.
  std::vector<XlsxCell> cells;
  // The row as one CSV record: for CSV the record as in the file (converted to UTF-8, without
  // its line end); for XLSX the cells' texts joined with commas and quoted as CSV needs.
  std::string raw;
  // A CSV record that is not well-formed: the rule (CsvErrorRule: "csv.stray_quote" …), the
  // message for the clerk (CsvErrorMessage) and the 0-based cell where it was found (-1: the
  // record as a whole). The cells are then best effort and the row must be quarantined.
  // Empty / -1 for a well-formed record and for every XLSX row.
  std::string error_rule;
  std::string error_message;
  int error_cell = -1;
  // XLSX: the workbook counts serial dates from 1904 (for numbers in date columns).
  bool date1904 = false;
};

// Reads a department's file: the header row at Open, then the data rows in order.
//
// A row "has a value" when one of its cells is not empty and not only white space (ASCII white
// space, U+3000, U+00A0). The header row is the first row with a value, or with a contract
// (SourceTableOptions::contract) the first of the first kHeaderSearchRows rows with a value that
// names every required column; its cells are the headers as written, with empty cells at its
// end dropped. Row numbers stay the file's own. Data rows without a value are skipped, except
// malformed CSV records, which are always returned (they must be accounted for).
//
// Open copies what it needs: `bytes` may be freed once it returns. Not thread-safe; use one
// table per thread.
class SourceTable {
 public:
  // Detects the kind by content: a zip ("PK\3\4", or the "PK\5\6" of an empty zip) or a legacy
  // .xls (OLE2) goes to the XLSX reader; anything else must be CSV text and is converted with
  // ToUtf8(options.encoding). Every failure is kInvalidArgument with one line saying why the file
  // cannot be read at all and what to do (except kFailedPrecondition when the system's iconv has
  // no GB18030): an empty file; binary data that is neither a workbook nor text (NUL bytes), or
  // UTF-16 text; a broken zip or damaged workbook (XlsxReader's message); a missing sheet
  // (naming the sheets there are); text that is not in the declared encoding (ToUtf8's message
  // with line and column); no header row (no row with a value); a header record that is not
  // well-formed CSV. With a contract, when none of the rows looked at names every required
  // column: the header error of the one that names the most columns (the first of those), as
  // MatchHeaders words it with its row or line — or, if that row is a CSV record that is not
  // well-formed, that error.
  static Result<std::unique_ptr<SourceTable>> Open(std::string_view bytes,
                                                   const SourceTableOptions& options);
  ~SourceTable();
  SourceTable(const SourceTable&) = delete;
  SourceTable& operator=(const SourceTable&) = delete;

  std::string_view format() const { return format_; }      // "xlsx" or "csv"
  std::string_view encoding() const { return encoding_; }  // CSV: "utf-8" or "gb18030"; XLSX: ""
  std::string_view sheet() const { return sheet_; }        // XLSX: the sheet read; CSV: ""
  const std::vector<std::string>& headers() const { return headers_; }
  // The header row's number (XLSX row or CSV line).
  int64_t header_row() const { return header_row_; }
  // The numbers of the rows with a value above the header row, skipped (a title, notes); empty
  // when the header row is the first row with a value.
  const std::vector<int64_t>& skipped_rows() const { return skipped_rows_; }

  // Reads the next data row into `row`; false at the end. A failure is a file-level problem
  // found mid-stream (a damaged XLSX part, a cell over Excel's limits: XlsxReader's message as
  // kInvalidArgument); it is returned again by every later call.
  Result<bool> Next(SourceRow& row);

 private:
  SourceTable();
  Status OpenXlsx(std::string_view bytes, const std::string& sheet, const SourceContract* contract);
  Status OpenCsv(std::string_view bytes, TextEncoding encoding, const SourceContract* contract);
  Result<bool> NextXlsx(SourceRow& row);
  bool NextCsv(SourceRow& row);

  std::string format_;
  std::string encoding_;
  std::string sheet_;
  std::vector<std::string> headers_;
  int64_t header_row_ = 0;
  std::vector<int64_t> skipped_rows_;
  Status failed_;

  // XLSX.
  std::unique_ptr<XlsxReader> xlsx_;
  XlsxRow xlsx_row_;
  // CSV: the text in UTF-8 (owned: the reader and its records point into it).
  std::string text_;
  std::unique_ptr<CsvReader> csv_;
  CsvRecord record_;
};

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_SOURCE_TABLE_H_
