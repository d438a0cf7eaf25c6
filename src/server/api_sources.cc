// Department sources, uploads and their quality (docs/decisions/0006, "API"): GET /sources,
// GET /sources/:name, POST and GET /sources/:name/uploads, GET /uploads/:id with its
// quarantine, unmatched rows and original file, GET /quality/sources and its XLSX export.
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "server/api_data.h"
#include "server/params.h"
#include "service/quality.h"
#include "service/sources.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

Result<int64_t> UploadId(const Caller& caller) {
  const std::string& text = PathParam(caller, "id");
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) {
    return InvalidArgument("'id' in the path must be an upload number from 1, not '" + text + "'");
  }
  return value;
}

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json UploadJson(const exchange::UploadRecord& u) {
  const int64_t keyed = u.accepted + u.unmatched;
  return {{"upload_id", u.id},
          {"batch_id", u.batch_id},
          {"source", u.source},
          {"file", u.file_name},
          {"sha256", u.sha256},
          {"bytes", u.bytes},
          {"format", u.format},
          {"encoding", u.encoding},
          {"sheet", u.sheet},
          {"user", u.user},
          {"uploaded_at", u.uploaded_at},
          {"region_code", u.region_code},
          {"read", u.read},
          {"accepted", u.accepted},
          {"quarantined", u.quarantined},
          {"unmatched", u.unmatched},
          {"match_rate", keyed == 0 ? 1.0 : static_cast<double>(u.accepted) / keyed},
          {"warnings", u.warnings},
          {"updated_households", u.updated_households}};
}

// The warnings; with `leads` (parallel to them), each with what it became.
json WarningsJson(const std::vector<exchange::DeptWarning>& warnings,
                  const std::vector<std::optional<cases::Lead>>* leads = nullptr) {
  json items = json::array();
  for (size_t i = 0; i < warnings.size(); ++i) {
    const exchange::DeptWarning& w = warnings[i];
    json lead = nullptr;
    if (leads != nullptr && i < leads->size() && (*leads)[i]) {
      const cases::Lead& l = *(*leads)[i];
      lead = {{"case_id", l.case_id}, {"episode_id", l.episode_id}, {"at", l.at}};
    }
    items.push_back({{"id", w.id},
                     {"person", w.person_key},
                     {"household_id", w.household_id},
                     {"village_code", w.village_code},
                     {"period", w.period},
                     {"row", w.row},
                     {"type", w.object_type},
                     {"risks", w.risks},
                     {"message", w.message},
                     {"raised_at", w.raised_at},
                     {"lead", std::move(lead)}});
  }
  return items;
}

json QualityJson(const service::SourceQualityReport& r) {
  json items = json::array();
  for (const service::SourceMonthQuality& q : r.rows) {
    items.push_back({{"source", q.source},
                     {"title", q.title},
                     {"month", q.month},
                     {"uploads", q.uploads},
                     {"read", q.read},
                     {"accepted", q.accepted},
                     {"quarantined", q.quarantined},
                     {"unmatched", q.unmatched},
                     {"validity", Optional(q.validity)},
                     {"match_rate", Optional(q.match_rate)},
                     {"rows_checked", q.rows_checked},
                     {"completeness", Optional(q.completeness)},
                     {"timeliness_median_days", Optional(q.timeliness_median_days)},
                     {"timeliness_p90_days", Optional(q.timeliness_p90_days)},
                     {"warnings", q.warnings},
                     {"warnings_confirmed", q.warnings_confirmed}});
  }
  json uploads = json::array();
  for (const service::UploadRuleErrors& u : r.uploads) {
    uploads.push_back({{"upload_id", u.upload_id},
                       {"source", u.source},
                       {"file", u.file_name},
                       {"uploaded_at", u.uploaded_at},
                       {"quarantined", u.quarantined},
                       {"quarantined_by_rule", u.by_rule}});
  }
  return {{"from_month", r.from_month},
          {"to_month", r.to_month},
          {"months", r.months},
          {"items", std::move(items)},
          {"uploads", std::move(uploads)},
          {"warnings_checked", r.warnings_checked},
          {"confirmed_partial", r.confirmed_partial}};
}

Result<Reply> PostUpload(service::Workspace& ws, const httplib::Request& req,
                         const Caller& caller) {
  if (!req.has_file("file")) {
    return InvalidArgument(
        "no file: send the department's file (.xlsx or .csv) in the multipart field 'file'");
  }
  const httplib::MultipartFormData& part = req.get_file_value("file");
  service::SourceUpload upload;
  upload.source = PathParam(caller, "name");
  upload.file_name = part.filename;
  upload.content = part.content;
  if (req.has_file("encoding")) upload.encoding = req.get_file_value("encoding").content;
  if (req.has_file("sheet")) upload.sheet = req.get_file_value("sheet").content;
  XJ_ASSIGN_OR_RETURN(service::UploadOutcome out,
                      service::UploadSource(ws, caller.principal, upload));
  json body = ReportJson(out.report_json);
  if (body.is_object()) body["new_warnings"] = WarningsJson(out.new_warnings);
  return Json(body, out.report.duplicate ? 200 : 201);
}

}  // namespace

std::vector<Route> SourceRoutes(service::Workspace& ws) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/sources", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto sources, service::ListSources(ws, caller.principal));
                      json items = json::array();
                      for (const service::SourceSummary& s : sources) {
                        const ingest::SourceContract& c = *s.contract;
                        items.push_back(
                            {{"name", c.name},
                             {"title", c.title},
                             {"department", c.department},
                             {"frequency", ingest::SourceFrequencyName(c.frequency)},
                             {"key", ingest::SourceKeyName(c.key)},
                             {"uploads", s.uploads},
                             {"last_upload", s.last ? UploadJson(*s.last) : json(nullptr)},
                             {"days_since_last_upload",
                              s.days_since_last ? json(*s.days_since_last) : json(nullptr)},
                             {"health", service::SourceHealthName(s.health)}});
                      }
                      return Json({{"items", std::move(items)}});
                    }});
  routes.push_back({"GET", "/api/v1/sources/:name", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(
                          const ingest::SourceContract* c,
                          service::GetSource(ws, caller.principal, PathParam(caller, "name")));
                      return Json(json::parse(service::SourceContractJson(*c)));
                    }});
  routes.push_back({"POST", "/api/v1/sources/:name/uploads", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return PostUpload(ws, req, caller);
                    },
                    /*bulk=*/true});
  routes.push_back(
      {"GET", "/api/v1/sources/:name/uploads", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         service::UploadQuery query;
         query.source = PathParam(caller, "name");
         XJ_ASSIGN_OR_RETURN(query.offset, QueryInt(req, "offset", 0, 0, INT64_MAX));
         XJ_ASSIGN_OR_RETURN(query.limit, QueryInt(req, "limit", 50, 1, service::kMaxPageLimit));
         XJ_ASSIGN_OR_RETURN(auto page, service::ListUploads(ws, caller.principal, query));
         json items = json::array();
         for (const exchange::UploadRecord& u : page.items) {
           items.push_back(UploadJson(u));
         }
         return Json({{"total", page.total},
                      {"offset", page.offset},
                      {"limit", page.limit},
                      {"items", std::move(items)}});
       }});
  routes.push_back({"GET", "/api/v1/uploads/:id", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(int64_t id, UploadId(caller));
                      XJ_ASSIGN_OR_RETURN(auto detail,
                                          service::GetUpload(ws, caller.principal, id));
                      return Json({{"upload", UploadJson(detail.record)},
                                   {"report", ReportJson(detail.report_json)},
                                   {"rows_visible", detail.rows_visible},
                                   {"warnings", WarningsJson(detail.warnings, &detail.leads)}});
                    }});
  routes.push_back({"GET", "/api/v1/uploads/:id/quarantine", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(int64_t id, UploadId(caller));
                      const std::string format = QueryString(req, "format", "json");
                      if (format == "csv") {
                        XJ_ASSIGN_OR_RETURN(std::string csv,
                                            service::UploadQuarantineCsv(ws, caller.principal, id));
                        return File(std::move(csv), "text/csv; charset=utf-8",
                                    "upload-" + std::to_string(id) + "-quarantine.csv");
                      }
                      if (format != "json") {
                        return InvalidArgument(
                            "query parameter 'format' must be json or csv, not '" + format + "'");
                      }
                      XJ_ASSIGN_OR_RETURN(auto rows,
                                          service::UploadQuarantine(ws, caller.principal, id));
                      return Json({{"upload_id", id}, {"items", QuarantineItems(rows)}});
                    },
                    /*bulk=*/true});
  routes.push_back({"GET", "/api/v1/uploads/:id/unmatched", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(int64_t id, UploadId(caller));
                      XJ_ASSIGN_OR_RETURN(auto rows,
                                          service::UploadUnmatched(ws, caller.principal, id));
                      json items = json::array();
                      for (const exchange::DeptRow& r : rows) {
                        items.push_back({{"row", r.row},
                                         {"key", r.key},
                                         {"period", r.period},
                                         {"event_date", r.event_date},
                                         {"values", ReportJson(r.values_json)}});
                      }
                      return Json({{"upload_id", id}, {"items", std::move(items)}});
                    },
                    /*bulk=*/true});
  routes.push_back({"GET", "/api/v1/uploads/:id/file", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(int64_t id, UploadId(caller));
                      XJ_ASSIGN_OR_RETURN(auto file,
                                          service::UploadOriginal(ws, caller.principal, id));
                      const std::string type =
                          file.format == "xlsx"
                              ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                              : "text/csv";
                      return File(std::move(file.content), type, file.file_name);
                    },
                    /*bulk=*/true});
  routes.push_back(
      {"GET", "/api/v1/quality/sources", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(int64_t months, QueryInt(req, "months", service::kDefaultQualityMonths,
                                                      1, service::kMaxQualityMonths));
         XJ_ASSIGN_OR_RETURN(
             auto report, service::SourceQuality(ws, caller.principal, static_cast<int>(months)));
         return Json(QualityJson(report));
       },
       /*bulk=*/true});
  routes.push_back(
      {"GET", "/api/v1/quality/sources.xlsx", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(int64_t months, QueryInt(req, "months", service::kDefaultQualityMonths,
                                                      1, service::kMaxQualityMonths));
         XJ_ASSIGN_OR_RETURN(std::string xlsx, service::SourceQualityXlsx(
                                                   ws, caller.principal, static_cast<int>(months)));
         return File(std::move(xlsx),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "数据质量.xlsx");
       },
       /*bulk=*/true});
  return routes;
}

}  // namespace xianjie::server
