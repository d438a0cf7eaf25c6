// The demo generator's pseudo-random numbers: xoshiro256** seeded through splitmix64, with the
// few distributions the generator needs written out here, so that a seed gives the same bytes
// with every compiler and standard library (std:: distributions differ between them).
#ifndef XIANJIE_DEMO_RANDOM_H_
#define XIANJIE_DEMO_RANDOM_H_

#include <cmath>
#include <cstdint>
#include <span>

namespace xianjie::demo {

// One step of splitmix64: a good 64-bit mix of `state`, which it advances.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna). Not thread-safe; one per generator run and stream.
class Rng {
 public:
  // Distinct (seed, stream) pairs give independent sequences.
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t sm = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (uint64_t& word : s_) word = SplitMix64(sm);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1), 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n); requires n > 0. The bias of the multiply is below 2^-40 for the
  // small n used here.
  int Below(int n) { return static_cast<int>(Uniform() * n); }
  // Uniform integer in [lo, hi].
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }
  bool Chance(double p) { return Uniform() < p; }

  // Standard normal by Box-Muller (one of the pair; simpler than caching the other).
  double Normal() {
    const double u1 = 1.0 - Uniform();  // (0, 1]
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  // Lognormal with the given arithmetic mean and log-scale spread.
  double LogNormalMean(double mean, double sigma) {
    return std::exp(std::log(mean) - sigma * sigma / 2 + sigma * Normal());
  }
  double Exponential(double mean) { return -mean * std::log(1.0 - Uniform()); }

  // Index drawn with probability proportional to `weights` (non-negative, positive sum).
  int Pick(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double u = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (u < weights[i]) return static_cast<int>(i);
      u -= weights[i];
    }
    return static_cast<int>(weights.size()) - 1;
  }

  template <typename T>
  const T& PickOne(std::span<const T> items) {
    return items[static_cast<size_t>(Below(static_cast<int>(items.size())))];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_RANDOM_H_
