// The routes of risk elimination (风险消除, DOMAIN.md §8; docs/decisions/0005, "Episodes and
// elimination"): GET /api/v1/elimination/candidates, POST /elimination/proposals, GET and POST
// /households/:id/measures (帮扶措施), GET /elimination/quality. Candidates are assessed on China's
// date (UTC+8) of the workspace's now; proposals and measures are stamped with that now.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "base/money.h"
#include "cases/case.h"
#include "cases/measure.h"
#include "server/api_data.h"
#include "server/params.h"
#include "service/assist_json.h"
#include "service/elimination.h"

namespace xianjie::server {
namespace {

using nlohmann::json;
using service::MeasureJson;

json CandidateJson(const service::EliminationCandidate& c) {
  json conditions = json::array();
  for (const cases::Condition& cond : c.check.conditions) {
    conditions.push_back({{"code", cond.code}, {"met", cond.met}, {"why", cond.why}});
  }
  const cases::Episode& e = c.episode;
  return {{"household_id", e.household_id},
          {"village_code", e.village_code},
          {"village_name", c.village_name},
          {"head_name", c.head_name},
          {"episode",
           {{"id", e.id},
            {"identified_on", e.identified_on.ToString()},
            {"type", e.type},
            {"risks", CodeList(e.risks)},
            {"identification_case", e.identification_case}}},
          {"eligible", c.check.eligible},
          {"method", c.check.method},
          {"conditions", std::move(conditions)},
          {"line_year", c.line.year},
          {"line", Yuan(Money::FromFen(c.line.fen))}};
}

json QualityJson(const service::QualityItem& q) {
  return {{"episode_id", q.problem.episode_id},
          {"household_id", q.problem.household_id},
          {"village_code", q.village_code},
          {"village_name", q.village_name},
          {"code", q.problem.code},
          {"message", q.problem.message}};
}

// A date field "YYYY-MM-DD"; `required` false: absent, null or "" is nullopt.
Result<std::optional<CivilDate>> DateField(const json& body, const std::string& name,
                                           bool required) {
  XJ_ASSIGN_OR_RETURN(std::string text, StringField(body, name, required));
  if (text.empty()) {
    if (required) return InvalidArgument("the field '" + name + "' must be a date (YYYY-MM-DD)");
    return std::optional<CivilDate>();
  }
  auto date = ParseDate(text);
  if (!date.ok()) return InvalidArgument("the field '" + name + "': " + date.status().message());
  return std::optional<CivilDate>(*date);
}

// The risks as an array of codes (["R01", "R07"]) or as text ("R01;R07"); joined with ';' for
// the service, which checks the codes.
Result<std::string> RisksField(const json& body) {
  auto it = body.find("risks");
  if (it == body.end() || it->is_null()) return std::string();
  if (it->is_string()) return it->get<std::string>();
  if (!it->is_array()) {
    return InvalidArgument("the field 'risks' must be an array of risk codes, e.g. [\"R01\"]");
  }
  std::string joined;
  for (const json& code : *it) {
    if (!code.is_string()) {
      return InvalidArgument("the field 'risks' must hold risk codes (strings like \"R07\"), not " +
                             code.dump());
    }
    if (!joined.empty()) joined += ';';
    joined += code.get<std::string>();
  }
  return joined;
}

}  // namespace

Result<cases::Measure> MeasureFromJson(const json& body, const std::string& household_id) {
  XJ_RETURN_IF_ERROR(RequireObject(body));
  cases::Measure m;
  m.household_id = household_id;
  XJ_ASSIGN_OR_RETURN(const std::string category, StringField(body, "category"));
  const auto parsed_category = cases::ParseMeasureCategory(category);
  if (!parsed_category) {
    std::string codes;
    for (cases::MeasureCategory c : cases::kAllMeasureCategories) {
      codes += (codes.empty() ? "" : ", ") + std::string(cases::MeasureCategoryCode(c));
    }
    return InvalidArgument("the field 'category': '" + category +
                           "' is not a measure category (" + codes + ")");
  }
  m.category = *parsed_category;
  XJ_ASSIGN_OR_RETURN(const std::string status, StringField(body, "status", /*required=*/false));
  const auto parsed_status = cases::ParseMeasureStatus(status.empty() ? "planned" : status);
  if (!parsed_status) {
    return InvalidArgument("the field 'status': '" + status +
                           "' is not a measure status (planned, in_progress, done, stopped)");
  }
  m.status = *parsed_status;
  XJ_ASSIGN_OR_RETURN(m.item_code, StringField(body, "item_code", /*required=*/false));
  // With a catalogue item its name is the default text (service::ApplyCatalogItem).
  XJ_ASSIGN_OR_RETURN(m.item, StringField(body, "item", /*required=*/m.item_code.empty()));
  XJ_ASSIGN_OR_RETURN(m.department, StringField(body, "department", /*required=*/false));
  XJ_ASSIGN_OR_RETURN(std::optional<CivilDate> start, DateField(body, "start", true));
  m.start = *start;
  XJ_ASSIGN_OR_RETURN(m.end, DateField(body, "end", false));
  XJ_ASSIGN_OR_RETURN(const std::string amount, StringField(body, "amount", /*required=*/false));
  if (!amount.empty()) {
    auto money = ParseMoney(amount);
    if (!money.ok()) {
      return InvalidArgument("the field 'amount' (yuan): " + money.status().message());
    }
    m.amount_fen = money->fen();
  }
  XJ_ASSIGN_OR_RETURN(m.risks, RisksField(body));
  XJ_ASSIGN_OR_RETURN(m.member_id_number,
                      StringField(body, "member_id_number", /*required=*/false));
  return m;
}

std::vector<Route> EliminationRoutes(service::Workspace& workspace) {
  service::Workspace& ws = workspace;
  std::vector<Route> routes;
  routes.push_back(
      {"GET", "/api/v1/elimination/candidates", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(auto candidates, service::ListEliminationCandidates(
                                                  ws, caller.principal, QueryString(req, "region"),
                                                  cases::ChinaDateOf(ws.Now())));
         json items = json::array();
         for (const service::EliminationCandidate& c : candidates) items.push_back(CandidateJson(c));
         return Json({{"items", std::move(items)}});
       }});
  routes.push_back(
      {"POST", "/api/v1/elimination/proposals", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         XJ_ASSIGN_OR_RETURN(std::string household, StringField(body, "household_id"));
         XJ_ASSIGN_OR_RETURN(cases::CaseRecord opened,
                             service::ProposeElimination(ws, caller.principal, household,
                                                         ws.Now()));
         return Json({{"case_id", opened.id}}, 201);
       }});
  // "/households/:id" matches one path segment only, so these are not shadowed by it.
  routes.push_back(
      {"GET", "/api/v1/households/:id/measures", Access::kSession,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(auto measures, service::ListMeasures(ws, caller.principal,
                                                                  PathParam(caller, "id")));
         json items = json::array();
         for (const cases::Measure& m : measures) items.push_back(MeasureJson(m));
         return Json({{"items", std::move(items)}});
       }});
  routes.push_back(
      {"POST", "/api/v1/households/:id/measures", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_ASSIGN_OR_RETURN(cases::Measure measure,
                             MeasureFromJson(body, PathParam(caller, "id")));
         measure.recorded_at = ws.Now();
         XJ_ASSIGN_OR_RETURN(cases::Measure stored,
                             service::RecordMeasureItem(ws, caller.principal, measure));
         return Json(MeasureJson(stored), 201);
       }});
  routes.push_back(
      {"GET", "/api/v1/elimination/quality", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(auto problems, service::EliminationQuality(
                                                ws, caller.principal, QueryString(req, "region")));
         json items = json::array();
         for (const service::QualityItem& q : problems) items.push_back(QualityJson(q));
         return Json({{"items", std::move(items)}});
       }});
  return routes;
}

}  // namespace xianjie::server
