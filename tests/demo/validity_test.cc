// Without corruption every generated row satisfies DOMAIN.md §13, and the people in it are
// plausible: relations agree with sexes and ages, ID numbers with villages.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>

#include "base/id_number.h"
#include "base/money.h"
#include "demo/generator.h"
#include "demo/villages.h"
#include "exchange_check.h"

namespace xianjie::demo {
namespace {

using registry::Relation;
using registry::Sex;
using testing::CheckResult;

const CivilDate kReference = CivilDate::FromYmd(2024, 9, 1);

class ValidityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GeneratorOptions o;
    o.households = 5000;
    o.seed = 11;
    generated_ = new testing::Generated(testing::GenerateInMemory(o));
    result_ = new CheckResult(testing::CheckExchangeFiles(
        generated_->households, generated_->members, registry::RegionTable::BuiltIn(), kReference));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete generated_;
  }

  // Members grouped by household, in file order.
  static std::map<std::string, std::vector<const registry::Member*>> ByHousehold() {
    std::map<std::string, std::vector<const registry::Member*>> out;
    for (const auto& m : result_->members) out[m.household_id].push_back(&m.member);
    return out;
  }

  static testing::Generated* generated_;
  static CheckResult* result_;
};
testing::Generated* ValidityTest::generated_ = nullptr;
CheckResult* ValidityTest::result_ = nullptr;

TEST_F(ValidityTest, EveryRowSatisfiesTheExchangeFormat) {
  for (const auto& p : result_->problems) {
    ADD_FAILURE() << (p.members_file ? "members.csv" : "households.csv") << " line " << p.line
                  << ": " << p.rule;
  }
  EXPECT_EQ(static_cast<int64_t>(result_->households.size()), generated_->stats.households);
  EXPECT_EQ(static_cast<int64_t>(result_->members.size()), generated_->stats.members);
}

TEST_F(ValidityTest, EveryHouseholdHasExactlyOneHead) {
  EXPECT_TRUE(result_->households_without_one_head.empty())
      << result_->households_without_one_head.front();
}

TEST_F(ValidityTest, HouseholdIdIsTheVillageCodeAndASequence) {
  const std::regex pattern(R"(\d{12}-\d{4,})");
  std::map<std::string, int> last_sequence;
  for (const registry::Household& h : result_->households) {
    ASSERT_TRUE(std::regex_match(h.household_id, pattern)) << h.household_id;
    const std::string village = h.village_code.ToString();
    EXPECT_EQ(h.household_id.substr(0, 12), village);
    int sequence = std::stoi(h.household_id.substr(13));
    EXPECT_EQ(sequence, ++last_sequence[village]) << h.household_id;
  }
}

TEST_F(ValidityTest, IdNumbersCarryTheCountyOfTheVillage) {
  for (const auto& m : result_->members) {
    EXPECT_EQ(m.member.id_number.substr(0, 6), m.household_id.substr(0, 6)) << m.household_id;
  }
}

TEST_F(ValidityTest, HouseholdsLiveInRuralVillagesOnly) {
  for (const registry::Household& h : result_->households) {
    const registry::Region* village = registry::RegionTable::BuiltIn().Find(h.village_code);
    ASSERT_NE(village, nullptr);
    EXPECT_EQ(village->name.find("社区"), std::string::npos) << village->name;
    EXPECT_EQ(village->name.find("居民委员会"), std::string::npos) << village->name;
  }
}

TEST_F(ValidityTest, SpouseIsOfTheOtherSexThanTheHead) {
  for (const auto& [id, members] : ByHousehold()) {
    const registry::Member* head = members.front();
    ASSERT_EQ(head->relation, Relation::kHead) << id;
    for (const registry::Member* m : members) {
      if (m->relation == Relation::kSpouse) {
        EXPECT_NE(m->sex, head->sex) << id;
      }
    }
  }
}

TEST_F(ValidityTest, AgesAgreeWithRelations) {
  for (const auto& [id, members] : ByHousehold()) {
    const int head = AgeOn(members.front()->birth_date, kReference);
    EXPECT_GE(head, 18) << id;
    for (const registry::Member* m : members) {
      const int age = AgeOn(m->birth_date, kReference);
      switch (m->relation) {
        case Relation::kChild:
          EXPECT_GE(head - age, 16) << id;
          break;
        case Relation::kGrandchild:
          EXPECT_GE(head - age, 36) << id;
          break;
        case Relation::kParent:
          EXPECT_GE(age - head, 16) << id;
          break;
        case Relation::kGrandparent:
          EXPECT_GE(age - head, 36) << id;
          break;
        case Relation::kSpouse:
        case Relation::kChildInLaw:
          EXPECT_GE(age, 18) << id;
          break;
        default:
          break;
      }
      EXPECT_LE(age, 100) << id;
    }
  }
}

TEST_F(ValidityTest, EnrolmentFollowsSchoolStageAndAge) {
  int compulsory = 0;
  int out_of_school = 0;
  for (const auto& cm : result_->members) {
    const registry::Member& m = cm.member;
    const int age = AgeOn(m.birth_date, kReference);
    EXPECT_EQ(m.enrolled, m.school_stage != registry::SchoolStage::kNone) << m.id_number;
    if (age > 25) {
      EXPECT_FALSE(m.enrolled) << m.id_number;
    }
    if (age < 16) {
      EXPECT_EQ(m.labor, registry::Labor::kNone) << m.id_number;
    }
    if (age >= 6 && age <= 15) {
      ++compulsory;
      out_of_school += !m.enrolled;
    }
  }
  ASSERT_GT(compulsory, 1000);
  EXPECT_LT(static_cast<double>(out_of_school) / compulsory, 0.015);
}

TEST_F(ValidityTest, NamesAreWrittenInChineseCharacters) {
  for (const auto& m : result_->members) {
    ASSERT_GE(m.member.name.size(), 6u) << m.member.name;  // two characters of 3 bytes
    EXPECT_TRUE(std::all_of(m.member.name.begin(), m.member.name.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x80;
    })) << m.member.name;
  }
}

TEST_F(ValidityTest, MoneyIsWrittenCanonically) {
  std::vector<std::string> fields;
  auto lines = testing::Lines(generated_->households);
  for (size_t i = 1; i < lines.size(); ++i) {
    testing::SplitCsvLine(lines[i], fields);
    for (size_t col = 3; col <= 11; ++col) {
      if (fields[col].empty()) continue;
      auto m = ParseMoney(fields[col], Sign::kAny);
      ASSERT_TRUE(m.ok()) << fields[col];
      EXPECT_EQ(m->ToYuanString(), fields[col]);
    }
  }
}

}  // namespace
}  // namespace xianjie::demo
