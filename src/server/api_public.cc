// The public application page's routes (docs/decisions/0005, "The public application page"),
// which need no session: GET /api/v1/public/villages/:code, GET /api/v1/public/challenge,
// POST /api/v1/public/applications (202 {received, reference} whatever was entered; 429 with
// Retry-After past the limits); and the village's inbox for officers: GET /api/v1/applications,
// POST /api/v1/applications/:id/link and /close. The public routes share one
// service::PublicApplications (the challenge key and the rate limits) that lives as long as the
// routes, that is as long as the server.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "server/api_data.h"
#include "server/error.h"
#include "server/params.h"
#include "service/applications.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

json ApplicationJson(const cases::Application& a, const std::string& village_name) {
  return {{"id", a.id},
          {"reference", a.reference},
          {"village_code", a.village_code},
          {"village_name", village_name},
          {"received_at", a.received_at},
          {"applicant_name", a.applicant_name},
          {"id_number", a.id_number},
          {"phone", a.phone},
          {"relation", cases::RelationCode(a.relation)},
          {"text", a.text},
          {"household_id", a.household_id},
          {"case_id", a.case_id},
          {"status", cases::ApplicationStatusCode(a.status)},
          {"handled_by", a.handled_by},
          {"handled_at", a.handled_at},
          {"note", a.note}};
}

Result<service::ApplicationForm> FormFromJson(const json& body) {
  XJ_RETURN_IF_ERROR(RequireObject(body));
  service::ApplicationForm f;
  XJ_ASSIGN_OR_RETURN(f.challenge, StringField(body, "challenge"));
  XJ_ASSIGN_OR_RETURN(f.nonce, StringField(body, "nonce"));
  XJ_ASSIGN_OR_RETURN(f.village, StringField(body, "village"));
  XJ_ASSIGN_OR_RETURN(f.name, StringField(body, "name"));
  XJ_ASSIGN_OR_RETURN(f.id_number, StringField(body, "id_number", /*required=*/false));
  XJ_ASSIGN_OR_RETURN(f.phone, StringField(body, "phone"));
  XJ_ASSIGN_OR_RETURN(f.relation, StringField(body, "relation"));
  XJ_ASSIGN_OR_RETURN(f.text, StringField(body, "text"));
  XJ_ASSIGN_OR_RETURN(f.website, StringField(body, "website", /*required=*/false));
  return f;
}

// 429 in the error shape with the Retry-After header (RFC 9110: seconds) and the same number in
// the details, for clients that do not read headers.
Reply TooMany(const Status& status, int64_t retry_after, const Caller& caller) {
  ApiError error = FromStatus(status);
  error.details = {{"retry_after_seconds", retry_after}};
  Reply reply;
  reply.status = error.http_status;
  reply.body = ErrorBody(error, caller.request_id);
  reply.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return reply;
}

std::string DropEvent(service::DropReason reason) {
  switch (reason) {
    case service::DropReason::kProof:
      return "public_application_dropped_proof";
    case service::DropReason::kHoneypot:
      return "public_application_dropped_honeypot";
    case service::DropReason::kReplay:
      return "public_application_dropped_replay";
    case service::DropReason::kNone:
      break;
  }
  return "";
}

}  // namespace

std::vector<Route> PublicRoutes(service::Workspace& workspace) {
  service::Workspace& ws = workspace;
  auto apps = std::make_shared<service::PublicApplications>();
  std::vector<Route> routes;
  routes.push_back(
      {"GET", "/api/v1/public/villages/:code", Access::kPublic,
       [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(service::PublicVillageInfo v,
                             service::PublicVillage(ws, PathParam(caller, "code")));
         return Json({{"code", v.code}, {"name", v.name}, {"path", v.path}});
       }});
  routes.push_back(
      {"GET", "/api/v1/public/challenge", Access::kPublic,
       [&ws, apps](const httplib::Request& req, const Caller&) -> Result<Reply> {
         const std::string village = QueryString(req, "village");
         XJ_ASSIGN_OR_RETURN(service::Challenge c,
                             service::IssueChallenge(ws, *apps, village, ws.Now()));
         return Json({{"village", village},
                      {"challenge", c.challenge},
                      {"bits", c.proof_bits},
                      {"expires_at", c.expires_at}});
       }});
  routes.push_back(
      {"POST", "/api/v1/public/applications", Access::kPublic,
       [&ws, apps](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_ASSIGN_OR_RETURN(service::ApplicationForm form, FormFromJson(body));
         int64_t retry_after = 0;
         auto receipt = service::SubmitApplication(ws, *apps, form, caller.client_address,
                                                   ws.Now(), &retry_after);
         if (!receipt.ok()) {
           if (receipt.status().code() == StatusCode::kResourceExhausted) {
             return TooMany(receipt.status(), retry_after, caller);
           }
           return receipt.status();
         }
         Reply reply = Json({{"received", true}, {"reference", receipt->reference}}, 202);
         reply.event = DropEvent(receipt->dropped);
         return reply;
       }});

  routes.push_back(
      {"GET", "/api/v1/applications", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         service::ApplicationQuery q;
         q.village = QueryString(req, "village");
         q.region = QueryString(req, "region");
         q.status = QueryString(req, "status");
         XJ_ASSIGN_OR_RETURN(q.offset, QueryInt(req, "offset", 0, 0, INT32_MAX));
         XJ_ASSIGN_OR_RETURN(q.limit, QueryInt(req, "limit", 50, 1, service::kMaxPageLimit));
         XJ_ASSIGN_OR_RETURN(auto page, service::ListApplications(ws, caller.principal, q));
         json items = json::array();
         for (const service::ApplicationItem& item : page.items) {
           items.push_back(ApplicationJson(item.application, item.village_name));
         }
         return Json({{"total", page.total},
                      {"offset", page.offset},
                      {"limit", page.limit},
                      {"items", std::move(items)}});
       }});
  routes.push_back(
      {"POST", "/api/v1/applications/:id/link", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         XJ_ASSIGN_OR_RETURN(std::string household, StringField(body, "household_id"));
         XJ_ASSIGN_OR_RETURN(cases::Application a,
                             service::LinkApplication(ws, caller.principal, id, household,
                                                      ws.Now()));
         return Json(ApplicationJson(a, ws.view()->RegionName(a.village_code)));
       }});
  routes.push_back(
      {"POST", "/api/v1/applications/:id/close", Access::kSession,
       [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
         XJ_ASSIGN_OR_RETURN(int64_t id, PathNumber(caller, "id"));
         XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
         XJ_RETURN_IF_ERROR(RequireObject(body));
         XJ_ASSIGN_OR_RETURN(std::string reason, StringField(body, "reason"));
         XJ_ASSIGN_OR_RETURN(cases::Application a,
                             service::CloseApplication(ws, caller.principal, id, reason,
                                                       ws.Now()));
         return Json(ApplicationJson(a, ws.view()->RegionName(a.village_code)));
       }});
  return routes;
}

}  // namespace xianjie::server
