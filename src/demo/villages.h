// Where the demo's rural households live: which villages are rural, the calibration profile of
// each Qinghai prefecture (DOMAIN.md §12), and how N households are spread over the villages.
#ifndef XIANJIE_DEMO_VILLAGES_H_
#define XIANJIE_DEMO_VILLAGES_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/region_code.h"
#include "base/status.h"
#include "demo/random.h"
#include "registry/region.h"

namespace xianjie::demo {

// How a person's name is formed (by the area's population).
enum class NameStyle : uint8_t { kHan, kHui, kTibetan, kMongol };
inline constexpr int kNameStyles = 4;

// Calibration of one prefecture. Incomes follow the 2022 rural per-capita figures of §12 scaled
// to 2024; the southern pastoral prefectures (Golog, Yushu, Huangnan) are the poorest.
struct AreaProfile {
  int prefecture = 0;          // 4-digit prefix, e.g. 6301; 0 for the default profile
  double household_share = 0;  // share of the province's rural households
  double income_level = 1;     // multiplier of wages, business and property income
  double pastoral_share = 0;   // share of households that live from herding
  double lifted_logit = 0;     // log-odds of a lifted household, before county variation
  std::array<double, kNameStyles> name_mix{};  // weights of Han, Hui, Tibetan, Mongol names
};

// The profile of a prefecture (by its 4-digit prefix); a middling default for unknown ones.
const AreaProfile& ProfileOf(int prefecture4);

// True for the farming east: Xining (6301) and Haidong (6302).
bool IsFarmingEast(RegionCode code);

// True for a rural village committee (村民委员会, 牧委会): a village-level region whose name
// contains 村 or 牧 and that is not a residents' committee (居委会, 居民委员会, 社区).
bool IsRuralVillage(const registry::Region& region);

struct County {
  RegionCode code;
  std::string code6;         // the 6-digit address code of ID numbers
  double lifted_offset = 0;  // county variation of the lifted share (log-odds)
};

struct Village {
  const registry::Region* region = nullptr;  // points into the RegionTable
  std::string code_text;                     // 12 digits
  int county_index = 0;                      // into VillagePlan::counties()
  const AreaProfile* profile = nullptr;
  std::array<double, kNameStyles> name_mix{};  // the profile's, or the county's own
  int64_t households = 0;
};

// The rural villages of a region table with the number of households each gets.
class VillagePlan {
 public:
  // Spreads `households` (>= 0) over the rural villages of `regions` in proportion to the
  // prefecture shares of the profiles, with lognormal variation of village size. Villages keep
  // code order. Fails with kFailedPrecondition if the table has no rural village.
  static Result<VillagePlan> Make(const registry::RegionTable& regions, int64_t households,
                                  Rng& rng);

  std::span<const Village> villages() const { return villages_; }
  std::span<const County> counties() const { return counties_; }
  // Digits of the zero-padded sequence in household ids: at least 4, enough for every village.
  int sequence_width() const { return sequence_width_; }

 private:
  std::vector<Village> villages_;
  std::vector<County> counties_;
  int sequence_width_ = 4;
};

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_VILLAGES_H_
