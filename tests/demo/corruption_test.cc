// --corrupt-rate: about R of the rows break exactly one rule each, of every kind, while the CSV
// stays well-formed and the rest of the output stays as it would be without corruption.
#include "demo/corruption.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "demo/generator.h"
#include "exchange_check.h"

namespace xianjie::demo {
namespace {

using testing::Generated;
using testing::Lines;

constexpr double kRate = 0.05;

GeneratorOptions Options(double rate) {
  GeneratorOptions o;
  o.households = 4000;
  o.seed = 5;
  o.corrupt_rate = rate;
  return o;
}

class CorruptionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    corrupted_ = new Generated(testing::GenerateInMemory(Options(kRate)));
    clean_ = new Generated(testing::GenerateInMemory(Options(0.0)));
  }
  static void TearDownTestSuite() {
    delete corrupted_;
    delete clean_;
  }
  static int64_t Rows() { return corrupted_->stats.households + corrupted_->stats.members; }

  static Generated* corrupted_;
  static Generated* clean_;
};
Generated* CorruptionTest::corrupted_ = nullptr;
Generated* CorruptionTest::clean_ = nullptr;

TEST_F(CorruptionTest, CorruptsAboutRateTimesTheRows) {
  const double expected = kRate * static_cast<double>(Rows());
  const double sd = std::sqrt(expected * (1 - kRate));
  EXPECT_NEAR(static_cast<double>(corrupted_->stats.corrupted_rows()), expected, 5 * sd);
}

TEST_F(CorruptionTest, EveryKindAppears) {
  for (Corruption kind : AllCorruptions()) {
    EXPECT_GT(corrupted_->stats.corrupted.at(std::string(CorruptionName(kind))), 0)
        << CorruptionName(kind);
  }
}

TEST_F(CorruptionTest, EachCorruptedRowBreaksTheRuleOfItsKind) {
  auto checked =
      testing::CheckExchangeFiles(corrupted_->households, corrupted_->members,
                                  registry::RegionTable::BuiltIn(), Options(kRate).reference_date);
  auto by_rule = checked.CountByRule();
  const std::map<std::string, std::string> rule_of = {
      {"id_check", "id_number.check"},
      {"id_birth_date", "id_number.birth_date"},
      {"sex_mismatch", "sex.mismatch"},
      {"birth_date_mismatch", "birth_date.mismatch"},
      {"unknown_village", "village_code.unknown"},
      {"malformed_money", "money.malformed"},
      {"duplicate_id_number", "id_number.duplicate"},
      {"duplicate_household_id", "household_id.duplicate"},
      {"empty_name", "name.empty"},
      {"bad_enum", "enum.bad"},
      {"bad_boolean", "boolean.bad"},
  };
  int64_t kinds_total = 0;
  for (const auto& [kind, rows] : corrupted_->stats.corrupted) {
    EXPECT_EQ(by_rule[rule_of.at(kind)], rows) << kind;
    kinds_total += by_rule[rule_of.at(kind)];
  }
  // The only other problem: members whose household row was rejected.
  EXPECT_EQ(kinds_total + by_rule["household_id.unknown"],
            static_cast<int64_t>(checked.problems.size()));
}

TEST_F(CorruptionTest, OnlyTheCorruptedRowsDifferFromACleanRun) {
  int64_t differing = 0;
  for (auto [a, b] : {std::pair{&corrupted_->households, &clean_->households},
                      std::pair{&corrupted_->members, &clean_->members}}) {
    auto lines_a = Lines(*a);
    auto lines_b = Lines(*b);
    ASSERT_EQ(lines_a.size(), lines_b.size());
    for (size_t i = 0; i < lines_a.size(); ++i) differing += lines_a[i] != lines_b[i];
  }
  EXPECT_EQ(differing, corrupted_->stats.corrupted_rows());
}

TEST_F(CorruptionTest, TheFilesStayWellFormedCsv) {
  std::vector<std::string> fields;
  for (auto [text, columns] : {std::pair{&corrupted_->households, size_t{14}},
                               std::pair{&corrupted_->members, size_t{13}}}) {
    for (std::string_view line : Lines(*text)) {
      testing::SplitCsvLine(line, fields);
      EXPECT_EQ(fields.size(), columns) << line;
    }
  }
}

TEST_F(CorruptionTest, SameSeedGivesTheSameCorruption) {
  Generated again = testing::GenerateInMemory(Options(kRate));
  EXPECT_EQ(again.households, corrupted_->households);
  EXPECT_EQ(again.members, corrupted_->members);
}

TEST(CorruptionRateTest, RateOneCorruptsEveryRow) {
  GeneratorOptions o;
  o.households = 200;
  o.corrupt_rate = 1.0;
  Generated g = testing::GenerateInMemory(o);
  EXPECT_EQ(g.stats.corrupted_rows(), g.stats.households + g.stats.members);
}

TEST(CorruptionNameTest, NamesEveryKindDistinctly) {
  std::set<std::string_view> names;
  for (Corruption kind : AllCorruptions()) names.insert(CorruptionName(kind));
  EXPECT_EQ(names.size(), 11u);
  EXPECT_EQ(CorruptionName(Corruption::kMalformedMoney), "malformed_money");
}

}  // namespace
}  // namespace xianjie::demo
