// Analytics (decision 0008): GET /api/v1/analytics/poverty — FGT P0, P1, P2 and the Gini of a
// region under the monitoring standard's line (service/analytics.h).
#include <nlohmann/json.hpp>

#include "server/api_data.h"
#include "server/params.h"
#include "service/analytics.h"

namespace xianjie::server {

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
  return routes;
}

}  // namespace xianjie::server
