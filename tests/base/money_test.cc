// Money in fen: exact parsing of yuan text, canonical formatting, arithmetic.
#include "base/money.h"

#include <gtest/gtest.h>

namespace xianjie {
namespace {

struct Good {
  const char* text;
  int64_t fen;
};

TEST(MoneyTest, ParsesYuanWithUpToTwoDecimals) {
  for (Good g :
       {Good{"0", 0}, Good{"12345", 1234500}, Good{"12345.6", 1234560}, Good{"12345.67", 1234567},
        Good{"0.05", 5}, Good{"007", 700}, Good{"10000000000000", kMaxMoneyFen}}) {
    auto m = ParseMoney(g.text);
    ASSERT_TRUE(m.ok()) << g.text << ": " << m.status().ToString();
    EXPECT_EQ(m->fen(), g.fen) << g.text;
  }
}

TEST(MoneyTest, NegativeOnlyWhenAllowed) {
  auto m = ParseMoney("-12.5", Sign::kAny);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->fen(), -1250);
  auto r = ParseMoney("-12.5");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("negative"), std::string::npos);
}

struct Bad {
  const char* text;
  const char* why;
};

TEST(MoneyTest, RejectsMalformedTextWithReason) {
  for (Bad b :
       {Bad{"", "empty"}, Bad{"1.234", "more than two decimals"}, Bad{"1.", "no digits after"},
        Bad{".5", "no digits before"}, Bad{"1,000", "contains ','"}, Bad{"1e3", "contains 'e'"},
        Bad{" 12", "contains ' '"}, Bad{"+12", "contains '+'"}, Bad{"12 ", "contains ' '"},
        Bad{"¥12", "contains"}, Bad{"10000000000000.01", "too large"},
        Bad{"99999999999999999999999", "too large"}, Bad{"-", "no digits"},
        Bad{"1.2.3", "contains '.'"}}) {
    auto m = ParseMoney(b.text, Sign::kAny);
    ASSERT_FALSE(m.ok()) << b.text;
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(m.status().message().find(b.why), std::string::npos)
        << b.text << " -> " << m.status().message();
  }
}

TEST(MoneyTest, FormatsCanonicalYuan) {
  EXPECT_EQ(Money::FromFen(0).ToYuanString(), "0");
  EXPECT_EQ(Money::FromFen(1234500).ToYuanString(), "12345");
  EXPECT_EQ(Money::FromFen(1234560).ToYuanString(), "12345.6");
  EXPECT_EQ(Money::FromFen(1234507).ToYuanString(), "12345.07");
  EXPECT_EQ(Money::FromFen(-5).ToYuanString(), "-0.05");
  EXPECT_EQ(Money::FromFen(INT64_MIN).ToYuanString(), "-92233720368547758.08");
}

TEST(MoneyTest, FormatThenParseRoundTrips) {
  for (int64_t fen :
       std::initializer_list<int64_t>{0, 1, 10, 99, 100, 123456789, -1, -100, kMaxMoneyFen}) {
    auto m = ParseMoney(Money::FromFen(fen).ToYuanString(), Sign::kAny);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->fen(), fen);
  }
}

TEST(MoneyTest, ArithmeticIsExact) {
  Money a = Money::FromFen(10), b = Money::FromFen(20);
  EXPECT_EQ((a + b).fen(), 30);
  EXPECT_EQ((a - b).fen(), -10);
  EXPECT_EQ((Money::FromYuan(7500) * 3).fen(), 2250000);
  EXPECT_LT(a, b);
}

}  // namespace
}  // namespace xianjie

namespace xianjie {
namespace {

TEST(MoneyTest, YuanCentsStringHasExactlyTwoDecimals) {
  EXPECT_EQ(Money::FromFen(0).ToYuanCentsString(), "0.00");
  EXPECT_EQ(Money::FromFen(750000).ToYuanCentsString(), "7500.00");
  EXPECT_EQ(Money::FromFen(5).ToYuanCentsString(), "0.05");
  EXPECT_EQ(Money::FromFen(-50).ToYuanCentsString(), "-0.50");
  EXPECT_EQ(Money::FromFen(INT64_MIN).ToYuanCentsString(), "-92233720368547758.08");
}

}  // namespace
}  // namespace xianjie
