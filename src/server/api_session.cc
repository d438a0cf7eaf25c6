// Sessions over HTTP: login sets the cookie and returns the CSRF token, logout and a password
// change end the session and clear the cookie, /me says who the session belongs to.
#include <nlohmann/json.hpp>

#include "access/password.h"
#include "server/api_core.h"
#include "server/params.h"
#include "server/route.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

json UserJson(const access::Principal& p, const std::string& display_name,
              const registry::RegionTable& regions) {
  const registry::Region* region = regions.Find(std::string_view(p.scope));
  return {{"username", p.username},
          {"display_name", display_name},
          {"role", std::string(access::RoleName(p.role))},
          {"scope", p.scope},
          {"scope_name", region != nullptr ? region->name : ""}};
}

Result<Reply> Login(access::Accounts& accounts, const registry::RegionTable& regions,
                    const CookieOptions& cookie, const httplib::Request& request,
                    const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(request));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  XJ_ASSIGN_OR_RETURN(std::string username, StringField(body, "username"));
  XJ_ASSIGN_OR_RETURN(std::string password, StringField(body, "password"));
  XJ_ASSIGN_OR_RETURN(
      access::LoginResult login,
      accounts.Login(username, password, caller.client_address,
                     request.get_header_value("User-Agent")));
  Reply reply = Json({{"user", UserJson(login.principal, login.display_name, regions)},
                      {"csrf_token", login.csrf_token},
                      {"expires_at", login.expires_at}});
  reply.headers.emplace_back("Set-Cookie", SessionCookie(login.token, cookie));
  return reply;
}

Result<Reply> Logout(access::Accounts& accounts, const CookieOptions& cookie,
                     const Caller& caller) {
  XJ_RETURN_IF_ERROR(accounts.Logout(caller.session_token));
  Reply reply = NoContent();
  reply.headers.emplace_back("Set-Cookie", ClearedSessionCookie(cookie));
  return reply;
}

Result<Reply> Me(access::Accounts& accounts, const registry::RegionTable& regions,
                 const Caller& caller) {
  // The pre-routing check has just authenticated the token; asking again gives the expiry.
  XJ_ASSIGN_OR_RETURN(access::SessionInfo session, accounts.Authenticate(caller.session_token));
  return Json({{"user", UserJson(session.principal, session.display_name, regions)},
               {"csrf_token", session.csrf_token},
               {"expires_at", session.expires_at}});
}

Result<Reply> ChangeOwnPassword(access::Accounts& accounts, const CookieOptions& cookie,
                                const httplib::Request& request, const Caller& caller) {
  XJ_ASSIGN_OR_RETURN(json body, ParseJsonBody(request));
  XJ_RETURN_IF_ERROR(RequireObject(body));
  XJ_ASSIGN_OR_RETURN(std::string old_password, StringField(body, "old_password"));
  XJ_ASSIGN_OR_RETURN(std::string new_password, StringField(body, "new_password"));
  XJ_RETURN_IF_ERROR(accounts.ChangeOwnPassword(caller.principal.username, old_password,
                                                new_password, caller.client_address,
                                                request.get_header_value("User-Agent")));
  Reply reply = NoContent();
  reply.headers.emplace_back("Set-Cookie", ClearedSessionCookie(cookie));
  return reply;
}

}  // namespace

std::string SessionCookie(const std::string& token, const CookieOptions& options) {
  return std::string(kSessionCookieName) + "=" + token +
         "; Path=/; Max-Age=" + std::to_string(options.max_age_seconds) +
         "; HttpOnly; SameSite=Strict" + (options.secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(const CookieOptions& options) {
  return std::string(kSessionCookieName) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (options.secure ? "; Secure" : "");
}

std::vector<Route> SessionRoutes(access::Accounts& accounts, const registry::RegionTable& regions,
                                 CookieOptions cookie) {
  std::vector<Route> routes;
  routes.push_back({"POST", "/api/v1/login", Access::kPublic,
                    [&accounts, &regions, cookie](const httplib::Request& req, const Caller& c) {
                      return Login(accounts, regions, cookie, req, c);
                    }});
  routes.push_back({"POST", "/api/v1/logout", Access::kSession,
                    [&accounts, cookie](const httplib::Request&, const Caller& c) {
                      return Logout(accounts, cookie, c);
                    }});
  routes.push_back({"GET", "/api/v1/me", Access::kSession,
                    [&accounts, &regions](const httplib::Request&, const Caller& c) {
                      return Me(accounts, regions, c);
                    }});
  routes.push_back({"POST", "/api/v1/me/password", Access::kSession,
                    [&accounts, cookie](const httplib::Request& req, const Caller& c) {
                      return ChangeOwnPassword(accounts, cookie, req, c);
                    }});
  return routes;
}

}  // namespace xianjie::server
