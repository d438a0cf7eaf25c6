// GET /api/v1/regions, /dashboard, /warnings, /runs; POST /api/v1/runs.
#include <nlohmann/json.hpp>

#include "server/api_data.h"
#include "server/params.h"
#include "service/screening.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

json RunJson(const rules::ScreeningRun& r) {
  return {{"run_id", r.run_id},
          {"started_at", r.started_at},
          {"province", r.province},
          {"county", r.county},
          {"year", r.year},
          {"standard_hash", r.standard_hash},
          {"evaluated", r.evaluated},
          {"screened", r.screened},
          {"flagged", r.flagged},
          {"new_warnings", r.new_warnings},
          {"incremental", r.incremental},
          {"seconds", r.seconds},
          {"user", r.user}};
}

json DashboardJson(const service::Dashboard& d) {
  json run = nullptr;
  if (d.run) {
    run = {{"run_id", d.run->run_id},
           {"started_at", d.run->started_at},
           {"year", d.run->year},
           {"standard_name", d.standard_name}};
  }
  json by_rule = json::array();
  for (const auto& r : d.by_rule) {
    by_rule.push_back({{"rule_id", r.rule_id},
                       {"label_zh", r.label_zh},
                       {"label_en", r.label_en},
                       {"count", r.count}});
  }
  json by_type = json::array();
  for (const auto& t : d.by_type) {
    by_type.push_back(
        {{"type", t.type}, {"label_zh", t.label_zh}, {"label_en", t.label_en}, {"count", t.count}});
  }
  json by_area = json::array();
  for (const auto& a : d.by_area) {
    by_area.push_back({{"code", a.code},
                       {"name", a.name},
                       {"households", a.households},
                       {"flagged", a.flagged}});
  }
  json trend = json::array();
  for (const auto& p : d.trend) {
    trend.push_back({{"run_id", p.run_id},
                     {"started_at", p.started_at},
                     {"flagged", p.flagged},
                     {"new_warnings", p.new_warnings}});
  }
  return {{"region", {{"code", d.region.code}, {"name", d.region.name}, {"level", d.region.level}}},
          {"run", std::move(run)},
          {"kpis",
           {{"households", d.households},
            {"members", d.members},
            {"screened", d.screened},
            {"flagged", d.flagged},
            {"flagged_rate", d.flagged_rate},
            {"new_warnings", d.new_warnings},
            {"monitoring_objects", d.monitoring_objects}}},
          {"by_rule", std::move(by_rule)},
          {"by_type", std::move(by_type)},
          {"by_area", std::move(by_area)},
          {"trend", std::move(trend)}};
}

json WarningsJson(const service::WarningList& list) {
  json items = json::array();
  for (const service::WarningItem& w : list.page.items) {
    items.push_back({{"household_id", w.household_id},
                     {"village_code", w.village_code},
                     {"village_name", w.village_name},
                     {"head_name", w.head_name},
                     {"rules", CodeList(w.result.rules)},
                     {"proposed_type", w.result.proposed_type},
                     {"risks", CodeList(w.result.risks)},
                     {"per_capita_yuan", Yuan(Money::FromFen(w.result.per_capita_fen))},
                     {"new_warning", w.result.new_warning}});
  }
  return {{"run", list.run ? RunJson(*list.run) : json(nullptr)},
          {"total", list.page.total},
          {"offset", list.page.offset},
          {"limit", list.page.limit},
          {"items", std::move(items)}};
}

// "1", "true" → true; "", "0", "false" → false; anything else is an error naming the parameter.
Result<bool> QueryBool(const httplib::Request& req, const std::string& name) {
  const std::string text = QueryString(req, name);
  if (text.empty() || text == "0" || text == "false") return false;
  if (text == "1" || text == "true") return true;
  return InvalidArgument("query parameter '" + name + "' must be true or false, not '" + text +
                         "'");
}

}  // namespace

std::vector<Route> ScreeningRoutes(service::Workspace& ws) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/regions", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto regions,
                                          service::Regions(ws, caller.principal,
                                                           QueryString(req, "parent")));
                      json items = json::array();
                      for (const auto& r : regions) {
                        items.push_back({{"code", r.code},
                                         {"name", r.name},
                                         {"level", r.level},
                                         {"households", r.households}});
                      }
                      return Json({{"items", std::move(items)}});
                    }});
  routes.push_back({"GET", "/api/v1/dashboard", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto d,
                                          service::GetDashboard(ws, caller.principal,
                                                                QueryString(req, "region")));
                      return Json(DashboardJson(d));
                    }});
  routes.push_back({"GET", "/api/v1/warnings", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      service::WarningFilter filter;
                      filter.region = QueryString(req, "region");
                      filter.type = QueryString(req, "type");
                      filter.rule = QueryString(req, "rule");
                      XJ_ASSIGN_OR_RETURN(filter.new_only, QueryBool(req, "new_only"));
                      XJ_ASSIGN_OR_RETURN(filter.offset,
                                          QueryInt(req, "offset", 0, 0, INT32_MAX));
                      XJ_ASSIGN_OR_RETURN(filter.limit, QueryInt(req, "limit", 50, 1, 500));
                      XJ_ASSIGN_OR_RETURN(auto list,
                                          service::ListWarnings(ws, caller.principal, filter));
                      return Json(WarningsJson(list));
                    }});
  routes.push_back({"GET", "/api/v1/runs", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto runs, service::ListRuns(ws, caller.principal));
                      json items = json::array();
                      for (const auto& r : runs) items.push_back(RunJson(r));
                      return Json({{"items", std::move(items)}});
                    }});
  routes.push_back({"POST", "/api/v1/runs", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
                      XJ_RETURN_IF_ERROR(RequireObject(body));
                      XJ_ASSIGN_OR_RETURN(std::string province, StringField(body, "province"));
                      XJ_ASSIGN_OR_RETURN(std::string county,
                                          StringField(body, "county", /*required=*/false));
                      if (!body.contains("year") || !body["year"].is_number_integer()) {
                        return InvalidArgument("the field 'year' must be a whole number, e.g. 2024");
                      }
                      XJ_ASSIGN_OR_RETURN(auto run,
                                          service::StartRun(ws, caller.principal, province, county,
                                                            body["year"].get<int>()));
                      return Json(RunJson(run));
                    },
                    /*bulk=*/true});
  return routes;
}

}  // namespace xianjie::server
