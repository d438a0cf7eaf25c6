// Request counters and latency histograms for /metrics (Prometheus text format 0.0.4). Requests
// are counted per route PATTERN ("/api/v1/households/:id"), never per raw path, so that the
// number of series stays bounded whatever clients send.
#ifndef XIANJIE_SERVER_METRICS_H_
#define XIANJIE_SERVER_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace xianjie::server {

// Values sampled when /metrics is read.
struct Gauges {
  int64_t households = 0;
  int64_t members = 0;
  int64_t snapshot_bytes = 0;
  int64_t index_bytes = 0;
  int64_t batch = 0;
  int64_t requests_waiting = 0;  // requests queued at the admission gate
};

// Thread-safe.
class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                       0.25,  0.5,   1,    2.5,   10};

  // One finished request. `route` is the pattern, or "static", "unmatched".
  void Record(const std::string& route, const std::string& method, int status, double seconds);
  // One occurrence of an event a handler reported (Reply::event).
  void CountEvent(const std::string& event);

  // The exposition text: xianjie_http_requests_total{route,method,status},
  // xianjie_http_request_duration_seconds{route} (histogram), xianjie_events_total{event} and
  // the gauges
  // xianjie_snapshot_households, _members, _bytes, xianjie_index_bytes, xianjie_snapshot_batch,
  // xianjie_http_requests_waiting.
  std::string Render(const Gauges& gauges) const;

 private:
  struct Histogram {
    std::array<int64_t, kBuckets.size()> counts{};  // non-cumulative
    int64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, int64_t> requests_;  // guarded by mu_
  std::map<std::string, Histogram> latency_;                                // guarded by mu_
  std::map<std::string, int64_t> events_;                                   // guarded by mu_
};

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_METRICS_H_
