// Seconds since the epoch to and from the UTC ISO 8601 text the stores keep
// ("2026-11-29T02:08:06Z"), for session expiry under an injected clock. Private to access/.
#ifndef XIANJIE_ACCESS_INTERNAL_UTC_TIME_H_
#define XIANJIE_ACCESS_INTERNAL_UTC_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie::access::internal {

// "YYYY-MM-DDTHH:MM:SSZ" for years 1..9999.
std::string FormatUtc(int64_t seconds_since_epoch);

// The inverse of FormatUtc; kDataLoss (stored text) when `text` is not of that form.
Result<int64_t> ParseUtc(std::string_view text);

}  // namespace xianjie::access::internal

#endif  // XIANJIE_ACCESS_INTERNAL_UTC_TIME_H_
