// Security tests of the server that the other suites do not make (issue 8): session fixation,
// path traversal through the routes that send files, and uploads over the size limit. Like the
// authorization matrix they run on every backend (XJ_TEST_STORE, tests/server/CMakeLists.txt).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

using access::Role;

std::string CookieOf(const httplib::Result& res) {
  const std::string set = res->get_header_value("Set-Cookie");
  return set.substr(0, set.find(';'));
}

// A login never adopts the session the client already presents (fixation): an attacker who
// planted a cookie, or the session of another user on the same browser, gains nothing.
TEST(SessionFixationTest, LoginIssuesAFreshSessionWhateverCookieComesWithIt) {
  ServerHarness h;
  ASSERT_TRUE(h.ok());
  const TestUser& county = h.User(Role::kCounty);
  const TestUser& village = h.User(Role::kVillage);
  const std::string planted = "xj_session=" + std::string(64, 'a');
  const Session other = h.Login(village);
  for (const std::string& presented : {planted, other.cookie}) {
    httplib::Headers headers = {{"Cookie", presented}};
    auto login = h.Client().Post(
        "/api/v1/login", headers,
        R"({"username":")" + county.username + R"(","password":")" + county.password + R"("})",
        "application/json");
    ASSERT_TRUE(login);
    ASSERT_EQ(login->status, 200) << login->body;
    const std::string issued = CookieOf(login);
    EXPECT_NE(issued, presented);
    EXPECT_EQ(issued.rfind("xj_session=", 0), 0u) << issued;

    auto me = h.Client().Get("/api/v1/me", httplib::Headers{{"Cookie", issued}});
    ASSERT_TRUE(me);
    EXPECT_EQ(BodyJson(me)["user"]["username"], county.username);
    // The presented cookie is what it was: nothing for the planted one, the village user's own
    // session for the other.
    auto before = h.Client().Get("/api/v1/me", httplib::Headers{{"Cookie", presented}});
    ASSERT_TRUE(before);
    if (presented == planted) {
      EXPECT_EQ(before->status, 401) << before->body;
    } else {
      EXPECT_EQ(before->status, 200);
      EXPECT_EQ(BodyJson(before)["user"]["username"], village.username);
    }
  }
}

// The routes that send a file or a document take ids and codes, never paths: whatever is put in
// their place, the answer is a 4xx and never the file beside the web root.
TEST(PathTraversalTest, RoutesThatSendFilesNeverReachAFileOfTheServer) {
  ServerHarness h;
  ASSERT_TRUE(h.ok());
  const Session session = h.Login(h.User(Role::kCounty));
  const std::string up = "..%2F..%2F..%2F..%2F";
  const std::vector<std::string> paths = {
      "/api/v1/uploads/" + up + "secret.txt/file",
      "/api/v1/uploads/1%2F..%2F..%2Fsecret.txt/file",
      "/api/v1/cases/" + up + "secret.txt/attachments/1",
      "/api/v1/cases/1/attachments/" + up + "secret.txt",
      "/api/v1/notices/" + up + "secret.txt",
      "/api/v1/notices/..%5C..%5Csecret.txt",

      "/api/v1/quality/sources.xlsx?months=" + up + "secret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/assets/%00/../secret.txt"};
  for (const std::string& path : paths) {
    auto res = h.Client().Get(path, ServerHarness::Headers(session));
    ASSERT_TRUE(res) << path;
    EXPECT_GE(res->status, 400) << path << ": " << res->body.substr(0, 200);
    EXPECT_LT(res->status, 500) << path << ": " << res->body.substr(0, 200);
    EXPECT_EQ(res->body.find("not for the web"), std::string::npos) << path;
  }
}

// An upload over the limit is refused with 413 in the error shape before anything is stored,
// and the server goes on answering.
TEST(OversizedUploadTest, IsRefused413AndNothingIsStored) {
  HarnessOptions options;
  options.max_upload_bytes = 64 * 1024;
  ServerHarness h(options);
  ASSERT_TRUE(h.ok());
  const Session session = h.Login(h.User(Role::kCounty));
  auto before = h.database().ListUploads({});
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  auto batches_before = h.database().ListBatches();
  ASSERT_TRUE(batches_before.ok());
  const std::string big(200 * 1024, 'x');
  for (const char* path : {"/api/v1/sources/medical_insurance/uploads", "/api/v1/imports"}) {
    httplib::MultipartFormDataItems items = {{"file", big, "big.csv", "text/csv"},
                                             {"households", big, "h.csv", "text/csv"},
                                             {"members", big, "m.csv", "text/csv"}};
    auto res = h.Client().Post(path, ServerHarness::Headers(session), items);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 413) << path << ": " << res->body.substr(0, 200);
    EXPECT_EQ(ErrorCode(res), "PAYLOAD_TOO_LARGE") << path << ": " << res->body.substr(0, 200);
  }
  auto after = h.database().ListUploads({});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), before->size());
  auto batches = h.database().ListBatches();
  ASSERT_TRUE(batches.ok());
  EXPECT_EQ(batches->size(), batches_before->size());
  auto health = h.Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

}  // namespace
}  // namespace xianjie::server::testing
