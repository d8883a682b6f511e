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

#include <array>

#include <boost/random/independent_bits.hpp>  // 64-bit outputs from a 32-bit engine
#include <boost/random/taus88.hpp>            // L'Ecuyer's combined Tausworthe generator

namespace sim {

// FNV-1a 64-bit hash of the bytes of `text` (exposed for the documentation and tests).
std::uint64_t fnv1a64(std::string_view text);
// SplitMix64 output function: mix64(x + golden gamma). A bijection on 64-bit integers.
std::uint64_t splitmix64(std::uint64_t x);

// Seed of a stream; see the formula in the header comment.
std::uint64_t derive_seed(std::uint64_t scenario_seed, std::uint64_t replication,
                          std::string_view stream_key);
// Seed of a stream's day-long substream (arrivals drawn per calendar day):
//   derive_day_seed(stream_seed, serial_day) = splitmix64(stream_seed ^ splitmix64(serial_day))
// with serial_day the date's days_from_civil (two's complement as uint64).
std::uint64_t derive_day_seed(std::uint64_t stream_seed, std::int64_t serial_day);

// Engine choice: L'Ecuyer's taus88 (period ~2^88, 12 bytes of state), two outputs per 64-bit
// draw. A province replication holds ~10^4 streams; with mt19937_64 (2.5 KB of state each)
// draws were cache-miss bound (31% of a replication's time). taus88 keeps a stream in one
// cache line; its period is far beyond the draws any stream makes in a run.
class RandomStream {
 public:
  using Engine = boost::random::independent_bits_engine<boost::random::taus88, 64, std::uint64_t>;

  // The three 32-bit component seeds come from SplitMix64 steps of `seed`, so all 64 bits of
  // the seed matter (seeding taus88 from one 32-bit value would make streams collide).
  explicit RandomStream(std::uint64_t seed) {
    std::array<std::uint32_t, 3> words{};
    std::uint64_t x = seed;
    for (auto& w : words) {
      x = splitmix64(x);
      w = static_cast<std::uint32_t>(x >> 32);
    }
    auto first = words.begin();
    engine_.seed(first, words.end());
  }
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
