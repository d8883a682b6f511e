// Replaying saved fuzz inputs in the test suite: the inputs of one folder of
// tests/fuzz_regressions (every regular file but READMEs, sorted) and the bytes of one.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/twotier_process.hpp"

namespace twotier::test {

inline std::vector<std::filesystem::path> fuzz_inputs(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() != ".md")
      inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

}  // namespace twotier::test
