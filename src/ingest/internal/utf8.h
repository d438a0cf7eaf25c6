// UTF-8 helpers of the ingest module: strict validation of one sequence (as the CSV reader
// needs it, byte by byte) or of a whole text, and counting code points.
#ifndef XIANJIE_INGEST_INTERNAL_UTF8_H_
#define XIANJIE_INGEST_INTERNAL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace xianjie::ingest::internal {

// Length (2-4) of the valid UTF-8 sequence whose lead byte, at p < end, is not ASCII; 0 if the
// sequence is invalid: a stray continuation byte, an overlong form (C0, C1, E0 80-9F,
// F0 80-8F), a UTF-16 surrogate (ED A0-BF), a code point above U+10FFFF (F4 90+, F5-FF) or a
// sequence cut short by `end` or by a byte that is not a continuation.
inline size_t Utf8SequenceLength(const char* p, const char* end) {
  const auto* u = reinterpret_cast<const uint8_t*>(p);
  const size_t avail = static_cast<size_t>(end - p);
  const uint8_t lead = u[0];
  auto cont = [&](size_t i, uint8_t lo, uint8_t hi) {
    return i < avail && u[i] >= lo && u[i] <= hi;
  };
  if (lead < 0xC2) return 0;
  if (lead < 0xE0) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (lead < 0xF0) {
    const uint8_t lo = lead == 0xE0 ? 0xA0 : 0x80;
    const uint8_t hi = lead == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead < 0xF5) {
    const uint8_t lo = lead == 0xF0 ? 0x90 : 0x80;
    const uint8_t hi = lead == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// True if all of `text` is valid UTF-8.
inline bool IsValidUtf8(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    if (static_cast<uint8_t>(*p) < 0x80) {
      ++p;
      continue;
    }
    size_t n = Utf8SequenceLength(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

// Number of code points of valid UTF-8 text (bytes that are not continuation bytes).
inline size_t CountCodePoints(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_UTF8_H_
