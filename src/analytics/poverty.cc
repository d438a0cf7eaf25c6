// FGT P0/P1/P2 and the population Gini over a PovertyBase: the households sorted by income once,
// any region one linear pass with exact 128-bit sums.
#include "analytics/poverty.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "analytics/internal/digits.h"
#include "rules/screening.h"

namespace xianjie::analytics {
namespace {

__extension__ typedef __int128 Int128;

// Ten million yuan per person: n·z then stays below 2^63 for any n < 2^32 (total_gap_fen).
constexpr int64_t kMaxLineFen = 1'000'000'000;

std::string VillageText(uint64_t code) {
  char text[24];
  std::snprintf(text, sizeof text, "%012" PRIu64, code);
  return text;
}

// num / den as a double (den > 0): both are exact integers below 2^127; long double keeps 64
// bits of each, so the quotient is good to about 1e-19 before it is rounded to a double.
double Ratio(Int128 num, Int128 den) {
  return static_cast<double>(static_cast<long double>(num) / static_cast<long double>(den));
}

// num / den rounded half away from zero (num >= 0, den > 0).
int64_t RoundedQuotient(Int128 num, Int128 den) {
  Int128 q = num / den;
  if (2 * (num % den) >= den) ++q;
  return static_cast<int64_t>(q);
}

void SortByIncome(std::vector<IncomeEntry>& entries) {
  // Ties by village then persons only to make the order reproducible; no figure depends on it.
  std::sort(entries.begin(), entries.end(), [](const IncomeEntry& a, const IncomeEntry& b) {
    if (a.income != b.income) return a.income < b.income;
    if (a.village != b.village) return a.village < b.village;
    return a.persons < b.persons;
  });
}

}  // namespace

PovertyBase PovertyBase::FromSnapshot(const registry::Snapshot& snapshot) {
  const size_t n = snapshot.households();
  const uint64_t* village = snapshot.village_code();
  std::vector<uint64_t> codes(village, village + n);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());

  PovertyBase base;
  base.village_codes_.reserve(codes.size());
  for (uint64_t code : codes) base.village_codes_.push_back(VillageText(code));
  std::vector<int64_t> excluded(codes.size(), 0);
  base.entries_.reserve(n);
  const int64_t* net = snapshot.net_income();
  const uint32_t* counted = snapshot.counted_members();
  for (size_t h = 0; h < n; ++h) {
    const auto v = static_cast<uint32_t>(std::lower_bound(codes.begin(), codes.end(), village[h]) -
                                         codes.begin());
    if (counted[h] == 0) {
      ++excluded[v];
      continue;
    }
    const int64_t income = std::max<int64_t>(0, rules::PerCapitaFen(net[h], counted[h]));
    base.entries_.push_back({income, counted[h], v});
  }
  SortByIncome(base.entries_);
  base.excluded_before_.resize(codes.size() + 1);
  for (size_t v = 0; v < codes.size(); ++v) {
    base.excluded_before_[v + 1] = base.excluded_before_[v] + excluded[v];
  }
  return base;
}

Result<PovertyBase> PovertyBase::FromEntries(std::vector<std::string> village_codes,
                                             std::vector<IncomeEntry> entries,
                                             std::vector<int64_t> excluded) {
  for (size_t v = 0; v < village_codes.size(); ++v) {
    const std::string& code = village_codes[v];
    if (code.size() != 12 || !internal::AllDigits(code)) {
      return InvalidArgument("village code " + std::to_string(v) + " '" + code +
                             "' is not 12 digits");
    }
    if (v > 0 && !(village_codes[v - 1] < code)) {
      return InvalidArgument("village codes must be ascending and distinct: '" + code +
                             "' follows '" + village_codes[v - 1] + "'");
    }
  }
  uint64_t persons = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const IncomeEntry& e = entries[i];
    const std::string which = "entry " + std::to_string(i) + ": ";
    if (e.village >= village_codes.size()) {
      return InvalidArgument(which + "village index " + std::to_string(e.village) +
                             " is past the " + std::to_string(village_codes.size()) +
                             " village codes");
    }
    if (e.persons == 0) return InvalidArgument(which + "a household needs at least one person");
    if (e.income < 0) {
      return InvalidArgument(which + "income " + std::to_string(e.income) +
                             " is negative; floor it at 0 first");
    }
    persons += e.persons;
  }
  if (persons >= (uint64_t{1} << 32)) {
    return InvalidArgument(std::to_string(persons) + " persons: at most 2^32 - 1 are measured");
  }
  if (!excluded.empty() && excluded.size() != village_codes.size()) {
    return InvalidArgument("excluded households are given for " + std::to_string(excluded.size()) +
                           " villages, not the " + std::to_string(village_codes.size()) +
                           " village codes");
  }
  PovertyBase base;
  base.village_codes_ = std::move(village_codes);
  base.entries_ = std::move(entries);
  SortByIncome(base.entries_);
  base.excluded_before_.assign(base.village_codes_.size() + 1, 0);
  for (size_t v = 0; v < excluded.size(); ++v) {
    if (excluded[v] < 0) {
      return InvalidArgument("excluded households of village " + base.village_codes_[v] +
                             " is negative");
    }
    base.excluded_before_[v + 1] = base.excluded_before_[v] + excluded[v];
  }
  for (size_t v = excluded.size(); v < base.village_codes_.size(); ++v) {
    base.excluded_before_[v + 1] = base.excluded_before_[v];
  }
  return base;
}

size_t PovertyBase::MemoryBytes() const {
  size_t bytes = entries_.capacity() * sizeof(IncomeEntry) +
                 excluded_before_.capacity() * sizeof(int64_t) +
                 village_codes_.capacity() * sizeof(std::string);
  for (const std::string& code : village_codes_) bytes += code.capacity();
  return bytes;
}

Result<PovertyMeasures> MeasurePoverty(const PovertyBase& base, std::string_view region_prefix,
                                       int64_t line_fen) {
  if (!internal::AllDigits(region_prefix)) {
    return InvalidArgument("region '" + std::string(region_prefix) +
                           "' is not a region code: give digits, e.g. 630121");
  }
  if (line_fen <= 0 || line_fen > kMaxLineFen) {
    return InvalidArgument("the line must be 1 to 10^9 fen (10,000,000 yuan) per person, not " +
                           std::to_string(line_fen));
  }
  const IndexRange range = PrefixRange(base.village_codes(), region_prefix);
  const std::span<const IncomeEntry> entries = base.entries();
  const bool whole = range.begin == 0 && range.end == base.village_codes().size();
  // The poor come first: entries before `first_not_poor` have income < line.
  const size_t first_not_poor = static_cast<size_t>(
      std::lower_bound(entries.begin(), entries.end(), line_fen,
                       [](const IncomeEntry& e, int64_t z) { return e.income < z; }) -
      entries.begin());

  PovertyMeasures m;
  m.line_fen = line_fen;
  m.excluded_households = base.ExcludedWithin(range);
  if (range.empty()) return m;
  const Int128 z = line_fen;
  Int128 persons_before = 0;  // c: persons of the region in the order before this entry
  Int128 income_sum = 0;      // Σ w·y
  Int128 gini_sum = 0;        // Σ w·y·(2c + w); the Gini's numerator is this − n·Σ w·y
  Int128 gap_sum = 0;         // Σ w·(z − y) over the poor
  Int128 gap_square_sum = 0;  // Σ w·(z − y)² over the poor
  int64_t households = 0;
  int64_t poor_persons = 0;
  int64_t poor_households = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const IncomeEntry& e = entries[i];
    // One unsigned comparison for begin <= village < end.
    if (!whole && e.village - range.begin >= range.size()) continue;
    const Int128 w = e.persons;
    const Int128 wy = w * e.income;
    ++households;
    if (i < first_not_poor) {
      const Int128 gap = z - e.income;
      poor_persons += e.persons;
      ++poor_households;
      gap_sum += w * gap;
      gap_square_sum += w * gap * gap;
    }
    income_sum += wy;
    gini_sum += wy * (2 * persons_before + w);
    persons_before += w;
  }
  const Int128 n = persons_before;
  m.households = households;
  m.persons = static_cast<int64_t>(n);
  m.poor_persons = poor_persons;
  m.poor_households = poor_households;
  m.total_gap_fen = static_cast<int64_t>(gap_sum);
  if (n == 0) return m;
  m.mean_income_fen = RoundedQuotient(income_sum, n);
  m.p0 = Ratio(poor_persons, n);
  m.p1 = Ratio(gap_sum, n * z);
  m.p2 = Ratio(gap_square_sum, n * z * z);
  if (income_sum > 0) m.gini = Ratio(gini_sum - n * income_sum, n * income_sum);
  return m;
}

}  // namespace xianjie::analytics
