// One fuzz input as a scenario on disk: the bytes are split at each line "#=" into the
// scenario TOML and its tables (in kFuzzFileNames order; missing parts are not written), the
// parts are written to `folder`, and the scenario is loaded. Shared by the libFuzzer target
// (fuzz/fuzz_scenario_loader.cpp) and the test that replays inputs that once crashed
// (tests/models/test_fuzz_regressions.cpp). Returns normally when the scenario loads or is rejected
// with a ScenarioError; any other exception escapes (a bug: bad input must give a message).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "models/offered_load.hpp"
#include "models/scenario_loader.hpp"
#include "models/scenario_warnings.hpp"

namespace twotier::fuzz {

inline constexpr std::array<const char*, 8> kFuzzFileNames{
    "scenario.toml", "units.csv",    "procedures.csv", "steps.csv",
    "positions.csv", "arrivals.csv", "profiles.csv",   "holidays.csv"};
inline constexpr std::string_view kFuzzSeparator = "\n#=\n";

// Returns true if the scenario loaded, false if it was rejected with a ScenarioError.
inline bool load_fuzz_input(const std::uint8_t* data, std::size_t size,
                            const std::filesystem::path& folder) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t start = 0;
  for (const char* name : kFuzzFileNames) {
    const std::filesystem::path file = folder / name;
    std::error_code ec;
    std::filesystem::remove(file, ec);
    if (start > input.size()) continue;
    const std::size_t end = input.find(kFuzzSeparator, start);
    const std::string_view part =
        input.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::ofstream(file, std::ios::binary)
        .write(part.data(), static_cast<std::streamsize>(part.size()));
    start = end == std::string_view::npos ? input.size() + 1 : end + kFuzzSeparator.size();
  }
  try {
    const model::ModelSpec spec = model::load_scenario(folder / "scenario.toml");
    // What `twotier check` computes on a loaded scenario must not fail either.
    (void)model::offered_load(spec);
    (void)model::scenario_warnings(spec);
    return true;
  } catch (const model::ScenarioError&) {
    return false;
  }
}

}  // namespace twotier::fuzz
