// A second, naive implementation of the poverty measures of analytics/poverty.h, for the tests:
// every counted person listed one by one with the household's per-capita income, FGT P0, P1 and
// P2 straight from their definitions, and the Gini as the mean absolute difference over all n²
// ordered pairs, G = Σᵢ Σⱼ |yᵢ − yⱼ| / (2 n² μ). Shares no code with the module: per-capita
// income is rounded with std::llround, and the incomes are never sorted. O(n²) in persons: for
// registries of a few thousand households.
#ifndef XIANJIE_TESTS_ANALYTICS_NAIVE_POVERTY_H_
#define XIANJIE_TESTS_ANALYTICS_NAIVE_POVERTY_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "registry/snapshot.h"

namespace xianjie::analytics::testing {

struct NaiveHousehold {
  std::string village;  // 12 digits
  int64_t net_fen = 0;  // wage + business + property + transfer − production costs
  int counted = 0;      // members with shares_household = 1
};

struct NaiveMeasures {
  int64_t households = 0;  // with counted members, in the region
  int64_t excluded = 0;    // without
  int64_t persons = 0;
  int64_t poor_persons = 0;
  long double mean = 0;
  long double p0 = 0;
  long double p1 = 0;
  long double p2 = 0;
  long double gini = 0;
};

// Per-capita net income in fen, half away from zero (std::llround), floored at 0.
inline int64_t NaivePerCapita(int64_t net_fen, int members) {
  return std::max<int64_t>(0, std::llround(static_cast<long double>(net_fen) / members));
}

// The households of a snapshot, from its stored columns (not its derived ones): net income from
// the five money fields, counted members from each member's shares_household.
inline std::vector<NaiveHousehold> NaiveHouseholds(const registry::Snapshot& s) {
  std::vector<NaiveHousehold> out;
  for (uint32_t h = 0; h < s.households(); ++h) {
    NaiveHousehold n;
    n.village = std::to_string(s.village_code()[h]);
    n.net_fen = s.wage_income()[h] + s.business_income()[h] + s.property_income()[h] +
                s.transfer_income()[h] - s.production_costs()[h];
    for (uint32_t m = s.member_begin()[h]; m < s.member_begin()[h + 1]; ++m) {
      n.counted += s.member_shares_household()[m] != 0 ? 1 : 0;
    }
    out.push_back(std::move(n));
  }
  return out;
}

// The measures of the households whose village starts with `prefix`, under `line_fen`.
inline NaiveMeasures NaivePoverty(const std::vector<NaiveHousehold>& households,
                                  std::string_view prefix, int64_t line_fen) {
  NaiveMeasures out;
  std::vector<int64_t> y;  // one per person
  for (const NaiveHousehold& h : households) {
    if (h.village.compare(0, prefix.size(), prefix) != 0) continue;
    if (h.counted == 0) {
      ++out.excluded;
      continue;
    }
    ++out.households;
    for (int i = 0; i < h.counted; ++i) y.push_back(NaivePerCapita(h.net_fen, h.counted));
  }
  const auto n = static_cast<int64_t>(y.size());
  out.persons = n;
  if (n == 0) return out;
  const long double z = static_cast<long double>(line_fen);
  int64_t total = 0;
  long double gap = 0, gap_squared = 0;
  for (int64_t yi : y) {
    total += yi;
    if (yi < line_fen) {
      ++out.poor_persons;
      const long double g = (z - static_cast<long double>(yi)) / z;
      gap += g;
      gap_squared += g * g;
    }
  }
  out.mean = static_cast<long double>(total) / n;
  out.p0 = static_cast<long double>(out.poor_persons) / n;
  out.p1 = gap / n;
  out.p2 = gap_squared / n;
  if (total == 0) return out;            // the Gini of incomes that are all 0 is taken as 0
  long double absolute_differences = 0;  // Σᵢ Σⱼ |yᵢ − yⱼ|; each term is exact
  for (int64_t yi : y) {
    int64_t row = 0;
    for (int64_t yj : y) row += std::llabs(yi - yj);
    absolute_differences += static_cast<long double>(row);
  }
  out.gini = absolute_differences / (2.0L * n * n * out.mean);
  return out;
}

}  // namespace xianjie::analytics::testing

#endif  // XIANJIE_TESTS_ANALYTICS_NAIVE_POVERTY_H_
