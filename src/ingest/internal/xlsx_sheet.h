// The expat handler of a worksheet part (<sheetData><row><c>): turns each completed row into an
// XlsxRow with its cells' values (shared strings, dates, formula results) and queues it for
// XlsxReader::Next. Used by xlsx_reader.cc.
#ifndef XIANJIE_INGEST_INTERNAL_XLSX_SHEET_H_
#define XIANJIE_INGEST_INTERNAL_XLSX_SHEET_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/internal/xlsx_package.h"
#include "ingest/xlsx_reader.h"

namespace xianjie::ingest::internal {

// The workbook's shared strings in one buffer (a std::string each would cost 32 bytes and an
// allocation per string, over a part of up to 1 GiB of short items).
inline constexpr size_t kXlsxMaxSharedStrings = size_t{1} << 24;
class SharedStrings {
 public:
  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }
  void Add(std::string_view s) {
    text_.append(s);
    ends_.push_back(text_.size());
  }

 private:
  std::string text_;
  std::vector<size_t> ends_;
};

// The message of a formula cell saved without its computed value.
inline constexpr std::string_view kFormulaWithoutValue =
    "formula without a computed value: open the file in Excel and save it again";

class SheetHandler : public XmlHandler {
 public:
  // The workbook's tables must outlive the handler.
  SheetHandler(std::string sheet, std::string part, const SharedStrings& strings,
               const std::vector<bool>& date_styles, bool date1904);

  void Start(std::string_view name, const char** attributes) override;
  void End(std::string_view name) override;
  void Text(std::string_view text) override;

  // Completed rows with at least one value, oldest first. The parse is suspended once they hold
  // kQueuedCells cells (a row of one cell in column XFD holds 16,384), so that a chunk of small
  // rows never holds much more.
  static constexpr size_t kQueuedCells = 65536;
  // The same for the cells' text (a shared string of 32,767 characters is repeated by every
  // cell that refers to it, from 20 bytes of XML each).
  static constexpr size_t kQueuedBytes = size_t{16} << 20;
  // The most text one row may hold (Excel's 16,384 × 32,767 characters would be 1.5 GiB).
  static constexpr size_t kMaxRowBytes = size_t{64} << 20;
  bool empty() const { return rows_.empty(); }
  size_t queued_cells() const { return queued_cells_; }
  // Moves the oldest row into `row`; false when there is none.
  bool Pop(XlsxRow& row);
  void Clear();

 private:
  void StartRow(const char** attributes);
  void StartCell(const char** attributes);
  void EndCell();
  void EndRow();
  // "sheet 'Name' cell C7 (xl/worksheets/sheet1.xml, line 12)".
  std::string Where() const;
  void Append(std::string& to, std::string_view text);

  const std::string sheet_;
  const std::string part_;
  const SharedStrings& strings_;
  const std::vector<bool>& date_styles_;
  const bool date1904_;

  std::deque<XlsxRow> rows_;
  size_t queued_cells_ = 0;
  size_t queued_bytes_ = 0;
  size_t row_bytes_ = 0;  // the text of the row being read
  XlsxRow row_;
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  int64_t last_row_ = 0;
  // The cell being read.
  bool in_cell_ = false;
  int64_t column_ = -1;
  std::string type_;
  size_t style_ = 0;
  bool has_formula_ = false;
  bool has_value_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;   // inside <is>
  bool in_text_ = false;     // inside <is>…<t>
  int phonetic_depth_ = 0;   // inside <rPh> (phonetic runs are not the text)
  std::string value_;        // <v>
  std::string inline_text_;  // <is><t>… joined
};

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_XLSX_SHEET_H_
