// The one error table of the HTTP API (docs/decisions/0004): a Status code, or a server-level
// failure (CSRF, body too large, no such route), becomes an HTTP status and the JSON shape
//   {"error": {"code", "message", "request_id", "details"}}.
#ifndef XIANJIE_SERVER_ERROR_H_
#define XIANJIE_SERVER_ERROR_H_

#include <cstddef>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "base/status.h"

namespace xianjie::server {

// A failed request as the client sees it.
struct ApiError {
  int http_status = 500;
  std::string code;  // stable: StatusCodeName(...) or one of the server-level codes below
  std::string message;
  nlohmann::json details = nlohmann::json::object();
};

// The table: INVALID_ARGUMENT 400, NOT_FOUND 404, ALREADY_EXISTS 409, FAILED_PRECONDITION 409,
// ABORTED 409, UNAUTHENTICATED 401, PERMISSION_DENIED 403, RESOURCE_EXHAUSTED 429, IO_ERROR 503,
// DATA_LOSS 500, INTERNAL 500 (and OK, which is a bug here, 500).
int HttpStatusOf(StatusCode code);
// The error of a failed Status (`status` must not be OK; an OK status gives INTERNAL).
ApiError FromStatus(const Status& status);

// Server-level errors that have no Status code.
ApiError CsrfFailed();                           // 403 CSRF_FAILED
ApiError PayloadTooLarge(size_t limit_bytes);    // 413 PAYLOAD_TOO_LARGE
ApiError ServerBusy();                           // 503 SERVER_BUSY
ApiError RouteNotFound(const std::string& path);  // 404 NOT_FOUND
// 405 METHOD_NOT_ALLOWED; `allowed` as for the Allow header ("GET, POST").
ApiError MethodNotAllowed(const std::string& method, const std::string& allowed);
// For a status httplib set before any handler ran (400 bad request line, 413, 414, 416 ...).
ApiError FromHttpStatus(int http_status);

// The JSON text of the error shape.
std::string ErrorBody(const ApiError& error, const std::string& request_id);
// Sets status, body and Content-Type of `response` to the error.
void SetError(httplib::Response& response, const ApiError& error, const std::string& request_id);

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_ERROR_H_
