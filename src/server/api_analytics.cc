// Analytics (decision 0008): GET /api/v1/analytics/poverty — FGT P0, P1, P2 and the Gini of a
// region under the monitoring standard's line (service/analytics.h); GET
// /api/v1/analytics/overview — a region's figures from the village table and one row per child
// area; GET /api/v1/assessment/scorecards — the scorecards of its counties or townships, and a
// county's own (service/assessment.h); GET and PUT /api/v1/assessment/config — a province's weights and
// targets. The two tables also as workbooks (?format=xlsx): aggregates, nothing to mask.
#include <nlohmann/json.hpp>

#include "server/api_data.h"
#include "server/params.h"
#include "service/analytics.h"
#include "service/assessment.h"

namespace xianjie::server {
namespace {

// ?format=json (the default) or xlsx.
Result<bool> WantsXlsx(const httplib::Request& req) {
  const std::string format = QueryString(req, "format", "json");
  if (format != "json" && format != "xlsx") {
    return InvalidArgument("query parameter 'format' must be json or xlsx, not '" + format + "'");
  }
  return format == "xlsx";
}

// ?year=: 0 (left out) is the current year.
Result<int> Year(const httplib::Request& req) {
  XJ_ASSIGN_OR_RETURN(int64_t year, QueryInt(req, "year", 0, 2000, 2100));
  return static_cast<int>(year);
}

}  // namespace

std::vector<Route> AnalyticsRoutes(service::Workspace& ws) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/analytics/poverty", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      // year left out (0): the latest standard up to this year.
                      XJ_ASSIGN_OR_RETURN(int64_t year, QueryInt(req, "year", 0, 2000, 2100));
                      XJ_ASSIGN_OR_RETURN(
                          service::PovertyReport report,
                          service::Poverty(ws, caller.principal, QueryString(req, "region"),
                                           static_cast<int>(year)));
                      return Json(nlohmann::json::parse(service::PovertyJson(report)));
                    }});
  routes.push_back(
      {"GET", "/api/v1/analytics/overview", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const bool xlsx, WantsXlsx(req));
         XJ_ASSIGN_OR_RETURN(const int year, Year(req));
         XJ_ASSIGN_OR_RETURN(
             service::Overview overview,
             service::AnalyticsOverview(ws, caller.principal, QueryString(req, "region"), year));
         if (xlsx) {
           XJ_ASSIGN_OR_RETURN(std::string workbook, service::OverviewXlsx(overview));
           return File(std::move(workbook), kXlsxType,
                       "统计概况-" + overview.region + "-" + std::to_string(overview.year) +
                           ".xlsx");
         }
         return Json(nlohmann::json::parse(service::OverviewJson(overview)));
       },
       /*bulk=*/true});
  routes.push_back(
      {"GET", "/api/v1/assessment/scorecards", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const bool xlsx, WantsXlsx(req));
         XJ_ASSIGN_OR_RETURN(const int year, Year(req));
         XJ_ASSIGN_OR_RETURN(
             service::ScorecardSet set,
             service::Scorecards(ws, caller.principal, QueryString(req, "region"), year));
         if (xlsx) {
           XJ_ASSIGN_OR_RETURN(std::string workbook, service::ScorecardsXlsx(set));
           return File(std::move(workbook), kXlsxType,
                       "考核评分-" + set.region + "-" + std::to_string(set.year) + ".xlsx");
         }
         return Json(nlohmann::json::parse(service::ScorecardsJson(set)));
       },
       /*bulk=*/true});
  routes.push_back(
      {"GET", "/api/v1/assessment/config", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(
             service::AssessmentSettings settings,
             service::ReadAssessmentSettings(ws, caller.principal, QueryString(req, "province")));
         return Json(nlohmann::json::parse(service::AssessmentSettingsJson(settings)));
       }});
  routes.push_back(
      {"PUT", "/api/v1/assessment/config", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         XJ_ASSIGN_OR_RETURN(std::string province, StringField(body, "province"));
         XJ_ASSIGN_OR_RETURN(std::string toml, StringField(body, "toml"));
         XJ_ASSIGN_OR_RETURN(
             service::AssessmentSettings settings,
             service::PutAssessmentSettings(ws, caller.principal, province, toml));
         return Json(nlohmann::json::parse(service::AssessmentSettingsJson(settings)));
       }});
  return routes;
}

}  // namespace xianjie::server
