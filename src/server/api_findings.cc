// Cross-check findings (疑点, docs/decisions/0006 "Checks and findings"): GET /checks, GET
// /findings (one page of the region's findings with the region's counts by state; the data
// checks' and the plans' coordination checks C01–C11, decision 0008), POST /findings/:id/resolve
// (data findings, by the village), POST /findings/:id/justify (coordination findings, by the
// county) and POST /checks/run (both kinds over a region).
#include <nlohmann/json.hpp>

#include "assist/coordination.h"
#include "server/api_data.h"
#include "server/params.h"
#include "service/findings.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

json FindingJson(const service::FindingItem& item) {
  const exchange::Finding& f = item.finding;
  const auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"id", f.id},
          {"check", f.check},
          {"title_zh", item.title_zh},
          {"title_en", item.title_en},
          {"household_id", f.household_id},
          {"head_name", item.head_name},
          {"village_code", f.village_code},
          {"village_name", item.village_name},
          {"evidence_key", f.evidence_key},
          {"detail", f.detail},
          {"source", or_null(f.source)},
          {"source_title", or_null(item.source_title)},
          {"upload_id", f.upload_id == 0 ? json(nullptr) : json(f.upload_id)},
          {"row", f.row == 0 ? json(nullptr) : json(f.row)},
          {"opened_at", f.opened_at},
          {"state", exchange::FindingStateName(f.state)},
          {"resolved_by", or_null(f.resolved_by)},
          {"resolved_at", or_null(f.resolved_at)},
          {"note", or_null(f.note)}};
}

Result<Reply> ListFindings(service::Workspace& ws, const httplib::Request& req,
                           const Caller& caller) {
  service::FindingQuery q;
  q.region = QueryString(req, "region");
  q.check = QueryString(req, "check");
  q.kind = QueryString(req, "kind");
  q.state = QueryString(req, "state");
  q.household_id = QueryString(req, "household");
  XJ_ASSIGN_OR_RETURN(q.offset, QueryInt(req, "offset", 0, 0, INT32_MAX));
  XJ_ASSIGN_OR_RETURN(q.limit, QueryInt(req, "limit", 50, 1, service::kMaxPageLimit));
  XJ_ASSIGN_OR_RETURN(auto page, service::ListFindings(ws, caller.principal, q));
  XJ_ASSIGN_OR_RETURN(service::FindingCounts counts,
                      service::CountFindings(ws, caller.principal, q.region));
  json items = json::array();
  for (const service::FindingItem& item : page.items) items.push_back(FindingJson(item));
  return Json({{"total", page.total},
               {"offset", page.offset},
               {"limit", page.limit},
               {"counts",
                {{"open", counts.open},
                 {"corrected", counts.corrected},
                 {"confirmed", counts.confirmed},
                 {"justified", counts.justified}}},
               {"items", std::move(items)}});
}

Result<Reply> Resolve(service::Workspace& ws, const httplib::Request& req, const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  XJ_ASSIGN_OR_RETURN(std::string state, StringField(body, "state"));
  XJ_ASSIGN_OR_RETURN(std::string note, StringField(body, "note"));
  XJ_ASSIGN_OR_RETURN(service::FindingItem item,
                      service::ResolveFinding(ws, caller.principal, id, state, note));
  return Json(FindingJson(item));
}

Result<Reply> Justify(service::Workspace& ws, const httplib::Request& req, const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  XJ_ASSIGN_OR_RETURN(std::string note, StringField(body, "note"));
  XJ_ASSIGN_OR_RETURN(service::FindingItem item,
                      service::JustifyFinding(ws, caller.principal, id, note));
  return Json(FindingJson(item));
}

Result<Reply> RunChecks(service::Workspace& ws, const httplib::Request& req,
                        const Caller& caller) {
  std::string region;
  if (!req.body.empty()) {
    XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
    XJ_RETURN_IF_ERROR(RequireObject(body));
    XJ_ASSIGN_OR_RETURN(region, StringField(body, "region", /*required=*/false));
  }
  XJ_ASSIGN_OR_RETURN(service::ChecksRun run, service::RunChecks(ws, caller.principal, region));
  const exchange::CheckRunReport& report = run.data;
  json checks = json::array();
  for (const exchange::CheckCount& c : report.checks) {
    checks.push_back({{"check", c.check}, {"found", c.found}, {"opened", c.opened}});
  }
  return Json({{"households", report.households},
               {"found", report.found},
               {"opened", report.opened},
               {"seconds", report.seconds},
               {"checks", std::move(checks)},
               {"coordination",
                {{"households", run.coordination.households},
                 {"opened", run.coordination.opened},
                 {"closed", run.coordination.closed}}}});
}

}  // namespace

std::vector<Route> FindingRoutes(service::Workspace& ws) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/checks", Access::kSession,
                    [](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(const exchange::CheckSet* set,
                                          service::ListChecks(caller.principal));
                      json items = json::array();
                      for (const exchange::CheckDefinition& c : set->checks) {
                        items.push_back({{"id", c.id},
                                         {"title_zh", c.title_zh},
                                         {"title_en", c.title_en},
                                         {"kind", c.Kind()},
                                         {"enabled", c.enabled},
                                         {"monitored", c.monitored},
                                         {"risk", c.risk.empty() ? json(nullptr) : json(c.risk)}});
                      }
                      for (const assist::CoordinationCheck& c :
                           assist::BuiltinCoordination().checks) {
                        items.push_back({{"id", c.id},
                                         {"title_zh", c.title_zh},
                                         {"title_en", c.title_en},
                                         {"kind", "coordination"},
                                         {"enabled", c.enabled},
                                         {"monitored", true},
                                         {"risk", nullptr},
                                         {"action_zh", c.action_zh},
                                         {"action_en", c.action_en}});
                      }
                      return Json({{"items", std::move(items)}});
                    }});
  routes.push_back({"POST", "/api/v1/checks/run", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return RunChecks(ws, req, caller);
                    },
                    /*bulk=*/true});
  routes.push_back({"GET", "/api/v1/findings", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return ListFindings(ws, req, caller);
                    }});
  routes.push_back({"POST", "/api/v1/findings/:id/resolve", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return Resolve(ws, req, caller);
                    }});
  routes.push_back({"POST", "/api/v1/findings/:id/justify", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return Justify(ws, req, caller);
                    }});
  return routes;
}

}  // namespace xianjie::server
