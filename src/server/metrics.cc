// The counters and the exposition text of metrics.h.
#include "server/metrics.h"

#include <cstdio>

namespace xianjie::server {
namespace {

// Label values are route patterns and methods chosen by the server, but escape anyway.
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void Gauge(std::string& out, const char* name, const char* help, int64_t value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name +
         " " + std::to_string(value) + "\n";
}

}  // namespace

void Metrics::Record(const std::string& route, const std::string& method, int status,
                     double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  ++h.count;
  h.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.counts[i];
      break;
    }
  }
}

void Metrics::CountEvent(const std::string& event) {
  std::lock_guard lock(mu_);
  ++events_[event];
}

std::string Metrics::Render(const Gauges& gauges) const {
  std::string out;
  std::lock_guard lock(mu_);
  out +=
      "# HELP xianjie_http_requests_total HTTP requests answered, by route pattern, method and "
      "status.\n# TYPE xianjie_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += "xianjie_http_requests_total{route=\"" + Label(route) + "\",method=\"" +
           Label(method) + "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) +
           "\n";
  }
  out +=
      "# HELP xianjie_http_request_duration_seconds Time from routing to the last byte "
      "written, by route pattern.\n# TYPE xianjie_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string prefix =
        "xianjie_http_request_duration_seconds_bucket{route=\"" + Label(route) + "\",le=\"";
    int64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.counts[i];
      out += prefix + Number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += prefix + "+Inf\"} " + std::to_string(h.count) + "\n";
    out += "xianjie_http_request_duration_seconds_sum{route=\"" + Label(route) + "\"} " +
           Number(h.sum) + "\n";
    out += "xianjie_http_request_duration_seconds_count{route=\"" + Label(route) + "\"} " +
           std::to_string(h.count) + "\n";
  }
  out +=
      "# HELP xianjie_events_total Events the answers do not show, by name "
      "(public_application_dropped_proof, public_application_dropped_honeypot, "
      "public_application_dropped_replay: submissions of the public page dropped for a bad proof "
      "of work, a filled honeypot or a challenge used before).\n"
      "# TYPE xianjie_events_total counter\n";
  for (const auto& [event, n] : events_) {
    out += "xianjie_events_total{event=\"" + Label(event) + "\"} " + std::to_string(n) + "\n";
  }
  Gauge(out, "xianjie_snapshot_households", "Households in the in-memory registry snapshot.",
        gauges.households);
  Gauge(out, "xianjie_snapshot_members", "Members in the in-memory registry snapshot.",
        gauges.members);
  Gauge(out, "xianjie_snapshot_bytes", "Bytes held by the registry snapshot.",
        gauges.snapshot_bytes);
  Gauge(out, "xianjie_index_bytes", "Bytes held by the household search index.",
        gauges.index_bytes);
  Gauge(out, "xianjie_snapshot_batch", "The last import batch the snapshot reflects.",
        gauges.batch);
  Gauge(out, "xianjie_http_requests_waiting",
        "Requests waiting for their turn to compute (more than a few: the server is saturated).",
        gauges.requests_waiting);
  return out;
}

}  // namespace xianjie::server
