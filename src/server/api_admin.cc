// User administration (user.admin) and the audit log (audit.read) over HTTP. Each handler asks
// access::Authorize first, like the service functions do.
#include <algorithm>
#include <deque>

#include <nlohmann/json.hpp>

#include "access/authorize.h"
#include "server/api_core.h"
#include "server/params.h"
#include "server/route.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

json UserSummaryJson(const access::UserSummary& u) {
  return {{"username", u.username},
          {"display_name", u.display_name},
          {"role", std::string(access::RoleName(u.role))},
          {"scope", u.scope},
          {"disabled", u.disabled},
          {"created_at", u.created_at},
          {"password_changed_at", u.password_changed_at}};
}

Result<Reply> ListUsers(access::Accounts& accounts, const Caller& caller) {
  XJ_RETURN_IF_ERROR(access::Authorize(caller.principal, access::Operation::kUserAdmin, ""));
  XJ_ASSIGN_OR_RETURN(auto users, accounts.ListUsers());
  json items = json::array();
  for (const access::UserSummary& u : users) items.push_back(UserSummaryJson(u));
  return Json({{"items", std::move(items)}});
}

Result<Reply> AddUser(access::Accounts& accounts, const httplib::Request& request,
                      const Caller& caller) {
  XJ_RETURN_IF_ERROR(access::Authorize(caller.principal, access::Operation::kUserAdmin, ""));
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(request));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  XJ_ASSIGN_OR_RETURN(std::string username, StringField(body, "username"));
  XJ_ASSIGN_OR_RETURN(std::string password, StringField(body, "password"));
  XJ_ASSIGN_OR_RETURN(std::string role_name, StringField(body, "role"));
  XJ_ASSIGN_OR_RETURN(std::string scope, StringField(body, "scope"));
  XJ_ASSIGN_OR_RETURN(std::string display_name, StringField(body, "display_name", false));
  XJ_ASSIGN_OR_RETURN(access::Role role, access::ParseRole(role_name));
  XJ_RETURN_IF_ERROR(accounts.AddUser(caller.principal.username, username, password, role, scope,
                                      display_name));
  XJ_ASSIGN_OR_RETURN(auto users, accounts.ListUsers());
  auto it = std::find_if(users.begin(), users.end(),
                         [&](const access::UserSummary& u) { return u.username == username; });
  if (it == users.end()) return Internal("user '" + username + "' was added but is not listed");
  return Json(UserSummaryJson(*it), 201);
}

Result<Reply> SetUserPassword(access::Accounts& accounts, const httplib::Request& request,
                              const Caller& caller) {
  XJ_RETURN_IF_ERROR(access::Authorize(caller.principal, access::Operation::kUserAdmin, ""));
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(request));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  XJ_ASSIGN_OR_RETURN(std::string password, StringField(body, "password"));
  XJ_RETURN_IF_ERROR(
      accounts.SetPassword(caller.principal.username, caller.path_params.at("name"), password));
  return NoContent();
}

Result<Reply> SetUserDisabled(access::Accounts& accounts, const httplib::Request& request,
                              const Caller& caller) {
  XJ_RETURN_IF_ERROR(access::Authorize(caller.principal, access::Operation::kUserAdmin, ""));
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(request));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  XJ_ASSIGN_OR_RETURN(bool disabled, BoolField(body, "disabled"));
  XJ_RETURN_IF_ERROR(
      accounts.SetDisabled(caller.principal.username, caller.path_params.at("name"), disabled));
  return NoContent();
}

json AuditEntryJson(const access::AuditEntry& e) {
  return {{"seq", e.seq},         {"time", e.time},         {"user", e.user},
          {"action", e.action},   {"subject", e.subject},   {"detail", e.detail},
          {"prev_hash", e.prev_hash}, {"hash", e.hash}};
}

// The whole log is walked (filters match exactly), keeping only the newest offset + limit
// matches; the page is taken newest first.
Result<Reply> ListAudit(access::AuditStore& audit, const httplib::Request& request,
                        const Caller& caller) {
  XJ_RETURN_IF_ERROR(access::Authorize(caller.principal, access::Operation::kAuditRead, ""));
  const std::string user = QueryString(request, "user");
  const std::string action = QueryString(request, "action");
  const std::string subject = QueryString(request, "subject");
  XJ_ASSIGN_OR_RETURN(int64_t offset, QueryInt(request, "offset", 0, 0, 1'000'000));
  XJ_ASSIGN_OR_RETURN(int64_t limit, QueryInt(request, "limit", 50, 1, 1000));
  const size_t keep = static_cast<size_t>(offset + limit);
  std::deque<access::AuditEntry> newest;
  int64_t total = 0;
  XJ_RETURN_IF_ERROR(audit.ForEach([&](const access::AuditEntry& e) {
    if ((user.empty() || e.user == user) && (action.empty() || e.action == action) &&
        (subject.empty() || e.subject == subject)) {
      ++total;
      newest.push_back(e);
      if (newest.size() > keep) newest.pop_front();
    }
    return Status::Ok();
  }));
  json items = json::array();
  for (auto it = newest.rbegin() + std::min<int64_t>(offset, static_cast<int64_t>(newest.size()));
       it != newest.rend(); ++it) {
    items.push_back(AuditEntryJson(*it));
  }
  return Json({{"total", total}, {"offset", offset}, {"limit", limit}, {"items", items}});
}

Result<Reply> VerifyAudit(access::AuditStore& audit, const Caller& caller) {
  XJ_RETURN_IF_ERROR(access::Authorize(caller.principal, access::Operation::kAuditRead, ""));
  XJ_ASSIGN_OR_RETURN(access::AuditVerification v, access::VerifyAuditChain(audit));
  return Json({{"entries", v.entries},
               {"intact", v.first_bad_seq == 0},
               {"first_bad_seq", v.first_bad_seq},
               {"reason", v.reason}});
}

}  // namespace

std::vector<Route> AdminRoutes(access::Accounts& accounts, access::AuditStore& audit) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/users", Access::kSession,
                    [&accounts](const httplib::Request&, const Caller& c) {
                      return ListUsers(accounts, c);
                    }});
  routes.push_back({"POST", "/api/v1/users", Access::kSession,
                    [&accounts](const httplib::Request& req, const Caller& c) {
                      return AddUser(accounts, req, c);
                    }});
  routes.push_back({"POST", "/api/v1/users/:name/password", Access::kSession,
                    [&accounts](const httplib::Request& req, const Caller& c) {
                      return SetUserPassword(accounts, req, c);
                    }});
  routes.push_back({"POST", "/api/v1/users/:name/disabled", Access::kSession,
                    [&accounts](const httplib::Request& req, const Caller& c) {
                      return SetUserDisabled(accounts, req, c);
                    }});
  routes.push_back({"GET", "/api/v1/audit", Access::kSession,
                    [&audit](const httplib::Request& req, const Caller& c) {
                      return ListAudit(audit, req, c);
                    }});
  routes.push_back({"GET", "/api/v1/audit/verify", Access::kSession,
                    [&audit](const httplib::Request&, const Caller& c) {
                      return VerifyAudit(audit, c);
                    }});
  return routes;
}

}  // namespace xianjie::server
