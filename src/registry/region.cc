// Region table: building, CSV loading and hierarchy queries over a sorted vector.
#include "registry/region.h"

#include <algorithm>

namespace xianjie {
namespace embedded {
std::string_view qinghai_regions_csv();  // generated from data/regions/qinghai.csv
}  // namespace embedded

namespace registry {
namespace {

// Splits one line of the vendored CSV. Its names never contain commas or quotes (the
// extraction script checks this), so no quoting rules are needed here.
std::vector<std::string_view> SplitLine(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  for (;;) {
    size_t comma = line.find(',', start);
    cells.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return cells;
}

}  // namespace

Result<RegionTable> RegionTable::Build(std::vector<Region> regions) {
  std::sort(regions.begin(), regions.end(),
            [](const Region& a, const Region& b) { return a.code < b.code; });
  RegionTable t;
  t.regions_ = std::move(regions);
  for (size_t i = 0; i < t.regions_.size(); ++i) {
    const Region& r = t.regions_[i];
    if (!r.code.valid()) return InvalidArgument("region table: a region has no code");
    if (i > 0 && t.regions_[i - 1].code == r.code) {
      return InvalidArgument("region table: code " + r.code.ToString() + " appears twice");
    }
    t.by_level_[static_cast<int>(r.level())].push_back(r);
  }
  for (const Region& r : t.regions_) {
    if (r.level() != RegionLevel::kProvince && t.Find(r.parent()) == nullptr) {
      return InvalidArgument("region table: " + r.code.ToString() + " (" + r.name +
                             ") has no parent region " + r.parent().ToString());
    }
  }
  return t;
}

Result<RegionTable> RegionTable::FromCsv(std::string_view text) {
  std::vector<Region> regions;
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? eol : eol - pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 || line.empty()) continue;  // header
    auto cells = SplitLine(line);
    if (cells.size() < 2) {
      return InvalidArgument("region table line " + std::to_string(line_no) +
                             ": expected code,name,level,parent_code");
    }
    auto code = RegionCode::Parse(cells[0]);
    if (!code.ok()) {
      return InvalidArgument("region table line " + std::to_string(line_no) + ": " +
                             code.status().message());
    }
    // The level and parent columns are redundant with the code; when given they must agree
    // with it, so that a file whose columns were shifted or mis-extracted is caught.
    if (cells.size() > 2 && !cells[2].empty() && cells[2] != RegionLevelName(code->level())) {
      return InvalidArgument("region table line " + std::to_string(line_no) + ": level '" +
                             std::string(cells[2]) + "' does not match code " +
                             std::string(cells[0]) + ", which is a " +
                             std::string(RegionLevelName(code->level())));
    }
    if (cells.size() > 3 && !cells[3].empty()) {
      auto parent = RegionCode::Parse(cells[3]);
      const bool province = code->level() == RegionLevel::kProvince;
      if (!parent.ok() || province || *parent != code->Parent()) {
        return InvalidArgument("region table line " + std::to_string(line_no) + ": parent_code '" +
                               std::string(cells[3]) + "' is not the region above " +
                               std::string(cells[0]) +
                               (province ? " (a province has none)"
                                         : " (expected " + code->Parent().ToString() + ")"));
      }
    }
    regions.push_back(Region{*code, std::string(cells[1])});
  }
  return Build(std::move(regions));
}

const RegionTable& RegionTable::BuiltIn() {
  static const RegionTable* table = [] {
    auto t = FromCsv(embedded::qinghai_regions_csv());
    // The embedded file is checked at build time by the tests; failing here is a bug.
    return new RegionTable(t.ok() ? std::move(t).value() : RegionTable());
  }();
  return *table;
}

const Region* RegionTable::Find(RegionCode code) const {
  auto it = std::lower_bound(regions_.begin(), regions_.end(), code,
                             [](const Region& r, RegionCode c) { return r.code < c; });
  return it != regions_.end() && it->code == code ? &*it : nullptr;
}

const Region* RegionTable::Find(std::string_view code_or_prefix) const {
  auto code = RegionCode::Parse(code_or_prefix);
  return code.ok() ? Find(*code) : nullptr;
}

std::span<const Region> RegionTable::Within(RegionCode scope) const {
  // Codes within a scope are contiguous in code order: [scope, scope + span).
  auto lo = std::lower_bound(regions_.begin(), regions_.end(), scope,
                             [](const Region& r, RegionCode c) { return r.code < c; });
  auto hi = lo;
  while (hi != regions_.end() && hi->code.IsWithin(scope)) ++hi;
  return {lo, hi};
}

std::span<const Region> RegionTable::Within(RegionCode scope, RegionLevel level) const {
  const std::vector<Region>& v = by_level_[static_cast<int>(level)];
  auto lo = std::lower_bound(v.begin(), v.end(), scope,
                             [](const Region& r, RegionCode c) { return r.code < c; });
  auto hi = lo;
  while (hi != v.end() && hi->code.IsWithin(scope)) ++hi;
  return {lo, hi};
}

std::span<const Region> RegionTable::Children(RegionCode code) const {
  RegionLevel l = code.level();
  if (l == RegionLevel::kVillage) return {};
  return Within(code, static_cast<RegionLevel>(static_cast<int>(l) + 1));
}

std::string RegionTable::FullName(RegionCode code) const {
  std::string out;
  for (int l = 1; l <= static_cast<int>(code.level()); ++l) {
    const Region* r = Find(code.Ancestor(static_cast<RegionLevel>(l)));
    if (r == nullptr) continue;
    if (!out.empty()) out += " / ";
    out += r->name;
  }
  return out;
}

}  // namespace registry
}  // namespace xianjie
