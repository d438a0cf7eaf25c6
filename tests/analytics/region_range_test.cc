#include "analytics/region_range.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace xianjie::analytics {
namespace {

const std::vector<std::string> kVillages = {
    "630102001001", "630102001002", "630102002001", "630121001001", "632221001001"};

TEST(PrefixRangeTest, EveryLevelIsOneContiguousRange) {
  EXPECT_EQ(PrefixRange(kVillages, ""), (IndexRange{0, 5}));
  EXPECT_EQ(PrefixRange(kVillages, "63"), (IndexRange{0, 5}));
  EXPECT_EQ(PrefixRange(kVillages, "6301"), (IndexRange{0, 4}));
  EXPECT_EQ(PrefixRange(kVillages, "630102"), (IndexRange{0, 3}));
  EXPECT_EQ(PrefixRange(kVillages, "630102001"), (IndexRange{0, 2}));
  EXPECT_EQ(PrefixRange(kVillages, "630102002001"), (IndexRange{2, 3}));
  EXPECT_EQ(PrefixRange(kVillages, "6322"), (IndexRange{4, 5}));
}

TEST(PrefixRangeTest, AnAbsentRegionIsAnEmptyRangeAtItsPlace) {
  EXPECT_TRUE(PrefixRange(kVillages, "6302").empty());
  EXPECT_EQ(PrefixRange(kVillages, "6302").begin, 4u);
  EXPECT_TRUE(PrefixRange(kVillages, "64").empty());
  EXPECT_EQ(PrefixRange(kVillages, "64").begin, 5u);
  EXPECT_TRUE(PrefixRange(kVillages, "0").empty());
  EXPECT_EQ(PrefixRange(kVillages, "0").begin, 0u);
  EXPECT_TRUE(PrefixRange({}, "63").empty());
}

}  // namespace
}  // namespace xianjie::analytics
