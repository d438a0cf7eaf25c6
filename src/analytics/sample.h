// The verification sample (抽样核查, DOMAIN.md §10; decision 0008): a county's sample of about 10
// villages and 300 households, over-weighted towards the three object types, illness and
// disaster, drawn reproducibly from a seed, and the omission, wrong-inclusion and approval rates
// estimated from the visits with 95% intervals. Pure functions: the caller reads the registry,
// assigns each household its stratum and stores the sample and the visit results.
//
// The design (formulas in decision 0008, "Sample and estimates as built"):
//   stage 1  villages by systematic PPS (probability proportional to their households) over the
//            villages sorted by code, with certainty villages taken out iteratively;
//   stage 2  households allocated to strata in proportion to weight × stratum size, then drawn
//            by simple random sampling without replacement within each stratum, pooled over the
//            sampled villages;
//   weights  1/πᵢ with πᵢ = πᵥ × nₕ/Nₕ.
#ifndef XIANJIE_ANALYTICS_SAMPLE_H_
#define XIANJIE_ANALYTICS_SAMPLE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xianjie::analytics {

// The strata of stage 2. The caller assigns each household one: a monitoring object by its type
// first, then illness (risk R01), then disaster (R04), else other.
enum class Stratum : uint8_t {
  kUnstableLifted,  // 脱贫不稳定户
  kMarginal,        // 边缘易致贫户
  kSuddenHardship,  // 突发严重困难户
  kIllness,         // 因病 (R01)
  kDisaster,        // 因灾 (R04)
  kOther,
};
inline constexpr size_t kStratumCount = 6;
inline constexpr std::array<Stratum, kStratumCount> kAllStrata = {
    Stratum::kUnstableLifted, Stratum::kMarginal, Stratum::kSuddenHardship,
    Stratum::kIllness,        Stratum::kDisaster, Stratum::kOther};

// "unstable_lifted", "marginal", "sudden_hardship", "illness", "disaster", "other".
std::string_view StratumCode(Stratum stratum);
std::optional<Stratum> ParseStratum(std::string_view code);

// One household of the county's sampling frame.
struct FrameHousehold {
  std::string household_id;
  std::string village_code;  // 12 digits; must start with the county code
  Stratum stratum = Stratum::kOther;
};

struct SampleParameters {
  int villages = 10;     // villages to draw (all when the county has no more)
  int households = 300;  // households to draw over the sampled villages (all when fewer)
  // The over-sampling factor of each stratum, in kAllStrata order: whole numbers 1..1000
  // (whole, so that the allocation is exact integer arithmetic on every machine).
  std::array<int, kStratumCount> stratum_weights = {3, 3, 3, 3, 3, 1};
  uint64_t seed = 0;
};

struct SampledVillage {
  std::string village_code;
  int64_t households = 0;  // Mᵥ: its households in the frame
  double probability = 1;  // πᵥ
  bool certain = false;    // taken with certainty (Mᵥ at least the interval, or all villages)
};

// The allocation of stage 2 for one stratum.
struct StratumAllocation {
  Stratum stratum = Stratum::kOther;
  int64_t frame = 0;    // Nₕ: its households in the sampled villages
  int64_t sampled = 0;  // nₕ
};

struct SampledHousehold {
  std::string household_id;
  std::string village_code;
  Stratum stratum = Stratum::kOther;
  double village_probability = 1;  // πᵥ
  double probability = 1;          // πᵢ = πᵥ × nₕ/Nₕ
  double weight = 1;               // 1/πᵢ
};

struct CountySample {
  std::string county_code;
  uint64_t seed = 0;
  int64_t frame_households = 0;                           // M: the county's households
  std::vector<SampledVillage> villages;                   // by village code
  std::array<StratumAllocation, kStratumCount> strata{};  // kAllStrata order
  std::vector<SampledHousehold> households;               // by village code, household id
};

// Draws one county's sample from its frame (any order; the draw sorts it first). The same
// (seed, county code, frame, parameters) give the same sample on every machine; the generator is
// SplitMix64(CountySeed(seed, county_code)), used by stage 1 (one integer) and then by stage 2
// stratum by stratum in kAllStrata order.
//
// Stage 1: with V villages and V ≤ villages, all are taken with πᵥ = 1. Otherwise, repeatedly,
// every village whose Mᵥ is at least the interval I = M'/n' (M' the households and n' the
// villages still to draw, certainty villages set aside) is taken with certainty (πᵥ = 1); then
// one systematic pass over the others sorted by code with a random start: the points
// r + j·I (j < n', r uniform in [0, I), in steps of 1/n' household so that the arithmetic is
// exact) each select the village whose households they fall in; πᵥ = n'·Mᵥ/M'.
//
// Stage 2: n = min(households, N) with N the households of the sampled villages; N ≤ households
// takes them all. Otherwise n is allocated over the non-empty strata by shares
// sₕ = n'·wₕNₕ / Σ wNₕ, repeatedly: when n is at least the number of non-empty strata, a share
// below 1 is fixed at 1 (each stratum gets at least one household); else a share at least Nₕ is
// fixed at Nₕ (the cap; its excess goes to the others); the remaining strata get ⌊sₕ⌋ and the
// units left over go to the largest remainders (ties: kAllStrata order). Each stratum's nₕ
// households are a simple random sample (partial Fisher–Yates) of its Nₕ, pooled over the sampled
// villages in (village code, household id) order.
//
// πᵢ = πᵥ × nₕ/Nₕ is an approximation: nₕ/Nₕ is the share drawn given the villages that were
// sampled, while the exact πᵢ would average it over every possible set of villages. It is exact
// when villages are all taken, and close when the strata are spread evenly over the villages.
//
// Errors (kInvalidArgument, naming what is wrong and what to do): villages or households below 1;
// a weight outside 1..1000; a county code that is not 6 digits; a household with an empty ID,
// listed twice, or in a village that is not the county's; an empty frame.
Result<CountySample> DrawCountySample(std::string_view county_code,
                                      std::span<const FrameHousehold> frame,
                                      const SampleParameters& parameters);

// ---- Estimates from the visits ----

// What the visit found for one sampled household. A question left unanswered (nullopt) leaves
// the household out of the estimates that need it.
struct VisitResult {
  std::string household_id;
  std::string village_code;  // the primary unit of the variance
  // Carried for the caller's breakdowns; the estimates do not use it.
  Stratum stratum = Stratum::kOther;
  double weight = 1;                      // the sample's 1/πᵢ
  std::optional<bool> meets_criteria;     // meets the criteria of a monitoring object
  std::optional<bool> included;           // is included (a monitoring object)
  std::optional<bool> comparison_passed;  // passes the comparison (比对) of its data
  std::optional<bool> satisfied;          // is satisfied with the work
};

enum class IntervalMethod : uint8_t { kLinearized, kWilson };
// "linearized", "wilson".
std::string_view IntervalMethodCode(IntervalMethod method);

// A weighted ratio R̂ = Σwy / Σwx with its 95% interval.
struct RatioEstimate {
  int64_t households = 0;  // n: households in the denominator (x = 1) with the answers it needs
  int64_t villages = 0;    // primary units: the distinct villages of the results
  double estimate = 0;
  double lower = 0;
  double upper = 0;
  IntervalMethod method = IntervalMethod::kLinearized;
};

struct SampleEstimates {
  // Σw·[meets ∧ ¬included] / Σw·[meets], over households answering both (meets = false needs
  // no answer on included). nullopt when no household meets the criteria.
  std::optional<RatioEstimate> omission;
  // Σw·[included ∧ ¬passed] / Σw·[included], over included households with a comparison.
  std::optional<RatioEstimate> wrong_inclusion;
  // Σw·[satisfied] / Σw, over households answering.
  std::optional<RatioEstimate> approval;
};

// The three estimates. Intervals: Taylor linearization with the villages of the results as
// primary units (ultimate-cluster variance, with-replacement approximation):
//   zᵥ = Σ_{i∈v} wᵢ(yᵢ − R̂xᵢ) / X̂,   v(R̂) = m/(m−1) Σᵥ (zᵥ − z̄)²,   R̂ ± 1.96·√v(R̂),
// m the villages (those without a household in the denominator count with zᵥ = 0). When R̂ is
// 0 or 1, m = 1 or v(R̂) = 0 (below 1e-24), Wilson's interval at R̂ with Kish's effective sample
// size n_eff = (Σwx)² / Σw²x instead. Bounds clamped to [0, 1].
// Errors (kInvalidArgument): a weight not positive and finite, an empty household ID or village
// code, a household with two results.
Result<SampleEstimates> EstimateRates(std::span<const VisitResult> results);

// Wilson's score interval (Wilson 1927) for a proportion p observed in n (> 0, may be an
// effective, non-whole size) at 95% (z = 1.959963984540054):
//   (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), clamped to [0, 1].
struct Interval {
  double lower = 0;
  double upper = 0;
};
Interval WilsonInterval(double p, double n);

}  // namespace xianjie::analytics

#endif  // XIANJIE_ANALYTICS_SAMPLE_H_
