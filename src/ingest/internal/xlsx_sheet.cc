// SheetHandler: the cells of SpreadsheetML (ECMA-376 Part 1, §18.3.1.4 c, §18.18.11 ST_CellType).
#include "ingest/internal/xlsx_sheet.h"

#include <charconv>
#include <utility>

#include "ingest/internal/xlsx_values.h"
#include "ingest/xlsx_writer.h"

namespace xianjie::ingest::internal {
namespace {

// A cell's text may take 4 bytes a UTF-16 unit at most (a _xHHHH_ escape takes 7 for one);
// past this the cell is too long whatever it decodes to.
constexpr size_t kMaxCellBytes = kXlsxReadMaxCellCharacters * 7;

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits;
}

}  // namespace

SheetHandler::SheetHandler(std::string sheet, std::string part, const SharedStrings& strings,
                           const std::vector<bool>& date_styles, bool date1904)
    : sheet_(std::move(sheet)),
      part_(std::move(part)),
      strings_(strings),
      date_styles_(date_styles),
      date1904_(date1904) {}

std::string SheetHandler::Where() const {
  std::string where = "sheet '" + sheet_ + "'";
  if (column_ >= 0 && column_ < kXlsxReadMaxColumns) {
    where += " cell " + XlsxColumnName(static_cast<size_t>(column_)) + std::to_string(last_row_);
  } else if (in_row_) {
    where += " row " + std::to_string(last_row_);
  }
  return where + " (" + part_ + ", line " + std::to_string(Line()) + ")";
}

void SheetHandler::Start(std::string_view name, const char** attributes) {
  if (!in_sheet_data_) {
    if (name == "sheetData") in_sheet_data_ = true;
    return;
  }
  if (name == "row") {
    StartRow(attributes);
  } else if (name == "c" && in_row_) {
    StartCell(attributes);
  } else if (!in_cell_) {
    return;
  } else if (name == "v") {
    in_value_ = true;
    has_value_ = true;
    value_.clear();
  } else if (name == "f") {
    has_formula_ = true;
  } else if (name == "is") {
    in_inline_ = true;
  } else if (name == "rPh") {
    ++phonetic_depth_;
  } else if (name == "t" && in_inline_ && phonetic_depth_ == 0) {
    in_text_ = true;
  }
}

void SheetHandler::End(std::string_view name) {
  if (!in_sheet_data_) return;
  if (name == "sheetData") {
    in_sheet_data_ = false;
  } else if (name == "row") {
    if (in_row_) EndRow();
  } else if (!in_cell_) {
    return;
  } else if (name == "c") {
    EndCell();
  } else if (name == "v") {
    in_value_ = false;
  } else if (name == "is") {
    in_inline_ = false;
  } else if (name == "rPh") {
    --phonetic_depth_;
  } else if (name == "t") {
    in_text_ = false;
  }
}

void SheetHandler::Text(std::string_view text) {
  if (in_value_) {
    Append(value_, text);
  } else if (in_text_) {
    Append(inline_text_, text);
  }
}

void SheetHandler::Append(std::string& to, std::string_view text) {
  if (to.size() + text.size() > kMaxCellBytes) {
    Fail(InvalidArgument(Where() + " holds more than 32,767 characters, the most a cell holds; "
                                   "shorten it"));
    return;
  }
  to.append(text);
}

void SheetHandler::StartRow(const char** attributes) {
  int64_t number = last_row_ + 1;
  if (const char* r = FindAttribute(attributes, "r")) {
    int64_t parsed = 0;
    const std::string_view text(r);
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec == std::errc::result_out_of_range)
      parsed = kXlsxReadMaxRows + 1;
    else if (ec != std::errc() || ptr != text.data() + text.size() || parsed < 1) {
      Fail(DataLoss("sheet '" + sheet_ + "' has a row numbered '" + std::string(text) + "' (" +
                    part_ + ", line " + std::to_string(Line()) +
                    "); the workbook is damaged: open it in Excel and save it again"));
      return;
    }
    number = parsed;
  }
  if (number > kXlsxReadMaxRows) {
    Fail(InvalidArgument("sheet '" + sheet_ + "' has a row numbered " + WithThousands(number) +
                         " (" + part_ + ", line " + std::to_string(Line()) +
                         "); a sheet holds at most 1,048,576 rows: split it"));
    return;
  }
  last_row_ = number;
  in_row_ = true;
  column_ = -1;
  row_.number = number;
  row_.cells.clear();
  row_bytes_ = 0;
}

void SheetHandler::StartCell(const char** attributes) {
  in_cell_ = true;
  has_formula_ = has_value_ = in_value_ = in_inline_ = in_text_ = false;
  phonetic_depth_ = 0;
  value_.clear();
  inline_text_.clear();
  const char* type = FindAttribute(attributes, "t");
  type_ = type == nullptr ? "n" : type;
  style_ = 0;
  if (const char* s = FindAttribute(attributes, "s")) {
    const std::string_view text(s);
    size_t parsed = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    style_ = ec == std::errc() && ptr == text.data() + text.size() ? parsed : SIZE_MAX;
  }
  int64_t column = column_ + 1;
  if (const char* r = FindAttribute(attributes, "r")) {
    auto ref = ParseCellReference(r, kXlsxReadMaxColumns - 1, kXlsxReadMaxRows);
    if (!ref) {
      column_ = -1;
      Fail(DataLoss(Where() + " has the reference '" + std::string(r) +
                    "', which is not a cell; the workbook is damaged: open it in Excel and "
                    "save it again"));
      return;
    }
    column = ref->column;
  }
  column_ = column;
  if (column >= kXlsxReadMaxColumns) {
    Fail(InvalidArgument("sheet '" + sheet_ + "' row " + std::to_string(last_row_) +
                         " has a cell past column XFD (" + part_ + ", line " +
                         std::to_string(Line()) + "); a sheet holds at most 16,384 columns"));
  }
}

void SheetHandler::EndCell() {
  in_cell_ = false;
  if (column_ < 0 || column_ >= kXlsxReadMaxColumns) return;
  XlsxCell cell;
  if (type_ == "inlineStr") {
    DecodeXstring(inline_text_);
    cell.text = std::move(inline_text_);
    inline_text_.clear();
    cell.kind = XlsxCellKind::kText;
  } else if (!has_value_) {
    if (has_formula_) {
      cell.kind = XlsxCellKind::kError;
      cell.text = kFormulaWithoutValue;
    }
  } else if (type_ == "s") {
    size_t index = 0;
    auto [ptr, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
    if (ec != std::errc() || ptr != value_.data() + value_.size() || index >= strings_.size()) {
      Fail(DataLoss(Where() + " refers to shared string '" + value_ + "', but the workbook has " +
                    std::to_string(strings_.size()) +
                    "; the workbook is damaged: open it in Excel and save it again"));
      return;
    }
    cell.kind = XlsxCellKind::kText;
    cell.text = std::string(strings_[index]);
  } else if (type_ == "str") {
    DecodeXstring(value_);
    cell.kind = XlsxCellKind::kText;
    cell.text = value_;
  } else if (type_ == "b") {
    if (value_ == "1" || value_ == "true") {
      cell = {XlsxCellKind::kBoolean, "TRUE"};
    } else if (value_ == "0" || value_ == "false") {
      cell = {XlsxCellKind::kBoolean, "FALSE"};
    } else {
      cell = {XlsxCellKind::kError, "a TRUE/FALSE cell holding '" + value_ + "'"};
    }
  } else if (type_ == "e") {
    cell = {XlsxCellKind::kError, value_};
  } else if (type_ == "d") {
    cell = {XlsxCellKind::kDate, value_};
  } else {
    std::optional<double> number = ParseNumber(value_);
    if (!number) {
      cell = {XlsxCellKind::kError, "a number cell holding '" + value_ + "'"};
    } else if (style_ < date_styles_.size() && date_styles_[style_]) {
      if (auto iso = SerialToIso(*number, date1904_)) cell = {XlsxCellKind::kDate, *iso};
    }
    if (cell.kind == XlsxCellKind::kEmpty) {
      cell = {XlsxCellKind::kNumber, CanonicalNumber(value_).value_or(value_)};
    }
  }
  if (cell.kind == XlsxCellKind::kText && cell.text.empty()) return;
  if (Utf16Length(cell.text) > kXlsxReadMaxCellCharacters) {
    Fail(InvalidArgument(Where() + " holds " +
                         WithThousands(static_cast<int64_t>(Utf16Length(cell.text))) +
                         " characters; a cell holds at most 32,767: shorten it"));
    return;
  }
  if (cell.kind == XlsxCellKind::kEmpty) return;
  row_bytes_ += cell.text.size();
  if (row_bytes_ > kMaxRowBytes) {
    Fail(InvalidArgument(Where() + ": the row holds more than 64 MiB of text; no department "
                                   "list needs that much, check the sheet and split it"));
    return;
  }
  auto& cells = row_.cells;
  if (static_cast<size_t>(column_) >= cells.size()) cells.resize(static_cast<size_t>(column_) + 1);
  cells[static_cast<size_t>(column_)] = std::move(cell);
}

void SheetHandler::EndRow() {
  in_row_ = false;
  if (row_.cells.empty()) return;
  queued_cells_ += row_.cells.size();
  queued_bytes_ += row_bytes_;
  rows_.push_back(std::move(row_));
  row_ = XlsxRow();
  if (queued_cells_ >= kQueuedCells || queued_bytes_ >= kQueuedBytes) Suspend();
}

bool SheetHandler::Pop(XlsxRow& row) {
  if (rows_.empty()) return false;
  std::swap(row, rows_.front());
  rows_.pop_front();
  queued_cells_ -= row.cells.size();
  for (const auto& cell : row.cells) queued_bytes_ -= cell.text.size();
  return true;
}

void SheetHandler::Clear() {
  rows_.clear();
  queued_cells_ = 0;
  queued_bytes_ = 0;
}

}  // namespace xianjie::ingest::internal
