// Regions as ranges (decision 0008): a region's code is a prefix of its villages' codes, so with
// the villages sorted by code every region — province, prefecture, county, township, village —
// is one contiguous range, and a drill-down is a sum over that range.
#ifndef XIANJIE_ANALYTICS_REGION_RANGE_H_
#define XIANJIE_ANALYTICS_REGION_RANGE_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace xianjie::analytics {

// [begin, end) into a sorted sequence.
struct IndexRange {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool operator==(const IndexRange&) const = default;
};

// The range of `sorted_codes` (ascending, as std::string compares) that start with `prefix`;
// the whole sequence for "". O(log n).
IndexRange PrefixRange(std::span<const std::string> sorted_codes, std::string_view prefix);

}  // namespace xianjie::analytics

#endif  // XIANJIE_ANALYTICS_REGION_RANGE_H_
