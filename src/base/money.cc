// Exact parsing and formatting of yuan amounts.
#include "base/money.h"

#include <string>

namespace xianjie {

std::string Money::ToYuanString() const {
  // Work on the magnitude as unsigned so that INT64_MIN formats too.
  uint64_t a = fen_ < 0 ? 0 - static_cast<uint64_t>(fen_) : static_cast<uint64_t>(fen_);
  std::string s = fen_ < 0 ? "-" : "";
  s += std::to_string(a / 100);
  uint64_t c = a % 100;
  if (c != 0) {
    s += '.';
    s += static_cast<char>('0' + c / 10);
    if (c % 10 != 0) s += static_cast<char>('0' + c % 10);
  }
  return s;
}

std::string Money::ToYuanCentsString() const {
  const uint64_t a = fen_ < 0 ? 0 - static_cast<uint64_t>(fen_) : static_cast<uint64_t>(fen_);
  std::string s = fen_ < 0 ? "-" : "";
  s += std::to_string(a / 100);
  s += '.';
  s += static_cast<char>('0' + a % 100 / 10);
  s += static_cast<char>('0' + a % 10);
  return s;
}

namespace {

// The character starting at text[i], whole even if it is a multi-byte UTF-8 sequence.
std::string CharAt(std::string_view text, size_t i) {
  auto lead = static_cast<unsigned char>(text[i]);
  size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return std::string(text.substr(i, n));
}

}  // namespace

Result<Money> ParseMoney(std::string_view text, Sign sign) {
  auto fail = [&](std::string_view why) {
    return InvalidArgument("'" + std::string(text) +
                           "' is not an amount of money: " + std::string(why) +
                           "; write yuan with at most two decimals, like 1234.56");
  };
  if (text.empty()) return fail("it is empty");
  size_t i = 0;
  bool negative = false;
  if (text[0] == '-') {
    if (sign == Sign::kNonNegative) {
      return InvalidArgument("'" + std::string(text) +
                             "' is negative; this amount must be 0 or more");
    }
    negative = true;
    i = 1;
  }
  int64_t yuan = 0;
  size_t int_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    if (yuan > kMaxMoneyFen / 100) return fail("it is too large");
    yuan = yuan * 10 + (text[i] - '0');
  }
  if (int_digits == 0) {
    if (i < text.size() && text[i] != '.') return fail("it contains '" + CharAt(text, i) + "'");
    return fail("it has no digits before the decimal point");
  }
  int64_t fen = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    size_t frac_digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits >= 2) return fail("it has more than two decimals");
      fen = fen * 10 + (text[i] - '0');
    }
    if (frac_digits == 0) return fail("it has no digits after the decimal point");
    if (frac_digits == 1) fen *= 10;
  }
  if (i != text.size()) {
    return fail("it contains '" + CharAt(text, i) + "'");
  }
  int64_t total = yuan * 100 + fen;
  if (total > kMaxMoneyFen) return fail("it is too large");
  return Money::FromFen(negative ? -total : total);
}

}  // namespace xianjie
