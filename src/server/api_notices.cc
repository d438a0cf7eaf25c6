// GET /api/v1/notices/:village?format=json|html|xlsx — a village's public notice (公示;
// docs/decisions/0005 "Public notices"): its rows as JSON, the printable page, or the workbook.
// Dated China's day of the workspace's now.
#include <nlohmann/json.hpp>

#include "cases/case.h"
#include "server/api_data.h"
#include "server/params.h"
#include "service/notices.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

json NoticeJson(const service::Notice& notice) {
  json items = json::array();
  for (const cases::NoticeRow& row : notice.rows) {
    json risks = json::array();
    for (const std::string& risk : row.risks) risks.push_back(risk);
    items.push_back({{"case_id", row.case_id},
                     {"kind", cases::KindCode(row.kind)},
                     {"head_name", row.head_name},
                     {"household_size", row.household_size},
                     {"type", row.type},
                     {"risks", std::move(risks)},
                     {"notice_start", row.notice_start.ToString()},
                     {"notice_end", row.notice_end.ToString()}});
  }
  return {{"village", {{"code", notice.village_code}, {"name", notice.village_name}}},
          {"date", notice.date.ToString()},
          {"items", std::move(items)}};
}

}  // namespace

std::vector<Route> NoticeRoutes(service::Workspace& workspace) {
  service::Workspace& ws = workspace;
  std::vector<Route> routes;
  routes.push_back(
      {"GET", "/api/v1/notices/:village", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         const std::string format = QueryString(req, "format", "json");
         if (format != "json" && format != "html" && format != "xlsx") {
           return InvalidArgument("query parameter 'format' must be json, html or xlsx, not '" +
                                  format + "'");
         }
         XJ_ASSIGN_OR_RETURN(
             service::Notice notice,
             service::VillageNotice(ws, caller.principal, PathParam(caller, "village"),
                                    cases::ChinaDateOf(ws.Now())));
         if (format == "html") {
           Reply reply;
           reply.content_type = "text/html; charset=utf-8";
           reply.body = service::NoticeHtml(notice);
           return reply;
         }
         if (format == "xlsx") {
           XJ_ASSIGN_OR_RETURN(std::string workbook, service::NoticeXlsx(notice));
           return File(std::move(workbook),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       service::NoticeXlsxFilename(notice));
         }
         return Json(NoticeJson(notice));
       }});
  return routes;
}

}  // namespace xianjie::server
