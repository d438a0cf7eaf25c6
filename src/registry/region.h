// The table of administrative regions (province → prefectures → counties → townships →
// villages) that the registry knows, with lookups by code and prefix and hierarchy queries.
#ifndef XIANJIE_REGISTRY_REGION_H_
#define XIANJIE_REGISTRY_REGION_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/region_code.h"
#include "base/status.h"

namespace xianjie::registry {

struct Region {
  RegionCode code;
  std::string name;  // official Chinese name, e.g. "城东区", "北关社区居民委员会"

  RegionLevel level() const { return code.level(); }
  RegionCode parent() const { return code.Parent(); }
  bool operator==(const Region&) const = default;
};

// Immutable once built; safe to share between threads for reading.
class RegionTable {
 public:
  RegionTable() = default;
  // Sorts by code. Fails with kInvalidArgument on a duplicate code or a region whose parent is
  // missing (every region but a province needs its parent in the table).
  static Result<RegionTable> Build(std::vector<Region> regions);

  // Parses the vendored CSV (`code,name,level,parent_code`, header row, UTF-8; LF or CRLF).
  // The level and parent_code columns may be left out or empty; when given, they must agree
  // with the code. Fails with kInvalidArgument naming the line of the first bad row, or as
  // Build does.
  static Result<RegionTable> FromCsv(std::string_view csv_text);
  // The Qinghai table compiled into the binary (data/regions/qinghai.csv).
  static const RegionTable& BuiltIn();

  size_t size() const { return regions_.size(); }
  std::span<const Region> all() const { return regions_; }

  // nullptr if unknown.
  const Region* Find(RegionCode code) const;
  // Convenience: "630102001001", "6301" ...; nullptr if unknown or malformed.
  const Region* Find(std::string_view code_or_prefix) const;

  // Direct children of `code`, in code order.
  std::span<const Region> Children(RegionCode code) const;
  // Every region within `scope` (inclusive) at `level`, in code order, e.g. all villages of a
  // county.
  std::span<const Region> Within(RegionCode scope, RegionLevel level) const;
  // Every region within `scope`, itself included, in code order.
  std::span<const Region> Within(RegionCode scope) const;

  // "青海省 / 西宁市 / 城东区 / 东关大街街道 / 北关社区居民委员会".
  std::string FullName(RegionCode code) const;

 private:
  std::vector<Region> regions_;  // sorted by code
  // Per level, the regions of that level in code order (a copy, so that each level's regions
  // within a scope form one contiguous span).
  std::vector<Region> by_level_[6];
};

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_REGION_H_
