// UTC ISO 8601 time stamps from and to epoch seconds, over base/date.h's civil dates.
#include "access/internal/utc_time.h"

#include <cstdio>

#include "base/date.h"

namespace xianjie::access::internal {
namespace {

constexpr int64_t kDay = 24 * 60 * 60;

// Floor division, so that times before 1970 land on the day they belong to.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool Digits(std::string_view s, size_t at, size_t n, int* value) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

}  // namespace

std::string FormatUtc(int64_t seconds) {
  const int64_t days = FloorDiv(seconds, kDay);
  const int64_t rest = seconds - days * kDay;
  const CivilDate date = CivilDate::FromDays(static_cast<int32_t>(days));
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", date.ToString().c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return text;
}

Result<int64_t> ParseUtc(std::string_view text) {
  int hour = 0, minute = 0, second = 0;
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z' || !Digits(text, 11, 2, &hour) || !Digits(text, 14, 2, &minute) ||
      !Digits(text, 17, 2, &second) || hour > 23 || minute > 59 || second > 59) {
    return DataLoss("'" + std::string(text) + "' is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
  }
  auto date = ParseDate(text.substr(0, 10));
  if (!date.ok()) {
    return DataLoss("'" + std::string(text) + "' is not a UTC time: " + date.status().message());
  }
  return int64_t{date->ToDays()} * kDay + hour * 3600 + minute * 60 + second;
}

}  // namespace xianjie::access::internal
