// libFuzzer target over the scenario loader (TOML, extends, CSV tables, holiday table, unit
// parsers, cross-table checks). The input format is in fuzz/scenario_input.hpp; .ci/fuzz.sh
// builds the seed corpus from scenarios/ and tests/bad_inputs/. A crash or an exception other
// than ScenarioError is a bug; save the input in tests/fuzz_regressions/.
#include <unistd.h>  // mkdtemp

#include <cstdlib>
#include <filesystem>
#include <string>

#include "fuzz/scenario_input.hpp"

namespace {

// One scratch folder per fuzzing process, reused by every input.
const std::filesystem::path& scratch_folder() {
  static const std::filesystem::path folder = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "twotier_fuzz_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    return std::filesystem::path(pattern);
  }();
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  twotier::fuzz::load_fuzz_input(data, size, scratch_folder());
  return 0;
}
