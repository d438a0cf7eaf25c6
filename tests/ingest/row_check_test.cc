// The shared row checks: the fast paths (CheckMoney, CodeIndex) agree with the base parsers
// (ParseMoney, ParseCode) on every text, accepted or not.
#include "ingest/internal/row_check.h"

#include <gtest/gtest.h>

#include <random>

#include "base/money.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest::internal {
namespace {

constexpr auto kSpec = SpecOf(registry::kHouseholdColumnNames);

// CheckMoney on `text` as the wage_income of a record, against ParseMoney.
void ExpectAsParseMoney(const std::string& text, Sign sign) {
  Header header;
  header.names.assign(kSpec.size(), "");
  for (size_t i = 0; i < kSpec.size(); ++i) {
    header.names[i] = std::string(kSpec[i].name);
    header.field_of.push_back(static_cast<int>(i));
  }
  CsvRecord rec;
  rec.fields.assign(kSpec.size(), "0");
  rec.fields[registry::Index(registry::HouseholdColumn::kWageIncome)] = text;
  RowCheck check(header, kSpec);
  ASSERT_TRUE(check.Start(rec));
  std::optional<Money> got = check.CheckMoney(registry::HouseholdColumn::kWageIncome, sign);
  Result<Money> want = ParseMoney(text, sign);
  ASSERT_EQ(got.has_value(), want.ok()) << "'" << text << "'";
  if (got) {
    EXPECT_EQ(got->fen(), want->fen()) << "'" << text << "'";
  } else {
    ASSERT_EQ(check.problems().size(), 1u);
    EXPECT_EQ(check.problems()[0].text, want.status().message());
    EXPECT_EQ(check.problems()[0].rule, "wage_income.invalid");
  }
}

TEST(RowCheckTest, MoneyAgreesWithParseMoney) {
  const char* texts[] = {
      "0", "00", "-0", "1", "12345.67", "12345.6", "12345.", ".5", "-.5", "-", "", "1.234",
      "9999999999999", "9999999999999.99", "10000000000000", "99999999999999", "-9999999999999.9",
      "1e5", "+1", " 1", "1 ", "1,000", "１", "不详", "0.00", "-12.30", "--1", "1.-2", "1..2",
      "123456789012345678901234567890",
  };
  for (const char* t : texts) {
    ExpectAsParseMoney(t, Sign::kNonNegative);
    ExpectAsParseMoney(t, Sign::kAny);
  }
  std::mt19937 rng(7);
  const std::string alphabet = "0123456789.-";
  for (int i = 0; i < 20000; ++i) {
    std::string t;
    for (int n = static_cast<int>(rng() % 18); n > 0; --n) t += alphabet[rng() % alphabet.size()];
    ExpectAsParseMoney(t, i % 2 == 0 ? Sign::kNonNegative : Sign::kAny);
  }
}

template <typename E>
void ExpectIndexAsParseCode() {
  const CodeIndex index(registry::CodesOf(E{}));
  std::vector<std::string> texts = {"", "x", "head ", " head", "户", "户主户主", "1", "M", "F"};
  for (const registry::CodeEntry& e : registry::CodesOf(E{})) {
    for (std::string_view t : {e.code, e.label_zh, e.alt1, e.alt2}) {
      texts.emplace_back(t);
      if (!t.empty()) {
        texts.push_back(std::string(t.substr(1)));
        texts.push_back(std::string(t) + "x");
      }
    }
  }
  for (const std::string& t : texts) {
    std::optional<E> want = registry::ParseCode<E>(t);
    std::optional<uint8_t> got = index.Find(t);
    ASSERT_EQ(got.has_value(), want.has_value()) << "'" << t << "'";
    if (got) {
      EXPECT_EQ(*got, static_cast<uint8_t>(*want)) << t;
    }
  }
}

TEST(RowCheckTest, CodeIndexAgreesWithParseCode) {
  ExpectIndexAsParseCode<registry::HouseholdStatus>();
  ExpectIndexAsParseCode<registry::Relation>();
  ExpectIndexAsParseCode<registry::Sex>();
  ExpectIndexAsParseCode<registry::Labor>();
  ExpectIndexAsParseCode<registry::Health>();
  ExpectIndexAsParseCode<registry::SchoolStage>();
}

}  // namespace
}  // namespace xianjie::ingest::internal
