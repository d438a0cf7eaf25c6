// The cases' routes (docs/decisions/0005, "HTTP API (v1, additions)"): GET /api/v1/cases,
// /cases/timeliness (DOMAIN.md §10), /cases/:id, POST /cases/:id/events, POST and GET
// /cases/:id/attachments, POST /leads, GET /deadlines, GET and PUT /workflow/limits/:province.
// Events are stamped with the workspace's clock (Workspace::Now, shifted in training
// environments) and deadlines weighed on China's date (UTC+8) of it.
#include <string>

#include <nlohmann/json.hpp>

#include "cases/deadlines.h"
#include "server/api_data.h"
#include "server/params.h"
#include "service/cases.h"
#include "service/cases_json.h"

namespace xianjie::server {
namespace {

using nlohmann::json;
using service::CaseJson;
using service::EventJson;

CivilDate ChinaToday(const service::Workspace& ws) { return cases::ChinaDateOf(ws.Now()); }

json DateOrNull(const std::optional<CivilDate>& d) {
  return d ? json(d->ToString()) : json(nullptr);
}

json LeadJson(const cases::Lead& l) {
  return {{"id", l.id},
          {"household_id", l.household_id},
          {"channel", cases::ChannelCode(l.channel)},
          {"source", l.source},
          {"at", l.at},
          {"proposed_type", l.proposed_type},
          {"proposed_risks", CodeList(l.proposed_risks)},
          {"note", l.note},
          {"visit_reason", l.visit_reason},
          {"case_id", l.case_id},
          {"episode_id", l.episode_id}};
}

json EpisodeJson(const cases::Episode& e) {
  return {{"id", e.id},
          {"household_id", e.household_id},
          {"village_code", e.village_code},
          {"identified_on", e.identified_on.ToString()},
          {"type", e.type},
          {"risks", CodeList(e.risks)},
          {"identification_case", e.identification_case},
          {"eliminated_on", DateOrNull(e.eliminated_on)},
          {"method", e.method},
          {"elimination_case", e.elimination_case}};
}

json AttachmentJson(const cases::Attachment& a) {
  return {{"id", a.id},
          {"filename", a.filename},
          {"content_type", a.content_type},
          {"sha256", a.sha256},
          {"bytes", a.bytes}};
}

// The limits as {name: days}, by the names cases::FormatLimits writes ("a=1;b=2").
json LimitsJson(const cases::WorkflowLimits& limits) {
  json out = json::object();
  const std::string text = cases::FormatLimits(limits);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (eq != std::string::npos) out[pair.substr(0, eq)] = std::stoi(pair.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

// {name: days, ...} → limits; names not given keep their defaults (cases::ParseLimits names an
// unknown one and checks the ranges).
Result<cases::WorkflowLimits> LimitsFromJson(const json& body) {
  XJ_RETURN_IF_ERROR(RequireObject(body));
  std::string text;
  for (const auto& [name, value] : body.items()) {
    // The names become "name=value;" text: one holding '=' or ';' would smuggle in another.
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") !=
                            std::string::npos) {
      return InvalidArgument("'" + name + "' is not the name of a workflow limit (names are "
                             "like county_days; GET the limits to see them all)");
    }
    if (!value.is_number_integer()) {
      return InvalidArgument("the limit '" + name + "' must be a whole number of days, not " +
                             value.dump());
    }
    text += name + "=" + std::to_string(value.get<int64_t>()) + ";";
  }
  return cases::ParseLimits(text);
}

// "1", "true" → true; "0", "false" → false; absent or "" → `fallback`.
Result<bool> QueryFlag(const httplib::Request& req, const std::string& name, bool fallback) {
  const std::string text = QueryString(req, name);
  if (text.empty()) return fallback;
  if (text == "1" || text == "true") return true;
  if (text == "0" || text == "false") return false;
  return InvalidArgument("query parameter '" + name + "' must be 1 or 0, not '" + text + "'");
}

// The body of POST /cases/:id/events: {event, fields:{name: "text"}, comment, attachments:[id]}.
Result<service::CaseAction> ActionFromJson(const json& body) {
  XJ_RETURN_IF_ERROR(RequireObject(body));
  service::CaseAction action;
  XJ_ASSIGN_OR_RETURN(action.event, StringField(body, "event"));
  XJ_ASSIGN_OR_RETURN(action.comment, StringField(body, "comment", /*required=*/false));
  if (body.contains("fields") && !body["fields"].is_null()) {
    if (!body["fields"].is_object()) {
      return InvalidArgument("the field 'fields' must be an object of strings, e.g. "
                             "{\"applicant\": \"户主\"}");
    }
    for (const auto& [name, value] : body["fields"].items()) {
      if (!value.is_string()) {
        return InvalidArgument("the event field '" + name + "' must be a string (e.g. \"23\"), "
                               "not " + value.dump());
      }
      action.fields[name] = value.get<std::string>();
    }
  }
  if (body.contains("attachments") && !body["attachments"].is_null()) {
    if (!body["attachments"].is_array()) {
      return InvalidArgument("the field 'attachments' must be an array of attachment ids");
    }
    for (const json& id : body["attachments"]) {
      if (!id.is_number_integer() || id.get<int64_t>() < 1) {
        return InvalidArgument("the field 'attachments' must hold attachment ids (whole "
                               "numbers from 1), not " + id.dump());
      }
      action.attachments.push_back(id.get<int64_t>());
    }
  }
  return action;
}

json DeadlinesJson(const service::RegionDeadlines& d) {
  json by_area = json::array();
  for (const auto& a : d.by_area) {
    by_area.push_back({{"code", a.code},
                       {"name", a.name},
                       {"open", a.counts.open},
                       {"overdue", a.counts.overdue},
                       {"due_within_2_days", a.counts.due_within_2_days},
                       {"paused", a.counts.paused},
                       {"escalated", a.counts.escalated}});
  }
  json by_state = json::array();
  for (const auto& s : d.by_state) {
    by_state.push_back({{"state", s.state}, {"open", s.open}, {"overdue", s.overdue}});
  }
  return {{"region", {{"code", d.region_code}, {"name", d.region_name}, {"level", d.region_level}}},
          {"by_area", std::move(by_area)},
          {"by_state", std::move(by_state)}};
}

// The query parameter `name` as a date (YYYY-MM-DD); `fallback` when absent or empty.
Result<CivilDate> QueryDate(const httplib::Request& req, const std::string& name,
                            CivilDate fallback) {
  const std::string text = QueryString(req, name);
  if (text.empty()) return fallback;
  auto date = ParseDate(text);
  if (!date.ok()) {
    return InvalidArgument("query parameter '" + name + "': " + date.status().message());
  }
  return *date;
}

// A share and a mean mean nothing over no approval: null then.
// GET /cases/timeliness?region=&from=&to=: `to` defaults to today (China's date of the
// workspace's clock), `from` to 1 January of the year of `to`.
Result<Reply> Timeliness(service::Workspace& ws, const httplib::Request& req,
                         const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(const CivilDate to, QueryDate(req, "to", ChinaToday(ws)));
  XJ_ASSIGN_OR_RETURN(const CivilDate from,
                      QueryDate(req, "from", CivilDate::FromYmd(to.year(), 1, 1)));
  XJ_ASSIGN_OR_RETURN(auto t, service::Timeliness(ws, caller.principal,
                                                  QueryString(req, "region"), from, to));
  return Json(service::TimelinessJson(t));
}

Result<Reply> ListCases(service::Workspace& ws, const httplib::Request& req,
                        const Caller& caller) {
  service::CaseQuery q;
  q.region = QueryString(req, "region");
  q.state = QueryString(req, "state");
  q.kind = QueryString(req, "kind");
  q.household_id = QueryString(req, "household");
  XJ_ASSIGN_OR_RETURN(q.open_only, QueryFlag(req, "open", true));
  XJ_ASSIGN_OR_RETURN(q.worklist, QueryFlag(req, "worklist", false));
  XJ_ASSIGN_OR_RETURN(q.overdue_only, QueryFlag(req, "overdue", false));
  XJ_ASSIGN_OR_RETURN(q.offset, QueryInt(req, "offset", 0, 0, INT32_MAX));
  XJ_ASSIGN_OR_RETURN(q.limit, QueryInt(req, "limit", 50, 1, service::kMaxPageLimit));
  XJ_ASSIGN_OR_RETURN(auto page, service::ListCases(ws, caller.principal, q, ChinaToday(ws)));
  json items = json::array();
  for (const service::CaseItem& item : page.items) items.push_back(CaseJson(item));
  return Json({{"total", page.total},
               {"offset", page.offset},
               {"limit", page.limit},
               {"items", std::move(items)}});
}

Result<Reply> GetCase(service::Workspace& ws, const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
  XJ_ASSIGN_OR_RETURN(auto file, service::GetCase(ws, caller.principal, id, ChinaToday(ws)));
  json events = json::array();
  for (const auto& e : file.events) events.push_back(EventJson(e));
  json leads = json::array();
  for (const auto& l : file.leads) leads.push_back(LeadJson(l));
  json episodes = json::array();
  for (const auto& e : file.episodes) episodes.push_back(EpisodeJson(e));
  return Json({{"case", CaseJson(file.item)},
               {"events", std::move(events)},
               {"leads", std::move(leads)},
               {"episodes", std::move(episodes)},
               {"available", file.available},
               {"limits", LimitsJson(file.limits)}});
}

Result<Reply> UploadAttachment(service::Workspace& ws, const httplib::Request& req,
                               const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
  if (!req.has_file("file")) {
    return InvalidArgument("send the file as multipart/form-data in the field 'file'");
  }
  const httplib::MultipartFormData file = req.get_file_value("file");
  XJ_ASSIGN_OR_RETURN(cases::Attachment a,
                      service::PutCaseAttachment(ws, caller.principal, id, file.filename,
                                                 file.content_type, file.content,
                                                 ws.Now()));
  return Json(AttachmentJson(a), 201);
}

Result<Reply> AddLead(service::Workspace& ws, const httplib::Request& req, const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  XJ_ASSIGN_OR_RETURN(std::string household, StringField(body, "household_id"));
  XJ_ASSIGN_OR_RETURN(std::string channel, StringField(body, "channel"));
  XJ_ASSIGN_OR_RETURN(std::string note, StringField(body, "note", /*required=*/false));
  XJ_ASSIGN_OR_RETURN(std::string reason, StringField(body, "visit_reason", /*required=*/false));
  std::string outcome;
  XJ_ASSIGN_OR_RETURN(int64_t case_id, service::AddLead(ws, caller.principal, household, channel,
                                                        note, reason, ws.Now(), &outcome));
  return Json({{"case_id", case_id}, {"outcome", outcome}}, 201);
}

}  // namespace

std::vector<Route> CaseRoutes(service::Workspace& ws) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/cases", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return ListCases(ws, req, caller);
                    }});
  // Before "/cases/:id", which would otherwise take "timeliness" for an id.
  routes.push_back({"GET", "/api/v1/cases/timeliness", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return Timeliness(ws, req, caller);
                    }});
  routes.push_back({"GET", "/api/v1/cases/:id", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) {
                      return GetCase(ws, caller);
                    }});
  routes.push_back({"POST", "/api/v1/cases/:id/events", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
                      XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
                      XJ_ASSIGN_OR_RETURN(service::CaseAction action, ActionFromJson(body));
                      XJ_ASSIGN_OR_RETURN(auto item,
                                          service::ActOnCaseItem(ws, caller.principal, id, action,
                                                                 ws.Now()));
                      return Json(CaseJson(item));
                    }});
  routes.push_back({"POST", "/api/v1/cases/:id/attachments", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return UploadAttachment(ws, req, caller);
                    },
                    /*bulk=*/true});
  routes.push_back({"GET", "/api/v1/cases/:id/attachments/:aid", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
                      XJ_ASSIGN_OR_RETURN(int64_t aid, PathNumber(caller, "aid"));
                      std::string content;
                      XJ_ASSIGN_OR_RETURN(cases::Attachment a,
                                          service::GetCaseAttachment(ws, caller.principal, id,
                                                                     aid, &content));
                      return File(std::move(content), a.content_type, a.filename);
                    }});
  routes.push_back({"POST", "/api/v1/leads", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) {
                      return AddLead(ws, req, caller);
                    }});
  routes.push_back({"GET", "/api/v1/deadlines", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto d, service::DeadlineSummary(
                                                      ws, caller.principal,
                                                      QueryString(req, "region"), ChinaToday(ws)));
                      return Json(DeadlinesJson(d));
                    }});
  routes.push_back({"GET", "/api/v1/workflow/limits/:province", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto limits,
                                          service::ReadLimits(ws.database(), caller.principal,
                                                              PathParam(caller, "province")));
                      return Json(LimitsJson(limits));
                    }});
  routes.push_back({"PUT", "/api/v1/workflow/limits/:province", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      const std::string& province = PathParam(caller, "province");
                      XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
                      XJ_ASSIGN_OR_RETURN(cases::WorkflowLimits limits, LimitsFromJson(body));
                      XJ_RETURN_IF_ERROR(
                          service::SetLimits(ws.database(), caller.principal, province, limits));
                      return Json(LimitsJson(limits));
                    }});
  return routes;
}

}  // namespace xianjie::server
