// Every input in tests/fuzz_regressions/logs/ (see its README) is read or rejected with a
// ScenarioError: no crash, no other exception; the named cases get the expected verdict.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fuzz/log_input.hpp"
#include "tests/support/fuzz_replay.hpp"

namespace fs = std::filesystem;

TEST_CASE("dossier logs that once misbehaved are now read or rejected with a message",
          "[fuzz_regressions][calibration]") {
  const std::vector<fs::path> inputs = twotier::test::fuzz_inputs(
      fs::path(TWOTIER_SOURCE_DIR) / "tests" / "fuzz_regressions" / "logs");
  REQUIRE(inputs.size() >= 4);
  twotier::test::TempDir scratch("twotier_log_replay");
  for (const fs::path& input : inputs) {
    DYNAMIC_SECTION(input.filename().string()) {
      const std::string data = twotier::test::read_text(input);
      bool accepted = false;
      CHECK_NOTHROW(
          accepted = twotier::fuzz::read_fuzz_log(
              reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), scratch.path));
      const std::string name = input.filename().string();
      if (name == "valid_small_log" || name == "steps_after_separator") CHECK(accepted);
      if (name == "one_row_dated_1926" || name == "one_dossier") CHECK_FALSE(accepted);
    }
  }
}
