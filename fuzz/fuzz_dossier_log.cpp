// libFuzzer target over the dossier-log parser that `calibrate` and `backtest` read
// (docs/log-format.md) and the period checks on the log. The input format is in
// fuzz/log_input.hpp; .ci/fuzz.sh seeds it with the logs under tests/. A crash or an
// exception other than ScenarioError is a bug; save the input in tests/fuzz_regressions/logs/.
#include "fuzz/log_input.hpp"
#include "fuzz/scratch_folder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  twotier::fuzz::read_fuzz_log(data, size, twotier::fuzz::scratch_folder());
  return 0;
}
