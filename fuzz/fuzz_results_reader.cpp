// libFuzzer target over the results.h5 reader that `twotier report` uses: the input is written
// as a results.h5 and read. A failure must be a std::runtime_error naming the file (the command
// prints it); a crash is a bug (in our reader or in libhdf5: report it either way). .ci/fuzz.sh
// seeds it with the results.h5 of a short run.
#include <fstream>
#include <stdexcept>

#include "analysis/results/results_h5_reader.hpp"
#include "fuzz/scratch_folder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = twotier::fuzz::scratch_folder() / "results.h5";
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    (void)twotier::analysis::read_results_summary(file);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
