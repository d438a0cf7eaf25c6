// Exact decimals and the monitoring line of a standard.
#include "rules/standard.h"

#include <cstdlib>

#include "rules/semantics.h"
#include "rules/value_type.h"

namespace xianjie::rules {
namespace {

// A decimal's scale is the scale of its number type in the rule language, so decimals share the
// language's kMaxScale, Int128 and Pow10 (value_type.h, semantics.h).
constexpr int64_t kMaxUnits = 1'000'000'000'000'000'000;  // 10^18

}  // namespace

Result<Decimal> ParseDecimal(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return InvalidArgument("'" + std::string(text) +
                           "' is not a decimal number: " + std::string(why) +
                           "; write digits with an optional '-' and up to six decimals, like 0.5");
  };
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  if (i == text.size()) return bad("no digits");
  Decimal d;
  bool seen_point = false;
  size_t digits_before = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (seen_point) return bad("two decimal points");
      if (digits_before == 0) return bad("no digit before the decimal point");
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return bad("unexpected character");
    if (seen_point) {
      if (++d.scale > kMaxScale) return bad("more than six decimals");
    } else {
      ++digits_before;
    }
    if (d.units > (kMaxUnits - (c - '0')) / 10) return bad("too large");
    d.units = d.units * 10 + (c - '0');
  }
  if (seen_point && d.scale == 0) return bad("no digit after the decimal point");
  if (negative) d.units = -d.units;
  return d;
}

std::string ToString(Decimal d) {
  // Drop trailing zero decimals: 0.50 -> 0.5, 2.00 -> 2.
  while (d.scale > 0 && d.units % 10 == 0) {
    d.units /= 10;
    --d.scale;
  }
  std::string digits = std::to_string(d.units < 0 ? -d.units : d.units);
  if (d.scale > 0) {
    if (static_cast<int>(digits.size()) <= d.scale) {
      digits.insert(0, static_cast<size_t>(d.scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(d.scale), ".");
  }
  return (d.units < 0 ? "-" : "") + digits;
}

std::string ToScaledString(Decimal d) {
  const uint64_t magnitude =
      d.units < 0 ? 0 - static_cast<uint64_t>(d.units) : static_cast<uint64_t>(d.units);
  std::string digits = std::to_string(magnitude);
  if (d.scale > 0) {
    const auto scale = static_cast<size_t>(d.scale);
    if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - scale, ".");
  }
  return (d.units < 0 ? "-" : "") + digits;
}

Result<Money> ResolveLine(const LineDefinition& line) {
  bool fixed = line.amount.has_value();
  bool dibao = line.dibao_multiple.has_value() || line.dibao_annual.has_value();
  if (fixed == dibao) {
    return InvalidArgument(
        "the monitoring line needs exactly one form: 'amount', or 'dibao_multiple' with "
        "'dibao_annual'");
  }
  if (fixed) {
    if (line.amount->fen() <= 0) return InvalidArgument("the line must be positive");
    return *line.amount;
  }
  if (!line.dibao_multiple || !line.dibao_annual) {
    return InvalidArgument(
        "a line as a multiple of the minimum allowance needs both 'dibao_multiple' and "
        "'dibao_annual'");
  }
  const Decimal k = *line.dibao_multiple;
  const int64_t fen = line.dibao_annual->fen();
  if (k.units <= 0 || fen <= 0) {
    return InvalidArgument("'dibao_multiple' and 'dibao_annual' must be positive");
  }
  // fen × k.units / 10^scale, rounded half away from zero, in 128 bits.
  const Int128 num = static_cast<Int128>(fen) * k.units;
  const Int128 den = Pow10(k.scale);
  const Int128 q = (2 * num + den) / (2 * den);
  if (q > kMaxMoneyFen) return InvalidArgument("the monitoring line is too large");
  if (q == 0) return InvalidArgument("the monitoring line rounds to 0 fen");
  return Money::FromFen(static_cast<int64_t>(q));
}

}  // namespace xianjie::rules
