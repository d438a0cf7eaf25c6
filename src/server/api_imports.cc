// POST /api/v1/imports (multipart), GET /api/v1/imports/jobs/:id, GET /api/v1/imports,
// GET /api/v1/imports/:batch/quarantine?format=json|csv.
#include <nlohmann/json.hpp>

#include "server/api_data.h"
#include "server/params.h"
#include "service/imports.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

json JobJson(const service::ImportJob& j) {
  return {{"job_id", j.job_id},
          {"state", j.state},
          {"phase", j.phase},
          {"rows", j.rows},
          {"rows_total", j.rows_total},
          {"batch_id", j.batch_id > 0 ? json(j.batch_id) : json(nullptr)},
          {"report", ReportJson(j.report_json)},
          {"error", j.error.empty() ? json(nullptr) : json(j.error)}};
}

}  // namespace

std::vector<Route> ImportRoutes(service::Workspace& ws) {
  std::vector<Route> routes;
  routes.push_back({"POST", "/api/v1/imports", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      service::ImportUpload upload;
                      if (req.has_file("households")) {
                        upload.households_csv = req.get_file_value("households").content;
                      }
                      if (req.has_file("members")) {
                        upload.members_csv = req.get_file_value("members").content;
                      }
                      XJ_ASSIGN_OR_RETURN(int64_t job, service::StartImport(ws, caller.principal,
                                                                            std::move(upload)));
                      return Json({{"job_id", job}}, 202);
                    },
                    /*bulk=*/true});
  routes.push_back({"GET", "/api/v1/imports/jobs/:id", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
                      XJ_ASSIGN_OR_RETURN(auto job,
                                          service::GetImportJob(ws, caller.principal, id));
                      return Json(JobJson(job));
                    }});
  routes.push_back({"GET", "/api/v1/imports", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto batches, service::ListImports(ws, caller.principal));
                      json items = json::array();
                      for (const registry::BatchInfo& b : batches) {
                        items.push_back({{"batch_id", b.batch_id},
                                         {"source", b.source},
                                         {"user", b.user},
                                         {"started_at", b.started_at},
                                         {"finished_at", b.finished_at},
                                         {"households_file", b.households_file},
                                         {"members_file", b.members_file},
                                         {"report", ReportJson(b.report_json)}});
                      }
                      return Json({{"items", std::move(items)}});
                    }});
  routes.push_back(
      {"GET", "/api/v1/imports/:batch/quarantine", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(int64_t batch, PathNumber(caller, "batch"));
         const std::string format = QueryString(req, "format", "json");
         if (format == "csv") {
           XJ_ASSIGN_OR_RETURN(std::string csv,
                               service::QuarantineCsv(ws, caller.principal, batch));
           return File(std::move(csv), "text/csv; charset=utf-8",
                       "quarantine-" + std::to_string(batch) + ".csv");
         }
         if (format != "json") {
           return InvalidArgument("query parameter 'format' must be json or csv, not '" + format +
                                  "'");
         }
         XJ_ASSIGN_OR_RETURN(auto rows, service::QuarantinedRows(ws, caller.principal, batch));
         return Json({{"batch_id", batch}, {"items", QuarantineItems(rows)}});
       },
       /*bulk=*/true});
  return routes;
}

}  // namespace xianjie::server
