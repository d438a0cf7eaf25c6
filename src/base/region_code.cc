// Region code parsing and hierarchy arithmetic.
#include "base/region_code.h"

namespace xianjie {
namespace {

// 10^(12 - digits) for the significant digits of each level.
constexpr uint64_t kScale[] = {0, 10'000'000'000, 100'000'000, 1'000'000, 1'000, 1};

uint64_t ScaleOf(RegionLevel level) { return kScale[static_cast<int>(level)]; }

}  // namespace

std::string_view RegionLevelName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince:
      return "province";
    case RegionLevel::kPrefecture:
      return "prefecture";
    case RegionLevel::kCounty:
      return "county";
    case RegionLevel::kTownship:
      return "township";
    case RegionLevel::kVillage:
      return "village";
  }
  return "region";
}

int RegionLevelDigits(RegionLevel level) {
  static constexpr int kDigits[] = {0, 2, 4, 6, 9, 12};
  return kDigits[static_cast<int>(level)];
}

Result<RegionCode> RegionCode::Parse(std::string_view text) {
  auto fail = [&](std::string why) {
    return InvalidArgument("'" + std::string(text) + "' is not a region code: " + why);
  };
  size_t n = text.size();
  if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12) {
    return fail("a region code has 2, 4, 6, 9 or 12 digits");
  }
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return fail("it contains a character that is not a digit");
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  for (size_t i = n; i < 12; ++i) v *= 10;
  if (v / kScale[1] == 0) return fail("the province part is 00");
  RegionCode code(v);
  // Zero padding must end on a level boundary: 630100000000 is fine, 630100100000 is not.
  uint64_t s = ScaleOf(code.level());
  if (v % s != 0) return fail("its zero padding does not end at a level boundary");
  // Every part down to the code's level is non-zero: 630100100000 (county 00) is malformed.
  for (int l = 2; l < static_cast<int>(code.level()); ++l) {
    uint64_t part = v / kScale[l] % (kScale[l - 1] / kScale[l]);
    if (part == 0)
      return fail("its " + std::string(RegionLevelName(static_cast<RegionLevel>(l))) +
                  " part is zero");
  }
  return code;
}

RegionLevel RegionCode::level() const {
  if (value_ % kScale[4] != 0) return RegionLevel::kVillage;
  if (value_ % kScale[3] != 0) return RegionLevel::kTownship;
  if (value_ % kScale[2] != 0) return RegionLevel::kCounty;
  if (value_ % kScale[1] != 0) return RegionLevel::kPrefecture;
  return RegionLevel::kProvince;
}

std::string RegionCode::Prefix() const {
  return ToString().substr(0, static_cast<size_t>(RegionLevelDigits(level())));
}

std::string RegionCode::ToString() const {
  std::string s(12, '0');
  uint64_t v = value_;
  for (int i = 11; i >= 0; --i, v /= 10)
    s[static_cast<size_t>(i)] = static_cast<char>('0' + v % 10);
  return s;
}

RegionCode RegionCode::Ancestor(RegionLevel level) const {
  uint64_t s = ScaleOf(level);
  return RegionCode(value_ / s * s);
}

RegionCode RegionCode::Parent() const {
  RegionLevel l = level();
  if (l == RegionLevel::kProvince) return *this;
  return Ancestor(static_cast<RegionLevel>(static_cast<int>(l) - 1));
}

bool RegionCode::IsWithin(RegionCode scope) const {
  uint64_t s = ScaleOf(scope.level());
  return value_ / s == scope.value_ / s;
}

}  // namespace xianjie
