// The one error table (server/error.h) and what the server does with a failing or throwing
// handler: the Status code's HTTP status, a 500 with the request id, and an error log line.
#include <gtest/gtest.h>

#include <stdexcept>

#include "server/error.h"
#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

TEST(ErrorTableTest, EveryStatusCodeHasTheStatusOfDecision0004) {
  const std::vector<std::tuple<StatusCode, int, std::string>> table = {
      {StatusCode::kInvalidArgument, 400, "INVALID_ARGUMENT"},
      {StatusCode::kNotFound, 404, "NOT_FOUND"},
      {StatusCode::kAlreadyExists, 409, "ALREADY_EXISTS"},
      {StatusCode::kFailedPrecondition, 409, "FAILED_PRECONDITION"},
      {StatusCode::kAborted, 409, "ABORTED"},
      {StatusCode::kUnauthenticated, 401, "UNAUTHENTICATED"},
      {StatusCode::kPermissionDenied, 403, "PERMISSION_DENIED"},
      {StatusCode::kResourceExhausted, 429, "RESOURCE_EXHAUSTED"},
      {StatusCode::kIoError, 503, "IO_ERROR"},
      {StatusCode::kDataLoss, 500, "DATA_LOSS"},
      {StatusCode::kInternal, 500, "INTERNAL"},
  };
  for (const auto& [code, http, name] : table) {
    ApiError e = FromStatus(Status(code, "what happened"));
    EXPECT_EQ(e.http_status, http) << name;
    EXPECT_EQ(e.code, name);
    EXPECT_EQ(e.message, "what happened");
  }
}

TEST(ErrorTableTest, ServerLevelCodes) {
  EXPECT_EQ(CsrfFailed().http_status, 403);
  EXPECT_EQ(CsrfFailed().code, "CSRF_FAILED");
  EXPECT_EQ(PayloadTooLarge(10).http_status, 413);
  EXPECT_EQ(PayloadTooLarge(10).code, "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(MethodNotAllowed("PUT", "GET").http_status, 405);
  EXPECT_EQ(RouteNotFound("/api/x").http_status, 404);
}

TEST(ErrorTableTest, BodyHasTheFourFields) {
  nlohmann::json body = nlohmann::json::parse(
      ErrorBody(FromStatus(NotFound("no household 'X'")), "0123456789abcdef"));
  EXPECT_EQ(body, nlohmann::json::parse(R"({"error":{"code":"NOT_FOUND",
      "message":"no household 'X'","request_id":"0123456789abcdef","details":{}}})"));
}

HarnessOptions WithRoutes() {
  HarnessOptions options;
  options.extra_routes.push_back(
      {"GET", "/api/v1/test/throws", Access::kPublic,
       [](const httplib::Request&, const Caller&) -> Result<Reply> {
         throw std::runtime_error("the bug in the handler");
       }});
  options.extra_routes.push_back({"GET", "/api/v1/test/io-error", Access::kPublic,
                                  [](const httplib::Request&, const Caller&) -> Result<Reply> {
                                    return IoError("the disk is full");
                                  }});
  options.extra_routes.push_back(
      {"GET", "/api/v1/test/params/:first/and/:second", Access::kPublic,
       [](const httplib::Request&, const Caller& caller) -> Result<Reply> {
         return Json({{"first", caller.path_params.at("first")},
                      {"second", caller.path_params.at("second")}});
       }});
  return options;
}

TEST(ServerErrorTest, ExceptionInAHandlerIs500WithTheRequestIdLogged) {
  ServerHarness h(WithRoutes());
  ASSERT_TRUE(h.ok());
  auto res = h.Client().Get("/api/v1/test/throws");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(ErrorCode(res), "INTERNAL");
  const std::string id = res->get_header_value("X-Request-Id");
  EXPECT_EQ(BodyJson(res)["error"]["request_id"], id);
  EXPECT_EQ(res->body.find("the bug in the handler"), std::string::npos);  // not to the client
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  h.Stop();
  const std::string log = h.error_log();
  EXPECT_NE(log.find(id), std::string::npos) << log;
  EXPECT_NE(log.find("the bug in the handler"), std::string::npos) << log;
}

TEST(ServerErrorTest, IoErrorStatusIs503) {
  ServerHarness h(WithRoutes());
  ASSERT_TRUE(h.ok());
  auto res = h.Client().Get("/api/v1/test/io-error");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(ErrorCode(res), "IO_ERROR");
  EXPECT_EQ(BodyJson(res)["error"]["message"], "the disk is full");
}

TEST(ServerErrorTest, PathParametersAreDecoded) {
  ServerHarness h(WithRoutes());
  ASSERT_TRUE(h.ok());
  auto res = h.Client().Get("/api/v1/test/params/a%20b/and/%E4%B8%AD");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(BodyJson(res), nlohmann::json({{"first", "a b"}, {"second", "中"}}));
}

}  // namespace
}  // namespace xianjie::server::testing
