// Random streams: one Boost.Random engine per named stream, seeded by a documented hash.
//
// A stream's seed depends only on (scenario seed, replication index, stream key), so adding,
// removing or reordering streams never changes the numbers of another stream, and the same key
// always gives the same sequence (common random numbers across scenarios). There is no global
// engine. Thread safety: a RandomStream is not synchronised; give each thread its own streams.
//
// Seed derivation (copy of this formula is in the docs; changing it changes every result):
//   fnv1a64(key):  h = 0xcbf29ce484222325; for each byte b of key: h = (h ^ b) * 0x100000001b3
//   mix64(z):      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
//                  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;  return z ^ (z >> 31)
//   splitmix64(x): mix64(x + 0x9e3779b97f4a7c15)          (the SplitMix64 output function)
//   derive_seed(seed, rep, key) =
//       splitmix64( splitmix64( splitmix64(seed) ^ rep ) ^ fnv1a64(key) )
// All arithmetic is modulo 2^64. Each step is a bijection of its running value, so distinct
// (seed, rep) pairs never collide for a fixed key, and distinct keys collide only when their
// FNV-1a hashes do.
#pragma once

#include <cstdint>
#include <string_view>

#include <boost/random/mersenne_twister.hpp>  // boost::random::mt19937_64

namespace sim {

// FNV-1a 64-bit hash of the bytes of `text` (exposed for the documentation and tests).
std::uint64_t fnv1a64(std::string_view text);
// SplitMix64 output function: mix64(x + golden gamma). A bijection on 64-bit integers.
std::uint64_t splitmix64(std::uint64_t x);

// Seed of a stream; see the formula in the header comment.
std::uint64_t derive_seed(std::uint64_t scenario_seed, std::uint64_t replication,
                          std::string_view stream_key);

class RandomStream {
 public:
  using Engine = boost::random::mt19937_64;

  explicit RandomStream(std::uint64_t seed) : engine_(seed) {}
  RandomStream(std::uint64_t scenario_seed, std::uint64_t replication, std::string_view key)
      : RandomStream(derive_seed(scenario_seed, replication, key)) {}

  // In [0, 1): the top 53 bits of one engine output times 2^-53 (every value a multiple of
  // 2^-53, identical on every platform).
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // In (0, 1), safe for log(): (top 52 bits + 0.5) * 2^-52.
  double uniform_open01() { return (static_cast<double>(engine_() >> 12) + 0.5) * 0x1.0p-52; }

  // For Boost.Random distributions. Draws through it advance this stream.
  Engine& engine() { return engine_; }

 private:
  Engine engine_;
};

}  // namespace sim
