// The generator's contract: determinism, the exact file layout, argument checks and I/O errors.
#include "demo/generator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "exchange_check.h"

namespace xianjie::demo {
namespace {

using testing::Generated;
using testing::GenerateInMemory;
using testing::Lines;

GeneratorOptions Options(int64_t households, uint64_t seed = 1) {
  GeneratorOptions o;
  o.households = households;
  o.seed = seed;
  return o;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

TEST(GeneratorTest, SameSeedGivesIdenticalBytes) {
  Generated a = GenerateInMemory(Options(1500, 7));
  Generated b = GenerateInMemory(Options(1500, 7));
  EXPECT_EQ(a.households, b.households);
  EXPECT_EQ(a.members, b.members);
}

TEST(GeneratorTest, OtherSeedGivesDifferentBytes) {
  Generated a = GenerateInMemory(Options(1500, 7));
  Generated b = GenerateInMemory(Options(1500, 8));
  EXPECT_NE(a.households, b.households);
  EXPECT_NE(a.members, b.members);
}

TEST(GeneratorTest, WritesTheExchangeHeadersInOrder) {
  Generated g = GenerateInMemory(Options(10));
  EXPECT_EQ(Lines(g.households).front(),
            "household_id,village_code,status,wage_income,business_income,property_income,"
            "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
            "rigid_other,housing_safe,water_safe");
  EXPECT_EQ(Lines(g.members).front(),
            "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,"
            "enrolled,med_insured,pension_insured,shares_household");
}

TEST(GeneratorTest, UsesLfLineEndsWithoutBom) {
  Generated g = GenerateInMemory(Options(200));
  for (const std::string* text : {&g.households, &g.members}) {
    EXPECT_EQ(text->find('\r'), std::string::npos);
    EXPECT_NE(text->rfind("\xEF\xBB\xBF", 0), 0u);
    ASSERT_FALSE(text->empty());
    EXPECT_EQ(text->back(), '\n');
  }
}

TEST(GeneratorTest, StatsCountTheRowsWritten) {
  Generated g = GenerateInMemory(Options(800));
  EXPECT_EQ(g.stats.households, 800);
  EXPECT_EQ(static_cast<int64_t>(Lines(g.households).size()) - 1, g.stats.households);
  EXPECT_EQ(static_cast<int64_t>(Lines(g.members).size()) - 1, g.stats.members);
  EXPECT_EQ(g.stats.corrupted_rows(), 0);
  EXPECT_EQ(g.stats.corrupted.size(), 11u);
}

TEST(GeneratorTest, ZeroHouseholdsWritesOnlyHeaders) {
  Generated g = GenerateInMemory(Options(0));
  EXPECT_EQ(Lines(g.households).size(), 1u);
  EXPECT_EQ(Lines(g.members).size(), 1u);
  EXPECT_EQ(g.stats.members, 0);
}

TEST(GeneratorTest, RejectsANegativeHouseholdCount) {
  std::ostringstream h, m;
  auto r = GenerateRegistry(Options(-1), registry::RegionTable::BuiltIn(), h, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(GeneratorTest, RejectsACorruptRateOutsideZeroToOne) {
  for (double rate : {-0.1, 1.5, std::nan("")}) {
    GeneratorOptions o = Options(10);
    o.corrupt_rate = rate;
    std::ostringstream h, m;
    auto r = GenerateRegistry(o, registry::RegionTable::BuiltIn(), h, m);
    ASSERT_FALSE(r.ok()) << rate;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << rate;
  }
}

TEST(GeneratorTest, FailsOnARegionTableWithoutRuralVillages) {
  auto table = registry::RegionTable::FromCsv(
      "code,name,level,parent_code\n"
      "630000000000,青海省,province,\n"
      "630100000000,西宁市,prefecture,630000000000\n"
      "630102000000,城东区,county,630100000000\n"
      "630102001000,东关大街街道,township,630102000000\n"
      "630102001001,北关社区居民委员会,village,630102001000\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::ostringstream h, m;
  auto r = GenerateRegistry(Options(10), *table, h, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST(GeneratorTest, ReportsAFailedStreamAsIoError) {
  std::ostringstream h, m;
  m.setstate(std::ios::badbit);
  auto r = GenerateRegistry(Options(50), registry::RegionTable::BuiltIn(), h, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_NE(r.status().message().find("members.csv"), std::string::npos);
}

TEST(GeneratorTest, GenerateToDirectoryCreatesTheDirectoryAndBothFiles) {
  auto dir = std::filesystem::path(::testing::TempDir()) / "xj_demo_gen" / "nested";
  std::filesystem::remove_all(dir.parent_path());
  auto r = GenerateToDirectory(Options(300, 3), registry::RegionTable::BuiltIn(), dir.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Generated expected = GenerateInMemory(Options(300, 3));
  EXPECT_EQ(ReadFile(dir / "households.csv"), expected.households);
  EXPECT_EQ(ReadFile(dir / "members.csv"), expected.members);
  std::filesystem::remove_all(dir.parent_path());
}

TEST(GeneratorTest, GenerateToDirectoryFailsWhenThePathIsAFile) {
  auto file = std::filesystem::path(::testing::TempDir()) / "xj_demo_not_a_dir";
  std::ofstream(file) << "x";
  auto r =
      GenerateToDirectory(Options(10), registry::RegionTable::BuiltIn(), (file / "out").string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_NE(r.status().message().find("xj_demo_not_a_dir"), std::string::npos);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace xianjie::demo
