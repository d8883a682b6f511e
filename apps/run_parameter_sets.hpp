// `twotier run --parameter-sets FILE`: after the run itself, the scenario at each plausible
// parameter set of a calibration, with common random numbers, and each KPI with two intervals
// (simulation noise; with assumption uncertainty) and a sensitivity table
// (analysis/experiments/parameter_uncertainty.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/experiments/parameter_uncertainty.hpp"
#include "models/scenario_loader.hpp"

namespace twotier::app {

struct ParameterSetRun {
  std::filesystem::path scenario;
  model::LoadOptions load;  // the run's own overrides; each set's are applied after them
  analysis::ParameterSets sets;
  int replications = 0;
  int threads = 0;
  double confidence = 0.95;
  std::filesystem::path out;
  bool quiet = false;
};

// Loads the scenario at every set, so a parameter the scenario rejects is bad input before any
// simulation. Throws model::ScenarioError naming the set.
void check_parameter_sets(const ParameterSetRun& run);

// Runs every set, writes uncertainty.csv and sensitivity.csv into run.out and prints the
// headline KPIs with both intervals (unless quiet). Returns the process exit code.
int run_parameter_sets(const ParameterSetRun& run);

}  // namespace twotier::app
