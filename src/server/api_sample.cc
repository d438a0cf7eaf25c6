// The routes of the verification sample (抽样核查, decision 0008; service/sample.h): draw a
// county's sample (POST /samples), list the draws (GET /samples?county=&year=), a draw with its
// households, visit results and estimates (GET /samples/:id; ?format=xlsx the workbook, ID
// numbers masked as on the page), record a household's visit (PUT /samples/:id/units/:household)
// and close a draw (POST /samples/:id/close). Writes are stamped with the workspace's now.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "server/api_data.h"
#include "server/params.h"
#include "service/sample.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

// An optional whole-number field in [min, max]; `fallback` when absent or null.
Result<int64_t> IntField(const json& body, const std::string& name, int64_t fallback,
                         int64_t min, int64_t max) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_integer() || it->get<int64_t>() < min || it->get<int64_t>() > max) {
    return InvalidArgument("the field '" + name + "' must be a whole number from " +
                           std::to_string(min) + " to " + std::to_string(max) + ", not " +
                           it->dump());
  }
  return it->get<int64_t>();
}

// An answer of the visit form: true, false, or null / absent (not answered).
Result<std::optional<bool>> AnswerField(const json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) {
    return InvalidArgument("the field '" + name +
                           "' must be true, false or null (not answered), not " + it->dump());
  }
  return std::optional<bool>(it->get<bool>());
}

// {county, year?, seed?, villages?, households?, stratum_weights? {stratum: weight},
// redraw?}.
Result<service::DrawRequest> DrawRequestOf(const json& body) {
  service::DrawRequest r;
  XJ_ASSIGN_OR_RETURN(r.county, StringField(body, "county"));
  XJ_ASSIGN_OR_RETURN(const int64_t year, IntField(body, "year", 0, 0, 2100));
  r.year = static_cast<int>(year);
  if (auto it = body.find("seed"); it != body.end() && !it->is_null()) {
    if (!it->is_number_unsigned()) {
      return InvalidArgument("the field 'seed' must be a whole number from 0 to " +
                             std::to_string(service::kMaxSampleSeed) + ", not " + it->dump());
    }
    r.seed = it->get<uint64_t>();
  }
  XJ_ASSIGN_OR_RETURN(const int64_t villages,
                      IntField(body, "villages", r.parameters.villages, 1, 100000));
  XJ_ASSIGN_OR_RETURN(const int64_t households,
                      IntField(body, "households", r.parameters.households, 1, 1000000));
  r.parameters.villages = static_cast<int>(villages);
  r.parameters.households = static_cast<int>(households);
  if (auto it = body.find("stratum_weights"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) {
      return InvalidArgument("the field 'stratum_weights' must be an object such as "
                             "{\"unstable_lifted\": 3, \"other\": 1}");
    }
    for (const auto& [code, weight] : it->items()) {
      const std::optional<analytics::Stratum> stratum = analytics::ParseStratum(code);
      if (!stratum) {
        return InvalidArgument("stratum_weights: '" + code + "' is not a stratum; the strata "
                               "are unstable_lifted, marginal, sudden_hardship, illness, "
                               "disaster and other");
      }
      XJ_ASSIGN_OR_RETURN(const int64_t w, IntField(*it, code, 0, 1, 1000));
      r.parameters.stratum_weights[static_cast<size_t>(*stratum)] = static_cast<int>(w);
    }
  }
  if (auto it = body.find("redraw"); it != body.end() && !it->is_null()) {
    XJ_ASSIGN_OR_RETURN(r.redraw, BoolField(body, "redraw"));
  }
  return r;
}

// {meets_criteria, included, comparison_passed, satisfied, visited_on, visitor, note?}.
Result<analytics::SampleResult> ResultOf(const json& body) {
  analytics::SampleResult r;
  XJ_ASSIGN_OR_RETURN(r.meets_criteria, AnswerField(body, "meets_criteria"));
  XJ_ASSIGN_OR_RETURN(r.included, AnswerField(body, "included"));
  XJ_ASSIGN_OR_RETURN(r.comparison_passed, AnswerField(body, "comparison_passed"));
  XJ_ASSIGN_OR_RETURN(r.satisfied, AnswerField(body, "satisfied"));
  XJ_ASSIGN_OR_RETURN(const std::string visited_on, StringField(body, "visited_on"));
  auto date = ParseDate(visited_on);
  if (!date.ok()) {
    return InvalidArgument("the field 'visited_on': " + date.status().message());
  }
  r.visited_on = *date;
  XJ_ASSIGN_OR_RETURN(r.visitor, StringField(body, "visitor"));
  XJ_ASSIGN_OR_RETURN(r.note, StringField(body, "note", false));
  return r;
}

}  // namespace

std::vector<Route> SampleRoutes(service::Workspace& workspace) {
  service::Workspace& ws = workspace;
  std::vector<Route> routes;
  routes.push_back(
      {"POST", "/api/v1/samples", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         XJ_ASSIGN_OR_RETURN(service::DrawRequest request, DrawRequestOf(body));
         XJ_ASSIGN_OR_RETURN(service::SampleFile file,
                             service::DrawSample(ws, caller.principal, request));
         return Json(json::parse(service::SampleFileJson(file)), 201);
       },
       /*bulk=*/true});
  routes.push_back(
      {"GET", "/api/v1/samples", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         // ?county= (or ?region=, a province or prefecture) and ?year=; latest=true for the
         // latest draw of each county and year only.
         const std::string region = QueryString(req, "county", QueryString(req, "region"));
         XJ_ASSIGN_OR_RETURN(const int64_t year, QueryInt(req, "year", 0, 2000, 2100));
         const std::string latest = QueryString(req, "latest", "false");
         if (latest != "true" && latest != "false") {
           return InvalidArgument("query parameter 'latest' must be true or false, not '" +
                                  latest + "'");
         }
         XJ_ASSIGN_OR_RETURN(auto items,
                             service::ListSamples(ws, caller.principal, region,
                                                  static_cast<int>(year), latest == "true"));
         return Json(json::parse(service::SampleListJson(items)));
       }});
  routes.push_back(
      {"GET", "/api/v1/samples/:id", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const int64_t id, PathNumber(caller, "id"));
         const std::string format = QueryString(req, "format", "json");
         if (format != "json" && format != "xlsx") {
           return InvalidArgument("query parameter 'format' must be json or xlsx, not '" +
                                  format + "'");
         }
         XJ_ASSIGN_OR_RETURN(service::SampleFile file,
                             service::GetSample(ws, caller.principal, id));
         if (format == "xlsx") {
           XJ_ASSIGN_OR_RETURN(std::string workbook, service::SampleXlsx(file));
           return File(std::move(workbook), kXlsxType,
                       "抽样核查-" + file.draw.county_code + "-" + std::to_string(file.draw.year) +
                           "-" + std::to_string(file.draw.id) + ".xlsx");
         }
         return Json(json::parse(service::SampleFileJson(file)));
       }});
  routes.push_back(
      {"PUT", "/api/v1/samples/:id/units/:household", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const int64_t id, PathNumber(caller, "id"));
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         XJ_ASSIGN_OR_RETURN(analytics::SampleResult result, ResultOf(body));
         XJ_ASSIGN_OR_RETURN(service::SampleUnitItem unit,
                             service::RecordSampleResult(ws, caller.principal, id,
                                                         PathParam(caller, "household"), result));
         return Json(json::parse(service::SampleUnitJson(unit)));
       }});
  routes.push_back(
      {"POST", "/api/v1/samples/:id/close", Access::kSession,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(const int64_t id, PathNumber(caller, "id"));
         XJ_ASSIGN_OR_RETURN(service::SampleFile file,
                             service::CloseSample(ws, caller.principal, id));
         return Json(json::parse(service::SampleFileJson(file)));
       }});
  return routes;
}

}  // namespace xianjie::server
