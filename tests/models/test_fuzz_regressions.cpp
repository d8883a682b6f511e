// Every input in tests/fuzz_regressions/ (inputs that once crashed the loader, see its README)
// loads or is rejected with a ScenarioError: no crash, no other exception.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fuzz/scenario_input.hpp"
#include "tests/support/fuzz_replay.hpp"

namespace fs = std::filesystem;

TEST_CASE("inputs that once crashed the loader are now loaded or rejected with a message",
          "[fuzz_regressions]") {
  const std::vector<fs::path> inputs =
      twotier::test::fuzz_inputs(fs::path(TWOTIER_SOURCE_DIR) / "tests" / "fuzz_regressions");
  REQUIRE_FALSE(inputs.empty());
  twotier::test::TempDir scratch("twotier_fuzz_replay");
  for (const fs::path& input : inputs) {
    DYNAMIC_SECTION(input.filename().string()) {
      const std::string data = twotier::test::read_text(input);
      bool loaded = false;
      CHECK_NOTHROW(
          loaded = twotier::fuzz::load_fuzz_input(
              reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), scratch.path));
      if (input.filename() == "valid_minimal_scenario") CHECK(loaded);
    }
  }
}
