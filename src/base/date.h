// Civil (calendar) dates without time zone: birth dates, as-of dates, deadlines.
#ifndef XIANJIE_BASE_DATE_H_
#define XIANJIE_BASE_DATE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie {

class CivilDate {
 public:
  constexpr CivilDate() = default;  // 1970-01-01

  // Returns true if y-m-d names a real day in the proleptic Gregorian calendar, years 1..9999.
  static bool IsValid(int year, int month, int day);
  // Requires IsValid(year, month, day).
  static CivilDate FromYmd(int year, int month, int day);
  static CivilDate FromDays(int32_t days_since_epoch);
  // Today's date in UTC+8 (China Standard Time), the calendar our users live in.
  static CivilDate Today();

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  // Days since 1970-01-01 (negative before).
  int32_t ToDays() const;
  // "YYYY-MM-DD".
  std::string ToString() const;
  // YYYYMMDD as an integer, handy for compact storage and sorting.
  int32_t ToYmdNumber() const { return year_ * 10000 + month_ * 100 + day_; }

  auto operator<=>(const CivilDate&) const = default;

 private:
  constexpr CivilDate(int16_t y, uint8_t m, uint8_t d) : year_(y), month_(m), day_(d) {}
  int16_t year_ = 1970;
  uint8_t month_ = 1;
  uint8_t day_ = 1;
};

// Parses exactly "YYYY-MM-DD" naming a real day; kInvalidArgument otherwise, saying why.
Result<CivilDate> ParseDate(std::string_view text);

// Completed years of a person born on `birth` at `on` (0 if `on` is before `birth`). A person
// born on 29 February completes a year on 1 March in common years.
int AgeOn(CivilDate birth, CivilDate on);

}  // namespace xianjie

#endif  // XIANJIE_BASE_DATE_H_
