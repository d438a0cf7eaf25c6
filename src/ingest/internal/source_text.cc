// The text forms of department cells (source_text.h): white space and full-width folding as
// Chinese input methods type them, the date forms departments write, ISO weeks, and digits
// appended without a temporary string.
#include "ingest/internal/source_text.h"

#include <charconv>
#include <cstdint>

namespace xianjie::ingest::internal {
namespace {

constexpr std::string_view kYear = "年";
constexpr std::string_view kMonth = "月";
constexpr std::string_view kDays[] = {"日", "号"};

// Length of the white space character at text[i], or 0.
size_t SpaceAt(std::string_view t, size_t i) {
  const char c = t[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
  std::string_view rest = t.substr(i);
  if (rest.starts_with("\xE3\x80\x80") || rest.starts_with("\xEF\xBB\xBF")) return 3;
  if (rest.starts_with("\xC2\xA0")) return 2;
  return 0;
}

// Length of the white space character ending at text[end - 1], or 0.
size_t SpaceBefore(std::string_view t, size_t end) {
  const char c = t[end - 1];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
  std::string_view head = t.substr(0, end);
  if (head.ends_with("\xE3\x80\x80") || head.ends_with("\xEF\xBB\xBF")) return 3;
  if (head.ends_with("\xC2\xA0")) return 2;
  return 0;
}

// Reads 1 to `max` digits at t[i]; returns how many were read.
size_t ReadNumber(std::string_view t, size_t i, size_t max, int& out) {
  size_t n = 0;
  out = 0;
  while (i + n < t.size() && n < max && IsDigit(t[i + n])) out = out * 10 + (t[i + n++] - '0');
  return n;
}

// True when what follows a date is nothing, or a time: white space or 'T', then digits, ':',
// '.', and a zone ('Z', '+08:00').
bool IsTimeOrNothing(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest[0] != ' ' && rest[0] != 'T' && rest[0] != '\t') return false;
  rest = TrimCell(rest.substr(1));
  if (rest.empty() || !IsDigit(rest[0])) return false;
  return rest.find_first_not_of("0123456789:.+-Z") == std::string_view::npos;
}

}  // namespace

std::string_view TrimCell(std::string_view text) {
  if (text.empty()) return text;
  size_t begin = 0;
  while (begin < text.size()) {
    const size_t n = SpaceAt(text, begin);
    if (n == 0) break;
    begin += n;
  }
  size_t end = text.size();
  while (end > begin) {
    const size_t n = SpaceBefore(text, end);
    if (n == 0) break;
    end -= n;
  }
  return text.substr(begin, end - begin);
}

std::string_view FoldFullWidth(std::string_view text, std::string& scratch) {
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const auto b = static_cast<uint8_t>(text[i]);
    if ((b == 0xEF || b == 0xE3) && i + 2 < text.size()) {
      const auto b1 = static_cast<uint8_t>(text[i + 1]);
      const auto b2 = static_cast<uint8_t>(text[i + 2]);
      if (b == 0xE3 && b1 == 0x80 && b2 == 0x80) break;
      if (b == 0xEF && ((b1 == 0xBC && b2 >= 0x81) || (b1 == 0xBD && b2 <= 0x9E))) break;
    }
  }
  if (i == text.size()) return text;
  scratch.assign(text.substr(0, i));
  while (i < text.size()) {
    const auto b = static_cast<uint8_t>(text[i]);
    if ((b == 0xEF || b == 0xE3) && i + 2 < text.size()) {
      const auto b1 = static_cast<uint8_t>(text[i + 1]);
      const auto b2 = static_cast<uint8_t>(text[i + 2]);
      if (b == 0xE3 && b1 == 0x80 && b2 == 0x80) {
        scratch += ' ';
        i += 3;
        continue;
      }
      if (b == 0xEF && ((b1 == 0xBC && b2 >= 0x81) || (b1 == 0xBD && b2 <= 0x9E))) {
        const uint32_t cp = 0xF000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
        scratch += static_cast<char>(cp - 0xFEE0);
        i += 3;
        continue;
      }
    }
    scratch += text[i++];
  }
  return scratch;
}

std::string Shortened(std::string_view text) {
  constexpr size_t kMax = 256;
  if (text.size() <= kMax) return std::string(text);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out(text.substr(0, cut));
  out += "…";
  return out;
}

DateText ParseDateText(std::string_view t, int& year, int& month, int& day) {
  size_t i = 0;
  if (t.size() >= 8 && (t.size() == 8 || !IsDigit(t[8]))) {
    size_t k = 0;
    while (k < 8 && IsDigit(t[k])) ++k;
    if (k == 8) {  // YYYYMMDD
      ReadNumber(t, 0, 4, year);
      ReadNumber(t, 4, 2, month);
      ReadNumber(t, 6, 2, day);
      if (!IsTimeOrNothing(t.substr(8))) return DateText::kFormat;
      return CivilDate::IsValid(year, month, day) ? DateText::kOk : DateText::kImpossible;
    }
  }
  if (ReadNumber(t, 0, 4, year) != 4) return DateText::kFormat;
  i = 4;
  bool chinese = false;
  char separator = 0;
  if (t.substr(i).starts_with(kYear)) {
    chinese = true;
    i += kYear.size();
  } else if (i < t.size() && (t[i] == '-' || t[i] == '/' || t[i] == '.')) {
    separator = t[i++];
  } else {
    return DateText::kFormat;
  }
  size_t n = ReadNumber(t, i, 2, month);
  if (n == 0) return DateText::kFormat;
  i += n;
  if (chinese) {
    if (!t.substr(i).starts_with(kMonth)) return DateText::kFormat;
    i += kMonth.size();
  } else {
    if (i >= t.size() || t[i] != separator) return DateText::kFormat;
    ++i;
  }
  n = ReadNumber(t, i, 2, day);
  if (n == 0) return DateText::kFormat;
  i += n;
  if (chinese) {
    for (std::string_view d : kDays) {
      if (t.substr(i).starts_with(d)) {
        i += d.size();
        break;
      }
    }
  }
  if (!IsTimeOrNothing(t.substr(i))) return DateText::kFormat;
  return CivilDate::IsValid(year, month, day) ? DateText::kOk : DateText::kImpossible;
}

void IsoWeek(CivilDate date, int& year, int& week) {
  const int32_t days = date.ToDays();
  // 1970-01-01 was a Thursday: weekday 0 = Monday … 6 = Sunday.
  const int weekday = static_cast<int>(((days + 3) % 7 + 7) % 7);
  const int32_t thursday = days - weekday + 3;
  year = CivilDate::FromDays(thursday).year();
  week = (thursday - CivilDate::FromYmd(year, 1, 1).ToDays()) / 7 + 1;
}

void AppendPadded(std::string& out, int64_t number, int width) {
  char digits[24];
  if (number < 0) {
    out += '-';
    number = -number;
  }
  auto r = std::to_chars(digits, digits + sizeof digits, number);
  for (auto n = r.ptr - digits; n < width; ++n) out += '0';
  out.append(digits, r.ptr);
}

void AppendDate(std::string& out, CivilDate date) {
  AppendPadded(out, date.year(), 4);
  out += '-';
  AppendPadded(out, date.month(), 2);
  out += '-';
  AppendPadded(out, date.day(), 2);
}

}  // namespace xianjie::ingest::internal
