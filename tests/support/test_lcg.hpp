// A small deterministic generator for the property checks of several test files (64-bit LCG,
// top 53 bits as a uniform double in [0, 1)). Not a simulation stream: tests only.
#pragma once

#include <cstdint>

namespace twotier::test {

struct Lcg {
  std::uint64_t state;
  double uniform() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * (1.0 / 9007199254740992.0);
  }
};

}  // namespace twotier::test
