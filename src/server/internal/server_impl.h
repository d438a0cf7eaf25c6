// What server.cc (routing) and server_lifecycle.cc (bind, run, stop, background work) share:
// the cpp-httplib server and the state behind it. Internal to the server module.
#ifndef XIANJIE_SERVER_INTERNAL_SERVER_IMPL_H_
#define XIANJIE_SERVER_INTERNAL_SERVER_IMPL_H_

#include <mutex>
#include <ostream>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "registry/region.h"
#include "server/internal/admission_gate.h"
#include "server/metrics.h"
#include "server/server.h"
#include "server/static_files.h"

namespace xianjie::server {

// httplib::Server with its listening socket in reach: Debian's build listens with a backlog of 5
// (CPPHTTPLIB_LISTEN_BACKLOG, fixed when the library was compiled), too short for dozens of
// clients connecting at once; Bind raises it with a second listen().
class HttpServer : public httplib::Server {
 public:
  socket_t listening_socket() const { return svr_sock_; }
};

struct Server::Impl {
  HttpServer http;
  Metrics metrics;
  StaticFiles static_files;
  registry::RegionTable regions;
  std::vector<std::pair<std::string, std::regex>> method_patterns;  // for 404 versus 405
  std::mutex log_mu;
  // Requests computing at once, and waiting (ServerOptions::max_active, max_waiting).
  internal::AdmissionGate gate;

  Impl(const std::string& web_root, int max_active, int max_waiting)
      : static_files(web_root), gate(max_active, max_waiting) {}
};

namespace internal {

// "2026-11-29T07:31:18.123Z".
std::string UtcNow();
// Writes `line` and a newline to `out` (nothing when null) under `mu`, and flushes.
void WriteLine(std::mutex& mu, std::ostream* out, const nlohmann::json& line);

}  // namespace internal
}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_INTERNAL_SERVER_IMPL_H_
