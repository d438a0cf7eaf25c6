// SourceRowMapper (source_rows.h): header matching once per file, then per row each mapped cell
// through its type's parser (internal/source_cells.h), the key, the period and the event date.
// Map reuses the row's buffers; on valid rows it allocates only when a value outgrows them.
#include "ingest/source_rows.h"

#include <utility>

#include "ingest/internal/source_cells.h"
#include "ingest/internal/utf8.h"
#include "ingest/internal/xlsx_sheet.h"
#include "ingest/source_headers.h"

namespace xianjie::ingest {
namespace {

constexpr std::string_view kRules[] = {
    "required.missing",
    "cell.error",
    "id_number.number_cell",
    "id_number.length",
    "id_number.characters",
    "id_number.birth_date",
    "id_number.check",
    "household_id.too_long",
    "household_id.number_cell",
    "text.too_long",
    "money.format",
    "money.negative",
    "date.format",
    "date.future",
    "integer.format",
    "decimal.format",
    "bool.format",
    "enum.unknown",
    "period.missing",
    "row.extra_cells",
    "csv.unterminated_quote",
    "csv.stray_quote",
    "csv.char_after_quote",
    "csv.bare_cr",
    "csv.invalid_utf8",
    "csv.nul_byte",
};

std::string Quoted(std::string_view value) {
  std::string out = "'";
  out += internal::Shortened(value);
  out += '\'';
  return out;
}

std::string CellErrorMessage(std::string_view text) {
  if (text.starts_with('#')) {
    return "the cell shows Excel's error value " + std::string(text) +
           " instead of a value; correct the formula or type the value, then upload the file "
           "again";
  }
  if (text == internal::kFormulaWithoutValue) return "the cell is a " + std::string(text);
  return "the cell cannot be read (" + std::string(text) +
         "); type its value again in Excel and save the file";
}

// Appends `text` as a JSON string; bytes that are not UTF-8 become U+FFFD.
void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const auto b = static_cast<uint8_t>(*p);
    if (b >= 0x80) {
      const size_t n = internal::Utf8SequenceLength(p, end);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        ++p;
      } else {
        out.append(p, n);
        p += n;
      }
      continue;
    }
    switch (b) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (b < 0x20) {
          out += "\\u00";
          out += kHex[b >> 4];
          out += kHex[b & 15];
        } else {
          out += static_cast<char>(b);
        }
    }
    ++p;
  }
  out += '"';
}

}  // namespace

std::span<const std::string_view> SourceRowRules() { return kRules; }

Result<SourceRowMapper> SourceRowMapper::Create(const SourceContract& contract,
                                                const std::vector<std::string>& headers) {
  XJ_ASSIGN_OR_RETURN(HeaderMap map, MatchHeaders(contract, headers));
  SourceRowMapper m;
  m.contract_ = contract;
  m.headers_ = headers;
  m.header_of_column_ = std::move(map.header_of_column);
  m.column_of_header_ = std::move(map.column_of_header);
  const size_t n = m.contract_.columns.size();
  m.column_headers_.resize(n);
  m.enums_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const ContractColumn& c = m.contract_.columns[i];
    if (m.header_of_column_[i] >= 0) m.column_headers_[i] = headers[m.header_of_column_[i]];
    if (c.type != ColumnType::kEnum) continue;
    for (const EnumValue& e : c.values) {
      m.enums_[i].push_back({e.label, FoldHeader(e.label), e.value, true});
    }
    for (const EnumValue& e : c.values) {
      bool seen = false;
      for (const EnumEntry& entry : m.enums_[i]) seen = seen || entry.text == e.value;
      if (!seen) m.enums_[i].push_back({e.value, FoldHeader(e.value), e.value, false});
    }
  }
  m.key_column_ = static_cast<size_t>(&m.contract_.KeyColumn() - m.contract_.columns.data());

  const std::string& period = m.contract_.period;
  if (period != "upload") {
    const size_t colon = period.find(':');
    const std::string_view unit = std::string_view(period).substr(0, colon);
    m.period_unit_ = unit == "day_of"       ? PeriodUnit::kDay
                     : unit == "week_of"    ? PeriodUnit::kWeek
                     : unit == "quarter_of" ? PeriodUnit::kQuarter
                     : unit == "year_of"    ? PeriodUnit::kYear
                                            : PeriodUnit::kMonth;
    const ContractColumn* c = m.contract_.FindColumn(period.substr(colon + 1));
    if (c == nullptr) {
      return InvalidArgument("the contract of source '" + m.contract_.name +
                             "' derives its period ('" + period + "') from an undeclared column");
    }
    m.period_column_ = static_cast<int>(c - m.contract_.columns.data());
    if (m.header_of_column_[m.period_column_] < 0) {
      std::string message = "the file has no column '" + c->header + "'";
      for (const std::string& alias : c->aliases) message += " (or '" + alias + "')";
      return InvalidArgument(message + "; source '" + m.contract_.name +
                             "' files each record under the period of that date: add the column");
    }
  }
  if (const ContractColumn* c = m.contract_.FindColumn(m.contract_.event_date); c != nullptr) {
    m.event_date_column_ = static_cast<int>(c - m.contract_.columns.data());
  }
  return m;
}

void SourceRowMapper::AddIssue(MappedRow& out, std::string_view column, std::string_view rule,
                               std::string_view value, std::string message) const {
  RowIssue& issue = out.issues.emplace_back();
  issue.column = column;
  issue.rule = rule;
  issue.value = internal::Shortened(value);
  issue.message = std::move(message);
}

bool SourceRowMapper::MatchEnum(size_t column, std::string_view text, std::string& scratch,
                                MappedValue& value) const {
  const std::vector<EnumEntry>& entries = enums_[column];
  for (const EnumEntry& e : entries) {
    if (e.text == text) {
      value.text = e.value;
      return true;
    }
  }
  scratch = FoldHeader(text);
  for (const EnumEntry& e : entries) {
    if (e.folded == scratch) {
      value.text = e.value;
      return true;
    }
  }
  return false;
}

void SourceRowMapper::MapCell(size_t column, const SourceRow& row, CivilDate upload_date,
                              std::string& scratch, MappedRow& out) const {
  static const XlsxCell kNoCell;
  const ContractColumn& c = contract_.columns[column];
  const std::string& header = column_headers_[column];
  const auto h = static_cast<size_t>(header_of_column_[column]);
  const XlsxCell& cell = h < row.cells.size() ? row.cells[h] : kNoCell;
  const std::string_view trimmed = internal::TrimCell(cell.text);
  if (cell.kind == XlsxCellKind::kEmpty || trimmed.empty()) {
    if (c.required) {
      AddIssue(out, header, "required.missing", "",
               "'" + header + "' is required but empty in this row; fill it in" +
                   (column == key_column_ ? " (the row is matched to the registry by it)" : ""));
    } else if (static_cast<int>(column) == period_column_) {
      AddIssue(out, header, "period.missing", "",
               "'" + header + "' is empty, but source '" + contract_.name +
                   "' files each record under the period of this date; fill it in");
    }
    return;
  }
  if (cell.kind == XlsxCellKind::kError) {
    AddIssue(out, header, "cell.error", cell.text, CellErrorMessage(cell.text));
    return;
  }
  MappedValue& value = out.values[column];
  if (c.type == ColumnType::kEnum) {
    if (!MatchEnum(column, trimmed, scratch, value)) {
      std::string message =
          Quoted(cell.text) + " is not a value of '" + header + "'; write one of ";
      std::string codes;
      bool first = true;
      for (const EnumEntry& e : enums_[column]) {
        if (!e.label) {
          codes += codes.empty() ? "" : ", ";
          codes += e.text;
          continue;
        }
        message += first ? "" : ", ";
        message += e.text;
        first = false;
      }
      if (!codes.empty()) message += " (or their codes " + codes + ")";
      AddIssue(out, header, "enum.unknown", cell.text, std::move(message));
      return;
    }
    value.present = true;
    return;
  }
  internal::CellProblem problem;
  const internal::CellContext context{upload_date, row.date1904, &scratch};
  if (!internal::ParseCell(c.type, cell, trimmed, context, value, problem)) {
    AddIssue(out, header, problem.rule, cell.text, std::move(problem.message));
    return;
  }
  value.present = true;
}

void SourceRowMapper::SetPeriod(const MappedRow& row, CivilDate upload_date,
                                std::string& period) const {
  CivilDate date = upload_date;
  if (period_unit_ != PeriodUnit::kUpload) {
    const MappedValue& value = row.values[static_cast<size_t>(period_column_)];
    if (!value.present) return;
    date = CivilDate::FromDays(static_cast<int32_t>(value.number));
  }
  switch (period_unit_) {
    case PeriodUnit::kDay:
      internal::AppendDate(period, date);
      return;
    case PeriodUnit::kWeek: {
      int year = 0, week = 0;
      internal::IsoWeek(date, year, week);
      internal::AppendPadded(period, year, 4);
      period += "-W";
      internal::AppendPadded(period, week, 2);
      return;
    }
    case PeriodUnit::kQuarter:
      internal::AppendPadded(period, date.year(), 4);
      period += "-Q";
      period += static_cast<char>('1' + (date.month() - 1) / 3);
      return;
    case PeriodUnit::kYear:
      internal::AppendPadded(period, date.year(), 4);
      return;
    case PeriodUnit::kUpload:
    case PeriodUnit::kMonth:
      internal::AppendPadded(period, date.year(), 4);
      period += '-';
      internal::AppendPadded(period, date.month(), 2);
      return;
  }
}

void SourceRowMapper::Map(const SourceRow& row, CivilDate upload_date, MappedRow& out) const {
  out.number = row.number;
  out.raw.assign(row.raw);
  out.issues.clear();
  out.key.clear();
  out.period.clear();
  out.event_date.clear();
  out.values.resize(contract_.columns.size());
  for (MappedValue& v : out.values) {
    v.present = false;
    v.text.clear();
    v.number = 0;
    v.decimal = 0;
  }
  if (!row.error_rule.empty()) {
    std::string_view column;
    std::string_view value;
    if (row.error_cell >= 0 && static_cast<size_t>(row.error_cell) < headers_.size()) {
      column = headers_[static_cast<size_t>(row.error_cell)];
    }
    if (row.error_cell >= 0 && static_cast<size_t>(row.error_cell) < row.cells.size()) {
      value = row.cells[static_cast<size_t>(row.error_cell)].text;
    }
    AddIssue(out, column, row.error_rule, value, row.error_message);
    out.ok = false;
    return;
  }

  thread_local std::string scratch;
  for (size_t j = 0; j < column_of_header_.size(); ++j) {
    MapCell(static_cast<size_t>(column_of_header_[j]), row, upload_date, scratch, out);
  }
  size_t extra = 0;
  size_t first_extra = 0;
  for (size_t j = headers_.size(); j < row.cells.size(); ++j) {
    if (!internal::HasValue(row.cells[j])) continue;
    if (extra++ == 0) first_extra = j;
  }
  if (extra > 0) {
    AddIssue(out, "", "row.extra_cells", row.cells[first_extra].text,
             "the row has " + std::to_string(extra) + (extra == 1 ? " value" : " values") +
                 " to the right of the last header (from column " +
                 std::to_string(first_extra + 1) +
                 "); delete them, or give their column a header the contract knows");
  }

  const MappedValue& key = out.values[key_column_];
  if (key.present) out.key = key.text;
  SetPeriod(out, upload_date, out.period);
  if (event_date_column_ >= 0) {
    const MappedValue& event = out.values[static_cast<size_t>(event_date_column_)];
    if (event.present) out.event_date = event.text;
  }
  out.ok = out.issues.empty();
}

std::string SourceRowMapper::ValuesJson(const MappedRow& row) const {
  std::string out;
  AppendValuesJson(row, out);
  return out;
}

void SourceRowMapper::AppendValuesJson(const MappedRow& row, std::string& out) const {
  out += '{';
  bool first = true;
  for (size_t i = 0; i < contract_.columns.size() && i < row.values.size(); ++i) {
    const MappedValue& v = row.values[i];
    if (!v.present) continue;
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, contract_.columns[i].name);
    out += ':';
    switch (contract_.columns[i].type) {
      case ColumnType::kMoney:
      case ColumnType::kInteger:
      case ColumnType::kDecimal:
      case ColumnType::kBool:
        out += v.text;
        break;
      default:
        AppendJsonString(out, v.text);
    }
  }
  out += '}';
}

}  // namespace xianjie::ingest
