// The error table of error.h.
#include "server/error.h"

namespace xianjie::server {

int HttpStatusOf(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kIoError:
      return 503;
    case StatusCode::kDataLoss:
    case StatusCode::kInternal:
    case StatusCode::kOk:
      return 500;
  }
  return 500;
}

ApiError FromStatus(const Status& status) {
  if (status.ok()) {
    return {500, "INTERNAL", "a handler failed without saying why (an OK status as an error)", {}};
  }
  return {HttpStatusOf(status.code()), std::string(StatusCodeName(status.code())),
          status.message(), nlohmann::json::object()};
}

ApiError CsrfFailed() {
  return {403, "CSRF_FAILED",
          "the request lacks the X-CSRF-Token header of this session, or it is wrong; reload "
          "the page (or send the csrf_token that login and /api/v1/me return)",
          nlohmann::json::object()};
}

ApiError PayloadTooLarge(size_t limit_bytes) {
  return {413, "PAYLOAD_TOO_LARGE",
          "the request body is larger than this endpoint accepts (" +
              std::to_string(limit_bytes) + " bytes); send a smaller body",
          {{"limit_bytes", limit_bytes}}};
}

ApiError ServerBusy() {
  return {503,
          "SERVER_BUSY",
          "the server has more requests than it can take now; try again in a moment (the "
          "Retry-After header says when)",
          {{"retry_after_seconds", 1}}};
}

ApiError RouteNotFound(const std::string& path) {
  return {404, "NOT_FOUND",
          "there is no API endpoint " + path + "; see /api/v1/openapi.yaml for the endpoints",
          nlohmann::json::object()};
}

ApiError MethodNotAllowed(const std::string& method, const std::string& allowed) {
  return {405, "METHOD_NOT_ALLOWED",
          "this endpoint does not accept " + method + "; it accepts " + allowed,
          {{"allowed", allowed}}};
}

ApiError FromHttpStatus(int http_status) {
  switch (http_status) {
    case 400:
      return {400, "INVALID_ARGUMENT", "the request is not valid HTTP", {}};
    case 404:
      return {404, "NOT_FOUND", "there is nothing at this address", {}};
    case 413:
      return {413, "PAYLOAD_TOO_LARGE", "the request body is too large", {}};
    case 414:
      return {414, "INVALID_ARGUMENT", "the request address is too long", {}};
    case 416:
      return {416, "INVALID_ARGUMENT", "the requested byte range is not valid", {}};
    default:
      break;
  }
  if (http_status >= 500) {
    return {http_status, "INTERNAL", "the server failed to answer this request", {}};
  }
  return {http_status, "HTTP_" + std::to_string(http_status), "the request failed", {}};
}

std::string ErrorBody(const ApiError& error, const std::string& request_id) {
  nlohmann::json body = {{"error",
                          {{"code", error.code},
                           {"message", error.message},
                           {"request_id", request_id},
                           {"details", error.details.is_null() ? nlohmann::json::object()
                                                               : error.details}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void SetError(httplib::Response& response, const ApiError& error, const std::string& request_id) {
  response.status = error.http_status;
  response.set_content(ErrorBody(error, request_id), "application/json; charset=utf-8");
}

}  // namespace xianjie::server
