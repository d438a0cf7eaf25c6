#include "analytics/region_range.h"

#include <algorithm>

namespace xianjie::analytics {

IndexRange PrefixRange(std::span<const std::string> sorted_codes, std::string_view prefix) {
  const auto first = std::lower_bound(
      sorted_codes.begin(), sorted_codes.end(), prefix,
      [](const std::string& code, std::string_view p) { return std::string_view(code) < p; });
  // The first code past the range: the first that is >= prefix and does not start with it.
  const auto last = std::partition_point(first, sorted_codes.end(), [&](const std::string& code) {
    return std::string_view(code).starts_with(prefix);
  });
  return {static_cast<size_t>(first - sorted_codes.begin()),
          static_cast<size_t>(last - sorted_codes.begin())};
}

}  // namespace xianjie::analytics
