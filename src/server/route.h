// What a route of the JSON API is, for the files that define routes (api_*.cc) and for the
// server that installs them behind the pre-routing checks (server.cc). A handler only parses the
// request, calls one service function and serializes its result (ARCHITECTURE.md §3); it returns
// a Status on failure and the one error table (error.h) turns it into the JSON error shape.
#ifndef XIANJIE_SERVER_ROUTE_H_
#define XIANJIE_SERVER_ROUTE_H_

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "access/role.h"
#include "base/status.h"

namespace xianjie::server {

// Who sent the request, as established by the pre-routing handler.
struct Caller {
  access::Principal principal;  // empty username on routes that need no session
  std::string display_name;
  std::string csrf_token;
  std::string request_id;
  std::string client_address;
  std::string session_token;  // the raw cookie value (for logout); never logged
  // The ":name" parts of the route's pattern, URL-decoded: {"id": "6301..."} for
  // "/api/v1/households/:id". (cpp-httplib 0.11 has no path parameters of its own.)
  std::map<std::string, std::string> path_params;
};

// A successful answer. Handlers build it with Json(), NoContent() or File().
struct Reply {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie ...)
  // When set, counted once in /metrics as xianjie_events_total{event="<event>"}: something the
  // answer does not show (a public application dropped). A name chosen by the handler's code,
  // never taken from the request, so that the series stay few.
  std::string event;
};

Reply Json(const nlohmann::json& body, int status = 200);
Reply NoContent();
// A download: `Content-Disposition: attachment; filename="<filename>"` (RFC 6266, UTF-8 safe).
Reply File(std::string body, std::string content_type, const std::string& filename);
// The content type of an .xlsx workbook, for File().
inline constexpr char kXlsxType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

using Handler = std::function<Result<Reply>(const httplib::Request&, const Caller&)>;

enum class Access {
  kPublic,   // no session needed (login, healthz)
  kSession,  // a valid session; non-GET also needs the CSRF header
};

struct Route {
  std::string method;   // "GET", "POST"
  std::string pattern;  // httplib pattern, e.g. "/api/v1/households/:id"
  Access access = Access::kSession;
  Handler handler;
  // Long work (an export of a province, an upload): runs beside the admission gate instead of
  // holding one of its few slots for seconds (ServerOptions::max_active).
  bool bulk = false;
  // A list whose ?format=xlsx is a whole-list workbook (table_export.h): that request runs beside
  // the gate as a bulk one; its JSON pages wait like any other.
  bool bulk_xlsx = false;
};

// Parses a JSON request body: kInvalidArgument ("the request body is not JSON: ...") otherwise.
Result<nlohmann::json> ParseJsonBody(const httplib::Request& request);

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_ROUTE_H_
