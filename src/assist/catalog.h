// The catalogue of assistance measures (帮扶措施, DOMAIN.md §7.1; docs/decisions/0008): the 14
// categories with the items a plan chooses from, read strictly from TOML (config/measures.toml
// is built in). Errors follow the other strict TOML files: "<origin>:<line>:<col>: <key path>:
// <what>; <what to do>".
#ifndef XIANJIE_ASSIST_CATALOG_H_
#define XIANJIE_ASSIST_CATALOG_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cases/measure.h"

namespace xianjie::assist {

struct CatalogItem {
  std::string code;  // unique in the catalogue: "ecological_ranger"
  std::string name_zh;
  std::string name_en;
  std::string department;  // usually responsible; "" when it varies
  cases::MeasureCategory category = cases::MeasureCategory::kIndustry;
  int line = 0;  // of the item in the file
};

struct CatalogCategory {
  cases::MeasureCategory category = cases::MeasureCategory::kIndustry;
  std::string name_zh;
  std::string name_en;
  // Builds the household's own income (industry, employment, finance, public posts): what C01
  // and the coverage KPI of DOMAIN.md §10 count.
  bool development = false;
  std::vector<CatalogItem> items;  // at least one
};

struct MeasureCatalog {
  // Every category of cases::kAllMeasureCategories exactly once, in that order.
  std::vector<CatalogCategory> categories;
  std::string origin;

  // The item `code`, or nullptr.
  const CatalogItem* FindItem(std::string_view code) const;
  const CatalogCategory& Category(cases::MeasureCategory category) const;
};

// Parses a catalogue. kInvalidArgument with the place and what to do for a TOML syntax error,
// an unknown key, a category code that is not one of §7.1 or given twice, a category missing, a
// category without items, an item code that is not lower-case ASCII letters, digits and '_'
// (starting with a letter) or is used twice, or a missing or blank name.
Result<MeasureCatalog> ParseMeasureCatalog(std::string_view text, std::string origin);

// config/measures.toml as built into the binary (parsed once; a broken file aborts, and its
// test fails first).
const MeasureCatalog& BuiltinMeasureCatalog();
// The text of config/measures.toml as built in (what BuiltinMeasureCatalog parsed).
std::string_view BuiltinMeasureCatalogText();

}  // namespace xianjie::assist

#endif  // XIANJIE_ASSIST_CATALOG_H_
