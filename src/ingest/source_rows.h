// The rows of a department's file read by its source contract (decision 0006): the header row
// matched to the contract's columns (MatchHeaders), then each data row's cells parsed by their
// column's type into normalized values, with every problem of the row as an issue that names
// the column, a rule id and what the clerk must do. A row without issues is accepted; the
// exchange module decides what an accepted row does.
//
// Rule ids of row issues (RowIssue::rule):
//   required.missing       a required column's cell is empty
//   cell.error             an XLSX error value (#N/A, #DIV/0! …) or a formula without a cached
//                          value
//   id_number.number_cell  an XLSX number cell (or number text like 6.30102E+17) in an ID
//                          number column: Excel lost its last digits
//   id_number.length, id_number.characters, id_number.birth_date, id_number.check
//                          an ID number that is not GB 11643 (base/id_number.h's rules; a birth
//                          date after the upload date is id_number.birth_date)
//   household_id.too_long  more than 32 bytes (registry/household.h)
//   household_id.number_cell  an XLSX number cell of more than 15 digits (digits were lost)
//   text.too_long          more than 1,000 characters
//   money.format           not yuan with at most two decimals
//   money.negative         below zero
//   date.format            not a date in a known form, or no real day (2026-02-30)
//   date.future            after the upload date
//   integer.format         not a whole number (or beyond ±9.2e18)
//   decimal.format         not a decimal number
//   bool.format            not a yes/no value
//   enum.unknown           none of the column's labels or values
//   period.missing         an optional date column the period is derived from is empty
//   row.extra_cells        values in cells to the right of the last header
//   csv.unterminated_quote, csv.stray_quote, csv.char_after_quote, csv.bare_cr,
//   csv.invalid_utf8, csv.nul_byte
//                          a CSV record that is not well-formed (CsvErrorRule); the record's
//                          cells are not checked further
#ifndef XIANJIE_INGEST_SOURCE_ROWS_H_
#define XIANJIE_INGEST_SOURCE_ROWS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "ingest/source_contract.h"
#include "ingest/source_table.h"

namespace xianjie::ingest {

// Every rule id above, in that order.
std::span<const std::string_view> SourceRowRules();

// One problem of a row.
struct RowIssue {
  std::string column;   // the header as written in the file; "" for the row as a whole
  std::string rule;     // one of SourceRowRules()
  std::string value;    // the cell as read (at most 256 bytes, cut with "…"); "" when empty
  std::string message;  // what is wrong and what to do, in English, without row or column
};

// The value of one contract column in a row.
//   type          text                                   number                 decimal
//   id_number     18 characters, upper-case X            PackIdNumber(text)     0
//   household_id  as written, trimmed                    0                      0
//   text          trimmed                                0                      0
//   money         yuan with two decimals: "1234.50"      fen                    yuan
//   date          "YYYY-MM-DD"                           days since 1970-01-01  0
//   integer       canonical: "-12"                       the integer            the integer
//   decimal       canonical (shortest, as JavaScript writes numbers): "85.5"  0  the number
//   bool          "true" / "false"                       1 / 0                  0
//   enum          the value of the label ("resident")    0                      0
struct MappedValue {
  bool present = false;  // false: the cell is empty, invalid, or the column is not in the file
  std::string text;
  int64_t number = 0;
  double decimal = 0;
};

// One data row read by a contract. Reuse the same object across SourceRowMapper::Map calls.
struct MappedRow {
  int64_t number = 0;               // SourceRow::number
  bool ok = false;                  // no issues: the row is accepted
  std::vector<RowIssue> issues;     // every problem of the row, in column order of the file
  std::vector<MappedValue> values;  // by contract column index (contract().columns)
  std::string key;                  // the key column's normalized value, "" when it is not valid
  std::string period;      // "2026-03", "2026-Q1", "2026-W09", "2026-03-01", "2026"; "" unknown
  std::string event_date;  // the event date column's value "YYYY-MM-DD", or ""
  std::string raw;         // SourceRow::raw
};

// Reads rows of one file by one contract. Immutable after Create: Map may be called from
// several threads at once, each with its own MappedRow.
class SourceRowMapper {
 public:
  // Matches `headers` (SourceTable::headers()) to the contract's columns. kInvalidArgument:
  // MatchHeaders's one message listing every missing required column and every unknown or
  // repeated header; or, the file lacking the optional date column the contract's period is
  // derived from, a message naming it. The contract is copied.
  static Result<SourceRowMapper> Create(const SourceContract& contract,
                                        const std::vector<std::string>& headers);

  // Reads `row` into `out` (all of it overwritten, buffers reused). Cells are trimmed of white
  // space and full-width digits and letters folded before parsing; a cell of a column the file
  // lacks stays not present. A row whose CSV record is malformed gets that one issue. Dates
  // after `upload_date` are refused (date.future); the period "upload" is its month.
  //
  // Accepted forms: ID numbers with a lower-case x; money as 1234.5, 1,234.50, 1234.50元,
  // ¥1234.50 or an XLSX number; dates as 2026-03-01, 2026/3/1, 2026.3.1, 20260301, 2026年3月1日
  // (a time after them ignored), XLSX date cells, and XLSX numbers as Excel serials (or
  // YYYYMMDD); yes/no as 1/0, 是/否, true/false, y/n, yes/no (any case) or TRUE/FALSE cells; an
  // enum's labels or values, compared after the folding MatchHeaders does.
  void Map(const SourceRow& row, CivilDate upload_date, MappedRow& out) const;

  // {"column_name": value, ...} in contract column order, present values only: text, ID
  // numbers, household ids, dates and enum values as JSON strings; money as a JSON number of
  // yuan with exactly two decimals (1234.50: fen = round(value × 100) is exact); integers as
  // JSON integers; decimals as their canonical text; bools as true/false.
  std::string ValuesJson(const MappedRow& row) const;
  // Appends ValuesJson(row) to `out` (no temporary).
  void AppendValuesJson(const MappedRow& row, std::string& out) const;

  const SourceContract& contract() const { return contract_; }
  // The file's header of each contract column ("" for a column the file lacks).
  const std::string& HeaderOf(size_t column) const { return column_headers_[column]; }

 private:
  enum class PeriodUnit : uint8_t { kUpload, kDay, kWeek, kMonth, kQuarter, kYear };
  // An enum column's label or value and the value it stands for, as written and folded.
  struct EnumEntry {
    std::string text;
    std::string folded;
    std::string value;
    bool label = false;  // a label (else one of the values, accepted as well)
  };

  SourceRowMapper() = default;
  void MapCell(size_t column, const SourceRow& row, CivilDate upload_date, std::string& scratch,
               MappedRow& out) const;
  bool MatchEnum(size_t column, std::string_view text, std::string& scratch,
                 MappedValue& value) const;
  void AddIssue(MappedRow& out, std::string_view column, std::string_view rule,
                std::string_view value, std::string message) const;
  void SetPeriod(const MappedRow& row, CivilDate upload_date, std::string& period) const;

  SourceContract contract_;
  std::vector<std::string> headers_;           // the file's header row
  std::vector<int> header_of_column_;          // contract column → header index, -1 absent
  std::vector<int> column_of_header_;          // header index → contract column
  std::vector<std::string> column_headers_;    // contract column → its header in the file
  std::vector<std::vector<EnumEntry>> enums_;  // by contract column; empty for other types
  size_t key_column_ = 0;
  PeriodUnit period_unit_ = PeriodUnit::kUpload;
  int period_column_ = -1;      // the date column of the period, -1 for kUpload
  int event_date_column_ = -1;  // -1 when the contract has none
};

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_SOURCE_ROWS_H_
