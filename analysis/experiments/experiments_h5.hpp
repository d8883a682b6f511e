// The complete results.h5 of a compare, sweep or staff command (layout in
// docs/output-format.md, "results.h5 of compare, sweep and staff"): root attributes
// format_version and incomplete = 0, /metadata (build, command line, arguments, resolved
// scenario texts) and one group per experiment with its label and its replications' KPIs.
// Written under a temporary name and renamed over the journal of the run in progress. Not
// thread-safe (serial HDF5).
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "analysis/experiments/checkpointing_executor.hpp"

namespace twotier::analysis {

struct ExperimentsMetadata {
  std::string command;                 // "compare", "sweep", "staff"
  std::string command_line;            // as typed
  std::vector<std::string> arguments;  // the arguments that decide the results
  std::vector<std::string> inputs;     // the resolved scenario texts
  double wall_seconds = 0.0;           // of this process (a resumed run: since the resume)
};

// Throws std::runtime_error (with HDF5's message) on failure.
void write_experiments_h5(const std::filesystem::path& file, const ExperimentsMetadata& metadata,
                          std::span<const ExperimentRecord> experiments);

}  // namespace twotier::analysis
