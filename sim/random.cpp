#include "sim/random.hpp"

namespace sim {

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::uint64_t splitmix64(std::uint64_t x) {
  std::uint64_t z = x + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t derive_seed(std::uint64_t scenario_seed, std::uint64_t replication,
                          std::string_view stream_key) {
  const std::uint64_t by_scenario = splitmix64(scenario_seed);
  const std::uint64_t by_replication = splitmix64(by_scenario ^ replication);
  return splitmix64(by_replication ^ fnv1a64(stream_key));
}

std::uint64_t derive_day_seed(std::uint64_t stream_seed, std::int64_t serial_day) {
  return splitmix64(stream_seed ^ splitmix64(static_cast<std::uint64_t>(serial_day)));
}

}  // namespace sim
