// "Did you mean": edit distance over characters and the closest known name (base/closest_name.h).
#include "base/closest_name.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace xianjie {
namespace {

constexpr std::string_view kKeys[] = {"id", "title_zh", "title_en", "enabled", "when", "builtin"};

TEST(EditDistanceTest, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("money", "mony"), 1u);
  EXPECT_EQ(EditDistance("money", "monkey"), 1u);
  EXPECT_EQ(EditDistance("money", "manes"), 2u);
}

TEST(EditDistanceTest, CountsASwapOfNeighboursAsOneEdit) {
  EXPECT_EQ(EditDistance("wehn", "when"), 1u);
  EXPECT_EQ(EditDistance("poro", "poor"), 1u);
  EXPECT_EQ(EditDistance("palceholder", "placeholder"), 1u);
}

TEST(EditDistanceTest, CountsCharactersNotBytes) {
  EXPECT_EQ(EditDistance("结算日起", "结算日期"), 1u);  // 3 bytes each, one character
  EXPECT_EQ(EditDistance("身份证号吗", "身份证号"), 1u);
  EXPECT_EQ(EditDistance("脱贫户", "户贫脱"), 2u);
}

TEST(ClosestNameTest, SuggestsTheNameATypoIsCloseTo) {
  EXPECT_EQ(ClosestName("buitin", kKeys), "builtin");
  EXPECT_EQ(ClosestName("wehn", kKeys), "when");
  EXPECT_EQ(ClosestName("enabeld", kKeys), "enabled");
  EXPECT_EQ(ClosestName("ids", kKeys), "id");
}

TEST(ClosestNameTest, SuggestsNothingForAWordFarFromEveryName) {
  EXPECT_EQ(ClosestName("risk", kKeys), "");
  EXPECT_EQ(ClosestName("", kKeys), "");
  EXPECT_EQ(ClosestName("when", {}), "");
}

TEST(ClosestNameTest, AllowsAThirdOfTheShorterWordChanged) {
  constexpr std::string_view kNames[] = {"monitored"};
  EXPECT_EQ(ClosestName("monitorde", kNames), "monitored");  // 1 of 9
  EXPECT_EQ(ClosestName("mnotiroed", kNames), "monitored");  // 3 of 9
  EXPECT_EQ(ClosestName("mnotiroedd", kNames), "");          // 4
  constexpr std::string_view kShort[] = {"risk"};
  EXPECT_EQ(ClosestName("risks", kShort), "risk");  // one change is always allowed
  EXPECT_EQ(ClosestName("riskss", kShort), "");     // two: more than a third of "risk"
}

TEST(ClosestNameTest, TakesTheNearestAndTheFirstOfATie) {
  constexpr std::string_view kNames[] = {"title_zh", "title_en"};
  EXPECT_EQ(ClosestName("title_e", kNames), "title_en");
  EXPECT_EQ(ClosestName("title_", kNames), "title_zh");
}

TEST(ClosestNameTest, CountsChineseCharactersAsOneEachWithTheDivisor) {
  const std::vector<std::string_view> headers = {"身份证号", "结算日期", "个人自付金额"};
  EXPECT_EQ(ClosestName("结算日起", headers, 2), "结算日期");
  EXPECT_EQ(ClosestName("身份证号吗", headers, 2), "身份证号");
  EXPECT_EQ(ClosestName("结算时间", headers, 2), "结算日期");  // 2 of 4 with divisor 2
  EXPECT_EQ(ClosestName("结算时间", headers, 3), "");          // 2 of 4 with divisor 3
}

}  // namespace
}  // namespace xianjie
