// Tests of the exchange-format parsers' API contracts: ownership of the rows' views, the bytes
// kept for malformed records, and accounting on a larger generated file. The rule cases
// themselves are data files (cases/*.test).
#include "ingest/exchange_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "base/id_number.h"
#include "ingest/internal/utf8.h"

namespace xianjie::ingest {
namespace {

using ::testing::ElementsAre;

constexpr std::string_view kMembersHeader =
    "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,enrolled,"
    "med_insured,pension_insured,shares_household\n";

ParseOptions Options() {
  ParseOptions o;
  o.today = CivilDate::FromYmd(2025, 6, 30);
  return o;
}

TEST(ExchangeFormatTest, MemberViewsSurviveMovingTheResult) {
  std::string data = std::string(kMembersHeader) +
                     "630102198001010019,\"H\"\"1\",王伟,head,M,1980-01-01,ordinary,healthy,none,"
                     "0,1,1,1\n";
  auto parsed = ParseMembers(data, "members.csv", Options());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ParsedMembers moved = std::move(parsed).value();
  ASSERT_EQ(moved.rows.size(), 1u);
  EXPECT_EQ(moved.rows[0].household_id, "H\"1");
  EXPECT_EQ(moved.rows[0].raw, std::string_view(data).substr(kMembersHeader.size(),
                                                             data.size() - kMembersHeader.size() - 1));
}

TEST(ExchangeFormatTest, RowRawIsAViewIntoTheData) {
  std::string data = std::string(kMembersHeader) +
                     "630102198001010019,H1,王伟,head,M,1980-01-01,ordinary,healthy,none,0,1,1,1";
  auto parsed = ParseMembers(data, "members.csv", Options());
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_EQ(parsed->rows[0].raw.data(), data.data() + kMembersHeader.size());
  EXPECT_EQ(parsed->rows[0].household_id.data(), data.data() + kMembersHeader.size() + 19);
}

TEST(ExchangeFormatTest, InvalidUtf8KeepsTheBytesButTheMessageIsText) {
  std::string data = std::string(kMembersHeader) +
                     "630102198001010019,H1,\xCD\xF5,head,M,1980-01-01,ordinary,healthy,none,0,1,"
                     "1,1\n";
  auto parsed = ParseMembers(data, "members.csv", Options());
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->quarantine.size(), 1u);
  const registry::QuarantineEntry& e = parsed->quarantine[0];
  EXPECT_EQ(e.rule, "csv.invalid_utf8");
  EXPECT_EQ(e.column, "name");
  EXPECT_EQ(e.value, "\xCD\xF5");
  EXPECT_EQ(e.record, data.substr(kMembersHeader.size(), data.size() - kMembersHeader.size() - 1));
  EXPECT_TRUE(internal::IsValidUtf8(e.message));
  EXPECT_EQ(e.batch_id, 0);
}

TEST(ExchangeFormatTest, FileLevelFailureIsInvalidArgument) {
  auto parsed = ParseMembers("", "m.csv", Options());
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(parsed.status().message(), ::testing::StartsWith("m.csv: the file is empty"));
}

// 3000 members of 1000 households, every 7th row repeating the ID number of the row before and
// every 11th with a bad sex: the accounting and the first-row-wins rule hold at scale.
TEST(ExchangeFormatTest, LargerFileKeepsAccountingAndFirstRowWins) {
  std::string data(kMembersHeader);
  std::string previous_id;
  int64_t expect_dups = 0, expect_bad = 0;
  for (int i = 0; i < 3000; ++i) {
    CivilDate birth = CivilDate::FromDays(-3000 + i * 7);
    std::string id = MakeIdNumber("630102", birth, i % 1000);
    bool dup = i % 7 == 6;
    if (dup) id = previous_id;
    bool bad = i % 11 == 10;
    auto parsed_id = ParseIdNumber(id, CivilDate::FromYmd(2025, 6, 30));
    ASSERT_TRUE(parsed_id.ok());
    std::string sex = bad ? "X" : parsed_id->male() ? "M" : "F";
    data += id + ",H" + std::to_string(i / 3) + ",名" + std::to_string(i) + ",other," + sex + "," +
            parsed_id->birth_date().ToString() + ",none,healthy,none,0,1,0,1\n";
    expect_dups += dup;
    expect_bad += bad && !dup;
    previous_id = id;
  }
  auto parsed = ParseMembers(data, "members.csv", Options());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->read, 3000);
  EXPECT_EQ(parsed->read, static_cast<int64_t>(parsed->rows.size() + parsed->quarantine.size()));
  int64_t dups = 0, bad = 0;
  for (const auto& e : parsed->quarantine) {
    dups += e.rule == "id_number.duplicate";
    bad += e.rule == "sex.invalid";
  }
  EXPECT_EQ(dups, expect_dups);
  EXPECT_EQ(bad, expect_bad);
  for (size_t i = 1; i < parsed->quarantine.size(); ++i) {
    EXPECT_LT(parsed->quarantine[i - 1].line, parsed->quarantine[i].line);
  }
  for (size_t i = 1; i < parsed->rows.size(); ++i) {
    EXPECT_LT(parsed->rows[i - 1].line, parsed->rows[i].line);
  }
}

TEST(ExchangeFormatTest, HouseholdsQuarantinedIdsAreSortedAndUnique) {
  std::string data =
      "household_id,village_code,status,wage_income,business_income,property_income,"
      "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
      "rigid_other,housing_safe,water_safe\n"
      "B,630102001001,x,0,0,0,0,0,,0,0,0,1,1\n"
      "A,630102001001,x,0,0,0,0,0,,0,0,0,1,1\n"
      "B,630102001001,x,0,0,0,0,0,,0,0,0,1,1\n";
  auto parsed = ParseHouseholds(data, "households.csv", registry::RegionTable::BuiltIn(),
                                Options());
  ASSERT_TRUE(parsed.ok());
  EXPECT_THAT(parsed->quarantined_ids, ElementsAre("A", "B"));
  EXPECT_EQ(parsed->quarantine.size(), 3u);
}

}  // namespace
}  // namespace xianjie::ingest
