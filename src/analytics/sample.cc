// The verification sample and its estimates (sample.h). Stage 1 and the allocation are integer
// arithmetic, so that a seed draws the same sample on every machine; doubles appear only in the
// probabilities reported and in the estimates.
#include "analytics/sample.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "analytics/internal/digits.h"
#include "analytics/random.h"

namespace xianjie::analytics {
namespace {

constexpr double kZ95 = 1.959963984540054;  // Φ⁻¹(0.975)
constexpr int kMaxStratumWeight = 1000;
// A linearized variance below this is rounding of an exact 0 (every village the same ratio).
constexpr double kZeroVariance = 1e-24;

// A weight as written in a message: "0", "-2.5", "nan".
std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

Status CheckParameters(std::string_view county_code, const SampleParameters& p) {
  if (county_code.size() != 6 || !internal::AllDigits(county_code)) {
    return InvalidArgument("county code '" + std::string(county_code) +
                           "' is not 6 digits; give the county's code, e.g. 630121");
  }
  if (p.villages < 1) {
    return InvalidArgument("villages to sample is " + std::to_string(p.villages) +
                           "; give at least 1 (the usual is 10)");
  }
  if (p.households < 1) {
    return InvalidArgument("households to sample is " + std::to_string(p.households) +
                           "; give at least 1 (the usual is 300)");
  }
  for (size_t h = 0; h < kStratumCount; ++h) {
    const int w = p.stratum_weights[h];
    if (w < 1 || w > kMaxStratumWeight) {
      return InvalidArgument("the weight of stratum " + std::string(StratumCode(kAllStrata[h])) +
                             " is " + std::to_string(w) +
                             "; give a whole number from 1 to 1000 (1 = no over-sampling)");
    }
  }
  return Status::Ok();
}

Status CheckFrame(std::string_view county_code, std::span<const FrameHousehold> frame) {
  if (frame.empty()) {
    return InvalidArgument("county " + std::string(county_code) +
                           " has no households to sample; check the county code and that its "
                           "households are in the registry");
  }
  std::unordered_set<std::string_view> ids;
  ids.reserve(frame.size());
  for (size_t i = 0; i < frame.size(); ++i) {
    const FrameHousehold& h = frame[i];
    const std::string where = "household " + std::to_string(i + 1) + " of the frame";
    if (h.household_id.empty()) {
      return InvalidArgument(where + " has no household ID; give every household its ID");
    }
    if (h.village_code.size() != 12 || !internal::AllDigits(h.village_code) ||
        !h.village_code.starts_with(county_code)) {
      return InvalidArgument(where + " (" + h.household_id + ") is in village '" + h.village_code +
                             "', which is not a 12-digit village code of county " +
                             std::string(county_code) + "; give only the county's households");
    }
    if (!ids.insert(h.household_id).second) {
      return InvalidArgument(where + ": household " + h.household_id +
                             " is listed twice; give each household once");
    }
  }
  return Status::Ok();
}

struct FrameVillage {
  std::string_view code;
  int64_t households = 0;
  size_t begin = 0;  // into the sorted frame
  size_t end = 0;
  double probability = 0;
  bool selected = false;
  bool certain = false;
};

// Stage 1 over `villages` (sorted by code): sets selected, certain and probability.
void DrawVillages(std::vector<FrameVillage>& villages, int64_t wanted, SplitMix64& rng) {
  if (static_cast<int64_t>(villages.size()) <= wanted) {
    for (FrameVillage& v : villages) {
      v.selected = v.certain = true;
      v.probability = 1.0;
    }
    return;
  }
  int64_t n_left = wanted;
  int64_t m_left = 0;
  for (const FrameVillage& v : villages) m_left += v.households;
  // Certainty villages: Mᵥ ≥ M'/n' ⇔ Mᵥ·n' ≥ M'. Each pass uses the interval of its start;
  // fewer than n' can qualify (they would hold all of M' and the others none), so n' stays > 0.
  for (bool found = true; found && n_left > 0;) {
    found = false;
    int64_t taken = 0;
    int64_t taken_households = 0;
    for (FrameVillage& v : villages) {
      if (!v.certain && v.households * n_left >= m_left) {
        v.certain = v.selected = true;
        v.probability = 1.0;
        ++taken;
        taken_households += v.households;
        found = true;
      }
    }
    n_left -= taken;
    m_left -= taken_households;
  }
  if (n_left <= 0 || m_left <= 0) return;
  // Systematic PPS in units of 1/n' household: village v covers [n'·C₋, n'·C) with C the
  // cumulative households, the points are r + j·M' (r uniform in [0, M')). Each village is
  // narrower than M', so it holds at most one point, and is hit with probability n'·Mᵥ/M'.
  int64_t point = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(m_left)));
  int64_t cumulative = 0;
  for (FrameVillage& v : villages) {
    if (v.certain) continue;
    cumulative += v.households;
    v.probability = static_cast<double>(n_left * v.households) / static_cast<double>(m_left);
    if (point < n_left * cumulative) {
      v.selected = true;
      point += m_left;
    }
  }
}

// Stage 2's allocation of n over the strata of sizes `sizes` (sample.h).
std::array<int64_t, kStratumCount> Allocate(int64_t n,
                                            const std::array<int64_t, kStratumCount>& sizes,
                                            const std::array<int, kStratumCount>& weights) {
  const int64_t total = std::accumulate(sizes.begin(), sizes.end(), int64_t{0});
  if (n >= total) return sizes;
  std::array<int64_t, kStratumCount> out{};
  std::array<bool, kStratumCount> open{};
  int64_t non_empty = 0;
  for (size_t h = 0; h < kStratumCount; ++h) {
    open[h] = sizes[h] > 0;
    non_empty += open[h] ? 1 : 0;
  }
  const bool at_least_one = n >= non_empty;
  int64_t left = n;
  for (;;) {
    // sₕ = left·wₕNₕ / D, compared exactly as integers.
    int64_t d = 0;
    for (size_t h = 0; h < kStratumCount; ++h) {
      if (open[h]) d += weights[h] * sizes[h];
    }
    if (d == 0) break;
    bool fixed = false;
    if (at_least_one) {  // sₕ < 1: one household (left stays ≥ the open strata)
      for (size_t h = 0; h < kStratumCount; ++h) {
        if (open[h] && left * weights[h] * sizes[h] < d) {
          out[h] = 1;
          open[h] = false;
          left -= 1;
          fixed = true;
        }
      }
      if (fixed) continue;
    }
    for (size_t h = 0; h < kStratumCount; ++h) {  // sₕ ≥ Nₕ ⇔ left·wₕ ≥ D: the cap
      if (open[h] && left * weights[h] >= d) {
        out[h] = sizes[h];
        open[h] = false;
        left -= sizes[h];
        fixed = true;
      }
    }
    if (fixed) continue;
    std::array<int64_t, kStratumCount> remainder{};
    int64_t given = 0;
    for (size_t h = 0; h < kStratumCount; ++h) {
      if (!open[h]) continue;
      const int64_t share = left * weights[h] * sizes[h];
      out[h] = share / d;
      remainder[h] = share % d;
      given += out[h];
    }
    for (int64_t extra = left - given; extra > 0; --extra) {
      size_t best = kStratumCount;
      for (size_t h = 0; h < kStratumCount; ++h) {
        if (open[h] && (best == kStratumCount || remainder[h] > remainder[best])) best = h;
      }
      out[best] += 1;
      open[best] = false;  // one extra each
    }
    break;
  }
  return out;
}

}  // namespace

std::string_view StratumCode(Stratum stratum) {
  switch (stratum) {
    case Stratum::kUnstableLifted:
      return "unstable_lifted";
    case Stratum::kMarginal:
      return "marginal";
    case Stratum::kSuddenHardship:
      return "sudden_hardship";
    case Stratum::kIllness:
      return "illness";
    case Stratum::kDisaster:
      return "disaster";
    case Stratum::kOther:
      return "other";
  }
  return "other";
}

std::optional<Stratum> ParseStratum(std::string_view code) {
  for (Stratum s : kAllStrata) {
    if (StratumCode(s) == code) return s;
  }
  return std::nullopt;
}

std::string_view IntervalMethodCode(IntervalMethod method) {
  return method == IntervalMethod::kWilson ? "wilson" : "linearized";
}

Result<CountySample> DrawCountySample(std::string_view county_code,
                                      std::span<const FrameHousehold> frame,
                                      const SampleParameters& parameters) {
  XJ_RETURN_IF_ERROR(CheckParameters(county_code, parameters));
  XJ_RETURN_IF_ERROR(CheckFrame(county_code, frame));

  // The frame in (village, household id) order, whatever order the caller read it in.
  std::vector<const FrameHousehold*> sorted;
  sorted.reserve(frame.size());
  for (const FrameHousehold& h : frame) sorted.push_back(&h);
  std::sort(sorted.begin(), sorted.end(), [](const FrameHousehold* a, const FrameHousehold* b) {
    return std::tie(a->village_code, a->household_id) < std::tie(b->village_code, b->household_id);
  });
  std::vector<FrameVillage> villages;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (villages.empty() || villages.back().code != sorted[i]->village_code) {
      villages.push_back({sorted[i]->village_code, 0, i, i});
    }
    ++villages.back().households;
    villages.back().end = i + 1;
  }

  SplitMix64 rng(CountySeed(parameters.seed, county_code));
  DrawVillages(villages, parameters.villages, rng);

  // Stage 2: the sampled villages' households pooled by stratum, in (village, id) order.
  std::array<std::vector<const FrameHousehold*>, kStratumCount> pools;
  std::map<std::string_view, const FrameVillage*> village_of;
  for (const FrameVillage& v : villages) {
    if (!v.selected) continue;
    village_of[v.code] = &v;
    for (size_t i = v.begin; i < v.end; ++i) {
      pools[static_cast<size_t>(sorted[i]->stratum)].push_back(sorted[i]);
    }
  }
  std::array<int64_t, kStratumCount> sizes{};
  int64_t pooled = 0;
  for (size_t h = 0; h < kStratumCount; ++h) {
    sizes[h] = static_cast<int64_t>(pools[h].size());
    pooled += sizes[h];
  }
  const int64_t n = std::min<int64_t>(parameters.households, pooled);
  const std::array<int64_t, kStratumCount> allocation =
      Allocate(n, sizes, parameters.stratum_weights);

  CountySample sample;
  sample.county_code = std::string(county_code);
  sample.seed = parameters.seed;
  sample.frame_households = static_cast<int64_t>(frame.size());
  for (const FrameVillage& v : villages) {
    if (v.selected) {
      sample.villages.push_back({std::string(v.code), v.households, v.probability, v.certain});
    }
  }
  for (size_t h = 0; h < kStratumCount; ++h) {
    sample.strata[h] = {kAllStrata[h], sizes[h], allocation[h]};
    // Partial Fisher–Yates: the first nₕ of a uniformly shuffled pool.
    std::vector<const FrameHousehold*>& pool = pools[h];
    const size_t take = static_cast<size_t>(allocation[h]);
    for (size_t k = 0; k < take; ++k) {
      const size_t j = k + static_cast<size_t>(rng.Below(pool.size() - k));
      std::swap(pool[k], pool[j]);
    }
    for (size_t k = 0; k < take; ++k) {
      const FrameVillage& v = *village_of.at(pool[k]->village_code);
      // The within-stratum fraction first: it is 1 when the stratum is taken whole, and a
      // product with a factor ≤ 1 never rounds above πᵥ (the stores check π ≤ πᵥ).
      const double probability =
          v.probability * (static_cast<double>(allocation[h]) / static_cast<double>(sizes[h]));
      sample.households.push_back({pool[k]->household_id, pool[k]->village_code, pool[k]->stratum,
                                   v.probability, probability, 1.0 / probability});
    }
  }
  std::sort(sample.households.begin(), sample.households.end(),
            [](const SampledHousehold& a, const SampledHousehold& b) {
              return std::tie(a.village_code, a.household_id) <
                     std::tie(b.village_code, b.household_id);
            });
  return sample;
}

// ---- Estimates ----

Interval WilsonInterval(double p, double n) {
  if (!(n > 0)) return {0, 1};
  const double z2 = kZ95 * kZ95;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half = kZ95 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  return {std::clamp(centre - half, 0.0, 1.0), std::clamp(centre + half, 0.0, 1.0)};
}

namespace {

// One household's part in a ratio: x = in the denominator with the answers needed, y ≤ x.
struct Indicator {
  bool x = false;
  bool y = false;
};

template <typename IndicatorOf>
std::optional<RatioEstimate> Ratio(std::span<const VisitResult> results,
                                   const std::vector<size_t>& village_index, size_t villages,
                                   IndicatorOf indicator_of) {
  double x_total = 0;
  double y_total = 0;
  double w2_total = 0;
  int64_t n = 0;
  int64_t n_y = 0;
  for (const VisitResult& r : results) {
    const Indicator in = indicator_of(r);
    if (!in.x) continue;
    ++n;
    x_total += r.weight;
    w2_total += r.weight * r.weight;
    if (in.y) {
      ++n_y;
      y_total += r.weight;
    }
  }
  if (n == 0) return std::nullopt;
  RatioEstimate e;
  e.households = n;
  e.villages = static_cast<int64_t>(villages);
  e.estimate = y_total / x_total;
  // zᵥ = Σ_{i∈v} wᵢ(yᵢ − R̂xᵢ)/X̂ (households outside the denominator add 0).
  std::vector<double> z(villages, 0.0);
  for (size_t i = 0; i < results.size(); ++i) {
    const Indicator in = indicator_of(results[i]);
    if (!in.x) continue;
    z[village_index[i]] += results[i].weight * ((in.y ? 1.0 : 0.0) - e.estimate) / x_total;
  }
  double variance = 0;
  if (villages > 1) {
    const double mean = std::accumulate(z.begin(), z.end(), 0.0) / static_cast<double>(villages);
    for (double zv : z) variance += (zv - mean) * (zv - mean);
    variance *= static_cast<double>(villages) / static_cast<double>(villages - 1);
  }
  if (n_y == 0 || n_y == n || villages == 1 || variance < kZeroVariance) {
    const Interval wilson = WilsonInterval(e.estimate, x_total * x_total / w2_total);
    e.lower = wilson.lower;
    e.upper = wilson.upper;
    e.method = IntervalMethod::kWilson;
  } else {
    const double half = kZ95 * std::sqrt(variance);
    e.lower = std::clamp(e.estimate - half, 0.0, 1.0);
    e.upper = std::clamp(e.estimate + half, 0.0, 1.0);
    e.method = IntervalMethod::kLinearized;
  }
  return e;
}

}  // namespace

Result<SampleEstimates> EstimateRates(std::span<const VisitResult> results) {
  std::unordered_set<std::string_view> ids;
  std::map<std::string_view, size_t> village_number;
  for (size_t i = 0; i < results.size(); ++i) {
    const VisitResult& r = results[i];
    const std::string where = "visit result " + std::to_string(i + 1);
    if (r.household_id.empty()) {
      return InvalidArgument(where + " has no household ID; give the sampled household's ID");
    }
    if (r.village_code.empty()) {
      return InvalidArgument(where + " (household " + r.household_id +
                             ") has no village code; give the village it was sampled in");
    }
    if (!std::isfinite(r.weight) || r.weight <= 0) {
      return InvalidArgument(where + " (household " + r.household_id + ") has weight " +
                             FormatNumber(r.weight) +
                             ", which is not a positive number; give the sample's weight 1/πᵢ");
    }
    if (!ids.insert(r.household_id).second) {
      return InvalidArgument(where + ": household " + r.household_id +
                             " has a second result; give one result per household");
    }
    village_number.emplace(r.village_code, 0);
  }
  size_t next = 0;
  for (auto& [code, number] : village_number) number = next++;
  std::vector<size_t> village_index(results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    village_index[i] = village_number.at(results[i].village_code);
  }
  const size_t villages = village_number.size();

  SampleEstimates estimates;
  estimates.omission = Ratio(results, village_index, villages, [](const VisitResult& r) {
    const bool x = r.meets_criteria == true && r.included.has_value();
    return Indicator{x, x && !*r.included};
  });
  estimates.wrong_inclusion = Ratio(results, village_index, villages, [](const VisitResult& r) {
    const bool x = r.included == true && r.comparison_passed.has_value();
    return Indicator{x, x && !*r.comparison_passed};
  });
  estimates.approval = Ratio(results, village_index, villages, [](const VisitResult& r) {
    return Indicator{r.satisfied.has_value(), r.satisfied == true};
  });
  return estimates;
}

}  // namespace xianjie::analytics
