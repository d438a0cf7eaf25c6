// The HTTP server's routing (server.h): routes behind one pre-routing stage, the error,
// exception and fallback handlers, the access log and metrics. Its lifecycle is in
// server_lifecycle.cc.
#include "server/server.h"

#include <sys/socket.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <regex>
#include <optional>
#include <set>
#include <string_view>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/api_core.h"
#include "server/internal/server_impl.h"
#include "server/error.h"
#include "server/table_export.h"

namespace xianjie::embedded {
std::string_view openapi_yaml();
}  // namespace xianjie::embedded

namespace xianjie::server {
namespace {

using Clock = std::chrono::steady_clock;

// What the stages of one request share. cpp-httplib runs a request from pre-routing to the
// logger on one worker thread, so a thread-local is the request's own.
struct RequestContext {
  bool active = false;
  Clock::time_point start;
  std::string request_id;
  std::string route = "unmatched";  // the pattern, "static" or "unmatched": the metrics label
  std::string user;
};
thread_local RequestContext t_context;

std::string NewRequestId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

void StartContext() { t_context = {true, Clock::now(), NewRequestId(), "unmatched", ""}; }

// For responses written without pre-routing (a request line httplib could not parse).
RequestContext& Context() {
  if (!t_context.active) StartContext();
  return t_context;
}

// "/api/v1/users/:name/password" → "/api/v1/users/([^/]+)/password" and {"name"}.
struct CompiledPattern {
  std::string regex_text;
  std::regex regex;
  std::vector<std::string> names;
};

CompiledPattern Compile(const std::string& pattern) {
  std::string re;
  std::vector<std::string> names;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == ':' && (i == 0 || pattern[i - 1] == '/')) {
      size_t end = pattern.find('/', i);
      if (end == std::string::npos) end = pattern.size();
      names.push_back(pattern.substr(i + 1, end - i - 1));
      re += "([^/]+)";
      i = end;
      continue;
    }
    if (std::string_view(".[]{}()\\*+?^$|").find(pattern[i]) != std::string_view::npos) {
      re.push_back('\\');
    }
    re.push_back(pattern[i]);
    ++i;
  }
  return {re, std::regex(re), std::move(names)};
}

std::string CookieValue(const httplib::Request& request, std::string_view name) {
  for (auto [it, end] = request.headers.equal_range("Cookie"); it != end; ++it) {
    std::string_view all = it->second;
    while (!all.empty()) {
      size_t semi = all.find(';');
      std::string_view pair = all.substr(0, semi);
      all = semi == std::string_view::npos ? std::string_view() : all.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
          pair[name.size()] == '=') {
        return std::string(pair.substr(name.size() + 1));
      }
    }
  }
  return "";
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

int ActiveSlots(int max_active) {
  if (max_active > 0) return max_active;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 2 : static_cast<int>(cores);
}

// 503 SERVER_BUSY: the admission gate's line is full.
// The connection is closed after the answer, so that its worker thread goes to a connection
// waiting for one.
void SetBusy(httplib::Response& res, const std::string& request_id) {
  res.set_header("Retry-After", "1");
  res.set_header("Connection", "close");
  SetError(res, ServerBusy(), request_id);
}

bool IsApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

using internal::UtcNow;
using internal::WriteLine;

}  // namespace

Server::Server(access::Accounts& accounts, access::AuditStore& audit, service::Workspace& workspace,
               std::vector<Route> data_routes, ServerOptions options)
    : impl_(std::make_unique<Impl>(options.web_root, ActiveSlots(options.max_active),
                                   options.max_waiting)),
      workspace_(workspace),
      accounts_(accounts),
      options_(std::move(options)) {
  auto stored = workspace.database().LoadRegions();
  auto table = stored.ok() && !stored->empty() ? registry::RegionTable::Build(std::move(*stored))
                                                : Result<registry::RegionTable>(
                                                      registry::RegionTable::BuiltIn());
  impl_->regions = table.ok() ? std::move(*table) : registry::RegionTable::BuiltIn();

  CookieOptions cookie;
  cookie.secure = options_.secure_cookies;
  for (Route& r : SessionRoutes(accounts, impl_->regions, cookie)) routes_.push_back(std::move(r));
  for (Route& r : AdminRoutes(accounts, audit)) routes_.push_back(std::move(r));
  // The probes answer beside the admission gate (as bulk routes do): a saturated server still
  // says it is alive, and its metrics show why.
  routes_.push_back({"GET", "/healthz", Access::kPublic,
                     [this](const httplib::Request&, const Caller&) -> Result<Reply> {
                       service::Workspace::Stats s = workspace_.stats();
                       return Json({{"status", "ok"}, {"households", s.households},
                                    {"batch", s.batch}});
                     },
                     /*bulk=*/true});
  routes_.push_back({"GET", "/metrics", Access::kPublic,
                     [this](const httplib::Request&, const Caller&) -> Result<Reply> {
                       service::Workspace::Stats s = workspace_.stats();
                       Reply reply;
                       reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
                       reply.body = impl_->metrics.Render({s.households, s.members,
                                                           s.snapshot_bytes, s.index_bytes,
                                                           s.batch, requests_waiting()});
                       return reply;
                     },
                     /*bulk=*/true});
  routes_.push_back({"GET", "/api/v1/openapi.yaml", Access::kPublic,
                     [](const httplib::Request&, const Caller&) -> Result<Reply> {
                       Reply reply;
                       reply.content_type = "application/yaml; charset=utf-8";
                       reply.body = std::string(embedded::openapi_yaml());
                       return reply;
                     }});
  for (Route& r : data_routes) routes_.push_back(std::move(r));
  // Every list of TableExports also as a workbook (?format=xlsx); the table's own test checks
  // that each of its routes exists.
  AddTableExports(routes_, workspace_, TableExports());

  httplib::Server& http = impl_->http;
  const int threads = options_.threads > 0 ? options_.threads : 1;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(options_.max_upload_bytes);
  http.set_tcp_nodelay(true);
  // httplib's default sets SO_REUSEPORT, which lets a second server bind the same port and take
  // part of the traffic: a port in use must be an error. SO_REUSEADDR alone allows a restart
  // while old connections linger in TIME_WAIT.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_keep_alive_timeout(2);
  http.set_keep_alive_max_count(100);

  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    StartContext();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  for (const Route& route : routes_) InstallRoute(route);
  InstallFallbacks();

  // Called for every status >= 400: only responses without a body are httplib's own.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        SetError(res, FromHttpStatus(res.status), Context().request_id);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "an exception that is not a std::exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        RequestContext& ctx = Context();
        WriteLine(impl_->log_mu, options_.error_log,
                  {{"time", UtcNow()}, {"level", "error"}, {"request_id", ctx.request_id},
                   {"method", req.method}, {"path", req.path}, {"exception", what}});
        res.headers.clear();
        SetError(res,
                 {500, "INTERNAL",
                  "the server failed on this request (a bug); report the request id " +
                      ctx.request_id + " to the administrator",
                  nlohmann::json::object()},
                 ctx.request_id);
      });
  http.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Request-Id", Context().request_id);
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    if (IsApiPath(req.path) || req.path == "/healthz" || req.path == "/metrics") {
      res.headers.erase("Cache-Control");
      res.set_header("Cache-Control", "no-store");
    }
  });
  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    RequestContext& ctx = Context();
    const double seconds = std::chrono::duration<double>(Clock::now() - ctx.start).count();
    // The method is the client's text: only known ones become a label, or series are unbounded.
    static const std::set<std::string> kMethods = {"GET",    "HEAD",  "POST",   "PUT",
                                                   "DELETE", "PATCH", "OPTIONS"};
    impl_->metrics.Record(ctx.route, kMethods.count(req.method) > 0 ? req.method : "OTHER",
                          res.status, seconds);
    if (options_.access_log != nullptr) {
      nlohmann::json keys = nlohmann::json::array();
      for (const auto& [key, value] : req.params) {
        if (keys.empty() || keys.back() != key) keys.push_back(key);
      }
      WriteLine(impl_->log_mu, options_.access_log,
                {{"time", UtcNow()}, {"request_id", ctx.request_id}, {"method", req.method},
                 {"path", req.path}, {"query_keys", keys}, {"route", ctx.route},
                 {"status", res.status}, {"bytes", res.body.size()},
                 {"duration_ms", std::round(seconds * 1e6) / 1e3}, {"user", ctx.user}});
    }
    ctx.active = false;
  });
}

Server::~Server() { Stop(); }

int64_t Server::requests_waiting() const { return impl_->gate.waiting(); }

void Server::InstallRoute(const Route& route) {
  CompiledPattern compiled = Compile(route.pattern);
  impl_->method_patterns.emplace_back(route.method, compiled.regex);
  auto handler = [this, route, names = compiled.names](const httplib::Request& req,
                                                        httplib::Response& res) {
    RequestContext& ctx = Context();
    ctx.route = route.pattern;
    std::optional<internal::AdmissionGate::Pass> pass;
    if (!route.bulk && !(route.bulk_xlsx && req.get_param_value("format") == "xlsx")) {
      pass.emplace(impl_->gate);
      if (!pass->entered()) return SetBusy(res, ctx.request_id);
    }
    Caller caller;
    caller.request_id = ctx.request_id;
    caller.client_address = req.remote_addr;
    for (size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) {
      caller.path_params[names[i]] = req.matches[i + 1].str();
    }
    if (!req.is_multipart_form_data() && req.body.size() > options_.max_json_bytes) {
      return SetError(res, PayloadTooLarge(options_.max_json_bytes), ctx.request_id);
    }
    if (route.access == Access::kSession) {
      caller.session_token = CookieValue(req, kSessionCookieName);
      if (caller.session_token.empty()) {
        return SetError(res,
                        FromStatus(Unauthenticated(
                            "sign in first: this needs a session (POST /api/v1/login)")),
                        ctx.request_id);
      }
      auto session = accounts_.Authenticate(caller.session_token);
      if (!session.ok()) {
        if (session.status().code() == StatusCode::kUnauthenticated) {
          // The browser holds an ended session: drop it so that the UI shows the login page.
          CookieOptions cookie;
          cookie.secure = options_.secure_cookies;
          res.set_header("Set-Cookie", ClearedSessionCookie(cookie));
        }
        return SetError(res, FromStatus(session.status()), ctx.request_id);
      }
      caller.principal = session->principal;
      caller.display_name = session->display_name;
      caller.csrf_token = session->csrf_token;
      ctx.user = caller.principal.username;
      if (req.method != "GET" && req.method != "HEAD" &&
          !ConstantTimeEquals(req.get_header_value("X-CSRF-Token"), caller.csrf_token)) {
        return SetError(res, CsrfFailed(), ctx.request_id);
      }
    }
    Result<Reply> reply = route.handler(req, caller);
    if (!reply.ok()) {
      ApiError error = FromStatus(reply.status());
      if (error.http_status >= 500) {
        WriteLine(impl_->log_mu, options_.error_log,
                  {{"time", UtcNow()}, {"level", "error"}, {"request_id", ctx.request_id},
                   {"method", req.method}, {"route", route.pattern},
                   {"status", reply.status().ToString()}});
      }
      return SetError(res, error, ctx.request_id);
    }
    if (!reply->event.empty()) impl_->metrics.CountEvent(reply->event);
    res.status = reply->status;
    for (const auto& [name, value] : reply->headers) res.set_header(name, value);
    if (!reply->body.empty() || !reply->content_type.empty()) {
      res.set_content(std::move(reply->body), reply->content_type);
    }
  };
  httplib::Server& http = impl_->http;
  if (route.method == "GET") {
    http.Get(compiled.regex_text, handler);
  } else if (route.method == "POST") {
    http.Post(compiled.regex_text, handler);
  } else if (route.method == "PUT") {
    http.Put(compiled.regex_text, handler);
  } else if (route.method == "PATCH") {
    http.Patch(compiled.regex_text, handler);
  } else if (route.method == "DELETE") {
    http.Delete(compiled.regex_text, handler);
  }
}

void Server::InstallFallbacks() {
  auto fallback = [this](const httplib::Request& req, httplib::Response& res) {
    RequestContext& ctx = Context();
    ctx.route = "unmatched";
    if (IsApiPath(req.path)) {
      std::string allowed;
      for (const auto& [method, regex] : impl_->method_patterns) {
        if (!std::regex_match(req.path, regex)) continue;
        if (allowed.find(method) != std::string::npos) continue;
        allowed += (allowed.empty() ? "" : ", ") + method;
      }
      if (allowed.empty()) return SetError(res, RouteNotFound(req.path), ctx.request_id);
      res.set_header("Allow", allowed);
      return SetError(res, MethodNotAllowed(req.method, allowed), ctx.request_id);
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      return SetError(res, MethodNotAllowed(req.method, "GET, HEAD"), ctx.request_id);
    }
    ctx.route = "static";
    internal::AdmissionGate::Pass pass(impl_->gate);
    if (!pass.entered()) return SetBusy(res, ctx.request_id);
    if (impl_->static_files.Serve(req.path, res) == 400) {
      SetError(res, FromStatus(InvalidArgument("the path leaves the web UI's directory")),
               ctx.request_id);
    }
  };
  const std::string any = "[\\s\\S]*";
  impl_->http.Get(any, fallback)
      .Post(any, fallback)
      .Put(any, fallback)
      .Patch(any, fallback)
      .Delete(any, fallback)
      .Options(any, fallback);
}

}  // namespace xianjie::server
