// `twotier run --parameter-sets` (see run_parameter_sets.hpp).
#include "apps/run_parameter_sets.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "analysis/experiments/experiment.hpp"
#include "analysis/experiments/progress_board.hpp"
#include "analysis/statistics/summary.hpp"
#include "apps/commands.hpp"
#include "apps/common_options.hpp"

namespace twotier::app {
namespace {

model::ModelSpec spec_at_set(const ParameterSetStudy& study, std::size_t scenario,
                             std::size_t set) {
  model::LoadOptions load = study.loads[scenario];
  for (std::string& o : study.sets.overrides(set))
    load.overrides.push_back(std::move(o));
  try {
    return model::load_scenario(study.scenarios[scenario], load);
  } catch (const model::ScenarioError& e) {
    throw model::ScenarioError(std::string(e.what()) + " (parameter set " + std::to_string(set) +
                               ")");
  }
}

// results[scenario][set]: the replications of each scenario at each set, counted on the
// progress board.
std::vector<std::vector<std::vector<model::ReplicationResult>>> simulate_sets(
    const ParameterSetStudy& study) {
  const std::size_t count = study.sets.values.size();
  std::vector<std::vector<std::vector<model::ReplicationResult>>> results(study.scenarios.size());
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t s = 0; s < study.scenarios.size(); ++s) {
      const model::ModelSpec spec = spec_at_set(study, s, k);
      analysis::ExperimentOptions experiment;
      experiment.replications = study.replications > 0 ? study.replications : spec.replications;
      experiment.threads = study.threads;
      experiment.progress = !study.quiet;
      if (k == 0 && s == 0)
        analysis::progress_board().expect(
            static_cast<int>(count * study.scenarios.size()) * experiment.replications,
            analysis::replication_days(spec));
      results[s].push_back(analysis::run_experiment(spec, experiment).replications);
    }
  }
  return results;
}

// A KPI on the terminal: fractions as percentages, others with one decimal.
std::string shown(const std::string& metric, double v) {
  if (analysis::is_fraction_metric(metric)) return analysis::percent_text(v);
  if (std::isnan(v)) return "-";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
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

void check_parameter_sets(const ParameterSetStudy& study) {
  for (std::size_t k = 0; k < study.sets.values.size(); ++k)
    for (std::size_t s = 0; s < study.scenarios.size(); ++s)
      (void)spec_at_set(study, s, k);
}

bool parameter_sets_ready(const ParameterSetStudy& study, bool warmup_auto,
                          const std::string& command) {
  if (warmup_auto) {
    std::cerr << command
              << ": error: --parameter-sets needs a fixed warm-up (the scenario has warmup = "
                 "\"auto\"; give --set scenario.warmup=Nd)\n";
    return false;
  }
  try {
    check_parameter_sets(study);
  } catch (const model::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return false;
  }
  return true;
}

int run_parameter_sets(const ParameterSetStudy& study) {
  const std::size_t count = study.sets.values.size();
  const auto results = simulate_sets(study);
  const analysis::UncertaintySummary summary =
      analysis::summarize_uncertainty(study.sets, results.front(), {}, study.confidence);
  analysis::write_uncertainty(summary, study.out);
  if (!study.quiet) {
    std::cout << "\nAssumption uncertainty over "
              << count_of(static_cast<long long>(count), "plausible parameter set") << " ("
              << count_of(static_cast<long long>(study.sets.parameters.size()), "parameter") << "; "
              << analysis::percent_text(study.confidence, 0)
              << " intervals: simulation noise | with assumption uncertainty):\n";
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
  rebuild_report(study.out, study.language);
  std::cout << "uncertainty written to " << (study.out / "uncertainty.csv").string() << " and "
            << (study.out / "sensitivity.csv").string() << "\n";
  return kExitOk;
}

int compare_parameter_sets(const ParameterSetStudy& study) {
  const std::size_t count = study.sets.values.size();
  const auto results = simulate_sets(study);
  std::vector<std::pair<std::string, analysis::UncertaintySummary>> alternatives;
  for (std::size_t s = 1; s < study.scenarios.size(); ++s)
    alternatives.emplace_back(study.names[s],
                              analysis::summarize_difference_uncertainty(
                                  study.sets, results[0], results[s], {}, study.confidence));
  analysis::write_comparison_uncertainty(alternatives, study.out);
  if (!study.quiet) {
    std::cout << "\nAssumption uncertainty over "
              << count_of(static_cast<long long>(count), "plausible parameter set") << " ("
              << analysis::percent_text(study.confidence, 0)
              << " intervals of the difference from the base: simulation noise | "
              << "with assumption uncertainty):\n";
    auto points = [](double v) { return analysis::percent_text(v, 2, true); };
    for (const auto& [name, summary] : alternatives)
      for (const auto& row : summary.rows)
        if (row.scope == "province" && row.metric == "on_time_rate")
          std::cout << "  " << name << ": province on-time rate " << points(row.mean) << " ["
                    << points(row.noise_low) << ", " << points(row.noise_high) << "] | ["
                    << points(row.total_low) << ", " << points(row.total_high) << "]\n";
  }
  rebuild_report(study.out, study.language);
  std::cout << "uncertainty written to " << (study.out / "comparison_uncertainty.csv").string()
            << " and " << (study.out / "comparison_sensitivity.csv").string() << "\n";
  return kExitOk;
}

}  // namespace twotier::app
