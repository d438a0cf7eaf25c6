// The server's own routes (docs/decisions/0004): sessions (login, logout, me, own password) in
// api_session.cc; user administration and the audit log in api_admin.cc. The data routes are in
// api_data.h.
#ifndef XIANJIE_SERVER_API_CORE_H_
#define XIANJIE_SERVER_API_CORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "access/accounts.h"
#include "access/audit.h"
#include "registry/region.h"
#include "server/route.h"

namespace xianjie::server {

// The name of the session cookie.
inline constexpr char kSessionCookieName[] = "xj_session";

struct CookieOptions {
  bool secure = false;                       // add `Secure` (the server is behind TLS)
  int64_t max_age_seconds = 12 * 60 * 60;    // the absolute session expiry
};

// `xj_session=<token>; Path=/; Max-Age=N; HttpOnly; SameSite=Strict[; Secure]`.
std::string SessionCookie(const std::string& token, const CookieOptions& options);
// The same cookie emptied with Max-Age=0 (the browser drops it).
std::string ClearedSessionCookie(const CookieOptions& options);

// POST /api/v1/login (public), POST /api/v1/logout, GET /api/v1/me, POST /api/v1/me/password.
// `regions` names the scopes (scope_name); it must outlive the routes.
std::vector<Route> SessionRoutes(access::Accounts& accounts, const registry::RegionTable& regions,
                                 CookieOptions cookie);

// GET/POST /api/v1/users, POST /api/v1/users/:name/password and /disabled (user.admin);
// GET /api/v1/audit and /api/v1/audit/verify (audit.read).
std::vector<Route> AdminRoutes(access::Accounts& accounts, access::AuditStore& audit);

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_API_CORE_H_
