// Edit distance over code points (internal/edit_distance.h).
#include "ingest/internal/edit_distance.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace xianjie::ingest::internal {
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

}  // namespace

size_t EditDistance(std::string_view a_text, std::string_view b_text) {
  const std::vector<std::string_view> a = Characters(a_text);
  const std::vector<std::string_view> b = Characters(b_text);
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string_view ClosestWord(std::string_view word,
                             const std::vector<std::string_view>& candidates, size_t divisor) {
  std::string_view best;
  size_t best_distance = 0;
  size_t best_length = 0;
  for (std::string_view c : candidates) {
    const size_t d = EditDistance(word, c);
    if (best.empty() || d < best_distance) {
      best = c;
      best_distance = d;
      best_length = Characters(c).size();
    }
  }
  if (best.empty()) return best;
  const size_t shorter = std::min(Characters(word).size(), best_length);
  return best_distance <= std::max<size_t>(1, shorter / std::max<size_t>(1, divisor)) ? best : std::string_view();
}

}  // namespace xianjie::ingest::internal
