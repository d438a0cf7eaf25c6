// Poverty measures of the registry under a monitoring line (decision 0008, "Poverty measures"):
// the Foster–Greer–Thorbecke headcount P0, gap P1 and severity P2, and the population Gini,
// person-weighted. Each counted member (shares_household = 1) of a household carries the
// household's per-capita net income y (rules::PerCapitaFen: net income / counted members in
// fen, rounded half away from zero), floored at 0; a household without counted members is left
// out and counted as excluded. Under a line z (fen per person per year):
//
//   P0 = (1/n) Σ 1[y < z]                 a person is poor when y < z ("below the line",
//                                         DOMAIN.md §4); y == z is not poor
//   P1 = (1/n) Σ max(0, (z − y) / z)
//   P2 = (1/n) Σ max(0, (z − y) / z)²
//   G  = Σᵢ (2i − n − 1) yᵢ / (n Σ yᵢ)    over the n persons sorted by y (i = 1..n), no
//                                         small-sample correction; 0 when Σ y = 0
//
// A household of w persons with income y is w equal persons: a run of w equal incomes starting
// after c persons adds y·w·(2c + w − n) to the Gini's numerator (the sum of (2i − n − 1) over
// i = c+1 .. c+w), so nothing is expanded, and persons with equal incomes give the same sum in
// any order. Every sum is kept exactly in 128-bit integers; the fractions are taken at the end.
//
// Note: y is rounded to the fen, so a household whose exact per-capita income lies within half a
// fen below the line has y == z and is not poor here, while screening's income_below_line
// (net_income < line × members, exact) flags it.
//
// Speed (decision 0008): a PovertyBase sorts the households by income once per snapshot; any
// region is then one linear pass over that order, keeping the entries of its villages (a
// contiguous range of the villages sorted by code, region_range.h). No request sorts.
#ifndef XIANJIE_ANALYTICS_POVERTY_H_
#define XIANJIE_ANALYTICS_POVERTY_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/region_range.h"
#include "base/status.h"
#include "registry/snapshot.h"

namespace xianjie::analytics {

// One household with counted members, as the measures see it.
struct IncomeEntry {
  int64_t income = 0;    // per-capita net income, fen, >= 0
  uint32_t persons = 0;  // counted members, > 0
  uint32_t village = 0;  // index into PovertyBase::village_codes()
  bool operator==(const IncomeEntry&) const = default;
};

// The households of a registry sorted by per-capita income, with their villages. Immutable once
// made; safe to share between threads. About 16 bytes per household.
class PovertyBase {
 public:
  // Every household of `snapshot`: those with counted members as entries, the others counted as
  // excluded in their village. O(H log H) for H households.
  static PovertyBase FromSnapshot(const registry::Snapshot& snapshot);

  // From entries given directly (tests, other sources). `village_codes`: ascending, distinct,
  // each 12 digits; every entry's village < village_codes.size(), persons > 0, income >= 0, and
  // fewer than 2^32 persons in all; `excluded`: households without counted members per village
  // (>= 0), empty or one per village. kInvalidArgument naming the first entry or code that
  // breaks this. The entries are sorted here.
  static Result<PovertyBase> FromEntries(std::vector<std::string> village_codes,
                                         std::vector<IncomeEntry> entries,
                                         std::vector<int64_t> excluded = {});

  // The villages with at least one household, by code (12 digits).
  std::span<const std::string> village_codes() const { return village_codes_; }
  // The households with counted members, by income ascending.
  std::span<const IncomeEntry> entries() const { return entries_; }
  // Households without counted members in villages [range.begin, range.end).
  int64_t ExcludedWithin(IndexRange range) const {
    return excluded_before_[range.end] - excluded_before_[range.begin];
  }
  // Bytes held (capacity).
  size_t MemoryBytes() const;

 private:
  PovertyBase() = default;
  std::vector<std::string> village_codes_;
  std::vector<IncomeEntry> entries_;
  std::vector<int64_t> excluded_before_{0};  // village_codes_.size() + 1 prefix sums
};

struct PovertyMeasures {
  int64_t line_fen = 0;             // z
  int64_t households = 0;           // measured: with at least one counted member
  int64_t excluded_households = 0;  // without counted members: left out of every figure
  int64_t persons = 0;              // n: counted members of the measured households
  int64_t poor_persons = 0;         // persons with y < z
  int64_t poor_households = 0;      // households with y < z
  int64_t mean_income_fen = 0;      // Σ y / n, rounded half away from zero (0 when n = 0)
  int64_t total_gap_fen = 0;        // Σ max(0, z − y): what would lift every poor person to z
  // Fractions in [0, 1]; all 0 when n = 0.
  double p0 = 0;
  double p1 = 0;
  double p2 = 0;
  double gini = 0;  // 0 when Σ y = 0
};

// The measures of the households in villages whose code starts with `region_prefix` ("" = all)
// under the line `line_fen`. One pass over base.entries(): O(H), no sort, no allocation.
// kInvalidArgument when `region_prefix` is not digits, or `line_fen` is not in 1 .. 10^9 fen
// (ten million yuan; total_gap_fen could overflow beyond it). A region without households gives
// zeros.
Result<PovertyMeasures> MeasurePoverty(const PovertyBase& base, std::string_view region_prefix,
                                       int64_t line_fen);

}  // namespace xianjie::analytics

#endif  // XIANJIE_ANALYTICS_POVERTY_H_
