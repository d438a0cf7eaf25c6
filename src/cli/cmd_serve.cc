// `xianjie serve`: the web application — the JSON API, the built web UI, /healthz and /metrics —
// over one database, until SIGINT or SIGTERM (then in-flight requests finish and it exits 0).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "access/accounts.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "server/api_data.h"
#include "server/server.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string web;  // "" = look for web/dist, then <prefix>/share/xianjie/web
  std::string access_log = "-";
  bool secure_cookies = false;
  // cpp-httplib holds a worker for each connection while it stays open: enough of them for a
  // load of 64 concurrent connections (the benchmark of issue 4) without queueing or a 503, and
  // more than max_active + max_waiting, so that at many times that load the excess is answered
  // 503 at once (docs/reliability.md).
  int threads = 256;
  int max_active = 0;  // requests computing at once; 0 = CPU cores
  int max_waiting = 128;  // requests waiting their turn; past them 503
  int now_offset_days = 0;
};

Status ParseListen(const std::string& text, std::string* host, int* port) {
  const size_t colon = text.rfind(':');
  const std::string port_text = colon == std::string::npos ? "" : text.substr(colon + 1);
  char* end = nullptr;
  const long value = std::strtol(port_text.c_str(), &end, 10);
  if (colon == 0 || colon == std::string::npos || port_text.empty() || *end != '\0' || value < 0 ||
      value > 65535) {
    return InvalidArgument("--listen '" + text +
                           "' is not HOST:PORT (e.g. 127.0.0.1:8080; port 0 picks a free one)");
  }
  *host = text.substr(0, colon);
  *port = static_cast<int>(value);
  return Status::Ok();
}

bool HasIndex(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "index.html", ec);
}

// The built UI: web/dist under the current directory (a source checkout), else
// ../share/xianjie/web beside the binary (an installation), else none.
std::string DefaultWebRoot() {
  if (HasIndex("web/dist")) return "web/dist";
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = self.parent_path() / ".." / "share" / "xianjie" / "web";
    if (HasIndex(installed)) return installed.lexically_normal().string();
  }
  return "";
}

int RunServe(const ServeOptions& o) {
  std::string host;
  int port = 0;
  if (Status s = ParseListen(o.listen, &host, &port); !s.ok()) return Fail(s);
  std::string web_root = o.web.empty() ? DefaultWebRoot() : o.web;
  if (!o.web.empty() && !HasIndex(o.web)) {
    return Fail(NotFound("--web " + o.web +
                         " holds no index.html; build the UI with: cd web && "
                         "npm ci && npm run build"));
  }

  // SIGINT and SIGTERM are taken by sigwait on one thread: block them before any thread starts,
  // so that every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  service::WorkspaceOptions workspace_options;
  workspace_options.clock_offset_days = o.now_offset_days;
  service::Workspace workspace(**db, workspace_options);
  if (o.now_offset_days != 0) {
    std::printf(
        "the clock of case events runs %d days %s (--now-offset-days): a training or "
        "test environment, not for real work\n",
        o.now_offset_days < 0 ? -o.now_offset_days : o.now_offset_days,
        o.now_offset_days < 0 ? "behind" : "ahead");
  }
  const auto started = std::chrono::steady_clock::now();
  if (Status s = workspace.Refresh(); !s.ok()) return Fail(s);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const service::Workspace::Stats stats = workspace.stats();
  std::printf("loaded %s households (%s members, batch %lld) in %.2f s\n",
              WithThousands(stats.households).c_str(), WithThousands(stats.members).c_str(),
              static_cast<long long>(stats.batch), seconds);

  std::ofstream log_file;
  std::ostream* access_log = nullptr;
  if (o.access_log == "-") {
    access_log = &std::cout;
  } else if (!o.access_log.empty()) {
    log_file.open(o.access_log, std::ios::app);
    if (!log_file) return Fail(IoError("cannot open the access log " + o.access_log));
    access_log = &log_file;
  }

  access::Accounts accounts(**db, **db);
  server::ServerOptions options;
  options.host = host;
  options.port = port;
  options.web_root = web_root;
  options.secure_cookies = o.secure_cookies;
  options.threads = o.threads;
  options.max_active = o.max_active;
  options.max_waiting = o.max_waiting;
  options.access_log = access_log;
  options.error_log = &std::cerr;
  server::Server server(accounts, **db, workspace, server::DataRoutes(workspace), options);
  auto bound = server.Bind();
  if (!bound.ok()) return Fail(bound.status());

  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::printf("web UI: %s\n", web_root.empty() ? "not built (the API still answers; build it with: "
                                                 "cd web && npm ci && npm run build)"
                                               : web_root.c_str());
  std::printf("listening on http://%s:%d\n", shown_host.c_str(), *bound);
  std::fflush(stdout);

  std::atomic<bool> done{false};
  std::thread watcher([&] {
    const timespec tick{0, 200'000'000};
    while (!done) {
      int sig = sigtimedwait(&signals, nullptr, &tick);
      if (sig == SIGINT || sig == SIGTERM) {
        std::fprintf(stderr, "received %s: finishing requests in flight, then stopping\n",
                     sig == SIGINT ? "SIGINT" : "SIGTERM");
        server.Stop();
        return;
      }
    }
  });
  Status s = server.Run();
  done = true;
  watcher.join();
  std::cout.flush();
  if (!s.ok()) return Fail(s);
  std::printf("stopped\n");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the web application: the JSON API (/api/v1), the web UI, /healthz, /metrics");
  cmd->add_option("--db", o->db, "Database (a SQLite file made by xianjie init or demo)")
      ->required();
  cmd->add_option("--listen", o->listen,
                  "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one)");
  cmd->add_option("--web", o->web,
                  "Directory of the built web UI (default: web/dist if present, else "
                  "../share/xianjie/web beside the binary)");
  cmd->add_option("--access-log", o->access_log,
                  "File to append the access log to, one JSON line per request (default - = "
                  "stdout; empty = none)");
  cmd->add_option("--threads", o->threads, "Worker threads, one per open connection (default 256)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-active", o->max_active,
                  "Requests computed at once; the others wait their turn in arrival order "
                  "(default 0 = the number of CPU cores)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--max-waiting", o->max_waiting,
                  "Requests that may wait their turn; past them the server answers 503 with "
                  "Retry-After at once (default 128)")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--now-offset-days", o->now_offset_days,
                  "Stamp case events this many days from now: for training environments and tests "
                  "of deadlines, never for real work (default 0)")
      ->check(CLI::Range(-3650, 3650));
  cmd->add_flag("--secure-cookies", o->secure_cookies,
                "Mark the session cookie Secure (when a TLS proxy is in front)");
  cmd->callback([o, exit_code] { *exit_code = RunServe(*o); });
}

}  // namespace xianjie::cli
