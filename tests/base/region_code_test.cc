// Region codes: levels, padding, hierarchy and malformed codes.
#include "base/region_code.h"

#include <gtest/gtest.h>

namespace xianjie {
namespace {

RegionCode Code(const char* t) {
  auto c = RegionCode::Parse(t);
  EXPECT_TRUE(c.ok()) << t << ": " << c.status().ToString();
  return c.ok() ? *c : RegionCode();
}

TEST(RegionCodeTest, LevelsFromPrefixesAndPaddedCodes) {
  EXPECT_EQ(Code("63").level(), RegionLevel::kProvince);
  EXPECT_EQ(Code("630000000000").level(), RegionLevel::kProvince);
  EXPECT_EQ(Code("6301").level(), RegionLevel::kPrefecture);
  EXPECT_EQ(Code("630102").level(), RegionLevel::kCounty);
  EXPECT_EQ(Code("630102001").level(), RegionLevel::kTownship);
  EXPECT_EQ(Code("630102001001").level(), RegionLevel::kVillage);
  EXPECT_EQ(Code("6301").ToString(), "630100000000");
  EXPECT_EQ(Code("630102001000").Prefix(), "630102001");
}

TEST(RegionCodeTest, Hierarchy) {
  RegionCode v = Code("630102001001");
  EXPECT_EQ(v.Parent(), Code("630102001"));
  EXPECT_EQ(v.Parent().Parent(), Code("630102"));
  EXPECT_EQ(v.Ancestor(RegionLevel::kPrefecture), Code("6301"));
  EXPECT_EQ(Code("63").Parent(), Code("63"));
  EXPECT_TRUE(v.IsWithin(Code("63")));
  EXPECT_TRUE(v.IsWithin(Code("630102")));
  EXPECT_TRUE(v.IsWithin(v));
  EXPECT_FALSE(v.IsWithin(Code("630103")));
  EXPECT_FALSE(Code("630102").IsWithin(v));
}

TEST(RegionCodeTest, RejectsMalformedCodes) {
  for (const char* t :
       {"", "6", "63010", "6301020010011", "63a102", "000000000000", "00", "630100100000"}) {
    auto c = RegionCode::Parse(t);
    ASSERT_FALSE(c.ok()) << t;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace xianjie
