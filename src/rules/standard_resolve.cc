// Resolving the standard in force: that of the latest load, else the built-in one.
#include "rules/standard_resolve.h"

#include <set>
#include <tuple>

#include "rules/standard_toml.h"

namespace xianjie::rules {
namespace {

std::string Scope(const std::string& province, const std::string& county, int year) {
  return "province " + province + (county.empty() ? "" : ", county " + county) + ", year " +
         std::to_string(year);
}

// "63 2021, 63 2022 (loaded), 630102 2024 (loaded)": every standard of the province.
Result<std::string> Existing(ScreeningStore* store, const std::string& province) {
  std::set<std::tuple<std::string, int, std::string>> found;  // region, year, how
  for (const Standard& s : BuiltinStandards()) {
    if (s.province == province) {
      found.emplace(s.county.empty() ? s.province : s.county, s.year, "built-in");
    }
  }
  if (store != nullptr) {
    // Loaded ones only: a standard a screening run merely recorded is in force nowhere.
    XJ_ASSIGN_OR_RETURN(auto loads, store->ListLoads());
    for (const StandardLoad& l : loads) {
      if (l.province == province) {
        found.emplace(l.county.empty() ? l.province : l.county, l.year, "loaded");
      }
    }
  }
  std::string list;
  for (const auto& [region, year, how] : found) {
    if (!list.empty()) list += ", ";
    list += region + " " + std::to_string(year) + " (" + how + ")";
  }
  return list;
}

}  // namespace

Result<Standard> ParseStoredStandard(const StoredStandard& stored) {
  auto parsed = ParseStandardToml(stored.toml, stored.origin);
  if (!parsed.ok()) {
    return DataLoss("stored standard " + stored.content_hash +
                    " no longer parses: " + parsed.status().message());
  }
  if (parsed->content_hash != stored.content_hash) {
    return DataLoss("stored standard " + stored.content_hash + " now reads as content " +
                    parsed->content_hash +
                    " (was it written by another version of xianjie?); "
                    "load its file again with: xianjie standard load FILE --db DB");
  }
  return parsed;
}

Result<Standard> ResolveStandard(ScreeningStore* store, const std::string& province,
                                 const std::string& county, int year) {
  if (store != nullptr) {
    XJ_ASSIGN_OR_RETURN(auto latest, store->LatestStandard(province, county, year));
    if (latest) return ParseStoredStandard(*latest);
  }
  if (const Standard* builtin = FindBuiltinStandard(province, county, year)) return *builtin;
  XJ_ASSIGN_OR_RETURN(std::string existing, Existing(store, province));
  return NotFound(
      "no monitoring standard for " + Scope(province, county, year) + " (" +
      (existing.empty() ? "none exists for province " + province : "there are: " + existing) +
      "); load one with: xianjie standard load FILE --db DB");
}

Result<Standard> StandardInForce(ScreeningStore* store, const std::string& province,
                                 const std::string& county, int year) {
  if (!county.empty()) {
    auto own = ResolveStandard(store, province, county, year);
    if (own.ok() || own.status().code() != StatusCode::kNotFound) return own;
  }
  return ResolveStandard(store, province, "", year);
}

}  // namespace xianjie::rules
