// `twotier run --parameter-sets FILE`: after the run itself, the scenario at each plausible
// parameter set of a calibration, with common random numbers, and each KPI with two intervals
// (simulation noise; with assumption uncertainty) and a sensitivity table
// (analysis/experiments/parameter_uncertainty.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/experiments/parameter_uncertainty.hpp"
#include "analysis/reports/html_report.hpp"
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
  // report.html in `out` is rebuilt with the uncertainty section in this language.
  analysis::ReportLanguage language = analysis::ReportLanguage::kEnglish;
};

// Loads the scenario at every set, so a parameter the scenario rejects is bad input before any
// simulation. Throws model::ScenarioError naming the set.
void check_parameter_sets(const ParameterSetRun& run);

// Before any simulation: the scenario's warm-up is fixed (an automatic one would differ between
// sets) and every set loads. On bad input prints "<command>: error: ..." (or the loader's
// message) and returns false.
bool parameter_sets_ready(const ParameterSetRun& run, bool warmup_auto, const std::string& command);

// Runs every set, writes uncertainty.csv and sensitivity.csv into run.out and prints the
// headline KPIs with both intervals (unless quiet). Returns the process exit code.
int run_parameter_sets(const ParameterSetRun& run);

// `twotier compare --parameter-sets FILE`: after the comparison itself, every scenario at each
// plausible set (the same seed and replications: common random numbers across scenarios and
// sets) and each alternative's paired difference from the base with the two intervals.
struct ParameterSetComparison {
  std::vector<std::filesystem::path> scenarios;  // base first
  std::vector<model::LoadOptions> loads;         // per scenario: its overrides and the seed
  std::vector<std::string> names;                // as the comparison named them
  analysis::ParameterSets sets;
  int replications = 0;
  int threads = 0;
  double confidence = 0.95;
  std::filesystem::path out;
  bool quiet = false;
  // report.html in `out` is rebuilt with the uncertainty section in this language.
  analysis::ReportLanguage language = analysis::ReportLanguage::kEnglish;
};

// Loads every scenario at every set (bad input before any simulation). Throws ScenarioError.
void check_parameter_set_comparison(const ParameterSetComparison& comparison);

// Writes comparison_uncertainty.csv and comparison_sensitivity.csv; prints the province's
// on-time difference per alternative with both intervals (unless quiet).
int compare_parameter_sets(const ParameterSetComparison& comparison);

}  // namespace twotier::app
