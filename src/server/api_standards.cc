// GET /api/v1/standards, /standards/:hash; POST /api/v1/standards/check, /whatif, /standards.
#include <nlohmann/json.hpp>

#include "server/api_data.h"
#include "server/params.h"
#include "service/standards.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

json ItemJson(const service::StandardItem& i) {
  const rules::StoredStandard& s = i.stored;
  return {{"content_hash", s.content_hash},
          {"province", s.province},
          {"county", s.county},
          {"year", s.year},
          {"name", s.name},
          {"origin", s.origin},
          {"loaded_at", s.loaded_at},
          {"user", s.user},
          {"in_force", i.in_force},
          {"builtin", i.builtin}};
}

json DetailJson(const service::StandardDetail& d) {
  json out = ItemJson(d.item);
  out["toml"] = d.item.stored.toml;
  json rules = json::array();
  for (const rules::RuleDefinition& r : d.standard.rules) {
    rules.push_back(
        {{"rule_id", r.id}, {"label_zh", r.label_zh}, {"label_en", r.label_en}, {"when", r.when}});
  }
  out["rules"] = std::move(rules);
  out["line_yuan"] = Yuan(d.standard.line);
  return out;
}

json WhatIfJson(const service::WhatIfResult& w, const service::WorkspaceView& view) {
  json by_county = json::array();
  for (const auto& [code, c] : w.report.by_county) {
    const std::string county = std::to_string(code);
    by_county.push_back({{"code", county},
                         {"name", view.RegionName(county)},
                         {"flagged_a", c.flagged_a},
                         {"flagged_b", c.flagged_b},
                         {"entering", c.entering},
                         {"leaving", c.leaving}});
  }
  json by_type = json::array();
  for (const auto& [type, n] : w.report.by_type) {
    by_type.push_back({{"type", type}, {"entering", n.first}, {"leaving", n.second}});
  }
  json households = json::array();
  constexpr size_t kShown = 200;
  for (size_t i = 0; i < w.report.households.size() && i < kShown; ++i) {
    const rules::WhatIfHousehold& h = w.report.households[i];
    households.push_back({{"household_id", h.household_id},
                          {"county_code", std::to_string(h.county_code)},
                          {"change", h.change},
                          {"type_a", h.type_a},
                          {"type_b", h.type_b}});
  }
  const rules::WhatIfCounts& t = w.report.total;
  return {{"a", {{"name", w.a.name}, {"content_hash", w.a.content_hash}}},
          {"b", {{"name", w.b.name}, {"content_hash", w.b.content_hash}}},
          {"region", w.region},
          {"total",
           {{"flagged_a", t.flagged_a},
            {"flagged_b", t.flagged_b},
            {"entering", t.entering},
            {"leaving", t.leaving}}},
          {"by_county", std::move(by_county)},
          {"by_type", std::move(by_type)},
          {"households", std::move(households)}};
}

// The "toml" field of a JSON body.
Result<std::string> TomlField(const httplib::Request& req) {
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  return StringField(body, "toml");
}

}  // namespace

std::vector<Route> StandardRoutes(service::Workspace& ws) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/standards", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto items, service::ListStandards(ws, caller.principal));
                      json out = json::array();
                      for (const auto& i : items) out.push_back(ItemJson(i));
                      return Json({{"items", std::move(out)}});
                    }});
  routes.push_back({"GET", "/api/v1/standards/:hash", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto detail,
                                          service::GetStandard(ws, caller.principal,
                                                               PathParam(caller, "hash")));
                      return Json(DetailJson(detail));
                    }});
  routes.push_back({"POST", "/api/v1/standards/check", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(std::string toml, TomlField(req));
                      XJ_ASSIGN_OR_RETURN(auto check,
                                          service::CheckStandard(ws, caller.principal, toml));
                      json diagnostics = json::array();
                      for (const auto& d : check.diagnostics) {
                        diagnostics.push_back({{"line", d.line},
                                               {"column", d.column},
                                               {"message", d.message},
                                               {"caret", d.caret}});
                      }
                      return Json({{"ok", check.ok}, {"diagnostics", std::move(diagnostics)}});
                    }});
  routes.push_back({"POST", "/api/v1/whatif", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
                      XJ_RETURN_IF_ERROR(RequireObject(body));
                      XJ_ASSIGN_OR_RETURN(std::string toml, StringField(body, "toml"));
                      XJ_ASSIGN_OR_RETURN(std::string region,
                                          StringField(body, "region", /*required=*/false));
                      XJ_ASSIGN_OR_RETURN(auto result,
                                          service::WhatIf(ws, caller.principal, toml, region));
                      return Json(WhatIfJson(result, *ws.view()));
                    },
                    /*bulk=*/true});
  routes.push_back({"POST", "/api/v1/standards", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(std::string toml, TomlField(req));
                      XJ_ASSIGN_OR_RETURN(auto item,
                                          service::LoadStandard(ws, caller.principal, toml));
                      return Json(ItemJson(item), 201);
                    }});
  return routes;
}

}  // namespace xianjie::server
