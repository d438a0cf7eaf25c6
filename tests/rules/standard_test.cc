// Exact decimals and the monitoring line (rules/standard.h): ParseDecimal, ToString, ResolveLine.
#include "rules/standard.h"

#include <gtest/gtest.h>

namespace xianjie::rules {
namespace {

TEST(ParseDecimalTest, AcceptsExactDecimals) {
  struct Case {
    const char* text;
    Decimal want;
  };
  for (const Case& c :
       {Case{"0.5", {5, 1}}, Case{"1", {1, 0}}, Case{"1.0", {10, 1}}, Case{"0.50", {50, 2}},
        Case{"-2.25", {-225, 2}}, Case{"007", {7, 0}}, Case{"0.000001", {1, 6}},
        Case{"123456.789012", {123456789012, 6}},
        Case{"1000000000000000000", {1000000000000000000, 0}}, Case{"-0", {0, 0}}}) {
    auto d = ParseDecimal(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().message();
    EXPECT_EQ(*d, c.want) << c.text;
  }
}

TEST(ParseDecimalTest, RejectsWithTheReason) {
  struct Case {
    const char* text;
    const char* why;
  };
  for (const Case& c :
       {Case{"", "no digits"}, Case{"-", "no digits"}, Case{"1.2.3", "two decimal points"},
        Case{".5", "no digit before the decimal point"},
        Case{"5.", "no digit after the decimal point"}, Case{"0,5", "unexpected character"},
        Case{"+1", "unexpected character"}, Case{" 1", "unexpected character"},
        Case{"1e3", "unexpected character"}, Case{"0.1234567", "more than six decimals"},
        Case{"1000000000000000001", "too large"}}) {
    auto d = ParseDecimal(c.text);
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(d.status().message(), "'" + std::string(c.text) +
                                        "' is not a decimal number: " + c.why +
                                        "; write digits with an optional '-' and up to six "
                                        "decimals, like 0.5")
        << c.text;
  }
}

TEST(DecimalToStringTest, DropsTrailingZeros) {
  EXPECT_EQ(ToString({5, 1}), "0.5");
  EXPECT_EQ(ToString({50, 2}), "0.5");
  EXPECT_EQ(ToString({10, 1}), "1");
  EXPECT_EQ(ToString({1, 0}), "1");
  EXPECT_EQ(ToString({0, 3}), "0");
  EXPECT_EQ(ToString({-225, 2}), "-2.25");
  EXPECT_EQ(ToString({-5, 3}), "-0.005");
  EXPECT_EQ(ToString({1, 6}), "0.000001");
  EXPECT_EQ(ToString({123456789012, 6}), "123456.789012");
}

LineDefinition Dibao(Decimal k, int64_t annual_fen) {
  LineDefinition line;
  line.dibao_multiple = k;
  line.dibao_annual = Money::FromFen(annual_fen);
  return line;
}

TEST(ResolveLineTest, FixedAmount) {
  LineDefinition line;
  line.amount = Money::FromYuan(7500);
  EXPECT_EQ(*ResolveLine(line), Money::FromYuan(7500));
}

TEST(ResolveLineTest, DibaoMultipleIsExact) {
  EXPECT_EQ(*ResolveLine(Dibao({15, 1}, 560000)), Money::FromYuan(8400));  // 1.5 × 5600
  EXPECT_EQ(*ResolveLine(Dibao({2, 0}, 12345)), Money::FromFen(24690));
}

TEST(ResolveLineTest, DibaoMultipleRoundsHalfAwayFromZero) {
  // 1.5 × 5333.33 = 7999.995 yuan: half a fen goes up.
  EXPECT_EQ(*ResolveLine(Dibao({15, 1}, 533333)), Money::FromFen(800000));
  // 1.25 × 0.02 yuan = 2.5 fen -> 3; 1.2 × 0.02 = 2.4 fen -> 2; 1.3 × 0.02 = 2.6 fen -> 3.
  EXPECT_EQ(*ResolveLine(Dibao({125, 2}, 2)), Money::FromFen(3));
  EXPECT_EQ(*ResolveLine(Dibao({12, 1}, 2)), Money::FromFen(2));
  EXPECT_EQ(*ResolveLine(Dibao({13, 1}, 2)), Money::FromFen(3));
  // 0.000001 × 4999999 fen = 4.999999 fen -> 5.
  EXPECT_EQ(*ResolveLine(Dibao({1, 6}, 4999999)), Money::FromFen(5));
}

TEST(ResolveLineTest, LargeMultipleDoesNotOverflow) {
  // 10^13 yuan × 999999.999999 computed in 128 bits, then refused as too large.
  auto r = ResolveLine(Dibao({999999999999, 6}, kMaxMoneyFen));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "the monitoring line is too large");
}

TEST(ResolveLineTest, RejectsBadDefinitions) {
  LineDefinition none;
  EXPECT_EQ(ResolveLine(none).status().message(),
            "the monitoring line needs exactly one form: 'amount', or 'dibao_multiple' with "
            "'dibao_annual'");
  LineDefinition both = Dibao({15, 1}, 560000);
  both.amount = Money::FromYuan(7500);
  EXPECT_EQ(ResolveLine(both).status().code(), StatusCode::kInvalidArgument);
  LineDefinition half;
  half.dibao_multiple = Decimal{15, 1};
  EXPECT_EQ(ResolveLine(half).status().message(),
            "a line as a multiple of the minimum allowance needs both 'dibao_multiple' and "
            "'dibao_annual'");
  LineDefinition zero;
  zero.amount = Money::FromFen(0);
  EXPECT_EQ(ResolveLine(zero).status().message(), "the line must be positive");
  EXPECT_EQ(ResolveLine(Dibao({-15, 1}, 560000)).status().message(),
            "'dibao_multiple' and 'dibao_annual' must be positive");
  EXPECT_EQ(ResolveLine(Dibao({1, 6}, 1)).status().message(),
            "the monitoring line rounds to 0 fen");
}

}  // namespace
}  // namespace xianjie::rules
