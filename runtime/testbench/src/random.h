// A small, fully specified random number generator, so that a scenario and its
// seed give the same events byte for byte on every machine and library: the
// standard library's distributions are not specified exactly, these are.
// xoshiro256** seeded through splitmix64 (both public-domain algorithms by
// Blackman and Vigna); normals by the Box-Muller transform.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace cepheus::testbench {

class Random {
 public:
  explicit Random(std::uint64_t seed) {
    for (std::uint64_t& word : state_) word = splitmix(seed);
  }

  // A seed for a named part of a scenario: the same name, the same stream.
  static std::uint64_t derive(std::uint64_t seed, std::string_view name) {
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
    for (const char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return seed ^ hash;
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1), 53 bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * unit(); }
  // Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  double normal(double mean, double deviation) {
    const double u1 = 1.0 - unit();  // (0, 1]: log is finite
    const double u2 = unit();
    return mean + deviation * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
  }
  // Exponential with the given mean (gaps of a Poisson process).
  double exponential(double mean) { return -mean * std::log(1.0 - unit()); }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_[4];
};

}  // namespace cepheus::testbench
