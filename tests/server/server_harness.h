// A real Server for the API end-to-end tests: the service tests' small registry (villages A and
// B in township 630102001, C in county 630121, plus D in another prefecture) in a memory store,
// one user of every role scoped around village A, a web root with a built-UI stand-in, and the
// server listening on 127.0.0.1 on a free port on its own thread. Tests talk to it with a real
// httplib::Client.
#ifndef XIANJIE_TESTS_SERVER_SERVER_HARNESS_H_
#define XIANJIE_TESTS_SERVER_SERVER_HARNESS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "access/accounts.h"
#include "access/audit.h"
#include "access/role.h"
#include "server/server.h"
#include "service/service_test_support.h"
#include "support/temp_files.h"

namespace xianjie::server::testing {

struct TestUser {
  std::string username;  // the role's name: "village", "county", ...
  std::string password;
  access::Role role = access::Role::kVillage;
  std::string scope;
};

// What a logged-in client sends back.
struct Session {
  std::string cookie;  // "xj_session=<token>"
  std::string csrf_token;
};

struct HarnessOptions {
  bool secure_cookies = false;
  size_t max_json_bytes = 64 * 1024;
  bool with_web_root = true;
  int max_active = 0;  // ServerOptions::max_active
  int max_waiting = 128;  // ServerOptions::max_waiting
  size_t max_upload_bytes = 256u << 20;  // ServerOptions::max_upload_bytes
  // ServerOptions::sweep_seconds. 0: the server's escalation sweep does not run, so that it does
  // not race the steps a test takes; a test of the sweep sets it.
  int sweep_seconds = 0;
  std::vector<Route> extra_routes;  // installed after the data routes (tests of the server itself)
};

class ServerHarness {
 public:
  // Aborts the test (gtest ADD_FAILURE) on a setup error; check ok() before use.
  explicit ServerHarness(HarnessOptions options = {});
  ~ServerHarness();

  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  httplib::Client Client() const;

  // Village A (the scope of the village user), D (outside every scope but the province's), and
  // one household in each.
  static constexpr char kInVillage[] = "630102001001";
  std::string out_village;          // a village of prefecture 6302
  std::string in_household = "A01";
  std::string out_household = "D01";

  const TestUser& User(access::Role role) const;
  const std::vector<TestUser>& users() const { return users_; }

  // Logs in (POST /api/v1/login); an empty Session when it fails.
  Session Login(const TestUser& user);
  // Cookie and X-CSRF-Token headers of the session (without the token when `csrf` is false).
  static httplib::Headers Headers(const Session& session, bool csrf = true);

  // Moves the accounts' clock forward (session expiry, throttle windows).
  void AdvanceClock(int64_t seconds) { clock_offset_ += seconds; }

  // The audit log's entries that `keep` keeps, oldest first (a failure to read the log fails the
  // test); those of one action with the second form.
  std::vector<access::AuditEntry> AuditEntries(
      const std::function<bool(const access::AuditEntry&)>& keep);
  std::vector<access::AuditEntry> AuditEntries(const std::string& action);

  server::Server& server() { return *server_; }
  store::Database& database() { return *world_.db; }
  service::Workspace& workspace() { return *world_.ws; }
  access::Accounts& accounts() { return *accounts_; }
  const std::string& web_root() const { return web_root_; }
  // A file beside (outside) the web root that path traversal would reach.
  const std::string& secret_file() const { return secret_file_; }
  // Stops the server and waits for its thread (the destructor does it too).
  void Stop();
  // The access log and error log, one JSON object per line; call after Stop().
  std::string access_log() const { return access_log_.str(); }
  std::string error_log() const { return error_log_.str(); }

 private:
  service::testing::World world_;
  std::unique_ptr<xianjie::testing::TempDir> dir_;
  std::string web_root_;
  std::string secret_file_;
  std::atomic<int64_t> clock_offset_{0};
  std::unique_ptr<access::Accounts> accounts_;
  std::vector<TestUser> users_;
  std::ostringstream access_log_;
  std::ostringstream error_log_;
  std::unique_ptr<server::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// The JSON body of a response (null when it is not JSON).
nlohmann::json BodyJson(const httplib::Result& result);
// The error code of an error response ("" when it is not the error shape).
std::string ErrorCode(const httplib::Result& result);

}  // namespace xianjie::server::testing

#endif  // XIANJIE_TESTS_SERVER_SERVER_HARNESS_H_
