// Civil date arithmetic (days-from-civil after H. Hinnant's public-domain algorithms).
#include "base/date.h"

#include <chrono>
#include <cstdio>

namespace xianjie {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

bool CivilDate::IsValid(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

CivilDate CivilDate::FromYmd(int year, int month, int day) {
  return CivilDate(static_cast<int16_t>(year), static_cast<uint8_t>(month),
                   static_cast<uint8_t>(day));
}

int32_t CivilDate::ToDays() const {
  int y = year_ - (month_ <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int m = month_;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day_ - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDays(int32_t days) {
  int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return FromYmd(y + (m <= 2 ? 1 : 0), m, d);
}

CivilDate CivilDate::Today() {
  using namespace std::chrono;
  auto secs = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
  return FromDays(static_cast<int32_t>((secs + 8 * 3600) / 86400));
}

std::string CivilDate::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
  return buf;
}

Result<CivilDate> ParseDate(std::string_view text) {
  auto digits = [&](size_t from, size_t n, int* out) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 0, d = 0;
  auto quoted = [&](const char* why) { return "'" + std::string(text) + why; };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4, &y) ||
      !digits(5, 2, &m) || !digits(8, 2, &d)) {
    return InvalidArgument(quoted("' is not a date; write it as YYYY-MM-DD, like 2024-09-01"));
  }
  if (!CivilDate::IsValid(y, m, d)) {
    return InvalidArgument(quoted("' is not a real day of the calendar"));
  }
  return CivilDate::FromYmd(y, m, d);
}

int AgeOn(CivilDate birth, CivilDate on) {
  if (on < birth) return 0;
  int age = on.year() - birth.year();
  if (on.month() * 100 + on.day() < birth.month() * 100 + birth.day()) --age;
  return age;
}

}  // namespace xianjie
