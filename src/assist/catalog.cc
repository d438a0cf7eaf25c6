// The measures catalogue's strict TOML parser (catalog.h) and the built-in file.
#include "assist/catalog.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "strict_toml/document.h"
#include "strict_toml/path_reader.h"

namespace xianjie::embedded {
std::string_view measures_toml();
}  // namespace xianjie::embedded

namespace xianjie::assist {
namespace {

using strict_toml::PathReader;
using strict_toml::Pos;
using strict_toml::PosOf;

constexpr std::array<std::string_view, 1> kCatalogTopKeys = {"category"};
constexpr std::array<std::string_view, 5> kCategoryKeys = {"code", "name_zh", "name_en",
                                                          "development", "items"};
constexpr std::array<std::string_view, 4> kItemKeys = {"code", "name_zh", "name_en",
                                                      "department"};

bool IsItemCode(std::string_view s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// The measure categories' codes joined by ", ", for messages.
std::string JoinedCategoryCodes() {
  std::string out;
  for (cases::MeasureCategory c : cases::kAllMeasureCategories) {
    if (!out.empty()) out += ", ";
    out += cases::MeasureCategoryCode(c);
  }
  return out;
}

Result<CatalogItem> ParseItem(const PathReader& r, const toml::table& t, const std::string& path,
                              cases::MeasureCategory category) {
  XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kItemKeys));
  const Pos pos = PosOf(t);
  CatalogItem item;
  item.category = category;
  item.line = pos.line;
  XJ_ASSIGN_OR_RETURN(item.code,
                      r.String(t, pos, path, "code", true, "code = \"ecological_ranger\""));
  if (!IsItemCode(item.code)) {
    return r.Error(PosOf(*t.get("code")), PathReader::Path(path, "code"),
                   "'" + item.code + "' is not an item code",
                   "use lower-case ASCII letters, digits and '_', starting with a letter");
  }
  XJ_ASSIGN_OR_RETURN(item.name_zh, r.String(t, pos, path, "name_zh", true,
                                             "name_zh = \"生态管护员\""));
  XJ_ASSIGN_OR_RETURN(item.name_en, r.String(t, pos, path, "name_en", true,
                                             "name_en = \"Ecological ranger\""));
  XJ_ASSIGN_OR_RETURN(item.department, r.StringMayBeBlank(t, path, "department",
                                                          "department = \"林业和草原局\""));
  return item;
}

Result<CatalogCategory> ParseCategory(const PathReader& r, const toml::table& t,
                                      const std::string& path) {
  XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kCategoryKeys));
  const Pos pos = PosOf(t);
  CatalogCategory c;
  XJ_ASSIGN_OR_RETURN(std::string code,
                      r.String(t, pos, path, "code", true, "code = \"industry\""));
  const std::optional<cases::MeasureCategory> category = cases::ParseMeasureCategory(code);
  if (!category) {
    return r.Error(PosOf(*t.get("code")), PathReader::Path(path, "code"),
                   "'" + code + "' is not a measure category of DOMAIN.md §7.1",
                   "use one of " + JoinedCategoryCodes());
  }
  c.category = *category;
  XJ_ASSIGN_OR_RETURN(c.name_zh,
                      r.String(t, pos, path, "name_zh", true, "name_zh = \"产业帮扶\""));
  XJ_ASSIGN_OR_RETURN(c.name_en,
                      r.String(t, pos, path, "name_en", true, "name_en = \"Industry support\""));
  XJ_ASSIGN_OR_RETURN(c.development, r.Bool(t, path, "development", false));
  XJ_ASSIGN_OR_RETURN(
      std::vector<const toml::table*> items,
      r.ArrayOfTables(t, path, "items",
                      "write items = [ { code = \"...\", name_zh = \"...\", name_en = \"...\" } ]",
                      "write each item as { code = \"...\", name_zh = \"...\", name_en = \"...\" }"));
  if (items.empty()) {
    return r.Error(pos, PathReader::Path(path, "items"), "the category has no item",
                   "add items = [ { code = \"...\", name_zh = \"...\", name_en = \"...\" } ]");
  }
  for (size_t i = 0; i < items.size(); ++i) {
    XJ_ASSIGN_OR_RETURN(
        CatalogItem item,
        ParseItem(r, *items[i], PathReader::Indexed(PathReader::Path(path, "items"), i),
                  c.category));
    c.items.push_back(std::move(item));
  }
  return c;
}

}  // namespace

const CatalogItem* MeasureCatalog::FindItem(std::string_view code) const {
  for (const CatalogCategory& c : categories) {
    for (const CatalogItem& item : c.items) {
      if (item.code == code) return &item;
    }
  }
  return nullptr;
}

const CatalogCategory& MeasureCatalog::Category(cases::MeasureCategory category) const {
  return categories[static_cast<size_t>(category)];
}

Result<MeasureCatalog> ParseMeasureCatalog(std::string_view text, std::string origin) {
  strict_toml::Document doc(text, origin);
  XJ_RETURN_IF_ERROR(doc.Parse(
      {.what_to_do = "fix the TOML syntax (config/measures.toml is a complete catalogue)"}));
  const PathReader r(doc);
  const toml::table& root = doc.root();
  XJ_RETURN_IF_ERROR(r.CheckKeys(root, "", kCatalogTopKeys));
  XJ_ASSIGN_OR_RETURN(
      std::vector<const toml::table*> tables,
      r.ArrayOfTables(root, "", "category", "head each category with [[category]] (two brackets)",
                      "head each category with [[category]]"));
  std::array<std::optional<CatalogCategory>, cases::kAllMeasureCategories.size()> found;
  std::array<int, cases::kAllMeasureCategories.size()> line{};
  for (size_t i = 0; i < tables.size(); ++i) {
    const std::string path = PathReader::Indexed("category", i);
    XJ_ASSIGN_OR_RETURN(CatalogCategory c, ParseCategory(r, *tables[i], path));
    const size_t k = static_cast<size_t>(c.category);
    const Pos pos = PosOf(*tables[i]);
    if (found[k]) {
      return r.Error(pos, path + ".code",
                     "category '" + std::string(cases::MeasureCategoryCode(c.category)) +
                         "' is given twice (first at line " + std::to_string(line[k]) + ")",
                     "put all its items in one [[category]]");
    }
    line[k] = pos.line;
    found[k] = std::move(c);
  }
  MeasureCatalog catalog;
  catalog.origin = std::move(origin);
  for (size_t k = 0; k < found.size(); ++k) {
    if (!found[k]) {
      return r.Error({1, 1}, "category",
                     "category '" +
                         std::string(cases::MeasureCategoryCode(cases::kAllMeasureCategories[k])) +
                         "' is missing",
                     "add a [[category]] for it with at least one item");
    }
    catalog.categories.push_back(std::move(*found[k]));
  }
  for (const CatalogCategory& c : catalog.categories) {
    for (const CatalogItem& item : c.items) {
      const CatalogItem* first = catalog.FindItem(item.code);
      if (first != &item) {
        return r.Error({item.line, 1}, "category",
                       "item code '" + item.code + "' is used twice (first at line " +
                           std::to_string(first->line) + ")",
                       "give each item its own code");
      }
    }
  }
  return catalog;
}

std::string_view BuiltinMeasureCatalogText() { return embedded::measures_toml(); }

const MeasureCatalog& BuiltinMeasureCatalog() {
  static const MeasureCatalog* catalog = [] {
    auto parsed = ParseMeasureCatalog(embedded::measures_toml(), "config/measures.toml");
    if (!parsed.ok()) {
      std::fprintf(stderr, "the built-in measures catalogue is broken: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return new MeasureCatalog(std::move(*parsed));
  }();
  return *catalog;
}

}  // namespace xianjie::assist
