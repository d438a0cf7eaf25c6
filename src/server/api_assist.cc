// The routes of assistance (帮扶, docs/decisions/0008; service/assist.h): a household's plan
// (POST, GET /households/:id/plan), the plans of a region (GET /plans), a plan by id, its
// measures and its states (POST /plans/:id/measures, /activate, /complete); the household's
// responsible person (GET, PUT /households/:id/responsible) and visits (GET, POST
// /households/:id/visits, GET /visits); the region's monitoring objects with their responsible
// person and last visit (GET /responsibility); the measures catalogue in force (GET, PUT
// /measure-catalog). Writes are stamped with the workspace's now.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "server/api_data.h"
#include "server/params.h"
#include "service/assist.h"
#include "service/assist_json.h"

namespace xianjie::server {
namespace {

using nlohmann::json;
using service::CatalogJson;
using service::MeasureJson;
using service::PlanFileJson;
using service::ResponsibleJson;
using service::VisitJson;

// The page parameters offset (default 0) and limit (default 50, at most kMaxPageLimit).
Status ReadPage(const httplib::Request& req, int64_t* offset, int64_t* limit) {
  XJ_ASSIGN_OR_RETURN(*offset, QueryInt(req, "offset", 0, 0, INT32_MAX));
  XJ_ASSIGN_OR_RETURN(*limit, QueryInt(req, "limit", 50, 1, service::kMaxPageLimit));
  return Status::Ok();
}

template <typename T, typename ToJson>
json PageJson(const service::Page<T>& page, ToJson to_json) {
  json items = json::array();
  for (const T& item : page.items) items.push_back(to_json(item));
  return {{"total", page.total},
          {"offset", page.offset},
          {"limit", page.limit},
          {"items", std::move(items)}};
}

// A date query parameter, or nullopt when absent or empty.
Result<std::optional<CivilDate>> QueryDate(const httplib::Request& req, const std::string& name) {
  const std::string text = QueryString(req, name);
  if (text.empty()) return std::optional<CivilDate>();
  auto date = ParseDate(text);
  if (!date.ok()) return InvalidArgument("'" + name + "': " + date.status().message());
  return std::optional<CivilDate>(*date);
}

// A date field of the body, required.
Result<CivilDate> BodyDate(const json& body, const std::string& name) {
  XJ_ASSIGN_OR_RETURN(const std::string text, StringField(body, name));
  auto date = ParseDate(text);
  if (!date.ok()) return InvalidArgument("the field '" + name + "': " + date.status().message());
  return *date;
}

// The risks seen as an array of codes or as text "R01;R09".
Result<std::string> RiskCodes(const json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (it->is_string()) return it->get<std::string>();
  if (!it->is_array()) {
    return InvalidArgument("the field '" + name + "' must be an array of risk codes, e.g. [\"R01\"]");
  }
  std::string joined;
  for (const json& code : *it) {
    if (!code.is_string()) {
      return InvalidArgument("the field '" + name + "' must hold risk codes (strings like \"R07\"), "
                             "not " + code.dump());
    }
    if (!joined.empty()) joined += ';';
    joined += code.get<std::string>();
  }
  return joined;
}

// The province a catalogue request is about: ?province= (or the body's), else the caller's.
std::string ProvinceOf(const std::string& given, const Caller& caller) {
  if (!given.empty()) return given;
  return caller.principal.scope.substr(0, 2);
}

}  // namespace

std::vector<Route> AssistRoutes(service::Workspace& workspace) {
  service::Workspace& ws = workspace;
  std::vector<Route> routes;
  // "/households/:id" matches one path segment only, so these are not shadowed by it.
  routes.push_back(
      {"POST", "/api/v1/households/:id/plan", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         json body = json::object();
         if (!req.body.empty()) {
           XJ_ASSIGN_OR_RETURN(body, ParseJsonBody(req));
           XJ_RETURN_IF_ERROR(RequireObject(body));
         }
         XJ_ASSIGN_OR_RETURN(const std::string note, StringField(body, "note", false));
         XJ_ASSIGN_OR_RETURN(service::PlanFile file,
                             service::CreatePlan(ws, caller.principal, PathParam(caller, "id"),
                                                 note));
         return Json(PlanFileJson(file), 201);
       }});
  routes.push_back(
      {"GET", "/api/v1/households/:id/plan", Access::kSession,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(service::PlanFile file, service::PlanOfHousehold(
                                                         ws, caller.principal,
                                                         PathParam(caller, "id")));
         return Json(PlanFileJson(file));
       }});
  routes.push_back(
      {"GET", "/api/v1/plans", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         int64_t offset = 0, limit = 0;
         XJ_RETURN_IF_ERROR(ReadPage(req, &offset, &limit));
         XJ_ASSIGN_OR_RETURN(auto page, service::ListPlans(ws, caller.principal,
                                                           QueryString(req, "region"),
                                                           QueryString(req, "state"), offset,
                                                           limit));
         return Json(PageJson(page, service::PlanItemJson));
       }});
  routes.push_back(
      {"GET", "/api/v1/plans/:id", Access::kSession,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const int64_t id, PathNumber(caller, "id"));
         XJ_ASSIGN_OR_RETURN(service::PlanFile file, service::GetPlan(ws, caller.principal, id));
         return Json(PlanFileJson(file));
       }});
  routes.push_back(
      {"POST", "/api/v1/plans/:id/measures", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const int64_t id, PathNumber(caller, "id"));
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         // The household is the plan's: the service sets it.
         XJ_ASSIGN_OR_RETURN(cases::Measure measure, MeasureFromJson(body, ""));
         if (auto m = body.find("id"); m != body.end() && !m->is_null()) {
           if (!m->is_number_integer() || m->get<int64_t>() < 0) {
             return InvalidArgument("the field 'id' must be a measure id of the plan, or 0 for a "
                                    "new measure");
           }
           measure.id = m->get<int64_t>();
         }
         measure.recorded_at = ws.Now();
         XJ_ASSIGN_OR_RETURN(cases::Measure stored,
                             service::RecordPlanMeasure(ws, caller.principal, id, measure));
         return Json(MeasureJson(stored), measure.id == 0 ? 201 : 200);
       }});
  routes.push_back(
      {"POST", "/api/v1/plans/:id/activate", Access::kSession,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const int64_t id, PathNumber(caller, "id"));
         XJ_ASSIGN_OR_RETURN(service::PlanFile file,
                             service::ActivatePlan(ws, caller.principal, id));
         return Json(PlanFileJson(file));
       }});
  routes.push_back(
      {"POST", "/api/v1/plans/:id/complete", Access::kSession,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const int64_t id, PathNumber(caller, "id"));
         XJ_ASSIGN_OR_RETURN(service::PlanFile file,
                             service::CompletePlan(ws, caller.principal, id));
         return Json(PlanFileJson(file));
       }});
  routes.push_back(
      {"GET", "/api/v1/households/:id/responsible", Access::kSession,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(auto history, service::ResponsibleHistory(ws, caller.principal,
                                                                       PathParam(caller, "id")));
         json items = json::array();
         for (const assist::ResponsiblePerson& r : history) items.push_back(ResponsibleJson(r));
         json current = nullptr;
         if (!history.empty() && !history.back().to) current = ResponsibleJson(history.back());
         return Json({{"current", std::move(current)}, {"items", std::move(items)}});
       }});
  routes.push_back(
      {"PUT", "/api/v1/households/:id/responsible", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         assist::ResponsiblePerson person;
         XJ_ASSIGN_OR_RETURN(person.name, StringField(body, "name"));
         XJ_ASSIGN_OR_RETURN(person.unit, StringField(body, "unit"));
         XJ_ASSIGN_OR_RETURN(person.phone, StringField(body, "phone"));
         XJ_ASSIGN_OR_RETURN(person.from, BodyDate(body, "from"));
         XJ_ASSIGN_OR_RETURN(assist::ResponsiblePerson stored,
                             service::AssignResponsible(ws, caller.principal,
                                                        PathParam(caller, "id"), person));
         return Json(ResponsibleJson(stored));
       }});
  routes.push_back(
      {"GET", "/api/v1/households/:id/visits", Access::kSession,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(auto visits,
                             service::VisitsOf(ws, caller.principal, PathParam(caller, "id")));
         json items = json::array();
         for (const assist::Visit& v : visits) items.push_back(VisitJson(v));
         return Json({{"items", std::move(items)}});
       }});
  routes.push_back(
      {"POST", "/api/v1/households/:id/visits", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         assist::Visit visit;
         XJ_ASSIGN_OR_RETURN(visit.visited_on, BodyDate(body, "visited_on"));
         XJ_ASSIGN_OR_RETURN(visit.visitor, StringField(body, "visitor"));
         XJ_ASSIGN_OR_RETURN(visit.found, StringField(body, "found"));
         XJ_ASSIGN_OR_RETURN(visit.risks_seen, RiskCodes(body, "risks_seen"));
         XJ_ASSIGN_OR_RETURN(const std::string lead_reason,
                             StringField(body, "lead_reason", false));
         XJ_ASSIGN_OR_RETURN(assist::Visit stored,
                             service::RecordVisit(ws, caller.principal, PathParam(caller, "id"),
                                                  visit, lead_reason));
         return Json(VisitJson(stored), 201);
       }});
  routes.push_back(
      {"GET", "/api/v1/visits", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         int64_t offset = 0, limit = 0;
         XJ_RETURN_IF_ERROR(ReadPage(req, &offset, &limit));
         XJ_ASSIGN_OR_RETURN(const std::optional<CivilDate> from, QueryDate(req, "from"));
         XJ_ASSIGN_OR_RETURN(const std::optional<CivilDate> to, QueryDate(req, "to"));
         XJ_ASSIGN_OR_RETURN(auto page,
                             service::ListVisits(ws, caller.principal, QueryString(req, "region"),
                                                 from, to, offset, limit));
         return Json(PageJson(page, service::VisitItemJson));
       }});
  routes.push_back(
      {"GET", "/api/v1/responsibility", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         int64_t offset = 0, limit = 0;
         XJ_RETURN_IF_ERROR(ReadPage(req, &offset, &limit));
         XJ_ASSIGN_OR_RETURN(auto page,
                             service::ResponsibilityList(ws, caller.principal,
                                                         QueryString(req, "region"), offset,
                                                         limit));
         return Json(PageJson(page, service::ResponsibilityItemJson));
       }});
  routes.push_back(
      {"GET", "/api/v1/measure-catalog", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(
             service::CatalogInForce catalog,
             service::ActiveCatalog(ws, caller.principal,
                                    ProvinceOf(QueryString(req, "province"), caller)));
         return Json(CatalogJson(catalog));
       }});
  routes.push_back(
      {"PUT", "/api/v1/measure-catalog", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         XJ_ASSIGN_OR_RETURN(const std::string toml, StringField(body, "toml"));
         XJ_ASSIGN_OR_RETURN(const std::string province, StringField(body, "province", false));
         XJ_ASSIGN_OR_RETURN(service::CatalogInForce catalog,
                             service::PutCatalog(ws, caller.principal,
                                                 ProvinceOf(province, caller), toml));
         return Json(CatalogJson(catalog));
       }});
  return routes;
}

}  // namespace xianjie::server
