// Every table view as a workbook (issue 7, decision 0008 "Exports as built"): one mechanism for
// the list routes. A list route is named in the table of exports (export_tables.cc) with its
// sheet's name and columns; AddTableExports wraps it so that `?format=xlsx` runs the route's own
// handler with the same query and the same caller, over every page of the list, and answers the
// items it gave as one sheet (service/table_export.h) in the UI's language (`?lang=`). The rows
// are thus exactly the JSON's: the same scope, the same masking, the same audit of each read,
// plus one "table.export" entry.
#ifndef XIANJIE_SERVER_TABLE_EXPORT_H_
#define XIANJIE_SERVER_TABLE_EXPORT_H_

#include <string>
#include <vector>

#include "server/route.h"
#include "service/table_export.h"
#include "service/workspace.h"

namespace xianjie::server {

struct TableExportSpec {
  std::string pattern;          // the GET list route, as installed ("/api/v1/cases")
  std::string what;             // the sheet's and file's name in Chinese ("监测与识别案件")
  std::string what_en;          // in English ("Cases"), at most 31 characters as `what`
  std::string items = "items";  // the JSON array holding the rows
  // {total, offset, limit, items}: every page is read (offset from 0, limit kMaxPageLimit);
  // otherwise the one answer is the whole list.
  bool paged = false;
  std::vector<std::string> own_formats;  // formats the route answers itself ("csv")
  std::vector<service::ExportColumn> columns;
};

// The list routes that export, with their columns (export_tables.cc).
const std::vector<TableExportSpec>& TableExports();

// Wraps the GET route of each spec in `routes`: `format` absent or "json" (or one of the
// route's own formats) is the route as it was; "xlsx" the workbook, in the language of `lang`
// ("zh-CN", the default, or "en"); any other format or language a 400 naming the values. An
// export over service::kMaxExportRows rows is a 400 saying to narrow the filters; a paged list
// whose total changes while it is read is a 409 (export again). `max_rows` bounds an export
// (ServerOptions::max_export_rows). Returns the patterns of specs that named no route (none,
// when the table is right).
std::vector<std::string> AddTableExports(std::vector<Route>& routes, service::Workspace& ws,
                                         const std::vector<TableExportSpec>& specs,
                                         int64_t max_rows = service::kMaxExportRows);

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_TABLE_EXPORT_H_
