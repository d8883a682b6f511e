// Every input in tests/fuzz_regressions/logs/ (see its README) is read or rejected with a
// ScenarioError: no crash, no other exception; the named cases get the expected verdict.
#include <unistd.h>  // mkdtemp

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fuzz/log_input.hpp"

namespace fs = std::filesystem;

TEST_CASE("dossier logs that once misbehaved are now read or rejected with a message",
          "[fuzz_regressions][calibration]") {
  const fs::path corpus = fs::path(TWOTIER_SOURCE_DIR) / "tests" / "fuzz_regressions" / "logs";
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.is_regular_file() && entry.path().extension() != ".md")
      inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 4);
  std::string pattern = (fs::temp_directory_path() / "twotier_log_replay_XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  const fs::path scratch = pattern;
  for (const fs::path& input : inputs) {
    DYNAMIC_SECTION(input.filename().string()) {
      std::ifstream in(input, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      const std::string data = bytes.str();
      bool accepted = false;
      CHECK_NOTHROW(accepted = twotier::fuzz::read_fuzz_log(
                        reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), scratch));
      const std::string name = input.filename().string();
      if (name == "valid_small_log" || name == "steps_after_separator") CHECK(accepted);
      if (name == "one_row_dated_1926" || name == "one_dossier") CHECK_FALSE(accepted);
    }
  }
  fs::remove_all(scratch);
}
