// The export mechanism of table_export.h: the list's own handler run over every page with the
// caller's query, its items written as one sheet by service::WriteTableExport.
#include "server/table_export.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include <nlohmann/json.hpp>

#include "server/params.h"
#include "service/common.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

// The parameters of the export itself, not of the list: neither passed to its pages nor shown
// among the filters.
constexpr const char* kExportParams[] = {"format", "lang", "offset", "limit"};
bool IsExportParam(const std::string& name) {
  return std::find(std::begin(kExportParams), std::end(kExportParams), name) !=
         std::end(kExportParams);
}

// The workbook's language: `lang` as the web UI names its locales, zh-CN when absent.
Result<service::Language> ExportLanguage(const httplib::Request& req) {
  const std::string tag = QueryString(req, "lang", "zh-CN");
  if (auto language = service::LanguageOfTag(tag)) return *language;
  return InvalidArgument("query parameter 'lang' must be zh-CN or en, not '" + tag + "'");
}

// "json or xlsx", "json, csv or xlsx".
std::string FormatNames(const TableExportSpec& spec) {
  std::vector<std::string> names = {"json"};
  for (const std::string& f : spec.own_formats) names.push_back(f);
  names.push_back("xlsx");
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += names[i];
  }
  return text;
}

// One answer of the list's handler as JSON.
Result<json> ListAnswer(const Route& route, const httplib::Request& req, const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(Reply reply, route.handler(req, caller));
  json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (reply.status != 200 || !body.is_object()) {
    return Internal("the list " + route.pattern + " did not answer a JSON object to export");
  }
  return body;
}

Status AppendItems(const TableExportSpec& spec, const json& body, std::vector<json>& rows) {
  auto items = body.find(spec.items);
  if (items == body.end() || !items->is_array()) {
    return Internal("the list " + spec.pattern + " answered no array '" + spec.items + "'");
  }
  for (const json& item : *items) rows.push_back(item);
  return Status::Ok();
}

// Every row of the list for this request: the pages from offset 0 until its total.
Result<std::vector<json>> AllRows(const Route& route, const TableExportSpec& spec,
                                  const httplib::Request& req, const Caller& caller,
                                  int64_t max_rows) {
  httplib::Request page = req;
  for (const char* name : kExportParams) page.params.erase(name);
  std::vector<json> rows;
  if (!spec.paged) {
    XJ_ASSIGN_OR_RETURN(const json body, ListAnswer(route, page, caller));
    XJ_RETURN_IF_ERROR(AppendItems(spec, body, rows));
    return rows;
  }
  page.params.emplace("limit", std::to_string(service::kMaxPageLimit));
  int64_t total = -1;
  for (int64_t offset = 0;; offset += service::kMaxPageLimit) {
    page.params.erase("offset");
    page.params.emplace("offset", std::to_string(offset));
    XJ_ASSIGN_OR_RETURN(const json body, ListAnswer(route, page, caller));
    const int64_t now_total = body.value("total", int64_t{-1});
    if (total < 0) {
      total = now_total;
      XJ_RETURN_IF_ERROR(service::CheckExportRows(total, max_rows));
    } else if (now_total != total) {
      return Aborted("the list changed while it was being exported (" + std::to_string(total) +
                     " rows, then " + std::to_string(now_total) + "); export it again");
    }
    const size_t before = rows.size();
    XJ_RETURN_IF_ERROR(AppendItems(spec, body, rows));
    if (rows.size() == before || static_cast<int64_t>(rows.size()) >= total) break;
  }
  return rows;
}

// The region the rows are of: the query's region (or village, county), else the caller's scope.
std::string ExportRegion(const httplib::Request& req, const Caller& caller) {
  for (const char* name : {"region", "village", "county"}) {
    std::string value = QueryString(req, name);
    if (!value.empty()) return value;
  }
  return caller.principal.scope;
}

Result<Reply> Export(service::Workspace& ws, const Route& route, const TableExportSpec& spec,
                     const httplib::Request& req, const Caller& caller, int64_t max_rows) {
  service::TableExportInput input;
  XJ_ASSIGN_OR_RETURN(input.language, ExportLanguage(req));
  XJ_ASSIGN_OR_RETURN(input.rows, AllRows(route, spec, req, caller, max_rows));
  input.what = spec.what;
  input.what_en = spec.what_en;
  input.route = spec.pattern;
  input.region = ExportRegion(req, caller);
  for (const auto& [name, value] : caller.path_params) input.filters.emplace_back(name, value);
  for (const auto& [name, value] : req.params) {
    if (!IsExportParam(name)) input.filters.emplace_back(name, value);
  }
  const std::string& username = caller.principal.username;
  input.who = username;
  if (!caller.display_name.empty()) {
    input.who = input.language == service::Language::kEnglish
                    ? caller.display_name + " (" + username + ")"
                    : caller.display_name + "（" + username + "）";
  }
  input.columns = spec.columns;
  input.max_rows = max_rows;
  XJ_ASSIGN_OR_RETURN(service::TableWorkbook book,
                      service::WriteTableExport(ws, caller.principal, input));
  return File(std::move(book.xlsx), kXlsxType, book.filename);
}

Route Exportable(Route route, service::Workspace& ws, TableExportSpec spec, int64_t max_rows) {
  route.bulk_xlsx = true;
  Route list = route;
  route.handler = [&ws, list = std::move(list), spec = std::move(spec), max_rows](
                      const httplib::Request& req, const Caller& caller) -> Result<Reply> {
    const std::string format = QueryString(req, "format", "json");
    if (format == "xlsx") return Export(ws, list, spec, req, caller, max_rows);
    if (format != "json" && std::find(spec.own_formats.begin(), spec.own_formats.end(),
                                      format) == spec.own_formats.end()) {
      return InvalidArgument("query parameter 'format' must be " + FormatNames(spec) + ", not '" +
                             format + "'");
    }
    return list.handler(req, caller);
  };
  return route;
}

}  // namespace

std::vector<std::string> AddTableExports(std::vector<Route>& routes, service::Workspace& ws,
                                         const std::vector<TableExportSpec>& specs,
                                         int64_t max_rows) {
  std::vector<std::string> missing;
  for (const TableExportSpec& spec : specs) {
    auto it = std::find_if(routes.begin(), routes.end(), [&](const Route& r) {
      return r.method == "GET" && r.pattern == spec.pattern;
    });
    if (it == routes.end()) {
      missing.push_back(spec.pattern);
      continue;
    }
    *it = Exportable(std::move(*it), ws, spec, max_rows);
  }
  return missing;
}

}  // namespace xianjie::server
