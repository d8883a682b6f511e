// libFuzzer target over the scenario loader (TOML, extends, CSV tables, holiday table, unit
// parsers, cross-table checks). The input format is in fuzz/scenario_input.hpp; .ci/fuzz.sh
// builds the seed corpus from scenarios/ and tests/bad_inputs/. A crash or an exception other
// than ScenarioError is a bug; save the input in tests/fuzz_regressions/.
#include "fuzz/scenario_input.hpp"
#include "fuzz/scratch_folder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  twotier::fuzz::load_fuzz_input(data, size, twotier::fuzz::scratch_folder());
  return 0;
}
