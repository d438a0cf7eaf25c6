// The typed reading of one cell of a department file (source_rows.h): ID numbers, household
// ids, text, money, dates, integers, decimals and yes/no values, from XLSX cells of any kind and
// from CSV text, each with the rule and message of what is wrong. Enum columns are matched by
// the row mapper, which holds their labels. Pure functions; valid cells allocate nothing beyond
// the value's own text (integers and decimals, rare in contracts, excepted).
#ifndef XIANJIE_INGEST_INTERNAL_SOURCE_CELLS_H_
#define XIANJIE_INGEST_INTERNAL_SOURCE_CELLS_H_

#include <string>
#include <string_view>

#include "base/date.h"
#include "ingest/internal/source_text.h"
#include "ingest/source_contract.h"
#include "ingest/source_rows.h"
#include "ingest/xlsx_reader.h"

namespace xianjie::ingest::internal {

// True when the cell holds something other than white space.
inline bool HasValue(const XlsxCell& cell) {
  return cell.kind != XlsxCellKind::kEmpty && !TrimCell(cell.text).empty();
}

// What is wrong with a cell.
struct CellProblem {
  std::string_view rule;
  std::string message;
};

// What a cell's parse needs besides the cell.
struct CellContext {
  CivilDate upload_date;  // dates after it are refused; ID numbers' birth dates likewise
  bool date1904 = false;  // XLSX: the base of serial numbers in date columns
  std::string* scratch = nullptr;
};

// Parses a cell that has a value (HasValue) of a column of `type` (not kEnum) into `value`
// (text, number and decimal as source_rows.h documents; `present` is left to the caller).
// `trimmed` is TrimCell(cell.text). Returns false with `problem` set when the cell is not a valid
// value of the type; kError cells are the caller's.
bool ParseCell(ColumnType type, const XlsxCell& cell, std::string_view trimmed,
               const CellContext& context, MappedValue& value, CellProblem& problem);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_SOURCE_CELLS_H_
