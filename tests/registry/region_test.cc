// The region table: the built-in Qinghai table, lookups, hierarchy queries, and what Build and
// FromCsv reject.
#include "registry/region.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace xianjie::registry {
namespace {

RegionCode Code(const char* text) { return *RegionCode::Parse(text); }

const RegionTable& Qinghai() { return RegionTable::BuiltIn(); }

TEST(RegionTableTest, BuiltInHoldsQinghaisDivisions) {
  std::map<RegionLevel, int> count;
  for (const Region& r : Qinghai().all()) ++count[r.level()];
  EXPECT_EQ(count[RegionLevel::kProvince], 1);
  EXPECT_EQ(count[RegionLevel::kPrefecture], 8);
  EXPECT_EQ(count[RegionLevel::kCounty], 45);
  EXPECT_EQ(count[RegionLevel::kTownship], 422);
  EXPECT_EQ(count[RegionLevel::kVillage], 4716);
  EXPECT_EQ(Qinghai().size(), 1u + 8 + 45 + 422 + 4716);
}

TEST(RegionTableTest, AllIsInCodeOrder) {
  auto all = Qinghai().all();
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].code, all[i].code);
}

TEST(RegionTableTest, FindsByFullCode) {
  const Region* r = Qinghai().Find(Code("630102001001"));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "北关社区居民委员会");
  EXPECT_EQ(r->level(), RegionLevel::kVillage);
  EXPECT_EQ(r->parent(), Code("630102001"));
}

TEST(RegionTableTest, FindsByTextCodeOrPrefix) {
  ASSERT_NE(Qinghai().Find("63"), nullptr);
  EXPECT_EQ(Qinghai().Find("63")->name, "青海省");
  ASSERT_NE(Qinghai().Find("6301"), nullptr);
  EXPECT_EQ(Qinghai().Find("6301")->name, "西宁市");
  EXPECT_EQ(Qinghai().Find("630100000000"), Qinghai().Find("6301"));
  ASSERT_NE(Qinghai().Find("632857"), nullptr);
  EXPECT_EQ(Qinghai().Find("632857")->name, "大柴旦行政委员会");
  ASSERT_NE(Qinghai().Find("630102001"), nullptr);
  EXPECT_EQ(Qinghai().Find("630102001")->name, "东关大街街道");
}

TEST(RegionTableTest, FindReturnsNullForUnknownOrMalformedCodes) {
  EXPECT_EQ(Qinghai().Find("6399"), nullptr);
  EXPECT_EQ(Qinghai().Find("630102001999"), nullptr);
  EXPECT_EQ(Qinghai().Find("64"), nullptr);
  EXPECT_EQ(Qinghai().Find("63010"), nullptr);
  EXPECT_EQ(Qinghai().Find("abc"), nullptr);
  EXPECT_EQ(Qinghai().Find(""), nullptr);
}

TEST(RegionTableTest, ChildrenOfTheProvinceAreTheEightPrefectures) {
  std::vector<std::string> names;
  for (const Region& r : Qinghai().Children(Code("63"))) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"西宁市", "海东市", "海北藏族自治州", "黄南藏族自治州",
                                             "海南藏族自治州", "果洛藏族自治州", "玉树藏族自治州",
                                             "海西蒙古族藏族自治州"}));
}

TEST(RegionTableTest, ChildrenOfACountyAreItsTownships) {
  auto children = Qinghai().Children(Code("630102"));
  ASSERT_FALSE(children.empty());
  for (const Region& r : children) {
    EXPECT_EQ(r.level(), RegionLevel::kTownship);
    EXPECT_EQ(r.parent(), Code("630102"));
  }
}

TEST(RegionTableTest, ChildrenOfAVillageAreNone) {
  EXPECT_TRUE(Qinghai().Children(Code("630102001001")).empty());
}

// Checks Within(county, village) against a plain filter of all(), at the first and the last
// county (the ends of the level's vector) and one in the middle.
TEST(RegionTableTest, WithinACountyAtVillageLevelGivesExactlyThatCountysVillages) {
  for (const char* county : {"630102", "632323", "632857"}) {
    std::vector<RegionCode> expected;
    for (const Region& r : Qinghai().all()) {
      if (r.level() == RegionLevel::kVillage && r.code.IsWithin(Code(county))) {
        expected.push_back(r.code);
      }
    }
    std::vector<RegionCode> got;
    for (const Region& r : Qinghai().Within(Code(county), RegionLevel::kVillage)) {
      got.push_back(r.code);
    }
    ASSERT_FALSE(expected.empty()) << county;
    EXPECT_EQ(got, expected) << county;
  }
}

TEST(RegionTableTest, WithinAScopeIncludesItselfAndEverythingBelow) {
  auto within = Qinghai().Within(Code("632857"));
  ASSERT_FALSE(within.empty());
  EXPECT_EQ(within.front().code, Code("632857"));
  size_t expected = 0;
  for (const Region& r : Qinghai().all()) expected += r.code.IsWithin(Code("632857"));
  EXPECT_EQ(within.size(), expected);
  EXPECT_EQ(Qinghai().Within(Code("63")).size(), Qinghai().size());
}

TEST(RegionTableTest, WithinAnUnknownScopeIsEmpty) {
  EXPECT_TRUE(Qinghai().Within(Code("6399")).empty());
  EXPECT_TRUE(Qinghai().Within(Code("6399"), RegionLevel::kVillage).empty());
}

TEST(RegionTableTest, FullNameJoinsTheNamesFromTheProvinceDown) {
  EXPECT_EQ(Qinghai().FullName(Code("630102001001")),
            "青海省 / 西宁市 / 城东区 / 东关大街街道 / 北关社区居民委员会");
  EXPECT_EQ(Qinghai().FullName(Code("6301")), "青海省 / 西宁市");
  EXPECT_EQ(Qinghai().FullName(Code("63")), "青海省");
}

std::vector<Region> Small() {
  return {{Code("63"), "青海省"}, {Code("6301"), "西宁市"}, {Code("630102"), "城东区"}};
}

TEST(RegionTableBuildTest, AcceptsRegionsInAnyOrder) {
  std::vector<Region> regions = Small();
  std::swap(regions[0], regions[2]);
  auto table = RegionTable::Build(regions);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->all().front().code, Code("63"));
}

TEST(RegionTableBuildTest, RejectsADuplicateCode) {
  std::vector<Region> regions = Small();
  regions.push_back({Code("6301"), "西宁"});
  auto table = RegionTable::Build(regions);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(table.status().message().find("630100000000"), std::string::npos);
  EXPECT_NE(table.status().message().find("twice"), std::string::npos);
}

TEST(RegionTableBuildTest, RejectsARegionWhoseParentIsMissing) {
  std::vector<Region> regions = Small();
  regions.push_back({Code("630203"), "平安区"});  // Haidong 6302 is not in the table
  auto table = RegionTable::Build(regions);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(table.status().message().find("630203000000"), std::string::npos);
  EXPECT_NE(table.status().message().find("630200000000"), std::string::npos);
}

TEST(RegionTableFromCsvTest, ReadsTheVendoredLayout) {
  auto table = RegionTable::FromCsv(
      "code,name,level,parent_code\r\n"
      "630000000000,青海省,province,\r\n"
      "630100000000,西宁市,prefecture,630000000000\r\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->size(), 2u);
  EXPECT_EQ(table->Find("6301")->name, "西宁市");
}

TEST(RegionTableFromCsvTest, RejectsAMalformedCodeNamingTheLine) {
  auto table = RegionTable::FromCsv(
      "code,name,level,parent_code\n"
      "630000000000,青海省,province,\n"
      "63010X000000,西宁市,prefecture,630000000000\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(table.status().message().find("line 3"), std::string::npos) << table.status().message();
  EXPECT_NE(table.status().message().find("63010X000000"), std::string::npos);
}

TEST(RegionTableFromCsvTest, RejectsALevelThatDisagreesWithTheCode) {
  auto table = RegionTable::FromCsv(
      "code,name,level,parent_code\n"
      "630000000000,青海省,province,\n"
      "630100000000,西宁市,county,630000000000\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(table.status().message().find("line 3"), std::string::npos);
  EXPECT_NE(table.status().message().find("prefecture"), std::string::npos);
}

TEST(RegionTableFromCsvTest, RejectsAParentCodeThatDisagreesWithTheCode) {
  auto table = RegionTable::FromCsv(
      "code,name,level,parent_code\n"
      "630000000000,青海省,province,\n"
      "630100000000,西宁市,prefecture,630000000000\n"
      "630102000000,城东区,county,630000000000\n");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("line 4"), std::string::npos);
  EXPECT_NE(table.status().message().find("630100000000"), std::string::npos);
}

TEST(RegionTableFromCsvTest, AcceptsRowsWithoutLevelAndParent) {
  auto table = RegionTable::FromCsv("code,name\n63,青海省\n6301,西宁市\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->size(), 2u);
}

TEST(RegionTableFromCsvTest, RejectsALineWithoutAName) {
  auto table = RegionTable::FromCsv("code,name,level,parent_code\n630000000000\n");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace xianjie::registry
