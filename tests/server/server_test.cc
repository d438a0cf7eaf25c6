// The server's own behaviour over a real socket: health, metrics, the OpenAPI document, the
// error shape for unknown routes, wrong methods, bad JSON and big bodies, security headers,
// the access log, and the web UI's files with the SPA fallback.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>

#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { harness_ = new ServerHarness(); }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(harness_->ok()); }
  static ServerHarness* harness_;
};
ServerHarness* ServerTest::harness_ = nullptr;

TEST_F(ServerTest, HealthzAnswersOkWithTheSnapshotSize) {
  auto res = harness_->Client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["status"], "ok");
  // The harness's registry: 9 households of the service world and D01.
  EXPECT_EQ(body["households"], 10);
  EXPECT_GT(body["batch"].get<int64_t>(), 0);
}

TEST_F(ServerTest, OpenApiDocumentIsServed) {
  auto res = harness_->Client().Get("/api/v1/openapi.yaml");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/yaml; charset=utf-8");
  EXPECT_EQ(res->body.rfind("openapi: 3.0", 0), 0u) << res->body.substr(0, 40);
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  for (const char* path : {"/healthz", "/", "/api/v1/nothing-here", "/assets/app-1234.js"}) {
    auto res = harness_->Client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("Content-Security-Policy"),
              "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
              "frame-ancestors 'none'")
        << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_TRUE(std::regex_match(res->get_header_value("X-Request-Id"),
                                 std::regex("[0-9a-f]{16}")))
        << path;
  }
}

TEST_F(ServerTest, ApiResponsesAreNotCached) {
  auto res = harness_->Client().Get("/api/v1/me");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->get_header_value_count("Cache-Control"), 1u);
}

TEST_F(ServerTest, RequestIdsDifferAndAppearInTheErrorBody) {
  auto a = harness_->Client().Get("/api/v1/nothing-here");
  auto b = harness_->Client().Get("/api/v1/nothing-here");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->get_header_value("X-Request-Id"), b->get_header_value("X-Request-Id"));
  EXPECT_EQ(BodyJson(a)["error"]["request_id"], a->get_header_value("X-Request-Id"));
}

TEST_F(ServerTest, UnknownApiRouteIs404InTheErrorShape) {
  auto res = harness_->Client().Get("/api/v1/nothing-here");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  nlohmann::json error = BodyJson(res)["error"];
  EXPECT_EQ(error["code"], "NOT_FOUND");
  EXPECT_TRUE(error["message"].is_string());
  EXPECT_TRUE(error["details"].is_object());
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto res = harness_->Client().Delete("/api/v1/login");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(ErrorCode(res), "METHOD_NOT_ALLOWED");
  EXPECT_EQ(res->get_header_value("Allow"), "POST");
}

TEST_F(ServerTest, BadJsonIs400InvalidArgument) {
  auto res = harness_->Client().Post("/api/v1/login", "{not json", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
}

TEST_F(ServerTest, JsonThatIsNotAnObjectIs400) {
  auto res = harness_->Client().Post("/api/v1/login", "[1,2]", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
}

TEST_F(ServerTest, BodyOverTheJsonLimitIs413) {
  // The harness allows 64 KiB of JSON.
  std::string big = "{\"username\":\"" + std::string(70 * 1024, 'x') + "\",\"password\":\"p\"}";
  auto res = harness_->Client().Post("/api/v1/login", big, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(ErrorCode(res), "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(BodyJson(res)["error"]["details"]["limit_bytes"], 64 * 1024);
}

TEST_F(ServerTest, MetricsCountRequestsByRoutePattern) {
  auto client = harness_->Client();
  ASSERT_TRUE(client.Get("/healthz"));
  ASSERT_TRUE(client.Post("/api/v1/users/someone/disabled", "{}", "application/json"));
  // A request is counted after its last byte is written, so the count may trail the answer.
  const std::string healthz_200 = R"(route="/healthz",method="GET",status="200")";
  const std::string post_401 = R"(route="/api/v1/users/:name/disabled",method="POST",status="401")";
  auto counted = [&](const httplib::Result& r) {
    return r && r->body.find(healthz_200) != std::string::npos &&
           r->body.find(post_401) != std::string::npos;
  };
  httplib::Result res = client.Get("/metrics");
  for (int i = 0; i < 100 && !counted(res); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    res = client.Get("/metrics");
  }
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = res->body;
  EXPECT_TRUE(std::regex_search(
      text, std::regex(R"(xianjie_http_requests_total\{route="/healthz",method="GET",status="200"\} [1-9])")))
      << text;
  // Counted under the pattern, never the raw path with its user name.
  EXPECT_NE(text.find(post_401), std::string::npos);
  EXPECT_EQ(text.find("someone"), std::string::npos);
  EXPECT_NE(text.find("xianjie_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(text.find("xianjie_snapshot_households 10\n"), std::string::npos);
  EXPECT_NE(text.find("xianjie_snapshot_bytes "), std::string::npos);
}

TEST_F(ServerTest, UnknownMethodsShareOneMetricsLabel) {
  httplib::Client client = harness_->Client();
  ASSERT_TRUE(client.send([] {
    httplib::Request req;
    req.method = "BREW";
    req.path = "/api/v1/me";
    return req;
  }()));
  httplib::Result res = client.Get("/metrics");
  for (int i = 0; i < 100 && res && res->body.find("method=\"OTHER\"") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    res = client.Get("/metrics");
  }
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("method=\"OTHER\",status=\"400\""), std::string::npos) << res->body;
  EXPECT_EQ(res->body.find("BREW"), std::string::npos);
}

TEST_F(ServerTest, StaticFileIsServedWithItsType) {
  auto res = harness_->Client().Get("/assets/app-1234.js");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "console.log('xianjie');\n");
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(ServerTest, RootServesIndexHtml) {
  auto res = harness_->Client().Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "<!doctype html><title>xianjie ui</title>");
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
}

TEST_F(ServerTest, SpaRouteFallsBackToIndexHtml) {
  auto res = harness_->Client().Get("/households/A01?tab=history");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "<!doctype html><title>xianjie ui</title>");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache");
}

TEST_F(ServerTest, PathTraversalIsRejected) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                           "/assets/..%2f..%2fsecret.txt", "/..\\secret.txt"}) {
    auto res = harness_->Client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    EXPECT_EQ(res->body.find("not for the web"), std::string::npos) << path;
  }
}

TEST_F(ServerTest, PostOutsideTheApiIs405) {
  auto res = harness_->Client().Post("/index.html", "x", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(ErrorCode(res), "METHOD_NOT_ALLOWED");
}

TEST(ServerWithoutUiTest, RootSaysTheUiIsNotBuilt) {
  HarnessOptions options;
  options.with_web_root = false;
  ServerHarness harness(options);
  ASSERT_TRUE(harness.ok());
  auto res = harness.Client().Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("web UI is not built"), std::string::npos);
  EXPECT_NE(res->body.find("npm run build"), std::string::npos);
}

TEST(ServerAccessLogTest, OneJsonLinePerRequestWithQueryKeysOnly) {
  ServerHarness harness;
  ASSERT_TRUE(harness.ok());
  auto res = harness.Client().Get("/api/v1/audit?user=zhang-san&limit=5");
  ASSERT_TRUE(res);
  const std::string request_id = res->get_header_value("X-Request-Id");
  harness.Stop();
  const std::string log = harness.access_log();
  EXPECT_EQ(log.find("zhang-san"), std::string::npos) << log;
  std::istringstream lines(log);
  std::string line;
  bool found = false;
  while (std::getline(lines, line)) {
    nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(entry.is_discarded()) << line;
    if (entry.value("request_id", "") != request_id) continue;
    found = true;
    EXPECT_EQ(entry["method"], "GET");
    EXPECT_EQ(entry["path"], "/api/v1/audit");
    EXPECT_EQ(entry["query_keys"], nlohmann::json::array({"limit", "user"}));
    EXPECT_EQ(entry["route"], "/api/v1/audit");
    EXPECT_EQ(entry["status"], 401);
    EXPECT_TRUE(entry["duration_ms"].is_number());
    EXPECT_TRUE(entry["bytes"].is_number());
    EXPECT_TRUE(entry["time"].is_string());
  }
  EXPECT_TRUE(found) << log;
}

}  // namespace
}  // namespace xianjie::server::testing
