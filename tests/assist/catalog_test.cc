// The measures catalogue (assist/catalog.h): the shipped file, and each refusal of the parser
// with the place and what to do.
#include "assist/catalog.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace xianjie::assist {
namespace {

using cases::MeasureCategory;

// A catalogue with every category and one item each, `extra` appended to the first category's
// items; `first` replaces the first category's code.
std::string Catalogue(const std::string& first = "industry", const std::string& extra = "") {
  std::string text;
  for (MeasureCategory c : cases::kAllMeasureCategories) {
    const std::string code(cases::MeasureCategoryCode(c));
    const bool is_first = c == MeasureCategory::kIndustry;
    text += "[[category]]\ncode = \"" + (is_first ? first : code) +
            "\"\nname_zh = \"类\"\nname_en = \"C\"\nitems = [ { code = \"" + code +
            "_item\", name_zh = \"项\", name_en = \"I\" }" + (is_first ? extra : "") + " ]\n\n";
  }
  return text;
}

std::string Error(const std::string& text) {
  auto parsed = ParseMeasureCatalog(text, "m.toml");
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.status().message();
}

TEST(MeasureCatalogTest, TheShippedCatalogueHasEveryCategoryWithItems) {
  const MeasureCatalog& catalog = BuiltinMeasureCatalog();
  ASSERT_EQ(catalog.categories.size(), cases::kAllMeasureCategories.size());
  std::set<std::string> codes;
  size_t items = 0;
  for (size_t i = 0; i < catalog.categories.size(); ++i) {
    const CatalogCategory& c = catalog.categories[i];
    EXPECT_EQ(c.category, cases::kAllMeasureCategories[i]);
    EXPECT_FALSE(c.items.empty()) << cases::MeasureCategoryCode(c.category);
    for (const CatalogItem& item : c.items) {
      EXPECT_EQ(item.category, c.category);
      codes.insert(item.code);
      ++items;
    }
  }
  EXPECT_EQ(codes.size(), items) << "item codes are unique";
  // The development categories of decision 0008 (C01, coverage): exactly these four.
  std::set<MeasureCategory> development;
  for (const CatalogCategory& c : catalog.categories) {
    if (c.development) development.insert(c.category);
  }
  EXPECT_EQ(development,
            (std::set<MeasureCategory>{MeasureCategory::kIndustry, MeasureCategory::kEmployment,
                                       MeasureCategory::kFinance, MeasureCategory::kPublicPost}));
  const CatalogItem* ranger = catalog.FindItem("ecological_ranger");
  ASSERT_NE(ranger, nullptr);
  EXPECT_EQ(ranger->category, MeasureCategory::kPublicPost);
  EXPECT_EQ(ranger->name_zh, "生态管护员");
  EXPECT_EQ(ranger->department, "林业和草原局");
  EXPECT_EQ(catalog.Category(MeasureCategory::kSafetyNet).name_zh, "综合保障");
  EXPECT_EQ(catalog.FindItem("no_such_item"), nullptr);
}

TEST(MeasureCatalogTest, AMinimalCatalogueParses) {
  auto parsed = ParseMeasureCatalog(Catalogue(), "m.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->origin, "m.toml");
  EXPECT_FALSE(parsed->Category(MeasureCategory::kIndustry).development);
  EXPECT_EQ(parsed->Category(MeasureCategory::kWater).items[0].code, "water_item");
  EXPECT_EQ(parsed->Category(MeasureCategory::kWater).items[0].department, "");
}

TEST(MeasureCatalogTest, RefusalsNameThePlaceAndWhatToDo) {
  std::string e = Error("[[category]\n");  // a syntax error
  EXPECT_NE(e.find("m.toml:1:"), std::string::npos) << e;
  EXPECT_NE(e.find("config/measures.toml is a complete catalogue"), std::string::npos) << e;

  e = Error(Catalogue("industri"));
  EXPECT_NE(e.find("category[0].code: 'industri' is not a measure category"), std::string::npos)
      << e;
  EXPECT_NE(e.find("use one of industry, employment"), std::string::npos) << e;

  e = Error(Catalogue("employment"));  // industry missing, employment twice
  EXPECT_NE(e.find("category 'employment' is given twice (first at line 1)"), std::string::npos)
      << e;

  e = Error(Catalogue().substr(Catalogue().find("[[category]]\ncode = \"employment\"")));
  EXPECT_NE(e.find("category 'industry' is missing"), std::string::npos) << e;

  e = Error(Catalogue("industry", ", { code = \"Bad-Code\", name_zh = \"项\", name_en = \"I\" }"));
  EXPECT_NE(e.find("category[0].items[1].code: 'Bad-Code' is not an item code"),
            std::string::npos)
      << e;

  e = Error(Catalogue("industry", ", { code = \"water_item\", name_zh = \"项\", name_en = \"I\" }"));
  EXPECT_NE(e.find("item code 'water_item' is used twice"), std::string::npos) << e;

  e = Error(Catalogue("industry", ", { code = \"x\", name_zh = \"项\" }"));
  EXPECT_NE(e.find("category[0].items[1].name_en: missing"), std::string::npos) << e;

  e = Error(Catalogue("industry", ", { code = \"x\", name_zh = \"项\", name_en = \"I\", departmnt = \"\" }"));
  EXPECT_NE(e.find("category[0].items[1].departmnt: unknown key; did you mean 'department'?"),
            std::string::npos)
      << e;

  e = Error("[[category]]\ncode = \"industry\"\nname_zh = \"类\"\nname_en = \"C\"\n");
  EXPECT_NE(e.find("category[0].items: the category has no item"), std::string::npos) << e;

  e = Error("categry = 1\n");
  EXPECT_NE(e.find("categry: unknown key; did you mean 'category'?"), std::string::npos) << e;
}

}  // namespace
}  // namespace xianjie::assist
