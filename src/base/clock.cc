// UTC time stamps for batch records.
#include "base/clock.h"

#include <chrono>
#include <ctime>

namespace xianjie {

std::string UtcNowIso8601() { return UtcNowIso8601PlusDays(0); }

std::string UtcNowIso8601PlusDays(int days) {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                         std::chrono::hours(24) * days);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, n);
}

}  // namespace xianjie
