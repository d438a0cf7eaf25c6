// SourceTable (source_table.h): the kind of a file from its first bytes, then XlsxReader or
// ToUtf8 + CsvReader behind one row interface, the header row looked for among the first rows.
// Failures of the readers become one-line kInvalidArgument: whether the package is damaged or
// never was a workbook, the file is the uploader's input and the answer is the same, fix or save
// the file again.
#include "ingest/source_table.h"

#include <cstring>
#include <utility>

#include "ingest/internal/source_cells.h"
#include "ingest/source_headers.h"

namespace xianjie::ingest {
namespace {

// How much of the start of a file is looked at for binary data.
constexpr size_t kSniffBytes = 64 * 1024;

bool IsZip(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4)) ||
         bytes.starts_with(std::string_view("PK\x05\x06", 4));
}

bool IsOle2(std::string_view bytes) {
  return bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

// The status of a file that cannot be read, on one line and as kInvalidArgument (a system
// without GB18030 in iconv keeps kFailedPrecondition: no file would do).
Status FileError(const Status& status) {
  if (status.code() == StatusCode::kFailedPrecondition) return status;
  std::string message = status.message();
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return InvalidArgument(std::move(message));
}

// Why `bytes` (not a zip) is not text at all, or "".
std::string NotText(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return "the file is UTF-16 text (Excel's \"Unicode Text\"), which is not read; save it as CSV "
           "UTF-8 (or as .xlsx) and upload it again";
  }
  const std::string_view head = bytes.substr(0, kSniffBytes);
  const size_t nul = head.find('\0');
  if (nul != std::string_view::npos) {
    return "the file is not a spreadsheet: it is neither an Excel workbook (.xlsx) nor CSV text "
           "(it holds binary data, a NUL byte at offset " +
           std::to_string(nul) + "); save the data as .xlsx or CSV and upload it again";
  }
  return "";
}

bool RowHasValue(const std::vector<XlsxCell>& cells) {
  for (const XlsxCell& cell : cells) {
    if (internal::HasValue(cell)) return true;
  }
  return false;
}

bool FieldsHaveValue(const std::vector<std::string_view>& fields) {
  for (std::string_view f : fields) {
    if (!internal::TrimCell(f).empty()) return true;
  }
  return false;
}

// The header cells as written, without the empty ones at the end.
template <typename Texts>
std::vector<std::string> HeadersOf(const Texts& cells) {
  std::vector<std::string> headers;
  for (const auto& cell : cells) headers.emplace_back(cell);
  while (!headers.empty() && internal::TrimCell(headers.back()).empty()) headers.pop_back();
  return headers;
}

// Looks for the header row among the rows with a value, in file order: without a contract the
// first one; with one, the first that names every required column, the rows before it skipped.
class HeaderSearch {
 public:
  // `unit`: "row" (XLSX) or "line" (CSV), for messages.
  HeaderSearch(const SourceContract* contract, std::string_view unit)
      : contract_(contract), unit_(unit) {}

  // Whether row `number` (with a value; `headers` its cells as HeadersOf gives them) is the
  // header row. `csv_error`: why the record is not well-formed CSV, or "". Fails for a header
  // row that is not well-formed CSV, and when the last row that may be the header is not.
  Result<bool> IsHeader(int64_t number, std::vector<std::string> headers,
                        std::string_view csv_error) {
    if (contract_ == nullptr) {
      if (!csv_error.empty()) return NotCsv(number, csv_error);
      return true;
    }
    const HeaderFit fit = FitHeaders(*contract_, headers);
    if (fit.has_required) {
      if (!csv_error.empty()) return NotCsv(number, csv_error);
      return true;
    }
    if (skipped_.empty() || fit.columns > best_columns_) {
      best_columns_ = fit.columns;
      best_row_ = number;
      best_headers_ = std::move(headers);
      best_csv_error_ = csv_error;
    }
    skipped_.push_back(number);
    if (static_cast<int>(skipped_.size()) == kHeaderSearchRows) return NoHeader();
    return false;
  }

  // The end of the file before a header row: `no_value` when no row had a value, else the
  // header error of the closest row.
  Status AtEnd(std::string no_value) const {
    if (skipped_.empty()) return InvalidArgument(std::move(no_value));
    return NoHeader();
  }

  std::vector<int64_t> TakeSkipped() { return std::move(skipped_); }

 private:
  Status NotCsv(int64_t number, std::string_view csv_error) const {
    return InvalidArgument("the header row (" + unit_ + " " + std::to_string(number) +
                           ") is not valid CSV: " + std::string(csv_error));
  }
  // None of the rows looked at names every required column: the error of the closest.
  Status NoHeader() const {
    if (!best_csv_error_.empty()) return NotCsv(best_row_, best_csv_error_);
    auto matched = MatchHeaders(*contract_, best_headers_, unit_ + " " + std::to_string(best_row_));
    return matched.ok() ? InvalidArgument("no header row") : matched.status();
  }

  const SourceContract* contract_;
  std::string unit_;
  std::vector<int64_t> skipped_;  // the rows with a value looked at, not the header row
  int best_columns_ = 0;
  int64_t best_row_ = 0;
  std::vector<std::string> best_headers_;
  std::string best_csv_error_;
};

}  // namespace

SourceTable::SourceTable() = default;
SourceTable::~SourceTable() = default;

Result<std::unique_ptr<SourceTable>> SourceTable::Open(std::string_view bytes,
                                                       const SourceTableOptions& options) {
  if (bytes.empty()) {
    return InvalidArgument(
        "the file is empty; upload the department's file: a header row, then one row per "
        "record");
  }
  auto table = std::unique_ptr<SourceTable>(new SourceTable());
  if (IsZip(bytes) || IsOle2(bytes)) {
    XJ_RETURN_IF_ERROR(table->OpenXlsx(bytes, options.sheet, options.contract));
  } else {
    XJ_RETURN_IF_ERROR(table->OpenCsv(bytes, options.encoding, options.contract));
  }
  return table;
}

Status SourceTable::OpenXlsx(std::string_view bytes, const std::string& sheet,
                             const SourceContract* contract) {
  format_ = "xlsx";
  auto reader = XlsxReader::Open(std::string(bytes));
  if (!reader.ok()) return FileError(reader.status());
  xlsx_ = std::move(reader).value();
  Status opened = xlsx_->OpenSheet(sheet);
  if (!opened.ok()) return FileError(opened);
  sheet_ = sheet.empty() ? xlsx_->SheetNames().front() : sheet;
  HeaderSearch search(contract, "row");
  std::vector<std::string_view> texts;
  while (true) {
    Result<bool> more = xlsx_->Next(xlsx_row_);
    if (!more.ok()) return FileError(more.status());
    if (!*more) {
      return search.AtEnd("sheet '" + sheet_ +
                          "' has no header row: it holds no value; put the column headers in "
                          "its first row and the records below them");
    }
    if (!RowHasValue(xlsx_row_.cells)) continue;
    texts.clear();
    for (const XlsxCell& cell : xlsx_row_.cells) texts.push_back(cell.text);
    XJ_ASSIGN_OR_RETURN(bool header, search.IsHeader(xlsx_row_.number, HeadersOf(texts), ""));
    if (header) break;
  }
  headers_ = HeadersOf(texts);
  header_row_ = xlsx_row_.number;
  skipped_rows_ = search.TakeSkipped();
  return Status::Ok();
}

Status SourceTable::OpenCsv(std::string_view bytes, TextEncoding encoding,
                            const SourceContract* contract) {
  format_ = "csv";
  if (std::string why = NotText(bytes); !why.empty()) return InvalidArgument(std::move(why));
  std::string detected;
  Result<std::string> text = ToUtf8(bytes, encoding, &detected);
  if (!text.ok()) {
    if (encoding == TextEncoding::kAuto && text.status().code() == StatusCode::kInvalidArgument) {
      return InvalidArgument(
          "the file is neither an Excel workbook (.xlsx) nor CSV text in UTF-8 or GBK: " +
          text.status().message());
    }
    return FileError(text.status());
  }
  text_ = std::move(text).value();
  encoding_ = detected == "GB18030" ? "gb18030" : "utf-8";
  csv_ = std::make_unique<CsvReader>(text_);
  HeaderSearch search(contract, "line");
  while (true) {
    if (!csv_->Next(record_)) {
      return search.AtEnd(
          "the file has no header row: it holds no value; put the column headers on its first "
          "line and one record on each line below");
    }
    const bool malformed = record_.error != CsvError::kNone;
    if (!malformed && !FieldsHaveValue(record_.fields)) continue;
    XJ_ASSIGN_OR_RETURN(bool header, search.IsHeader(record_.line, HeadersOf(record_.fields),
                                                     malformed ? CsvErrorMessage(record_.error)
                                                               : std::string_view()));
    if (header) break;
  }
  headers_ = HeadersOf(record_.fields);
  header_row_ = record_.line;
  skipped_rows_ = search.TakeSkipped();
  return Status::Ok();
}

Result<bool> SourceTable::Next(SourceRow& row) {
  if (!failed_.ok()) return failed_;
  if (xlsx_ != nullptr) return NextXlsx(row);
  if (csv_ != nullptr) return NextCsv(row);
  return false;
}

Result<bool> SourceTable::NextXlsx(SourceRow& row) {
  while (true) {
    Result<bool> more = xlsx_->Next(xlsx_row_);
    if (!more.ok()) {
      failed_ = FileError(more.status());
      return failed_;
    }
    if (!*more) return false;
    if (RowHasValue(xlsx_row_.cells)) break;
  }
  row.number = xlsx_row_.number;
  std::swap(row.cells, xlsx_row_.cells);
  row.raw.clear();
  for (size_t i = 0; i < row.cells.size(); ++i) {
    if (i > 0) row.raw += ',';
    AppendCsvField(row.raw, row.cells[i].text);
  }
  row.error_rule.clear();
  row.error_message.clear();
  row.error_cell = -1;
  row.date1904 = xlsx_->date1904();
  return true;
}

bool SourceTable::NextCsv(SourceRow& row) {
  while (true) {
    if (!csv_->Next(record_)) return false;
    if (record_.error != CsvError::kNone || FieldsHaveValue(record_.fields)) break;
  }
  row.number = record_.line;
  row.cells.resize(record_.fields.size());
  for (size_t i = 0; i < record_.fields.size(); ++i) {
    XlsxCell& cell = row.cells[i];
    cell.text.assign(record_.fields[i]);
    cell.kind = cell.text.empty() ? XlsxCellKind::kEmpty : XlsxCellKind::kText;
  }
  row.raw.assign(record_.raw);
  row.error_rule.assign(CsvErrorRule(record_.error));
  row.error_message.assign(CsvErrorMessage(record_.error));
  row.error_cell = record_.error_field;
  row.date1904 = false;
  return true;
}

}  // namespace xianjie::ingest
