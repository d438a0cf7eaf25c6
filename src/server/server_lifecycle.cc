// The server's lifecycle (server.h): binding, the accept loop, a stop from another thread, and
// the background thread that refreshes the workspace and purges expired sessions.
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "server/internal/server_impl.h"
#include "server/server.h"
#include "cases/case.h"
#include "service/analytics.h"
#include "service/case_sweep.h"
#include "service/coordination.h"
#include "service/screening.h"

namespace xianjie::server {
namespace internal {

std::string UtcNow() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms.count()));
  return buf;
}

void WriteLine(std::mutex& mu, std::ostream* out, const nlohmann::json& line) {
  if (out == nullptr) return;
  std::lock_guard lock(mu);
  *out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  out->flush();
}

}  // namespace internal

using internal::UtcNow;
using internal::WriteLine;
using Clock = std::chrono::steady_clock;

Result<int> Server::Bind() {
  int port = options_.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(options_.host);
  } else if (!impl_->http.bind_to_port(options_.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return IoError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                   ": the port is in use, the address is not one of this machine's, or the "
                   "port needs privileges; choose another with --listen HOST:PORT");
  }
  // Linux accepts listen() again on a listening socket and takes the new backlog.
  ::listen(impl_->http.listening_socket(), SOMAXCONN);
  bound_ = true;
  return port;
}

Status Server::Run() {
  if (!bound_) return FailedPrecondition("Server::Run needs a successful Bind first");
  std::thread background([this] { BackgroundLoop(); });
  serving_ = true;
  bool ok = true;
  if (!stop_requested_) ok = impl_->http.listen_after_bind();
  serving_ = false;
  {
    std::lock_guard lock(background_mu_);
    stop_requested_ = true;
  }
  background_cv_.notify_all();
  background.join();
  if (!ok) return IoError("the server stopped accepting connections (the listening socket failed)");
  return Status::Ok();
}

void Server::Stop() {
  {
    std::lock_guard lock(background_mu_);
    stop_requested_ = true;
  }
  background_cv_.notify_all();
  // Run may be between its check of stop_requested_ and the start of the accept loop: wait for
  // the loop to run before stopping it, or it would never see the stop.
  while (serving_ && !impl_->http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http.stop();
}

void Server::BackgroundLoop() {
  using std::chrono::seconds;
  auto next_refresh = Clock::now() + seconds(options_.refresh_seconds);
  auto next_purge = Clock::now() + seconds(options_.purge_seconds);
  auto next_sweep = Clock::now();  // at start, then every sweep_seconds
  const auto never = Clock::time_point::max();
  if (options_.refresh_seconds <= 0) next_refresh = never;
  if (options_.purge_seconds <= 0) next_purge = never;
  if (options_.sweep_seconds <= 0) next_sweep = never;
  auto warm = [this] {
    if (Status s = service::WarmDashboards(workspace_); !s.ok()) {
      WriteLine(impl_->log_mu, options_.error_log,
                {{"time", UtcNow()}, {"level", "error"}, {"task", "dashboards.warm"},
                 {"status", s.ToString()}});
    }
    // The incomes sorted for the poverty measures (a quarter of a second for a million
    // households), made here rather than by the first request after a change.
    service::PovertyBaseOf(*workspace_.view());
    // The village tables of the overview and the scorecards, made again here when the case data
    // changed since the last refresh (decision 0008).
    if (Status s = service::WarmAnalytics(workspace_); !s.ok()) {
      WriteLine(impl_->log_mu, options_.error_log,
                {{"time", UtcNow()}, {"level", "error"}, {"task", "analytics.warm"},
                 {"status", s.ToString()}});
    }
  };
  warm();
  // The coordination checks' sweep runs with the first escalation sweep of each day (China's
  // date): every other change of their answer comes with a write that runs them, but C09 turns
  // late with time alone.
  std::string coordination_day;
  std::unique_lock lock(background_mu_);
  while (!stop_requested_) {
    background_cv_.wait_until(lock, std::min({next_refresh, next_purge, next_sweep}),
                              [this] { return stop_requested_.load(); });
    if (stop_requested_) break;
    lock.unlock();
    const auto now = Clock::now();
    if (now >= next_refresh) {
      Status s = workspace_.Refresh();
      if (!s.ok()) {
        WriteLine(impl_->log_mu, options_.error_log,
                  {{"time", UtcNow()}, {"level", "error"}, {"task", "workspace.refresh"},
                   {"status", s.ToString()}});
      }
      warm();
      next_refresh = Clock::now() + seconds(options_.refresh_seconds);
    }
    if (now >= next_purge) {
      auto purged = accounts_.PurgeExpiredSessions();
      if (!purged.ok()) {
        WriteLine(impl_->log_mu, options_.error_log,
                  {{"time", UtcNow()}, {"level", "error"}, {"task", "sessions.purge"},
                   {"status", purged.status().ToString()}});
      }
      next_purge = Clock::now() + seconds(options_.purge_seconds);
    }
    if (now >= next_sweep) {
      auto swept = service::SweepEscalations(workspace_, workspace_.Now());
      if (!swept.ok()) {
        WriteLine(impl_->log_mu, options_.error_log,
                  {{"time", UtcNow()}, {"level", "error"}, {"task", "cases.sweep"},
                   {"status", swept.status().ToString()}});
      }
      const std::string today = cases::ChinaDateOf(workspace_.Now()).ToString();
      if (today != coordination_day) {
        auto coordinated = service::SweepCoordination(workspace_, "");
        if (coordinated.ok()) {
          coordination_day = today;
        } else {
          WriteLine(impl_->log_mu, options_.error_log,
                    {{"time", UtcNow()}, {"level", "error"}, {"task", "coordination.sweep"},
                     {"status", coordinated.status().ToString()}});
        }
      }
      next_sweep = Clock::now() + seconds(options_.sweep_seconds);
    }
    lock.lock();
  }
}

}  // namespace xianjie::server
