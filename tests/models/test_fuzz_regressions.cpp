// Every input in tests/fuzz_regressions/ (inputs that once crashed the loader, see its README)
// loads or is rejected with a ScenarioError: no crash, no other exception.
#include <unistd.h>  // mkdtemp

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fuzz/scenario_input.hpp"

namespace fs = std::filesystem;

TEST_CASE("inputs that once crashed the loader are now loaded or rejected with a message",
          "[fuzz_regressions]") {
  const fs::path corpus = fs::path(TWOTIER_SOURCE_DIR) / "tests" / "fuzz_regressions";
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.is_regular_file() && entry.path().extension() != ".md") {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  REQUIRE_FALSE(inputs.empty());

  std::string pattern = (fs::temp_directory_path() / "twotier_fuzz_replay_XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  const fs::path scratch = pattern;
  for (const fs::path& input : inputs) {
    DYNAMIC_SECTION(input.filename().string()) {
      std::ifstream in(input, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      const std::string data = bytes.str();
      bool loaded = false;
      CHECK_NOTHROW(loaded = twotier::fuzz::load_fuzz_input(
                        reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), scratch));
      if (input.filename() == "valid_minimal_scenario") CHECK(loaded);
    }
  }
  std::error_code ec;
  fs::remove_all(scratch, ec);
}
