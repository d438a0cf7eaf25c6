// Administrative division codes (统计用区划代码) of the National Bureau of Statistics.
//
// A full code has 12 digits: province (2) + prefecture (2) + county (2) + township (3) +
// village (3). Higher levels are written padded with zeros ("630000000000") or as their prefix
// ("63", "6301", "630102", "630102001"). A region scope of a user is such a prefix.
#ifndef XIANJIE_BASE_REGION_CODE_H_
#define XIANJIE_BASE_REGION_CODE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie {

enum class RegionLevel : uint8_t {
  kProvince = 1,    // 省
  kPrefecture = 2,  // 地市州
  kCounty = 3,      // 县区
  kTownship = 4,    // 乡镇街道
  kVillage = 5,     // 村居委会
};

std::string_view RegionLevelName(RegionLevel level);  // "province", "prefecture" ...
// Number of significant digits of a level: 2, 4, 6, 9, 12.
int RegionLevelDigits(RegionLevel level);

class RegionCode {
 public:
  constexpr RegionCode() = default;

  // Accepts a prefix of 2, 4, 6, 9 or 12 digits, or 12 digits with zero padding. Rejects other
  // lengths, non-digits, and codes whose zero padding is not at a level boundary.
  static Result<RegionCode> Parse(std::string_view text);

  // The 12-digit value, e.g. 630102001001.
  uint64_t value() const { return value_; }
  RegionLevel level() const;
  // Significant digits only: "63", "6301", "630102", "630102001", "630102001001".
  std::string Prefix() const;
  // 12 digits, zero padded.
  std::string ToString() const;
  // The enclosing region one level up; the province returns itself.
  RegionCode Parent() const;
  // The enclosing region at `level` (which must not be below this code's level).
  RegionCode Ancestor(RegionLevel level) const;
  // True if this region lies within `scope` (or is it).
  bool IsWithin(RegionCode scope) const;
  bool valid() const { return value_ != 0; }

  auto operator<=>(const RegionCode&) const = default;

 private:
  explicit constexpr RegionCode(uint64_t v) : value_(v) {}
  uint64_t value_ = 0;
};

}  // namespace xianjie

#endif  // XIANJIE_BASE_REGION_CODE_H_
