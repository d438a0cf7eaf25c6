// A table view's workbook (table_export.h): cells by column type, the title block, the audit.
#include "service/table_export.h"

#include <cmath>
#include <cstdio>

#include "access/authorize.h"
#include "base/date.h"
#include "cases/case.h"
#include "ingest/xlsx_writer.h"
#include "service/common.h"

namespace xianjie::service {
namespace {

// "2026-11-30T02:45:12Z" (UTC, as the API gives times) → "2026-11-30 10:45:12" in Beijing time
// (UTC+8 all year), as the UI shows them; anything else as given.
std::string BeijingTime(const std::string& utc) {
  if (utc.size() < 19 || utc[10] != 'T' || utc[13] != ':') return utc;
  const CivilDate date = cases::ChinaDateOf(utc);
  const int hour = (utc[11] - '0') * 10 + (utc[12] - '0');
  if (hour < 0 || hour > 23) return utc;
  char hh[3];
  std::snprintf(hh, sizeof hh, "%02d", (hour + 8) % 24);
  return date.ToString() + " " + hh + utc.substr(13, 6);
}

const nlohmann::json* Field(const nlohmann::json& item, const std::string& field) {
  const nlohmann::json* at = &item;
  size_t start = 0;
  while (true) {
    const size_t slash = field.find('/', start);
    const std::string key = field.substr(start, slash - start);
    if (!at->is_object()) return nullptr;
    auto it = at->find(key);
    if (it == at->end()) return nullptr;
    at = &*it;
    if (slash == std::string::npos) return at;
    start = slash + 1;
  }
}

std::string NumberText(const nlohmann::json& value) {
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  const double d = value.get<double>();
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
    return std::to_string(static_cast<int64_t>(d));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  return buf;
}

// The words of the title block and of yes/no cells in one language.
struct Words {
  const char* region;
  const char* open;  // around the region's code after its name
  const char* close;
  const char* filters;
  const char* no_filters;
  const char* when;
  const char* who;
  const char* count_before;
  const char* count_after;
  const char* yes;
  const char* no;
};
constexpr Words kChinese = {"区域：", "（", "）", "筛选条件：", "无", "导出时间：",
                            "（北京时间）　导出人：", "共 ", " 条", "是", "否"};
constexpr Words kEnglish = {"Region: ", " (", ")", "Filters: ", "none", "Exported: ",
                            " (Beijing time), by ", "Rows: ", "", "Yes", "No"};
const Words& WordsIn(Language language) {
  return language == Language::kEnglish ? kEnglish : kChinese;
}

std::string FiltersText(const TableExportInput& input, const Words& words) {
  std::string text;
  for (const auto& [name, value] : input.filters) {
    if (!text.empty()) text += "；";
    text += name + "=" + MaskIdNumbersIn(value);
  }
  return text.empty() ? words.no_filters : text;
}

// A string of a list or a column as text, or as its label in a code column.
std::string StringCell(const std::string& text, const ExportColumn& column, Language language) {
  if (column.type != ExportType::kCode) return text;
  return BuiltinCodeLabels().LabelOr(column.group, text, language);
}

const std::string& What(const TableExportInput& input) {
  return input.language == Language::kEnglish ? input.what_en : input.what;
}

}  // namespace

std::string ExportCell(const nlohmann::json& value, const ExportColumn& column, Language language) {
  if (value.is_null()) return "";
  if (value.is_boolean()) {
    if (column.type == ExportType::kBool) {
      const Words& words = WordsIn(language);
      return value.get<bool>() ? words.yes : words.no;
    }
    return value.get<bool>() ? "true" : "false";
  }
  if (value.is_number()) return NumberText(value);
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    return column.type == ExportType::kDate ? BeijingTime(text)
                                            : StringCell(text, column, language);
  }
  if (value.is_array()) {
    std::string joined;
    bool all_text = true;
    for (const nlohmann::json& element : value) {
      if (!element.is_string() && !element.is_number()) all_text = false;
    }
    if (all_text) {
      for (const nlohmann::json& element : value) {
        if (!joined.empty()) joined += "；";
        if (element.is_number()) {
          joined += NumberText(element);
        } else {
          joined += StringCell(element.get_ref<const std::string&>(), column, language);
        }
      }
      return joined;
    }
  }
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::vector<std::string>> TableSheetRows(const TableExportInput& input,
                                                     const std::string& region_name,
                                                     const std::string& now_utc) {
  const Words& words = WordsIn(input.language);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(input.rows.size() + kExportHeaderRow + 1);
  rows.push_back({What(input)});
  rows.push_back({words.region + (region_name.empty()
                                      ? input.region
                                      : region_name + words.open + input.region + words.close)});
  rows.push_back({words.filters + FiltersText(input, words)});
  rows.push_back({words.when + BeijingTime(now_utc) + words.who + input.who});
  rows.push_back({words.count_before + std::to_string(input.rows.size()) + words.count_after});
  std::vector<std::string> headers;
  for (const ExportColumn& c : input.columns) {
    headers.push_back(input.language == Language::kEnglish ? c.header_en : c.header);
  }
  rows.push_back(std::move(headers));
  for (const nlohmann::json& item : input.rows) {
    std::vector<std::string> cells;
    cells.reserve(input.columns.size());
    for (const ExportColumn& c : input.columns) {
      const bool english = input.language == Language::kEnglish && !c.field_en.empty();
      const nlohmann::json* value = Field(item, english ? c.field_en : c.field);
      cells.push_back(value == nullptr ? "" : ExportCell(*value, c, input.language));
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

Status CheckExportRows(int64_t rows, int64_t max_rows) {
  if (rows <= max_rows) return Status::Ok();
  return InvalidArgument("the export would hold " + std::to_string(rows) +
                         " rows, more than the " + std::to_string(max_rows) +
                         " one workbook may hold; narrow the filters (a smaller region, a "
                         "state) and export each part");
}

Result<TableWorkbook> WriteTableExport(Workspace& ws, const access::Principal& principal,
                                       const TableExportInput& input) {
  const int64_t count = static_cast<int64_t>(input.rows.size());
  XJ_RETURN_IF_ERROR(CheckExportRows(count, input.max_rows));
  const std::string now = ws.Now();
  const std::string region_name = ws.view()->RegionName(input.region);
  ingest::Sheet sheet;
  sheet.name = What(input);  // a fixed name of the export table (at most 31 characters)
  sheet.rows = TableSheetRows(input, region_name, now);
  sheet.bold_header = true;
  for (const ExportColumn& c : input.columns) {
    // Words (texts, labels) get wider columns than figures and dates.
    const bool words = c.type == ExportType::kText || c.type == ExportType::kCode;
    sheet.column_widths.push_back(words ? 20 : 14);
  }
  XJ_ASSIGN_OR_RETURN(std::string xlsx, ingest::WriteXlsx({sheet}));
  nlohmann::json filters = nlohmann::json::object();
  for (const auto& [name, value] : input.filters) filters[name] = MaskIdNumbersIn(value);
  const nlohmann::json detail = {{"what", input.what},
                                 {"route", input.route},
                                 {"filters", std::move(filters)},
                                 {"rows", count},
                                 {"mask_ids", !access::SeesFullIdNumbers(principal.role)}};
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "table.export", input.region,
                                detail.dump(-1, ' ', false,
                                            nlohmann::json::error_handler_t::replace)));
  TableWorkbook out;
  out.xlsx = std::move(xlsx);
  out.filename = What(input) + "-" + (region_name.empty() ? input.region : region_name) + "-" +
                 cases::ChinaDateOf(now).ToString() + ".xlsx";
  out.rows = count;
  return out;
}

}  // namespace xianjie::service
