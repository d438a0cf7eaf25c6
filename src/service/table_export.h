// A table view's workbook (issue 7, decision 0008 "Exports as built"): the rows a list answers
// as JSON, put in one sheet under a title block (what, region, filters, when, who) and a header
// row, each cell written from the JSON value by its column's type (a code as its label, decision
// 0009), in the web UI's language; the export recorded in the audit log. The rows are those the
// list gave the caller, so the masking and scope are the JSON's own; the server's export
// mechanism (server/table_export.h) collects them.
#ifndef XIANJIE_SERVICE_TABLE_EXPORT_H_
#define XIANJIE_SERVICE_TABLE_EXPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/role.h"
#include "base/status.h"
#include "service/code_labels.h"
#include "service/workspace.h"

namespace xianjie::service {

// How a JSON value becomes a cell's text.
enum class ExportType : uint8_t {
  kText,    // a string as it is; an array of strings joined with "；"; other JSON as JSON text
  kNumber,  // a number (integers without decimals); a string as it is
  kDate,    // "YYYY-MM-DD" or an ISO time ("YYYY-MM-DDTHH:MM:SSZ" shown as "YYYY-MM-DD HH:MM:SS")
  kMoney,   // yuan with two decimals, as the API gives them ("1234.50")
  kBool,    // 是 / 否 (Yes / No)
  // A code as its label in the column's group of code_labels.h ("lead" → 线索核实); an array of
  // codes as their labels joined with "；"; a code without a label as it is.
  kCode,
};

struct ExportColumn {
  std::string field = {};      // the item's field; "a/b" for the field b of the object a
  std::string header = {};     // the header in Chinese
  std::string header_en = {};  // the header in English
  ExportType type = ExportType::kText;
  std::string group = {};  // kCode: the group of config/code_labels.json ("case_state")
  // The field an English workbook shows instead, where the list gives a text in each language
  // ("title_en" beside "title_zh"); empty: `field` in both.
  std::string field_en = {};
};

// Rows above this are refused (kInvalidArgument): a workbook a clerk can open and read, and a
// bounded cost for the server. A province's lists of monitoring objects fit; the registry of a
// province does not (its export is the CSV of GET /households/export).
inline constexpr int64_t kMaxExportRows = 50000;
// kInvalidArgument when `rows` is over `max_rows`, saying how many and what to do.
Status CheckExportRows(int64_t rows, int64_t max_rows = kMaxExportRows);

struct TableExportInput {
  std::string what;     // the table's name in Chinese: the sheet's and the file's ("监测对象")
  std::string what_en;  // in English, for an English workbook ("Monitoring objects")
  Language language = Language::kChinese;  // of the names, headers, title block and labels
  std::string route;    // the list's route, for the audit record ("/api/v1/cases")
  std::string region;   // the region the rows are of: the request's, else the caller's scope
  std::vector<std::pair<std::string, std::string>> filters;  // the request's query, as given
  std::string who;      // the caller's display name
  std::vector<ExportColumn> columns;
  std::vector<nlohmann::json> rows;  // the list's items, in its order
  int64_t max_rows = kMaxExportRows;
};

struct TableWorkbook {
  std::string xlsx;      // the .xlsx file's bytes
  std::string filename;  // "<what in the language>-<region name or code>-<China date>.xlsx"
  int64_t rows = 0;
};

// The sheet's rows in the input's language: the title block (5 rows: what; the region; the
// filters; when and who; the count), the headers, then one row per item. Filter values are shown
// with what may be an ID number in them masked (MaskIdNumbersIn): the title says what was asked,
// not whom.
std::vector<std::vector<std::string>> TableSheetRows(const TableExportInput& input,
                                                     const std::string& region_name,
                                                     const std::string& now_utc);
// Row index of the header row in TableSheetRows (the items follow it).
inline constexpr size_t kExportHeaderRow = 5;

// The cell's text of `value` as the column's type says (null and a missing field are ""); the
// labels of a kCode column in `language`, from BuiltinCodeLabels().
std::string ExportCell(const nlohmann::json& value, const ExportColumn& column, Language language);

// Writes the workbook and records it in the audit log as "table.export" of the region (detail:
// what in Chinese, route, filters with ID numbers masked, rows, whether ID numbers are masked for
// the role). CheckExportRows's error over `max_rows` rows; kIoError
// when the audit log cannot record it (no workbook is given then); WriteXlsx's errors.
Result<TableWorkbook> WriteTableExport(Workspace& ws, const access::Principal& principal,
                                       const TableExportInput& input);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_TABLE_EXPORT_H_
