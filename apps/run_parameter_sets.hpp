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

// One or more scenarios (base first) at every plausible parameter set: the same seed and
// replications everywhere, so scenarios and sets share common random numbers.
struct ParameterSetStudy {
  std::vector<std::filesystem::path> scenarios;  // `run`: one; `compare`: base first
  std::vector<model::LoadOptions> loads;  // per scenario: its overrides; each set's come after
  std::vector<std::string> names;         // compare: as the comparison named them
  analysis::ParameterSets sets;
  int replications = 0;  // 0: the scenario's
  int threads = 0;
  double confidence = 0.95;
  std::filesystem::path out;
  bool quiet = false;
  // report.html in `out` is rebuilt with the uncertainty section in this language.
  analysis::ReportLanguage language = analysis::ReportLanguage::kEnglish;
};

// Loads every scenario at every set, so a parameter a scenario rejects is bad input before any
// simulation. Throws model::ScenarioError naming the set.
void check_parameter_sets(const ParameterSetStudy& study);

// Before any simulation: the scenarios' warm-ups are fixed (an automatic one would differ
// between sets) and every set loads. On bad input prints "<command>: error: ..." (or the
// loader's message) and returns false.
bool parameter_sets_ready(const ParameterSetStudy& study, bool warmup_auto,
                          const std::string& command);

// `twotier run --parameter-sets FILE`: runs the (one) scenario at every set, writes
// uncertainty.csv and sensitivity.csv into study.out and prints the headline KPIs with both
// intervals (unless quiet). Returns the process exit code.
int run_parameter_sets(const ParameterSetStudy& study);

// `twotier compare --parameter-sets FILE`: after the comparison itself, every scenario at each
// set and each alternative's paired difference from the base with the two intervals. Writes
// comparison_uncertainty.csv and comparison_sensitivity.csv; prints the province's on-time
// difference per alternative with both intervals (unless quiet).
int compare_parameter_sets(const ParameterSetStudy& study);

}  // namespace twotier::app
