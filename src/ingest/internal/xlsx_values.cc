// Cell value rules of SpreadsheetML (ECMA-376 Part 1, §18.3.1.4 cells, §18.8.30 number formats,
// §22.9.2.19 ST_Xstring) without XML.
#include "ingest/internal/xlsx_values.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "base/date.h"

namespace xianjie::ingest::internal {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The UTF-16 unit of an _xHHHH_ escape starting at text[i], or -1.
int32_t EscapeAt(std::string_view text, size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return -1;
  uint32_t unit = 0;
  auto [ptr, ec] = std::from_chars(text.data() + i + 2, text.data() + i + 6, unit, 16);
  if (ec != std::errc() || ptr != text.data() + i + 6) return -1;
  return static_cast<int32_t>(unit);
}

}  // namespace

std::optional<CellReference> ParseCellReference(std::string_view text, int64_t max_column,
                                                int64_t max_row) {
  CellReference ref;
  size_t i = 0;
  int64_t column = 0;
  for (; i < text.size() && Lower(text[i]) >= 'a' && Lower(text[i]) <= 'z'; ++i) {
    column = std::min<int64_t>(column * 26 + (Lower(text[i]) - 'a' + 1), max_column + 2);
  }
  if (i == 0) return std::nullopt;
  ref.column = std::min(column - 1, max_column + 1);
  int64_t row = 0;
  const size_t digits_start = i;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    row = std::min<int64_t>(row * 10 + (text[i] - '0'), max_row + 1);
  }
  if (i != text.size()) return std::nullopt;
  if (i > digits_start && row == 0) return std::nullopt;  // "A0"
  ref.row = row;
  return ref;
}

bool IsBuiltInDateFormat(int64_t id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool IsDateFormatCode(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = Lower(code[i]);
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's') {
      return true;
    } else if (c == 'g' && code.substr(i).size() >= 7 && Lower(code[i + 1]) == 'e') {
      i += 6;  // "General"
    }
  }
  return false;
}

std::optional<std::string> SerialToIso(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return std::nullopt;
  // Round to the second first, so that 0.99999999 is the next midnight.
  const auto total_seconds = static_cast<int64_t>(std::llround(serial * 86400.0));
  int64_t days = total_seconds / 86400;
  const int64_t seconds = total_seconds % 86400;
  std::string out;
  if (!date1904 && days == 60) {
    out = "1900-02-29";
  } else {
    // 1900 base: day 1 is 1900-01-01, so day 0 is 1899-12-31; after the fictitious 29 February
    // the days are one ahead, so they count from 1899-12-30.
    int32_t base;
    if (date1904) {
      base = CivilDate::FromYmd(1904, 1, 1).ToDays();
    } else if (days < 60) {
      base = CivilDate::FromYmd(1899, 12, 31).ToDays();
    } else {
      base = CivilDate::FromYmd(1899, 12, 30).ToDays();
    }
    const CivilDate date = CivilDate::FromDays(base + static_cast<int32_t>(days));
    if (date.ToDays() > CivilDate::FromYmd(9999, 12, 31).ToDays()) return std::nullopt;
    out = date.ToString();
  }
  if (seconds != 0) {
    char time[16];
    std::snprintf(time, sizeof time, "T%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    out += time;
  }
  return out;
}

std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> CanonicalNumber(std::string_view text) {
  std::optional<double> value = ParseNumber(text);
  if (!value) return std::nullopt;
  if (*value == 0) return std::string("0");
  // The shortest round-trip digits and exponent, laid out as ECMAScript's Number::toString does:
  // plain decimals from 1e-7 to 1e21, an exponent outside.
  char buffer[40];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::abs(*value),
                                 std::chars_format::scientific);
  if (ec != std::errc()) return std::nullopt;
  const std::string_view sci(buffer, static_cast<size_t>(ptr - buffer));
  const size_t e_at = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_at)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::from_chars(sci.data() + e_at + (sci[e_at + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                  exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the decimal point's place after the first digit
  std::string out = *value < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (exponent < 0 ? "e-" : "e+") + std::to_string(std::abs(exponent));
  }
  return out;
}

void DecodeXstring(std::string& text) {
  if (text.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const int32_t unit = EscapeAt(text, i);
    if (unit < 0) {
      out += text[i++];
      continue;
    }
    i += 7;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const int32_t low = EscapeAt(text, i);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((static_cast<uint32_t>(unit) - 0xD800) << 10) +
                            (static_cast<uint32_t>(low) - 0xDC00));
        i += 7;
        continue;
      }
      AppendUtf8(out, 0xFFFD);
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      AppendUtf8(out, 0xFFFD);
    } else {
      AppendUtf8(out, static_cast<uint32_t>(unit));
    }
  }
  text = std::move(out);
}

size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) != 0x80) units += b >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace xianjie::ingest::internal
