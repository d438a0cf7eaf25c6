// Checks of the digit strings analytics reads (region codes, county codes). Internal to
// src/analytics.
#ifndef XIANJIE_ANALYTICS_INTERNAL_DIGITS_H_
#define XIANJIE_ANALYTICS_INTERNAL_DIGITS_H_

#include <algorithm>
#include <string_view>

namespace xianjie::analytics::internal {

// True if every character of `text` is an ASCII digit (also for empty text: callers check the
// length themselves).
inline bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace xianjie::analytics::internal

#endif  // XIANJIE_ANALYTICS_INTERNAL_DIGITS_H_
