// The HTTP server of `xianjie serve` (docs/decisions/0004): installs the routes (the core ones of
// this module and the data routes of api_data.h) behind one pre-routing stage — request id,
// session, CSRF, security headers, body limits — and answers /healthz, /metrics,
// /api/v1/openapi.yaml and the built web UI. The only place that runs a cpp-httplib server.
#ifndef XIANJIE_SERVER_SERVER_H_
#define XIANJIE_SERVER_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstddef>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "access/accounts.h"
#include "access/audit.h"
#include "base/status.h"
#include "server/route.h"
#include "service/workspace.h"

namespace xianjie::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;        // 0: any free port (Bind returns it)
  std::string web_root;   // directory of the built UI (web/dist); "" = none
  bool secure_cookies = false;            // add `Secure` to the session cookie (behind TLS)
  size_t max_upload_bytes = 256u << 20;   // multipart bodies (imports)
  size_t max_json_bytes = 1u << 20;       // every other body
  int threads = 8;                        // worker threads: one per open connection
  // Requests that compute at once; the others wait in arrival order (internal/admission_gate.h).
  // 0 = the number of CPU cores. Bulk routes (Route::bulk) do not wait.
  int max_active = 0;
  // Requests that may wait for their turn; past them a request is answered 503 SERVER_BUSY with
  // Retry-After at once, so that overload is refused quickly instead of queued without end. Only
  // `threads` requests are in the server at once, so it answers 503 only when `threads` is more
  // than max_active + max_waiting.
  int max_waiting = 128;
  std::ostream* access_log = nullptr;     // one JSON line per request; nullptr = none
  std::ostream* error_log = nullptr;      // handler failures and exceptions; nullptr = none
  int refresh_seconds = 5;                // Workspace::Refresh period; 0 = never
  int purge_seconds = 600;                // Accounts::PurgeExpiredSessions period; 0 = never
  // service::SweepEscalations period, and service::SweepCoordination with the first of each
  // day; 0 = never.
  int sweep_seconds = 3600;
};

// Lifecycle: construct, Bind, Run (blocks) on one thread; Stop from any other thread (e.g. a
// signal-watching one). Stop makes Run stop accepting, finish the requests in flight and return.
class Server {
 public:
  // `data_routes` are installed after the core routes (login, me, users, audit, healthz,
  // metrics, openapi). The references must outlive the Server.
  Server(access::Accounts& accounts, access::AuditStore& audit, service::Workspace& workspace,
         std::vector<Route> data_routes, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port (the chosen one for port 0). kIoError when the
  // address cannot be bound (in use, not local, no permission).
  Result<int> Bind();
  // Serves until Stop(); starts the background thread (workspace refresh, session purge) and
  // ends it before returning. kFailedPrecondition without a successful Bind; kIoError when
  // accepting failed.
  Status Run();
  // Thread-safe and idempotent; returns at once (Run returns once in-flight requests are done).
  void Stop();

  // Every route installed (core and data), in installation order: for the tests that compare
  // them with docs/openapi.yaml and walk the authorization matrix.
  const std::vector<Route>& routes() const { return routes_; }

  // Requests waiting for a slot at the admission gate now (ServerOptions::max_active).
  int64_t requests_waiting() const;

 private:
  struct Impl;
  void InstallRoute(const Route& route);  // behind the session and CSRF checks
  void InstallFallbacks();                // 404/405 under /api/, the web UI elsewhere
  void BackgroundLoop();

  std::vector<Route> routes_;
  std::unique_ptr<Impl> impl_;
  service::Workspace& workspace_;
  access::Accounts& accounts_;
  ServerOptions options_;
  bool bound_ = false;
  std::atomic<bool> serving_{false};
  std::atomic<bool> stop_requested_{false};
  std::mutex background_mu_;
  std::condition_variable background_cv_;
};

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_SERVER_H_
