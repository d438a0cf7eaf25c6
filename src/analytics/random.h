// The verification sample's pseudo-random numbers (decision 0008): splitmix64 with a uniform
// double and a uniform integer written out here, so that a seed draws the same sample with every
// compiler, standard library and machine (the std:: distributions differ between libraries).
#ifndef XIANJIE_ANALYTICS_RANDOM_H_
#define XIANJIE_ANALYTICS_RANDOM_H_

#include <cstdint>
#include <string_view>

namespace xianjie::analytics {

// splitmix64 (Steele, Lea and Flood 2014, in the form of Vigna's reference C program,
// https://prng.di.unimi.it/splitmix64.c): a 64-bit state advanced by a Weyl constant and mixed
// by two xor-shift-multiply rounds. Period 2^64; every seed is valid. Not thread-safe: one
// generator per draw.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  // The next 64 random bits.
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1): the top 53 bits of Next() times 2^-53, so every value is exact.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n), without modulo bias: a draw below 2^64 mod n (the incomplete
  // last block of n) is rejected and drawn again, then the draw mod n is returned. Requires
  // n > 0 (n = 0 returns 0 and draws nothing).
  uint64_t Below(uint64_t n) {
    if (n == 0) return 0;
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n, in 64-bit arithmetic
    for (;;) {
      const uint64_t x = Next();
      if (x >= threshold) return x % n;
    }
  }

 private:
  uint64_t state_;
};

// The seed of one county's draw: `seed` combined with the FNV-1a hash of the county code, so
// that one seed gives every county its own sequence and the same (seed, county) always the
// same one.
inline uint64_t CountySeed(uint64_t seed, std::string_view county_code) {
  uint64_t hash = 0xCBF29CE484222325ULL;  // FNV-1a 64: offset basis, then xor and multiply
  for (char c : county_code) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return seed ^ hash;
}

}  // namespace xianjie::analytics

#endif  // XIANJIE_ANALYTICS_RANDOM_H_
