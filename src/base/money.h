// Money as an exact integer number of fen (分; 1 yuan = 100 fen).
//
// All amounts in Xianjie are int64 fen: sums and comparisons with a line are exact, and no
// per-capita value is ever compared after a float division. Text in files is yuan with at most
// two decimals ("12345.67", "12345.6", "12345"); anything else is rejected with a reason.
#ifndef XIANJIE_BASE_MONEY_H_
#define XIANJIE_BASE_MONEY_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromFen(int64_t fen) { return Money(fen); }
  static constexpr Money FromYuan(int64_t yuan) { return Money(yuan * 100); }

  constexpr int64_t fen() const { return fen_; }

  // Canonical yuan text: no trailing zero decimals, "-" for negatives ("-12.5", "0", "3.07").
  std::string ToYuanString() const;
  // Yuan with exactly two decimals, for reports and output files: "7500.00", "-0.50".
  std::string ToYuanCentsString() const;

  constexpr Money operator+(Money o) const { return Money(fen_ + o.fen_); }
  constexpr Money operator-(Money o) const { return Money(fen_ - o.fen_); }
  constexpr Money operator*(int64_t k) const { return Money(fen_ * k); }
  constexpr Money& operator+=(Money o) {
    fen_ += o.fen_;
    return *this;
  }
  constexpr Money& operator-=(Money o) {
    fen_ -= o.fen_;
    return *this;
  }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

// Largest magnitude accepted from text: 10^13 yuan. Sums of a few components can then never
// overflow int64 fen.
inline constexpr int64_t kMaxMoneyFen = 1'000'000'000'000'000;

enum class Sign { kNonNegative, kAny };

// Parses yuan text: optional '-' (only with Sign::kAny), digits, optionally '.' and one or two
// digits. No spaces, '+', thousands separators, exponent or currency sign. On failure the Status
// is kInvalidArgument with a message that says what is wrong and what is expected.
Result<Money> ParseMoney(std::string_view text, Sign sign = Sign::kNonNegative);

}  // namespace xianjie

#endif  // XIANJIE_BASE_MONEY_H_
