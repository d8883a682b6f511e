// `twotier run --parameter-sets` (see run_parameter_sets.hpp).
#include "apps/run_parameter_sets.hpp"

#include <unistd.h>  // isatty

#include <cmath>
#include <cstdio>
#include <iostream>

#include "analysis/experiments/experiment.hpp"
#include "apps/commands.hpp"

namespace twotier::app {
namespace {

model::ModelSpec spec_of_set(const ParameterSetRun& run, std::size_t set) {
  model::LoadOptions load = run.load;
  for (std::string& o : run.sets.overrides(set))
    load.overrides.push_back(std::move(o));
  try {
    return model::load_scenario(run.scenario, load);
  } catch (const model::ScenarioError& e) {
    throw model::ScenarioError(std::string(e.what()) + " (parameter set " + std::to_string(set) +
                               ")");
  }
}

std::string shown(const std::string& metric, double v) {
  if (std::isnan(v)) return "–";
  char buffer[48];
  if (metric == "on_time_rate")
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * v);
  else
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

}  // namespace

void check_parameter_sets(const ParameterSetRun& run) {
  for (std::size_t k = 0; k < run.sets.values.size(); ++k)
    (void)spec_of_set(run, k);
}

int run_parameter_sets(const ParameterSetRun& run) {
  const std::size_t count = run.sets.values.size();
  std::vector<std::vector<model::ReplicationResult>> results;
  for (std::size_t k = 0; k < count; ++k) {
    const model::ModelSpec spec = spec_of_set(run, k);
    analysis::ExperimentOptions experiment;
    experiment.replications = run.replications > 0 ? run.replications : spec.replications;
    experiment.threads = run.threads;
    if (!run.quiet) std::cerr << "parameter set " << k + 1 << " of " << count << "\r" << std::flush;
    results.push_back(analysis::run_experiment(spec, experiment).replications);
  }
  const analysis::UncertaintySummary summary =
      analysis::summarize_uncertainty(run.sets, results, {}, run.confidence);
  analysis::write_uncertainty(summary, run.out);
  if (!run.quiet) {
    const int level = static_cast<int>(std::lround(100 * run.confidence));
    std::cout << "\nAssumption uncertainty over " << count << " plausible parameter sets ("
              << run.sets.parameters.size() << " parameters; " << level
              << "% intervals: simulation noise | with assumption uncertainty):\n";
    for (const auto& row : summary.rows) {
      if (row.scope != "province" && row.scope.rfind("tier:", 0) != 0) continue;
      if (row.metric != "on_time_rate" && row.metric != "overdue_open_end" &&
          row.metric != "backlog_end")
        continue;
      std::cout << "  " << row.scope << "  " << row.metric << "  " << shown(row.metric, row.mean)
                << "  [" << shown(row.metric, row.noise_low) << ", "
                << shown(row.metric, row.noise_high) << "] | [" << shown(row.metric, row.total_low)
                << ", " << shown(row.metric, row.total_high) << "]\n";
    }
    for (const auto& s : summary.sensitivity)
      if (s.scope == "province" && s.metric == "on_time_rate" && s.rank == 1)
        std::cout << "  the assumption that moves the province on-time rate most: " << s.parameter
                  << " (standardised coefficient " << shown("", s.coefficient) << ")\n";
  }
  std::cout << "uncertainty written to " << (run.out / "uncertainty.csv").string() << " and "
            << (run.out / "sensitivity.csv").string() << "\n";
  return kExitOk;
}

}  // namespace twotier::app
