// The API tests' server (server_harness.h).
#include "server/server_harness.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "registry/region.h"
#include "server/api_core.h"
#include "server/api_data.h"

namespace xianjie::server::testing {
namespace {

std::string FirstVillageOf(const std::string& prefix) {
  for (const registry::Region& r : registry::RegionTable::BuiltIn().all()) {
    const std::string code = r.code.ToString();
    if (r.level() == RegionLevel::kVillage && code.rfind(prefix, 0) == 0) return code;
  }
  return "";
}

}  // namespace

ServerHarness::ServerHarness(HarnessOptions options) {
  world_ = service::testing::MakeWorld();
  out_village = FirstVillageOf("6302");
  service::testing::Commit(
      *world_.db, {service::testing::MakeHousehold(out_household, out_village, 2, true, 99)});
  if (Status s = world_.ws->Refresh(); !s.ok()) {
    ADD_FAILURE() << s.ToString();
    return;
  }

  dir_ = std::make_unique<xianjie::testing::TempDir>();
  web_root_ = *dir_ / "web";
  secret_file_ = *dir_ / "secret.txt";
  std::filesystem::create_directories(web_root_ + "/assets");
  xianjie::testing::WriteFile(web_root_ + "/index.html", "<!doctype html><title>xianjie ui</title>");
  xianjie::testing::WriteFile(web_root_ + "/assets/app-1234.js", "console.log('xianjie');\n");
  xianjie::testing::WriteFile(secret_file_, "not for the web\n");

  access::AccountsOptions accounts_options;
  accounts_options.password_cost = {64, 1, 1};  // tests need no real cost
  accounts_options.now = [this] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count() +
           clock_offset_.load();
  };
  accounts_ = std::make_unique<access::Accounts>(*world_.db, *world_.db, accounts_options);
  const std::string a = kInVillage;
  const std::vector<std::pair<access::Role, std::string>> scopes = {
      {access::Role::kAdmin, "63"},
      {access::Role::kProvince, "63"},
      {access::Role::kPrefecture, a.substr(0, 4)},
      {access::Role::kCounty, a.substr(0, 6)},
      {access::Role::kTownship, a.substr(0, 9)},
      {access::Role::kVillage, a},
      {access::Role::kDepartment, "63"},
      {access::Role::kAuditor, "63"}};
  for (const auto& [role, scope] : scopes) {
    TestUser u{std::string(access::RoleName(role)), "pw-" + std::string(access::RoleName(role)),
               role, scope};
    if (Status s = accounts_->AddUser("harness", u.username, u.password, role, scope,
                                      "测试 " + u.username);
        !s.ok()) {
      ADD_FAILURE() << s.ToString();
      return;
    }
    users_.push_back(u);
  }

  ServerOptions server_options;
  server_options.host = "127.0.0.1";
  server_options.port = 0;
  server_options.web_root = options.with_web_root ? web_root_ : "";
  server_options.secure_cookies = options.secure_cookies;
  server_options.max_json_bytes = options.max_json_bytes;
  server_options.threads = 4;
  server_options.max_active = options.max_active;
  server_options.max_waiting = options.max_waiting;
  server_options.max_upload_bytes = options.max_upload_bytes;
  server_options.sweep_seconds = options.sweep_seconds;
  server_options.access_log = &access_log_;
  server_options.error_log = &error_log_;
  server_options.refresh_seconds = 1;
  std::vector<Route> routes = DataRoutes(*world_.ws);
  for (Route& r : options.extra_routes) routes.push_back(std::move(r));
  server_ = std::make_unique<Server>(*accounts_, *world_.db, *world_.ws, std::move(routes),
                                     server_options);
  auto port = server_->Bind();
  if (!port.ok()) {
    ADD_FAILURE() << port.status().ToString();
    return;
  }
  thread_ = std::thread([this] {
    Status s = server_->Run();
    EXPECT_TRUE(s.ok()) << s.ToString();
  });
  port_ = *port;
}

ServerHarness::~ServerHarness() { Stop(); }

void ServerHarness::Stop() {
  if (server_ != nullptr) server_->Stop();
  if (thread_.joinable()) thread_.join();
}

httplib::Client ServerHarness::Client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  return client;
}

std::vector<access::AuditEntry> ServerHarness::AuditEntries(
    const std::function<bool(const access::AuditEntry&)>& keep) {
  std::vector<access::AuditEntry> out;
  EXPECT_TRUE(database()
                  .ForEach([&](const access::AuditEntry& e) {
                    if (keep(e)) out.push_back(e);
                    return Status::Ok();
                  })
                  .ok());
  return out;
}

std::vector<access::AuditEntry> ServerHarness::AuditEntries(const std::string& action) {
  return AuditEntries([&](const access::AuditEntry& e) { return e.action == action; });
}

const TestUser& ServerHarness::User(access::Role role) const {
  for (const TestUser& u : users_) {
    if (u.role == role) return u;
  }
  ADD_FAILURE() << "no test user of role " << access::RoleName(role);
  return users_.front();
}

Session ServerHarness::Login(const TestUser& user) {
  httplib::Client client = Client();
  nlohmann::json body = {{"username", user.username}, {"password", user.password}};
  auto res = client.Post("/api/v1/login", body.dump(), "application/json");
  if (!res || res->status != 200) {
    ADD_FAILURE() << "login of " << user.username << " failed: "
                  << (res ? std::to_string(res->status) + " " + res->body : "no response");
    return {};
  }
  Session session;
  const std::string set_cookie = res->get_header_value("Set-Cookie");
  session.cookie = set_cookie.substr(0, set_cookie.find(';'));
  nlohmann::json reply = BodyJson(res);
  if (reply.is_object()) session.csrf_token = reply.value("csrf_token", "");
  return session;
}

httplib::Headers ServerHarness::Headers(const Session& session, bool csrf) {
  httplib::Headers headers = {{"Cookie", session.cookie}};
  if (csrf) headers.emplace("X-CSRF-Token", session.csrf_token);
  return headers;
}

nlohmann::json BodyJson(const httplib::Result& result) {
  if (!result) return nullptr;
  nlohmann::json body = nlohmann::json::parse(result->body, nullptr, false);
  return body.is_discarded() ? nlohmann::json(nullptr) : body;
}

std::string ErrorCode(const httplib::Result& result) {
  nlohmann::json body = BodyJson(result);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
  return body["error"].value("code", "");
}

}  // namespace xianjie::server::testing
