// The shared row checks: the fast paths (CheckMoney, CodeIndex, CheckIdNumber) agree with the
// base parsers (ParseMoney, ParseCode, ParseIdNumber) on every text, accepted or not.
#include "ingest/internal/row_check.h"

#include <gtest/gtest.h>

#include <random>

#include "base/id_number.h"
#include "base/money.h"
#include "ingest/internal/exchange_checks.h"
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

// CheckIdNumber (which skips building an IdNumber on valid numbers) against ParseIdNumber.
TEST(RowCheckTest, IdNumberAgreesWithParseIdNumber) {
  constexpr auto kMembers = SpecOf(registry::kMemberColumnNames);
  Header header;
  for (size_t i = 0; i < kMembers.size(); ++i) {
    header.names.emplace_back(kMembers[i].name);
    header.field_of.push_back(static_cast<int>(i));
  }
  const CivilDate today = CivilDate::FromYmd(2025, 6, 30);
  std::vector<std::string> texts;
  std::mt19937 rng(11);
  for (int i = 0; i < 3000; ++i) {
    CivilDate birth = CivilDate::FromDays(static_cast<int32_t>(rng() % 60000) - 40000);
    std::string id = MakeIdNumber("630102", birth, static_cast<int>(rng() % 1000));
    texts.push_back(id);
    std::string changed = id;  // one character changed: a check, date, length or character slip
    changed[rng() % 18] = "0123456789Xx-"[rng() % 13];
    texts.push_back(changed);
    texts.push_back(id.substr(0, 17) + "x");
    texts.push_back(id.substr(1));
  }
  texts.push_back("630102188001010011");  // 1880 is the first year
  texts.push_back("630102187912310011");
  texts.push_back("630102202506300014");  // born today
  texts.push_back("630102202507010011");  // born tomorrow
  for (const std::string& text : texts) {
    CsvRecord rec;
    rec.fields.assign(kMembers.size(), "");
    rec.fields[registry::Index(registry::MemberColumn::kIdNumber)] = text;
    RowCheck check(header, kMembers);
    ASSERT_TRUE(check.Start(rec));
    IdFacts got;
    const bool ok = CheckIdNumber(check, today, got);
    IdNumberError error = IdNumberError::kNone;
    Result<IdNumber> want = ParseIdNumber(text, today, &error);
    ASSERT_EQ(ok, want.ok()) << text;
    if (ok) {
      EXPECT_EQ(got.packed, want->Packed()) << text;
      EXPECT_EQ(got.birth, want->birth_date()) << text;
      EXPECT_EQ(got.male, want->male()) << text;
    } else {
      ASSERT_EQ(check.problems().size(), 1u);
      EXPECT_EQ(check.problems()[0].rule, IdNumberRule(error));
      EXPECT_EQ(check.problems()[0].text, want.status().message());
    }
  }
}

}  // namespace
}  // namespace xianjie::ingest::internal
