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

std::string FiltersText(const TableExportInput& input) {
  std::string text;
  for (const auto& [name, value] : input.filters) {
    if (!text.empty()) text += "；";
    text += name + "=" + MaskIdNumbersIn(value);
  }
  return text.empty() ? "无" : text;
}

}  // namespace

std::string ExportCell(const nlohmann::json& value, ExportType type) {
  if (value.is_null()) return "";
  if (value.is_boolean()) {
    if (type == ExportType::kBool) return value.get<bool>() ? "是" : "否";
    return value.get<bool>() ? "true" : "false";
  }
  if (value.is_number()) return NumberText(value);
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    return type == ExportType::kDate ? BeijingTime(text) : text;
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
        joined += ExportCell(element, ExportType::kText);
      }
      return joined;
    }
  }
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::vector<std::string>> TableSheetRows(const TableExportInput& input,
                                                     const std::string& region_name,
                                                     const std::string& now_utc) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(input.rows.size() + kExportHeaderRow + 1);
  rows.push_back({input.what});
  rows.push_back({"区域：" + (region_name.empty() ? input.region
                                                  : region_name + "（" + input.region + "）")});
  rows.push_back({"筛选条件：" + FiltersText(input)});
  rows.push_back({"导出时间：" + BeijingTime(now_utc) + "（北京时间）　导出人：" + input.who});
  rows.push_back({"共 " + std::to_string(input.rows.size()) + " 条"});
  std::vector<std::string> headers;
  for (const ExportColumn& c : input.columns) headers.push_back(c.header);
  rows.push_back(std::move(headers));
  for (const nlohmann::json& item : input.rows) {
    std::vector<std::string> cells;
    cells.reserve(input.columns.size());
    for (const ExportColumn& c : input.columns) {
      const nlohmann::json* value = Field(item, c.field);
      cells.push_back(value == nullptr ? "" : ExportCell(*value, c.type));
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
  sheet.name = input.what;  // a fixed name of the export table (at most 31 characters)
  sheet.rows = TableSheetRows(input, region_name, now);
  sheet.bold_header = true;
  for (const ExportColumn& c : input.columns) {
    sheet.column_widths.push_back(c.type == ExportType::kText ? 20 : 14);
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
  out.filename = input.what + "-" + (region_name.empty() ? input.region : region_name) + "-" +
                 cases::ChinaDateOf(now).ToString() + ".xlsx";
  out.rows = count;
  return out;
}

}  // namespace xianjie::service
