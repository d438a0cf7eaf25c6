// Edit distance over code points and the closest known name (closest_name.h).
#include "base/closest_name.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace xianjie {
namespace {

// The code points of `text` (each lead byte starts one; invalid bytes count one each).
std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> chars;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i + 1;
    while (j < text.size() && (static_cast<uint8_t>(text[j]) & 0xC0) == 0x80 && j - i < 4) ++j;
    chars.push_back(text.substr(i, j - i));
    i = j;
  }
  return chars;
}

// The distance over code points, three rows kept (the swap looks two rows back).
size_t Distance(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      current[j] = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  return Distance(Characters(a), Characters(b));
}

std::string_view ClosestName(std::string_view word, std::span<const std::string_view> names,
                             size_t divisor) {
  const std::vector<std::string_view> w = Characters(word);
  std::string_view best;
  size_t best_distance = 0;
  for (std::string_view name : names) {
    const std::vector<std::string_view> c = Characters(name);
    const size_t limit =
        std::max<size_t>(1, std::min(w.size(), c.size()) / std::max<size_t>(1, divisor));
    // The distance is at least the difference in length: too far apart to be a typo.
    if ((w.size() > c.size() ? w.size() - c.size() : c.size() - w.size()) > limit) continue;
    const size_t d = Distance(w, c);
    if (d <= limit && (best.empty() || d < best_distance)) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace xianjie
