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

model::ModelSpec spec_at_set(const std::filesystem::path& scenario, model::LoadOptions load,
                             const analysis::ParameterSets& sets, std::size_t set) {
  for (std::string& o : sets.overrides(set))
    load.overrides.push_back(std::move(o));
  try {
    return model::load_scenario(scenario, load);
  } catch (const model::ScenarioError& e) {
    throw model::ScenarioError(std::string(e.what()) + " (parameter set " + std::to_string(set) +
                               ")");
  }
}

model::ModelSpec spec_of_set(const ParameterSetRun& run, std::size_t set) {
  return spec_at_set(run.scenario, run.load, run.sets, set);
}

std::vector<model::ReplicationResult> replicate(const model::ModelSpec& spec, int replications,
                                                int threads) {
  analysis::ExperimentOptions experiment;
  experiment.replications = replications > 0 ? replications : spec.replications;
  experiment.threads = threads;
  return analysis::run_experiment(spec, experiment).replications;
}

void show_progress(bool quiet, std::size_t done, std::size_t count) {
  if (!quiet && isatty(fileno(stderr)))
    std::cerr << "\rparameter set " << done << " of " << count << std::flush;
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

// A difference of rates in percentage points, signed, one decimal.
std::string shown_points(double v) {
  if (std::isnan(v)) return "–";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%+.1f", 100.0 * v);
  return buffer;
}

// report.html again, now with the uncertainty section; a convenience, a failure only warns.
void rebuild_report(const std::filesystem::path& out, analysis::ReportLanguage language) {
  try {
    analysis::write_html_report(out, language);
  } catch (const std::exception& e) {
    std::cerr << "twotier: warning: report.html not rebuilt with the uncertainty: " << e.what()
              << "\n";
  }
}

}  // namespace

void check_parameter_sets(const ParameterSetRun& run) {
  for (std::size_t k = 0; k < run.sets.values.size(); ++k)
    (void)spec_of_set(run, k);
}

bool parameter_sets_ready(const ParameterSetRun& run, bool warmup_auto,
                          const std::string& command) {
  if (warmup_auto) {
    std::cerr << command
              << ": error: --parameter-sets needs a fixed warm-up (the scenario has warmup = "
                 "\"auto\"; give --set scenario.warmup=Nd)\n";
    return false;
  }
  try {
    check_parameter_sets(run);
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return false;
  }
  return true;
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
  rebuild_report(run.out, run.language);
  std::cout << "uncertainty written to " << (run.out / "uncertainty.csv").string() << " and "
            << (run.out / "sensitivity.csv").string() << "\n";
  return kExitOk;
}

void check_parameter_set_comparison(const ParameterSetComparison& c) {
  for (std::size_t k = 0; k < c.sets.values.size(); ++k)
    for (std::size_t s = 0; s < c.scenarios.size(); ++s)
      (void)spec_at_set(c.scenarios[s], c.loads[s], c.sets, k);
}

int compare_parameter_sets(const ParameterSetComparison& c) {
  const std::size_t count = c.sets.values.size();
  // results[scenario][set]: the replications of that scenario at that set.
  std::vector<std::vector<std::vector<model::ReplicationResult>>> results(c.scenarios.size());
  for (std::size_t k = 0; k < count; ++k) {
    show_progress(c.quiet, k + 1, count);
    for (std::size_t s = 0; s < c.scenarios.size(); ++s)
      results[s].push_back(
          replicate(spec_at_set(c.scenarios[s], c.loads[s], c.sets, k), c.replications, c.threads));
  }
  std::vector<std::pair<std::string, analysis::UncertaintySummary>> alternatives;
  for (std::size_t s = 1; s < c.scenarios.size(); ++s)
    alternatives.emplace_back(c.names[s], analysis::summarize_difference_uncertainty(
                                              c.sets, results[0], results[s], {}, c.confidence));
  analysis::write_comparison_uncertainty(alternatives, c.out);
  if (!c.quiet) {
    const int level = static_cast<int>(std::lround(100 * c.confidence));
    std::cout << "\nAssumption uncertainty over " << count << " plausible parameter sets (" << level
              << "% intervals of the difference from the base: simulation noise | "
              << "with assumption uncertainty):\n";
    for (const auto& [name, summary] : alternatives)
      for (const auto& row : summary.rows)
        if (row.scope == "province" && row.metric == "on_time_rate")
          std::cout << "  " << name << ": province on-time rate " << shown_points(row.mean) << " ["
                    << shown_points(row.noise_low) << ", " << shown_points(row.noise_high)
                    << "] | [" << shown_points(row.total_low) << ", "
                    << shown_points(row.total_high) << "] points"
                    << "\n";
  }
  rebuild_report(c.out, c.language);
  std::cout << "uncertainty written to " << (c.out / "comparison_uncertainty.csv").string()
            << " and " << (c.out / "comparison_sensitivity.csv").string() << "\n";
  return kExitOk;
}

}  // namespace twotier::app
