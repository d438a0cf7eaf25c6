// Prefecture profiles of Qinghai and the spreading of households over rural villages.
#include "demo/villages.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace xianjie::demo {
namespace {

// Household shares: the farming east (Xining, Haidong) holds about three quarters of the
// people (§12). Income levels are tuned so that per-capita net income comes out near the 2022
// prefecture figures of §12 grown to 2024; pastoral shares and name mixes follow the
// prefectures' economies and populations.
constexpr AreaProfile kProfiles[] = {
    // pref  share  income pastoral lifted  Han   Hui   Tib   Mongol
    {6301, 0.270, 1.075, 0.05, -1.75, {0.66, 0.24, 0.10, 0.00}},  // 西宁市
    {6302, 0.470, 0.93, 0.04, -1.10, {0.58, 0.30, 0.12, 0.00}},   // 海东市
    {6322, 0.035, 1.10, 0.60, -1.65, {0.32, 0.22, 0.42, 0.04}},   // 海北藏族自治州
    {6323, 0.045, 0.72, 0.70, -0.85, {0.08, 0.07, 0.75, 0.10}},   // 黄南藏族自治州
    {6325, 0.065, 0.97, 0.60, -1.20, {0.20, 0.10, 0.70, 0.00}},   // 海南藏族自治州
    {6326, 0.030, 0.57, 0.95, -0.70, {0.04, 0.03, 0.93, 0.00}},   // 果洛藏族自治州
    {6327, 0.055, 0.57, 0.95, -0.75, {0.03, 0.02, 0.95, 0.00}},   // 玉树藏族自治州
    {6328, 0.030, 1.24, 0.50, -2.00, {0.45, 0.10, 0.20, 0.25}},   // 海西蒙古族藏族自治州
};
constexpr AreaProfile kDefaultProfile = {0, 0.0, 1.0, 0.3, -1.25, {0.6, 0.1, 0.25, 0.05}};

// Counties whose population differs markedly from their prefecture's (autonomous counties).
struct CountyNames {
  int county6;
  std::array<double, kNameStyles> name_mix;
};
constexpr CountyNames kCountyNames[] = {
    {630121, {0.50, 0.40, 0.10, 0.00}},  // 大通回族土族自治县
    {630222, {0.45, 0.45, 0.10, 0.00}},  // 民和回族土族自治县
    {630224, {0.20, 0.60, 0.20, 0.00}},  // 化隆回族自治县
    {630225, {0.10, 0.65, 0.25, 0.00}},  // 循化撒拉族自治县 (Salar names are written like Hui)
    {632221, {0.35, 0.40, 0.25, 0.00}},  // 门源回族自治县
    {632324, {0.02, 0.03, 0.55, 0.40}},  // 河南蒙古族自治县
};

int Prefecture4(RegionCode code) { return static_cast<int>(code.value() / 100'000'000); }

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

const AreaProfile& ProfileOf(int prefecture4) {
  for (const AreaProfile& p : kProfiles) {
    if (p.prefecture == prefecture4) return p;
  }
  return kDefaultProfile;
}

bool IsFarmingEast(RegionCode code) {
  int p = Prefecture4(code);
  return p == 6301 || p == 6302;
}

bool IsRuralVillage(const registry::Region& region) {
  if (region.level() != RegionLevel::kVillage) return false;
  std::string_view name = region.name;
  // "居" alone would also drop villages such as 居士浪村委会; only the committee words count.
  if (Contains(name, "社区") || Contains(name, "居委会") || Contains(name, "居民委员会")) {
    return false;
  }
  return Contains(name, "村") || Contains(name, "牧");
}

Result<VillagePlan> VillagePlan::Make(const registry::RegionTable& regions, int64_t households,
                                      Rng& rng) {
  VillagePlan plan;
  std::map<int, double> village_weight_by_prefecture;
  std::vector<double> weights;
  for (const registry::Region& r : regions.all()) {
    if (!IsRuralVillage(r)) continue;
    RegionCode county = r.code.Ancestor(RegionLevel::kCounty);
    if (plan.counties_.empty() || plan.counties_.back().code != county) {
      plan.counties_.push_back(County{county, county.Prefix(), rng.Normal(0.0, 0.4)});
    }
    Village v;
    v.region = &r;
    v.code_text = r.code.ToString();
    v.county_index = static_cast<int>(plan.counties_.size()) - 1;
    v.profile = &ProfileOf(Prefecture4(r.code));
    v.name_mix = v.profile->name_mix;
    const auto county6 = static_cast<int>(county.value() / 1'000'000);
    for (const CountyNames& c : kCountyNames) {
      if (c.county6 == county6) v.name_mix = c.name_mix;
    }
    plan.villages_.push_back(std::move(v));
    double w = rng.LogNormalMean(1.0, 0.6);
    weights.push_back(w);
    village_weight_by_prefecture[Prefecture4(r.code)] += w;
  }
  if (plan.villages_.empty()) {
    return FailedPrecondition(
        "the region table has no rural village (村民委员会) to put demo households in");
  }
  // Prefecture shares, renormalized over the prefectures present; prefectures without a
  // profile get an average share.
  std::map<int, double> share;
  double known_total = 0;
  for (const auto& [pref, unused] : village_weight_by_prefecture) {
    share[pref] = ProfileOf(pref).household_share;
    known_total += share[pref];
  }
  double fallback = known_total > 0 ? known_total / static_cast<double>(share.size()) : 1.0;
  double total = 0;
  for (auto& [pref, s] : share) {
    if (s <= 0) s = fallback;
    total += s;
  }
  // Systematic allocation: one uniform offset turns cumulative expected counts into integers
  // that add up to exactly `households`, each the floor or ceiling of its expectation.
  const double n = static_cast<double>(households);
  const double offset = rng.Uniform();
  double cumulative = 0;
  int64_t before = 0;
  int64_t largest = 0;
  for (size_t i = 0; i < plan.villages_.size(); ++i) {
    int pref = Prefecture4(plan.villages_[i].region->code);
    cumulative += weights[i] / village_weight_by_prefecture[pref] * share[pref] / total;
    int64_t upto =
        i + 1 == plan.villages_.size()
            ? households
            : std::min(households, static_cast<int64_t>(std::floor(n * cumulative + offset)));
    plan.villages_[i].households = std::max<int64_t>(0, upto - before);
    before = std::max(before, upto);
    largest = std::max(largest, plan.villages_[i].households);
  }
  int digits = 1;
  for (int64_t x = largest; x >= 10; x /= 10) ++digits;
  plan.sequence_width_ = std::max(4, digits);
  return plan;
}

}  // namespace xianjie::demo
